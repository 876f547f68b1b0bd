"""bench/migration_disagreements.py sorts the lines where odoolint's migration and the human's differ."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"

MANIFEST = "{{'name': 'Thing', 'version': '{}.1.0.0', 'license': 'LGPL-3', 'depends': ['base']}}\n"

BEFORE = '''from odoo import fields, models


class Thing(models.Model):
    _name = "my.thing"
    _description = "Thing"

    name = fields.Char()

    _sql_constraints = [("name_uniq", "unique(name)", "Name must be unique")]

    def label(self):
        return self._context.get("label")

    def lang(self):
        return self._context.get("lang")
'''

HUMAN = '''from odoo import fields, models


class Thing(models.Model):
    _name = "my.thing"
    _description = "Thing"

    name = fields.Char()

    _name_uniq = models.Constraint("unique(name)", "Name must be unique")

    def label(self):
        return self.env.context.get("label") or ""

    def lang(self):
        return self.env.context.get("lang")
'''


@pytest.fixture(scope="module")
def tool():
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location("migration_disagreements", BENCH / "migration_disagreements.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_disagreeing_lines_are_counted_by_category(tool, tmp_path):
    for series, text in (("18.0", BEFORE), ("19.0", HUMAN)):
        addon = tmp_path / series / "my_thing"
        (addon / "models").mkdir(parents=True)
        (addon / "__manifest__.py").write_text(MANIFEST.format(series))
        (addon / "__init__.py").write_text("from . import models\n")
        (addon / "models" / "__init__.py").write_text("from . import thing\n")
        (addon / "models" / "thing.py").write_text(text)
    hunks = tmp_path / "hunks.txt"
    with hunks.open("w") as out:
        report = tool.step(tmp_path, "18.0", "19.0", out)
    # odoolint writes the constraint one argument per line (Odoo's upgrade script); the human wrote it on one
    # line; `or ""` is the human's own change; the second `self.env.context` agrees and is not counted
    assert report["step"] == "18.0 -> 19.0"
    assert report["categories"] == [
        ("sql constraint: human's layout (one line, or both arguments on one line)", 4),
        ("human rewrote or removed the code around it (refactor)", 1)]
    assert report["disagreeing_lines"] == 5
    assert report["examples"]["human rewrote or removed the code around it (refactor)"] == [
        'my_thing/models/thing.py:13: +return self.env.context.get("label")']
    text = hunks.read_text()
    assert "=== my_thing/models/thing.py:10" in text and "  HUMN     _name_uniq = models.Constraint(" in text
