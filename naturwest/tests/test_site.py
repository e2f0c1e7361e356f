from django.core.management import call_command
from wagtail.models import Page

from content.models import HomePage


def test_home_page_is_served_in_german_without_prefix(client, demo_site):
    response = client.get("/")

    assert response.status_code == 200
    assert '<html lang="de">' in response.content.decode()
    assert "Naturwest" in response.content.decode()


def test_english_home_page_is_served_under_en(client, demo_site):
    response = client.get("/en/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "natural products" in html


def test_admin_redirects_to_its_login(client, db):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert client.get(response["Location"]).status_code == 200


def test_seed_demo_is_idempotent(demo_site, django_user_model):
    before = (Page.objects.count(), HomePage.objects.count(), django_user_model.objects.count())

    call_command("seed_demo", "--minimal", verbosity=0)

    assert (Page.objects.count(), HomePage.objects.count(), django_user_model.objects.count()) == before
    assert HomePage.objects.count() == 2  # de and en
