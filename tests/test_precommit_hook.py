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
