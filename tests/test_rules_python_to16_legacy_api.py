"""Tests of rules/python/to16/legacy_api.py (PY351, PY352, PY353, PY354)."""
from tests.helpers import lint, rows

MAN = "{'name': 'X', 'version': '16.0.1.0.0', 'license': 'LGPL-3'}\n"


P = "my_mod/models/m.py"


def run(tmp_path, src, select, version="19.0", fix=False, unsafe=False):
    files = {"my_mod/__manifest__.py": MAN, P: src} if src is not None else None
    return lint(tmp_path, files, odoo_version=version, select=select, fix=fix, unsafe=unsafe)


def fixed(tmp_path, src, select, version="19.0", unsafe=False):
    run(tmp_path, src, select, version, fix=True, unsafe=unsafe)
    out = (tmp_path / P).read_text()
    again = run(tmp_path, None, select, version, fix=True, unsafe=unsafe)
    assert (tmp_path / P).read_text() == out
    compile(out, P, "exec")
    return out, again


def test_api_multi_one(tmp_path):
    src = "from odoo import api\n\n\nclass A:\n    @api.multi\n    def a(self):\n        pass\n\n    @api.one\n    def b(self):\n        pass\n"
    r = run(tmp_path, src, ["PY351"], version="16.0")
    assert rows(r, tmp_path) == [
        (P, "PY351", 5, 6, "`@api.multi` no longer exists: delete it (methods are multi-record by default)"),
        (P, "PY351", 9, 6, "`@api.one` no longer exists: delete it and loop `for rec in self:` in the method body")]
    out, _ = fixed(tmp_path, src, ["PY351"], version="16.0")
    assert out == src.replace("    @api.multi\n", "")


def test_request_jsonrequest(tmp_path):
    src = "from odoo.http import request\ndata = request.jsonrequest\nother.jsonrequest\n"
    assert [x[2:4] for x in rows(run(tmp_path, src, ["PY352"]), tmp_path)] == [(2, 16)]
    out, _ = fixed(tmp_path, src, ["PY352"])
    assert out == "from odoo.http import request\ndata = request.get_json_data()\nother.jsonrequest\n"


def test_stock_production_lot(tmp_path):
    src = ("from odoo import models\n\n\nclass L(models.Model):\n    _inherit = 'stock.production.lot'\n\n"
           "    def f(self):\n        return self.env[\"stock.production.lot\"], {'stock.production.lot': 1}\n")
    assert [x[2:4] for x in rows(run(tmp_path, src, ["PY353"]), tmp_path)] == [(5, 16), (8, 25)]
    out, _ = fixed(tmp_path, src, ["PY353"])
    assert out == src.replace("'stock.production.lot'\n", "'stock.lot'\n").replace('"stock.production.lot"', '"stock.lot"')


def test_track_visibility(tmp_path):
    src = ("from odoo import fields\nstate = fields.Selection([], track_visibility='onchange')\n"
           "x = fields.Char(track_visibility='always', tracking=10)\n")
    r = run(tmp_path, src, ["PY354"])
    assert [x[2:5] for x in rows(r, tmp_path)] == [
        (2, 30, "`track_visibility=` is ignored by Odoo 19.0 (the field is no longer tracked): use `tracking=True`"),
        (3, 17, "`track_visibility=` is ignored by Odoo 19.0 (the field is no longer tracked): use `tracking=True`")]
    assert [d.severity.value for d in r.diagnostics] == ["error", "error"]
    assert r.diagnostics[1].fix is None
    r16 = run(tmp_path, src, ["PY354"], version="16.0")
    assert [d.severity.value for d in r16.diagnostics] == ["warning", "warning"]
    out, _ = fixed(tmp_path, src, ["PY354"])
    assert out == src.replace("track_visibility='onchange'", "tracking=True")
