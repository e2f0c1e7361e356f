import pytest

# The sandboxes on loopback ports and the shop wired to them, for every test under integrations/.
from integrations.tests.sandboxes import sendcloud, sendcloud_sandbox, shop, vendo, vendo_sandbox  # noqa: F401


@pytest.fixture(autouse=True)
def _english(english):
    """Commerce tests assert service messages by their English msgids."""
