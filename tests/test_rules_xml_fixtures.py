"""The XML family's example addons (16.0, 17.0 and 18.0 styles) linted for a 19.0 target: exact findings,
golden fixed trees, byte-for-byte untouched lines, idempotence.

Regenerate the goldens after a deliberate change with ODOOLINT_REGEN_XML_FIXTURES=1 (then review the diff)."""
from __future__ import annotations

import difflib
import json
import os
import shutil
from pathlib import Path

from odoolint.sources import decode, parse
from tests.helpers import lint, rows

BASE = Path(__file__).parent.parent / "fixtures" / "xml_addons"
INPUT, FIXED, EXPECTED = BASE / "input", BASE / "fixed", BASE / "expected.json"
SELECT = ["XML", "CSV"]
OCA_STYLE = ["XML3"]   # OCA's XML conventions have their own fixtures (tests/test_rules_oca_xml.py)


def _copy(tmp_path) -> Path:
    dst = tmp_path / "tree"
    shutil.copytree(INPUT, dst)
    (dst / ".git").mkdir()
    return dst


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".git" not in p.parts and ".odoolint_cache" not in p.parts}


def test_expected_findings_for_19(tmp_path):
    root = _copy(tmp_path)
    res = lint(root, odoo_version="19.0", select=SELECT, ignore=OCA_STYLE)
    assert not res.errors
    got = [list(r) for r in rows(res, root)]
    if os.environ.get("ODOOLINT_REGEN_XML_FIXTURES"):
        EXPECTED.write_text(json.dumps(got, indent=1) + "\n")
    assert got == json.loads(EXPECTED.read_text())


def test_fix_matches_golden_tree_and_is_idempotent(tmp_path):
    root = _copy(tmp_path)
    before = _files(root)
    lint(root, odoo_version="19.0", select=SELECT, ignore=OCA_STYLE, fix=True, unsafe=True)
    after = _files(root)
    if os.environ.get("ODOOLINT_REGEN_XML_FIXTURES"):
        shutil.rmtree(FIXED, ignore_errors=True)
        for rel, data in after.items():
            (FIXED / rel).parent.mkdir(parents=True, exist_ok=True)
            (FIXED / rel).write_bytes(data)
    assert after == _files(FIXED)
    # every fixed XML file parses again; files without fixable findings are byte-identical
    for rel, data in after.items():
        if rel.endswith(".xml"):
            parse("xml", decode(data, "xml"), rel)
    untouched = {r for r in before if before[r] == after[r]}
    assert "library_16/models/book.py" in untouched and "library_17/static/src/js/loan_dashboard.js" in untouched
    assert "library_16/security/ir.model.access.csv" in untouched
    again = lint(root, odoo_version="19.0", select=SELECT, ignore=OCA_STYLE, fix=True, unsafe=True)
    assert not again.fixed and _files(root) == after


def test_untouched_lines_stay_byte_identical_crlf(tmp_path):
    root = _copy(tmp_path)
    rel = "library_16/views/book_views.xml"
    old = (root / rel).read_bytes()
    lint(root, odoo_version="19.0", select=SELECT, ignore=OCA_STYLE, fix=True, unsafe=True)
    new = (root / rel).read_bytes()
    assert old.count(b"\r\n") == old.count(b"\n") and new.count(b"\r\n") == new.count(b"\n")  # CRLF kept
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    changed = []
    for op, i1, i2, _j1, _j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op != "equal":
            changed.extend(range(i1 + 1, i2 + 1))
    # only the lines holding a finding with a fix change (1-based input line numbers)
    assert changed == [8, 12, 22, 23, 24, 34, 35, 36, 37, 39, 40, 44, 45, 46, 47, 48, 60, 61, 63, 73, 74, 77, 82]
    assert b"<!-- Book views: a tree view, a form with attrs/states and a kanban -->\r\n" in new
    assert b'string="Books &amp; copies"' in new
