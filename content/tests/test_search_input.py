"""Whatever a visitor types into the search box gets a result page, on SQLite (FTS5) and PostgreSQL."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Locale

from content import search as site_search
from content.models import SearchQueryLog
from content.tests.conftest import make_product, publish, translate

SEARCH_URLS = ("/search/", "/en/search/")
SUGGEST_URLS = ("/search/suggest/", "/en/search/suggest/")

QUERY_SYNTAX = [
    '"ab',
    'ab"',
    '"',
    '""',
    '"Pfeffer" "',
    "'",
    "Pfeffer'minz",
    "*",
    "Pfeffer*",
    "*minz",
    "^Pfeffer",
    "Pfeffer^2",
    "NEAR",
    "NEAR(Pfeffer minz)",
    "Pfeffer NEAR/2 minz",
    "AND",
    "OR",
    "NOT",
    "Pfeffer AND",
    "OR Pfeffer",
    "NOT Pfeffer",
    "Pfeffer AND NOT minz",
    "-",
    "-Pfeffer",
    "Pfeffer -minz",
    "--",
    "(",
    ")",
    "(Pfeffer",
    "Pfeffer)",
    "((()))",
    "{title}: Pfeffer",
    "title:Pfeffer",
    "Pfeffer:*",
    "Pfeffer & minz | !tee",
    "!",
    "<->",
    "Pfeffer <-> minz",
    "\\",
    "Pfeffer\\",
    "%s",
    "%",
    "100%",
    ";",
    "'; DROP TABLE content_searchquerylog; --",
    "\x00",
    "Pfeffer\x00minz",
    "\x01\x02\x1b[31m",
    "Pfeffer\r\nminz",
    "\t",
    "\x7f",
    "\u200b",
    "🍵",
    "🍵 Pfeffer",
    "Ｐｆｅｆｆｅｒ",
    "٥",
    "x" * 100_000,
    '"' * 100_000,
]


@pytest.fixture
def mint(home, en_home):
    from catalog.models import CategoryPage

    category = publish(home, CategoryPage(title="Kräutertee", slug="kraeutertee"))
    translate(category, title="Herbal tea", slug="herbal-tea")
    return make_product(category, "Pfefferminztee Bio")


def assert_every_endpoint_answers(client, query):
    for url in SEARCH_URLS:
        response = client.get(url, {"q": query})
        assert response.status_code == 200, (url, query)
        assert response["Content-Type"].startswith("text/html")
    for url in SUGGEST_URLS:
        response = client.get(url, {"q": query})
        assert response.status_code == 200, (url, query)
        assert isinstance(json.loads(response.content)["results"], list)


@pytest.mark.parametrize("query", QUERY_SYNTAX, ids=lambda q: repr(q[:30]))
def test_query_syntax_and_odd_characters_get_a_result_page(client, mint, query):
    assert_every_endpoint_answers(client, query)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=60) | st.text(alphabet="\"*^()-:+!&|<>{}'\\ NEARANDORNOT", max_size=30))
def test_any_text_gets_a_result_page(client, mint, query):
    assert_every_endpoint_answers(client, query)


def test_a_quoted_word_still_finds_the_product(client, mint):
    html = client.get("/search/", {"q": '"Pfefferminztee'}).content.decode()

    assert '<a href="/kraeutertee/pfefferminztee-bio/">Pfefferminztee Bio</a>' in html


def test_suggest_ignores_syntax_around_the_word(client, mint):
    results = json.loads(client.get("/search/suggest/", {"q": '("Pfeffer*'}).content)["results"]

    assert results == [{"title": "Pfefferminztee Bio", "url": "/kraeutertee/pfefferminztee-bio/"}]


@pytest.mark.parametrize("query", ["\ud800", "\udfff\x00", "\x00\ud83c", "🍵\ud83c"])
def test_lone_surrogates_never_reach_the_database(mint, query):
    """A request cannot carry them (Django decodes with replacement), but the service is safe anyway."""
    locale = Locale.objects.get(language_code="de")

    assert list(site_search.search_pages(query, locale)) == []
    assert site_search.suggest(query, locale) == []
    site_search.log_search(query, "de", 0)
    assert "\x00" not in SearchQueryLog.objects.get().query


def test_search_terms_are_the_words_only():
    assert site_search.search_terms('"Pfeffer\udfff*minz" -(Tee)^2 NEAR') == ["Pfeffer", "minz", "Tee", "2", "NEAR"]


def test_control_characters_are_not_logged(client, mint):
    client.get("/search/", {"q": "Pfeffer\x00minz\r\n"})

    assert SearchQueryLog.objects.get().query == "pfeffer minz"


def test_a_very_long_query_is_cut_to_the_maximum(client, mint):
    response = client.get("/search/", {"q": "Pfefferminztee " + "x" * 100_000})

    assert response.status_code == 200
    assert len(SearchQueryLog.objects.get().query) == site_search.MAX_QUERY_LENGTH


def test_query_without_words_finds_nothing(mint):
    assert list(site_search.search_pages('"*^()', Locale.objects.get(language_code="de"))) == []


def test_searches_are_logged_at_most_ten_per_client_and_minute(client, mint):
    for number in range(site_search.LOGGED_SEARCHES_PER_MINUTE + 5):
        assert client.get("/search/", {"q": f"Pfeffer {number}"}).status_code == 200
    client.get("/search/", {"q": "Minze"}, REMOTE_ADDR="198.51.100.7")

    assert SearchQueryLog.objects.exclude(query="minze").count() == site_search.LOGGED_SEARCHES_PER_MINUTE
    assert SearchQueryLog.objects.filter(query="minze").count() == 1


def test_the_limit_starts_again_the_next_minute(client, mint, monkeypatch):
    now = 1_800_000_000.0
    monkeypatch.setattr(site_search.time, "time", lambda: now)
    for _ in range(site_search.LOGGED_SEARCHES_PER_MINUTE + 1):
        client.get("/search/", {"q": "Pfeffer"})
    now += 60

    client.get("/search/", {"q": "Pfeffer"})

    assert SearchQueryLog.objects.count() == site_search.LOGGED_SEARCHES_PER_MINUTE + 1


class BrokenCache:
    def incr(self, key, delta=1):
        raise ConnectionError("Redis is down")

    def add(self, key, value, timeout=None):
        raise ConnectionError("Redis is down")


class FailSoftCache:
    """What a cache with ignored exceptions answers while Redis is down."""

    def incr(self, key, delta=1):
        return None

    def add(self, key, value, timeout=None):
        return True


@pytest.mark.parametrize("down", [BrokenCache(), FailSoftCache()], ids=["raising", "fail-soft"])
def test_without_a_cache_searches_work_and_nothing_is_logged(client, mint, monkeypatch, down):
    monkeypatch.setattr(site_search, "cache", down)

    response = client.get("/search/", {"q": "Pfefferminztee"})

    assert response.status_code == 200
    assert "Pfefferminztee Bio" in response.content.decode()
    assert SearchQueryLog.objects.count() == 0
