"""The apps depend on each other in one direction only (docs/architecture.md).

Every module outside tests and migrations is parsed with `ast`, imports inside functions
included, and each import of another app must point to a lower layer. Templates may load
any tag library: they are not Python and are not checked here.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Lowest first. An app may import only apps of a lower layer; apps in one layer are siblings
# and do not import each other. "commerce" is the package's root modules (errors, single_line).
LAYERS: list[set[str]] = [
    {"content"},
    {"catalog"},
    {"commerce"},
    # The outbox: companies, orders and the integrations queue their messages through it.
    {"commerce.notifications"},
    {"commerce.pricing"},
    # B2B companies and shopper accounts: who buys; both build on pricing only.
    {"commerce.companies", "commerce.customers"},
    # Pure rules the cart and checkout apply: promo codes, shipping zones and offers.
    {"commerce.promotions", "commerce.shipping"},
    {"commerce.orders"},
    {"commerce.cart"},
    {"commerce.checkout"},
    {"integrations"},
    {"assistant"},
    # Demo data: dev-only, seeds every app below.
    {"demo"},
    {"naturwest"},
]
RANK = {app: rank for rank, apps in enumerate(LAYERS) for app in apps}
PACKAGES = {app.split(".")[0] for app in RANK}


def _is_checked(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    return not (
        "tests" in parts
        or "migrations" in parts
        or path.name.startswith("test_")
        or path.name in {"conftest.py", "factories.py"}
    )


def _modules() -> dict[str, Path]:
    modules = {}
    for package in sorted(PACKAGES):
        for path in sorted((ROOT / package).rglob("*.py")) if (ROOT / package).is_dir() else ():
            if _is_checked(path):
                parts = list(path.relative_to(ROOT).with_suffix("").parts)
                if parts[-1] == "__init__":
                    parts.pop()
                modules[".".join(parts)] = path
    return modules


def _imports(module: str, path: Path) -> set[str]:
    """Every module `module` imports, at top level or inside functions, with relative imports resolved."""
    found = set()
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                found.add(".".join([*base, node.module] if node.module else base))
            elif node.module:
                found.add(node.module)
    return found


def app_of(module: str) -> str | None:
    """The app a module belongs to: `commerce.<app>` inside commerce, else the top-level package."""
    parts = module.split(".")
    if parts[0] not in PACKAGES:
        return None
    if parts[0] == "commerce" and len(parts) > 1 and (ROOT / "commerce" / parts[1] / "apps.py").exists():
        return f"commerce.{parts[1]}"
    return parts[0]


def _cross_app_imports() -> set[tuple[str, str, str, str]]:
    """(importing module, imported module, its app, the imported app) for every import between apps."""
    edges = set()
    for module, path in _modules().items():
        source = app_of(module)
        for imported in _imports(module, path):
            target = app_of(imported)
            if target is not None and target != source:
                edges.add((module, imported, source, target))
    return edges


def against_the_direction() -> set[tuple[str, str]]:
    return {
        (module, imported) for module, imported, source, target in _cross_app_imports() if RANK[target] >= RANK[source]
    }


def test_every_app_has_a_layer():
    apps = {app_of(module) for module in _modules()}
    assert apps - set(RANK) == set(), "place the new app in LAYERS (and in docs/architecture.md)"


def test_no_import_goes_against_the_direction():
    assert sorted(against_the_direction()) == []


def test_function_level_and_relative_imports_are_seen(tmp_path):
    module = tmp_path / "receivers.py"
    module.write_text(
        "from . import services\n"
        "from ..orders.models import Order\n"
        "def on_event():\n"
        "    from commerce.checkout.methods import shipping_offers\n"
    )

    found = _imports("commerce.cart.receivers", module)

    assert found == {"commerce.cart", "commerce.orders.models", "commerce.checkout.methods"}


def test_an_upward_import_is_a_violation():
    assert RANK[app_of("commerce.checkout.methods")] >= RANK[app_of("commerce.cart.services")]
    assert RANK[app_of("catalog.models")] < RANK[app_of("commerce.pricing.engine")]
    assert app_of("commerce.errors") == "commerce"
