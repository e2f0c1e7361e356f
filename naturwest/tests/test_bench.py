"""`make bench` at smoke size: the whole harness (gunicorn, locust, results file) runs end to end."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_bench_smoke_writes_results_with_the_hello_world_ratio(tmp_path):
    output = tmp_path / "bench.json"
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}

    completed = subprocess.run(
        [sys.executable, "-m", "bench.run", "--smoke", "--scenarios", "hello-world,healthz", "--output", str(output)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )

    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    rows = {row["scenario"]: row for row in json.loads(output.read_text())["results"]}
    assert sorted(rows) == ["healthz", "hello-world"]
    assert all(row["rps"] > 0 and row["failures"] == 0 for row in rows.values())
    assert rows["hello-world"]["ratio_to_hello_world"] == 1.0
    assert rows["healthz"]["ratio_to_hello_world"] == round(rows["healthz"]["rps"] / rows["hello-world"]["rps"], 3)
    assert "× hello-world" in completed.stdout
