"""XML family: view and data migrations (XML1xx)."""
from __future__ import annotations

from pathlib import Path

from tests.helpers import lint, rows

MANIFEST = "{'name': 'My', 'version': '17.0.1.0.0', 'license': 'LGPL-3', 'depends': ['base'], 'data': []}\n"


def _files(xml: "str | bytes", name: str = "views/v.xml") -> dict:
    return {"my_mod/__manifest__.py": MANIFEST, f"my_mod/{name}": xml}


def _fix_twice(tmp_path, select, version="18.0", unsafe=False, name="views/v.xml"):
    lint(tmp_path, odoo_version=version, select=select, fix=True, unsafe=unsafe)
    first = (tmp_path / "my_mod" / name).read_bytes()
    again = lint(tmp_path, odoo_version=version, select=select, fix=True, unsafe=unsafe)
    assert (tmp_path / "my_mod" / name).read_bytes() == first, "a second --fix changed the file"
    assert not again.fixed
    return first


# ---- XML101 view-tree-to-list ---------------------------------------------------------------------

TREE_CRLF = (
    '<?xml version="1.0" encoding="utf-8"?>\r\n'
    '<odoo>\r\n'
    '  <!-- a tree view: the word stays in this comment -->\r\n'
    '  <record id="view_x_list" model="ir.ui.view">\r\n'
    '    <field name="arch" type="xml">\r\n'
    '      <tree string=\'Tree &amp; co\' >\r\n'
    '        <field name="line_ids" mode="tree,kanban" context="{\'tree_view_ref\': \'my_mod.v\'}">\r\n'
    '          <tree editable="bottom"><field name="a"/></tree>\r\n'
    '        </field>\r\n'
    '      </tree >\r\n'
    '    </field>\r\n'
    '  </record>\r\n'
    '  <record id="view_x_inh" model="ir.ui.view">\r\n'
    '    <field name="inherit_id" ref="view_x_list"/>\r\n'
    '    <field name="arch" type="xml">\r\n'
    '      <xpath expr="//field[@name=\'line_ids\']/tree/field" position="after"/>\r\n'
    '      <tree position="attributes"><attribute name="string">A tree</attribute></tree>\r\n'
    '    </field>\r\n'
    '  </record>\r\n'
    '  <record id="act_x" model="ir.actions.act_window">\r\n'
    '    <field name="name">Trees</field>\r\n'
    '    <field name="view_mode">tree,form</field>\r\n'
    '    <field name="views" eval="[(False, \'tree\'), (False, \'form\')]"/>\r\n'
    '    <field name="context">{\'tree_view_ref\': \'my_mod.view_x_list\'}</field>\r\n'
    '  </record>\r\n'
    '</odoo>\r\n'
)


def test_xml101_findings_exact(tmp_path):
    res = lint(tmp_path, _files(TREE_CRLF), odoo_version="18.0", select=["XML101"])
    assert rows(res, tmp_path) == [
        ("my_mod/views/v.xml", "XML101", 6, 8, "`<tree>` view element: the view type is `list` since Odoo 18.0"),
        ("my_mod/views/v.xml", "XML101", 7, 38, "`mode` names the `tree` view type: it is `list` since Odoo 18.0"),
        ("my_mod/views/v.xml", "XML101", 7, 62,
         "`tree_view_ref` is ignored since Odoo 18.0: the key is `list_view_ref`"),
        ("my_mod/views/v.xml", "XML101", 8, 12, "`<tree>` view element: the view type is `list` since Odoo 18.0"),
        ("my_mod/views/v.xml", "XML101", 16, 46, "XPath step `tree`: list views are `<list>` since Odoo 18.0"),
        ("my_mod/views/v.xml", "XML101", 17, 8, "`<tree>` view element: the view type is `list` since Odoo 18.0"),
        ("my_mod/views/v.xml", "XML101", 22, 29,
         "`view_mode` names the `tree` view type: it is `list` since Odoo 18.0"),
        ("my_mod/views/v.xml", "XML101", 23, 41, "`views` names the `tree` view type: it is `list` since Odoo 18.0"),
        ("my_mod/views/v.xml", "XML101", 24, 29,
         "`tree_view_ref` is ignored since Odoo 18.0: the key is `list_view_ref`"),
    ]
    assert all(d.severity.value == "error" for d in res.diagnostics)


