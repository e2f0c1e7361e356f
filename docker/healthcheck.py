"""Container health check: GET a probe on the local gunicorn as the proxy would send it.

Sends the first ALLOWED_HOSTS entry as Host (Django rejects other hosts) and
X-Forwarded-Proto: https (so SECURE_SSL_REDIRECT does not bounce the probe to https).
Usage: python docker/healthcheck.py [/healthz|/readyz]   Exit 0 when the probe answers 200.
"""

import os
import sys
import urllib.request


def main() -> int:
    path = sys.argv[1] if len(sys.argv) > 1 else "/healthz"
    hosts = [host.strip() for host in os.environ.get("ALLOWED_HOSTS", "").split(",") if host.strip()]
    host = hosts[0].lstrip(".") if hosts and hosts[0] != "*" else "localhost"
    request = urllib.request.Request(
        f"http://127.0.0.1:{os.environ.get('PORT', '8000')}{path}",
        headers={"Host": host, "X-Forwarded-Proto": "https"},
    )
    try:
        with urllib.request.urlopen(request, timeout=3) as response:  # noqa: S310 - fixed loopback URL
            return 0 if response.status == 200 else 1
    except OSError as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
