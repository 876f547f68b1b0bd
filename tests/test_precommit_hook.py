"""The hook definitions work with the real pre-commit tool (which installs odoolint in its own venv)."""
import os
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_pre_commit_runs_the_odoolint_hook(tmp_path: Path):
    pre_commit = shutil.which("pre-commit")
    assert pre_commit, "pre-commit is a test dependency"
    work = tmp_path / "project"
    work.mkdir()
    _git(work, "init", "-q")
    _git(work, "config", "user.email", "t@example.com")
    _git(work, "config", "user.name", "t")
    (work / "odoo.conf").write_text("[options]\ndb_host = db\ndb_host = other\n")
    (work / "notes.txt").write_text("not an Odoo file\n")
    _git(work, "add", ".")
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pc-home"), PIP_DISABLE_PIP_VERSION_CHECK="1")
    proc = subprocess.run([pre_commit, "try-repo", str(REPO), "odoolint", "--all-files", "--verbose"], cwd=work,
                          capture_output=True, text=True, env=env, timeout=900)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "odoo.conf:3:1: CNF001" in out, out
    (work / "odoo.conf").write_text("[options]\ndb_host = db\n")
    proc = subprocess.run([pre_commit, "try-repo", str(REPO), "odoolint", "--files", "odoo.conf"], cwd=work,
                          capture_output=True, text=True, env=env, timeout=900)
    assert "CNF001" not in proc.stdout + proc.stderr
