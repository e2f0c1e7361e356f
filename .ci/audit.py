"""`make audit`: bandit over the shop's code (high severity blocks) and pip-audit over the exact pins.

pip-audit needs a vulnerability database on the network (PyPI's per-release JSON or OSV). Where
neither answers, the dependency audit is reported as skipped with the reason and does not fail:
a package mirror without advisories must not turn every build red. Bandit needs no network.

Exit status: 1 = bandit found a high-severity issue or pip-audit found a vulnerable pin, else 0.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ["requirements.txt", "requirements-dev.txt"]
BANDIT_EXCLUDE = "./.venv,./var,./node_modules,./staticfiles,*/tests/*,*/migrations/*"
PROBE_TIMEOUT = 8

# What pip-audit itself asks each service (one known release, so a 200 means "advisories available").
PROBES = {
    "pypi": ("GET", "https://pypi.org/pypi/Django/5.2.19/json", None),
    "osv": (
        "POST",
        "https://api.osv.dev/v1/query",
        {"package": {"name": "Django", "ecosystem": "PyPI"}, "version": "5.2.19"},
    ),
}


def answers_with_advisories(method: str, url: str, body: dict | None) -> tuple[bool, str]:
    """Does `url` answer like a vulnerability service (JSON with its advisory key)? Returns (ok, reason)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=PROBE_TIMEOUT) as response:  # noqa: S310 - fixed https URLs
            payload = json.load(response)
    except urllib.error.HTTPError as error:
        return False, f"HTTP {error.code}"
    except (OSError, ValueError) as error:
        return False, f"{type(error).__name__}: {error}"
    if not isinstance(payload, dict) or not ({"vulnerabilities", "vulns"} & payload.keys() or payload == {}):
        return False, "answer has no advisory data"
    return True, "ok"


def reachable_service(probes: dict | None = None) -> tuple[str | None, list[str]]:
    """The first pip-audit service that answers, and why the others did not."""
    reasons = []
    for name, (method, url, body) in (PROBES if probes is None else probes).items():
        ok, reason = answers_with_advisories(method, url, body)
        if ok:
            return name, reasons
        reasons.append(f"{name} ({url}): {reason}")
    return None, reasons


def run_bandit(root: Path = ROOT) -> int:
    print("--- bandit (high severity)", flush=True)
    return subprocess.call(  # noqa: S603
        [sys.executable, "-m", "bandit", "-q", "-r", ".", "-lll", "-x", BANDIT_EXCLUDE], cwd=root
    )


def run_pip_audit() -> int:
    print("--- pip-audit (pinned requirements)", flush=True)
    service, reasons = reachable_service()
    if service is None:
        print("SKIPPED: no vulnerability database is reachable from this machine, the pins were not audited:")
        for reason in reasons:
            print(f"  - {reason}")
        print("  Run `make audit` where PyPI's JSON API or api.osv.dev answers.")
        return 0
    args = [sys.executable, "-m", "pip_audit", "--strict", "--no-deps", "--disable-pip", "--progress-spinner=off"]
    args += ["--vulnerability-service", service]
    for path in REQUIREMENTS:
        args += ["-r", path]
    return subprocess.call(args, cwd=ROOT)  # noqa: S603


def main() -> int:
    bandit_status = run_bandit()
    audit_status = run_pip_audit()
    if bandit_status:
        print("FAIL: bandit reported high-severity findings.", file=sys.stderr)
    if audit_status:
        print("FAIL: pip-audit reported vulnerable or unauditable pins.", file=sys.stderr)
    return 1 if bandit_status or audit_status else 0


if __name__ == "__main__":
    sys.exit(main())
