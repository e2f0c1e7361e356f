from naturwest.tests.browser.conftest import browser, page  # noqa: F401
