"""Tests of rules/python/to18/view_types.py (PY214 python-view-type-tree)."""
from tests.helpers import lint, rows

MAN = "{'name': 'X', 'version': '17.0.1.0.0', 'license': 'LGPL-3'}\n"
P = "my_mod/models/m.py"

SRC = (
    "from lxml import etree\n"
    "from odoo import api, models\n"
    "\n"
    "\n"
    "class A(models.Model):\n"
    "    _inherit = 'res.partner'\n"
    "\n"
    "    @api.model\n"
    "    def get_view(self, view_id=None, view_type='form', **options):\n"
    "        res = super().get_view(view_id, view_type, **options)\n"
    "        if view_type == 'tree' or view_type in ('tree', 'kanban'):\n"
    "            doc = etree.fromstring(res['arch'])\n"
    "            for node in doc.xpath(\"//field[@name='x'][./tree]\"):\n"
    "                node.xpath('./tree')[0].set('editable', 'bottom')\n"
    "        return res\n"
    "\n"
    "    def f(self):\n"
    "        self._get_view(view_type=\"tree\")\n"
    "        self.get_view(False, 'tree')\n"
    "        return {'arch': \"<tree><field name='name'/></tree>\", 'help': 'a tree view'}\n"
)


def run(tmp_path, src, version="18.0", fix=False):
    return lint(tmp_path, {"my_mod/__manifest__.py": MAN, P: src}, odoo_version=version, select=["PY214"], fix=fix)


def test_py214_findings_exact(tmp_path):
    res = run(tmp_path, SRC)
    t = "the view type `tree` is `list` since Odoo 18.0"
    assert [r[2:] for r in rows(res, tmp_path)] == [
        (11, 26, "`view_type` compared with `\"tree\"`: " + t),
        (11, 50, "`view_type` tested against `\"tree\"`: " + t),
        (13, 57, "XPath step `tree`: list views are `<list>` since Odoo 18.0"),
        (14, 31, "XPath step `tree`: list views are `<list>` since Odoo 18.0"),
        (18, 35, "`view_type=\"tree\"`: " + t),
        (19, 31, "`get_view(..., \"tree\")`: " + t),
        (20, 27, "`<tree>` in a view arch string: the view element is `<list>` since Odoo 18.0"),
        (20, 53, "`<tree>` in a view arch string: the view element is `<list>` since Odoo 18.0"),
    ]


def test_py214_fix_and_idempotence(tmp_path):
    run(tmp_path, SRC, fix=True)
    fixed = (tmp_path / P).read_text()
    assert fixed == (SRC.replace("view_type == 'tree'", "view_type == 'list'").replace("('tree', 'kanban')",
                                                                                          "('list', 'kanban')")
                     .replace("[./tree]", "[./list]").replace("xpath('./tree')", "xpath('./list')")
                     .replace('view_type="tree"', 'view_type="list"').replace("(False, 'tree')", "(False, 'list')")
                     .replace("<tree><field name='name'/></tree>", "<list><field name='name'/></list>"))
    again = lint(tmp_path, odoo_version="18.0", select=["PY214"], fix=True)
    assert not again.fixed and not again.diagnostics


def test_py214_negative(tmp_path):
    assert rows(run(tmp_path, SRC, version="17.0"), tmp_path) == []
    clean = ("from odoo import models\n\n\nclass A(models.Model):\n    _inherit = 'res.partner'\n\n"
             "    def f(self, kind):\n        x = {'tree': 1}\n        if kind == 'tree':\n"
             "            return 'see the <tree> tag', self.search([('name', '=', 'tree')])\n"
             "        return self.xpath_like('//tree'), 'tree'\n")
    assert rows(run(tmp_path, clean), tmp_path) == []
