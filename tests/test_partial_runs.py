"""A file's findings are the same linted alone, with others, through stdin, or as part of `.` (issue #9).

Every cross-file rule family is covered: xml ids, view fields and buttons, client actions, manifest
depends/files, the deployment model; and the target version, which a manifest elsewhere decides.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from odoolint.config import Settings
from odoolint.runner import RunOptions, run
from tests.helpers import write_tree
from tests.test_rules_deploy_db_host import STACK
from tests.test_rules_xml_crossfile import TREE

PROJECT = dict(TREE)
PROJECT["my_mod/__manifest__.py"] = (
    "{'name': 'My', 'version': '18.0.1.0.0', 'license': 'LGPL-3', 'depends': ['mail'],\n"
    " 'data': ['security/ir.model.access.csv', 'views/views.xml', 'views/missing.xml']}\n")
PROJECT["other_mod/__manifest__.py"] = "{'name': 'Other', 'version': '18.0.1.0.0', 'license': 'LGPL-3', " \
                                       "'depends': ['base', 'no_such_addon']}\n"
PROJECT["docker-compose.yml"] = STACK.replace("odoo:17.0", "odoo:18.0")
PROJECT["config/odoo.conf"] = "[options]\ndb_host = postgres\nadmin_passwd = admin\n"
PROJECT["my_mod/views/list.xml"] = (
    '<odoo>\n  <record id="view_thing_list" model="ir.ui.view">\n    <field name="model">my.thing</field>\n'
    '    <field name="arch" type="xml"><tree><field name="nme"/></tree></field>\n  </record>\n</odoo>\n')

# file -> the families whose findings must show in it (so the equality below is not the equality of nothing)
EXPECTED = {
    "my_mod/views/views.xml": {"XML201", "XML202", "XML203", "XML204", "XML205", "XML206"},
    "my_mod/views/list.xml": {"XML101", "XML204"},
    "my_mod/security/ir.model.access.csv": {"CSV101", "CSV102", "CSV103", "XML203"},
    "my_mod/__manifest__.py": {"MF105"},
    "other_mod/__manifest__.py": {"MF104"},
    "config/odoo.conf": {"DEP101"},
    "docker-compose.yml": {"DEP105", "DEP109"},
}

# a view, a conf and a compose file changed so that a cross-file finding comes, goes or moves: (old, new)
CHANGES = {
    "my_mod/views/list.xml": ('<field name="nme"/>', '<field name="partner_idd"/><field name="name"/>'),
    "config/odoo.conf": ("db_host = postgres\n", "proxy_mode = True\ndb_host = database\n"),
    "docker-compose.yml": ("    networks: [front, back]\n", "    networks: [front]\n    volumes: [data:/var/lib/odoo]\n"),
}


def _rows(result, root: Path, rel: str):
    path = str(root / rel)
    return sorted((d.code, d.span.start.line, d.span.start.column, d.message,
                   d.fix.edits[0].content if d.fix else None) for d in result.diagnostics if d.path == path)


def _run(root: Path, paths=None, stdin: "str | None" = None):
    settings = Settings(select=["ALL"])
    if stdin is not None:
        data = (root / stdin).read_bytes()
        return run(RunOptions([], settings, stdin_filename=str(root / stdin), stdin_data=data, no_cache=True,
                              jobs=1))
    return run(RunOptions([root / p for p in paths] if paths else [root], settings, no_cache=True, jobs=1))


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("partial")
    write_tree(root, PROJECT)
    full = _run(root)
    assert not full.errors
    return root, full


@pytest.mark.parametrize("rel", sorted(EXPECTED))
def test_findings_of_a_file_do_not_depend_on_how_it_is_passed(project, rel):
    root, full = project
    expected = _rows(full, root, rel)
    assert EXPECTED[rel] <= {r[0] for r in expected}
    alone = _run(root, [rel])
    assert alone.target == full.target and str(full.target) == "18.0"
    assert _rows(alone, root, rel) == expected
    assert {d.path for d in alone.diagnostics} == {str(root / rel)}    # only the given file is reported
    other = "config/odoo.conf" if rel != "config/odoo.conf" else "my_mod/views/list.xml"
    together = _run(root, [rel, other])
    assert _rows(together, root, rel) == expected
    assert _rows(together, root, other) == _rows(full, root, other)
    through_stdin = _run(root, stdin=rel)
    assert _rows(through_stdin, root, rel) == expected
    assert {d.path for d in through_stdin.diagnostics} == {str(root / rel)}


@pytest.mark.parametrize("rel", sorted(CHANGES))
def test_a_changed_file_gives_the_whole_project_findings_alone_and_through_stdin(tmp_path, rel):
    """The Done-when of #9 for files and stdin: a changed view, conf or compose file, passed alone or as a buffer
    (the disk still has the old text), is reported exactly as `check .` reports it once the change is on disk."""
    write_tree(tmp_path, PROJECT)
    old, new = CHANGES[rel]
    before = _rows(_run(tmp_path), tmp_path, rel)
    text = (tmp_path / rel).read_text()
    assert old in text
    changed = text.replace(old, new, 1)
    settings = Settings(select=["ALL"])
    buffer = run(RunOptions([], settings, stdin_filename=str(tmp_path / rel), stdin_data=changed.encode(),
                            no_cache=True, jobs=1))
    (tmp_path / rel).write_text(changed)
    whole = _run(tmp_path)
    expected = _rows(whole, tmp_path, rel)
    assert expected != before                      # the change matters to a cross-file rule
    assert _rows(_run(tmp_path, [rel]), tmp_path, rel) == expected
    assert _rows(buffer, tmp_path, rel) == expected
    assert {d.path for d in buffer.diagnostics} <= {str(tmp_path / rel)}


def test_a_buffer_is_checked_against_the_project_on_disk(project, tmp_path):
    """The buffer replaces the file on disk: its own findings come from its text, the models from disk."""
    root, _ = project
    buf = (root / "my_mod/views/list.xml").read_text().replace('"nme"', '"name"')
    result = run(RunOptions([], Settings(select=["XML204"]), stdin_filename=str(root / "my_mod/views/list.xml"),
                            stdin_data=buf.encode(), no_cache=True, jobs=1))
    assert result.diagnostics == []
    bad = buf.replace('"name"', '"partner_idd"')
    result = run(RunOptions([], Settings(select=["XML204"]), stdin_filename=str(root / "my_mod/views/list.xml"),
                            stdin_data=bad.encode(), no_cache=True, jobs=1))
    assert [(d.code, d.span.start.line, d.message) for d in result.diagnostics] == [
        ("XML204", 4, "Field `partner_idd` does not exist in model `my.thing`")]


def test_fixing_one_file_writes_only_that_file(tmp_path):
    write_tree(tmp_path, PROJECT)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    result = run(RunOptions([tmp_path / "my_mod/views/list.xml"], Settings(select=["ALL"]), fix=True,
                            no_cache=True, jobs=1))
    changed = {p for p, b in before.items() if p.read_bytes() != b}
    assert changed == {tmp_path / "my_mod/views/list.xml"}
    assert "<list>" in (tmp_path / "my_mod/views/list.xml").read_text()
    assert set(result.fixed) == {str(tmp_path / "my_mod/views/list.xml")}


def test_the_command_line_agrees_for_files_stdin_and_the_folder(project):
    root, _ = project

    def cli(*args, stdin=b""):
        out = subprocess.run([sys.executable, "-m", "odoolint.cli", "check", "--select", "ALL", "--no-cache",
                              "--output-format", "concise", *args], cwd=root, input=stdin, capture_output=True)
        return sorted(ln for ln in out.stdout.decode().splitlines() if ln.startswith("config/odoo.conf:"))

    whole = cli(".")
    assert any("DEP101" in ln for ln in whole)
    assert cli("config/odoo.conf") == whole
    assert cli("--stdin-filename", "config/odoo.conf", stdin=(root / "config/odoo.conf").read_bytes()) == whole


def test_without_a_project_marker_the_files_folder_is_the_context(tmp_path):
    """No git root and no configuration: the file's addons folder is read, never the current folder."""
    (tmp_path / "ws").mkdir()
    files = {k: v for k, v in PROJECT.items() if k.startswith(("my_mod/", "other_mod/"))}
    for rel, text in files.items():
        p = tmp_path / "ws" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    result = run(RunOptions([tmp_path / "ws/my_mod/views/list.xml"], Settings(select=["XML204"]), no_cache=True,
                            jobs=1))
    assert [(d.code, d.span.start.line) for d in result.diagnostics] == [("XML204", 4)]


