"""The setup contract on a fresh clone of the committed tree: `make run` serves the site, twice, idempotently.

The clone reuses this interpreter's virtualenv (`make run VENV=...`): the Makefile only checks that
its pins are installed, so nothing is installed and the venv is not touched. Everything else (the
SQLite database in var/, migrations, demo data) is made from scratch by `make run` itself.
"""

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 600  # seconds: migrations and 160 demo products on a busy 2-core machine
COUNTED_TABLES = ("wagtailcore_page", "wagtailcore_locale", "wagtailcore_site", "auth_user")
# What the developer's shell might hold that `make run` on a bare machine would not see.
FOREIGN_ENV = ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "PORT")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, ""


class MakeRun:
    """`make run` in the background, in its own process group so stopping it stops runserver's reloader too."""

    def __init__(self, clone: Path, log: Path):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        env = {key: value for key, value in os.environ.items() if key not in FOREIGN_ENV}
        self.log = log
        with log.open("wb") as handle:
            self.process = subprocess.Popen(
                ["make", "run", f"PORT={self.port}", f"VENV={sys.prefix}", f"PYTHON={sys.executable}"],
                cwd=clone,
                env=env,
                stdout=handle,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_until_serving(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"make run exited with {self.process.returncode}:\n{self.log.read_text()[-3000:]}")
            try:
                if get(self.base_url + "/")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        pytest.fail(f"make run did not serve / within {START_TIMEOUT} s:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=20)


def row_counts(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        return {table: connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in COUNTED_TABLES}  # noqa: S608


@pytest.fixture
def clone(tmp_path):
    if not (shutil.which("git") and shutil.which("make")):
        pytest.skip("git and make are needed for the setup contract")
    target = tmp_path / "naturwest"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(target)], check=True, timeout=120)
    return target


@pytest.mark.slow
def test_make_run_on_a_fresh_clone_serves_the_site_and_a_second_run_is_idempotent(clone, tmp_path):
    first = MakeRun(clone, tmp_path / "first-run.log")
    try:
        first.wait_until_serving()
        home = get(first.base_url + "/")
        english = get(first.base_url + "/en/")
        login = get(first.base_url + "/admin/login/")
    finally:
        first.stop()
    counts_after_first = row_counts(clone / "var" / "naturwest.sqlite3")

    second = MakeRun(clone, tmp_path / "second-run.log")
    try:
        second.wait_until_serving()
    finally:
        second.stop()

    assert home[0] == 200 and '<html lang="de">' in home[1]
    assert english[0] == 200 and '<html lang="en">' in english[1]
    assert login[0] == 200
    assert counts_after_first["wagtailcore_page"] >= 3  # root, German and English home pages
    assert counts_after_first["auth_user"] == 1
    assert row_counts(clone / "var" / "naturwest.sqlite3") == counts_after_first
