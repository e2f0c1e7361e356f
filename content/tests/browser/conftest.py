"""Browser fixtures for the content tests.

`page` comes from the platform's browser conftest. `browser` is re-declared here with module
scope: two session-scoped sync Playwright instances (ours and naturwest's) cannot run in one
pytest session, so ours is closed again before the next directory's tests start.
"""

import pytest

from naturwest.tests.browser.conftest import CHROMIUM_ARGS, page  # noqa: F401


@pytest.fixture(scope="module")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
