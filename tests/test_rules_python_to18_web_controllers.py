"""Tests of rules/python/to18/web_controllers.py (PY206).

Some tests also check neighbours in the same fixture: MF107."""
from tests.helpers import lint, rows

MAN = "{'name': 'X', 'version': '17.0.1.0.0', 'license': 'LGPL-3'}\n"


P = "my_mod/controllers/main.py"


def run(tmp_path, src, select, version="18.0", fix=False, path=P):
    files = {"my_mod/__manifest__.py": MAN, path: src} if src is not None else None
    return lint(tmp_path, files, odoo_version=version, select=select, fix=fix)


def test_web_controllers_main(tmp_path):
    src = "from odoo.addons.web.controllers.main import Home, ensure_db as edb  # web\n\nclass H(Home):\n    pass\n"
    r = run(tmp_path, src, ["PY206"])
    assert rows(r, tmp_path) == [(P, "PY206", 1, 1, "`odoo.addons.web.controllers.main` is empty since Odoo 18.0: "
                                  "import `Home` from `home`, `ensure_db` from `utils`")]
    run(tmp_path, None, ["PY206"], fix=True)
    assert (tmp_path / P).read_text() == (
        "from odoo.addons.web.controllers.home import Home\nfrom odoo.addons.web.controllers.utils import ensure_db "
        "as edb  # web\n\nclass H(Home):\n    pass\n")
    assert rows(run(tmp_path, src, ["PY206"], version="17.0"), tmp_path) == []


def test_web_controllers_main_unknown_name_no_fix(tmp_path):
    r = run(tmp_path, "from odoo.addons.web.controllers.main import Unknown\n", ["PY206"])
    assert [d.fix for d in r.diagnostics] == [None]


def test_web_assets_common(tmp_path):
    man = ("{'name': 'X', 'license': 'LGPL-3', 'assets': {\n    'web.assets_common': ['m/static/a.js'],\n"
           "    'web.assets_backend': [('include', 'web.assets_common'), 'm/static/b.js'],\n}}\n")
    r = lint(tmp_path, {"m/__manifest__.py": man}, odoo_version="17.0", select=["MF107"])
    assert [x[1:4] for x in rows(r, tmp_path)] == [("MF107", 2, 5), ("MF107", 3, 28)]
    r = lint(tmp_path, None, odoo_version="16.0", select=["MF107"])
    assert rows(r, tmp_path) == []
