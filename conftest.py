"""The fixtures of every app's tests come from the `testing` plugin (docs/testing.md)."""

import pytest

pytest.register_assert_rewrite("testing")

from testing.browser import _new_page  # noqa: E402
from testing.services import REQUIRE_SERVICES, service_unavailable  # noqa: E402

pytest_plugins = ["testing.plugin"]

__all__ = ["REQUIRE_SERVICES", "_new_page", "service_unavailable"]
