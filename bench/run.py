"""`make bench`: requests/s and latency percentiles per scenario, against a hello-world baseline.

    python -m bench.run [--scenarios home,healthz] [--duration 10] [--users 20] [--products N] [--smoke]

The shop runs under gunicorn with production settings (HTTPS off) on loopback; locust drives it
headless from a second process, one scenario at a time. The table gives each scenario's req/s as a
ratio of the hello-world view served by the same gunicorn in the same run. Results go to
bench/results/<timestamp>.json so runs can be compared.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench import site as bench_site
from bench.scenarios import HELLO_WORLD, SCENARIOS, load_app_scenarios

LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
WARMUP_REQUESTS = 10
LOCUST_GRACE = 60  # seconds locust may take beyond the run time (start-up, stop, CSV)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenarios", help="comma-separated names (default: all registered); see --list")
    parser.add_argument("--duration", type=int, default=10, help="seconds per scenario (default 10)")
    parser.add_argument("--users", type=int, default=20, help="concurrent locust users (default 20)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--products", type=int, help="demo catalogue size, passed to seed_demo when it supports it")
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


def chosen_scenarios(spec: str | None) -> list[str]:
    names = [name.strip() for name in spec.split(",") if name.strip()] if spec else list(SCENARIOS)
    unknown = [name for name in names if name not in SCENARIOS]
    if unknown:
        raise SystemExit(f"unknown scenario(s): {', '.join(unknown)}; known: {', '.join(SCENARIOS)}")
    if HELLO_WORLD not in names:
        names.insert(0, HELLO_WORLD)  # every ratio is relative to it
    return names


def warm_up(url: str) -> None:
    """A few requests first (imports, template compilation, caches); a scenario that does not answer 200 stops us."""
    for _ in range(WARMUP_REQUESTS):
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            raise RuntimeError(f"{url} answered {exc.code}, not 200") from None


def run_locust(name: str, base_url: str, path: str, args: argparse.Namespace, workdir: Path) -> dict:
    prefix = workdir / f"locust-{name}"
    env = dict(os.environ, BENCH_PATH=path, BENCH_SCENARIO=name)
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
    ]
    log_path = workdir / f"locust-{name}.log"
    with log_path.open("wb") as log:
        completed = subprocess.run(
            command, env=env, stdout=log, stderr=subprocess.STDOUT, timeout=args.duration + LOCUST_GRACE, check=False
        )
    stats_path = Path(f"{prefix}.json")
    if completed.returncode != 0 or not stats_path.exists():
        raise RuntimeError(f"locust failed for {name} (exit {completed.returncode}):\n{log_path.read_text()[-2000:]}")
    stats = parse_stats(stats_path)
    if not stats["requests"]:
        print(f"  {name}: locust made no requests; its log:\n{log_path.read_text()[-2000:]}", file=sys.stderr)
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


def parse_stats(stats_path: Path) -> dict:
    """Locust's final stats (--json-file): one entry, since each locust run requests one path."""
    entries = json.loads(stats_path.read_text())
    if not entries:
        return {"requests": 0, "failures": 0, "rps": 0.0, "avg_ms": 0.0, "p50_ms": 0.0, "p95_ms": 0.0, "p99_ms": 0.0}
    (entry,) = entries
    requests = entry["num_requests"]
    elapsed = entry["last_request_timestamp"] - entry["start_time"]
    return {
        "requests": requests,
        "failures": entry["num_failures"],
        "rps": round(requests / elapsed, 1) if elapsed > 0 else 0.0,
        "avg_ms": round(entry["total_response_time"] / requests, 1) if requests else 0.0,
        "p50_ms": percentile(entry["response_times"], 0.50),
        "p95_ms": percentile(entry["response_times"], 0.95),
        "p99_ms": percentile(entry["response_times"], 0.99),
    }


def add_ratios(rows: list[dict]) -> None:
    baseline = next((row["rps"] for row in rows if row["scenario"] == HELLO_WORLD), 0)
    for row in rows:
        row["ratio_to_hello_world"] = round(row["rps"] / baseline, 3) if baseline else None


def table(rows: list[dict], skipped: list[dict]) -> str:
    header = ("scenario", "req/s", "p50 ms", "p95 ms", "p99 ms", "× hello-world", "failures")
    lines = [
        (
            row["scenario"],
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
    out += [f"(skipped {item['scenario']}: {item['reason']})" for item in skipped]
    return "\n".join(out)


def main(argv=None) -> int:
    args = parse_args(argv)
    bench_site.exit_on_sigterm()
    if args.list:
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "naturwest.settings.dev")
        django.setup()
        load_app_scenarios()
        for scenario in SCENARIOS.values():
            print(f"{scenario.name:16} {scenario.description}")
        return 0

    started = time.time()
    print("Preparing the site (production settings, HTTPS off)…", flush=True)
    names: list[str] = []

    def resolve_paths() -> dict[str, str | None]:
        # Runs once Django is set up against the benchmark database, so apps' scenarios count too.
        load_app_scenarios()
        names.extend(chosen_scenarios(args.scenarios))
        return {name: SCENARIOS[name].resolve() for name in names}

    site = bench_site.prepare(resolve_paths, products=args.products, keep=args.keep)
    rows: list[dict] = []
    skipped: list[dict] = []
    try:
        with bench_site.gunicorn(site, workers=args.workers) as base_url:
            print(f"gunicorn ({args.workers} workers) on {base_url}; {args.users} users × {args.duration} s each")
            for name in names:
                path = site.paths.get(name)
                if path is None:
                    skipped.append({"scenario": name, "reason": "nothing to request in the demo data"})
                    continue
                print(f"  {name}: {path}", flush=True)
                warm_up(base_url + path)
                stats = run_locust(name, base_url, path, args, site.workdir)
                rows.append({"scenario": name, "path": path, "description": SCENARIOS[name].description, **stats})
    finally:
        if not args.keep:
            bench_site.cleanup(site)
    add_ratios(rows)
    print()
    print(table(rows, skipped))

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
            "database": site.database,
            "products": args.products if site.seeded_products else None,
            "load_generator": "locust (FastHttpUser, no wait time), one process",
            "smoke": args.smoke,
        },
        "results": rows,
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
