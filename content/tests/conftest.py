"""Page helpers live in `testing.factories`, the fixtures in the `testing` plugin; older imports keep working."""

from testing.factories import LEGAL_PATHS, build_framed_shop, publish, translate  # noqa: F401
from testing.factories import publish_product as make_product  # noqa: F401
