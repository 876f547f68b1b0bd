"""Tests of rules/xml/list_columns.py (XML118)."""
from __future__ import annotations

from tests.helpers import lint, rows

MANIFEST = "{'name': 'My', 'version': '16.0.1.0.0', 'license': 'LGPL-3', 'depends': ['base'], 'data': []}\n"
P = "my_mod/views/v.xml"

VIEWS = (
    '<odoo>\n'
    '  <record id="view_x_tree" model="ir.ui.view">\n'
    '    <field name="arch" type="xml">\n'
    '      <tree>\n'
    '        <header><button name="a" type="object" invisible="1"/></header>\n'
    '        <field name="company_id" invisible="1"/>\n'
    '        <field name="state" invisible="True" optional="hide"/>\n'
    '        <field name="amount" invisible="context.get(\'hide_amount\')"/>\n'
    '        <field name="partner_id" invisible="not partner_id"/>\n'
    '        <button name="b" type="object" invisible="1"/>\n'
    '      </tree>\n'
    '    </field>\n'
    '  </record>\n'
    '  <record id="view_x_form" model="ir.ui.view">\n'
    '    <field name="arch" type="xml">\n'
    '      <form>\n'
    '        <field name="name" invisible="1"/>\n'
    '        <field name="line_ids"><tree><field name="sequence" invisible="1"/></tree></field>\n'
    '      </form>\n'
    '    </field>\n'
    '  </record>\n'
    '  <record id="view_x_inherit" model="ir.ui.view">\n'
    '    <field name="arch" type="xml">\n'
    '      <xpath expr="//field[@name=\'line_ids\']/tree" position="inside">\n'
    '        <field name="currency_id" invisible="1"/>\n'
    '      </xpath>\n'
    '      <xpath expr="//tree/field[@name=\'state\']" position="after">\n'
    '        <field name="user_id" invisible="1"/>\n'
    '      </xpath>\n'
    '      <xpath expr="//tree/field[@name=\'amount\']" position="attributes">\n'
    '        <attribute name="invisible">1</attribute>\n'
    '      </xpath>\n'
    '      <xpath expr="//form/field[@name=\'name\']" position="attributes">\n'
    '        <attribute name="invisible">1</attribute>\n'
    '      </xpath>\n'
    '    </field>\n'
    '  </record>\n'
    '</odoo>\n'
)

MSG = ("A static `invisible` on a list column hides only its cells since Odoo 17.0 (16.0 hid the column): use "
       "`column_invisible`")


def test_list_column_invisible(tmp_path):
    """Static values under a tree (not in its header) and in xpaths into a list are columns; a per-record
    expression, form fields and the header button are not."""
    r = lint(tmp_path, {"my_mod/__manifest__.py": MANIFEST, P: VIEWS}, odoo_version="17.0", select=["XML118"])
    assert rows(r, tmp_path) == [
        (P, "XML118", 6, 34, MSG), (P, "XML118", 7, 29, MSG), (P, "XML118", 8, 30, MSG),
        (P, "XML118", 10, 40, MSG), (P, "XML118", 18, 61, MSG), (P, "XML118", 25, 35, MSG),
        (P, "XML118", 28, 31, MSG),
        (P, "XML118", 31, 26, MSG.replace("use `column_invisible`", "set `column_invisible`"))]
    lint(tmp_path, None, odoo_version="17.0", select=["XML118"], fix=True)
    out = (tmp_path / P).read_text()
    expected = VIEWS
    for old, new in [('"company_id" invisible=', '"company_id" column_invisible='),
                     ('"state" invisible=', '"state" column_invisible='),
                     ('"amount" invisible=', '"amount" column_invisible='),
                     ('<button name="b" type="object" invisible=', '<button name="b" type="object" column_invisible='),
                     ('"sequence" invisible=', '"sequence" column_invisible='),
                     ('"currency_id" invisible=', '"currency_id" column_invisible='),
                     ('"user_id" invisible=', '"user_id" column_invisible=')]:
        expected = expected.replace(old, new)
    expected = expected.replace(
        "//tree/field[@name='amount']\" position=\"attributes\">\n        <attribute name=\"invisible\">",
        "//tree/field[@name='amount']\" position=\"attributes\">\n        <attribute name=\"column_invisible\">")
    assert out == expected
    again = lint(tmp_path, None, odoo_version="17.0", select=["XML118"], fix=True)
    assert rows(again, tmp_path) == [] and (tmp_path / P).read_text() == out


def test_list_column_invisible_not_before_17(tmp_path):
    assert rows(lint(tmp_path, {"my_mod/__manifest__.py": MANIFEST, P: VIEWS}, odoo_version="16.0",
                     select=["XML118"]), tmp_path) == []


MANIFEST_17 = MANIFEST.replace("16.0.1.0.0", "17.0.1.0.0")
MSG_17 = ("A static `invisible` on a list column hides only its cells (the labelled column stays, empty): use "
          "`column_invisible` if the column should go (no fix: the addon is already 17.0+, where this has always "
          "shown the column)")


def test_list_column_invisible_addon_already_17_no_fix(tmp_path):
    """An addon whose manifest says 17.0 migrated to 18.0: 17.0 and 18.0 read a list column's `invisible` alike
    (cells only), so the same places are reported, as info, and `--fix` leaves the file as it is."""
    r = lint(tmp_path, {"my_mod/__manifest__.py": MANIFEST_17, P: VIEWS}, odoo_version="18.0", select=["XML118"])
    assert rows(r, tmp_path) == [
        (P, "XML118", 6, 34, MSG_17), (P, "XML118", 7, 29, MSG_17), (P, "XML118", 8, 30, MSG_17),
        (P, "XML118", 10, 40, MSG_17), (P, "XML118", 18, 61, MSG_17), (P, "XML118", 25, 35, MSG_17),
        (P, "XML118", 28, 31, MSG_17),
        (P, "XML118", 31, 26, MSG_17.replace("use `column_invisible`", "set `column_invisible`"))]
    assert {d.severity.value for d in r.diagnostics} == {"info"}
    assert all(d.fix is None for d in r.diagnostics)
    lint(tmp_path, None, odoo_version="18.0", select=["XML118"], fix=True, unsafe=True)
    assert (tmp_path / P).read_text() == VIEWS


def test_list_column_invisible_16_addon_to_18_still_fixed(tmp_path):
    """A 16.0 addon taken straight to 18.0 crosses 17.0: the fix applies as for 17.0."""
    lint(tmp_path, {"my_mod/__manifest__.py": MANIFEST, P: VIEWS}, odoo_version="18.0", select=["XML118"], fix=True)
    assert '<field name="company_id" column_invisible="1"/>' in (tmp_path / P).read_text()


def test_list_column_invisible_17_manifest_but_16_syntax_still_fixed(tmp_path):
    """A manifest bumped to 17.0 before the views were migrated: the file's `attrs` says it is still 16.0 code."""
    views = VIEWS.replace('<field name="name" invisible="1"/>',
                          '<field name="name" attrs="{\'readonly\': [(\'state\', \'=\', \'done\')]}"/>')
    r = lint(tmp_path, {"my_mod/__manifest__.py": MANIFEST_17, P: views}, odoo_version="18.0", select=["XML118"])
    assert [d.message for d in r.diagnostics][:1] == [MSG] and all(d.fix is not None for d in r.diagnostics)
    lint(tmp_path, None, odoo_version="18.0", select=["XML118"], fix=True)
    assert '<field name="company_id" column_invisible="1"/>' in (tmp_path / P).read_text()
