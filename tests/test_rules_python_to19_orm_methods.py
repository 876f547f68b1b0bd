"""Tests of rules/python/to19/orm_methods.py (PY109, PY112, PY113, PY115, PY117)."""
from tests.helpers import lint, rows

MAN = "{'name': 'X', 'version': '17.0.1.0.0', 'license': 'LGPL-3'}\n"


P = "my_mod/controllers/main.py"


def run(tmp_path, src, select, version="18.0", fix=False, path=P):
    files = {"my_mod/__manifest__.py": MAN, path: src} if src is not None else None
    return lint(tmp_path, files, odoo_version=version, select=select, fix=fix)


MAN_18 = "{'name': 'X', 'version': '18.0.1.0.0', 'license': 'LGPL-3'}\n"


def run_19(tmp_path, src, select, version="19.0", fix=False, unsafe=False, path="my_mod/models/m.py"):
    files = {"my_mod/__manifest__.py": MAN_18, path: src} if src is not None else None
    return lint(tmp_path, files, odoo_version=version, select=select, fix=fix, unsafe=unsafe)


MAN_2 = "{'name': 'X', 'version': '18.0.1.0.0', 'license': 'LGPL-3'}\n"


P_models = "my_mod/models/m.py"


def run_2(tmp_path, src, select, version="19.0", fix=False):
    files = {"my_mod/__manifest__.py": MAN_2, P_models: src} if src is not None else None
    return lint(tmp_path, files, odoo_version=version, select=select, fix=fix)


def test_toggle_active(tmp_path):
    src = "def toggle_active(self):\n    super().toggle_active()\n    self.env['x'].browse(1).toggle_active()\n"
    assert [x[1:4] for x in rows(run(tmp_path, src, ["PY117"], version="19.0"), tmp_path)] == [("PY117", 3, 29)]
    assert rows(run(tmp_path, src, ["PY117"], version="18.0"), tmp_path) == []


def test_read_group(tmp_path):
    src = ("def f(self):\n    super().read_group([], [], [])\n"
           "    return self.env['sale.order'].read_group([], ['x'], ['y'])\n")
    assert rows(run_19(tmp_path, src, ["PY109"]), tmp_path) == [
        ("my_mod/models/m.py", "PY109", 3, 35, "`read_group()` is deprecated since Odoo 19.0: call "
         "`_read_group(domain, groupby, aggregates)` in backend code, or `formatted_read_group()` for the web "
         "client's format")]


def test_apply_ir_rules(tmp_path):
    src = "def f(self, d):\n    q = self._where_calc(d)\n    self._apply_ir_rules(q, 'read')\n    super()._where_calc(d)\n"
    assert [x[1:4] for x in rows(run_2(tmp_path, src, ["PY112"]), tmp_path)] == [("PY112", 2, 14), ("PY112", 3, 10)]
    assert rows(run_2(tmp_path, src, ["PY112"], version="18.0"), tmp_path) == []


def test_flush_search(tmp_path):
    src = "def f(self, d):\n    self._flush_search(d)  \n    x = self._flush_search(d)\n    return 1\n"
    r = run_2(tmp_path, src, ["PY113"])
    assert rows(r, tmp_path) == [
        (P_models, "PY113", 2, 10, "`_flush_search()` is no longer needed (17.1+) and removed in Odoo 19.0: delete the call")]
    assert r.diagnostics[0].severity.value == "error"
    run_2(tmp_path, None, ["PY113"], fix=True)
    assert (tmp_path / P_models).read_text() == "def f(self, d):\n    x = self._flush_search(d)\n    return 1\n"
    r18 = run_2(tmp_path, src, ["PY113"], version="18.0")
    assert [d.severity.value for d in r18.diagnostics] == ["warning"]


def test_name_search_kw(tmp_path):
    src = "def f(self):\n    return self.env['res.partner'].name_search('a', args=[], limit=5), self.name_search('a', [])\n"
    assert [x[1:4] for x in rows(run_2(tmp_path, src, ["PY115"]), tmp_path)] == [("PY115", 2, 53)]
    run_2(tmp_path, None, ["PY115"], fix=True)
    assert (tmp_path / P_models).read_text() == src.replace("args=[]", "domain=[]")
