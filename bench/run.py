"""`make bench`: requests/s and latency percentiles per scenario, against a hello-world baseline.

    python -m bench.run [--scenarios home,healthz] [--duration 10] [--users 20] [--products 1000,10000] [--smoke]

The shop runs under gunicorn with production settings (HTTPS off) on loopback; locust drives it
headless from a second process, one scenario at a time. The table gives each scenario's req/s as a
ratio of the hello-world view served by the same gunicorn in the same run. With several catalogue
sizes, one site per size is prepared in turn (each in its own process and database) and the
catalogue scenarios run on each, so the targets that compare sizes are measured in one run.
Results go to bench/results/<timestamp>.json so runs can be compared.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench import site as bench_site
from bench.scenarios import HELLO_WORLD, SCENARIOS, Scenario, load_app_scenarios

LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
WARMUP_REQUESTS = 10
LOCUST_GRACE = 60  # seconds locust may take beyond the run time (start-up, stop, CSV)
# The shop's performance targets: printed with the table, never a reason to fail the run.
# Page scenarios: the least req/s as a share of hello-world in the same run, at every catalogue size.
MIN_RATIOS = {
    "home": 0.9,
    "product-page": 0.9,
    "category-page": 0.9,
    "product-page-uncached": 0.08,
    "category-page-uncached": 0.04,
}
UNCACHED_CATEGORY_MAX_GROWTH = 1.5  # uncached category page time at the largest size ≤ 1.5 × at the smallest
PLACE_ORDER_MIN_RATE = 20.0  # orders/s with --users concurrent buyers (PostgreSQL)
PLACE_ORDER_MAX_P95_MS = 400.0


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenarios", help="comma-separated names (default: all registered); see --list")
    parser.add_argument("--duration", type=int, default=10, help="seconds per scenario (default 10)")
    parser.add_argument("--users", type=int, default=20, help="concurrent locust users (default 20)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument(
        "--products",
        type=product_sizes,
        help="demo catalogue size(s) for seed_demo, e.g. 1000 or 1000,10000 (one site per size, in turn)",
    )
    parser.add_argument("--smoke", action="store_true", help="tiny run for CI: 2 s, 2 users")
    parser.add_argument("--output", type=Path, help="results file (default bench/results/<timestamp>.json)")
    parser.add_argument("--keep", action="store_true", help="keep var/bench/run-*/ (database, logs)")
    parser.add_argument("--list", action="store_true", help="list the scenarios and exit")
    args = parser.parse_args(argv)
    if args.smoke:
        args.duration, args.users = 2, 2
    if args.duration < 1 or args.users < 1 or args.workers < 1:
        parser.error("--duration, --users and --workers must be at least 1")
    return args


def product_sizes(value: str) -> list[int]:
    try:
        sizes = [int(part) for part in value.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of numbers: {value!r}") from None
    if not sizes or any(size < 0 for size in sizes):
        raise argparse.ArgumentTypeError(f"no catalogue size in {value!r}")
    return sorted(set(sizes))


def chosen_scenarios(spec: str | None) -> list[str]:
    names = [name.strip() for name in spec.split(",") if name.strip()] if spec else list(SCENARIOS)
    unknown = [name for name in names if name not in SCENARIOS]
    if unknown:
        raise SystemExit(f"unknown scenario(s): {', '.join(unknown)}; known: {', '.join(SCENARIOS)}")
    if HELLO_WORLD not in names:
        names.insert(0, HELLO_WORLD)  # every ratio is relative to it
    return names


def warm_up(url: str, headers: dict[str, str] | None = None) -> None:
    """A few requests first (imports, template compilation, caches); a scenario that does not answer 200 stops us."""
    for _ in range(WARMUP_REQUESTS):
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=30) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            raise RuntimeError(f"{url} answered {exc.code}, not 200") from None


def run_locust(
    scenario: Scenario, base_url: str, plan: dict[str, str], args: argparse.Namespace, workdir: Path
) -> dict:
    name = scenario.name
    prefix = workdir / f"locust-{name}"
    env = dict(os.environ, **plan, BENCH_SCENARIO=name, BENCH_HEADERS=json.dumps(scenario.headers))
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--host",
        base_url,
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.users),
        "--run-time",
        f"{args.duration}s",
        "--stop-timeout",
        "5",
        "--json-file",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--exit-code-on-error",
        "0",
        scenario.user_class,
    ]
    log_path = workdir / f"locust-{name}.log"
    with log_path.open("wb") as log:
        completed = subprocess.run(
            command, env=env, stdout=log, stderr=subprocess.STDOUT, timeout=args.duration + LOCUST_GRACE, check=False
        )
    stats_path = Path(f"{prefix}.json")
    if completed.returncode != 0 or not stats_path.exists():
        raise RuntimeError(f"locust failed for {name} (exit {completed.returncode}):\n{log_path.read_text()[-2000:]}")
    stats = parse_stats(stats_path, name)
    if not stats["requests"] or stats["failures"]:
        print(f"  {name}: failed or no requests; locust's log:\n{log_path.read_text()[-2000:]}", file=sys.stderr)
    return stats


def percentile(response_times: dict[str, int], percent: float) -> float:
    """Locust's own method over its rounded response-time histogram ({ms: count})."""
    buckets = sorted(((float(ms), count) for ms, count in response_times.items()), reverse=True)
    total = sum(count for _, count in buckets)
    wanted = int(total * percent)
    processed = 0
    for ms, count in buckets:
        processed += count
        if total - processed <= wanted:
            return ms
    return 0.0


