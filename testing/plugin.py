"""The pytest plugin of the shop's tests, registered in the root conftest.

Every fixture lives in one of these modules and is available to every app's tests; shop data is built with
`testing.factories`. A directory keeps a conftest only where a fixture name means something else there.
"""

pytest_plugins = [
    "testing.services",
    "testing.database",
    "testing.browser",
    "testing.site",
    "testing.shop",
    "testing.providers",
]
