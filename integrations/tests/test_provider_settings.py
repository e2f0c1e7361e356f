"""Provider settings: sandbox defaults for dev, production refusing them unless opted in, the deploy warning W001."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from naturwest.settings.providers import SANDBOX_CREDENTIALS, sandbox_problems

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "x7Gk2p9Qw4Lm8Zr1Tn6Yv3Bc5Hd0Jf2Ks7Ua9We4Ri1Op6As3Df8Gh5Jk2Lz0Xc"
LIVE_PROVIDERS = {
    "VENDO_BASE_URL": "https://secure.vend-o.com",
    "VENDO_MERCHANT_ID": "123",
    "VENDO_SITE_ID": "456",
    "VENDO_API_SECRET": "live-api-secret",
    "VENDO_SHARED_SECRET": "live-shared-secret",
    "VENDO_POSTBACK_TOKEN": "a-long-random-token-0123456789",
    "VENDO_POSTBACK_ALLOWED_IPS": "192.0.2.0/24",
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


def test_public_staging_on_sandbox_gets_warning_w001():
    done = run_production(
        "check", "--deploy", SITE_URL="https://staging.naturwest.example", PROVIDERS_SANDBOX_ALLOWED="true"
    )

    assert "integrations.W001" in done.stderr + done.stdout


def test_ci_dummy_production_environment_passes_the_deploy_check():
    """.ci/run's invocation: production settings, loopback SITE_URL, the explicit sandbox opt-in."""
    done = run_production("check", "--deploy", "--fail-level", "WARNING", PROVIDERS_SANDBOX_ALLOWED="true")

    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


def test_real_provider_values_pass_the_deploy_check_without_the_opt_in():
    done = run_production(
        "check", "--deploy", "--fail-level", "WARNING", SITE_URL="https://shop.naturwest.example", **LIVE_PROVIDERS
    )

    assert done.returncode == 0, done.stdout + done.stderr


def setup_production(**overrides: str) -> subprocess.CompletedProcess:
    """Load the production settings and set Django up, as every production process does first."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VENDO_", "SENDCLOUD_", "PROVIDERS_", "SITE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="naturwest.settings.production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="shop.naturwest.example",
        SITE_URL="https://shop.naturwest.example",
    )
    env.update(overrides)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_on_the_sandbox_defaults():
    done = setup_production()

    assert done.returncode != 0
    assert "ImproperlyConfigured: Production settings refuse sandbox or missing provider settings" in done.stderr
    for name in ("VENDO_BASE_URL", "SENDCLOUD_BASE_URL", "VENDO_API_SECRET", "VENDO_POSTBACK_TOKEN"):
        assert name in done.stderr
    assert "VENDO_POSTBACK_TOKEN (the published sandbox default)" in done.stderr
    assert "PROVIDERS_SANDBOX_ALLOWED=true" in done.stderr
    assert SANDBOX_CREDENTIALS["VENDO_API_SECRET"] not in done.stderr  # named, never shown


@pytest.mark.parametrize(
    ("name", "value", "reason"),
    [
        ("VENDO_BASE_URL", "https://shop.naturwest.example/_sandbox/vendo", "sandbox URL"),
        ("SENDCLOUD_BASE_URL", "http://127.0.0.1:8765", "local URL"),
        ("VENDO_POSTBACK_TOKEN", SANDBOX_CREDENTIALS["VENDO_POSTBACK_TOKEN"], "the published sandbox default"),
        ("SENDCLOUD_SECRET_KEY", SANDBOX_CREDENTIALS["SENDCLOUD_SECRET_KEY"], "the published sandbox default"),
        ("VENDO_TEST_MODE", "true", "true: every payment is a test payment"),
    ],
)
def test_production_refuses_a_single_sandbox_setting_and_names_it(name, value, reason):
    done = setup_production(**{**LIVE_PROVIDERS, name: value})

    assert done.returncode != 0
    assert f"{name} ({reason}" in done.stderr


def test_production_starts_against_the_sandboxes_with_the_explicit_opt_in():
    done = setup_production(PROVIDERS_SANDBOX_ALLOWED="true")

    assert done.returncode == 0, done.stderr


def test_production_starts_with_real_looking_provider_values():
    done = setup_production(**LIVE_PROVIDERS)

    assert done.returncode == 0, done.stderr


def test_the_opt_in_and_live_contradict_each_other():
    done = setup_production(PROVIDERS_SANDBOX_ALLOWED="true", PROVIDERS_LIVE="true", **LIVE_PROVIDERS)

    assert done.returncode != 0
    assert "contradict each other" in done.stderr


def _values(**overrides):
    values = {
        "SANDBOX_MOUNT": "https://shop.naturwest.example/_sandbox",
        "SENDCLOUD_SERVICE_POINTS_URL": "",
        **{k: v for k, v in LIVE_PROVIDERS.items() if k != "VENDO_POSTBACK_ALLOWED_IPS"},
        "VENDO_TEST_MODE": False,
    }
    values.update(overrides)
    return values


def test_real_values_have_no_problems():
    assert sandbox_problems(_values()) == []


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"VENDO_API_SECRET": ""}, "VENDO_API_SECRET (not set)"),
        ({"VENDO_POSTBACK_TOKEN": "short-token"}, "VENDO_POSTBACK_TOKEN (shorter than 24 characters)"),
        (
            {"SENDCLOUD_BASE_URL": "http://panel.sendcloud.sc"},
            "SENDCLOUD_BASE_URL (not HTTPS: http://panel.sendcloud.sc)",
        ),
        ({"SENDCLOUD_SERVICE_POINTS_URL": "http://localhost:9000/sp"}, "SENDCLOUD_SERVICE_POINTS_URL (local URL"),
        ({"VENDO_MERCHANT_ID": SANDBOX_CREDENTIALS["VENDO_MERCHANT_ID"]}, "VENDO_MERCHANT_ID (the published sandbox"),
    ],
)
def test_each_sandbox_or_missing_value_is_named(overrides, expected):
    problems = sandbox_problems(_values(**overrides))

    assert len(problems) == 1
    assert problems[0].startswith(expected)
