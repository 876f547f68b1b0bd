"""Tests of rules/python/to18/field_aggregator.py (PY161 field-group-operator-attribute)."""
from tests.helpers import lint, rows

MAN = "{'name': 'X', 'version': '17.0.1.0.0', 'license': 'LGPL-3'}\n"
P = "my_mod/models/m.py"

SRC = (
    "from odoo import fields, models\n"
    "\n"
    "\n"
    "class Percent(fields.Float):\n"
    "    group_operator = 'avg'\n"
    "\n"
    "    def _setup_regular_base(self, model):\n"
    "        return self.group_operator\n"
    "\n"
    "\n"
    "class Thing(models.Model):\n"
    "    _name = 'x.thing'\n"
    "    group_operator = fields.Char()\n"
    "    amount = fields.Float(aggregator='sum')\n"
    "\n"
    "    def _setup(self):\n"
    "        field = self._fields['amount']\n"
    "        field.group_operator = 'max'\n"
    "        return field.group_operator or 'sum'\n"
)


def run(tmp_path, src, version="18.0", fix=False):
    return lint(tmp_path, {"my_mod/__manifest__.py": MAN, P: src}, odoo_version=version, select=["PY161"],
                fix=fix)


def test_py161_findings_exact(tmp_path):
    res = run(tmp_path, SRC)
    assert [(r[1], r[2], r[3], r[4]) for r in rows(res, tmp_path)] == [
        ("PY161", 5, 5, "Field attribute `group_operator` is `aggregator` since Odoo 18.0: the class default is "
                        "ignored"),
        ("PY161", 8, 21, "Field attribute `group_operator` is `aggregator` since Odoo 18.0: reading "
                         "`group_operator` raises AttributeError"),
        ("PY161", 18, 15, "Field attribute `group_operator` is `aggregator` since Odoo 18.0: assigning "
                          "`group_operator` has no effect"),
        ("PY161", 19, 22, "Field attribute `group_operator` is `aggregator` since Odoo 18.0: reading "
                          "`group_operator` raises AttributeError"),
    ]


def test_py161_fix_and_idempotence(tmp_path):
    run(tmp_path, SRC)
    run(tmp_path, SRC, fix=True)
    fixed = (tmp_path / P).read_text()
    assert fixed == (SRC.replace("    group_operator = 'avg'", "    aggregator = 'avg'")
                     .replace("field.group_operator", "field.aggregator")
                     .replace("self.group_operator", "self.aggregator"))
    again = lint(tmp_path, odoo_version="18.0", select=["PY161"], fix=True)
    assert not again.fixed and not again.diagnostics
    assert (tmp_path / P).read_text() == fixed


def test_py161_not_before_18_nor_keyword_nor_model_field(tmp_path):
    assert rows(run(tmp_path, SRC, version="17.0"), tmp_path) == []
    clean = ("from odoo import fields, models\n\n\nclass T(models.Model):\n    _name = 'x.t'\n"
             "    group_operator = fields.Char()\n    a = fields.Float(group_operator='sum')\n"
             "    b = {'group_operator': 'sum'}\n\n    def f(self):\n        return self.group_operator, rec.group_operator\n")
    assert rows(run(tmp_path, clean), tmp_path) == []
