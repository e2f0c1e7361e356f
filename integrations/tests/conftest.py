"""Provider fixtures come from the `testing` plugin; older imports of the test credentials keep working."""

from testing.providers import POSTBACK_TOKEN, SENDCLOUD, STAFF, VENDO  # noqa: F401
