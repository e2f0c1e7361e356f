"""Run by test_malformed_notifications: identical signed webhooks at once against a file SQLite database.

A separate process, because the test database of the suite is SQLite in memory, which locks differently
from the file database the dev server uses.
Usage: concurrent_webhooks.py [deliveries] [rounds]; prints {"statuses": [...], "rows": n} as JSON.
"""

import json
import os
import sys
import threading

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "naturwest.settings.test")
django.setup()

from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402

from integrations.models import ShippingWebhookLog  # noqa: E402
from integrations.shipping import services as shipping_services  # noqa: E402
from integrations.shipping.sendcloud.client import SendcloudClient  # noqa: E402

DELIVERIES = int(sys.argv[1]) if len(sys.argv) > 1 else 10
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 5


def main() -> None:
    # Recording is what races; only its table exists here, so nothing is handed on.
    shipping_services.receive_shipping_event = lambda event, log, stale: None
    with connection.schema_editor() as editor:
        editor.create_model(ShippingWebhookLog)
    connection.close()
    statuses = []
    for round_number in range(ROUNDS):
        body = json.dumps(
            {
                "action": "parcel_status_changed",
                "timestamp": 1790325265134 + round_number,
                "parcel": {"id": 7, "status": {"id": 11}},
            }
        ).encode()
        statuses += deliver_at_once(body)
    print(json.dumps({"statuses": statuses, "rows": ShippingWebhookLog.objects.count()}))


def deliver_at_once(body: bytes) -> list[int]:
    signature = SendcloudClient.from_settings().signature(body)
    barrier = threading.Barrier(DELIVERIES)
    statuses = []

    def deliver():
        client = Client(raise_request_exception=False)
        barrier.wait()
        response = client.post(
            "/integrations/sendcloud/webhook/",
            data=body,
            content_type="application/json",
            HTTP_SENDCLOUD_SIGNATURE=signature,
        )
        statuses.append(response.status_code)
        connections.close_all()

    threads = [threading.Thread(target=deliver) for _ in range(DELIVERIES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


main()
