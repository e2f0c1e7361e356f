"""Order test data; the factories live in `testing.factories` (this module keeps older imports working)."""

from testing.factories import ADDRESS, DHL, order_for, priced_line  # noqa: F401
from testing.factories import standalone_variant as make_variant  # noqa: F401
from testing.factories import tree_root as _root  # noqa: F401
