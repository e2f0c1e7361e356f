"""Run the shop as production does (gunicorn, production settings), minus HTTPS, on loopback.

Shared by `bench.run` and `bench.lighthouse`: a fresh SQLite database under var/bench/<run>/
(or BENCH_DATABASE_URL / DATABASE_URL when set), migrated and seeded with the demo shop, static
files collected with the production storage, then gunicorn on a free 127.0.0.1 port, always
stopped on the way out.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
CACHE = VAR / "cache"
RESULTS = Path(__file__).resolve().parent / "results"
SETUP_TIMEOUT = 600  # seconds for collectstatic; migrations run in-process
START_TIMEOUT = 60  # seconds for gunicorn to answer /healthz
STOP_TIMEOUT = 10  # seconds between SIGTERM and SIGKILL
# Nothing listens there: provider calls fail at once and the checkout offers its flat rates, so a
# dev server (or anything else) on the sandboxes' default port takes no part in the measurement.
UNREACHABLE_PROVIDER = "http://127.0.0.1:9"
# The code whose output a cached seeded database holds (with the migrations and the product count).
SEED_SETTINGS = "bench.settings"
SEED_SOURCES = (
    "demo/catalog.py",
    "demo/catalog_data.py",
    "demo/content.py",
    "demo/texts.py",
    "demo/management/commands/seed_demo.py",
    "catalog/translations.py",
)


@dataclass
class Site:
    workdir: Path
    env: dict[str, str]
    database: str
    products: int | None = None
    seeded_products: bool = False
    found: dict = field(default_factory=dict)  # what prepare()'s resolve callback returned


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def requested_database_url() -> str:
    """BENCH_DATABASE_URL, else DATABASE_URL, else "" (a fresh SQLite file per run)."""
    return os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL") or ""


def database_url_for_size(url: str, products: int) -> str:
    """The same server, database `<name>_p<products>`: one database per catalogue size."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_p{products}"))


def ensure_postgresql_database(url: str) -> None:
    """Create the benchmark's PostgreSQL database when it is missing (connecting to `postgres`)."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def database_vendor() -> str:
    from django.db import connection

    return connection.vendor


def site_environment(workdir: Path) -> dict[str, str]:
    """Production settings with HTTPS switched off, a throwaway secret, loopback hosts only.

    Mail goes nowhere (a placed order queues its confirmation), and so do provider calls (unless
    SENDCLOUD_BASE_URL / VENDO_BASE_URL are set): the flows measure the shop, not a sandbox. A kept
    database (PostgreSQL) keeps its media directory too, under var/bench/media-<hash of the URL>/,
    since its image rows outlive the run.
    """
    env = dict(os.environ)
    database_url = requested_database_url()
    env.update(
        DJANGO_SETTINGS_MODULE="naturwest.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        SECURE_HSTS_SECONDS="0",
        BENCHMARK_ENDPOINTS="true",
        PROVIDERS_SANDBOX_ALLOWED="true",
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        PRIVATE_MEDIA_ROOT=str(workdir / "private"),
        EMAIL_URL="dummymail://",
        LOG_LEVEL=env.get("BENCH_LOG_LEVEL", "WARNING"),
        PYTHONUNBUFFERED="1",
    )
    env.setdefault("SENDCLOUD_BASE_URL", f"{UNREACHABLE_PROVIDER}/sendcloud")
    env.setdefault("VENDO_BASE_URL", f"{UNREACHABLE_PROVIDER}/vendo")
    if database_url:
        env["DATABASE_URL"] = database_url
        database_key = hashlib.sha256(database_url.encode()).hexdigest()[:12]
        env["MEDIA_ROOT"] = str(VAR / f"media-{database_key}")
        env["PRIVATE_MEDIA_ROOT"] = str(VAR / f"private-{database_key}")
    else:
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'db.sqlite3'}"
    env.pop("DEBUG", None)
    return env


def seed_supports_products() -> bool:
    """Whether this checkout's seed_demo takes --products."""
    from django.core.management import get_commands, load_command_class

    command = load_command_class(get_commands()["seed_demo"], "seed_demo")
    parser = command.create_parser("manage.py", "seed_demo")
    return any("--products" in action.option_strings for action in parser._actions)


