import json
import os
import subprocess
import sys

import pytest
from django.urls import reverse


def test_healthz_answers_without_touching_the_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_is_200_when_every_dependency_answers(client, db):
    response = client.get(reverse("readyz"))

    assert response.status_code == 200
    body = response.json()
    assert body["failed"] == []
    assert body["checks"] == {"database": "ok", "cache": "ok", "broker": "ok"}


def test_readyz_names_the_database_when_it_fails(client, db, monkeypatch):
    from naturwest import health

    def broken():
        raise ConnectionError("db down")

    monkeypatch.setitem(health.CHECKS, "database", broken)

    response = client.get(reverse("readyz"))

    assert response.status_code == 503
    assert response.json()["failed"] == ["database"]


@pytest.mark.redis
def test_readyz_is_200_against_the_real_redis(redis_url):
    result = _readyz_in_subprocess(redis_url)

    assert result["status_code"] == 200, result
    assert result["body"]["failed"] == []


def test_readyz_is_503_naming_cache_and_broker_when_redis_url_is_wrong():
    """A Redis that is not there: the probe fails fast and says which dependencies are down."""
    result = _readyz_in_subprocess("redis://127.0.0.1:1/0")

    assert result["status_code"] == 503, result
    assert result["body"]["failed"] == ["broker", "cache"]
    assert result["body"]["checks"]["database"] == "ok"


READYZ_SCRIPT = """
import json, django
django.setup()
from django.test import Client
response = Client().get("/readyz", HTTP_HOST="localhost")
print(json.dumps({"status_code": response.status_code, "body": response.json()}))
"""


def _readyz_in_subprocess(redis_url: str) -> dict:
    # A fresh process, so the settings are built from REDIS_URL exactly as in production
    # (dev, not test settings: the test settings keep the cache in memory per test process).
    env = {
        **os.environ,
        "REDIS_URL": redis_url,
        "DJANGO_SETTINGS_MODULE": "naturwest.settings.dev",
        "DATABASE_URL": "sqlite://:memory:",
    }
    done = subprocess.run(
        [sys.executable, "-c", READYZ_SCRIPT], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])
