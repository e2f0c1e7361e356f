"""Load the demo shop. Idempotent: every object is looked up by a natural key before it is made.

The catalogue (`demo.catalog`) and the editorial pages (`demo.content`) are written by their
own modules; this command only wires locales, home page, admin user and options.
"""

import logging
import os
import sys
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm
from wagtail.models import Collection, Locale, Page, Site

from content.models import HomePage
from demo.catalog import DEFAULT_PRODUCT_COUNT, seed_catalog
from demo.content import seed_content
from demo.texts import Text

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "naturwest-admin"  # noqa: S105 - local demo only, stated in the README

HOME_TITLE = Text("Naturwest – Naturprodukte", "Naturwest – natural products")
HOME_SEO_TITLE = Text(
    "Naturwest – Naturkosmetik, Tee und Superfoods", "Naturwest – natural cosmetics, tea and superfoods"
)
HOME_DESCRIPTION = Text(
    "Naturprodukte für Haushalt, Praxis und Laden: Naturkosmetik, Tee, Superfoods.",
    "Natural products for homes, practices and shops.",
)
HOME_WELCOME = Text(
    "<p>Willkommen bei Naturwest – ehrliche Naturprodukte aus guten Quellen.</p>",
    "<p>Welcome to Naturwest – honest natural products from good sources.</p>",
)


class Command(BaseCommand):
    help = (
        "Create the demo shop (idempotent): locales, admin user, categories, brands, seals, products with "
        "variants and images, home/landing/legal/FAQ pages, all in German and English."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-admin", action="store_true", help="Do not create the demo admin user.")
        parser.add_argument(
            "--products",
            type=int,
            default=DEFAULT_PRODUCT_COUNT,
            help=f"Number of demo products (default {DEFAULT_PRODUCT_COUNT}; 10000+ for benchmarks).",
        )
        parser.add_argument(
            "--minimal",
            action="store_true",
            help="Only locales, home page and admin user (no catalogue, no editorial pages); for tests.",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        with transaction.atomic():
            de, en = self.ensure_locales()
            self.ensure_root_collection()
            home = self.ensure_home_page(de)
            self.ensure_translation(home, en)
            if not options["no_admin"]:
                self.ensure_admin()
        if not options["minimal"]:
            if options["verbosity"] < 2:
                # Wagtail logs every page action at INFO; thousands of lines would hide the progress bar.
                logging.getLogger("wagtail").setLevel(logging.WARNING)
            # One transaction per product (inside seed_catalog): an interrupted large run keeps its progress.
            seed = seed_catalog(home, products=max(options["products"], 0), progress=self.progress(options))
            seed_content(home, seed)
            self.stdout.write(
                f"Products created: {seed.created_products}, translations created: {seed.created_translations}."
            )
        self.stdout.write(self.style.SUCCESS(f"Demo content is in place ({time.monotonic() - started:.1f} s)."))

    def progress(self, options):
        quiet = options["verbosity"] < 1

        def wrap(specs):
            return tqdm(
                specs, total=options["products"], desc="Produkte", unit=" Produkte", disable=quiet, file=sys.stderr
            )

        return wrap

    def ensure_locales(self):
        de, _ = Locale.objects.get_or_create(language_code="de")
        en, _ = Locale.objects.get_or_create(language_code="en")
        return de, en

    @staticmethod
    def ensure_root_collection():
        """Images need Wagtail's root collection; a flushed database (transactional tests) has none."""
        if Collection.get_first_root_node() is None:
            Collection.add_root(name="Root")

    def ensure_home_page(self, de):
        home = HomePage.objects.filter(locale=de).first()
        if home is None:
            # Wagtail's "Welcome" placeholder holds the slug "home"; it goes (with its Site row).
            Page.objects.filter(depth=2, content_type__model="page").delete()
            root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=de))
            home = root.add_child(
                instance=HomePage(
                    title=HOME_TITLE.de,
                    slug="home",
                    locale=de,
                    seo_title=HOME_SEO_TITLE.de,
                    search_description=HOME_DESCRIPTION.de,
                    body=[("text", HOME_WELCOME.de)],
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
            translated.title = HOME_TITLE.en
            translated.seo_title = HOME_SEO_TITLE.en
            translated.search_description = HOME_DESCRIPTION.en
            translated.body = [("text", HOME_WELCOME.en)]
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
