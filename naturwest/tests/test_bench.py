"""`make bench` at smoke size: the whole harness (gunicorn, locust, results file) runs end to end.

Two runs keep the CI cost small: the catalogue scenarios at two catalogue sizes on SQLite (the
seeded databases are cached under var/bench/cache/), and the add-to-cart and place-order flows on
PostgreSQL (a database `<DATABASE_URL's name>_bench` next to the test database, kept between runs).
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from conftest import service_unavailable

ROOT = Path(__file__).resolve().parents[2]
CATALOG_SCENARIOS = ["product-page", "product-page-uncached", "category-page", "category-page-uncached"]


def run_bench(tmp_path, *args, env=None):
    output = tmp_path / "bench.json"
    base = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    completed = subprocess.run(
        [sys.executable, "-m", "bench.run", "--smoke", *args, "--output", str(output)],
        cwd=ROOT,
        env={**base, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout[-4000:] + completed.stderr[-4000:]
    return json.loads(output.read_text()), completed.stdout


@pytest.mark.slow
def test_bench_smoke_runs_the_catalogue_scenarios_at_two_sizes_against_hello_world(tmp_path):
    scenarios = ",".join([*CATALOG_SCENARIOS, "place-order"])

    report, stdout = run_bench(tmp_path, "--products", "20,40", "--scenarios", scenarios)

    rows = {(row["scenario"], row["products"]): row for row in report["results"]}
    assert sorted(rows) == sorted((name, size) for name in ["hello-world", *CATALOG_SCENARIOS] for size in (20, 40))
    assert all(row["requests"] and row["failures"] == 0 for row in rows.values())
    assert rows["hello-world", 40]["ratio_to_hello_world"] == 1.0
    product = rows["product-page", 40]
    assert product["ratio_to_hello_world"] == round(product["rps"] / rows["hello-world", 40]["rps"], 3)
    minimums = {
        "product-page": 0.9,
        "product-page-uncached": 0.08,
        "category-page": 0.9,
        "category-page-uncached": 0.04,
    }
    assert [target["target"] for target in report["targets"]] == [
        *(f"{name} ≥ {minimums[name]}× hello-world req/s ({size} products)" for size in (20, 40) for name in minimums),
        "uncached category page at 40 products ≤ 1.5× its time at 20",
    ]
    assert "× hello-world" in stdout
    assert "Targets (reported, not enforced):" in stdout
    assert [item["scenario"] for item in report["skipped"]] == ["place-order"]  # SQLite: it says why
    assert "needs PostgreSQL" in report["skipped"][0]["reason"]


def bench_database_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_bench"))


@pytest.mark.slow
def test_bench_smoke_places_orders_on_postgresql(tmp_path):
    if bench_database_url() is None:
        service_unavailable("PostgreSQL", "the add-to-cart and place-order flows need DATABASE_URL on PostgreSQL")

    report, stdout = run_bench(
        tmp_path,
        "--products",
        "20",
        "--scenarios",
        "add-to-cart,place-order",
        env={"BENCH_DATABASE_URL": bench_database_url()},
    )

    rows = {row["scenario"]: row for row in report["results"]}
    assert sorted(rows) == ["add-to-cart", "hello-world", "place-order"]
    assert all(row["requests"] and row["failures"] == 0 for row in rows.values())
    assert report["config"]["database"] == "postgresql"
    place = rows["place-order"]
    assert place["rps"] > 0 and place["p95_ms"] > 0
    assert {step["name"] for step in place["steps"]} == {
        "place-order: add to cart",
        "place-order: address form",
        "place-order: address",
        "place-order: delivery form",
        "place-order: delivery",
        "place-order: review",
    }
    assert "orders/s" in stdout
