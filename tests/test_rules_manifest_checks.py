"""MF102-MF106 manifest rules."""
from tests.helpers import lint, rows

MAN = '''{
    "name": "X",
    "version": "19.0.1.0.0",
    "license": "LGPL-3",
    "depends": ["base", "mail", "hr_contract", "other_mod", "ghost"],
    "data": ["views/a.xml", "views/missing.xml", "security/ir.model.access.csv"],
    "assets": {"web.assets_backend": ["my_mod/static/src/**/*.js", "my_mod/static/src/nope.js",
                                      "my_mod/static/src/x.scss"]},
    "external_dependencies": {"python": ["xlrd", "yaml", "openpyxl"]},
}
'''
OTHER = "{'name': 'O', 'version': '19.0.1.0.0', 'license': 'LGPL-3'}\n"


def test_depends_files_and_external(tmp_path):
    files = {"my_mod/__manifest__.py": MAN, "my_mod/views/a.xml": "<odoo/>\n",
             "my_mod/security/ir.model.access.csv": "id,name\n", "my_mod/static/src/js/a.js": "1;\n",
             "other_mod/__manifest__.py": OTHER, "requirements.txt": "xlrd==2.0.1\nPyYAML>=6  # yaml\n"}
    r = lint(tmp_path, files, odoo_version="19.0", select=["MF104", "MF105", "MF106"])
    M = "my_mod/__manifest__.py"
    assert rows(r, tmp_path) == [
        (M, "MF104", 5, 33, "dependency 'hr_contract' was a core addon of Odoo 18.0 and no longer exists in 19.0: "
         "depend on the addon that replaced it"),
        (M, "MF104", 5, 61, "dependency 'ghost' is not in the scanned addons, the configured addons paths, or "
         "Odoo 19.0's core addons"),
        (M, "MF105", 6, 13, "`data` lists 'views/missing.xml', which does not exist in addon 'my_mod'"),
        (M, "MF105", 7, 15, "asset 'my_mod/static/src/nope.js' of bundle 'web.assets_backend' matches no file"),
        (M, "MF106", 9, 30, "python dependency 'openpyxl' is installed by no requirements file or Dockerfile "
         "`pip install` of this tree"),
    ]
    # 18.0 still ships hr_contract
    r18 = lint(tmp_path, None, odoo_version="18.0", select=["MF104"])
    assert [x[4].split("'")[1] for x in rows(r18, tmp_path)] == ["ghost"]


def test_depends_in_addons_paths(tmp_path):
    (tmp_path / "extra" / "ghost").mkdir(parents=True)
    (tmp_path / "extra" / "ghost" / "__manifest__.py").write_text("{}")
    from odoolint.config import Settings
    from odoolint.runner import RunOptions, run
    from tests.helpers import write_tree
    write_tree(tmp_path / "src", {"my_mod/__manifest__.py": "{'name': 'X', 'depends': ['ghost', 'sale']}\n"})
    s = Settings(select=["MF104"], odoo_version="19.0", addons_paths=[str(tmp_path / "extra")])
    r = run(RunOptions([tmp_path / "src"], s, no_cache=True, jobs=1))
    assert [d.code for d in r.diagnostics] == []


def test_file_missing_skipped_when_addon_not_scanned(tmp_path):
    r = lint(tmp_path, {"my_mod/__manifest__.py": MAN}, odoo_version="19.0", select=["MF105", "MF106"])
    assert rows(r, tmp_path) == []


def test_dockerfile_pip_counts(tmp_path):
    files = {"my_mod/__manifest__.py": "{'name': 'X', 'external_dependencies': {'python': ['python-ldap', 'xlrd']}}\n",
             "Dockerfile": "FROM odoo:19.0\nUSER root\nRUN pip3 install --no-cache-dir python_ldap && echo ok\n"}
    r = lint(tmp_path, files, odoo_version="19.0", select=["MF106"])
    assert [x[4] for x in rows(r, tmp_path)] == ["python dependency 'xlrd' is installed by no requirements file "
                                                 "or Dockerfile `pip install` of this tree"]


def test_openerp_file(tmp_path):
    r = lint(tmp_path, {"old/__openerp__.py": "{'name': 'X', 'license': 'LGPL-3'}\n", "old/__init__.py": ""},
             odoo_version="19.0", select=["MF102"])
    assert rows(r, tmp_path) == [("old/__openerp__.py", "MF102", 1, 1, "`__openerp__.py` is not read by Odoo "
                                  "19.0: the addon disappears; rename it to `__manifest__.py`")]
    r = lint(tmp_path, None, odoo_version="17.0", select=["MF102"])
    assert [d.severity.value for d in r.diagnostics] == ["warning"]
    r = lint(tmp_path, {"new/__manifest__.py": "{'name': 'X'}\n"}, odoo_version="19.0", select=["MF102"])
    assert [d.path.endswith("__openerp__.py") for d in r.diagnostics] == [True]


