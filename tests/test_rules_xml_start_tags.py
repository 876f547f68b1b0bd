"""Tests of rules/xml/start_tags.py: fixes that change attributes write the start tag the way the file lays out its
tags (prettier's one attribute per line past the print width, collapsed when it fits; a hand-laid file keeps its
own layout)."""
from __future__ import annotations

from tests.helpers import lint

MANIFEST = "{'name': 'My', 'version': '17.0.1.0.0', 'license': 'LGPL-3', 'depends': ['base'], 'data': []}\n"
P = "my_mod/views/v.xml"

# a file prettier laid out at OCA's width (88), with two lines committed without running it (the long `attrs` and
# `<attribute>` lines), as real files have
PRETTIER = (
    '<odoo>\n'
    '    <record id="view_x_form" model="ir.ui.view">\n'
    '        <field name="arch" type="xml">\n'
    '            <form>\n'
    '                <field name="f0" />\n'
    '                <field name="f1" />\n'
    '                <field name="f2" />\n'
    '                <field name="f3" />\n'
    '                <field name="f4" />\n'
    '                <field name="f5" />\n'
    '                <field name="f6" />\n'
    '                <field name="f7" />\n'
    '                <field name="f8" />\n'
    '                <field name="f9" />\n'
    '                <field name="f10" />\n'
    '                <field name="f11" />\n'
    '                <field\n'
    '                    name="date_signed_on"\n'
    '                    attrs="{\'invisible\': [(\'state\', \'=\', \'draft\')], \'required\': [(\'x\', \'!=\', False)]}"\n'
    '                />\n'
    '                <field\n'
    '                    name="origin"\n'
    '                    attrs="{\'readonly\': [(\'is_editable\', \'=\', False)]}"\n'
    '                />\n'
    '                <field name="partner_invoice_id" attrs="{\'readonly\': [(\'state\', \'not in\', [\'draft\', \'sent\'])]}" />\n'
    '                <div\n'
    '                    attrs="{\'invisible\': [(\'a_rather_long_field_name_for_the_check\', \'=\', True)]}"\n'
    '                >\n'
    '                    <field name="a_rather_long_field_name_for_the_check" />\n'
    '                </div>\n'
    '                <field name="line_ids">\n'
    '                    <tree>\n'
    '                        <field name="some_longer_field_name_here" invisible="1" />\n'
    '                        <field name="short" invisible="1" />\n'
    '                    </tree>\n'
    '                </field>\n'
    '            </form>\n'
    '        </field>\n'
    '    </record>\n'
    '    <record id="view_x_inh" model="ir.ui.view">\n'
    '        <field name="inherit_id" ref="view_x_form" />\n'
    '        <field name="arch" type="xml">\n'
    '            <field name="date" position="attributes">\n'
    '                <attribute name="states">draft,to approve,approved,sent,purchase</attribute>\n'
    '            </field>\n'
    '        </field>\n'
    '    </record>\n'
    '</odoo>\n'
)

PRETTIER_FIXED = (
    '<odoo>\n'
    '    <record id="view_x_form" model="ir.ui.view">\n'
    '        <field name="arch" type="xml">\n'
    '            <form>\n'
    '                <field name="f0" />\n'
    '                <field name="f1" />\n'
    '                <field name="f2" />\n'
    '                <field name="f3" />\n'
    '                <field name="f4" />\n'
    '                <field name="f5" />\n'
    '                <field name="f6" />\n'
    '                <field name="f7" />\n'
    '                <field name="f8" />\n'
    '                <field name="f9" />\n'
    '                <field name="f10" />\n'
    '                <field name="f11" />\n'
    '                <field\n'
    '                    name="date_signed_on"\n'
    '                    invisible="state == \'draft\'"\n'
    '                    required="x"\n'
    '                />\n'
    '                <field name="origin" readonly="not is_editable" />\n'
    '                <field\n'
    '                    name="partner_invoice_id"\n'
    '                    readonly="state not in [\'draft\', \'sent\']"\n'
    '                />\n'
    '                <div invisible="a_rather_long_field_name_for_the_check">\n'
    '                    <field name="a_rather_long_field_name_for_the_check" />\n'
    '                </div>\n'
    '                <field name="line_ids">\n'
    '                    <tree>\n'
    '                        <field\n'
    '                            name="some_longer_field_name_here"\n'
    '                            column_invisible="1"\n'
    '                        />\n'
    '                        <field name="short" column_invisible="1" />\n'
    '                    </tree>\n'
    '                </field>\n'
    '            </form>\n'
    '        </field>\n'
    '    </record>\n'
    '    <record id="view_x_inh" model="ir.ui.view">\n'
    '        <field name="inherit_id" ref="view_x_form" />\n'
    '        <field name="arch" type="xml">\n'
    '            <field name="date" position="attributes">\n'
    '                <attribute\n'
    '                    name="invisible"\n'
    '                >state not in (\'draft\', \'to approve\', \'approved\', \'sent\', \'purchase\')</attribute>\n'
    '            </field>\n'
    '        </field>\n'
    '    </record>\n'
    '</odoo>\n'
)


def _fix_twice(tmp_path, files, select):
    lint(tmp_path, files, odoo_version="17.0", select=select)
    lint(tmp_path, odoo_version="17.0", select=select, fix=True, unsafe=True)
    first = (tmp_path / P).read_text()
    again = lint(tmp_path, odoo_version="17.0", select=select, fix=True, unsafe=True)
    assert (tmp_path / P).read_text() == first, "a second --fix changed the file"
    assert not again.fixed
    return first


def test_prettier_file_relaid_as_prettier_would(tmp_path):
    fixed = _fix_twice(tmp_path, {"my_mod/__manifest__.py": MANIFEST, P: PRETTIER}, ["XML102", "XML118"])
    assert fixed == PRETTIER_FIXED


HAND = (
    '<odoo>\n'
    '  <record id="view_x_form" model="ir.ui.view">\n'
    '    <field name="arch" type="xml">\n'
    '      <form>\n'
    '        <field name="date_signed_on"\n'
    '               attrs="{\'invisible\': [(\'state\', \'=\', \'draft\')], \'required\': [(\'x\', \'!=\', False)]}"/>\n'
    '        <field name="origin" attrs="{\'readonly\': [(\'is_editable\', \'=\', False)], \'required\': [(\'a\', \'=\', 1)]}"/>\n'
    '        <field name="partner_invoice_id" attrs="{\'readonly\': [(\'state\', \'not in\', [\'draft\', \'sent\', \'posted\', \'cancel\', \'x\'])], \'required\': [(\'b\', \'=\', 2)]}"/>\n'
    '      </form>\n'
    '    </field>\n'
    '  </record>\n'
    '</odoo>\n'
)


def test_hand_laid_file_keeps_its_layout(tmp_path):
    fixed = _fix_twice(tmp_path, {"my_mod/__manifest__.py": MANIFEST, P: HAND}, ["XML102"])
    lines = HAND.splitlines(keepends=True)
    # one attribute per line (aligned): each new attribute on its own line at the replaced one's column
    lines[5] = ('               invisible="state == \'draft\'"\n'
                '               required="x"/>\n')
    # side by side when the line stays within the file's longest line
    lines[6] = '        <field name="origin" readonly="not is_editable" required="a == 1"/>\n'
    # the longest line of the file already: shorter now, so side by side too
    lines[7] = ('        <field name="partner_invoice_id" readonly="state not in [\'draft\', \'sent\', \'posted\', \'cancel\', '
                '\'x\']" required="b == 2"/>\n')
    assert fixed == "".join(lines)
