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
