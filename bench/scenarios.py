"""The benchmark scenarios: a name and the URL path it requests.

A target is either a fixed path or a function that finds one in the seeded database (it runs with
Django set up against the benchmark database and returns a path, or None when there is nothing to
request, e.g. no product pages yet). Apps add their own scenarios in a `bench_scenarios.py` module,
which is imported when the benchmark starts:

    # catalog/bench_scenarios.py
    from bench.scenarios import first_live_page, register

    register("category-page", first_live_page("catalog", "CategoryPage"), "first live category page")
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

HELLO_WORLD = "hello-world"

Target = str | Callable[[], str | None]


@dataclass(frozen=True)
class Scenario:
    name: str
    target: Target
    description: str = ""

    def resolve(self) -> str | None:
        """The path to request, or None when the database holds nothing for this scenario."""
        return self.target() if callable(self.target) else self.target


SCENARIOS: dict[str, Scenario] = {}


def register(name: str, target: Target, description: str = "") -> Scenario:
    scenario = Scenario(name, target, description)
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


def load_app_scenarios() -> None:
    """Import every installed app's `bench_scenarios` module so it can register its scenarios."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("bench_scenarios")


register(HELLO_WORLD, "/_bench/hello/", "plain Django view through the same middleware stack: the baseline")
register("healthz", "/healthz", "liveness probe (no database)")
register("home", "/", "German home page, rendered by Wagtail (no page cache)")
register("product-page", first_live_page("catalog", "ProductPage"), "first live product page")
register("category-page", first_live_page("catalog", "CategoryPage"), "first live category page")
