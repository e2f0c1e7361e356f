"""Write the demo shop's editorial pages: home body, SEO landing pages, legal/service pages, FAQ.

Everything is built from the block library (`content.blocks`) and exists in German and English.
Idempotent: pages are found by slug under the home page, and a body is only (re)written while it
still lacks the blocks this seed puts there, so a second run creates no revisions.
Legal texts are placeholders and say so on the page.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.models import Locale, Page

from catalog.models import ProductPage
from catalog.translations import copy_with_slug
from content.models import FAQPage, FooterLink, HeaderLink, HomePage, LandingPage, NavigationSettings, StandardPage
from demo.catalog import CatalogSeed, deferred_indexing, demo_font, ensure_image
from demo.catalog_data import CATEGORIES
from demo.texts import Text, in_language

PLACEHOLDER = "[Platzhalter – vor Livegang juristisch prüfen]"
PLACEHOLDER_EN = "[Placeholder – have it legally reviewed before going live]"


def render_banner(label: str, colour: tuple[int, int, int]) -> bytes:
    """A wide, quiet hero graphic: colour field, soft circles, a short label."""
    width, height = 1600, 600
    image = PILImage.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    light = tuple(min(255, c + 70) for c in colour)
    for n, radius in enumerate((420, 300, 180)):
        x = 1250 - n * 60
        draw.ellipse(
            [x - radius, 300 - radius, x + radius, 300 + radius], fill=tuple(min(255, c + 25 * (n + 1)) for c in colour)
        )
    draw.text((120, 300), label, font=demo_font(84), fill=light, anchor="lm")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def banner(title: str, colour: tuple[int, int, int]):
    return ensure_image(f"Banner {title}", lambda: render_banner(title, colour), f"banner-{slugify(title)}.jpg")


def image_value(image, alt_text: str | Text) -> dict:
    """The value an ImageBlock accepts in a raw stream: image plus contextual alt text."""
    return {"image": image, "alt_text": alt_text, "decorative": False}


def rich(*paragraphs: str) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def has_block(page, block_name: str) -> bool:
    return any(block.block_type == block_name for block in page.body)


class PagePublisher:
    """Creates, translates and publishes pages, handing each to the indexer once."""

    def __init__(self, indexer):
        self.indexer = indexer

    def publish(self, page) -> None:
        page.save_revision().publish()
        self.indexer.add(page)

    def ensure_child(self, parent: Page, model, slug: str, build: Callable[[], Page]):
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if page is None:
            page = parent.add_child(instance=build())
            self.publish(page)
        return page

    def ensure_translation(self, page, locale: Locale, slug: str, translate: Callable[[Page], None]):
        translation = page.get_translation_or_none(locale)
        if translation is None:
            translation = copy_with_slug(page, locale, slug)
            translate(translation)
            self.publish(translation)
        return translation.specific


@dataclass
class Refs:
    """The pages and snippets one language's blocks point to."""

    categories: dict
    products: list
    certifications: dict
    faq: Page | None = None
    shipping: Page | None = None


def _refs(seed: CatalogSeed, locale: Locale, english: bool) -> Refs:
    categories = seed.categories_en if english else seed.categories
    products = list(ProductPage.objects.live().filter(locale=locale).order_by("path")[:6])
    certs = {slug: (c.get_translation_or_none(locale) or c) for slug, c in seed.certifications.items()}
    return Refs(categories, products, certs)


# --- Home ----------------------------------------------------------------------------------


def home_body(refs: Refs, english: bool) -> list:
    c = refs.categories
    body = [
        (
            "hero",
            {
                "heading": Text("Naturprodukte, denen Sie vertrauen können", "Natural products you can trust"),
                "text": Text(
                    "Bio-Tee, zertifizierte Naturkosmetik und Superfoods – für Zuhause, Praxis und Laden.",
                    "Organic tea, certified natural cosmetics and superfoods – for homes, practices and shops.",
                ),
                "image": image_value(
                    banner("Naturwest", (86, 125, 70)),
                    Text("Grünes Banner mit sanften Kreisen", "Green banner with soft circles"),
                ),
                "cta_label": Text("Tees entdecken", "Discover teas"),
                "cta_page": c["tee"],
            },
        ),
        (
            "category_teaser_grid",
            {
                "heading": Text("Unser Sortiment", "Our range"),
                "categories": [c["tee"], c["naturkosmetik"], c["superfoods"], c["haushalt"]],
            },
        ),
        (
            "product_teaser",
            {"heading": Text("Lieblinge unserer Kundschaft", "Customer favourites"), "products": refs.products},
        ),
        (
            "product_list",
            {
                "heading": Text("Neu: vegane Naturkosmetik", "New vegan natural cosmetics"),
                "category": c["naturkosmetik"],
                "brand": None,
                "certification": refs.certifications["vegan"],
                "attribute": None,
                "sort": "newest",
                "limit": 8,
            },
        ),
        (
            "testimonial",
            {
                "quote": Text(
                    "Die Kräutertees gehören in unserer Praxis einfach dazu – die Kundschaft fragt jede Woche danach.",
                    "The herbal teas have become part of our practice – customers ask for them every week.",
                ),
                "author": "Miriam K.",
                "role": Text("Heilpraktikerin, Hamburg", "Naturopath, Hamburg"),
            },
        ),
        (
            "cta_banner",
            {
                "heading": Text("Fragen zu Versand oder Inhaltsstoffen?", "Questions about shipping or ingredients?"),
                "text": Text(
                    "In unseren FAQ finden Sie die häufigsten Antworten.", "Our FAQ answers the most common questions."
                ),
                "button_label": Text("Zu den FAQ", "Read the FAQ"),
                "button_page": refs.faq,
            },
        ),
    ]
    return in_language(body, english)


