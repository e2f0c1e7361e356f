"""Production runs without the provider sandboxes and their own dependencies (requirements-dev.txt)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import sys
import django
django.setup()
from django.urls import resolve
import naturwest.wsgi, naturwest.celery, integrations.tasks
resolve("/integrations/sendcloud/webhook/")
loaded = sorted(m for m in sys.modules if m.split(".")[0] == "werkzeug" or m.startswith("integrations.sandbox"))
print(",".join(loaded))
"""


def test_production_imports_neither_the_sandboxes_nor_werkzeug(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL", "DEBUG")}
    env.update(
        DJANGO_SETTINGS_MODULE="naturwest.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="localhost",
        PROVIDERS_SANDBOX_ALLOWED="true",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )

    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