def test_license_missing_fix(tmp_path):
    text = "# c\n{\n    'name': 'X',\n    'depends': ['base'],  # deps\n}\n"
    r = lint(tmp_path, {"m/__manifest__.py": text}, odoo_version="19.0", select=["MF103"])
    assert rows(r, tmp_path) == [("m/__manifest__.py", "MF103", 2, 1, "manifest has no `license`: Odoo assumes "
                                  "LGPL-3 and logs a warning; declare it")]
    assert r.diagnostics[0].severity.value == "warning"
    lint(tmp_path, None, odoo_version="19.0", select=["MF103"], fix=True)
    out = (tmp_path / "m/__manifest__.py").read_text()
    assert out == "# c\n{\n    'name': 'X',\n    'depends': ['base'],  # deps\n    'license': 'LGPL-3',\n}\n"
    again = lint(tmp_path, None, odoo_version="19.0", select=["MF103"], fix=True)
    assert rows(again, tmp_path) == [] and (tmp_path / "m/__manifest__.py").read_text() == out


def test_license_invalid(tmp_path):
    r = lint(tmp_path, {"m/__manifest__.py": "{'name': 'X', 'license': 'AGPL-3.0'}\n"}, odoo_version="19.0",
             select=["MF103"], fix=True)
    assert (tmp_path / "m/__manifest__.py").read_text() == "{'name': 'X', 'license': 'AGPL-3'}\n"
    r = lint(tmp_path, {"m/__manifest__.py": "{'name': 'X', 'license': 'MIT'}\n"}, odoo_version="19.0",
             select=["MF103"])
    assert rows(r, tmp_path)[0][2:4] == (1, 26) and r.diagnostics[0].fix is None
    assert rows(r, tmp_path)[0][4].startswith("license 'MIT' is not one Odoo accepts (GPL-2, ")


def test_pylint_disable_alias_suppresses(tmp_path):
    """`license-allowed` is pylint-odoo's policy check (MF205); Odoo's own refusal (MF103) is not silenced by it."""
    r = lint(tmp_path, {"m/__manifest__.py": "{'name': 'X', 'license': 'MIT'}  # pylint: disable=license-allowed\n"},
             odoo_version="19.0", select=["MF103", "MF205"])
    assert [x[1] for x in rows(r, tmp_path)] == ["MF103"]


def test_key_invalid(tmp_path):
    text = ("{\n    'name': 'X',\n    'license': 'LGPL-3',\n    'depends': 'base',\n    'datas': ['a.xml'],\n"
            "    'installable': 'yes',\n    'maintainers': ['me'],\n    'my_custom_key': 1,\n}\n")
    r = lint(tmp_path, {"m/__manifest__.py": text}, odoo_version="19.0", select=["MF108"])
    assert rows(r, tmp_path) == [
        ("m/__manifest__.py", "MF108", 4, 16, "`depends` must be a list, not str"),
        ("m/__manifest__.py", "MF108", 5, 5, "unknown manifest key `datas` (ignored by Odoo): did you mean `data`?"),
        ("m/__manifest__.py", "MF108", 6, 20, "`installable` must be True/False, not str")]
    lint(tmp_path, None, odoo_version="19.0", select=["MF108"], fix=True)
    assert (tmp_path / "m/__manifest__.py").read_text() == text
    lint(tmp_path, None, odoo_version="19.0", select=["MF108"], fix=True, unsafe=True)
    assert (tmp_path / "m/__manifest__.py").read_text() == text.replace("'datas'", "'data'")


def test_an_addon_requirements_file_counts_for_that_addon_only(tmp_path):
    """`component/requirements.txt` (generated from its own manifest) says nothing of the other addons: they are
    not reported for want of a tree-wide file, and the addon itself is checked against its file."""
    files = {"component/__manifest__.py": "{'name': 'C', 'external_dependencies': {'python': ['cachetools', 'xlrd']}}\n",
             "component/requirements.txt": "# generated from manifests external_dependencies\ncachetools\n",
             "report_xlsx/__manifest__.py": "{'name': 'R', 'external_dependencies': {'python': ['xlsxwriter']}}\n"}
    r = lint(tmp_path, files, odoo_version="19.0", select=["MF106"])
    assert [(x[0], x[4]) for x in rows(r, tmp_path)] == [
        ("component/__manifest__.py", "python dependency 'xlrd' is installed by no requirements file or Dockerfile "
         "`pip install` of this tree")]
    (tmp_path / "requirements.txt").write_text("cachetools\n")       # a tree-wide file: every addon is checked
    r = lint(tmp_path, None, odoo_version="19.0", select=["MF106"])
    assert [(x[0], x[4][:30]) for x in rows(r, tmp_path)] == [
        ("component/__manifest__.py", "python dependency 'xlrd' is in"),
        ("report_xlsx/__manifest__.py", "python dependency 'xlsxwriter'")]


def test_core_addons_read_from_the_data_files_are_manifestoo_cores_answer():
    """rules/core_addons.py reads manifestoo-core's lists without importlib.resources: the same sets."""
    from manifestoo_core.core_addons import get_core_addons
    from manifestoo_core.odoo_series import OdooSeries
    from odoolint.rules.core_addons import core_addons
    for series in ("8.0", "12.0", "14.0", "16.0", "17.0", "18.0", "19.0"):
        assert core_addons(series) == frozenset(get_core_addons(OdooSeries(series))), series
    assert "account" in core_addons("19.0") and "hr_contract" not in core_addons("19.0")
    assert core_addons("99.0") == frozenset()
