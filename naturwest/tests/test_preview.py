"""The editor's preview pane frames the previewed page; live pages are never framed."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from catalog.models import CategoryPage, ProductPage
from content.models import FAQPage, HomePage, LandingPage, StandardPage

PAGE_TYPES = [HomePage, LandingPage, StandardPage, FAQPage, CategoryPage, ProductPage]


@pytest.fixture
def demo_shop(db):
    call_command("seed_demo", "--products", "3", verbosity=0)


@pytest.fixture
def editor(demo_shop):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_superuser("redaktion", "redaktion@example.com", "x")
    client = Client()
    client.force_login(user)
    return client


def a_page(page_type, language):
    return Page.objects.type(page_type).filter(locale__language_code=language).live().first().specific


def frame_ancestors(response) -> str:
    directives = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    return directives["frame-ancestors"]


def preview(client, page):
    """What the editor's preview pane loads: the edit form's data is posted, then the frame GETs the page."""
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert edit.status_code == 200
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    posted = client.post(url, edit_form_data(edit.content.decode()))
    assert posted.json() == {"is_valid": True, "is_available": True}
    return client.get(url + "?in_preview_panel=true")


def edit_form_data(html: str) -> dict:
    """The fields of the page editor's form as the browser would post them unchanged."""
    from html.parser import HTMLParser

    class Fields(HTMLParser):
        def __init__(self):
            super().__init__()
            self.data, self.inside, self.select, self.textarea = {}, False, None, None

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "form" and attrs.get("id") == "page-edit-form":
                self.inside = True
            if not self.inside:
                return
            name = attrs.get("name")
            kind = attrs.get("type", "text")
            if tag == "input" and name and kind not in ("submit", "button", "file"):
                if kind in ("checkbox", "radio") and "checked" not in attrs:
                    return
                self.data.setdefault(name, []).append(attrs.get("value") or ("on" if kind == "checkbox" else ""))
            elif tag == "select" and name:
                self.select = name
                self.data.setdefault(name, [])
            elif tag == "option" and self.select and "selected" in attrs:
                self.data[self.select].append(attrs.get("value", ""))
            elif tag == "textarea" and name:
                self.textarea = name
                self.data[name] = [""]

        def handle_data(self, data):
            if self.textarea:
                self.data[self.textarea] = [self.data[self.textarea][0] + data]

        def handle_endtag(self, tag):
            if tag == "form":
                self.inside = False
            elif tag == "select":
                self.select = None
            elif tag == "textarea":
                self.textarea = None

    fields = Fields()
    fields.feed(html)
    data = fields.data
    # StreamFields are built by the editor's JavaScript; an empty stream previews the other fields.
    for name in ("body", "faqs", "items"):
        if name in html and f"{name}-count" not in data:
            data[f"{name}-count"] = ["0"]
    return data


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda t: t.__name__)
def test_the_preview_of_every_page_type_may_be_framed_by_the_admin(editor, page_type, language):
    page = a_page(page_type, language)

    response = preview(editor, page)

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()
    assert page.title in response.content.decode()
    assert frame_ancestors(response) == "'self'"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda t: t.__name__)
def test_live_pages_are_still_never_framed(client, demo_shop, page_type):
    page = a_page(page_type, "de")

    response = client.get(page.url)

    assert response.status_code == 200
    assert frame_ancestors(response) == "'none'"
    assert response["X-Frame-Options"] == "DENY"


def test_the_product_editor_names_no_control_attributes(editor):
    """A control named "attributes" would shadow `form.attributes`, which the editor's scripts read."""
    page = a_page(ProductPage, "de")
    attribute = page.attributes.first()

    html = editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()

    assert 'name="attributes"' not in html
    assert f'<option value="{attribute.pk}" selected>' in html.split('name="product_attributes"', 1)[1]


def test_the_product_attributes_are_saved_from_their_renamed_control(editor):
    page = a_page(ProductPage, "de")
    kept, added = page.attributes.first(), page.attributes.model.objects.exclude(pk__in=page.attributes.all()).first()
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = edit_form_data(editor.get(edit_url).content.decode())
    data["product_attributes"] = [str(kept.pk), str(added.pk)]

    response = editor.post(edit_url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    saved = ProductPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert sorted(a.pk for a in saved.attributes.all()) == sorted([kept.pk, added.pk])
