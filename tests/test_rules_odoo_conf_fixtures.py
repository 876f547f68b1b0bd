"""Realistic odoo.conf fixtures (fixtures/conf/*): exact findings per file and line, and a clean --fix round trip."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import lint, rows

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "conf"
CASES = sorted(p.name for p in FIXTURES.iterdir() if (p / "expected.json").is_file())


@pytest.mark.parametrize("name", CASES)
def test_fixture_findings(tmp_path, name):
    expected = json.loads((FIXTURES / name / "expected.json").read_text())
    shutil.copytree(FIXTURES / name, tmp_path / name, ignore=shutil.ignore_patterns("expected.json"))
    (tmp_path / ".git").mkdir()
    r = lint(tmp_path, {}, odoo_version=expected["odoo_version"], select=["CNF"])
    assert not r.errors
    got = [{"file": rel.split("/", 1)[1], "code": code, "line": line, "column": col}
           for rel, code, line, col, _ in rows(r, tmp_path)]
    assert got == expected["findings"]


def test_prod17_safe_fixes_are_idempotent_and_keep_the_rest(tmp_path):
    shutil.copytree(FIXTURES / "prod17", tmp_path / "prod17", ignore=shutil.ignore_patterns("expected.json"))
    (tmp_path / ".git").mkdir()
    lint(tmp_path, {}, odoo_version="17.0", select=["CNF"], fix=True)
    once = (tmp_path / "prod17" / "odoo.conf").read_text()
    lint(tmp_path, {}, odoo_version="17.0", select=["CNF"], fix=True)
    assert (tmp_path / "prod17" / "odoo.conf").read_text() == once
    original = (FIXTURES / "prod17" / "odoo.conf").read_text().splitlines()
    changed = [line for line in once.splitlines() if line not in original]
    assert changed == ["dbfilter = ^prod$", "list_db = False", "http_port = 8069", "gevent_port = 8072",
                       "; (2 * CPUs) + 1", "workers = 4"]
