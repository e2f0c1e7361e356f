"""Content pages: publish and translate pages as editors do, and a small framed shop in German and English."""

from __future__ import annotations

from decimal import Decimal

from wagtail.models import Locale

from .catalog import ProductPageFactory, ProductVariantFactory


def publish(parent, page):
    """Add `page` below `parent` and publish it (as an editor would)."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page, language_code="en", **fields):
    """Publish an English copy of a German page (its parents must be translated already)."""
    translation = page.copy_for_translation(Locale.objects.get(language_code=language_code))
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


def publish_product(category, title, price="9.90", sku=None, **fields):
    """A published product with one 100 g variant (10 in stock) and its `min_price` set."""
    # Without a slug Wagtail derives one from the title, as in the editor.
    product = ProductPageFactory.build(title=title, slug=fields.pop("slug", ""), **fields)
    product.variants = [
        ProductVariantFactory.build(
            sku=sku or f"SKU-{title}", net_quantity=Decimal("100"), retail_price=Decimal(price), stock_quantity=10
        )
    ]
    product.min_price = Decimal(price)
    return publish(category, product)


def build_framed_shop(home):
    """A small shop in German and English with the demo's navigation: categories with subcategories,
    a product, the six legal and service pages, a FAQ and a landing page."""
    from types import SimpleNamespace

    from catalog.models import CategoryPage
    from content.models import FAQPage, LandingPage, StandardPage
    from demo.content import FOOTER_SLUGS, STANDARD_PAGES, seed_navigation

    tee = publish(home, CategoryPage(title="Tee", slug="tee"))
    tea = translate(tee, title="Tea", slug="tea")
    herbal = publish(tee, CategoryPage(title="Kräutertee", slug="kraeutertee"))
    translate(herbal, title="Herbal tea", slug="herbal-tea")
    black = publish(tee, CategoryPage(title="Schwarztee", slug="schwarztee"))
    translate(black, title="Black tea", slug="black-tea")
    cosmetics = publish(home, CategoryPage(title="Naturkosmetik", slug="naturkosmetik"))
    translate(cosmetics, title="Natural cosmetics", slug="natural-cosmetics")
    product = publish_product(herbal, "Pfefferminztee", slug="pfefferminztee")
    product_en = translate(product, title="Peppermint tea", slug="peppermint-tea")
    legal = {}
    for slug, title, slug_en, title_en, _text, _text_en in STANDARD_PAGES:
        page = publish(home, StandardPage(title=title, slug=slug))
        legal[slug] = (page, translate(page, title=title_en, slug=slug_en))
    faq = publish(home, FAQPage(title="Häufige Fragen", slug="haeufige-fragen"))
    translate(faq, title="FAQ", slug="faq")
    landing = publish(home, LandingPage(title="Bio-Tee", slug="bio-tee"))
    translate(landing, title="Organic tea", slug="organic-tea")
    seed_navigation(home, header_pages=[tee, cosmetics], footer_pages=[legal[slug][0] for slug in FOOTER_SLUGS])
    return SimpleNamespace(
        tee=tee, tea=tea, herbal=herbal, cosmetics=cosmetics, product=product, product_en=product_en, legal=legal
    )


LEGAL_PATHS = {
    "de": ["/impressum/", "/datenschutz/", "/agb/", "/widerrufsbelehrung/", "/versand-zahlung/", "/kontakt/"],
    "en": [
        "/en/imprint/",
        "/en/privacy/",
        "/en/terms/",
        "/en/cancellation-policy/",
        "/en/shipping-payment/",
        "/en/contact/",
    ],
}
