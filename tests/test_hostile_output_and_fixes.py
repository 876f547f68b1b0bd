"""Items 2, 6 and 7 of #15, the cases of the issue's list not covered elsewhere: scalar components (DO105,
SUP101), fixes that never converge or add a parse error, names that would forge lines, a mistyped path."""
import os

import pytest
from click.testing import CliRunner

from odoolint.commands import main
from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import load_rules
from tests.helpers import lint, rows, write_tree


@pytest.mark.parametrize("spec", [
    "name: x\nservices: web\ningress: 3\n",
    "name: x\nservices:\n  - web\n  - [1, 2]\n  - {name: w, run_command: [odoo]}\n",
    "name: x\nservices:\n  - name: w\n    envs: odoo\n    run_command: {a: 1}\ningress: {rules: 3}\n",
    # found by the fuzz run: a repository that is a list or a number (TypeError in the deployment model)
    "name: x\nservices:\n  - name: web\n    image: {registry_type: DOCKER_HUB, repository: [{group: x}], tag: '17'}\n",
    "name: x\nservices:\n  - name: web\n    image: {registry_type: DOCKER_HUB, repository: 3, tag: '17'}\n",
])
def test_do105_and_sup101_on_scalar_and_mistyped_components(tmp_path, spec):
    result = lint(tmp_path, {".do/app.yaml": spec, "superset_config.py": "SECRET_KEY = 3\n",
                             "docker-compose.yml": "services:\n  superset:\n    image: apache/superset\n"
                                                   "    environment: 3\n"})
    assert result.errors == []
    assert not [d for d in result.diagnostics if d.code == "OL003"]


@pytest.fixture
def ever_growing(monkeypatch):
    """A fix that appends a comment line on every round: it can never reach a fixpoint."""
    registry = load_rules()
    rule = registry.rules["CNF101"]

    def check(ctx):
        end = len(ctx.text.text)
        yield Finding(ctx.span(0, 1), "grows", fix=Fix((ctx.edit(end, end, "# more\n"),), Applicability.SAFE, "grow"))
    monkeypatch.setattr(rule, "check", check)


def test_a_fix_that_never_converges_is_dropped_with_a_warning_naming_the_rule(tmp_path, ever_growing):
    write_tree(tmp_path, {"odoo.conf": "[options]\ndb_host = db\n"})
    result = lint(tmp_path, select=["CNF101", "OL005"], fix=True)
    assert (tmp_path / "odoo.conf").read_text() == "[options]\ndb_host = db\n"
    assert ("odoo.conf", "OL005", 1, 1, "fixes of CNF101 were still changing this file after 10 rounds (they do "
            "not reach a fixpoint); none of this file's fixes were applied") in rows(result, tmp_path)
    again = lint(tmp_path, select=["CNF101", "OL005"], fix=True)
    assert (tmp_path / "odoo.conf").read_text() == "[options]\ndb_host = db\n" and not again.fixed


@pytest.fixture
def duplicating(monkeypatch):
    """A fix that adds a second `db_host` line: configparser would refuse the file (DuplicateOptionError)."""
    registry = load_rules()
    rule = registry.rules["CNF101"]

    def check(ctx):
        text = ctx.text.text
        if "db_host = other" in text:
            return
        end = len(text)
        yield Finding(ctx.span(0, 1), "dup", fix=Fix((ctx.edit(end, end, "db_host = other\n"),), Applicability.SAFE,
                                                     "dup"))
    monkeypatch.setattr(rule, "check", check)


@pytest.mark.parametrize("original", [
    "[options]\ndb_host = db\n",
    "[options]\ndb_host = db\nnot a key line\n",          # an already broken original
])
def test_a_fix_that_adds_a_parse_error_is_dropped_even_on_a_broken_original(tmp_path, duplicating, original):
    write_tree(tmp_path, {"odoo.conf": original})
    result = lint(tmp_path, select=["CNF001", "CNF101", "OL005"], fix=True)
    assert (tmp_path / "odoo.conf").read_text() == original
    notes = [r for r in rows(result, tmp_path) if r[1] == "OL005"]
    assert len(notes) == 1 and notes[0][4].startswith("fixes of CNF101 would leave a new parse error (")


@pytest.mark.parametrize("name, shown", [
    ("a\nb.py", "a\\nb.py"),
    ("x\x1b[2Jy.py", "x\\x1b[2Jy.py"),
    ("c\rd.py", "c\\rd.py"),
])
@pytest.mark.parametrize("fmt", ["full", "concise"])
def test_control_characters_in_file_names_are_escaped_in_text_output(tmp_path, monkeypatch, name, shown, fmt):
    write_tree(tmp_path, {name: "def f(:\n"})
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(main, ["check", "--no-cache", "--select", "PY001", "--output-format", fmt, "."])
    assert res.exit_code == 1
    assert "\x1b" not in res.output and "\r" not in res.output
    assert shown in res.output
    assert not any(line.startswith("b.py") for line in res.output.splitlines())      # no forged line


def test_a_mistyped_path_is_an_error_not_all_checks_passed(tmp_path, monkeypatch):
    write_tree(tmp_path, {"a.py": "x = 1\n"})
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(main, ["check", "--no-cache", "adons/"])
    assert res.exit_code == 2
    assert "All checks passed" not in res.output
    assert [ln for ln in res.stderr.splitlines() if ln.startswith("error:")] == [
        "error: adons: no such file or directory"]
    assert not os.path.exists(tmp_path / "adons")
