"""Vendo URL signing: the published vectors (spec 2.2, "verified") and the verification rules."""

from integrations.payments.vendo import signing


def test_docs_vector():
    assert signing.sign("/v/signup?site=1&offers=123", "3HDW9B") == "UrYz6hgkRcRHmPksyIjTt_jFJ-g"


def test_sdk_vector():
    assert signing.sign("/?test=test", "test") == "FHmXgS5ptIzbkeSWqc1AnPYZcxU"


def test_signed_url_appends_the_signature_of_path_and_query():
    url = signing.signed_url("https://secure.vend-o.com", "/v/signup", [("site", "1"), ("offers", "123")], "3HDW9B")

    assert url == "https://secure.vend-o.com/v/signup?site=1&offers=123&signature=UrYz6hgkRcRHmPksyIjTt_jFJ-g"


def test_signed_url_signs_the_base_urls_path_prefix():
    url = signing.signed_url("http://h/_sandbox/vendo", "/v/signup", [("site", "1")], "s")

    assert url.endswith("signature=" + signing.sign("/_sandbox/vendo/v/signup?site=1", "s"))


def test_valid_url_accepts_the_received_order():
    assert signing.is_valid_url("/v/signup", "site=1&offers=123&signature=UrYz6hgkRcRHmPksyIjTt_jFJ-g", "3HDW9B")


def test_valid_url_rejects_a_tampered_parameter():
    assert not signing.is_valid_url("/v/signup", "site=1&offers=124&signature=UrYz6hgkRcRHmPksyIjTt_jFJ-g", "3HDW9B")


def test_valid_url_rejects_reordered_parameters():
    assert not signing.is_valid_url("/v/signup", "offers=123&site=1&signature=UrYz6hgkRcRHmPksyIjTt_jFJ-g", "3HDW9B")


def test_valid_url_rejects_a_missing_signature():
    assert not signing.is_valid_url("/v/signup", "site=1&offers=123", "3HDW9B")


def test_valid_url_rejects_an_expired_link():
    query = "site=1&expires=1000"
    signed = f"{query}&signature={signing.sign('/v/signup?' + query, 'k')}"

    assert signing.is_valid_url("/v/signup", signed, "k", expires="1000", now=999)
    assert not signing.is_valid_url("/v/signup", signed, "k", expires="1000", now=1001)