# --- Landing pages -------------------------------------------------------------------------


@dataclass(frozen=True)
class Landing:
    slug: str
    title: str
    intro: str
    category: str
    certification: str | None
    sort: str
    colour: tuple[int, int, int]
    slug_en: str
    title_en: str
    intro_en: str
    text: str
    text_en: str


LANDINGS = (
    Landing(
        "vegane-naturkosmetik",
        "Vegane Naturkosmetik",
        "Zertifizierte Pflege ohne tierische Inhaltsstoffe – für Gesicht, Körper und Haar.",
        "naturkosmetik",
        "vegan",
        "newest",
        (176, 110, 140),
        "vegan-natural-cosmetics",
        "Vegan natural cosmetics",
        "Certified care without animal ingredients – for face, body and hair.",
        "Vegane Naturkosmetik verzichtet auf Bienenwachs, Lanolin, Honig und Carmin. Unsere Produkte tragen "
        "das NATRUE-Siegel und sind frei von Silikonen, Parabenen und Mikroplastik.",
        "Vegan natural cosmetics do without beeswax, lanolin, honey and carmine. Our products carry the NATRUE "
        "seal and are free from silicones, parabens and microplastics.",
    ),
    Landing(
        "bio-tee-geschenkideen",
        "Bio-Tee Geschenkideen",
        "Tees, die Freude machen: von Kräutermischungen bis Darjeeling First Flush.",
        "tee",
        "bio",
        "price_desc",
        (86, 125, 70),
        "organic-tea-gift-ideas",
        "Organic tea gift ideas",
        "Teas that bring joy: from herbal blends to Darjeeling first flush.",
        "Ein guter Tee ist ein Geschenk, das jeden Tag Freude macht. Kombinieren Sie eine beruhigende "
        "Kräutermischung mit einem kräftigen Schwarztee – alles in Bio-Qualität.",
        "A good tea is a gift that brings joy every day. Combine a calming herbal blend with a strong black tea "
        "– all in organic quality.",
    ),
    Landing(
        "superfoods-fuer-den-alltag",
        "Superfoods für den Alltag",
        "Einfach mehr Nährstoffe: Pulver, Samen und Nüsse für Müsli, Smoothie und Salat.",
        "superfoods",
        None,
        "price_asc",
        (200, 140, 40),
        "everyday-superfoods",
        "Everyday superfoods",
        "Simply more nutrients: powders, seeds and nuts for muesli, smoothies and salads.",
        "Superfoods müssen nicht exotisch sein: Leinsamen, Walnüsse und Kürbiskerne aus Europa stehen Chia und "
        "Moringa in nichts nach. Ein Löffel pro Tag genügt.",
        "Superfoods need not be exotic: linseed, walnuts and pumpkin seeds from Europe are every bit as good as "
        "chia and moringa. One spoonful a day is enough.",
    ),
)


