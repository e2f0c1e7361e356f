"""`make audit`: bandit's high-severity findings block; an unreachable vulnerability database only reports."""

import importlib.util
import socket
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("ci_audit", ROOT / ".ci" / "audit.py")
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_makefile_has_an_audit_target_and_ci_runs_it():
    assert "\naudit: install-dev\n\t$(PY) .ci/audit.py\n" in (ROOT / "Makefile").read_text()
    assert "make audit" in (ROOT / ".ci" / "run").read_text()


def test_an_unreachable_vulnerability_database_skips_the_dependency_audit_with_a_reason(monkeypatch, capsys):
    url = f"http://127.0.0.1:{closed_port()}/pypi/Django/5.2.19/json"
    monkeypatch.setattr(audit, "PROBES", {"pypi": ("GET", url, None)})

    status = audit.run_pip_audit()

    out = capsys.readouterr().out
    assert status == 0
    assert "SKIPPED: no vulnerability database is reachable" in out
    assert url in out


def test_bandit_blocks_on_a_high_severity_finding(tmp_path):
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "export.py").write_text(
        "import subprocess\n\ndef export(name):\n    subprocess.call('tar czf ' + name, shell=True)\n"
    )

    assert audit.run_bandit(tmp_path) != 0


def test_bandit_ignores_the_same_finding_in_tests(tmp_path):
    (tmp_path / "shop" / "tests").mkdir(parents=True)
    (tmp_path / "shop" / "tests" / "test_export.py").write_text(
        "import subprocess\n\ndef test_export():\n    subprocess.call('true', shell=True)\n"
    )

    assert audit.run_bandit(tmp_path) == 0
