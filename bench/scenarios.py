"""The benchmark scenarios: what each one requests, and how.

Two kinds:

* **page** — one URL path, requested as fast as it is answered (locust user `PageVisitor`),
  optionally with extra headers (the uncached variants send `X-Bench-Page-Cache: bypass`).
* **flow** — a locust user class of `bench/locustfile.py` that keeps its own session and walks
  through several requests (add to cart, checkout). Its headline request carries the scenario's
  name; the other steps are reported alongside.

A target is either a fixed path or a function that finds one in the seeded database (it runs with
Django set up against the benchmark database and returns a path, or None when there is nothing to
request, e.g. no product pages yet). A flow's target returns the environment its locust user reads
(e.g. which variants to buy). Apps add their own scenarios in a `bench_scenarios.py` module,
which is imported when the benchmark starts:

    # catalog/bench_scenarios.py
    from bench.scenarios import first_live_page, register

    register("category-page", first_live_page("catalog", "CategoryPage"), "first live category page")
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

HELLO_WORLD = "hello-world"
PAGE_CACHE_BYPASS = {"X-Bench-Page-Cache": "bypass"}  # honoured by naturwest.caching under BENCHMARK_ENDPOINTS only
FLOW_STOCK = 1_000_000  # units per variant a flow may buy: stock never runs out during a run
FLOW_VARIANTS = 400  # variants a flow spreads its buyers over (different products, no shared stock row)

Target = str | Callable[[], str | dict | None]


@dataclass(frozen=True)
class Scenario:
    name: str
    target: Target
    description: str = ""
    user_class: str = "PageVisitor"
    headers: dict[str, str] = field(default_factory=dict)
    # Repeated for every catalogue size of `--products 1000,10000` (the others run at the first size only).
    per_catalog_size: bool = False
    needs_postgresql: bool = False

    @property
    def kind(self) -> str:
        return "page" if self.user_class == "PageVisitor" else "flow"

    def resolve(self) -> dict[str, str] | None:
        """The locust environment for this scenario (BENCH_PATH at least), or None when there is nothing to do."""
        found = self.target() if callable(self.target) else self.target
        if found is None:
            return None
        return {"BENCH_PATH": found} if isinstance(found, str) else found


SCENARIOS: dict[str, Scenario] = {}


def register(name: str, target: Target, description: str = "", **options) -> Scenario:
    scenario = Scenario(name, target, description, **options)
    SCENARIOS[name] = scenario
    return scenario


def first_live_page(app_label: str, model_name: str) -> Callable[[], str | None]:
    """A target that requests the first live, public page of a type (in tree order), if the type exists."""

    def find() -> str | None:
        from django.apps import apps

        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            return None
        page = model.objects.live().public().order_by("path").first()
        if page is None:
            return None
        _site_id, _root_url, path = page.get_url_parts()
        return path

    find.__name__ = f"first_live_{model_name}"
    return find


def buyable_variants() -> dict[str, str] | None:
    """Active variants of live German products, given ample stock so a run never sells out.

    Returns them in product order; the locust users spread over them so concurrent buyers take
    different products (lock contention on one stock row is the concurrency tests' business).
    """
    from catalog.models import ProductVariant

    rows = ProductVariant.objects.filter(
        active=True, product__live=True, product__locale__language_code="de", retail_price__gt=0
    ).order_by("product__path", "sort_order")
    ids, products = [], set()
    for pk, product_id in rows.values_list("pk", "product_id").iterator():
        if product_id not in products:
            products.add(product_id)
            ids.append(pk)
            if len(ids) == FLOW_VARIANTS:
                break
    if not ids:
        return None
    ProductVariant.objects.filter(pk__in=ids).update(stock_quantity=FLOW_STOCK, backorder_allowed=False)
    return {"BENCH_PATH": "/cart/", "BENCH_VARIANTS": ",".join(map(str, ids))}


def load_app_scenarios() -> None:
    """Import every installed app's `bench_scenarios` module so it can register its scenarios."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("bench_scenarios")


register(HELLO_WORLD, "/_bench/hello/", "plain Django view through the same middleware stack: the baseline")
register("healthz", "/healthz", "liveness probe (no database)")
register("home", "/", "German home page, from the HTML page cache", per_catalog_size=True)
register(
    "home-uncached",
    "/",
    "German home page (teasers, products by rule), rendered on every request",
    headers=PAGE_CACHE_BYPASS,
    per_catalog_size=True,
)
_product, _category = first_live_page("catalog", "ProductPage"), first_live_page("catalog", "CategoryPage")
register("product-page", _product, "first live product page, from the HTML page cache", per_catalog_size=True)
register(
    "product-page-uncached",
    _product,
    "first live product page, rendered on every request (page cache bypassed)",
    headers=PAGE_CACHE_BYPASS,
    per_catalog_size=True,
)
register("category-page", _category, "first live category page, from the HTML page cache", per_catalog_size=True)
register(
    "category-page-uncached",
    _category,
    "first live category page (24 products, facets), rendered on every request",
    headers=PAGE_CACHE_BYPASS,
    per_catalog_size=True,
)
register(
    "add-to-cart",
    buyable_variants,
    "POST /cart/add/ as the product page's script does (own session; a new visitor every 5 items)",
    user_class="CartShopper",
    needs_postgresql=True,
)
register(
    "place-order",
    buyable_variants,
    "guest checkout: add, address, delivery, review, POST /checkout/place/ (prepayment); req/s = orders/s",
    user_class="Buyer",
    needs_postgresql=True,
)
