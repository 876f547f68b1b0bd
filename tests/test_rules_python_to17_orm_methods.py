"""Tests of rules/python/to17/orm_methods.py (PY302, PY303, PY304).

Some tests also check neighbours in the same fixture: PY106, PY201, PY351, PY353."""
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


MAN_18 = "{'name': 'X', 'version': '18.0.1.0.0', 'license': 'LGPL-3'}\n"


def run_19(tmp_path, src, select, version="19.0", fix=False):
    files = {"my_mod/__manifest__.py": MAN_18, P: src} if src is not None else None
    return lint(tmp_path, files, odoo_version=version, select=select, fix=fix)


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


def test_negatives_of_fixture_rules(tmp_path):
    src = ("from odoo import api, fields, models\n\n\nclass A(models.Model):\n    _name = 'a'\n"
           "    lot_id = fields.Many2one('stock.lot')\n    name = fields.Char(index=True)\n\n"
           "    @api.model\n    def f(self):\n        return self.fields_get_keys(1)\n")
    assert rows(run_19(tmp_path, src, ["PY303", "PY351", "PY353", "PY201", "PY106"]), tmp_path) == []
