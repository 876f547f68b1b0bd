"""PY112-PY116 and negatives for rules whose positives live in the fixtures."""
from tests.helpers import lint, rows

MAN = "{'name': 'X', 'version': '18.0.1.0.0', 'license': 'LGPL-3'}\n"
P = "my_mod/models/m.py"


def run(tmp_path, src, select, version="19.0", fix=False):
    files = {"my_mod/__manifest__.py": MAN, P: src} if src is not None else None
    return lint(tmp_path, files, odoo_version=version, select=select, fix=fix)


def test_apply_ir_rules(tmp_path):
    src = "def f(self, d):\n    q = self._where_calc(d)\n    self._apply_ir_rules(q, 'read')\n    super()._where_calc(d)\n"
    assert [x[1:4] for x in rows(run(tmp_path, src, ["PY112"]), tmp_path)] == [("PY112", 2, 14), ("PY112", 3, 10)]
    assert rows(run(tmp_path, src, ["PY112"], version="18.0"), tmp_path) == []


def test_flush_search(tmp_path):
    src = "def f(self, d):\n    self._flush_search(d)  \n    x = self._flush_search(d)\n    return 1\n"
    r = run(tmp_path, src, ["PY113"])
    assert rows(r, tmp_path) == [
        (P, "PY113", 2, 10, "`_flush_search()` is no longer needed (17.1+) and removed in Odoo 19.0: delete the call")]
    assert r.diagnostics[0].severity.value == "error"
    run(tmp_path, None, ["PY113"], fix=True)
    assert (tmp_path / P).read_text() == "def f(self, d):\n    x = self._flush_search(d)\n    return 1\n"
    r18 = run(tmp_path, src, ["PY113"], version="18.0")
    assert [d.severity.value for d in r18.diagnostics] == ["warning"]


def test_request_props(tmp_path):
    src = "from odoo.http import request\nlang = request.context.get('lang')\nrequest.uid = 1\nother.cr\n"
    r = run(tmp_path, src, ["PY114"])
    assert rows(r, tmp_path) == [
        (P, "PY114", 2, 16, "`request.context` is deprecated since Odoo 19.0: use `request.env.context`"),
        (P, "PY114", 3, 9, "assigning `request.uid` raises NotImplementedError in Odoo 19.0: use "
         "`request.update_env(...)` / `request.update_context(...)`")]
    run(tmp_path, None, ["PY114"], fix=True)
    assert (tmp_path / P).read_text() == src.replace("request.context", "request.env.context")


def test_name_search_kw(tmp_path):
    src = "def f(self):\n    return self.env['res.partner'].name_search('a', args=[], limit=5), self.name_search('a', [])\n"
    assert [x[1:4] for x in rows(run(tmp_path, src, ["PY115"]), tmp_path)] == [("PY115", 2, 53)]
    run(tmp_path, None, ["PY115"], fix=True)
    assert (tmp_path / P).read_text() == src.replace("args=[]", "domain=[]")


def test_get_module_resource(tmp_path):
    src = ("from odoo.modules.module import get_module_resource\n"
           "p = get_module_resource('my_mod', 'static', 'logo.png')\nq = get_resource_path(mod, 'x')\n")
    r = run(tmp_path, src, ["PY116"])
    assert rows(r, tmp_path) == [
        (P, "PY116", 2, 5, "`get_module_resource()` is deprecated since 17.0 and removed in Odoo 19.0: use "
         "`file_path('my_mod/static/logo.png')` from `odoo.tools.misc` (it raises FileNotFoundError instead of "
         "returning False)"),
        (P, "PY116", 3, 5, "`get_resource_path()` is deprecated since 17.0 and removed in Odoo 19.0: use "
         "`file_path('<module>/<path>')` from `odoo.tools.misc` (it raises FileNotFoundError instead of "
         "returning False)")]
    assert [d.severity.value for d in run(tmp_path, src, ["PY116"], version="17.0").diagnostics] == ["warning"] * 2


def test_negatives_of_fixture_rules(tmp_path):
    src = ("from odoo import api, fields, models\n\n\nclass A(models.Model):\n    _name = 'a'\n"
           "    lot_id = fields.Many2one('stock.lot')\n    name = fields.Char(index=True)\n\n"
           "    @api.model\n    def f(self):\n        return self.fields_get_keys(1)\n")
    assert rows(run(tmp_path, src, ["PY303", "PY351", "PY353", "PY201", "PY106"]), tmp_path) == []


def test_unaccent_deleted(tmp_path):
    src = "from odoo import fields\na = fields.Char(unaccent=False)\nb = fields.Char('B', unaccent=False, index=True)\n"
    r = run(tmp_path, src, ["PY201"], version="18.0")
    assert rows(r, tmp_path) == [
        (P, "PY201", 2, 17, "`unaccent=` is ignored on fields in Odoo 18.0: delete it"),
        (P, "PY201", 3, 22, "`unaccent=` is ignored on fields in Odoo 18.0: delete it")]
    assert [d.severity.value for d in r.diagnostics] == ["error", "error"]
    run(tmp_path, None, ["PY201"], version="18.0", fix=True)
    assert (tmp_path / P).read_text() == "from odoo import fields\na = fields.Char()\nb = fields.Char('B', index=True)\n"


def test_env_readonly(tmp_path):
    src = ("def f(self, env):\n    self.env.context = {}\n    env.uid = 1\n    x = self.env.context\n"
           "    self.context = {}\n")
    assert [x[1:4] for x in rows(run(tmp_path, src, ["PY121"]), tmp_path)] == [("PY121", 2, 5), ("PY121", 3, 5)]
    assert rows(run(tmp_path, src, ["PY121"], version="18.0"), tmp_path) == []
