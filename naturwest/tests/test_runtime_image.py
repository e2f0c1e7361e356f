"""The runtime image's files: the repository minus .dockerignore. No demo shop, sandboxes, benchmarks,
tests or docs ship, and what does ship starts with the production settings on its own."""

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def dockerignore_rules(text: str) -> list[tuple[re.Pattern, bool]]:
    """Docker's rules: one pattern a line, `!` re-includes, `**` spans directories, the last match wins."""
    rules = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        exclude = not line.startswith("!")
        pattern = line.lstrip("!").strip("/")
        regex = ""
        for token in re.split(r"(\*\*/|\*\*|\*|\?)", pattern):
            regex += {"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}.get(token, re.escape(token))
        rules.append((re.compile(regex), exclude))
    return rules


def is_ignored(path: str, rules) -> bool:
    """A path is left out when it, or a directory above it, matches an excluding rule last."""
    parents = path.split("/")
    candidates = ["/".join(parents[: n + 1]) for n in range(len(parents))]
    ignored = False
    for regex, exclude in rules:
        if any(regex.fullmatch(candidate) for candidate in candidates):
            ignored = exclude
    return ignored


def image_files() -> list[str]:
    tracked = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    rules = dockerignore_rules((ROOT / ".dockerignore").read_text())
    return [path for path in tracked if (ROOT / path).is_file() and not is_ignored(path, rules)]


def test_the_rules_follow_docker():
    rules = dockerignore_rules("**/tests\nbench\nintegrations/**/sandbox.py\n*.md\n!README.md\n")

    assert is_ignored("tests/test_x.py", rules)
    assert is_ignored("commerce/cart/tests/factories.py", rules)
    assert is_ignored("bench/results/run.json", rules)
    assert is_ignored("integrations/payments/vendo/sandbox.py", rules)
    assert is_ignored("CHANGES.md", rules)
    assert not is_ignored("README.md", rules)
    assert not is_ignored("benchmark.py", rules)
    assert not is_ignored("commerce/cart/testsuite.py", rules)


def test_the_image_holds_no_demo_sandbox_benchmark_test_or_doc_files():
    shipped = image_files()

    dev_only = [
        path
        for path in shipped
        if path.startswith(("demo/", "bench/", "docs/", ".ci/", "testing/", "integrations/sandbox/"))
        or "/tests/" in f"/{path}"
        or path.endswith(("conftest.py", "/sandbox.py"))
        or path in ("naturwest/wsgi_dev.py", "requirements-dev.txt")
    ]
    assert dev_only == []


def test_the_image_holds_what_the_dockerfile_uses():
    shipped = set(image_files())
    dockerfile = (ROOT / "Dockerfile").read_text()

    copied = [
        source for line in re.findall(r"^COPY (?!--from)(.+)$", dockerfile, flags=re.M) for source in line.split()[:-1]
    ]
    assert copied == ["requirements.txt", "."]
    assert "requirements.txt" in shipped
    assert {"manage.py", "naturwest/wsgi.py", "docker/healthcheck.py", "locale/de/LC_MESSAGES/django.po"} <= shipped
    assert any(path.startswith("static/") for path in shipped)
    assert any(path.startswith("templates/") for path in shipped)


# Imports every module the image ships, then runs Django's checks and resolves the URLconf.
STARTUP = """
import json, pathlib, sys
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.urls import get_resolver
import naturwest.wsgi, naturwest.celery
call_command("check", fail_level="ERROR")
get_resolver().url_patterns
root = pathlib.Path.cwd()
for path in sorted(root.rglob("*.py")):
    parts = path.relative_to(root).with_suffix("").parts
    module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
    if module and module != "manage":
        __import__(module)
outside = sorted(
    name for name, module in sys.modules.items()
    if getattr(module, "__file__", None) and str(root) not in module.__file__
    and name.split(".")[0] in {p.name for p in root.iterdir()} - sys.stdlib_module_names
)
print(json.dumps({"apps": list(settings.INSTALLED_APPS), "outside": outside}))
"""


@pytest.mark.slow
def test_the_image_files_start_with_the_production_settings(tmp_path):
    image = tmp_path / "app"
    for path in image_files():
        target = image / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / path, target)
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL", "DEBUG")}
    env.pop("PYTHONPATH", None)
    env.update(
        DJANGO_SETTINGS_MODULE="naturwest.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="shop.invalid",
        PROVIDERS_SANDBOX_ALLOWED="true",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )

    started = subprocess.run(
        [sys.executable, "-c", STARTUP], cwd=image, env=env, capture_output=True, text=True, timeout=300, check=False
    )

    assert started.returncode == 0, started.stderr[-3000:]
    result = json.loads(started.stdout.strip().splitlines()[-1])
    assert "demo" not in result["apps"]
    assert result["outside"] == []