def prepare(resolve: Callable[[], dict], products: int | None = None, keep: bool = False) -> Site:
    """Fresh database, migrations, demo data, static files; then `resolve()` finds what to request.

    Django is set up in this process against the benchmark environment (the runner is a CLI, not a
    library), so one process prepares one site. The slow steps are cached under var/bench/cache/ by
    content fingerprint: the migrated empty SQLite database, the seeded SQLite database with its
    media per product count (a larger count starts from the largest smaller one: seeding only adds
    products), and the collected static files; collectstatic, when needed, runs alongside.
    """
    CACHE.mkdir(parents=True, exist_ok=True)
    workdir = VAR / f"run-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}"
    workdir.mkdir()
    fresh_sqlite = not requested_database_url()
    env = site_environment(workdir)
    site = Site(workdir=workdir, env=env, database="", products=products)
    collect = None
    try:
        if env["DATABASE_URL"].startswith(("postgres://", "postgresql://")):
            ensure_postgresql_database(env["DATABASE_URL"])
        # Production settings plus the demo app, for seed_demo; the served site runs `env` unchanged.
        os.environ.update(env, DJANGO_SETTINGS_MODULE=SEED_SETTINGS)
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection, connections

        static_root, collect = collected_static(env, workdir)
        site.env["STATIC_ROOT"] = str(static_root)
        site.database = connection.vendor
        seed_args = []
        if products is not None:
            if seed_supports_products():
                seed_args.append(f"--products={products}")
                site.seeded_products = True
            else:
                print("  seed_demo has no --products option yet: loading its default demo data", flush=True)
        key = products if site.seeded_products else "default"
        database_file, media_root = workdir / "db.sqlite3", Path(env["MEDIA_ROOT"])
        seeded = seeded_entry(key) if fresh_sqlite else None
        if seeded is not None and seeded.exists():
            print(f"  database and media from {seeded.relative_to(ROOT)}", flush=True)
            restore_seeded(seeded, database_file, media_root)
        else:
            template = CACHE / f"db-{migrations_fingerprint()}.sqlite3"
            start = closest_seeded(key) if fresh_sqlite else None
            if start is not None:
                print(f"  starting from {start.relative_to(ROOT)}", flush=True)
                restore_seeded(start, database_file, media_root)
            elif fresh_sqlite and template.exists():
                shutil.copyfile(template, database_file)
            print(f"  migrating ({connection.vendor})…", flush=True)
            call_command("migrate", interactive=False, verbosity=0)
            if fresh_sqlite and not template.exists():
                connections.close_all()
                publish(database_file, template, copy=True)
            print(f"  seeding demo data{f' ({products} products)' if site.seeded_products else ''}…", flush=True)
            seeding_started = time.monotonic()
            call_command("seed_demo", *seed_args, verbosity=0, stdout=io.StringIO())
            print(f"  seeded in {time.monotonic() - seeding_started:.0f} s", flush=True)
            if seeded is not None:
                connections.close_all()
                store_seeded(database_file, media_root, seeded)
        forget_cached_pages()
        site.found = resolve()
        connections.close_all()
        if collect is not None:
            print("  collecting static files…", flush=True)
            process, staging, log_path = collect
            if process.wait(timeout=SETUP_TIMEOUT) != 0:
                raise RuntimeError(f"collectstatic failed:\n{log_path.read_text()[-2000:]}")
            publish(staging, static_root)
    except BaseException:
        if collect is not None:
            if collect[0].poll() is None:
                collect[0].kill()
                collect[0].wait()
            shutil.rmtree(collect[1], ignore_errors=True)
        if not keep:
            cleanup(site)
        raise
    return site


def forget_cached_pages() -> None:
    """A shared Redis may hold pages rendered from another benchmark database: make them all stale."""
    from content.page_cache import purge_site

    purge_site()


def seeded_prefix() -> str:
    return f"seeded-{migrations_fingerprint()}-{seed_fingerprint()}-"


def seeded_entry(key: int | str) -> Path:
    """The cache directory for a seeded SQLite database (db.sqlite3 + media/) of `key` products."""
    return CACHE / f"{seeded_prefix()}{key}"


