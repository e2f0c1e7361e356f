"""Lockout policy: hard limits per (account, address) and per address, only a slow-down per account."""

import pytest
from allauth.core.internal.ratelimit import parse_rates
from django.core.cache import cache

from commerce.customers import login_throttle

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN_URL = "/account/login/"
WRONG = "falsch-falsch"
ATTACKER = "203.0.113.7"
VICTIM = "198.51.100.20"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _log_in(client, email, password=PASSWORD, ip=VICTIM):
    client.cookies.clear()
    return client.post(LOGIN_URL, {"login": email, "password": password}, REMOTE_ADDR=ip)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_wrong_passwords_from_another_address_do_not_lock_the_owner_out(client, shopper, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        _log_in(client, "anna@example.com", password=WRONG, ip=ATTACKER)

    response = _log_in(client, "anna@example.com", ip=VICTIM)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(shopper.pk)


def test_the_attacking_address_is_blocked_for_that_account_even_with_the_right_password(client, shopper, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _log_in(client, "anna@example.com", password=WRONG, ip=ATTACKER)

    response = _log_in(client, "anna@example.com", ip=ATTACKER)

    assert response.status_code == 200
    assert "Zu viele gescheiterte Anmeldeversuche" in response.content.decode()
    assert not _signed_in(client)


def test_many_failures_across_accounts_block_the_address(client, make_shopper):
    """allauth's 30 per hour per address: spraying one password over many e-mails stops there."""
    ben = make_shopper(email="ben@example.com")
    for n in range(30):
        _log_in(client, f"kunde{n}@example.com", password=WRONG, ip=ATTACKER)
        if n % 9 == 8:  # a minute passes: the per-minute limits reset, the hourly one must bite on its own
            _forget_the_last_minute(ATTACKER)

    blocked = _log_in(client, "ben@example.com", ip=ATTACKER)
    elsewhere = _log_in(client, "ben@example.com", ip=VICTIM)

    assert "Zu viele gescheiterte Anmeldeversuche" in blocked.content.decode()
    assert elsewhere.status_code == 302
    assert client.session["_auth_user_id"] == str(ben.pk)


def _forget_the_last_minute(ip):
    for action, rates in settings_rate_limits().items():
        for rate in parse_rates(rates):
            if rate.per == "ip" and rate.duration <= 60:
                cache.delete(f"allauth:rl:allauth.account:{action}:{rate}:ip:{ip}")


def settings_rate_limits():
    from django.conf import settings

    return settings.ACCOUNT_RATE_LIMITS


def test_failures_from_many_addresses_only_slow_the_account_down(client, shopper, settings, monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(login_throttle, "clock", lambda: now[0])
    for n in range(settings.LOGIN_ACCOUNT_SLOWDOWN_AFTER):
        _log_in(client, "anna@example.com", password=WRONG, ip=f"203.0.113.{n + 10}")

    slowed = _log_in(client, "anna@example.com", ip=VICTIM)
    now[0] += settings.LOGIN_ACCOUNT_SLOWDOWN_SECONDS
    after_waiting = _log_in(client, "anna@example.com", ip=VICTIM)

    assert slowed.status_code == 200
    assert "Bitte warten Sie einige Sekunden" in slowed.content.decode()
    assert after_waiting.status_code == 302
    assert client.session["_auth_user_id"] == str(shopper.pk)


def test_attempts_refused_by_the_lockout_do_not_feed_the_slow_down(client, shopper, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT + settings.LOGIN_ACCOUNT_SLOWDOWN_AFTER):
        _log_in(client, "anna@example.com", password=WRONG, ip=ATTACKER)

    assert login_throttle.seconds_to_wait("anna@example.com") == 0
    assert _log_in(client, "anna@example.com", ip=VICTIM).status_code == 302


def test_the_admin_login_still_locks_out_after_five_failures(client, django_user_model, settings):
    django_user_model.objects.create_superuser("editor", "editor@example.com", "correct-horse-battery")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "editor", "password": WRONG}, REMOTE_ADDR="10.0.0.7")

    response = client.post(
        "/admin/login/", {"username": "editor", "password": "correct-horse-battery"}, REMOTE_ADDR="10.0.0.7"
    )

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_behind_a_trusted_proxy_the_owner_is_told_apart_from_the_attacker(client, shopper, settings):
    settings.PROVIDERS_TRUSTED_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        client.post(
            LOGIN_URL,
            {"login": "anna@example.com", "password": WRONG},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=ATTACKER,
        )

    client.cookies.clear()
    response = client.post(
        LOGIN_URL,
        {"login": "anna@example.com", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR=VICTIM,
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(shopper.pk)


def test_a_forged_forwarded_for_does_not_give_the_attacker_a_fresh_address(client, shopper, settings):
    settings.PROVIDERS_TRUSTED_PROXY_COUNT = 1
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN_URL,
            {"login": "anna@example.com", "password": WRONG},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {ATTACKER}",
        )

    client.cookies.clear()
    response = client.post(
        LOGIN_URL,
        {"login": "anna@example.com", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR=f"192.0.2.99, {ATTACKER}",
    )

    assert response.status_code == 200
    assert "Zu viele gescheiterte Anmeldeversuche" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_without_trusted_proxies_a_client_written_forwarded_for_is_ignored(client, shopper, settings):
    settings.PROVIDERS_TRUSTED_PROXY_COUNT = 0
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN_URL,
            {"login": "anna@example.com", "password": WRONG},
            REMOTE_ADDR=ATTACKER,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )

    client.cookies.clear()
    response = client.post(
        LOGIN_URL,
        {"login": "anna@example.com", "password": PASSWORD},
        REMOTE_ADDR=ATTACKER,
        HTTP_X_FORWARDED_FOR="192.0.2.99",
    )

    assert "_auth_user_id" not in client.session
    assert "Zu viele gescheiterte Anmeldeversuche" in response.content.decode()