def landing_body(landing: Landing, refs: Refs, english: bool) -> list:
    title = landing.title_en if english else landing.title
    image = banner(landing.title, landing.colour)
    certification = refs.certifications[landing.certification] if landing.certification else None
    return [
        (
            "hero",
            {
                "heading": title,
                "text": landing.intro_en if english else landing.intro,
                "image": image_value(image, f"Banner: {title}"),
                "cta_label": "Show all" if english else "Alle ansehen",
                "cta_page": refs.categories[landing.category],
            },
        ),
        (
            "image_text",
            {
                "image": image_value(image, f"Illustration: {title}"),
                "heading": "Why we recommend it" if english else "Warum wir das empfehlen",
                "text": rich(landing.text_en if english else landing.text),
                "image_position": "right",
            },
        ),
        (
            "product_list",
            {
                "heading": title,
                "category": refs.categories[landing.category],
                "brand": None,
                "certification": certification,
                "attribute": None,
                "sort": landing.sort,
                "limit": 12,
            },
        ),
        (
            "cta_banner",
            {
                "heading": "Shipping & payment at a glance" if english else "Versand & Zahlung auf einen Blick",
                "text": "Delivery countries, shipping costs and delivery times."
                if english
                else "Lieferländer, Versandkosten und Lieferzeiten.",
                "button_label": "Shipping & payment" if english else "Versand & Zahlung",
                "button_page": refs.shipping,
            },
        ),
    ]


# --- Legal and service pages ---------------------------------------------------------------

# slug, title, English slug, English title, German paragraphs, English paragraphs
STANDARD_PAGES = (
    (
        "impressum",
        "Impressum",
        "imprint",
        "Imprint",
        [
            "Naturwest GmbH, Musterstraße 12, 20095 Hamburg",
            "Vertreten durch die Geschäftsführung: Erika Mustermann",
            "Registergericht: Amtsgericht Hamburg, HRB 000000 · USt-IdNr.: DE000000000",
            "Kontakt: Telefon 040 000000-0 · E-Mail: info@naturwest.example",
        ],
        [
            "Naturwest GmbH, Musterstraße 12, 20095 Hamburg, Germany",
            "Represented by the management: Erika Mustermann",
            "Register court: Amtsgericht Hamburg, HRB 000000 · VAT ID: DE000000000",
            "Contact: phone +49 40 000000-0 · email: info@naturwest.example",
        ],
    ),
    (
        "datenschutz",
        "Datenschutz",
        "privacy",
        "Privacy policy",
        [
            "Wir verarbeiten personenbezogene Daten nur, soweit dies zur Bereitstellung unseres Shops und zur "
            "Abwicklung Ihrer Bestellungen erforderlich ist (Art. 6 Abs. 1 lit. b DSGVO).",
            "Unsere Seiten setzen für nicht angemeldete Besucher keine Cookies. Schriftarten und Skripte werden "
            "ausschließlich von unserem eigenen Server geladen.",
            "Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Einschränkung der Verarbeitung sowie ein "
            "Beschwerderecht bei einer Aufsichtsbehörde.",
        ],
        [
            "We process personal data only as far as necessary to provide our shop and fulfil your orders "
            "(Art. 6(1)(b) GDPR).",
            "Our pages set no cookies for visitors who are not signed in. Fonts and scripts "
            "are served from our own server only.",
            "You have the right to access, rectification, erasure and "
            "restriction of processing, and the right to lodge a complaint with a supervisory authority.",
        ],
    ),
    (
        "agb",
        "AGB",
        "terms",
        "Terms and conditions",
        [
            "§ 1 Geltungsbereich: Diese Allgemeinen Geschäftsbedingungen gelten für alle Bestellungen über "
            "naturwest.example.",
            "§ 2 Vertragsschluss: Der Vertrag kommt mit unserer Auftragsbestätigung per E-Mail zustande.",
            "§ 3 Preise: Alle Preise verstehen sich in Euro inklusive der gesetzlichen Mehrwertsteuer, "
            "zuzüglich Versandkosten.",
        ],
        [
            "§ 1 Scope: These terms apply to all orders placed via naturwest.example.",
            "§ 2 Conclusion of contract: The contract is concluded with our order confirmation by email.",
            "§ 3 Prices: All prices are in euros including statutory VAT, plus shipping.",
        ],
    ),
    (
        "widerrufsbelehrung",
        "Widerrufsbelehrung",
        "cancellation-policy",
        "Right of withdrawal",
        [
            "Sie haben das Recht, binnen vierzehn Tagen ohne Angabe von Gründen diesen Vertrag zu widerrufen.",
            "Die Widerrufsfrist beträgt vierzehn Tage ab dem Tag, an dem Sie die Waren in Besitz genommen haben.",
            "Vom Widerruf ausgenommen sind versiegelte Waren, die aus Gründen des Gesundheitsschutzes oder der "
            "Hygiene nicht zur Rückgabe geeignet sind, wenn ihre Versiegelung nach der Lieferung entfernt wurde.",
        ],
        [
            "You have the right to withdraw from this contract within fourteen days without giving any reason.",
            "The withdrawal period is fourteen days from the day you took possession of the goods.",
            "Sealed goods that are unsuitable for return for health or hygiene reasons are excluded once unsealed.",
        ],
    ),
    (
        "versand-zahlung",
        "Versand & Zahlung",
        "shipping-payment",
        "Shipping & payment",
        [
            "Wir liefern in die unten genannten Länder; Versandkosten, Lieferzeiten und Zahlungsarten stehen in der "
            "Tabelle und gelten genauso an der Kasse.",
            "Artikel im Rückstand liefern wir nach, sobald sie verfügbar sind.",
        ],
        [
            "We deliver to the countries listed below; shipping costs, delivery times and payment methods are in "
            "the table and apply at the checkout just the same.",
            "Back-ordered items follow as soon as they are available.",
        ],
    ),
    (
        "kontakt",
        "Kontakt",
        "contact",
        "Contact",
        [
            "Sie erreichen unseren Kundenservice montags bis freitags von 9 bis 17 Uhr.",
            "Telefon: 040 000000-0 · E-Mail: service@naturwest.example",
            "Naturwest GmbH, Musterstraße 12, 20095 Hamburg",
        ],
        [
            "Our customer service is available Monday to Friday, 9 am to 5 pm.",
            "Phone: +49 40 000000-0 · Email: service@naturwest.example",
            "Naturwest GmbH, Musterstraße 12, 20095 Hamburg",
        ],
    ),
)

