"""The checkout driven through HTTP lives in `testing.checkout` (this module keeps older imports working)."""

from testing.checkout import ADDRESS, add, place, to_review, token_of  # noqa: F401
