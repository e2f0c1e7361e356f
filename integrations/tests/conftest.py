"""Sandboxes on real loopback ports and production clients pointed at them."""

from __future__ import annotations

import pytest

from integrations.payments.vendo.client import VendoClient
from integrations.payments.vendo.sandbox import VendoSandbox
from integrations.sandbox.server import SandboxServer

VENDO = {
    "merchant_id": "4711",
    "site_id": "815",
    "api_secret": "test-api-secret",
    "shared_secret": "test-shared-secret",
}
POSTBACK_TOKEN = "test-postback-token-0123456789abcdef"


@pytest.fixture
def vendo_sandbox():
    sandbox = VendoSandbox(**VENDO, postback_url="http://127.0.0.1:9/unused/")
    with SandboxServer(sandbox) as server:
        sandbox.base_url = server.base_url
        yield sandbox


@pytest.fixture
def vendo(vendo_sandbox) -> VendoClient:
    return VendoClient(
        base_url=vendo_sandbox.base_url,
        **VENDO,
        postback_token=POSTBACK_TOKEN,
        postback_allowed_ips=["127.0.0.1/32", "10.20.0.0/16"],
        test_mode=True,
        connect_timeout=2,
        timeout=1.0,
    )


SENDCLOUD = {"public_key": "test-public-key", "secret_key": "test-secret-key"}


@pytest.fixture
def sendcloud_sandbox():
    from integrations.shipping.sendcloud.sandbox import SendcloudSandbox

    sandbox = SendcloudSandbox(**SENDCLOUD, webhook_url="http://127.0.0.1:9/unused/")
    with SandboxServer(sandbox) as server:
        sandbox.base_url = server.base_url
        yield sandbox


@pytest.fixture
def sendcloud(sendcloud_sandbox):
    from integrations.shipping.sendcloud.client import SendcloudClient

    return SendcloudClient(base_url=sendcloud_sandbox.base_url, **SENDCLOUD, connect_timeout=2, timeout=1.0)
