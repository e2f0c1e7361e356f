"""The model withdrawal form (Anlage 2 EGBGB): statutory wording, the seller as addressee, page and PDF, DE and EN."""

from io import BytesIO

import pytest
from django.utils import translation
from pypdf import PdfReader

from content.models import StandardPage
from content.seller import seller_identity
from content.tests.conftest import publish

pytestmark = pytest.mark.django_db

GERMAN_WORDING = [
    "Muster-Widerrufsformular",
    "(Wenn Sie den Vertrag widerrufen wollen, dann füllen Sie bitte dieses Formular aus und senden Sie es zurück.)",
    "Hiermit widerrufe(n) ich/wir (*) den von mir/uns (*) abgeschlossenen Vertrag über den Kauf der folgenden "
    "Waren (*)/die Erbringung der folgenden Dienstleistung (*)",
    "Bestellt am (*)/erhalten am (*)",
    "Name des/der Verbraucher(s)",
    "Anschrift des/der Verbraucher(s)",
    "Unterschrift des/der Verbraucher(s) (nur bei Mitteilung auf Papier)",
    "Datum",
    "(*) Unzutreffendes streichen.",
]
ENGLISH_WORDING = [
    "Model withdrawal form",
    "(complete and return this form only if you wish to withdraw from the contract)",
    "I/We (*) hereby give notice that I/We (*) withdraw from my/our (*) contract of sale of the following goods "
    "(*)/for the provision of the following service (*),",
    "Ordered on (*)/received on (*),",
    "Name of consumer(s),",
    "Address of consumer(s),",
    "Signature of consumer(s) (only if this form is notified on paper),",
    "(*) Delete as appropriate.",
]


@pytest.fixture
def seller(demo_site):
    identity = seller_identity(demo_site)
    identity.legal_name, identity.legal_form = "Naturwest", "GmbH"
    identity.street, identity.postal_code, identity.city, identity.country = "Waldweg 3", "50667", "Köln", "DE"
    identity.email = "widerruf@naturwest.example"
    identity.save()
    return identity


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.mark.parametrize(
    "url, wording, email_label",
    [("/withdrawal-form.pdf", GERMAN_WORDING, "E-Mail"), ("/en/withdrawal-form.pdf", ENGLISH_WORDING, "E-mail")],
)
def test_pdf_has_the_statutory_wording_and_the_seller_as_addressee(client, seller, url, wording, email_label):
    response = client.get(url)

    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    for passage in wording:
        assert passage in text
    addressee = text[text.index("–") :]
    for line in ("Naturwest GmbH", "Waldweg 3", "50667 Köln", f"{email_label}: widerruf@naturwest.example"):
        assert line in addressee


def test_pdf_follows_a_change_of_the_seller(client, seller):
    seller.legal_name, seller.street = "Kräuterkontor", "Fischmarkt 7"
    seller.save()

    text = _pdf_text(client.get("/withdrawal-form.pdf").content)

    assert "Kräuterkontor GmbH" in text and "Fischmarkt 7" in text and "Waldweg 3" not in text


def test_page_block_shows_the_form_with_the_addressee_and_the_pdf_link(client, seller, home):
    page = publish(
        home, StandardPage(title="Muster-Widerrufsformular", slug="widerrufsformular", body=[("withdrawal_form", None)])
    )

    with translation.override("de"):
        html = client.get(page.url).content.decode()

    assert "Hiermit widerrufe(n) ich/wir (*)" in html
    assert "Naturwest GmbH<br>Waldweg 3<br>50667 Köln" in html
    assert 'href="/withdrawal-form.pdf"' in html
    assert 'href="/withdrawal/"' in html  # the online withdrawal function next to the form


def test_impressum_block_renders_the_seller_identity(client, seller, home):
    seller.managing_directors, seller.register_court, seller.register_number = "Jana Beispiel", "AG Köln", "HRB 1"
    seller.vat_id = "DE811907980"
    seller.save()
    page = publish(home, StandardPage(title="Impressum", slug="impressum-block", body=[("seller_identity", None)]))

    with translation.override("de"):
        html = client.get(page.url).content.decode()

    assert "Angaben gemäß §5 DDG" in html
    assert "Jana Beispiel" in html and "AG Köln" in html and "HRB 1" in html and "DE811907980" in html
    assert "Verbraucherschlichtungsstelle" in html  # §36 VSBG statement


def test_footer_links_the_online_withdrawal_function_on_every_page(client, seller):
    with translation.override("de"):
        german = client.get("/").content.decode()
    english = client.get("/en/").content.decode()

    assert '<a class="withdrawal-link" href="/withdrawal/">Vertrag hier widerrufen</a>' in german
    assert '<a class="withdrawal-link" href="/en/withdrawal/">Withdraw from contract here</a>' in english
