"""Shopper sign-up, sign-in, sign-out and password reset through allauth, on the German site."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import translation

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN_URL = "/account/login/"


def _link_from(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def _sign_up(client, email="neu@example.com"):
    return client.post(
        "/account/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}, REMOTE_ADDR="10.1.0.1"
    )


def _log_in(client, email, password=PASSWORD, ip="10.1.0.2"):
    return client.post(LOGIN_URL, {"login": email, "password": password}, REMOTE_ADDR=ip)


def test_account_urls_are_german_without_prefix_and_english_under_en():
    with translation.override("de"):
        assert reverse("account_login") == "/account/login/"
        assert reverse("customers:dashboard") == "/account/"
    with translation.override("en"):
        assert reverse("account_login") == "/en/account/login/"
        assert reverse("customers:dashboard") == "/en/account/"


def test_login_page_is_german_and_private(client):
    response = client.get(LOGIN_URL)

    assert response.status_code == 200
    assert '<html lang="de">' in response.content.decode()
    assert "<h1>Anmelden</h1>" in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_english_login_page_lives_under_en(client):
    response = client.get("/en/account/login/")

    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
    assert "Sign In" in response.content.decode()


def test_signup_sends_a_verification_email(client, django_user_model):
    response = _sign_up(client)

    assert response.status_code == 302
    assert response["Location"] == "/account/confirm-email/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["neu@example.com"]
    assert mail.outbox[0].subject.startswith("[Naturwest] ")
    assert "/account/confirm-email/" in mail.outbox[0].body
    assert EmailAddress.objects.get(email="neu@example.com").verified is False


def test_verification_email_is_german(client):
    _sign_up(client)

    assert "Bitte bestätigen Sie Ihre E-Mail-Adresse" in mail.outbox[0].subject


def test_login_is_refused_until_the_email_is_verified(client):
    _sign_up(client)
    client.logout()

    response = _log_in(client, "neu@example.com")

    assert response.status_code == 302
    assert response["Location"] == "/account/confirm-email/"
    assert "_auth_user_id" not in client.session


def test_confirming_the_email_allows_login(client, django_user_model):
    _sign_up(client)
    confirm_path = _link_from(mail.outbox[0])
    client.logout()

    assert client.get(confirm_path).status_code == 200  # GET only shows the button: link scanners verify nothing
    assert EmailAddress.objects.get(email="neu@example.com").verified is False
    client.post(confirm_path)
    response = _log_in(client, "neu@example.com")

    assert EmailAddress.objects.get(email="neu@example.com").verified is True
    assert response.status_code == 302
    assert response["Location"] == "/account/"
    assert client.session["_auth_user_id"] == str(django_user_model.objects.get(email="neu@example.com").pk)


def test_login_by_email_address(client, shopper):
    response = _log_in(client, "ANNA@example.com")

    assert response.status_code == 302
    assert response["Location"] == "/account/"
    assert client.session["_auth_user_id"] == str(shopper.pk)


def test_login_passes_the_request_to_axes_which_records_the_failure(client, shopper):
    from axes.models import AccessAttempt

    _log_in(client, "anna@example.com", password="falsch-falsch")

    attempt = AccessAttempt.objects.get()
    assert attempt.username == "anna@example.com"
    assert attempt.ip_address == "10.1.0.2"
    assert attempt.failures_since_start == 1


def test_wrong_password_shows_the_error_and_does_not_log_in(client, shopper):
    response = _log_in(client, "anna@example.com", password="falsch-falsch")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Die E-Mail-Adresse und/oder das Passwort sind leider falsch." in body
    assert 'class="error-summary"' in body
    assert "_auth_user_id" not in client.session


def test_signup_errors_are_shown_next_to_the_field_and_in_the_summary(client):
    response = client.post("/account/signup/", {"email": "kein-email", "password1": "a", "password2": "b"})

    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_email_error"' in body
    assert 'aria-invalid="true"' in body
    assert 'href="#id_email"' in body
    assert len(mail.outbox) == 0


def test_logout_needs_a_post(shopper_client, shopper):
    response = shopper_client.get("/account/logout/")

    assert response.status_code == 200
    assert shopper_client.session["_auth_user_id"] == str(shopper.pk)


def test_logout_by_post_ends_the_session(shopper_client):
    response = shopper_client.post("/account/logout/")

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "_auth_user_id" not in shopper_client.session


def test_password_reset_sends_a_link_that_sets_a_new_password(client, shopper):
    client.post("/account/password/reset/", {"email": "anna@example.com"})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.com"]

    form_page = client.get(_link_from(mail.outbox[0]), follow=True)
    set_path = form_page.redirect_chain[-1][0]
    response = client.post(set_path, {"password1": "Neues-Passwort-2026", "password2": "Neues-Passwort-2026"})

    assert response.status_code == 302
    assert response["Location"] == "/account/password/reset/key/done/"
    shopper.refresh_from_db()
    assert shopper.check_password("Neues-Passwort-2026")


def test_password_reset_for_an_unknown_email_reveals_nothing(client, shopper):
    response = client.post("/account/password/reset/", {"email": "niemand@example.com"})

    assert response.status_code == 302
    assert response["Location"] == "/account/password/reset/done/"
    assert mail.outbox[0].to == ["niemand@example.com"]  # "no account here" note, no reset link
    assert "/account/password/reset/key/" not in mail.outbox[0].body


def test_repeated_failures_lock_the_shopper_out_with_a_clear_page(client, shopper, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _log_in(client, "anna@example.com", password="falsch-falsch")

    locked = _log_in(client, "anna@example.com", password="falsch-falsch")
    after = _log_in(client, "anna@example.com")  # even the right password

    assert locked.status_code == 429
    assert "<h1>" in locked.content.decode()  # the shop layout, not axes' bare text
    assert 'href="/account/password/reset/"' in locked.content.decode()
    assert "no-store" in locked["Cache-Control"]
    # allauth's per-(email, address) counter answers first now; either way the right password is refused.
    assert "Zu viele gescheiterte Anmeldeversuche" in after.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_of_one_shopper_does_not_lock_another_from_the_same_address(client, shopper, make_shopper, settings):
    other = make_shopper(email="ben@example.com")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _log_in(client, "anna@example.com", password="falsch-falsch")

    response = _log_in(client, "ben@example.com")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(other.pk)


def test_staff_still_log_into_the_wagtail_admin_with_their_username(client, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.com", "correct-horse-battery")

    response = client.post(
        "/admin/login/", {"username": "editor", "password": "correct-horse-battery"}, REMOTE_ADDR="10.0.0.7"
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.session["_auth_user_id"] == str(django_user_model.objects.get(username="editor").pk)


def test_anonymous_visitor_of_the_account_page_is_sent_to_login(client):
    response = client.get("/account/")

    assert response.status_code == 302
    assert response["Location"] == "/account/login/?next=/account/"
