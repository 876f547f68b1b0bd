"""The hook definitions work with the real pre-commit tool (which installs odoolint in its own venv)."""
import os
import shutil
import subprocess
import sys
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


MODEL = ("from odoo import fields, models\n\n\nclass Thing(models.Model):\n    _name = 'my.thing'\n"
         "    _description = 'Thing'\n\n    name = fields.Char()\n")
VIEW = ('<odoo>\n  <record id="view_thing_form" model="ir.ui.view">\n    <field name="model">my.thing</field>\n'
        '    <field name="arch" type="xml"><form><field name="{field}"/></form></field>\n  </record>\n</odoo>\n')


def test_pre_commit_with_only_a_view_changed_sees_the_models(tmp_path: Path):
    """pre-commit hands odoolint the staged view only; the model it names is checked all the same (cache on)."""
    pre_commit = shutil.which("pre-commit")
    assert pre_commit, "pre-commit is a test dependency"
    work = tmp_path / "project"
    (work / "my_mod/models").mkdir(parents=True)
    (work / "my_mod/views").mkdir()
    _git(work, "init", "-q")
    _git(work, "config", "user.email", "t@example.com")
    _git(work, "config", "user.name", "t")
    (work / "my_mod/__manifest__.py").write_text(
        "{'name': 'My', 'version': '17.0.1.0.0', 'license': 'LGPL-3', 'depends': ['base'],\n"
        " 'data': ['views/views.xml']}\n")
    (work / "my_mod/__init__.py").write_text("from . import models\n")
    (work / "my_mod/models/__init__.py").write_text("from . import thing\n")
    (work / "my_mod/models/thing.py").write_text(MODEL)
    (work / "my_mod/views/views.xml").write_text(VIEW.format(field="name"))
    _git(work, "add", ".")
    _git(work, "commit", "-qm", "init")
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pc-home"), PIP_DISABLE_PIP_VERSION_CHECK="1")
    (work / "my_mod/views/views.xml").write_text(VIEW.format(field="nmae"))
    _git(work, "add", "my_mod/views/views.xml")
    for _ in range(2):     # cold, then with the cache the first run left
        proc = subprocess.run([pre_commit, "try-repo", str(REPO), "odoolint", "--verbose"], cwd=work,
                              capture_output=True, text=True, env=env, timeout=900)
        out = proc.stdout + proc.stderr
        assert proc.returncode == 1, out
        assert "my_mod/views/views.xml:4:54: XML204" in out, out
        assert "Field `nmae` does not exist in model `my.thing`" in out, out
        assert "thing.py" not in out      # the model file was read, not reported
    assert (work / ".odoolint_cache" / "CACHEDIR.TAG").is_file()
    (work / "my_mod/views/views.xml").write_text(VIEW.format(field="name"))
    _git(work, "add", "my_mod/views/views.xml")
    proc = subprocess.run([pre_commit, "try-repo", str(REPO), "odoolint"], cwd=work, capture_output=True,
                          text=True, env=env, timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # a view, a conf and a compose file changed alone: the hook reports on each what `check .` reports
    from tests.test_partial_runs import CHANGES, PROJECT
    for rel in ("docker-compose.yml", "config/odoo.conf", "my_mod/views/list.xml"):
        (work / rel).parent.mkdir(parents=True, exist_ok=True)
        (work / rel).write_text(PROJECT[rel].replace("18.0", "17.0"))
    _git(work, "add", "docker-compose.yml", "config/odoo.conf", "my_mod/views/list.xml")
    _git(work, "commit", "-qm", "stack and a list view")
    for rel in sorted(CHANGES):
        old, new = CHANGES[rel]
        text = (work / rel).read_text()
        assert old in text
        (work / rel).write_text(text.replace(old, new, 1))
        _git(work, "add", rel)
        proc = subprocess.run([pre_commit, "try-repo", str(REPO), "odoolint"], cwd=work, capture_output=True,
                              text=True, env=env, timeout=900)
        hook = _finding_lines(proc.stdout + proc.stderr)
        whole = subprocess.run([sys.executable, "-m", "odoolint.cli", "check", "--no-cache", "."], cwd=work,
                               capture_output=True, text=True)
        expected = {ln for ln in _finding_lines(whole.stdout) if ln.startswith(rel + ":")}
        assert expected, (rel, whole.stdout)
        assert hook == expected, (rel, proc.stdout + proc.stderr)
        _git(work, "commit", "-qm", f"change {rel}")


def _finding_lines(out: str) -> set[str]:
    """`path:line:col: CODE message` header lines of the full text format."""
    import re
    return {ln for ln in out.splitlines() if re.match(r"^[\w./-]+:\d+:\d+: [A-Z]+\d{3} ", ln)}


def test_the_readme_snippet_works_as_written(tmp_path: Path):
    """The README's `.pre-commit-config.yaml`, with only the clone's path put in, installs and runs odoolint."""
    import re
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- pre-commit-snippet -->\n```yaml\n(.*?)```\n<!-- /pre-commit-snippet -->", readme, re.S)
    assert block, "the README marks its pre-commit snippet"
    snippet = block.group(1)
    assert snippet.count("/path/to/odoolint") == 1
    pre_commit = shutil.which("pre-commit")
    assert pre_commit, "pre-commit is a test dependency"
    work = tmp_path / "project"
    work.mkdir()
    _git(work, "init", "-q")
    (work / ".pre-commit-config.yaml").write_text(snippet.replace("/path/to/odoolint", str(REPO)))
    (work / "odoo.conf").write_text("[options]\ndb_host = db\ndb_host = other\n")
    _git(work, "add", ".")
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pc-home"), PIP_DISABLE_PIP_VERSION_CHECK="1")
    proc = subprocess.run([pre_commit, "run", "--files", "odoo.conf"], cwd=work, capture_output=True, text=True,
                          env=env, timeout=900)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "odoo.conf:3:1: CNF001" in out, out
