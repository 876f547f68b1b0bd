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


PACKAGES = '''from odoo import fields, models


class Package(models.Model):
    _inherit = ["stock.quant.package", "mail.thread"]

    parent_id = fields.Many2one("stock.quant.package")
    other_ids = fields.One2many(comodel_name='stock.quant.package', inverse_name="x")


class Own(models.Model):
    _name = "stock.quant.package"

    def f(self):
        return self.env["stock.quant.package"].create({}), "stock.quant.package"
'''


def test_model_renamed_19_stock_package(tmp_path):
    """`stock.quant.package` is `stock.package` in 19.0: env keys, `_inherit` and comodels are renamed; an `_name`
    (a model defined anew) and a plain string are left alone."""
    r = lint(tmp_path, {"my_mod/__manifest__.py": MAN, "my_mod/models/p.py": PACKAGES}, odoo_version="19.0",
             select=["PY125"])
    msg = "model `stock.quant.package` is `stock.package` since Odoo 19.0"
    assert [(line, col, m) for _, _, line, col, m in rows(r, tmp_path)] == [
        (5, 17, msg), (7, 33, msg), (8, 46, msg), (15, 25, msg)]
    lint(tmp_path, None, odoo_version="19.0", select=["PY125"], fix=True)
    out = (tmp_path / "my_mod/models/p.py").read_text()
    assert out == PACKAGES.replace('["stock.quant.package", "mail', '["stock.package", "mail') \
        .replace('Many2one("stock.quant.package")', 'Many2one("stock.package")') \
        .replace("comodel_name='stock.quant.package'", "comodel_name='stock.package'") \
        .replace('self.env["stock.quant.package"]', 'self.env["stock.package"]')
    assert '_name = "stock.quant.package"' in out and '{}), "stock.quant.package"' in out
    again = lint(tmp_path, None, odoo_version="19.0", select=["PY125"], fix=True)
    assert rows(again, tmp_path) == [] and (tmp_path / "my_mod/models/p.py").read_text() == out
    assert rows(lint(tmp_path, {"my_mod/models/p.py": PACKAGES}, odoo_version="18.0", select=["PY125"]),
                tmp_path) == []