FAQ_TOPICS = (
    (
        "Versand",
        "Shipping",
        [
            (
                "Wie hoch sind die Versandkosten?",
                "How much is shipping?",
                "Das hängt von Land und Versandart ab – siehe die Tabelle unten.",
                "It depends on the country and the shipping method – see the table below.",
            ),
            (
                "Wie schnell wird geliefert?",
                "How fast do you deliver?",
                "Die Lieferzeit jeder Versandart steht in der Tabelle unten.",
                "Each shipping method's delivery time is in the table below.",
            ),
        ],
    ),
    (
        "Rückgabe",
        "Returns",
        [
            (
                "Kann ich Ware zurückgeben?",
                "Can I return goods?",
                "Ja, innerhalb von 14 Tagen. Versiegelte Kosmetik nur ungeöffnet.",
                "Yes, within 14 days. Sealed cosmetics only when unopened.",
            ),
            (
                "Wer trägt die Rücksendekosten?",
                "Who pays for returns?",
                "Wir legen jeder Sendung ein kostenloses Retourenlabel bei.",
                "We include a free return label with every parcel.",
            ),
        ],
    ),
    (
        "Zahlung",
        "Payment",
        [
            (
                "Welche Zahlungsarten gibt es?",
                "Which payment methods do you accept?",
                "Die Zahlungsarten für Privat- und Geschäftskunden stehen in der Tabelle unten.",
                "The payment methods for consumers and businesses are listed in the table below.",
            ),
            (
                "Ist die Zahlung sicher?",
                "Is payment secure?",
                "Ja, Zahlungsdaten werden ausschließlich verschlüsselt an unsere Zahlungsdienstleister übertragen.",
                "Yes, payment data is transmitted encrypted to our payment providers only.",
            ),
        ],
    ),
    (
        "Inhaltsstoffe",
        "Ingredients",
        [
            (
                "Was bedeutet INCI?",
                "What does INCI mean?",
                "INCI ist die internationale Nomenklatur für kosmetische Inhaltsstoffe; wir listen sie vollständig.",
                "INCI is the international nomenclature of cosmetic ingredients; we list them in full.",
            ),
            (
                "Sind alle Produkte vegan?",
                "Are all products vegan?",
                "Nicht alle – vegane Produkte tragen das Vegan-Siegel und lassen sich im Shop filtern.",
                "Not all – vegan products carry the vegan seal and can be filtered in the shop.",
            ),
        ],
    ),
)


def shipping_table(english: bool) -> tuple:
    """The block that renders countries, costs, delivery times and payment methods from the shipping zones."""
    return ("shipping_table", {"heading": "Shipping & payment" if english else "Versand & Zahlung", "customers": "all"})


def standard_body(paragraphs: list[str], english: bool, slug: str = "") -> list:
    marker = PLACEHOLDER_EN if english else PLACEHOLDER
    body = [("text", f"<p><strong>{marker}</strong></p>" + rich(*paragraphs))]
    return body + [shipping_table(english)] if slug == "versand-zahlung" else body


def faq_body(english: bool) -> list:
    return [
        (
            "faq",
            {
                "heading": topic_en if english else topic,
                "items": [
                    {"question": q_en if english else q, "answer": rich(a_en if english else a)}
                    for q, q_en, a, a_en in items
                ],
            },
        )
        for topic, topic_en, items in FAQ_TOPICS
    ] + [shipping_table(english)]


