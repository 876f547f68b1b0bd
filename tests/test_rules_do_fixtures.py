"""The realistic stacks in fixtures/stacks/ (DO App Platform, Superset, CI): exact findings by file and line,
and clean variants with none. Covers the DO, PG, SUP and GHA families."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import lint, rows
from tests.test_rules_do_stubs import ensure_producers

ensure_producers()
STACKS = Path(__file__).resolve().parent.parent / "fixtures" / "stacks"
NAMES = ["do-app", "do-app-clean", "superset", "superset-clean", "ci", "ci-clean"]


def _lint_copy(tmp_path, name, **kw):
    root = tmp_path / name
    shutil.copytree(STACKS / name, root, ignore=shutil.ignore_patterns("expected.json"))
    (root / ".git").mkdir()          # the project root
    expected = json.loads((STACKS / name / "expected.json").read_text(encoding="utf-8"))
    result = lint(root, None, select=expected["select"], odoo_version=expected["odoo_version"], **kw)
    assert result.errors == []
    return root, expected, result


@pytest.mark.parametrize("name", NAMES)
def test_stack_findings(tmp_path, name):
    root, expected, result = _lint_copy(tmp_path, name)
    assert [list(r) for r in rows(result, root)] == expected["findings"]
    if name.endswith("-clean"):
        assert expected["findings"] == []
    else:
        assert expected["findings"], "a broken stack must have findings"


@pytest.mark.parametrize("name", ["do-app", "superset", "ci"])
def test_stack_fixes_are_stable(tmp_path, name):
    """--fix applies the safe fixes once; a second run changes nothing and the files still parse."""
    root, expected, result = _lint_copy(tmp_path, name, fix=True)
    assert result.fixed_data, "each broken stack has at least one safe fix"
    again = lint(root, None, select=expected["select"], odoo_version=expected["odoo_version"], fix=True)
    assert again.fixed_data == {} and again.errors == []
