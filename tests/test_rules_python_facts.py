"""The "models" and "manifest" facts (FACTS.md contract) from real files."""
from pathlib import Path

from odoolint.engine import build_ruleset, lint_source
from odoolint.registry import load_rules

REG = load_rules()


def facts_of(tmp_path: Path, name: str, kind: str, text: str, addon="my_mod") -> dict:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    result = lint_source(str(p), name, kind, addon, str(tmp_path), p.read_bytes(), REG,
                         build_ruleset(REG, frozenset(), None), None, {})
    assert result.errors == []
    return result.facts


MODELS = '''\
from odoo import api, fields, models
from odoo.fields import Char


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    tax_id = fields.Many2many("account.tax", string="Taxes")
    note = Char()

    def _compute_amount(self):
        pass


class Loan(models.Model):
    _name = "library.loan"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _inherits = {"res.partner": "partner_id"}

    partner_id = fields.Many2one(comodel_name="res.partner", required=True)
    line_ids = fields.One2many("library.loan.line", "loan_id")
    email = fields.Char(related="partner_id.email")

    @api.model
    def create(self, vals):
        return super().create(vals)


class Wizard(models.TransientModel):
    _name = "library.wizard"


class Mixin(models.AbstractModel):
    _name = "library.mixin"


class NotAModel:
    x = 1
'''


def test_models_facts(tmp_path):
    data = facts_of(tmp_path, "my_mod/models/m.py", "python", MODELS)["models"]
    assert data == [
        {"class": "SaleOrderLine", "name": None, "inherit": ["sale.order.line"], "inherits": {},
         "fields": {"tax_id": {"type": "Many2many", "comodel": "account.tax", "related": None, "line": 8},
                    "note": {"type": "Char", "comodel": None, "related": None, "line": 9}},
         "methods": ["_compute_amount"], "line": 5, "abstract": False, "transient": False},
        {"class": "Loan", "name": "library.loan", "inherit": ["mail.thread", "mail.activity.mixin"],
         "inherits": {"res.partner": "partner_id"},
         "fields": {"partner_id": {"type": "Many2one", "comodel": "res.partner", "related": None, "line": 20},
                    "line_ids": {"type": "One2many", "comodel": "library.loan.line", "related": None,
                                 "line": 21},
                    "email": {"type": "Char", "comodel": None, "related": "partner_id.email", "line": 22}},
         "methods": ["create"], "line": 15, "abstract": False, "transient": False},
        {"class": "Wizard", "name": "library.wizard", "inherit": [], "inherits": {}, "fields": {},
         "methods": [], "line": 29, "abstract": False, "transient": True},
        {"class": "Mixin", "name": "library.mixin", "inherit": [], "inherits": {}, "fields": {},
         "methods": [], "line": 33, "abstract": True, "transient": False},
    ]


def test_models_facts_odd_input(tmp_path):
    assert facts_of(tmp_path, "my_mod/empty.py", "python", "")["models"] == []
    odd = "class A(models.Model):\n    _inherit = some_var\n    _inherits = 3\n    x = fields.Char\n"
    assert facts_of(tmp_path, "my_mod/odd.py", "python", odd)["models"] == [
        {"class": "A", "name": None, "inherit": [], "inherits": {}, "fields": {}, "methods": [], "line": 1,
         "abstract": False, "transient": False}]


MANIFEST = '''\
{
    "name": "My module",
    "version": "17.0.1.0.0",
    "license": "AGPL-3",
    "depends": ["base", "mail"],
    "data": ["views/a.xml"],
    "assets": {"web.assets_backend": ["my_mod/static/src/**/*", ("include", "web._assets_helpers")]},
    "external_dependencies": {"python": ["xlrd"]},
}
'''


def test_manifest_facts(tmp_path):
    data = facts_of(tmp_path, "my_mod/__manifest__.py", "manifest", MANIFEST)["manifest"]
    spans = data.pop("spans")
    assert data == {
        "addon": "my_mod", "version": "17.0.1.0.0", "depends": ["base", "mail"], "data": ["views/a.xml"],
        "demo": [], "assets": {"web.assets_backend": ["my_mod/static/src/**/*", ["include", "web._assets_helpers"]]},
        "external_dependencies": {"python": ["xlrd"], "bin": []}, "license": "AGPL-3", "installable": True,
        "depends_spans": {"base": {"start": [5, 17, 97], "end": [5, 23, 103]},
                          "mail": {"start": [5, 25, 105], "end": [5, 31, 111]}},
    }
    assert MANIFEST[97:103] == '"base"'
    assert spans["version"] == {"start": [3, 16, 42], "end": [3, 28, 54]}
    assert MANIFEST[42:54] == '"17.0.1.0.0"'
    assert sorted(spans) == ["assets", "data", "depends", "external_dependencies", "license", "name", "version"]


def test_manifest_facts_wrong_types(tmp_path):
    data = facts_of(tmp_path, "my_mod/__manifest__.py", "manifest",
                    "{'version': 17.0, 'depends': 'base', 'installable': False, 'assets': []}")["manifest"]
    assert (data["version"], data["depends"], data["installable"], data["assets"], data["license"]) == \
        (None, [], False, {}, None)
