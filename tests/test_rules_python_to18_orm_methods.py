"""Tests of rules/python/to18/orm_methods.py (PY203, PY204, PY205, PY213)."""
from tests.helpers import lint, rows

MAN = "{'name': 'X', 'version': '17.0.1.0.0', 'license': 'LGPL-3'}\n"


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


CR = '''def a(self):
    if not self._check_recursion():
        raise ValueError()
    ok = self._check_m2m_recursion('tag_ids')
    return self._check_recursion() == True
'''


P_controllers = "my_mod/controllers/main.py"


def run_18(tmp_path, src, select, version="18.0", fix=False, path=P_controllers):
    files = {"my_mod/__manifest__.py": MAN, path: src} if src is not None else None
    return lint(tmp_path, files, odoo_version=version, select=select, fix=fix)


def test_check_recursion(tmp_path):
    r = run(tmp_path, CR, ["PY203"])
    assert rows(r, tmp_path) == [
        (P, "PY203", 2, 17, "`_check_recursion()` is deprecated since Odoo 18.0: use `not _has_cycle()`"),
        (P, "PY203", 4, 15, "`_check_m2m_recursion()` is deprecated since Odoo 18.0: use `not _has_cycle(field_name)`"),
        (P, "PY203", 5, 17, "`_check_recursion()` is deprecated since Odoo 18.0: use `not _has_cycle()`")]
    assert fixed(tmp_path, CR, ["PY203"])[0] == CR          # unsafe: not applied by --fix alone
    out, again = fixed(tmp_path, CR, ["PY203"], unsafe=True)
    assert out == ('''def a(self):
    if self._has_cycle():
        raise ValueError()
    ok = not self._has_cycle('tag_ids')
    return (not self._has_cycle()) == True
''')
    assert rows(again, tmp_path) == []
    assert rows(run(tmp_path, CR, ["PY203"], version="17.0"), tmp_path) == []


ASSERTS = '''def test_a(self):
    self.assertTrue(self.category._check_recursion())
    self.assertFalse(self.category._check_m2m_recursion("tag_ids"))
    self.assertTrue(self.category._check_recursion(), "no loop")
    self.assertEqual(self.assertTrue(x._check_recursion()) and 1, 1)
'''


def test_check_recursion_as_the_asserted_value_flips_the_assertion(tmp_path):
    """`assertTrue(not X._has_cycle())` is what no one writes: the only argument of assertTrue/assertFalse
    flips the assertion; with a message after it the `not` form stays."""
    out, again = fixed(tmp_path, ASSERTS, ["PY203"], unsafe=True)
    assert out == '''def test_a(self):
    self.assertFalse(self.category._has_cycle())
    self.assertTrue(self.category._has_cycle("tag_ids"))
    self.assertTrue(not self.category._has_cycle(), "no loop")
    self.assertEqual(self.assertFalse(x._has_cycle()) and 1, 1)
'''
    assert rows(again, tmp_path) == []


def test_user_has_groups(tmp_path):
    src = "def a(self):\n    return self.user_has_groups('base.group_user,!base.group_portal')\n"
    assert rows(run(tmp_path, src, ["PY204"], version="18.0"), tmp_path) == [
        (P, "PY204", 2, 17, "`user_has_groups()` was removed in Odoo 18.0: use `self.env.user.has_groups(...)`")]
    out, _ = fixed(tmp_path, src, ["PY204"], version="18.0")
    assert out == "def a(self):\n    return self.env.user.has_groups('base.group_user,!base.group_portal')\n"
    assert rows(run(tmp_path, src, ["PY204"], version="17.0"), tmp_path) == []


def test_user_has_groups_with_one_group_is_has_group(tmp_path):
    """One literal xml id: 18.0's has_groups only calls has_group for it, which is what migrators write; the
    line the longer call pushes past 88 columns is split as black splits it."""
    src = ('def a(self, spec):\n    if self.user_has_groups("stock.group_stock_manager"):\n        return 1\n'
           '    if self.user_has_groups(spec):\n        return 2\n'
           '    return self.user_has_groups("my_module.group_inventory_procurement_quantity_change")\n')
    r = run(tmp_path, src, ["PY204"], version="18.0")
    assert rows(r, tmp_path) == [
        (P, "PY204", 2, 13, "`user_has_groups()` was removed in Odoo 18.0: use `self.env.user.has_group(...)`"),
        (P, "PY204", 4, 13, "`user_has_groups()` was removed in Odoo 18.0: use `self.env.user.has_groups(...)`"),
        (P, "PY204", 6, 17, "`user_has_groups()` was removed in Odoo 18.0: use `self.env.user.has_group(...)`")]
    out, _ = fixed(tmp_path, src, ["PY204"], version="18.0")
    assert out == ('def a(self, spec):\n    if self.env.user.has_group("stock.group_stock_manager"):\n'
                   '        return 1\n    if self.env.user.has_groups(spec):\n        return 2\n'
                   '    return self.env.user.has_group(\n'
                   '        "my_module.group_inventory_procurement_quantity_change"\n    )\n')


def test_name_search_override(tmp_path):
    src = ("from odoo import api, models\n\n\nclass A(models.Model):\n    _inherit = 'res.partner'\n\n"
           "    @api.model\n    def _name_search(self, name, domain=None, operator='ilike', limit=None, order=None):\n"
           "        return []\n\n\nclass B:\n    def _name_search(self):\n        pass\n")
    assert rows(run_18(tmp_path, src, ["PY205"], path="my_mod/models/m.py"), tmp_path) == [
        ("my_mod/models/m.py", "PY205", 8, 5, "`_name_search` is never called since Odoo 18.0: override "
         "`_search_display_name(self, operator, value)` (returning a domain) or set `_rec_names_search`")]


OVERRIDE = '''from odoo import models


class Base(models.AbstractModel):
    _inherit = "base"

    def user_has_groups(self, groups):
        return super().user_has_groups(groups)

    def _where_calc(self, domain, active_test=True):
        return super()._where_calc(domain, active_test)


class NotAModel:
    def user_has_groups(self, groups):
        return True
'''


def test_override_of_a_removed_method(tmp_path):
    """The override is reported per the version that removed the method; its super() call gets no rewrite."""
    r = run(tmp_path, OVERRIDE, ["PY213", "PY204"], version="18.0")
    assert rows(r, tmp_path) == [
        (P, "PY204", 8, 24, "`user_has_groups()` was removed in Odoo 18.0: use `self.env.user.has_groups(...)`"),
        (P, "PY213", 7, 9, "`user_has_groups` was removed from the ORM in Odoo 18.0: this override is never "
                           "called; override `res.users.has_group(group_ext_id)` (which `has_groups` calls per "
                           "group)")]
    assert all(d.fix is None for d in r.diagnostics)
    assert [x[1:3] for x in rows(run(tmp_path, OVERRIDE, ["PY213"], version="19.0"), tmp_path)] == [
        ("PY213", 7), ("PY213", 10)]
    assert rows(run(tmp_path, OVERRIDE, ["PY213"], version="17.0"), tmp_path) == []
