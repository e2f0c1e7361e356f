"""The dev server's WSGI app serves both sandboxes under /_sandbox/<name>/, speaking to the default settings."""

import base64

from django.core.wsgi import get_wsgi_application
from werkzeug.test import Client as WSGIClient

from integrations.payments.vendo.client import VendoClient
from integrations.sandbox.mount import mount_sandboxes
from integrations.sandbox.registry import load_sandboxes


def dev_app():
    return WSGIClient(mount_sandboxes(get_wsgi_application(), load_sandboxes()))


def test_sendcloud_sandbox_answers_under_its_mount_with_the_default_credentials(settings):
    token = base64.b64encode(f"{settings.SENDCLOUD_PUBLIC_KEY}:{settings.SENDCLOUD_SECRET_KEY}".encode()).decode()

    response = dev_app().get("/_sandbox/sendcloud/api/v2/parcels/statuses", headers={"Authorization": f"Basic {token}"})

    assert response.status_code == 200
    assert {"id": 11, "message": "Delivered"} in response.json


def test_vendo_sandbox_accepts_a_link_signed_by_the_default_client(settings):
    from integrations.payments.tests.test_vendo_client import payment_request

    url = VendoClient.from_settings(base_url="http://localhost/_sandbox/vendo").start_payment(payment_request()).url

    response = dev_app().get(url.removeprefix("http://localhost"))

    assert response.status_code == 200
    assert b'id="pay-success"' in response.data
