"""Tests of rules/python/to19/api.py (PY104, PY108)."""
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


def test_api_returns(tmp_path):
    src = ("from odoo import api, models\n\n\nclass A(models.Model):\n    _inherit = 'res.partner'\n\n"
           "    @api.returns('self', lambda value: value.id)\n    def copy(self, default=None):\n"
           "        return super().copy(default)\n")
    r = run(tmp_path, src, ["PY104"])
    assert rows(r, tmp_path) == [("my_mod/models/m.py", "PY104", 7, 6,
                                  "`@api.returns` was removed in Odoo 19.0: delete it")]
    assert r.diagnostics[0].severity.value == "error"
    out, _ = fixed(tmp_path, src, ["PY104"])
    assert out == src.replace("    @api.returns('self', lambda value: value.id)\n", "")


def test_api_returns_gated(tmp_path):
    src = "from odoo import api\n@api.returns('self')\ndef copy(self): pass\n"
    assert rows(run(tmp_path, src, ["PY104"], version="18.0"), tmp_path) == []


def test_create_single_dict(tmp_path):
    src = ("from odoo import api, models\n\n\nclass A(models.Model):\n    _inherit = 'res.partner'\n\n"
           "    @api.model\n    def create(self, vals):\n        return super().create(vals)\n\n"
           "    @api.model_create_single\n    def write2(self, vals):\n        pass\n\n"
           "    @api.model_create_multi\n    def create2(self, vals_list):\n        pass\n")
    assert rows(run(tmp_path, src, ["PY108"]), tmp_path) == [
        ("my_mod/models/m.py", "PY108", 7, 6, "`@api.model def create(self, vals)`: Odoo 19.0 passes a list of "
         "dicts; write `@api.model_create_multi` / `def create(self, vals_list)` and loop `for vals in vals_list:` "
         "before `return super().create(vals_list)`"),
        ("my_mod/models/m.py", "PY108", 11, 6, "`@api.model_create_single` was removed in Odoo 19.0: use "
         "`@api.model_create_multi` with `def create(self, vals_list)` and loop over `vals_list`")]
