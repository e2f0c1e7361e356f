import json
import re
from html.parser import HTMLParser

import pytest
from wagtail_factories import ImageFactory

from content.models import FAQPage, LandingPage, StandardPage
from content.tests.conftest import publish, translate


class HeadParser(HTMLParser):
    """Collects <link>, <meta> and JSON-LD scripts (with their nonce) from a page."""

    def __init__(self):
        super().__init__()
        self.links, self.metas, self.jsonld, self._script = [], [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link":
            self.links.append(attrs)
        elif tag == "meta":
            self.metas.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._script = attrs

    def handle_data(self, data):
        if self._script is not None:
            self.jsonld.append((self._script.get("nonce"), json.loads(data)))
            self._script = None

    def meta(self, key):
        return [m["content"] for m in self.metas if m.get("property") == key or m.get("name") == key]

    def alternates(self):
        return {link["hreflang"]: link["href"] for link in self.links if link.get("rel") == "alternate"}

    def of_type(self, schema_type):
        return [data for _nonce, data in self.jsonld if data["@type"] == schema_type]


def parse(response):
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def shipping(home, en_home):
    page = publish(
        home,
        StandardPage(
            title="Versand",
            slug="versand",
            seo_title="Versand & Zahlung | Naturwest",
            search_description="Versandkosten und Zahlarten.",
        ),
    )
    translate(page, title="Shipping", slug="shipping", search_description="Shipping costs.")
    return page


def test_page_title_prefers_the_seo_title(client, shipping):
    html = client.get("/versand/").content.decode()

    assert "<title>Versand &amp; Zahlung | Naturwest</title>" in html


def test_page_title_falls_back_to_title_and_shop_name(client, home):
    publish(home, StandardPage(title="Impressum", slug="impressum"))

    assert "<title>Impressum | Naturwest</title>" in client.get("/impressum/").content.decode()


def test_canonical_description_and_hreflang_alternates(client, shipping):
    head = parse(client.get("/versand/"))

    canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
    assert canonical == ["http://localhost/versand/"]
    assert head.meta("description") == ["Versandkosten und Zahlarten."]
    assert head.alternates() == {
        "de": "http://localhost/versand/",
        "en": "http://localhost/en/shipping/",
        "x-default": "http://localhost/versand/",
    }


def test_english_page_points_x_default_to_german(client, shipping):
    head = parse(client.get("/en/shipping/"))

    assert head.alternates()["x-default"] == "http://localhost/versand/"
    assert head.meta("og:locale") == ["en_GB"]
    assert head.meta("og:locale:alternate") == ["de_DE"]


def test_untranslated_page_has_only_its_own_alternate(client, home):
    publish(home, StandardPage(title="AGB", slug="agb"))

    assert parse(client.get("/agb/")).alternates() == {
        "de": "http://localhost/agb/",
        "x-default": "http://localhost/agb/",
    }


def test_opengraph_and_twitter_tags_use_the_social_image(client, home):
    image = ImageFactory(title="Teeernte", file__width=2000, file__height=1200)
    publish(home, LandingPage(title="Bio-Tee", slug="bio-tee", search_description="Tee aus Bio-Anbau.", og_image=image))

    head = parse(client.get("/bio-tee/"))

    assert head.meta("og:title") == ["Bio-Tee"]
    assert head.meta("og:description") == ["Tee aus Bio-Anbau."]
    assert head.meta("og:url") == ["http://localhost/bio-tee/"]
    assert head.meta("og:type") == ["website"]
    assert head.meta("og:locale") == ["de_DE"]
    assert re.fullmatch(r"http://localhost/.+\.jpg", head.meta("og:image")[0])
    assert head.meta("og:image:width") == ["1200"] and head.meta("og:image:height") == ["630"]
    assert head.meta("twitter:card") == ["summary_large_image"]
    assert head.meta("twitter:image") == head.meta("og:image")


def test_indexable_page_has_no_robots_meta(client, shipping):
    assert parse(client.get("/versand/")).meta("robots") == []


def test_noindex_page_says_noindex_follow(client, home):
    publish(home, StandardPage(title="Danke", slug="danke", noindex=True))

    assert parse(client.get("/danke/")).meta("robots") == ["noindex,follow"]


def test_home_page_has_organization_and_website_with_search_action(client, home):
    head = parse(client.get("/"))

    [organization] = head.of_type("Organization")
    [website] = head.of_type("WebSite")
    assert organization["@context"] == "https://schema.org"
    assert organization["name"] == "Naturwest"
    assert organization["url"] == "http://localhost/"
    assert website["@context"] == "https://schema.org"
    assert website["publisher"] == {"@id": organization["@id"]}
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"] == {"@type": "EntryPoint", "urlTemplate": "http://localhost/search/?q={search_term_string}"}
    assert action["query-input"] == "required name=search_term_string"
    assert head.of_type("BreadcrumbList") == []


def test_english_home_page_search_action_targets_the_english_search(client, en_home):
    [website] = parse(client.get("/en/")).of_type("WebSite")

    assert website["inLanguage"] == "en"
    assert website["potentialAction"]["target"]["urlTemplate"] == "http://localhost/en/search/?q={search_term_string}"


def test_organization_carries_contact_address_and_social_profiles(client, demo_site, home):
    from content.models import ShopSettings

    shop = ShopSettings.for_site(demo_site)
    shop.email, shop.phone = "hallo@naturwest.example", "+49 221 123456"
    shop.street_address, shop.postal_code, shop.city = "Waldweg 1", "50667", "Köln"
    shop.instagram_url = "https://instagram.com/naturwest"
    shop.save()

    [organization] = parse(client.get("/")).of_type("Organization")

    assert organization["email"] == "hallo@naturwest.example"
    assert organization["telephone"] == "+49 221 123456"
    assert organization["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Waldweg 1",
        "postalCode": "50667",
        "addressLocality": "Köln",
        "addressCountry": "DE",
    }
    assert organization["sameAs"] == ["https://instagram.com/naturwest"]


def test_breadcrumb_list_on_nested_pages(client, home):
    parent = publish(home, StandardPage(title="Service", slug="service"))
    publish(parent, StandardPage(title="Rücksendung", slug="ruecksendung"))

    head = parse(client.get("/service/ruecksendung/"))

    [breadcrumbs] = head.of_type("BreadcrumbList")
    assert breadcrumbs["@context"] == "https://schema.org"
    assert breadcrumbs["itemListElement"] == [
        {"@type": "ListItem", "position": 1, "name": "Naturwest – Naturprodukte", "item": "http://localhost/"},
        {"@type": "ListItem", "position": 2, "name": "Service", "item": "http://localhost/service/"},
        {"@type": "ListItem", "position": 3, "name": "Rücksendung", "item": "http://localhost/service/ruecksendung/"},
    ]


def test_visible_breadcrumbs_mark_the_current_page(client, home):
    publish(home, StandardPage(title="Kontakt", slug="kontakt"))

    html = client.get("/kontakt/").content.decode()

    assert '<a href="/">Naturwest – Naturprodukte</a>' in html
    assert '<span aria-current="page">Kontakt</span>' in html


def test_faq_page_json_ld_lists_every_question_of_every_faq_block(client, home):
    body = [
        ("faq", {"heading": "Versand", "items": [{"question": "Wie lange?", "answer": "<p>2–3 <b>Werktage</b></p>"}]}),
        ("text", "<p>Zwischentext</p>"),
        ("faq", {"heading": "Zahlung", "items": [{"question": "Rechnung?", "answer": "<p>Ja.</p>"}]}),
    ]
    publish(home, FAQPage(title="FAQ", slug="faq", body=body))

    [faq] = parse(client.get("/faq/")).of_type("FAQPage")

    assert faq["@context"] == "https://schema.org"
    assert faq["mainEntity"] == [
        {"@type": "Question", "name": "Wie lange?", "acceptedAnswer": {"@type": "Answer", "text": "2–3 Werktage"}},
        {"@type": "Question", "name": "Rechnung?", "acceptedAnswer": {"@type": "Answer", "text": "Ja."}},
    ]


def test_pages_without_faq_blocks_have_no_faq_json_ld(client, shipping):
    assert parse(client.get("/versand/")).of_type("FAQPage") == []


def test_json_ld_carries_the_csp_nonce_of_the_response(client, home):
    response = client.get("/")

    nonces = {nonce for nonce, _data in parse(response).jsonld}
    assert len(nonces) == 1
    assert f"'nonce-{nonces.pop()}'" in response["Content-Security-Policy"]


def test_json_ld_cannot_be_closed_by_page_content(client, home):
    publish(home, StandardPage(title="Evil</script><script>alert(1)</script>", slug="evil"))
    html = client.get("/evil/").content.decode()

    assert "</script><script>alert(1)" not in html
    [breadcrumbs] = parse(client.get("/evil/")).of_type("BreadcrumbList")
    assert breadcrumbs["itemListElement"][1]["name"] == "Evil</script><script>alert(1)</script>"


def test_description_falls_back_to_the_first_text_shortened(client, home):
    long_text = "Wir versenden klimaneutral. " * 10
    publish(home, StandardPage(title="Versandinfo", slug="versandinfo", body=[("text", f"<p>{long_text}</p>")]))

    [description] = parse(client.get("/versandinfo/")).meta("description")

    assert description.startswith("Wir versenden klimaneutral. Wir versenden")
    assert description.endswith("…") and len(description) <= 160


def test_shop_settings_are_cached_and_an_edit_shows_at_once(client, demo_site, django_assert_num_queries):
    from content.models import ShopSettings

    ShopSettings.for_site(demo_site)  # fills the cache
    with django_assert_num_queries(0):
        assert ShopSettings.for_site(demo_site).shop_name

    shop = ShopSettings.for_site(demo_site)
    shop.shop_name = "Naturwest Testladen"
    shop.save()

    assert ShopSettings.for_site(demo_site).shop_name == "Naturwest Testladen"
    assert "Naturwest Testladen" in client.get("/").content.decode()
