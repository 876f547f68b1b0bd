"""SARIF as GitHub code scanning uses it (#9 item 4): the category in `automationDetails.id`, the 25,000-result
cut, per-rule `precision`, the `invocations` entry with internal failures as notifications, and columns counted
as the declared `columnKind` says. Every log is validated against the official SARIF 2.1.0 schema."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from odoolint.commands import main
from odoolint.model import Diagnostic, Severity
from odoolint.positions import LineIndex
from odoolint.registry import load_rules
from odoolint.reporters import ReportContext, render
from odoolint.reporters.sarif import MAX_RESULTS
from tests.helpers import lint, write_tree
from tests.test_reporters import _validate, make_registry


def _ctx(root: Path, **kw) -> ReportContext:
    reg = make_registry()
    return ReportContext(cwd=root, root=root, meta=reg.meta, read_text=lambda p: None, tool_version="1.2.3", **kw)


def _diag(root: Path, n: int, severity: Severity, code="TST001", kind="odoo-conf") -> Diagnostic:
    span = LineIndex("x\n").span(0, 1)
    return Diagnostic(code, "duplicate-option", f"finding {n}", str(root / "deploy" / f"{n // 1000}.conf"), span,
                      severity, kind=kind)


def test_category_sets_automation_details_from_cli_and_config(tmp_path: Path, monkeypatch):
    write_tree(tmp_path, {"odoo.conf": "[options]\ndb_host = a\ndb_host = b\n"})
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(main, ["check", "--no-cache", "--select", "CNF001", "--output-format", "sarif",
                                    "--sarif-category", "py3.12-odoo17"])
    log = json.loads(res.stdout)
    _validate(log)
    assert [r["automationDetails"]["id"] for r in log["runs"]] == ["py3.12-odoo17/addons/", "py3.12-odoo17/deploy/"]
    (tmp_path / ".odoolint.toml").write_text('sarif-category = "nightly/"\n')
    res = CliRunner().invoke(main, ["check", "--no-cache", "--select", "CNF001", "--output-format", "sarif"])
    assert [r["automationDetails"]["id"] for r in json.loads(res.stdout)["runs"]] == ["nightly/addons/",
                                                                                     "nightly/deploy/"]
    (tmp_path / ".odoolint.toml").write_text('sarif-category = 3\n')
    res = CliRunner().invoke(main, ["check", "--no-cache", "--output-format", "sarif"])
    assert res.exit_code == 2 and "'sarif-category' must be a string" in res.output


def test_more_than_25000_results_are_cut_most_severe_kept_with_a_warning(tmp_path: Path):
    over = 7
    diagnostics = ([_diag(tmp_path, i, Severity.INFO) for i in range(over + 3)] +
                   [_diag(tmp_path, i, Severity.ERROR) for i in range(MAX_RESULTS - 5)] +
                   [_diag(tmp_path, i, Severity.WARNING) for i in range(9)] +
                   [_diag(tmp_path, 1, Severity.WARNING, code="TST003", kind="python")])
    ctx = _ctx(tmp_path)
    log = json.loads(render("sarif", diagnostics, ctx))
    addons, deploy = log["runs"]
    assert len(addons["results"]) == 1                      # the other run is not affected
    results = deploy["results"]
    assert len(results) == MAX_RESULTS
    levels = [r["level"] for r in results]
    assert levels.count("error") == MAX_RESULTS - 5 and levels.count("warning") == 5 and "note" not in levels
    message = ("SARIF run 'odoolint/deploy/' had 25014 results, more than the 25000 GitHub accepts in a run: kept "
               "the 25000 most severe, cut 14 (4 warnings, 10 notes); narrow the run (paths, --select) or split it "
               "with --sarif-category to upload everything")
    assert ctx.warnings == [message]
    assert deploy["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": [
        {"level": "warning", "message": {"text": message}}]}]
    assert addons["invocations"][0]["toolExecutionNotifications"] == []


def test_the_cut_warning_reaches_stderr(tmp_path: Path, monkeypatch):
    # the real limit needs 25,001 findings (a minute of linting here): the CLI's plumbing is the same at 3
    from odoolint.reporters import sarif
    monkeypatch.setattr(sarif, "MAX_RESULTS", 3)
    write_tree(tmp_path, {"odoo.conf": "[options]\n" + "".join(f"zz_unknown_{i} = 1\n" for i in range(5))})
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(main, ["check", "--no-cache", "--select", "CNF101", "--output-format", "sarif"])
    assert res.exit_code == 1
    log = json.loads(res.stdout)
    _validate(log)
    assert [len(r["results"]) for r in log["runs"]] == [0, 3]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in log["runs"][1]["results"]] == \
        [2, 3, 4]
    assert res.stderr == ("warning: SARIF run 'odoolint/deploy/' had 5 results, more than the 3 GitHub accepts in "
                          "a run: kept the 3 most severe, cut 2 (2 warnings); narrow the run (paths, --select) or "
                          "split it with --sarif-category to upload everything\n")


def test_precision_comes_from_each_rule_and_heuristics_are_not_high():
    registry = load_rules()
    precision = {code: registry.meta(code).precision for code in registry.all_codes()}
    assert precision["PY401"] == "medium"         # sql-injection: taint followed by syntax, within one function
    assert precision["PY403"] == "medium"         # webhook: the absence of verification-looking names
    assert precision["MF106"] == "medium"         # import name -> distribution by a table
    assert precision["PY001"] == precision["CNF001"] == precision["XML001"] == "very-high"   # parse errors
    assert precision["CNF101"] == "high"
    assert set(precision.values()) <= {"very-high", "high", "medium", "low"}


def test_real_run_carries_precision_and_columns_in_code_points(tmp_path: Path):
    # an astral character (two UTF-16 units, four UTF-8 bytes) and a wide one before the finding on its line
    src = ("from odoo import models\n\n\nclass P(models.Model):\n    _name = 'res.partner'\n\n"
           "    def f(self, name):\n"
           "        x = '😀名'; self.env.cr.execute(\"SELECT 1 WHERE a = '%s'\" % name)\n")
    result = lint(tmp_path, {"m/__manifest__.py": "{'name': 'M', 'version': '17.0.1.0.0'}\n",
                             "m/models/p.py": src}, select=["PY401"])
    registry = load_rules()
    ctx = ReportContext(cwd=tmp_path, root=tmp_path, meta=registry.meta, read_text=result.text_of)
    log = json.loads(render("sarif", result.diagnostics, ctx))
    _validate(log)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["tool"]["driver"]["rules"][0]["properties"]["precision"] == "medium"
    (res,) = run["results"]
    region = res["locations"][0]["physicalLocation"]["region"]
    line = src.splitlines()[region["startLine"] - 1]
    # Python's str indexes code points: the declared column kind
    assert line[region["startColumn"] - 1:].startswith("self.env.cr.execute(")
    assert region["startColumn"] == line.index("self.env.cr.execute(") + 1 == 19
    assert line.encode("utf-16-le").index("self.env".encode("utf-16-le")) // 2 + 1 == 20   # not UTF-16 units




def test_internal_failures_are_tool_notifications_and_execution_unsuccessful(tmp_path, broken_rule, monkeypatch):
    write_tree(tmp_path, {"odoo.conf": "[options]\ndb_filter = x\n"})
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(main, ["check", "--no-cache", "--output-format", "sarif",
                                                    "--select", "CNF101,OL003"])
    assert res.exit_code == 2
    log = json.loads(res.stdout)
    _validate(log)
    addons, deploy = log["runs"]
    assert addons["invocations"] == [{"executionSuccessful": False, "toolExecutionNotifications": []}]
    (inv,) = deploy["invocations"]
    assert inv["executionSuccessful"] is False
    (note,) = inv["toolExecutionNotifications"]
    assert note == {"level": "error", "descriptor": {"id": "OL003"},
                    "message": {"text": "internal error: rule CNF101 (odoo-conf-unknown-key) failed on this file: "
                                        "AttributeError: 'int' object has no attribute 'get' (please report it)"},
                    "locations": [{"physicalLocation": {
                        "artifactLocation": {"uri": "odoo.conf", "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1}}}]}


def test_a_clean_run_has_a_successful_invocation(tmp_path, monkeypatch):
    write_tree(tmp_path, {"odoo.conf": "[options]\ndb_host = db\n"})
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(main, ["check", "--no-cache", "--output-format", "sarif",
                                                    "--select", "CNF001"])
    log = json.loads(res.stdout)
    _validate(log)
    assert res.exit_code == 0
    assert [r["invocations"] for r in log["runs"]] == [
        [{"executionSuccessful": True, "toolExecutionNotifications": []}]] * 2
