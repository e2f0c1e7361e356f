"""Provider settings: sandbox defaults for dev, refusal with PROVIDERS_LIVE, the deploy warning W001."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "x7Gk2p9Qw4Lm8Zr1Tn6Yv3Bc5Hd0Jf2Ks7Ua9We4Ri1Op6As3Df8Gh5Jk2Lz0Xc"
LIVE_PROVIDERS = {
    "VENDO_BASE_URL": "https://secure.vend-o.com",
    "VENDO_MERCHANT_ID": "123",
    "VENDO_SITE_ID": "456",
    "VENDO_API_SECRET": "live-api-secret",
    "VENDO_SHARED_SECRET": "live-shared-secret",
    "VENDO_POSTBACK_TOKEN": "a-long-random-token-0123456789",
    "VENDO_TEST_MODE": "false",
    "SENDCLOUD_BASE_URL": "https://panel.sendcloud.sc",
    "SENDCLOUD_PUBLIC_KEY": "live-public",
    "SENDCLOUD_SECRET_KEY": "live-secret",
}


def run_production(*args: str, **overrides: str) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("VENDO_", "SENDCLOUD_", "PROVIDERS_", "SITE_URL", "DJANGO_ALLOW_ASYNC"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "naturwest.settings.production",
            "SECRET_KEY": STRONG_KEY,
            "ALLOWED_HOSTS": "shop.naturwest.example",
            "DATABASE_URL": "sqlite:////tmp/naturwest-integrations-deploycheck.sqlite3",
        }
    )
    env.update(overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_dev_defaults_point_at_the_mounted_sandboxes():
    # The dev module's values: the test settings point the providers at a closed port instead.
    from naturwest.settings import dev

    assert f"{dev.SITE_URL}/_sandbox/vendo" == dev.VENDO_BASE_URL
    assert f"{dev.SITE_URL}/_sandbox/sendcloud" == dev.SENDCLOUD_BASE_URL


def test_live_providers_refuse_to_start_with_sandbox_settings():
    done = run_production("check", PROVIDERS_LIVE="true")

    assert done.returncode != 0
    assert "PROVIDERS_LIVE=true but these provider settings still use the sandbox: VENDO_BASE_URL" in done.stderr


def test_live_providers_start_with_real_settings():
    done = run_production("check", PROVIDERS_LIVE="true", SITE_URL="https://shop.naturwest.example", **LIVE_PROVIDERS)

    assert done.returncode == 0, done.stderr


def test_public_deployment_on_sandbox_gets_warning_w001():
    done = run_production("check", "--deploy", SITE_URL="https://shop.naturwest.example")

    assert "integrations.W001" in done.stderr + done.stdout


def test_ci_dummy_production_environment_passes_the_deploy_check():
    done = run_production("check", "--deploy", "--fail-level", "WARNING")

    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout
