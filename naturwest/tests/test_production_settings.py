"""Production settings refuse weak secrets and pass Django's deployment checklist."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "x7Gk2p9Qw4Lm8Zr1Tn6Yv3Bc5Hd0Jf2Ks7Ua9We4Ri1Op6As3Df8Gh5Jk2Lz0Xc"


def run_manage(*args: str, **env_overrides: str) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE", "PROVIDERS_SANDBOX_ALLOWED"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "naturwest.settings.production",
            "ALLOWED_HOSTS": "shop.naturwest.example",
            "DATABASE_URL": "sqlite:////tmp/naturwest-deploycheck.sqlite3",
        }
    )
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key():
    done = run_manage("check")

    assert done.returncode != 0
    assert "SECRET_KEY is not set" in done.stderr


@pytest.mark.parametrize("weak_key", ["short", "a" * 80, "django-insecure-" + "k" * 60])
def test_production_refuses_a_weak_secret_key(weak_key):
    done = run_manage("check", SECRET_KEY=weak_key)

    assert done.returncode != 0
    assert "SECRET_KEY is too weak" in done.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    done = run_manage("check", SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="")

    assert done.returncode != 0
    assert "ALLOWED_HOSTS is not set" in done.stderr


def test_check_deploy_is_clean_with_a_proper_environment():
    done = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=STRONG_KEY, PROVIDERS_SANDBOX_ALLOWED="true"
    )

    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


def test_production_refuses_public_media_on_gcs_without_a_private_bucket():
    done = run_manage("check", SECRET_KEY=STRONG_KEY, GS_BUCKET_NAME="naturwest-media")

    assert done.returncode != 0
    assert "GS_PRIVATE_BUCKET_NAME is not" in done.stderr


def test_production_refuses_the_public_bucket_as_the_private_one():
    done = run_manage(
        "check", SECRET_KEY=STRONG_KEY, GS_BUCKET_NAME="naturwest-media", GS_PRIVATE_BUCKET_NAME="naturwest-media"
    )

    assert done.returncode != 0
    assert "must not be the public media bucket" in done.stderr


def test_private_documents_go_to_a_private_bucket_with_signed_urls_and_public_media_stays_public():
    show = (
        "import json; from django.conf import settings; "
        "print(json.dumps({alias: settings.STORAGES[alias] for alias in ('default', 'private')}, default=str))"
    )
    done = run_manage(
        "shell",
        "-c",
        show,
        SECRET_KEY=STRONG_KEY,
        GS_BUCKET_NAME="naturwest-media",
        GS_PRIVATE_BUCKET_NAME="naturwest-private",
        PRIVATE_DOCUMENT_URL_SECONDS="120",
        PROVIDERS_SANDBOX_ALLOWED="true",
    )

    assert done.returncode == 0, done.stderr
    storages = json.loads(done.stdout.strip().splitlines()[-1])
    assert storages["default"]["OPTIONS"]["default_acl"] == "publicRead"
    private = storages["private"]
    assert private["BACKEND"] == "storages.backends.gcloud.GoogleCloudStorage"
    assert private["OPTIONS"]["bucket_name"] == "naturwest-private"
    assert private["OPTIONS"]["default_acl"] is None
    assert private["OPTIONS"]["querystring_auth"] is True
    assert private["OPTIONS"]["expiration"] == "0:02:00"


def test_without_a_bucket_private_documents_stay_outside_the_media_root():
    show = "from django.conf import settings as s; print(s.STORAGES['private']['BACKEND'], s.PRIVATE_MEDIA_ROOT)"
    done = run_manage("shell", "-c", show, SECRET_KEY=STRONG_KEY, PROVIDERS_SANDBOX_ALLOWED="true")

    assert done.returncode == 0, done.stderr
    backend, root = done.stdout.strip().splitlines()[-1].split()
    assert backend == "commerce.orders.private_documents.PrivateFileSystemStorage"
    assert Path(root) == ROOT / "var" / "private"
