import pytest


@pytest.fixture(autouse=True)
def _english(english):
    """Commerce tests assert service messages by their English msgids."""
