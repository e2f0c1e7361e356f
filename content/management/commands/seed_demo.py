"""Load the demo shop. Idempotent: every object is looked up by a natural key before it is made."""

import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale, Page, Site

from content.models import HomePage

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "naturwest-admin"  # noqa: S105 - local demo only, stated in the README


class Command(BaseCommand):
    help = "Create (or update) the demo content: locales, home page, admin user."

    def add_arguments(self, parser):
        parser.add_argument("--no-admin", action="store_true", help="Do not create the demo admin user.")

    @transaction.atomic
    def handle(self, *args, **options):
        de, en = self.ensure_locales()
        home = self.ensure_home_page(de)
        self.ensure_translation(home, en)
        if not options["no_admin"]:
            self.ensure_admin()
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))

    def ensure_locales(self):
        de, _ = Locale.objects.get_or_create(language_code="de")
        en, _ = Locale.objects.get_or_create(language_code="en")
        return de, en

    def ensure_home_page(self, de):
        home = HomePage.objects.filter(locale=de).first()
        if home is None:
            # Wagtail's "Welcome" placeholder holds the slug "home"; it goes (with its Site row).
            Page.objects.filter(depth=2, content_type__model="page").delete()
            root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=de))
            home = root.add_child(
                instance=HomePage(
                    title="Naturwest – Naturprodukte",
                    slug="home",
                    locale=de,
                    seo_title="Naturwest – Naturkosmetik, Tee und Superfoods",
                    search_description="Naturprodukte für Haushalt, Praxis und Laden: Naturkosmetik, Tee, Superfoods.",
                    body=[("text", "<p>Willkommen bei Naturwest – ehrliche Naturprodukte aus guten Quellen.</p>")],
                )
            )
            home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None or site.root_page_id != home.id:
            # Replace Wagtail's welcome page as the site root.
            Site.objects.update_or_create(
                is_default_site=True,
                defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Naturwest"},
            )
        return home

    def ensure_translation(self, page, locale):
        if page.get_translation_or_none(locale) is None:
            translated = page.copy_for_translation(locale, copy_parents=True)
            translated.title = "Naturwest – natural products"
            translated.seo_title = "Naturwest – natural cosmetics, tea and superfoods"
            translated.search_description = "Natural products for homes, practices and shops."
            translated.save_revision().publish()

    def ensure_admin(self):
        User = get_user_model()
        username = os.environ.get("DEMO_ADMIN_USERNAME", DEMO_ADMIN_USERNAME)
        if not User.objects.filter(username=username).exists():
            User.objects.create_superuser(
                username=username,
                email="admin@naturwest.example",
                password=os.environ.get("DEMO_ADMIN_PASSWORD", DEMO_ADMIN_PASSWORD),
            )