def parse_stats(stats_path: Path, headline: str) -> dict:
    """Locust's final stats (--json-file) for the request named after the scenario.

    A page scenario makes only that request. A flow makes several: the headline's req/s counts
    its successful requests over the whole run (so place-order's is orders/s), its percentiles are
    the headline's own, failures are those of every step, and each step is listed under "steps".
    """
    entries = json.loads(stats_path.read_text())
    empty = {"requests": 0, "failures": 0, "rps": 0.0, "avg_ms": 0.0, "p50_ms": 0.0, "p95_ms": 0.0, "p99_ms": 0.0}
    if not entries:
        return empty
    elapsed = max(e["last_request_timestamp"] or 0 for e in entries) - min(e["start_time"] for e in entries)

    def summary(entry: dict, *, successful_only: bool) -> dict:
        requests = entry["num_requests"]
        counted = requests - entry["num_failures"] if successful_only else requests
        return {
            "requests": requests,
            "failures": entry["num_failures"],
            "rps": round(counted / elapsed, 1) if elapsed > 0 else 0.0,
            "avg_ms": round(entry["total_response_time"] / requests, 1) if requests else 0.0,
            "p50_ms": percentile(entry["response_times"], 0.50),
            "p95_ms": percentile(entry["response_times"], 0.95),
            "p99_ms": percentile(entry["response_times"], 0.99),
        }

    main = next((entry for entry in entries if entry["name"] == headline), None)
    if len(entries) == 1 and main is not None:
        return summary(main, successful_only=False)
    stats = summary(main, successful_only=True) if main is not None else dict(empty)
    stats["failures"] = sum(entry["num_failures"] for entry in entries)
    stats["steps"] = [
        {"name": entry["name"], "method": entry["method"], **summary(entry, successful_only=False)}
        for entry in entries
        if entry is not main
    ]
    return stats


def add_ratios(rows: list[dict]) -> None:
    """Ratios to the hello-world row of the same site (same catalogue size, same gunicorn)."""
    baselines = {row.get("products"): row["rps"] for row in rows if row["scenario"] == HELLO_WORLD}
    for row in rows:
        baseline = baselines.get(row.get("products"))
        row["ratio_to_hello_world"] = round(row["rps"] / baseline, 3) if baseline else None


