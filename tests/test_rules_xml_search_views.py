"""XML161 search-group-expand-string: search view groups lose `expand`/`string` in 19.0."""
from __future__ import annotations

from tests.helpers import lint, rows

MANIFEST = "{'name': 'My', 'version': '18.0.1.0.0', 'license': 'LGPL-3', 'depends': ['base'], 'data': []}\n"

SEARCH = (
    '<odoo>\n'
    '  <record id="view_x_search" model="ir.ui.view">\n'
    '    <field name="arch" type="xml">\n'
    '      <search>\n'
    '        <field name="name" />\n'
    '        <group expand="0" string="Group By">\n'
    '          <filter name="by_state" context="{\'group_by\': \'state\'}" />\n'
    '        </group>\n'
    '        <group\n'
    '          name="groupby"\n'
    '          string="Group By..."\n'
    '        >\n'
    '          <filter name="by_user" context="{\'group_by\': \'user_id\'}" />\n'
    '        </group>\n'
    '        <group\n'
    '          expand="0"\n'
    '          string="Group By"\n'
    '        >\n'
    '          <filter name="by_date" context="{\'group_by\': \'date\'}" />\n'
    '        </group>\n'
    '      </search>\n'
    '    </field>\n'
    '  </record>\n'
    '</odoo>\n'
)

FIXED = (SEARCH.replace('<group expand="0" string="Group By">', '<group>')
         .replace('          name="groupby"\n          string="Group By..."\n        >',
                  '          name="groupby"\n        >')
         .replace('<group\n          expand="0"\n          string="Group By"\n        >', '<group>'))


def _files(xml):
    return {"my_mod/__manifest__.py": MANIFEST, "my_mod/views/v.xml": xml}


def test_xml161_findings_exact(tmp_path):
    res = lint(tmp_path, _files(SEARCH), odoo_version="19.0", select=["XML161"])
    msg = "on a search view `<group>` is rejected by Odoo 19.0's search view schema: the view fails validation"
    assert rows(res, tmp_path) == [
        ("my_mod/views/v.xml", "XML161", 6, 16, "`expand`/`string` " + msg),
        ("my_mod/views/v.xml", "XML161", 11, 11, "`string` " + msg),
        ("my_mod/views/v.xml", "XML161", 16, 11, "`expand`/`string` " + msg),
    ]
    assert all(d.severity.value == "error" for d in res.diagnostics)


def test_xml161_fix_and_idempotence(tmp_path):
    lint(tmp_path, _files(SEARCH), odoo_version="19.0", select=["XML161"])
    first = lint(tmp_path, odoo_version="19.0", select=["XML161"], fix=True)
    assert first.fixed
    fixed = (tmp_path / "my_mod" / "views" / "v.xml").read_text()
    assert fixed == FIXED
    again = lint(tmp_path, odoo_version="19.0", select=["XML161"], fix=True)
    assert not again.fixed and not again.diagnostics
    assert (tmp_path / "my_mod" / "views" / "v.xml").read_text() == FIXED


def test_xml161_negative_before_19_forms_and_inheritance_specs(tmp_path):
    res = lint(tmp_path, _files(SEARCH), odoo_version="18.0", select=["XML161"])
    assert rows(res, tmp_path) == []
    other = (
        '<odoo>\n'
        '  <record id="view_x_form" model="ir.ui.view">\n'
        '    <field name="arch" type="xml">\n'
        '      <form><group string="Main" expand="1"><field name="name" /></group></form>\n'
        '    </field>\n'
        '  </record>\n'
        '  <record id="view_x_search2" model="ir.ui.view">\n'
        '    <field name="arch" type="xml">\n'
        '      <search><group name="g"><filter name="f" domain="[]" /></group>'
        '<group position="attributes"><attribute name="string">X</attribute></group></search>\n'
        '    </field>\n'
        '  </record>\n'
        '  <template id="t"><search><group string="not a view" /></search></template>\n'
        '</odoo>\n'
    )
    res = lint(tmp_path, _files(other), odoo_version="19.0", select=["XML161"])
    assert rows(res, tmp_path) == []
