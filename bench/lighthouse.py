"""`make lighthouse`: Lighthouse scores (mobile) for the shop's key pages, served as production serves them.

    python -m bench.lighthouse [--paths /,/en/] [--keep]

Installs npm `lighthouse@12.2.3` into var/lighthouse/ on first use, runs the site under gunicorn with
production settings (HTTPS off) like `make bench`, and audits the home page plus the first live
category, product and landing page found in the demo data, with Debian's Chromium. Prints the four
category scores (0-100) per page and writes bench/results/lighthouse-<timestamp>.json, including
the audits that cost points.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench import site as bench_site
from bench.run import warm_up
from bench.scenarios import first_live_page

LIGHTHOUSE_VERSION = "12.2.3"
LIGHTHOUSE_DIR = bench_site.ROOT / "var" / "lighthouse"
LIGHTHOUSE_BIN = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
AUDIT_TIMEOUT = 240  # seconds per page
TRANSIENT_RETRIES = 2
INSTALL_TIMEOUT = 900
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")

PAGES = {
    "home": "/",
    "category": first_live_page("catalog", "CategoryPage"),
    "product": first_live_page("catalog", "ProductPage"),
    "landing": first_live_page("content", "LandingPage"),
}


def installed_version() -> str | None:
    package = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "package.json"
    if not (package.exists() and LIGHTHOUSE_BIN.exists()):
        return None
    return json.loads(package.read_text()).get("version")


def ensure_lighthouse() -> None:
    if installed_version() == LIGHTHOUSE_VERSION:
        return
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit(
            "npm is not installed: Lighthouse is a Node.js tool. Install Node.js 18+ with npm "
            "(Debian: apt-get install nodejs npm) and run `make lighthouse` again."
        )
    print(f"Installing lighthouse@{LIGHTHOUSE_VERSION} into {LIGHTHOUSE_DIR}…", flush=True)
    LIGHTHOUSE_DIR.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            npm,
            "i",
            "-E",
            "--no-audit",
            "--no-fund",
            "--prefix",
            str(LIGHTHOUSE_DIR),
            f"lighthouse@{LIGHTHOUSE_VERSION}",
        ],
        check=True,
        timeout=INSTALL_TIMEOUT,
    )
    if installed_version() != LIGHTHOUSE_VERSION:
        raise SystemExit(f"npm finished but {LIGHTHOUSE_BIN} (version {LIGHTHOUSE_VERSION}) is not there")


def chrome_path() -> str:
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not (os.path.exists(path) or shutil.which(path)):
        raise SystemExit(f"Chromium not found at {path} (apt-get install chromium, or set CHROMIUM_PATH)")
    return path


def audit(url: str, report_path: Path, chrome: str) -> dict:
    command = [
        str(LIGHTHOUSE_BIN),
        url,
        "--output=json",
        f"--output-path={report_path}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--quiet",
    ]
    for attempt in range(1 + TRANSIENT_RETRIES):
        completed = subprocess.run(
            command,
            env=dict(os.environ, CHROME_PATH=chrome),
            capture_output=True,
            text=True,
            timeout=AUDIT_TIMEOUT,
            check=False,
        )
        # Lighthouse itself asks to be run again when Chromium's trace came out incomplete (NO_NAVSTART…).
        if completed.returncode == 0 or "Please run Lighthouse again" not in completed.stderr:
            break
        print(f"    lighthouse asked to be run again ({url}, attempt {attempt + 1})", flush=True)
    if completed.returncode != 0 or not report_path.exists():
        raise RuntimeError(f"lighthouse failed for {url} (exit {completed.returncode}):\n{completed.stderr[-2000:]}")
    return summarise(json.loads(report_path.read_text()))


def summarise(report: dict) -> dict:
    """Scores 0-100 per category, the core metrics, and every weighted audit that did not score full marks."""
    audits = report["audits"]
    scores, lost = {}, {}
    for name in CATEGORIES:
        category = report["categories"][name]
        scores[name] = None if category["score"] is None else round(category["score"] * 100)
        lost[name] = [
            {"id": ref["id"], "title": audits[ref["id"]]["title"], "score": audits[ref["id"]]["score"]}
            for ref in category["auditRefs"]
            if ref.get("weight") and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
        ]
    metrics = {name: audits[name].get("displayValue") for name in METRICS if name in audits}
    warnings = report.get("runWarnings", [])
    return {"scores": scores, "lost_points": lost, "metrics": metrics, "run_warnings": warnings}


def table(results: list[dict]) -> str:
    header = ("page", "path", *CATEGORIES)
    rows = [
        (row["page"], row["path"], *("-" if row["scores"][c] is None else str(row["scores"][c]) for c in CATEGORIES))
        for row in results
    ]
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=False)]
    lines = [" | ".join(cell.ljust(width) for cell, width in zip(header, widths, strict=True))]
    lines.append("-+-".join("-" * width for width in widths))
    lines += [" | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(lines)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.lighthouse", description=__doc__.split("\n\n")[0])
    parser.add_argument("--paths", help="comma-separated paths to audit instead of the default pages")
    parser.add_argument("--output", type=Path, help="results file (default bench/results/lighthouse-<ts>.json)")
    parser.add_argument("--keep", action="store_true", help="keep var/bench/run-*/ (database, full reports)")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    bench_site.exit_on_sigterm()
    ensure_lighthouse()
    chrome = chrome_path()
    pages = {path: path for path in args.paths.split(",")} if args.paths else PAGES
    started = time.time()
    print("Preparing the site (production settings, HTTPS off)…", flush=True)
    site = bench_site.prepare(
        lambda: {name: target() if callable(target) else target for name, target in pages.items()}
    )
    results = []
    try:
        with bench_site.gunicorn(site) as base_url:
            for name, path in site.found.items():
                if path is None:
                    print(f"  {name}: no live page in the demo data, skipped")
                    continue
                print(f"  auditing {name}: {path}", flush=True)
                # A fresh site renders every image rendition on a page's first view: seconds of server
                # time that would be measured as a blank screen (Speed Index 12 s on the category page).
                warm_up(base_url + path)
                report_path = site.workdir / f"lighthouse-{len(results)}.json"
                results.append({"page": name, "path": path, **audit(base_url + path, report_path, chrome)})
    finally:
        if not args.keep:
            bench_site.cleanup(site)

    print()
    print(table(results))
    for row in results:
        for category, audits in row["lost_points"].items():
            if audits:
                print(f"  {row['page']} {category}: " + ", ".join(a["id"] for a in audits))
    output = args.output or bench_site.RESULTS / f"lighthouse-{bench_site.timestamp()}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(
        json.dumps(
            {
                "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
                "lighthouse": LIGHTHOUSE_VERSION,
                "form_factor": "mobile",
                "machine": bench_site.machine_info(),
                "results": results,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"\nresults: {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