_FRESH = r'''
import json, sys
from pathlib import Path
from odoolint.config import Settings
from odoolint.runner import RunOptions, run
root, rel, buf = Path(sys.argv[1]), sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None
data = (root / rel).read_bytes() if buf is None else buf.encode()
res = run(RunOptions([], Settings(select=["ALL"]), stdin_filename=str(root / rel), stdin_data=data, jobs=1))
print(json.dumps({"rows": sorted([d.code, d.span.start.line, d.span.start.column, d.message]
                                 for d in res.diagnostics),
                  "errors": res.errors, "modules": sorted(m for m in sys.modules if m.startswith("odoolint.rules."))}))
'''


def test_a_warm_buffer_run_imports_only_its_kinds_rules_and_agrees(tmp_path):
    """In a fresh process with the cache filled, a buffer's run takes the other files' facts and the project
    phase from the pack: the rule modules of other kinds are not imported, and the findings are the full run's;
    a buffer that differs from the disk re-runs the project phase with every rule loaded."""
    import json
    write_tree(tmp_path, PROJECT)
    (tmp_path / "my_mod/models/extra.py").parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "my_mod/models/extra.py").write_text("def f(cr, name):\n    cr.execute('SELECT %s' % name)\n")
    full = run(RunOptions([tmp_path], Settings(select=["ALL"]), jobs=1))
    assert not full.errors

    def fresh(rel, buf=None):
        out = subprocess.run([sys.executable, "-c", _FRESH, str(tmp_path), rel, *([buf] if buf else [])],
                             capture_output=True, text=True, check=True)
        return json.loads(out.stdout)

    def expected(rel):
        return sorted([d.code, d.span.start.line, d.span.start.column, d.message] for d in full.diagnostics
                      if d.path == str(tmp_path / rel))

    py = fresh("my_mod/models/extra.py")
    assert py["rows"] == expected("my_mod/models/extra.py") and py["errors"] == []
    assert {r[0] for r in py["rows"]} >= {"PY401"}
    assert not any(m.startswith(("odoolint.rules.xml.", "odoolint.rules.compose.", "odoolint.rules.project."))
                   for m in py["modules"])
    for rel in sorted(EXPECTED):
        got = fresh(rel)
        assert got["rows"] == expected(rel), rel
        assert EXPECTED[rel] <= {r[0] for r in got["rows"]}
    edited = (tmp_path / "my_mod/views/list.xml").read_text().replace('"nme"', '"partner_idd"')
    got = fresh("my_mod/views/list.xml", edited)
    assert ["XML204", 4, 54, "Field `partner_idd` does not exist in model `my.thing`"] in got["rows"]
    assert "odoolint.rules.project.deploy_compose" in got["modules"]    # the project phase ran in full


def test_require_imports_the_module_of_a_cached_finding():
    code = r'''
from odoolint.registry import REGISTRY, load_rules, require
load_rules({"python"})
assert "XML201" not in REGISTRY.rules and "XML201" in REGISTRY.index
require({"XML201", "PY401"})
assert "XML201" in REGISTRY.rules
print("ok")
'''
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr
