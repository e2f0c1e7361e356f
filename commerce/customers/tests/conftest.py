"""Shopper fixtures come from the `testing` plugin; older imports of the password keep working."""

from testing.factories import PASSWORD  # noqa: F401
