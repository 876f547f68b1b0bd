"""The example addons of fixtures/addons (16.0, 17.0, 18.0) linted for a 19.0 target: exact findings, and the
golden tree after `--fix --unsafe-fixes` (every fixed file parses, a second run changes nothing)."""
import ast
import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import lint, rows

BASE = Path(__file__).resolve().parent.parent / "fixtures" / "addons"


def _copy(src: Path, dst: Path) -> None:
    shutil.copytree(src, dst, dirs_exist_ok=True)
    (dst / ".git").mkdir(exist_ok=True)


# the golden trees are about migrations: OCA's module conventions (MF3xx, tests/test_rules_oca_module.py) stay out
OCA_STYLE = ["MF3", "PY56"]   # the OCA hooks' style checks (MF301-MF304, PY560-PY562) have their own fixtures


def _tree(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".git" not in p.parts and ".odoolint_cache" not in p.parts
            and "__pycache__" not in p.parts and not p.name.startswith(".odoolint")}


@pytest.mark.parametrize("series", ["v16", "v17", "v18"])
def test_findings_for_19(tmp_path, series):
    _copy(BASE / series / "before", tmp_path)
    # the pylint-odoo parity rules (PY5xx-PY8xx, MF2xx) have their own fixtures
    r = lint(tmp_path, None, odoo_version="19.0", select=["PY", "MF"], ignore=OCA_STYLE + ["PY5", "MF2"])
    assert r.errors == []
    got = [{"path": p, "code": c, "line": li, "column": co, "message": m} for p, c, li, co, m in rows(r, tmp_path)]
    assert got == json.loads((BASE / series / "expected.json").read_text())


@pytest.mark.parametrize("series", ["v16", "v17", "v18"])
def test_fix_unsafe_gives_golden_tree(tmp_path, series):
    _copy(BASE / series / "before", tmp_path)
    lint(tmp_path, None, odoo_version="19.0", select=["PY", "MF"], ignore=OCA_STYLE, fix=True, unsafe=True)
    after = _tree(tmp_path)
    assert after == _tree(BASE / series / "after")
    for rel, data in after.items():
        if rel.endswith(".py"):
            ast.parse(data.decode("utf-8"))
    again = lint(tmp_path, None, odoo_version="19.0", select=["PY", "MF"], ignore=OCA_STYLE, fix=True, unsafe=True)
    assert _tree(tmp_path) == after
    # what is left needs a person: no finding still carries a fix
    assert [d.code for d in again.diagnostics if d.fix is not None] == []