def closest_seeded(key: int | str) -> Path | None:
    """The cached seeded database with the most products below `key`, to seed only the rest."""
    if not isinstance(key, int):
        return None
    prefix = seeded_prefix()
    sizes = []
    for entry in CACHE.glob(f"{prefix}*"):
        size = entry.name.removeprefix(prefix)
        if size.isdigit() and int(size) < key and (entry / "db.sqlite3").exists():
            sizes.append(int(size))
    return CACHE / f"{prefix}{max(sizes)}" if sizes else None


def restore_seeded(entry: Path, database_file: Path, media_root: Path) -> None:
    shutil.copyfile(entry / "db.sqlite3", database_file)
    if (entry / "media").exists():
        shutil.copytree(entry / "media", media_root, dirs_exist_ok=True)


def store_seeded(database_file: Path, media_root: Path, entry: Path) -> None:
    staging = entry.with_name(f"{entry.name}.tmp-{os.getpid()}")
    staging.mkdir()
    shutil.copyfile(database_file, staging / "db.sqlite3")
    if media_root.exists():
        shutil.copytree(media_root, staging / "media")
    publish(staging, entry)


def _fingerprint(entries: list[str]) -> str:
    return hashlib.sha256("\n".join(sorted(entries)).encode()).hexdigest()[:16]


def migrations_fingerprint() -> str:
    """Content of every installed app's migrations: a migrated empty database is reusable while it holds."""
    from django.apps import apps

    entries = []
    for config in apps.get_app_configs():
        for path in (Path(config.path) / "migrations").glob("*.py"):
            entries.append(f"{config.label}/{path.name}:{hashlib.sha256(path.read_bytes()).hexdigest()}")
    return _fingerprint(entries)


def seed_fingerprint() -> str:
    """Content of the demo-data code: a seeded database is reusable while it is unchanged."""
    return _fingerprint([f"{path}:{hashlib.sha256((ROOT / path).read_bytes()).hexdigest()}" for path in SEED_SOURCES])


def static_fingerprint() -> str:
    """Every file collectstatic would pick up (path, size, mtime) and the storage that post-processes them."""
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders

    entries = [settings.STORAGES["staticfiles"]["BACKEND"]]
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            stat = os.stat(storage.path(path))
            entries.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return _fingerprint(entries)


def collected_static(env: dict[str, str], workdir: Path):
    """The cached STATIC_ROOT for the current static files, and the collectstatic still to finish, if any."""
    static_root = CACHE / f"static-{static_fingerprint()}"
    if (static_root / "staticfiles.json").exists():
        return static_root, None
    staging = CACHE / f"{static_root.name}.tmp-{os.getpid()}"
    log_path = workdir / "collectstatic.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=dict(env, STATIC_ROOT=str(staging)),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    return static_root, (process, staging, log_path)


def publish(source: Path, target: Path, copy: bool = False) -> None:
    """Move (or copy) a finished cache entry into place atomically; a concurrent run may have won the race."""
    if copy:
        staging = target.with_name(f"{target.name}.tmp-{os.getpid()}")
        shutil.copyfile(source, staging)
        source = staging
    try:
        os.rename(source, target)
    except OSError:  # a non-empty directory is already there: keep the first one
        shutil.rmtree(source, ignore_errors=True)


def cleanup(site: Site) -> None:
    shutil.rmtree(site.workdir, ignore_errors=True)


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = START_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode} before answering")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {url} within {timeout:.0f} s")


@contextlib.contextmanager
def gunicorn(site: Site, workers: int = 2) -> Iterator[str]:
    """gunicorn on a free loopback port; yields its base URL and always stops it (whole process group)."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = site.workdir / "gunicorn.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "bench.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--error-logfile",
                "-",
            ],
            cwd=ROOT,
            env=site.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: Ctrl-C reaches us, and we stop it
        )
        try:
            try:
                wait_until_up(f"{base_url}/healthz", process)
            except RuntimeError as exc:
                raise RuntimeError(f"{exc}; log {log_path}:\n{log_path.read_text()[-3000:]}") from None
            yield base_url
        finally:
            stop(process)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=STOP_TIMEOUT)


def exit_on_sigterm() -> None:
    """Turn SIGTERM into SystemExit so `finally` blocks stop gunicorn, as they do on Ctrl-C."""
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def machine_info() -> dict:
    import platform

    info = {
        "hostname": platform.node(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu_model"] = line.split(":", 1)[1].strip()
                break
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        info["git_commit"] = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10
        ).stdout.strip()
    return info


def timestamp() -> str:
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
