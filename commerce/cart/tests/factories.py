"""Cart test data; the factories live in `testing.factories` (this module keeps older imports working)."""

from testing.checkout import SAME_ORIGIN  # noqa: F401
from testing.factories import add_category as make_category  # noqa: F401
from testing.factories import add_product as make_product  # noqa: F401
from testing.factories import cart_with, make_code, make_shop, make_variant  # noqa: F401
from testing.factories import guest_context as anonymous  # noqa: F401
