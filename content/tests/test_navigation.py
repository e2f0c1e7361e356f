import re

from django.core.cache import cache
from django.urls import reverse

from content.models import FooterLink, HeaderLink, NavigationSettings, StandardPage
from content.navigation import cache_key
from content.tests.conftest import publish, translate


def add_links(site, header=(), footer=()):
    navigation = NavigationSettings.for_site(site)
    navigation.header_links = [HeaderLink(**link) for link in header]
    navigation.footer_links = [FooterLink(**link) for link in footer]
    navigation.save()
    return navigation


def test_header_and_footer_links_render_in_order(client, demo_site, home):
    shipping = publish(home, StandardPage(title="Versand", slug="versand"))
    add_links(
        demo_site,
        header=[{"link_page": shipping}, {"link_url": "https://blog.naturwest.example/", "label": "Blog"}],
        footer=[{"link_page": shipping, "label": "Versand & Zahlung"}],
    )

    html = client.get("/").content.decode()

    header = html[html.index('class="main-nav"') : html.index("</header>")]
    assert header.index('<a href="/versand/">Versand</a>') < header.index(
        '<a href="https://blog.naturwest.example/">Blog</a>'
    )
    footer = html[html.index("<footer") :]
    assert '<a href="/versand/">Versand &amp; Zahlung</a>' in footer


def test_links_follow_the_visitor_language(client, demo_site, home, en_home):
    shipping = publish(home, StandardPage(title="Versand", slug="versand"))
    translate(shipping, title="Shipping", slug="shipping")
    add_links(demo_site, header=[{"link_page": shipping}])

    html = client.get("/en/").content.decode()

    assert '<a href="/en/shipping/">Shipping</a>' in html


def test_navigation_is_served_from_the_cache(client, demo_site, home):
    add_links(demo_site, header=[{"link_page": publish(home, StandardPage(title="Versand", slug="versand"))}])
    client.get("/")

    assert cache.get(cache_key(demo_site.pk, "de"))["header"][0]["label"] == "Versand"
    # The cached navigation is used even when the settings change behind the cache's back.
    HeaderLink.objects.update(label="Anders")
    assert "Anders" not in client.get("/").content.decode()


def test_saving_the_navigation_refreshes_it(client, demo_site, home, django_capture_on_commit_callbacks):
    shipping = publish(home, StandardPage(title="Versand", slug="versand"))
    client.get("/")

    with django_capture_on_commit_callbacks(execute=True):
        add_links(demo_site, header=[{"link_page": shipping, "label": "Lieferung"}])

    assert '<a href="/versand/">Lieferung</a>' in client.get("/").content.decode()


def test_publishing_a_page_refreshes_the_navigation(client, demo_site, home, django_capture_on_commit_callbacks):
    shipping = publish(home, StandardPage(title="Versand", slug="versand"))
    add_links(demo_site, header=[{"link_page": shipping}])
    client.get("/")

    with django_capture_on_commit_callbacks(execute=True):
        shipping.title = "Versand und Lieferung"
        shipping.save_revision().publish()

    assert '<a href="/versand/">Versand und Lieferung</a>' in client.get("/").content.decode()


def test_unpublished_pages_leave_the_navigation(client, demo_site, home, django_capture_on_commit_callbacks):
    shipping = publish(home, StandardPage(title="Versand", slug="versand"))
    add_links(demo_site, header=[{"link_page": shipping}])
    client.get("/")

    with django_capture_on_commit_callbacks(execute=True):
        shipping.unpublish()

    assert 'href="/versand/"' not in client.get("/").content.decode()


def test_language_switcher_links_to_the_translation(client, home, en_home):
    shipping = publish(home, StandardPage(title="Versand", slug="versand"))
    translate(shipping, title="Shipping", slug="shipping")

    html = client.get("/versand/").content.decode()

    switcher = html[html.index('class="language-switcher"') :]
    assert '<a href="/en/shipping/" hreflang="en" lang="en">EN' in switcher
    assert '<a href="/versand/" hreflang="de" lang="de" aria-current="true">DE' in switcher


def test_language_switcher_falls_back_to_the_home_page_of_the_language(client, home, en_home):
    publish(home, StandardPage(title="Impressum", slug="impressum"))

    html = client.get("/impressum/").content.decode()

    switcher = html[html.index('class="language-switcher"') :]
    assert '<a href="/en/" hreflang="en" lang="en">EN' in switcher


def test_frame_has_search_form_mini_cart_and_skip_link(client, home):
    html = client.get("/").content.decode()

    assert '<form class="site-search" role="search" action="/search/" method="get"' in html
    assert '<label class="visually-hidden" for="site-search-input">' in html
    mini_cart = f'<div id="mini-cart" class="mini-cart" data-url="{reverse("cart:mini")}">'
    assert mini_cart + f'<a href="{reverse("cart:detail")}">' in html  # works without JS, too
    assert '<a class="skip-link" href="#main">' in html
    # Executable scripts are external files only (CSP); JSON-LD data blocks are not code.
    assert re.search(r"<script\b[^>]*\bsrc=", html)
    assert not re.search(r'<script\b(?![^>]*\b(?:src=|type="application/ld\+json"))[^>]*>', html)
    assert "style=" not in html
