"""16->17 and 17->18 Python rules."""
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


def test_user_has_groups(tmp_path):
    src = "def a(self):\n    return self.user_has_groups('base.group_user,!base.group_portal')\n"
    assert rows(run(tmp_path, src, ["PY204"], version="18.0"), tmp_path) == [
        (P, "PY204", 2, 17, "`user_has_groups()` was removed in Odoo 18.0: use `self.env.user.has_groups(...)`")]
    out, _ = fixed(tmp_path, src, ["PY204"], version="18.0")
    assert out == "def a(self):\n    return self.env.user.has_groups('base.group_user,!base.group_portal')\n"
    assert rows(run(tmp_path, src, ["PY204"], version="17.0"), tmp_path) == []


NAME_GET = '''from odoo import models


class A(models.Model):
    _inherit = "res.partner"

    def name_get(self):
        return super().name_get()


class NotModel:
    def name_get(self):
        return []


def f(recs):
    return recs.name_get()
'''


def test_name_get(tmp_path):
    r = run(tmp_path, NAME_GET, ["PY301"], version="18.0")
    assert rows(r, tmp_path) == [
        (P, "PY301", 7, 5, "`name_get` override: Odoo 17.0+ never calls it; compute `display_name` in "
         "`_compute_display_name` (with `@api.depends`) instead"),
        (P, "PY301", 17, 17, "`name_get()` is deprecated in 17.0 and removed in 18.0: read `record.display_name` "
         "(or `[(r.id, r.display_name) for r in records]`)")]
    assert {d.severity.value for d in r.diagnostics} == {"error"}
    r17 = run(tmp_path, None, ["PY301"], version="17.0")
    assert {d.severity.value for d in r17.diagnostics} == {"warning"}
    assert all(d.fix is None for d in r17.diagnostics)


def test_orm_flush_invalidate(tmp_path):
    src = ("def a(self, buf):\n    buf.flush()\n    self.env['x'].flush(['a'])\n    self.recompute()\n"
           "    other.invalidate_cache()\n\n\nclass M(models.Model):\n    _name = 'm'\n")
    assert rows(run(tmp_path, src, ["PY302"], version="17.0"), tmp_path) == [
        (P, "PY302", 3, 19, "`flush()` was removed in Odoo 17.0: use `flush_model(fnames)`, "
         "`flush_recordset(fnames)` or `self.env.flush_all()`"),
        (P, "PY302", 4, 10, "`recompute()` was removed in Odoo 17.0: use `flush_model(fnames)` / "
         "`flush_recordset(fnames)` (recomputation happens on flush) or `self.env.flush_all()`"),
        (P, "PY302", 5, 11, "`invalidate_cache()` was removed in Odoo 17.0: use `invalidate_model(fnames)`, "
         "`invalidate_recordset(fnames)` or `self.env.invalidate_all()`")]
    assert rows(run(tmp_path, src, ["PY302"], version="16.0"), tmp_path) == []


def test_orm_flush_not_in_test_cases(tmp_path):
    src = "class T(TransactionCase):\n    def test_a(self):\n        self.flush(self.record)\n"
    assert rows(run(tmp_path, src, ["PY302"], version="17.0"), tmp_path) == []


def test_fields_get_keys(tmp_path):
    src = "def a(self, rec):\n    return self.fields_get_keys(), rec.get_xml_id()\n"
    assert [x[2:4] for x in rows(run(tmp_path, src, ["PY303"], version="17.0"), tmp_path)] == [(2, 17), (2, 40)]
    out, _ = fixed(tmp_path, src, ["PY303"], version="17.0")
    assert out == "def a(self, rec):\n    return list(self._fields), rec.get_external_id()\n"


def test_clear_caches(tmp_path):
    src = ("def a(self):\n    self.clear_caches()\n    self.pool.clear_caches()\n    buf.clear_caches()\n\n\n"
           "class M(models.Model):\n    _name = 'm'\n")
    r = run(tmp_path, src, ["PY304"], version="19.0")
    assert rows(r, tmp_path) == [
        (P, "PY304", 2, 10, "`Model.clear_caches()` is deprecated since 17.0 and removed in 19.0: use "
         "`self.env.registry.clear_all_caches()`"),
        (P, "PY304", 3, 15, "`Registry.clear_caches()` was removed in Odoo 17.0: use `clear_all_caches()` "
         "(or `clear_cache('<cache name>')`)")]
    assert [d.severity.value for d in r.diagnostics] == ["error", "warning"]
    out, _ = fixed(tmp_path, src, ["PY304"])
    assert out == ("def a(self):\n    self.env.registry.clear_all_caches()\n    self.pool.clear_all_caches()\n"
                   "    buf.clear_caches()\n\n\nclass M(models.Model):\n    _name = 'm'\n")


def test_clear_caches_not_outside_model_files(tmp_path):
    src = "class Helper:\n    def reset(self):\n        self.clear_caches()\n"
    assert rows(run(tmp_path, src, ["PY304"]), tmp_path) == []


def test_field_states(tmp_path):
    src = ("from odoo import fields\nx = fields.Date(readonly=True, states={'draft': [('readonly', False)]})\n"
           "y = dict(states={})\n")
    assert rows(run(tmp_path, src, ["PY305"], version="17.0"), tmp_path) == [
        (P, "PY305", 2, 32, "`states=` is ignored since Odoo 17.0: delete it and put the condition in the view "
         "(`readonly=\"state != 'draft'\"`, `invisible=...`)")]
