"""Tests of rules/python/to19/constraints.py (PY107)."""
from tests.helpers import lint, rows

MAN = "{'name': 'X', 'version': '18.0.1.0.0', 'license': 'LGPL-3'}\n"


def run(tmp_path, src, select, version="19.0", fix=False, unsafe=False, path="my_mod/models/m.py"):
    files = {"my_mod/__manifest__.py": MAN, path: src} if src is not None else None
    return lint(tmp_path, files, odoo_version=version, select=select, fix=fix, unsafe=unsafe)


def fixed(tmp_path, src, select, version="19.0", unsafe=False, path="my_mod/models/m.py"):
    run(tmp_path, src, select, version, fix=True, unsafe=unsafe, path=path)
    out = (tmp_path / path).read_text()
    again = run(tmp_path, None, select, version, fix=True, unsafe=unsafe)
    assert (tmp_path / path).read_text() == out          # a second run changes nothing
    compile(out, path, "exec")                             # still parses
    return out, again


SQL = '''from odoo import fields, models


class Loan(models.Model):
    _name = "library.loan"

    name = fields.Char()

    _sql_constraints = [
        ("name_uniq", "unique(name)", "A loan reference must be unique."),
        ('positive', 'CHECK(qty > 0)', 'Quantity must be positive'),
    ]
'''


def test_sql_constraints_unsafe_fix(tmp_path):
    r = run(tmp_path, SQL, ["PY107"])
    assert rows(r, tmp_path) == [("my_mod/models/m.py", "PY107", 9, 5,
                                  "`_sql_constraints` is ignored since Odoo 19.0 (the constraints are never "
                                  "created): declare `_<name> = models.Constraint(definition, message)`")]
    assert r.diagnostics[0].fix.applicability.value == "unsafe"
    out, _ = fixed(tmp_path, SQL, ["PY107"])           # safe only: unchanged
    assert out == SQL
    out, again = fixed(tmp_path, SQL, ["PY107"], unsafe=True)
    assert out == SQL.replace('''    _sql_constraints = [
        ("name_uniq", "unique(name)", "A loan reference must be unique."),
        ('positive', 'CHECK(qty > 0)', 'Quantity must be positive'),
    ]
''', '''    _name_uniq = models.Constraint("unique(name)", "A loan reference must be unique.")
    _positive = models.Constraint('CHECK(qty > 0)', 'Quantity must be positive')
''')
    assert rows(again, tmp_path) == []


def test_sql_constraints_not_a_model(tmp_path):
    assert rows(run(tmp_path, "class A:\n    _sql_constraints = []\n", ["PY107"]), tmp_path) == []