def evaluate_targets(rows: list[dict]) -> list[dict]:
    """The performance targets, from whatever rows this run has (a target without its rows is left out)."""
    targets = []
    for row in rows:
        minimum = MIN_RATIOS.get(row["scenario"])
        if minimum is not None and row["ratio_to_hello_world"] is not None:
            targets.append(
                {
                    "target": f"{row['scenario']} ≥ {minimum}× hello-world req/s"
                    + (f" ({row['products']} products)" if row.get("products") is not None else ""),
                    "measured": f"{row['ratio_to_hello_world']:.3f}×",
                    "holds": row["ratio_to_hello_world"] >= minimum,
                }
            )
        if row["scenario"] == "place-order":
            targets.append(
                {
                    "target": f"place-order ≥ {PLACE_ORDER_MIN_RATE:.0f} orders/s, "
                    f"p95 ≤ {PLACE_ORDER_MAX_P95_MS:.0f} ms",
                    "measured": f"{row['rps']:.1f} orders/s, p95 {row['p95_ms']:.0f} ms",
                    "holds": row["rps"] >= PLACE_ORDER_MIN_RATE and row["p95_ms"] <= PLACE_ORDER_MAX_P95_MS,
                }
            )
    sized = sorted(
        (row for row in rows if row["scenario"] == "category-page-uncached" and row.get("products") is not None),
        key=lambda row: row["products"],
    )
    if len(sized) >= 2 and sized[0]["p50_ms"] and sized[0]["avg_ms"]:
        small, large = sized[0], sized[-1]
        p50_growth = large["p50_ms"] / small["p50_ms"]
        mean_growth = large["avg_ms"] / small["avg_ms"]
        targets.append(
            {
                "target": f"uncached category page at {large['products']} products ≤ "
                f"{UNCACHED_CATEGORY_MAX_GROWTH}× its time at {small['products']}",
                "measured": f"p50 {large['p50_ms']:.0f}/{small['p50_ms']:.0f} ms = {p50_growth:.2f}×, "
                f"mean {large['avg_ms']:.0f}/{small['avg_ms']:.0f} ms = {mean_growth:.2f}×",
                "holds": min(p50_growth, mean_growth) <= UNCACHED_CATEGORY_MAX_GROWTH,
            }
        )
    return targets


