"""The suite is independent of what else runs on the machine: no test reaches the dev port."""

import urllib.error
import urllib.request

import pytest
from django.conf import settings


def test_unconfigured_providers_point_at_a_closed_port_not_the_dev_server():
    for name in ("VENDO_BASE_URL", "SENDCLOUD_BASE_URL"):
        assert getattr(settings, name).startswith("http://127.0.0.1:9/_sandbox/"), name


def test_the_foreign_server_on_the_dev_port_records_what_reaches_it(foreign_dev_server):
    if foreign_dev_server is None:
        pytest.skip("port 8000 is taken by another process (e.g. `make run`); nothing to record with")
    before = len(foreign_dev_server.requests)

    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen("http://127.0.0.1:8000/_sandbox/sendcloud/api/v2/shipping_methods", timeout=5)

    assert refused.value.code == 503
    assert foreign_dev_server.requests[before:] == [
        "GET /_sandbox/sendcloud/api/v2/shipping_methods (Host: 127.0.0.1:8000)"
    ]
    del foreign_dev_server.requests[before:]  # this request was ours, on purpose