def test_xml101_fix_only_touches_names_crlf(tmp_path):
    lint(tmp_path, _files(TREE_CRLF.encode("utf-8")), odoo_version="18.0", select=["XML101"])
    fixed = _fix_twice(tmp_path, ["XML101"])
    expected = (TREE_CRLF
                .replace("<tree string", "<list string").replace("</tree >", "</list >")
                .replace('mode="tree,kanban"', 'mode="list,kanban"')
                .replace("'tree_view_ref'", "'list_view_ref'")
                .replace('<tree editable="bottom"><field name="a"/></tree>',
                         '<list editable="bottom"><field name="a"/></list>')
                .replace("]/tree/field", "]/list/field")
                .replace('<tree position="attributes"><attribute name="string">A tree</attribute></tree>',
                         '<list position="attributes"><attribute name="string">A tree</attribute></list>')
                .replace("tree,form", "list,form").replace("(False, 'tree')", "(False, 'list')"))
    assert fixed == expected.encode("utf-8")
    # prose, comments, entities, quoting and CRLF endings untouched
    assert b"<!-- a tree view: the word stays in this comment -->\r\n" in fixed
    assert b"'Tree &amp; co'" in fixed and b">A tree<" in fixed and b">Trees<" in fixed
    assert fixed.count(b"\r\n") == TREE_CRLF.count("\r\n") and b"\n" not in fixed.replace(b"\r\n", b"")


def test_xml101_not_before_18_and_not_in_prose(tmp_path):
    res = lint(tmp_path, _files(TREE_CRLF), odoo_version="17.0", select=["XML101"])
    assert rows(res, tmp_path) == []
    clean = ('<odoo>\n  <template id="t"><div class="tree">a tree view</div><tree/></template>\n'
             '  <record id="v" model="ir.ui.view"><field name="arch" type="xml">'
             '<list string="tree"><field name="treeish" mode="list"/></list></field></record>\n'
             '  <record id="a" model="ir.actions.act_window"><field name="view_mode">list,form</field>'
             '<field name="help">A tree, form</field></record>\n</odoo>\n')
    res = lint(tmp_path, _files(clean, "views/w.xml"), odoo_version="19.0", select=["XML101"])
    assert [r for r in rows(res, tmp_path) if r[0].endswith("w.xml")] == []


# ---- XML102 view-attrs-states ---------------------------------------------------------------------

ATTRS = (
    '<odoo>\n'
    '  <record id="view_x_form" model="ir.ui.view">\n'
    '    <field name="arch" type="xml">\n'
    '      <form>\n'
    '        <header>\n'
    '          <button name="action_done" type="object" states="draft,sent" class="oe_highlight"/>\n'
    '          <button name="action_x" type="object" states="draft" attrs="{\'invisible\': [(\'a\', \'=\', False)]}"/>\n'
    '        </header>\n'
    '        <field name="date" attrs="{\'invisible\': [(\'state\', \'=\', \'draft\')], \'required\': [(\'x\', \'!=\', False)]}"/>\n'
    '        <field name="b" attrs="{\'invisible\': [\'|\', (\'a\', \'&lt;\', 3), (\'c\', \'in\', [\'u\', \'v\'])]}"/>\n'
    '        <field name="c" attrs="{\'readonly\': [(\'name\', \'ilike\', \'x\')]}"/>\n'
    '        <field name="d" invisible="1" attrs="{\'invisible\': [(\'a\', \'=\', 1)]}"/>\n'
    '      </form>\n'
    '    </field>\n'
    '  </record>\n'
    '  <record id="view_x_inh" model="ir.ui.view">\n'
    '    <field name="inherit_id" ref="view_x_form"/>\n'
    '    <field name="arch" type="xml">\n'
    '      <field name="date" position="attributes">\n'
    '        <attribute name="attrs">{\'invisible\': [(\'a\', \'=\', 1)], \'readonly\': [(\'b\', \'!=\', 2)]}</attribute>\n'
    '      </field>\n'
    '    </field>\n'
    '  </record>\n'
    '</odoo>\n'
)


