"""A real Celery worker against the real Redis: broker, worker and result backend end to end."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from celery import Celery

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def celery_worker_process(redis_url):
    env = {**os.environ, "REDIS_URL": redis_url, "DJANGO_SETTINGS_MODULE": "naturwest.settings.dev"}
    env.setdefault("DATABASE_URL", "sqlite:////tmp/naturwest-worker-test.sqlite3")
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "naturwest",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield worker
    worker.terminate()
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()


@pytest.mark.redis
def test_a_real_worker_runs_the_ping_task_end_to_end(celery_worker_process, redis_url):
    client = Celery("naturwest-test-client", broker=redis_url, backend=redis_url)
    token = uuid.uuid4().hex

    result = client.send_task("naturwest.ping", args=[token])

    try:
        assert result.get(timeout=60) == f"pong:{token}"
    except Exception:
        celery_worker_process.terminate()
        output = celery_worker_process.communicate(timeout=20)[0]
        pytest.fail(f"worker did not answer; its output:\n{output}")
    # The worker also wrote to the shared Redis cache: it ran with the project's settings.
    import redis

    keys = redis.Redis.from_url(redis_url).keys(f"*ping:{token}")
    assert len(keys) == 1
