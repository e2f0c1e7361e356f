"""The page editor's preview pane in real Chromium: the framed page renders, the editor's scripts raise nothing."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from wagtail.models import Page

from catalog.models import ProductPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Redaktion-2026-Vorschau"


@pytest.fixture
def editor(db):
    call_command("seed_demo", "--products", "3", verbosity=0)
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("redaktion", "redaktion@example.com", PASSWORD)


def log_in(page, base_url, user):
    page.goto(base_url + "/admin/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_product_editor_previews_the_product_page(desktop_page, live_server, editor, language):
    product = Page.objects.type(ProductPage).filter(locale__language_code=language).live().first().specific
    page = desktop_page
    log_in(page, live_server.url, editor)

    page.goto(f"{live_server.url}/admin/pages/{product.pk}/edit/")
    page.locator("[data-side-panel-toggle=preview]").first.click()

    frame = page.frame_locator("iframe[src*='/edit/preview/']").last
    expect(frame.locator("main h1")).to_have_text(product.title, timeout=15000)
    expect(frame.locator("html")).to_have_attribute("lang", language)
    expect(frame.locator(".product__price .price").first).to_be_visible()
    # The editor's form handlers also run when the page is left: none may fail.
    page.goto(f"{live_server.url}/admin/")
    assert [error for error in page.console_errors if "reading 'match'" in error] == []
    assert [error for error in page.console_errors if "Content Security Policy" in error] == []
    assert page.console_errors == []