# --- Navigation ----------------------------------------------------------------------------

# The footer's order: the legal pages first (the Impressum must be reachable from every page), then service.
FOOTER_SLUGS = ("impressum", "datenschutz", "agb", "widerrufsbelehrung", "versand-zahlung", "kontakt")


def seed_navigation(home: HomePage, header_pages: list[Page], footer_pages: list[Page]) -> None:
    """Header and footer links of the home page's site, each only while it is still empty.

    The links point at the German pages and carry no label: visitors get the page in their
    language with its translated title. Links editors have set are never touched.
    """
    navigation = NavigationSettings.for_site(home.get_site())
    changed = False
    if not navigation.header_links.exists():
        navigation.header_links = [HeaderLink(link_page=page) for page in header_pages]
        changed = True
    if not navigation.footer_links.exists():
        navigation.footer_links = [FooterLink(link_page=page) for page in footer_pages]
        changed = True
    if changed:
        navigation.save()


# --- Entry point ---------------------------------------------------------------------------


def seed_content(home: HomePage, seed: CatalogSeed) -> None:
    """Make sure the editorial pages exist in German and English and the home page has its blocks."""
    # Atomic inside the deferral: slug-change signals fire on commit, while redirects are still off.
    with deferred_indexing() as indexer, transaction.atomic():
        _seed_content(home, seed, PagePublisher(indexer))


def _seed_content(home: HomePage, seed: CatalogSeed, pages: PagePublisher) -> None:
    en = Locale.objects.get(language_code="en")
    de_refs = _refs(seed, home.locale, english=False)
    en_refs = _refs(seed, en, english=True)

    legal = {}
    for slug, title, slug_en, title_en, text, text_en in STANDARD_PAGES:
        page = pages.ensure_child(
            home,
            StandardPage,
            slug,
            lambda s=slug, t=title, x=text: StandardPage(
                title=t, slug=s, body=standard_body(x, False, s), search_description=f"{t} der Naturwest GmbH."
            ),
        )

        def translate(p, t=title_en, x=text_en, s=slug):
            p.title, p.body = t, standard_body(x, True, s)
            p.search_description = f"{t} of Naturwest GmbH."

        legal[slug] = (page, pages.ensure_translation(page, en, slug_en, translate))

    faq = pages.ensure_child(
        home,
        FAQPage,
        "haeufige-fragen",
        lambda: FAQPage(
            title="Häufige Fragen",
            slug="haeufige-fragen",
            intro=rich("Antworten zu Versand, Rückgabe, Zahlung und Inhaltsstoffen."),
            body=faq_body(False),
            search_description="Antworten zu Versand, Rückgabe, Zahlung und Inhaltsstoffen.",
        ),
    )

    def translate_faq(p):
        p.title, p.intro, p.body = (
            "FAQ",
            rich("Answers about shipping, returns, payment and ingredients."),
            faq_body(True),
        )
        p.search_description = "Answers about shipping, returns, payment and ingredients."

    faq_en = pages.ensure_translation(faq, en, "faq", translate_faq)
    de_refs.faq, en_refs.faq = faq, faq_en
    de_refs.shipping, en_refs.shipping = legal["versand-zahlung"]

    for landing in LANDINGS:
        page = pages.ensure_child(
            home,
            LandingPage,
            landing.slug,
            lambda lp=landing: LandingPage(
                title=lp.title,
                slug=lp.slug,
                intro=rich(lp.intro),
                body=landing_body(lp, de_refs, False),
                seo_title=f"{lp.title} online kaufen | Naturwest",
                search_description=lp.intro,
                show_in_menus=False,
            ),
        )

        def translate_landing(p, lp=landing):
            p.title, p.intro = lp.title_en, rich(lp.intro_en)
            p.body = landing_body(lp, en_refs, True)
            p.seo_title, p.search_description = f"Buy {lp.title_en.lower()} online | Naturwest", lp.intro_en

        pages.ensure_translation(page, en, landing.slug_en, translate_landing)

    seed_navigation(
        home,
        header_pages=[seed.categories[data.key] for data in CATEGORIES if data.parent is None],
        footer_pages=[legal[slug][0] for slug in FOOTER_SLUGS] + [faq],
    )

    # The home page: (re)build its body only while it lacks the seeded hero, so re-runs write nothing.
    for page, refs, english in ((home, de_refs, False), (home.get_translation_or_none(en), en_refs, True)):
        page = page.specific
        if not has_block(page, "hero"):
            page.body = home_body(refs, english)
            pages.publish(page)