def table(rows: list[dict], skipped: list[dict]) -> str:
    sized = any(row.get("products") is not None for row in rows)
    header = ("scenario", *(("products",) if sized else ()), "req/s", "p50 ms", "p95 ms", "p99 ms", "× hello-world")
    header += ("failures",)
    lines = [
        (
            row["scenario"],
            *((str(row.get("products", "")),) if sized else ()),
            f"{row['rps']:.1f}",
            f"{row['p50_ms']:.0f}",
            f"{row['p95_ms']:.0f}",
            f"{row['p99_ms']:.0f}",
            "-" if row["ratio_to_hello_world"] is None else f"{row['ratio_to_hello_world']:.2f}",
            str(row["failures"]),
        )
        for row in rows
    ]
    widths = [max(len(cell) for cell in column) for column in zip(header, *lines, strict=False)]
    out = [" | ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)) for line in [header]]
    out.append("-+-".join("-" * width for width in widths))
    out += [" | ".join(cell.rjust(width) for cell, width in zip(line, widths, strict=True)) for line in lines]
    for row in rows:
        if row["scenario"] == "place-order":
            out.append(
                f"place-order: {row['rps']:.1f} orders/s, POST /checkout/place/ p95 {row['p95_ms']:.0f} ms "
                f"({row['requests'] - row['failures']} orders)"
            )
    out += [f"(skipped {item['scenario']}: {item['reason']})" for item in skipped]
    return "\n".join(out)


def targets_text(targets: list[dict]) -> str:
    if not targets:
        return ""
    lines = ["Targets (reported, not enforced):"]
    lines += [f"  {'holds ' if t['holds'] else 'MISSED'}  {t['target']}: {t['measured']}" for t in targets]
    return "\n".join(lines)


def skip_reason(scenario: Scenario, site: bench_site.Site) -> str | None:
    if scenario.needs_postgresql and site.database != "postgresql":
        return (
            "needs PostgreSQL (concurrent writes): set BENCH_DATABASE_URL (or DATABASE_URL) "
            "to a throwaway PostgreSQL database"
        )
    if site.found.get(scenario.name) is None:
        return "nothing to request in the demo data"
    return None


def run_site(args: argparse.Namespace, products: int | None) -> tuple[list[dict], list[dict], bench_site.Site]:
    """Prepare one site (database, demo data, static files), run the chosen scenarios on it."""
    names: list[str] = []

    def resolve_plans() -> dict[str, dict | None]:
        # Runs once Django is set up against the benchmark database, so apps' scenarios count too.
        load_app_scenarios()
        names.extend(chosen_scenarios(args.scenarios))
        plans = {}
        for name in names:
            scenario = SCENARIOS[name]
            usable = not scenario.needs_postgresql or bench_site.database_vendor() == "postgresql"
            plans[name] = scenario.resolve() if usable else None
        return plans

    site = bench_site.prepare(resolve_plans, products=products, keep=args.keep)
    rows: list[dict] = []
    skipped: list[dict] = []
    try:
        with bench_site.gunicorn(site, workers=args.workers) as base_url:
            print(f"gunicorn ({args.workers} workers) on {base_url}; {args.users} users × {args.duration} s each")
            for name in names:
                scenario = SCENARIOS[name]
                reason = skip_reason(scenario, site)
                if reason is not None:
                    skipped.append({"scenario": name, "products": products, "reason": reason})
                    continue
                plan = site.found[name]
                path = plan["BENCH_PATH"]
                print(f"  {name}: {path}" + (f" ({scenario.kind})" if scenario.kind != "page" else ""), flush=True)
                warm_up(base_url + path, scenario.headers)
                stats = run_locust(scenario, base_url, plan, args, site.workdir)
                row = {"scenario": name, "path": path, "description": scenario.description, **stats}
                if site.seeded_products:
                    row["products"] = products
                rows.append(row)
    finally:
        if not args.keep:
            bench_site.cleanup(site)
    return rows, skipped, site


def run_sizes(args: argparse.Namespace, argv: list[str]) -> tuple[list[dict], list[dict], dict]:
    """One child `bench.run` per catalogue size, in turn: each sets Django up against its own database.

    The first size runs every chosen scenario; the others only hello-world (their baseline) and
    the scenarios marked per_catalog_size. On PostgreSQL each size gets its own database,
    `<name>_p<size>` on the same server (created when missing, kept: its seeding is reused).
    """
    rows: list[dict] = []
    skipped: list[dict] = []
    config: dict = {}
    wanted = chosen_scenarios(args.scenarios)
    per_size = [name for name in wanted if name == HELLO_WORLD or SCENARIOS[name].per_catalog_size]
    passthrough = strip_options(argv, {"--products", "--scenarios", "--output"})
    database_url = bench_site.requested_database_url()
    with tempfile.TemporaryDirectory(prefix="bench-sizes-") as tmp:
        for position, size in enumerate(args.products):
            output = Path(tmp) / f"{size}.json"
            names = wanted if position == 0 else per_size
            print(f"\n=== {size} products ===", flush=True)
            env = dict(os.environ)
            if database_url and database_url.startswith(("postgres://", "postgresql://")):
                env["BENCH_DATABASE_URL"] = bench_site.database_url_for_size(database_url, size)
            command = [sys.executable, "-m", "bench.run", *passthrough, "--products", str(size)]
            command += ["--scenarios", ",".join(names), "--output", str(output)]
            subprocess.run(command, cwd=bench_site.ROOT, env=env, check=False)
            if not output.exists():
                raise SystemExit(f"the run at {size} products wrote no results")
            report = json.loads(output.read_text())
            rows += report["results"]
            skipped += report["skipped"]
            config.setdefault("database", report["config"]["database"])
    return rows, skipped, config


def strip_options(argv: list[str], options: set[str]) -> list[str]:
    kept, skip = [], False
    for item in argv:
        if skip:
            skip = False
            continue
        if item in options:
            skip = True
            continue
        if item.split("=", 1)[0] in options:
            continue
        kept.append(item)
    return kept


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    bench_site.exit_on_sigterm()
    if args.list:
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "naturwest.settings.dev")
        django.setup()
        load_app_scenarios()
        for scenario in SCENARIOS.values():
            print(f"{scenario.name:24} {scenario.kind:5} {scenario.description}")
        return 0

    started = time.time()
    sizes = args.products or [None]
    if len(sizes) > 1:
        rows, skipped, config = run_sizes(args, argv)
        database = config.get("database", "")
    else:
        print("Preparing the site (production settings, HTTPS off)…", flush=True)
        rows, skipped, site = run_site(args, sizes[0])
        database = site.database
    add_ratios(rows)
    targets = evaluate_targets(rows)
    print()
    print(table(rows, skipped))
    if targets:
        print()
        print(targets_text(targets))

    output = args.output or bench_site.RESULTS / f"{bench_site.timestamp()}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
        "seconds": round(time.time() - started, 1),
        "machine": bench_site.machine_info(),
        "config": {
            "duration_s": args.duration,
            "users": args.users,
            "gunicorn_workers": args.workers,
            "database": database,
            "products": sorted({row["products"] for row in rows if row.get("products") is not None}) or None,
            "load_generator": "locust (FastHttpUser, no wait time), one process",
            "smoke": args.smoke,
        },
        "results": rows,
        "targets": targets,
        "skipped": skipped,
    }
    output.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nresults: {output}")
    failed = [row["scenario"] for row in rows if row["failures"] or not row["requests"]]
    if failed:
        print(f"FAILED requests in: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
