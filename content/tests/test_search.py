import json

import pytest

from catalog.models import CategoryPage
from content.models import SearchQueryLog, ShopSettings, StandardPage
from content.search import normalize_query
from content.tests.conftest import make_product, publish, translate


@pytest.fixture
def tea(home, en_home):
    category = publish(home, CategoryPage(title="Kräutertee", slug="kraeutertee"))
    translate(category, title="Herbal tea", slug="herbal-tea")
    product = make_product(category, "Pfefferminztee Bio", search_description="Frische Minze aus Baden.")
    return category, product


def test_search_finds_products_and_content_of_the_current_language(client, tea, home):
    publish(home, StandardPage(title="Pfefferminztee richtig aufbrühen", slug="minze"))

    html = client.get("/search/", {"q": "Pfefferminztee"}).content.decode()

    assert '<a href="/kraeutertee/pfefferminztee-bio/">Pfefferminztee Bio</a>' in html
    assert "Frische Minze aus Baden." in html
    assert '<a href="/minze/">Pfefferminztee richtig aufbrühen</a>' in html


def test_english_search_lists_english_pages_only(client, tea):
    html = client.get("/en/search/", {"q": "tea"}).content.decode()

    assert '<a href="/en/herbal-tea/">Herbal tea</a>' in html
    assert "/kraeutertee/" not in html
    assert '<html lang="en">' in html


def test_search_results_are_noindex(client, tea):
    html = client.get("/search/", {"q": "Tee"}).content.decode()

    assert '<meta name="robots" content="noindex,follow">' in html


def test_search_is_paginated(client, home):
    for number in range(23):
        publish(home, StandardPage(title=f"Ratgeber Kamille {number}", slug=f"kamille-{number}"))

    first = client.get("/search/", {"q": "Kamille"}).content.decode()
    second = client.get("/search/", {"q": "Kamille", "page": 2}).content.decode()

    assert first.count('class="search-result"') == 20
    assert second.count('class="search-result"') == 3
    assert 'rel="next" href="?q=Kamille&amp;page=2"' in first


def test_each_search_is_logged_once_normalized(client, tea):
    client.get("/search/", {"q": "  Pfefferminztee   BIO "})
    client.get("/search/", {"q": "Pfefferminztee Bio", "page": 2})
    client.get("/search/suggest/", {"q": "Pfeffer"})

    log = SearchQueryLog.objects.get()
    assert (log.query, log.locale, log.results_count) == ("pfefferminztee bio", "de", 1)


def test_empty_search_logs_nothing(client, home):
    response = client.get("/search/")

    assert response.status_code == 200
    assert SearchQueryLog.objects.count() == 0


def test_no_results_page_suggests_categories_popular_searches_and_contact(client, tea, demo_site):
    shop = ShopSettings.for_site(demo_site)
    shop.email = "hallo@naturwest.example"
    shop.save()
    client.get("/search/", {"q": "Pfefferminztee"})

    html = client.get("/search/", {"q": "Quarkkeulchen"}).content.decode()

    assert "0 results" in html or "0 Ergebnisse" in html
    assert '<a href="/kraeutertee/">Kräutertee</a>' in html
    assert '<a href="?q=pfefferminztee">pfefferminztee</a>' in html
    assert '<a href="mailto:hallo@naturwest.example">' in html
    assert SearchQueryLog.objects.filter(query="quarkkeulchen", results_count=0).count() == 1


def test_suggest_returns_titles_and_urls_as_cacheable_json(client, tea):
    response = client.get("/search/suggest/", {"q": "Pfeff"})

    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {
        "query": "Pfeff",
        "results": [{"title": "Pfefferminztee Bio", "url": "/kraeutertee/pfefferminztee-bio/"}],
    }
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    assert not response.cookies


def test_suggest_returns_at_most_eight(client, home):
    for number in range(10):
        publish(home, StandardPage(title=f"Lavendel {number}", slug=f"lavendel-{number}"))

    results = json.loads(client.get("/search/suggest/", {"q": "Lavend"}).content)["results"]

    assert len(results) == 8


def test_suggest_needs_two_characters(client, tea):
    assert json.loads(client.get("/search/suggest/", {"q": "P"}).content)["results"] == []


def test_normalize_query_collapses_whitespace_and_case():
    assert normalize_query("  Grüner \t TEE ") == "grüner tee"


def test_database_backend_uses_postgres_full_text_on_postgres(postgres):
    from wagtail.search.backends import get_search_backend

    assert type(get_search_backend()).__name__ == "PostgresSearchBackend"


def test_editors_see_the_search_log_in_the_admin(client, django_user_model, home):
    from django.urls import reverse

    SearchQueryLog.objects.create(query="lavendelöl", locale="de", results_count=0)
    client.force_login(django_user_model.objects.create_superuser("analyse", "a@naturwest.example", "x" * 12))

    response = client.get(reverse("search_queries:index"))

    assert response.status_code == 200
    assert "lavendelöl" in response.content.decode()


def test_language_switcher_on_the_search_page_keeps_the_query(client, home, en_home):
    html = client.get("/search/", {"q": "grüner tee"}).content.decode()

    switcher = html[html.index('class="language-switcher"') :]
    assert '<a href="/en/search/?q=gr%C3%BCner+tee" hreflang="en" lang="en">EN' in switcher
