import pytest
from django.urls import reverse


@pytest.fixture
def home(client, demo_site):
    return client.get("/")


def test_storefront_sends_a_strict_content_security_policy(home):
    policy = home["Content-Security-Policy"]

    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_storefront_may_not_be_framed(home):
    assert home["X-Frame-Options"] == "DENY"


def test_wagtail_admin_may_be_framed_by_itself_for_previews(client, db):
    response = client.get("/admin/login/")

    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_security_txt_names_a_contact(client):
    response = client.get("/.well-known/security.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Contact: mailto:security@naturwest.example" in response.content.decode()
    assert "Expires: " in response.content.decode()


def test_unknown_pages_render_the_shop_404_template(client, demo_site):
    response = client.get("/gibt-es-nicht/")

    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode() or "Page not found" in response.content.decode()
    assert "skip-link" in response.content.decode()


def test_server_errors_render_the_static_500_template(rf):
    from naturwest.views import server_error

    response = server_error(rf.get("/"))

    assert response.status_code == 500
    assert "schiefgegangen" in response.content.decode()


def test_admin_login_locks_out_after_repeated_failures(client, django_user_model, settings):
    django_user_model.objects.create_superuser("editor", "editor@example.com", "correct-horse-battery")
    url = reverse("wagtailadmin_login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "editor", "password": "wrong"}, REMOTE_ADDR="10.0.0.9")

    # Even the right password is refused now: the pair (user, IP) is locked.
    response = client.post(url, {"username": "editor", "password": "correct-horse-battery"}, REMOTE_ADDR="10.0.0.9")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_admin_login_works_with_the_right_password(client, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.com", "correct-horse-battery")

    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": "editor", "password": "correct-horse-battery"},
        REMOTE_ADDR="10.0.0.8",
    )

    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_django_admin_is_not_at_the_default_path(client, db):
    assert client.get("/django-admin/").status_code == 404
    assert client.get("/admin/auth/user/").status_code in {302, 404}  # Wagtail's admin, not Django's
