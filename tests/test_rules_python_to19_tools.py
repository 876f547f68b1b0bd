"""Tests of rules/python/to19/tools.py (PY101, PY116)."""
from tests.helpers import lint, rows

MAN = "{'name': 'X', 'version': '18.0.1.0.0', 'license': 'LGPL-3'}\n"


def _lint(tmp_path, files, version="19.0", **kw):
    files = {"my_mod/__manifest__.py": MAN, **files}
    return lint(tmp_path, files, odoo_version=version, select=["PY101"], **kw)


P = "my_mod/models/m.py"


def run(tmp_path, src, select, version="19.0", fix=False):
    files = {"my_mod/__manifest__.py": MAN, P: src} if src is not None else None
    return lint(tmp_path, files, odoo_version=version, select=select, fix=fix)


def test_plain_import_fixed(tmp_path):
    src = "import io\n\nfrom odoo.tools.misc import xlsxwriter  # the workbook\n\nwb = xlsxwriter.Workbook(io.BytesIO())\n"
    r = _lint(tmp_path, {"my_mod/r.py": src})
    assert rows(r, tmp_path) == [("my_mod/r.py", "PY101", 3, 1, "`xlsxwriter` is no longer re-exported by "
                                  "`odoo.tools.misc` in Odoo 19.0: use `import xlsxwriter`")]
    _lint(tmp_path, {}, fix=True)
    fixed = (tmp_path / "my_mod/r.py").read_text()
    assert fixed == src.replace("from odoo.tools.misc import xlsxwriter", "import xlsxwriter")
    assert rows(_lint(tmp_path, {}, fix=True), tmp_path) == []
    assert (tmp_path / "my_mod/r.py").read_text() == fixed


def test_mixed_import_keeps_other_names_and_comments(tmp_path):
    src = ("def f():\n    from odoo.tools.misc import (\n        format_date,  # dates\n        xlsxwriter,\n    )\n"
           "    return xlsxwriter, format_date\n")
    _lint(tmp_path, {"my_mod/r.py": src}, fix=True)
    assert (tmp_path / "my_mod/r.py").read_text() == (
        "def f():\n    from odoo.tools.misc import (\n        format_date,  # dates\n    )\n    import xlsxwriter\n"
        "    return xlsxwriter, format_date\n")


def test_alias_and_existing_import(tmp_path):
    src = "import xlsxwriter\nfrom odoo.tools.misc import xlsxwriter, format_date\nfrom odoo.tools.misc import xlsxwriter as xw\n"
    _lint(tmp_path, {"my_mod/r.py": src}, fix=True)
    assert (tmp_path / "my_mod/r.py").read_text() == (
        "import xlsxwriter\nfrom odoo.tools.misc import format_date\nimport xlsxwriter as xw\n")


def test_attribute_form_reported_without_fix(tmp_path):
    r = _lint(tmp_path, {"my_mod/r.py": "from odoo.tools import misc\nwb = misc.xlsxwriter.Workbook\n"})
    assert rows(r, tmp_path) == [("my_mod/r.py", "PY101", 2, 6, "`misc.xlsxwriter` does not exist in Odoo 19.0: "
                                  "`import xlsxwriter` and use it directly")]
    assert r.diagnostics[0].fix is None


def test_negatives(tmp_path):
    files = {"my_mod/r.py": "import xlsxwriter\nfrom odoo.tools.misc import format_date\n",
             "scripts/x.py": "from odoo.tools.misc import xlsxwriter\n"}   # not in an addon
    assert rows(_lint(tmp_path, files), tmp_path) == []


def test_gated_before_19(tmp_path):
    assert rows(_lint(tmp_path, {"my_mod/r.py": "from odoo.tools.misc import xlsxwriter\n"}, "18.0"), tmp_path) == []


def test_crlf_preserved(tmp_path):
    src = "from odoo.tools.misc import (format_date,\r\n    xlsxwriter)\r\nx = 1\r\n"
    _lint(tmp_path, {"my_mod/r.py": src.encode()}, fix=True)
    assert (tmp_path / "my_mod/r.py").read_bytes() == b"from odoo.tools.misc import (format_date)\r\nimport xlsxwriter\r\nx = 1\r\n"


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
