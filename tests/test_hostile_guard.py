"""Item 2 of #15: every rule runs behind the engine's guard; the crashes the issue lists are gone."""

import pytest
from click.testing import CliRunner

from odoolint.commands import main
from odoolint.registry import load_rules
from tests.helpers import lint, rows, write_tree




def test_a_failing_file_rule_is_an_ol003_finding_and_the_other_rules_still_run(tmp_path, broken_rule):
    result = lint(tmp_path, {"odoo.conf": "[options]\ndb_filter = x\nadmin_passwd = admin\n"},
                  select=["CNF101", "CNF102", "CNF103", "OL003", "CNF1"])
    found = rows(result, tmp_path)
    assert ("odoo.conf", "OL003", 1, 1, "internal error: rule CNF101 (odoo-conf-unknown-key) failed on this file: "
            "AttributeError: 'int' object has no attribute 'get' (please report it)") in found
    assert any(code != "OL003" for _, code, *_ in found)          # the other rules' findings are there
    assert len(result.errors) == 1 and "CNF101" in result.errors[0]


def test_a_failing_rule_exits_2_with_the_finding_printed(tmp_path, broken_rule, monkeypatch):
    write_tree(tmp_path, {"odoo.conf": "[options]\ndb_filter = x\n"})
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(main, ["check", "--no-cache", "--output-format", "concise", "."])
    assert res.exit_code == 2
    assert "odoo.conf:1:1: OL003 internal error: rule CNF101 (odoo-conf-unknown-key) failed" in res.output


def test_a_failing_project_rule_names_a_file_it_reads(tmp_path, monkeypatch):
    registry = load_rules()
    rule = registry.rules["DEP101"]

    def explode(project):
        raise TypeError("boom")
    monkeypatch.setattr(rule, "check", explode)
    result = lint(tmp_path, {"docker-compose.yml": "services:\n  odoo:\n    image: odoo:17\n"},
                  select=["DEP101", "OL003"])
    (found,) = [r for r in rows(result, tmp_path) if r[1] == "OL003"]
    assert found[0] == "docker-compose.yml"
    assert f"project rule DEP101 ({rule.meta.name}) failed on this file: TypeError: boom" in found[4]


def test_a_crashing_parser_is_contained(tmp_path, monkeypatch):
    from odoolint import sources

    def explode(text, path):
        raise KeyError("deep inside a library")
    monkeypatch.setitem(sources.PARSERS, "odoo-conf", explode)
    result = lint(tmp_path, {"odoo.conf": "[options]\n", "x.py": "import os\n"}, select=["ALL"])
    assert [r[:4] for r in rows(result, tmp_path) if r[1] == "OL003"] == [("odoo.conf", "OL003", 1, 1)]


# ---- the crashes the issue lists ------------------------------------------------------------------

def test_gha103_runs_on_a_list_of_mappings(tmp_path):
    result = lint(tmp_path, {".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    runs-on: [{group: x}]\n"
                                                         "    steps:\n      - run: pytest tests | tee log\n"})
    assert not result.errors
    assert [r[1] for r in rows(result, tmp_path)] == ["GHA103"]


@pytest.mark.parametrize("toml,message", [
    ("[tool.odoolint.options]\nodoo-conf = 3\n", "'options.odoo-conf' must be a table"),
    ("[tool.odoolint.options.odoo-conf]\nextra-keys = 3\n", "'options.odoo-conf.extra-keys' must be a list of "
                                                          "strings"),
    ("[tool.odoolint]\noptions = 3\n", "'options' must be a table"),
])
def test_cnf101_options_of_the_wrong_type_are_a_configuration_error(tmp_path, monkeypatch, toml, message):
    write_tree(tmp_path, {"odoo.conf": "[options]\ndb_filter = x\n", "pyproject.toml": toml})
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(main, ["check", "--no-cache", "."])
    assert res.exit_code == 2
    assert res.output.strip().splitlines() == [f"error: {tmp_path / 'pyproject.toml'}: {message}"]


def test_a_non_utf8_file_name_is_linted_and_shown_escaped(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    name = b"a\xffb.py"
    with open(bytes(tmp_path) + b"/" + name, "wb") as fh:
        fh.write(b"import os\ncr.commit()\n")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(main, ["check", "--no-cache", "--select", "PY001,OL003", "--output-format",
                                    "concise", "."])
    assert res.exit_code == 0, res.output
    write_tree(tmp_path, {"x.py": "def f(:\n"})
    with open(bytes(tmp_path) + b"/" + name, "wb") as fh:
        fh.write(b"def f(:\n")
    res = CliRunner().invoke(main, ["check", "--no-cache", "--select", "PY001", "--output-format", "concise", "."])
    assert res.exit_code == 1
    assert "a\\xffb.py:1:7: PY001" in res.output
    for fmt in ("full", "json", "json-lines", "github", "sarif"):
        res = CliRunner().invoke(main, ["check", "--no-cache", "--select", "PY001", "--output-format", fmt, "."])
        assert res.exit_code == 1, (fmt, res.output)


def test_a_rule_past_the_recursion_limit_is_said_once_as_too_deep_not_an_internal_error(tmp_path):
    """A class base of a few hundred unary minuses parses, but `ast.unparse` in PY535 recurses past the limit
    (the fuzz harness, seed 23): the file gets its kind's parse-error finding saying which rules were skipped,
    no OL003 and no error line, and the other rules still report."""
    src = ("import os\n\n\nclass A(h" + " -" * 1000 + " x):\n    _columns = {}\n\n\ndef f():\n"
           "    print(os.sep)\n")
    result = lint(tmp_path, {"m/__manifest__.py": "{'name': 'M'}\n", "m/models/a.py": src},
                  select=["PY001", "PY535", "PY540", "OL003"])
    found = rows(result, tmp_path)
    assert ("m/models/a.py", "PY001", 1, 1, "file is nested too deeply to analyse: PY535 skipped (RecursionError)") \
        in found
    assert [r[1] for r in found if r[0] == "m/models/a.py"] == ["PY001", "PY540"]
    assert result.errors == []
