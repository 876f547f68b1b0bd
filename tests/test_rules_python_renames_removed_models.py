"""Tests of rules/python/renames/removed_models.py (PY122, PY310).

Some tests also check neighbours in the same fixture: PY118."""
from tests.helpers import lint, rows

MAN = "{'name': 'X', 'version': '18.0.1.0.0', 'license': 'LGPL-3'}\n"


P = "my_mod/models/m.py"


SRC = '''from odoo import fields, models


class Contract(models.Model):
    _inherit = "hr.contract"

    uom_category_id = fields.Many2one("uom.category")

    def f(self, uom):
        taxes = self.env["account.tax.template"].search([])
        return taxes, uom.category_id, self.env["hr.version"]


class Unit(models.Model):
    _inherit = "uom.uom"

    def g(self):
        return self.category_id
'''


def test_models_removed(tmp_path):
    r = lint(tmp_path, {"my_mod/__manifest__.py": MAN, P: SRC}, odoo_version="19.0",
             select=["PY310", "PY122", "PY118"])
    assert [x[1:5] for x in rows(r, tmp_path)] == [
        ("PY118", 18, 21, "`category_id` no longer exists on uom.uom in Odoo 19.0: use `relative_uom_id` and "
         "`factor` (19.0 has no unit categories)"),
        ("PY122", 5, 16, "model `hr.contract` no longer exists in Odoo 19.0: use `hr.version` (module `hr`; "
         "contract fields live on the employee's versions)"),
        ("PY122", 7, 39, "model `uom.category` no longer exists in Odoo 19.0: reference another unit through "
         "`relative_uom_id` and a `factor` (no categories)"),
        ("PY310", 10, 26, "model `account.tax.template` no longer exists in Odoo 17.0: write chart data as "
         "`@template(...)` methods of `account.chart.template` (Python data since 17.0)")]
    r = lint(tmp_path, None, odoo_version="18.0", select=["PY310", "PY122", "PY118"])
    assert [x[1] for x in rows(r, tmp_path)] == ["PY310"]