def test_xml102_findings_exact(tmp_path):
    res = lint(tmp_path, _files(ATTRS), odoo_version="17.0", select=["XML102"])
    assert rows(res, tmp_path) == [
        ("my_mod/views/v.xml", "XML102", 6, 52, "`states` no longer supported since Odoo 17.0; "
                                                 "use invisible=\"state not in ('draft', 'sent')\""),
        ("my_mod/views/v.xml", "XML102", 7, 64, "`attrs` and `states` no longer supported since Odoo 17.0; "
                                                 "use invisible=\"not a and state != 'draft'\""),
        ("my_mod/views/v.xml", "XML102", 9, 28, "`attrs` no longer supported since Odoo 17.0; "
                                                 "use invisible=\"state == 'draft'\", required=\"x\""),
        ("my_mod/views/v.xml", "XML102", 10, 25, "`attrs` no longer supported since Odoo 17.0; "
                                                  "use invisible=\"a < 3 or c in ['u', 'v']\""),
        ("my_mod/views/v.xml", "XML102", 11, 25, "`attrs` no longer supported since Odoo 17.0; no exact "
                                                  "conversion: the operator `'ilike'` has no Python equivalent"),
        ("my_mod/views/v.xml", "XML102", 12, 39, "`attrs` no longer supported since Odoo 17.0; no exact "
                                                  "conversion: the element also sets `invisible`: merge by hand"),
        ("my_mod/views/v.xml", "XML102", 20, 9, "`<attribute name=\"attrs\">` sets an attribute that Odoo 17.0 "
                                                 "rejects; use invisible=\"a == 1\", readonly=\"b != 2\" (check what "
                                                 "the parent view's `attrs` set besides these keys)"),
    ]


def test_xml102_unsafe_fix_exact_and_idempotent(tmp_path):
    lint(tmp_path, _files(ATTRS), odoo_version="17.0", select=["XML102"])
    safe_only = lint(tmp_path, odoo_version="17.0", select=["XML102"], fix=True)
    assert not safe_only.fixed and (tmp_path / "my_mod/views/v.xml").read_text() == ATTRS
    fixed = _fix_twice(tmp_path, ["XML102"], version="17.0", unsafe=True).decode()
    lines = ATTRS.splitlines(keepends=True)
    lines[5] = ('          <button name="action_done" type="object" '
                'invisible="state not in (\'draft\', \'sent\')" class="oe_highlight"/>\n')
    lines[6] = ('          <button name="action_x" type="object" '
                'invisible="not a and state != \'draft\'"/>\n')
    lines[8] = '        <field name="date" invisible="state == \'draft\'" required="x"/>\n'
    lines[9] = '        <field name="b" invisible="a &lt; 3 or c in [\'u\', \'v\']"/>\n'
    lines[19] = ('        <attribute name="invisible">a == 1</attribute>\n'
                 '        <attribute name="readonly">b != 2</attribute>\n')
    assert fixed == "".join(lines)
    after = lint(tmp_path, odoo_version="17.0", select=["XML102"])
    assert [r[2] for r in rows(after, tmp_path)] == [11, 12]


def test_xml102_not_before_17_and_clean_view(tmp_path):
    res = lint(tmp_path, _files(ATTRS), odoo_version="16.0", select=["XML102"])
    assert rows(res, tmp_path) == []
    clean = ('<odoo><record id="v" model="ir.ui.view"><field name="arch" type="xml">'
             '<form><field name="a" invisible="state == \'draft\'"/><div attrs-like="1"/></form>'
             '</field></record><template id="t"><div states="x"/></template></odoo>\n')
    res = lint(tmp_path, _files(clean, "views/w.xml"), odoo_version="17.0", select=["XML102"])
    assert [r for r in rows(res, tmp_path) if r[0].endswith("w.xml")] == []
