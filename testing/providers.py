"""Payment and shipping providers for tests: sandboxes on real loopback ports, clients pointed at them,
and the shop on a live server wired to both, as `make run` is (but on loopback ports)."""

from __future__ import annotations

import pytest

VENDO = {
    "merchant_id": "4711",
    "site_id": "815",
    "api_secret": "test-api-secret",
    "shared_secret": "test-shared-secret",
}
POSTBACK_TOKEN = "test-postback-token-0123456789abcdef"
SENDCLOUD = {"public_key": "test-public-key", "secret_key": "test-secret-key"}
STAFF = "staff@naturwest.example"


def sendcloud_signer():
    """A Sendcloud client with the test keys, to sign webhook bodies as Sendcloud does."""
    from integrations.shipping.sendcloud.client import SendcloudClient

    return SendcloudClient(base_url="https://panel.sendcloud.sc", **SENDCLOUD)


@pytest.fixture
def provider_credentials(settings):
    """The shop's provider settings hold the test credentials (no server behind them)."""
    settings.VENDO_MERCHANT_ID = VENDO["merchant_id"]
    settings.VENDO_SITE_ID = VENDO["site_id"]
    settings.VENDO_API_SECRET = VENDO["api_secret"]
    settings.VENDO_SHARED_SECRET = VENDO["shared_secret"]
    settings.VENDO_POSTBACK_TOKEN = POSTBACK_TOKEN
    settings.VENDO_POSTBACK_ALLOWED_IPS = ["127.0.0.1/32"]
    settings.SENDCLOUD_PUBLIC_KEY = SENDCLOUD["public_key"]
    settings.SENDCLOUD_SECRET_KEY = SENDCLOUD["secret_key"]
    return settings


@pytest.fixture
def vendo_sandbox():
    from integrations.sandbox.server import SandboxServer
    from integrations.sandbox.vendo import VendoSandbox

    sandbox = VendoSandbox(**VENDO, postback_url="http://127.0.0.1:9/unused/")
    with SandboxServer(sandbox) as server:
        sandbox.base_url = server.base_url
        yield sandbox


@pytest.fixture
def vendo(vendo_sandbox):
    from integrations.payments.vendo.client import VendoClient

    return VendoClient(
        base_url=vendo_sandbox.base_url,
        **VENDO,
        postback_token=POSTBACK_TOKEN,
        postback_allowed_ips=["127.0.0.1/32", "10.20.0.0/16"],
        test_mode=True,
        connect_timeout=2,
        timeout=1.0,
    )


@pytest.fixture
def sendcloud_sandbox():
    from integrations.sandbox.sendcloud import SendcloudSandbox
    from integrations.sandbox.server import SandboxServer

    sandbox = SendcloudSandbox(**SENDCLOUD, webhook_url="http://127.0.0.1:9/unused/")
    with SandboxServer(sandbox) as server:
        sandbox.base_url = server.base_url
        yield sandbox


@pytest.fixture
def sendcloud(sendcloud_sandbox):
    from integrations.shipping.sendcloud.client import SendcloudClient

    return SendcloudClient(base_url=sendcloud_sandbox.base_url, **SENDCLOUD, connect_timeout=2, timeout=1.0)


@pytest.fixture
def provider_shop(provider_credentials, live_server, vendo_sandbox, sendcloud_sandbox):
    """The shop on a live server, wired to both sandboxes over real HTTP (the `shop` of integrations tests)."""
    settings = provider_credentials
    settings.VENDO_BASE_URL = vendo_sandbox.base_url
    settings.VENDO_TIMEOUT = 2.0
    settings.SENDCLOUD_BASE_URL = sendcloud_sandbox.base_url
    settings.SENDCLOUD_TIMEOUT = 0.5
    settings.STAFF_ALERT_EMAILS = [STAFF]
    settings.SHIPPING_RETRY_BASE_SECONDS = 0
    sendcloud_sandbox.timeout_seconds = 1.0
    vendo_sandbox.postback_url = f"{live_server.url}/integrations/vendo/postback/{POSTBACK_TOKEN}/"
    sendcloud_sandbox.webhook_url = f"{live_server.url}/integrations/sendcloud/webhook/"
    return settings
