from __future__ import annotations

from types import SimpleNamespace

import pytest

from catalog.models import Brand, TaxClass
from commerce.pricing.context import PriceContext

from .factories import TODAY, make_category, make_product, make_variant


@pytest.fixture
def home(demo_site):
    return demo_site.root_page.specific


@pytest.fixture
def shop(home):
    """Tee > Kräutertee > Pfefferminztee (brand Kräutergarten), Kosmetik > Seife (brand Savon)."""
    tee = make_category(home, "Tee")
    kraeutertee = make_category(tee, "Kraeutertee")
    kosmetik = make_category(home, "Kosmetik")
    kraeutergarten = Brand.objects.create(name="Kräutergarten", slug="kraeutergarten")
    savon = Brand.objects.create(name="Savon", slug="savon")
    minze = make_product(kraeutertee, "Pfefferminztee", brand=kraeutergarten)
    seife = make_product(kosmetik, "Olivenseife", brand=savon)
    return SimpleNamespace(
        tee=tee,
        kraeutertee=kraeutertee,
        kosmetik=kosmetik,
        kraeutergarten=kraeutergarten,
        savon=savon,
        minze=minze,
        seife=seife,
        # 11.90 gross incl. 19 % = 10.00 net; 250 g
        soap=make_variant(seife, "SEIFE-250", "11.90", compare_at_price="14.90"),
        # 10.70 gross incl. 7 % = 10.00 net; 100 g
        tea=make_variant(minze, "MINZE-100", "10.70", tax_class=TaxClass.REDUCED, net_quantity="100"),
    )


@pytest.fixture
def anonymous():
    return PriceContext.retail(on_date=TODAY)
