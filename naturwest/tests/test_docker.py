"""Docker files, checked without a Docker engine: structure, and the image's gunicorn command run locally."""

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "Dockerfile").read_text()


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def final_stage(dockerfile: str) -> str:
    return re.split(r"^FROM ", dockerfile, flags=re.MULTILINE)[-1]


def image_major(image: str) -> int:
    return int(re.match(r"[\w./-]+:(\d+)", image)[1])


def test_compose_has_the_five_services():
    assert set(compose()["services"]) == {"web", "worker", "beat", "db", "redis"}


def test_compose_uses_postgresql_15_or_later_and_redis_7_or_later():
    services = compose()["services"]

    assert services["db"]["image"].startswith("postgres:")
    assert image_major(services["db"]["image"]) >= 15
    assert services["redis"]["image"].startswith("redis:")
    assert image_major(services["redis"]["image"]) >= 7


def test_compose_services_that_serve_have_health_checks():
    services = compose()["services"]

    assert {name for name, service in services.items() if "healthcheck" in service} == {"web", "worker", "db", "redis"}


def test_compose_keeps_database_media_and_private_documents_in_named_volumes():
    config = compose()

    assert set(config["volumes"]) == {"pgdata", "media", "private"}
    assert "pgdata:/var/lib/postgresql/data" in config["services"]["db"]["volumes"]
    for name in ("web", "worker"):  # the worker writes invoices and labels, the web process serves them
        assert "media:/app/var/media" in config["services"][name]["volumes"]
        assert "private:/app/var/private" in config["services"][name]["volumes"]


def test_compose_app_services_wait_for_healthy_database_and_redis():
    services = compose()["services"]

    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"] == {
            "db": {"condition": "service_healthy"},
            "redis": {"condition": "service_healthy"},
        }


def test_compose_refuses_to_start_without_a_secret_key():
    assert compose()["services"]["web"]["environment"]["SECRET_KEY"].startswith("${SECRET_KEY:?")


def test_dockerfile_is_multi_stage_on_python_311_slim():
    assert re.findall(r"^FROM (\S+) AS (\w+)", DOCKERFILE, flags=re.MULTILINE) == [
        ("python:3.11-slim", "build"),
        ("python:3.11-slim", "runtime"),
    ]


def test_dockerfile_runtime_runs_as_a_non_root_user():
    users = re.findall(r"^USER (\S+)", final_stage(DOCKERFILE), flags=re.MULTILINE)

    assert users == ["naturwest"]


def test_dockerfile_collects_static_files_with_the_production_storage():
    build_stage = re.split(r"^FROM ", DOCKERFILE, flags=re.MULTILINE)[1]
    collect = next(step for step in build_stage.split("\nRUN ") if "collectstatic" in step)

    assert "DJANGO_SETTINGS_MODULE=naturwest.settings.production" in collect


def test_only_the_build_step_and_compose_opt_in_to_the_provider_sandboxes():
    build_stage, runtime_stage = re.split(r"^FROM ", DOCKERFILE, flags=re.MULTILINE)[1:3]
    collect = next(step for step in build_stage.split("\nRUN ") if "collectstatic" in step)

    assert "PROVIDERS_SANDBOX_ALLOWED=true" in collect
    assert "PROVIDERS_SANDBOX_ALLOWED" not in runtime_stage  # the image refuses sandbox defaults
    for service in ("web", "worker", "beat"):
        assert compose()["services"][service]["environment"]["PROVIDERS_SANDBOX_ALLOWED"] == (
            "${PROVIDERS_SANDBOX_ALLOWED:-true}"
        )


def test_dockerfile_serves_with_gunicorn_recycling_workers():
    cmd = re.search(r"^CMD (.+)$", final_stage(DOCKERFILE), flags=re.MULTILINE)[1]

    assert "exec gunicorn naturwest.wsgi:application" in cmd
    assert "--max-requests" in cmd


def test_dockerignore_keeps_local_state_out_of_the_image():
    ignored = (ROOT / ".dockerignore").read_text().split()

    assert {".git", ".venv", "var", ".env", "staticfiles"} <= set(ignored)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_the_images_command_serves_healthz_with_production_settings(tmp_path):
    """The CMD line itself (bound to loopback here), with the image's environment and compose's HTTPS-off values."""
    command = re.search(r'^CMD \["sh", "-c", "(.+)"\]$', DOCKERFILE, flags=re.MULTILINE)[1]
    command = command.replace("0.0.0.0:", "127.0.0.1:")
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL", "DEBUG")}
    env.update(
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}",
        DJANGO_SETTINGS_MODULE="naturwest.settings.production",
        PORT=str(port),
        WEB_CONCURRENCY="1",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="localhost",
        SECURE_SSL_REDIRECT="false",
        PROVIDERS_SANDBOX_ALLOWED="true",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    process = subprocess.Popen(
        ["sh", "-c", command],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        status, body = None, b""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"Host": "localhost"})
            try:
                with urllib.request.urlopen(request, timeout=2) as response:
                    status, body = response.status, response.read()
                    break
            except (urllib.error.URLError, OSError):
                time.sleep(0.3)
        healthcheck = subprocess.run(
            [sys.executable, "docker/healthcheck.py", "/healthz"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            timeout=30,
            check=False,
        )
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        _, stderr = process.communicate(timeout=30)

    assert (status, body) == (200, b'{"status": "ok"}'), stderr.decode()[-2000:]
    assert healthcheck.returncode == 0, healthcheck.stderr
