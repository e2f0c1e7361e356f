import importlib
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page, Revision, Workflow
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from catalog.models import CategoryPage, ProductPage
from commerce.orders.staff_groups import setup_staff_groups
from content.models import FAQPage, HomePage, LandingPage, StandardPage
from content.tests.conftest import publish


class PageTypeRulesTests(WagtailPageTestCase):
    def test_home_page_sits_below_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_children(self):
        self.assertAllowedSubpageTypes(HomePage, {LandingPage, StandardPage, FAQPage, CategoryPage})

    def test_landing_pages_nest_below_home_and_landing_pages(self):
        self.assertAllowedParentPageTypes(LandingPage, {HomePage, LandingPage})
        self.assertCanCreateAt(LandingPage, LandingPage)
        self.assertCanNotCreateAt(LandingPage, StandardPage)

    def test_standard_pages_nest_below_home_and_standard_pages(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertCanNotCreateAt(CategoryPage, StandardPage)

    def test_faq_page_is_a_leaf_below_home(self):
        self.assertAllowedParentPageTypes(FAQPage, {HomePage})
        self.assertAllowedSubpageTypes(FAQPage, set())

    def test_products_cannot_be_created_below_content_pages(self):
        self.assertCanNotCreateAt(HomePage, ProductPage)
        self.assertCanNotCreateAt(LandingPage, ProductPage)


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("redaktion", "r@naturwest.example", "x" * 12))
    return client


def promote_fields(slug):
    return {"slug": slug, "seo_title": "", "search_description": "", "og_image": "", "noindex": "", "show_in_menus": ""}


def body_form_data(home):
    return streamfield(
        [
            ("text", rich_text("<p>Gute Zutaten.</p>")),
            ("testimonial", {"quote": "Wunderbar!", "author": "Anna", "role": "Heilpraktikerin"}),
            ("cta_banner", {"heading": "Jetzt stöbern", "text": "", "button_label": "Los", "button_page": home.pk}),
        ]
    )


@pytest.mark.parametrize(
    ("model", "extra"),
    [
        (LandingPage, {"intro": rich_text("<p>Alles vegan.</p>")}),
        (StandardPage, {}),
        (FAQPage, {"intro": rich_text("<p>Fragen.</p>")}),
    ],
)
def test_editor_creates_and_publishes_a_content_page(editor_client, home, model, extra):
    url = reverse("wagtailadmin_pages:add", args=("content", model._meta.model_name, home.pk))
    data = nested_form_data(
        {"title": "Neue Seite", "body": body_form_data(home), "action-publish": "publish"}
        | promote_fields("neue-seite")
        | extra
    )

    response = editor_client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = model.objects.get(slug="neue-seite")
    assert page.live
    assert [block.block_type for block in page.body] == ["text", "testimonial", "cta_banner"]
    assert page.body[1].value["author"] == "Anna"
    html = editor_client.get("/neue-seite/").content.decode()
    assert "Wunderbar!" in html and '<a class="button button--inverse" href="/">Los</a>' in html


def test_editor_edits_a_published_page_and_keeps_a_revision(editor_client, home):
    page = publish(home, StandardPage(title="AGB", slug="agb", body=[("text", "<p>alt</p>")]))
    data = nested_form_data(
        {"title": "AGB (neu)", "body": streamfield([("text", rich_text("<p>neu</p>"))]), "action-publish": "publish"}
        | promote_fields("agb")
    )

    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "AGB (neu)"
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == 2


def test_preview_renders_the_unsaved_edit(editor_client, home):
    page = publish(home, LandingPage(title="Vegan", slug="vegan"))
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    data = nested_form_data(
        {"title": "Vegan (Vorschau)", "intro": rich_text("<p>Vorschautext</p>"), "body": streamfield([])}
        | promote_fields("vegan")
    )

    assert editor_client.post(preview_url, data).json()["is_valid"] is True
    response = editor_client.get(preview_url)

    assert response.status_code == 200
    assert "Vorschautext" in response.content.decode()
    page.refresh_from_db()
    assert page.title == "Vegan"


def test_admin_add_forms_render_for_every_content_page_type(editor_client, home):
    for model in (LandingPage, StandardPage, FAQPage):
        url = reverse("wagtailadmin_pages:add", args=("content", model._meta.model_name, home.pk))
        assert editor_client.get(url).status_code == 200, model


def test_marketing_review_workflow_exists_with_the_marketing_group(home):
    # Run the data migration again: it must be idempotent, and transactional tests may have flushed its rows.
    migration = importlib.import_module("content.migrations.0003_marketing_review_workflow")
    migration.create_marketing_review(django_apps, None)
    migration.create_marketing_review(django_apps, None)
    setup_staff_groups(django_apps)  # commerce.orders' data migration, flushed the same way

    workflow = Workflow.objects.get(name="Marketing review")
    [task] = [task.specific for task in workflow.tasks.all()]

    assert workflow.active
    assert list(task.groups.values_list("name", flat=True)) == ["Marketing"]
    marketing = Group.objects.get(name="Marketing")
    codenames = set(GroupPagePermission.objects.filter(group=marketing).values_list("permission__codename", flat=True))
    # lock/unlock come from commerce.orders' staff groups migration: Marketing editors may lock pages they edit.
    assert codenames == {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"}
    assert marketing.permissions.filter(codename="access_admin").exists()


def test_page_scheduled_for_the_future_is_not_live_until_then(client, home):
    page = StandardPage(title="Sommeraktion", slug="sommer", live=False, go_live_at=timezone.now() + timedelta(days=1))
    home.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()

    assert not page.live
    assert client.get("/sommer/").status_code == 404

    past = timezone.now() - timedelta(minutes=1)
    # Time passes: the approved revision's go-live moment is now in the past.
    revision = Revision.page_revisions.get(object_id=str(page.pk), approved_go_live_at__isnull=False)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    call_command("publish_scheduled", verbosity=0)

    assert client.get("/sommer/").status_code == 200
