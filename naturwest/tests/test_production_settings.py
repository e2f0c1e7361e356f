"""Production settings refuse weak secrets and pass Django's deployment checklist."""

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
