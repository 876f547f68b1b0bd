"""18 -> 19 Python rules and the generic table rules: exact findings and fixes."""
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


def test_private_props(tmp_path):
    src = "def f(self):\n    self._cr.execute('x')  # run\n    return dict(self._context), self._uid\n"
    r = run(tmp_path, src, ["PY102"])
    assert rows(r, tmp_path) == [
        ("my_mod/models/m.py", "PY102", 2, 10, "`_cr` is deprecated since Odoo 19.0: use `.env.cr`"),
        ("my_mod/models/m.py", "PY102", 3, 22, "`_context` is deprecated since Odoo 19.0: use `.env.context`"),
        ("my_mod/models/m.py", "PY102", 3, 38, "`_uid` is deprecated since Odoo 19.0: use `.env.uid`")]
    assert r.diagnostics[0].severity.value == "warning"
    out, _ = fixed(tmp_path, src, ["PY102"])
    assert out == ("def f(self):\n    self.env.cr.execute('x')  # run\n"
                   "    return dict(self.env.context), self.env.uid\n")


def test_private_props_negative(tmp_path):
    src = "def f(self):\n    self._context = {}\n    return self.env.cr, self._crm\n"
    assert rows(run(tmp_path, src, ["PY102"]), tmp_path) == []
    assert rows(run(tmp_path, "x = self._cr\n", ["PY102"], version="18.0"), tmp_path) == []


def test_route_type_json(tmp_path):
    src = "from odoo import http\n\n\nclass C(http.Controller):\n    @http.route(\"/x\", type=\"json\", auth='user')\n    def x(self):\n        return 1\n"
    r = run(tmp_path, src, ["PY103"], path="my_mod/controllers/main.py")
    assert rows(r, tmp_path) == [("my_mod/controllers/main.py", "PY103", 5, 28,
                                  "`type='json'` is deprecated since Odoo 19.0: use `type='jsonrpc'`")]
    out, _ = fixed(tmp_path, src, ["PY103"], path="my_mod/controllers/main.py")
    assert out == src.replace('type="json"', 'type="jsonrpc"')


def test_route_type_http_untouched(tmp_path):
    src = "from odoo import http\n@http.route('/x', type='http')\ndef x(): pass\nroute = dict(type='json')\n"
    assert rows(run(tmp_path, src, ["PY103"]), tmp_path) == []


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


def test_read_group(tmp_path):
    src = ("def f(self):\n    super().read_group([], [], [])\n"
           "    return self.env['sale.order'].read_group([], ['x'], ['y'])\n")
    assert rows(run(tmp_path, src, ["PY109"]), tmp_path) == [
        ("my_mod/models/m.py", "PY109", 3, 35, "`read_group()` is deprecated since Odoo 19.0: call "
         "`_read_group(domain, groupby, aggregates)` in backend code, or `formatted_read_group()` for the web "
         "client's format")]


def test_field_params(tmp_path):
    src = ("from odoo import fields, models\n\n\nclass A(models.Model):\n    _name = 'a'\n"
           "    p = fields.Many2one('res.partner', auto_join=True)\n    q = fields.Float(group_operator='sum')\n"
           "    r = other(auto_join=True)\n")
    assert rows(run(tmp_path, src, ["PY105", "PY201"]), tmp_path) == [
        ("my_mod/models/m.py", "PY105", 6, 40, "`auto_join=` is ignored on fields in Odoo 19.0: use "
         "`bypass_search_access=`"),
        ("my_mod/models/m.py", "PY201", 7, 22, "`group_operator=` is deprecated on fields in Odoo 19.0: use "
         "`aggregator=`")]
    out, _ = fixed(tmp_path, src, ["PY105", "PY201"])
    assert out == src.replace("p = fields.Many2one('res.partner', auto_join=True)",
                              "p = fields.Many2one('res.partner', bypass_search_access=True)").replace(
        "group_operator=", "aggregator=")
    # 18.0: group_operator warns, auto_join is still valid
    assert [x[1] for x in rows(run(tmp_path, src, ["PY105", "PY201"], version="18.0"), tmp_path)] == ["PY201"]


REG = '''from odoo import api, fields, models, registry


def job(db):
    with registry(db).cursor() as cr:
        return cr
'''


def test_registry_import(tmp_path):
    r = run(tmp_path, REG, ["PY202"])
    assert rows(r, tmp_path) == [("my_mod/models/m.py", "PY202", 1, 1, "`from odoo import registry` was removed "
                                  "in Odoo 19.0: use `from odoo.modules.registry import Registry`")]
    assert r.diagnostics[0].severity.value == "error"
    r18 = run(tmp_path, None, ["PY202"], version="18.0")
    assert [d.severity.value for d in r18.diagnostics] == ["warning"]
    out, _ = fixed(tmp_path, REG, ["PY202"])
    assert out == ("from odoo import api, fields, models\nfrom odoo.modules.registry import Registry\n\n\n"
                   "def job(db):\n    with Registry(db).cursor() as cr:\n        return cr\n")


def test_registry_attribute_and_existing_import(tmp_path):
    src = ("import odoo\nfrom odoo.modules.registry import Registry\nfrom odoo import registry\n"
           "x = odoo.registry('db')\ny = registry('db')\n")
    out, _ = fixed(tmp_path, src, ["PY202"])
    assert out == ("import odoo\nfrom odoo.modules.registry import Registry\n"
                   "x = odoo.modules.registry.Registry('db')\ny = Registry('db')\n")


def test_registry_shadowed_no_fix(tmp_path):
    src = "from odoo import registry\n\ndef f(registry):\n    return registry\n"
    r = run(tmp_path, src, ["PY202"])
    assert [d.fix for d in r.diagnostics] == [None]
    assert rows(run(tmp_path, "from odoo import registry\n", ["PY202"], version="17.0"), tmp_path) == []


def test_lazy_property(tmp_path):
    src = "from odoo.tools import lazy_property, float_round\n\n\nclass A:\n    @lazy_property\n    def x(self):\n        return 1\n"
    r = run(tmp_path, src, ["PY106"])
    assert rows(r, tmp_path) == [("my_mod/models/m.py", "PY106", 1, 1, "`from odoo.tools import lazy_property` is "
                                  "deprecated in Odoo 19.0: use `from functools import cached_property`")]
    out, _ = fixed(tmp_path, src, ["PY106"])
    assert out == ("from odoo.tools import float_round\nfrom functools import cached_property\n\n\nclass A:\n"
                   "    @cached_property\n    def x(self):\n        return 1\n")
