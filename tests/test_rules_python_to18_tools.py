"""Tests of rules/python/to18/tools.py (PY210, PY211).

Some tests also check neighbours in the same fixture: PY119."""
from tests.helpers import lint, rows

MAN = "{'name': 'X', 'version': '17.0.1.0.0', 'license': 'LGPL-3'}\n"


P = "my_mod/models/m.py"


def run(tmp_path, src, select, version="18.0", fix=False):
    files = {"my_mod/__manifest__.py": MAN, P: src} if src is not None else None
    return lint(tmp_path, files, odoo_version=version, select=select, fix=fix)


def test_ustr_and_ormcache_context(tmp_path):
    src = ("from odoo import tools\nfrom odoo.tools import ustr\nx = ustr(b'a')\ny = tools.ustr(1)\nz = str(1)\n\n"
           "@tools.ormcache_context('self.env.uid', keys=('lang',))\ndef g(self):\n    pass\n")
    assert [x[1:4] for x in rows(run(tmp_path, src, ["PY210", "PY119"], version="19.0"), tmp_path)] == [
        ("PY119", 7, 2), ("PY210", 3, 5), ("PY210", 4, 5)]
    r = run(tmp_path, src, ["PY119"], version="19.0")
    assert r.diagnostics[0].message == ("`ormcache_context` is deprecated since Odoo 19.0: use `ormcache` with "
                                        "\"self.env.context.get('lang')\" in the key")
    assert rows(run(tmp_path, src, ["PY210", "PY119"], version="17.0"), tmp_path) == []


def test_pycompat(tmp_path):
    src = ("from odoo.tools import pycompat\nr = pycompat.csv_reader(buf)\nt = pycompat.to_text(b'x')\n"
           "w = csv_writer(buf)\n")
    assert [x[1:4] for x in rows(run(tmp_path, src, ["PY211"]), tmp_path)] == [("PY211", 2, 5), ("PY211", 3, 5)]
    assert rows(run(tmp_path, src, ["PY211"], version="17.0"), tmp_path) == []
