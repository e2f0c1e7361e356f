"""The checkout driven through HTTP lives in `testing.checkout` (this module keeps older imports working)."""

from testing.checkout import (  # noqa: F401
    ADDRESS,
    add,
    place,
    priced,
    shown_in_html,
    shown_in_text,
    to_review,
    token_of,
)
