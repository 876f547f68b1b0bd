"""XML family: view and data migrations (XML1xx)."""
from __future__ import annotations

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


TREE_MORE = (
    '<odoo>\n'
    '  <record id="act_x" model="ir.actions.act_window">\n'
    '    <field name="view_ids" eval="[(5, 0, 0), (0, 0, {\'view_mode\': \'tree\', \'view_id\': ref(\'v\')}),\n'
    '        (0, 0, {\'view_mode\': \'form\'})]"/>\n'
    '  </record>\n'
    '  <template id="reviews">\n'
    '    <field name="review_ids" widget="w">\n'
    '      <tree>\n'
    '        <field name="name" />\n'
    '      </tree>\n'
    '    </field>\n'
    '  </template>\n'
    '</odoo>\n'
)


def test_xml101_view_ids_and_template_subviews(tmp_path):
    res = lint(tmp_path, _files(TREE_MORE), odoo_version="18.0", select=["XML101"])
    assert rows(res, tmp_path) == [
        ("my_mod/views/v.xml", "XML101", 3, 68,
         "`view_ids` creates a view of the `tree` type: it is `list` since Odoo 18.0"),
        ("my_mod/views/v.xml", "XML101", 8, 8, "`<tree>` view element: the view type is `list` since Odoo 18.0"),
    ]
    fixed = _fix_twice(tmp_path, ["XML101"])
    assert fixed == (TREE_MORE.replace("'view_mode': 'tree'", "'view_mode': 'list'")
                     .replace("<tree>", "<list>").replace("</tree>", "</list>")).encode("utf-8")


def test_xml101_template_tree_outside_field_and_other_keys_untouched(tmp_path):
    clean = ('<odoo>\n  <template id="t"><div><tree/></div><t t-name="tree"/></template>\n'
             '  <record id="a" model="ir.actions.act_window">'
             '<field name="view_ids" eval="[(0, 0, {\'view_mode\': \'list\', \'name\': \'tree\'})]"/>'
             '</record>\n</odoo>\n')
    res = lint(tmp_path, _files(clean, "views/w.xml"), odoo_version="18.0", select=["XML101"])
    assert [r for r in rows(res, tmp_path) if r[0].endswith("w.xml")] == []
    res = lint(tmp_path, _files(TREE_MORE), odoo_version="17.0", select=["XML101"])
    assert rows(res, tmp_path) == []


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
        ("my_mod/views/v.xml", "XML102", 12, 39, "`attrs` no longer supported since Odoo 17.0; "
                                                  "use invisible=\"1\""),
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
    lines[11] = '        <field name="d" invisible="1"/>\n'         # 16.0: a true `invisible` won over `attrs`
    lines[19] = ('        <attribute name="invisible">a == 1</attribute>\n'
                 '        <attribute name="readonly">b != 2</attribute>\n')
    assert fixed == "".join(lines)
    after = lint(tmp_path, odoo_version="17.0", select=["XML102"])
    assert [r[2] for r in rows(after, tmp_path)] == [11]


STATIC = (
    '<odoo>\n'
    '  <record id="view_m_form" model="ir.ui.view">\n'
    '    <field name="arch" type="xml">\n'
    '      <form>\n'
    '        <header>\n'
    '          <button name="validate" type="object" states="draft" invisible="context.get(\'short\')"/>\n'
    '          <button name="cancel" type="object" states="draft,valid" invisible="0"/>\n'
    '          <button name="other" type="object" invisible="context.get(\'a\') if x else 1" '
    'attrs="{\'invisible\': [(\'b\', \'=\', 1)]}"/>\n'
    '        </header>\n'
    '        <field name="line_ids">\n'
    '          <tree><field name="q" states="done" invisible="1"/></tree>\n'
    '        </field>\n'
    '      </form>\n'
    '    </field>\n'
    '  </record>\n'
    '</odoo>\n'
)


def test_xml102_states_with_a_static_invisible_merge_as_16_evaluated_them(tmp_path):
    """16.0 evaluated a plain `invisible` with the context when it loaded the view: true won over `states`/`attrs`,
    false left them, i.e. `<attribute> or <domain>`; in a list the attribute was the column's: merge by hand."""
    res = lint(tmp_path, _files(STATIC), odoo_version="17.0", select=["XML102"])
    assert [(r[2], r[4]) for r in rows(res, tmp_path)] == [
        (6, "`states` no longer supported since Odoo 17.0; use invisible=\"context.get('short') or state != "
            "'draft'\""),
        (7, "`states` no longer supported since Odoo 17.0; use invisible=\"state not in ('draft', 'valid')\""),
        (8, "`attrs` no longer supported since Odoo 17.0; use invisible=\"(context.get('a') if x else 1) or b == "
            "1\""),
        (11, "`states` no longer supported since Odoo 17.0; no exact conversion: the element also sets "
             "`invisible` inside a list or an inheritance spec (16.0 read a list's `invisible` as the column's): "
             "merge by hand"),
    ]
    fixed = _fix_twice(tmp_path, ["XML102"], version="17.0", unsafe=True).decode()
    assert fixed == STATIC.replace(
        'states="draft" invisible="context.get(\'short\')"',
        'invisible="context.get(\'short\') or state != \'draft\'"').replace(
        'states="draft,valid" invisible="0"', 'invisible="state not in (\'draft\', \'valid\')"').replace(
        'invisible="context.get(\'a\') if x else 1" attrs="{\'invisible\': [(\'b\', \'=\', 1)]}"',
        'invisible="(context.get(\'a\') if x else 1) or b == 1"')


def test_xml102_not_before_17_and_clean_view(tmp_path):
    res = lint(tmp_path, _files(ATTRS), odoo_version="16.0", select=["XML102"])
    assert rows(res, tmp_path) == []
    clean = ('<odoo><record id="v" model="ir.ui.view"><field name="arch" type="xml">'
             '<form><field name="a" invisible="state == \'draft\'"/><div attrs-like="1"/></form>'
             '</field></record><template id="t"><div states="x"/></template></odoo>\n')
    res = lint(tmp_path, _files(clean, "views/w.xml"), odoo_version="17.0", select=["XML102"])
    assert [r for r in rows(res, tmp_path) if r[0].endswith("w.xml")] == []


# ---- XML103 kanban-box-to-card --------------------------------------------------------------------

KANBAN = (
    '<odoo>\n'
    '  <record id="view_x_kanban" model="ir.ui.view">\n'
    '    <field name="arch" type="xml">\n'
    '      <kanban>\n'
    '        <templates>\n'
    '          <t t-name="kanban-menu"><a type="edit">Edit</a></t>\n'
    '          <t t-name="kanban-box">\n'
    '            <div class="oe_kanban_global_click o_x">\n'
    '              <field name="name"/>\n'
    '            </div>\n'
    '          </t>\n'
    '        </templates>\n'
    '      </kanban>\n'
    '    </field>\n'
    '  </record>\n'
    '  <record id="view_x_inh" model="ir.ui.view">\n'
    '    <field name="arch" type="xml">\n'
    '      <xpath expr="//t[@t-name=\'kanban-box\']//field[@name=\'name\']" position="after"/>\n'
    '    </field>\n'
    '  </record>\n'
    '</odoo>\n'
)


def test_xml103_kanban_findings_warning_in_18_error_in_19(tmp_path):
    res = lint(tmp_path, _files(KANBAN), odoo_version="18.0", select=["XML103"])
    assert rows(res, tmp_path) == [
        ("my_mod/views/v.xml", "XML103", 6, 22, "`t-name=\"kanban-menu\"` deprecated since Odoo 18.0 (use `menu`)"),
        ("my_mod/views/v.xml", "XML103", 7, 22, "`t-name=\"kanban-box\"` deprecated since Odoo 18.0 (use `card`)"),
        ("my_mod/views/v.xml", "XML103", 18, 33, "XPath selects the `kanban-box` template: deprecated since Odoo "
                                                  "18.0 (use `card`); check the inner path against the new card "
                                                  "structure"),
    ]
    assert {d.severity.value for d in res.diagnostics} == {"warning"}
    res = lint(tmp_path, odoo_version="19.0", select=["XML103"])
    assert rows(res, tmp_path)[1][4] == "`t-name=\"kanban-box\"` no longer supported (Odoo 19.0 requires `card`)"
    assert {d.severity.value for d in res.diagnostics} == {"error"}
    assert rows(lint(tmp_path, odoo_version="17.0", select=["XML103"]), tmp_path) == []


def test_xml103_fix_unwraps_global_click(tmp_path):
    lint(tmp_path, _files(KANBAN), odoo_version="19.0", select=["XML103"])
    fixed = _fix_twice(tmp_path, ["XML103"], version="19.0", unsafe=True).decode()
    assert fixed == KANBAN.replace(
        '          <t t-name="kanban-menu">', '          <t t-name="menu">').replace(
        '          <t t-name="kanban-box">\n            <div class="oe_kanban_global_click o_x">\n'
        '              <field name="name"/>\n            </div>\n          </t>\n',
        '          <t t-name="card" class="o_x">\n              <field name="name"/>\n          </t>\n').replace(
        "@t-name='kanban-box'", "@t-name='card'")


# ---- XML104 chatter-div ---------------------------------------------------------------------------

CHATTER = (
    '<odoo>\n'
    '  <record id="view_x_form" model="ir.ui.view">\n'
    '    <field name="arch" type="xml">\n'
    '      <form>\n'
    '        <sheet/>\n'
    '        <div class="oe_chatter">\n'
    '          <field name="message_follower_ids" widget="mail_followers"/>\n'
    '          <field name="activity_ids"/>\n'
    '          <field name="message_ids" widget="mail_thread"/>\n'
    '        </div>\n'
    '      </form>\n'
    '    </field>\n'
    '  </record>\n'
    '  <record id="view_y_form" model="ir.ui.view">\n'
    '    <field name="arch" type="xml">\n'
    '      <form><div class="oe_chatter"><field name="message_ids" options="{\'post_refresh\': \'always\'}"/></div></form>\n'
    '    </field>\n'
    '  </record>\n'
    '  <record id="view_z" model="ir.ui.view">\n'
    '    <field name="arch" type="xml">\n'
    '      <xpath expr="//div[hasclass(\'oe_chatter\')]" position="inside"/>\n'
    '    </field>\n'
    '  </record>\n'
    '</odoo>\n'
)


def test_xml104_chatter(tmp_path):
    res = lint(tmp_path, _files(CHATTER), odoo_version="18.0", select=["XML104"])
    assert rows(res, tmp_path) == [
        ("my_mod/views/v.xml", "XML104", 6, 9, "`div.oe_chatter` is no longer a chatter since Odoo 18.0: use "
                                               "`<chatter/>`"),
        ("my_mod/views/v.xml", "XML104", 16, 13, "`div.oe_chatter` is no longer a chatter since Odoo 18.0: use "
                                                 "`<chatter/>`"),
        ("my_mod/views/v.xml", "XML104", 21, 22, "XPath selects `div.oe_chatter`: core forms use `<chatter/>` "
                                                 "since Odoo 18.0"),
    ]
    fixed = _fix_twice(tmp_path, ["XML104"]).decode()
    assert fixed == CHATTER.replace(
        '<div class="oe_chatter">\n          <field name="message_follower_ids" widget="mail_followers"/>\n'
        '          <field name="activity_ids"/>\n          <field name="message_ids" widget="mail_thread"/>\n'
        '        </div>', "<chatter/>").replace("//div[hasclass('oe_chatter')]", "//chatter").replace(
        '<div class="oe_chatter"><field name="message_ids" options="{\'post_refresh\': \'always\'}"/></div>',
        '<chatter reload_on_post="True" reload_on_attachment="True"/>')
    assert rows(lint(tmp_path, _files(CHATTER), odoo_version="17.0", select=["XML104"]), tmp_path) == []


CHATTER_OPTIONS = (
    '<odoo>\n'
    '  <record id="view_x_form" model="ir.ui.view">\n'
    '    <field name="arch" type="xml">\n'
    '      <form>\n'
    '        <div class="oe_chatter" style="display:block;">\n'
    '          <field name="message_follower_ids" groups="base.group_user" help="Follow it"\n'
    '                 options="{\'post_refresh\': \'recipients\'}" />\n'
    '          <field name="message_ids" options="{\'post_refresh\': \'recipients\', \'open_attachments\': True}" />\n'
    '        </div>\n'
    '      </form>\n'
    '    </field>\n'
    '  </record>\n'
    '  <record id="view_y_form" model="ir.ui.view">\n'
    '    <field name="arch" type="xml">\n'
    '      <form><div class="oe_chatter"><field name="message_ids" groups="base.group_system" /></div>'
    '<div class="oe_chatter"><field name="message_ids" options="{\'thread_level\': 1}" /></div></form>\n'
    '    </field>\n'
    '  </record>\n'
    '</odoo>\n'
)


def test_xml104_chatter_carries_the_17_options_over_as_18_attributes(tmp_path):
    """`groups="base.group_user"` and `help` on a chatter field go with the div (18.0 shows the followers to every
    internal user and reads no child); another group keeps the div for a person."""
    res = lint(tmp_path, _files(CHATTER_OPTIONS), odoo_version="18.0", select=["XML104"])
    hand = ("`div.oe_chatter` is no longer a chatter since Odoo 18.0: use `<chatter/>` (move field options such as "
            "`post_refresh` to `<chatter>` attributes by hand)")
    assert rows(res, tmp_path) == [
        ("my_mod/views/v.xml", "XML104", 5, 9, "`div.oe_chatter` is no longer a chatter since Odoo 18.0: use "
                                               "`<chatter/>`"),
        ("my_mod/views/v.xml", "XML104", 15, 13, hand),
        ("my_mod/views/v.xml", "XML104", 15, 98, hand),
    ]
    fixed = _fix_twice(tmp_path, ["XML104"]).decode()
    start = CHATTER_OPTIONS.index('<div class="oe_chatter" style')
    end = CHATTER_OPTIONS.index("</div>", start) + len("</div>")
    assert fixed == (CHATTER_OPTIONS[:start] + '<chatter reload_on_follower="True" reload_on_post="True" '
                     'open_attachments="True" />' + CHATTER_OPTIONS[end:])


# ---- XML105 cron-numbercall-doall -----------------------------------------------------------------

CRON = (
    '<odoo noupdate="1">\n'
    '  <record id="cron_a" model="ir.cron">\n'
    '    <field name="name">A</field>\n'
    '    <field name="numbercall">-1</field>\n'
    '    <field name="doall" eval="False"/>\n'
    '    <field name="interval_type">days</field>\n'
    '  </record>\n'
    '  <record id="cron_b" model="ir.cron">\n'
    '    <field name="numbercall" eval="5"/>\n'
    '  </record>\n'
    '  <record id="not_cron" model="x.y"><field name="numbercall">3</field></record>\n'
    '</odoo>\n'
)


def test_xml105_cron(tmp_path):
    res = lint(tmp_path, _files(CRON, "data/cron.xml"), odoo_version="18.0", select=["XML105"])
    assert rows(res, tmp_path) == [
        ("my_mod/data/cron.xml", "XML105", 4, 5, "`numbercall` was removed from ir.cron in Odoo 18.0: loading "
                                                 "this record fails"),
        ("my_mod/data/cron.xml", "XML105", 5, 5, "`doall` was removed from ir.cron in Odoo 18.0: loading this "
                                                 "record fails"),
        ("my_mod/data/cron.xml", "XML105", 9, 5, "`numbercall` was removed from ir.cron in Odoo 18.0 and `5` (a "
                                                 "limited number of runs) has no equivalent: crons now run until "
                                                 "deactivated; stop the job in its code"),
    ]
    fixed = _fix_twice(tmp_path, ["XML105"], name="data/cron.xml").decode()
    assert fixed == CRON.replace('    <field name="numbercall">-1</field>\n    <field name="doall" eval="False"/>\n',
                                 "")
    assert rows(lint(tmp_path, _files(CRON, "data/cron.xml"), odoo_version="17.0", select=["XML105"]),
                tmp_path) == []


# ---- XML106 data-shortcut-tags --------------------------------------------------------------------

def test_xml106_shortcuts(tmp_path):
    xml = ('<odoo>\n  <data>\n    <act_window id="act" name="X" res_model="x.y"/>\n  </data>\n'
           '  <report id="r" model="x.y" string="R" name="my_mod.r" file="my_mod.r" report_type="qweb-pdf"/>\n'
           '  <record id="ok" model="ir.actions.report"><field name="name">R</field></record>\n</odoo>\n')
    res = lint(tmp_path, _files(xml, "data/a.xml"), odoo_version="17.0", select=["XML106"])
    assert rows(res, tmp_path) == [
        ("my_mod/data/a.xml", "XML106", 3, 6, "`<act_window>` is silently ignored since Odoo 17.0: declare a "
                                              "`<record model=\"ir.actions.act_window\">` instead"),
        ("my_mod/data/a.xml", "XML106", 5, 4, "`<report>` is silently ignored since Odoo 17.0: declare a "
                                              "`<record model=\"ir.actions.report\">` instead"),
    ]
    assert rows(lint(tmp_path, odoo_version="16.0", select=["XML106"]), tmp_path) == []


# ---- XML107 groups-id-to-group-ids / XML108 res-groups-fields -------------------------------------

GROUPS = (
    '<odoo>\n'
    '  <record id="menu_x" model="ir.ui.menu">\n'
    '    <field name="groups_id" eval="[(4, ref(\'base.group_user\'))]"/>\n'
    '  </record>\n'
    '  <record id="own" model="my.model"><field name="groups_id" eval="[(6, 0, [])]"/></record>\n'
    '  <record id="view_users" model="ir.ui.view">\n'
    '    <field name="model">res.users</field>\n'
    '    <field name="arch" type="xml">\n'
    '      <form><field name="groups_id"/><field name="x_ids"><list><field name="groups_id"/></list></field></form>\n'
    '    </field>\n'
    '  </record>\n'
    '  <record id="group_x" model="res.groups">\n'
    '    <field name="category_id" ref="base.module_category_hidden"/>\n'
    "    <field name='users' eval=\"[(4, ref('base.user_admin'))]\"/>\n"
    '  </record>\n'
    '</odoo>\n'
)


def test_xml107_xml108_groups(tmp_path):
    res = lint(tmp_path, _files(GROUPS, "security/g.xml"), odoo_version="19.0", select=["XML107", "XML108"])
    assert rows(res, tmp_path) == [
        ("my_mod/security/g.xml", "XML107", 3, 18, "`groups_id` on ir.ui.menu was renamed `group_ids` in Odoo 19.0"),
        ("my_mod/security/g.xml", "XML107", 9, 26, "`groups_id` on res.users was renamed `group_ids` in Odoo 19.0"),
        ("my_mod/security/g.xml", "XML108", 13, 18, "`category_id` was removed from res.groups in Odoo 19.0: create "
                                                    "a `res.groups.privilege` with this category and set the "
                                                    "group's `privilege_id`"),
        ("my_mod/security/g.xml", "XML108", 14, 18, "`users` on res.groups was renamed `user_ids` in Odoo 19.0"),
    ]
    fixed = _fix_twice(tmp_path, ["XML107", "XML108"], version="19.0", name="security/g.xml").decode()
    assert fixed == GROUPS.replace('<field name="groups_id" eval="[(4', '<field name="group_ids" eval="[(4').replace(
        '<form><field name="groups_id"/>', '<form><field name="group_ids"/>').replace("name='users'", "name='user_ids'")
    assert rows(lint(tmp_path, _files(GROUPS, "security/g.xml"), odoo_version="18.0",
                     select=["XML107", "XML108"]), tmp_path) == []


# ---- XML109 toggle-active-button / XML110 removed-asset-bundle ------------------------------------

def test_xml109_toggle_active_and_xml110_bundles(tmp_path):
    xml = ('<odoo>\n  <record id="v" model="ir.ui.view"><field name="arch" type="xml">\n'
           '    <form><button name="toggle_active" type="object"/><button name="action_archive" type="object"/>'
           '</form>\n  </field></record>\n'
           '  <template id="t"><t t-call-assets="web.assets_common"/><t t-call-assets="web.assets_backend"/>'
           '</template>\n'
           '  <template id="t2" inherit_id="web.pdf_js_lib"/>\n</odoo>\n')
    res = lint(tmp_path, _files(xml), odoo_version="19.0", select=["XML109", "XML110"])
    assert rows(res, tmp_path) == [
        ("my_mod/views/v.xml", "XML109", 3, 25, "`toggle_active` is deprecated since Odoo 19.0: use "
                                                "`action_archive` / `action_unarchive` buttons"),
        ("my_mod/views/v.xml", "XML110", 5, 38, "Asset bundle `web.assets_common` no longer exists since Odoo 17.0"),
        ("my_mod/views/v.xml", "XML110", 6, 33, "Asset bundle `web.pdf_js_lib` no longer exists since Odoo 18.0"),
    ]
    res = lint(tmp_path, odoo_version="17.0", select=["XML109", "XML110"])
    assert [r[1:4] for r in rows(res, tmp_path)] == [("XML110", 5, 38)]


# ---- XML111 removed-model-field / XML112 removed-model ---------------------------------------------

FIELDS = (
    '<odoo>\n'
    '  <record id="view_so" model="ir.ui.view">\n'
    '    <field name="model">sale.order</field>\n'
    '    <field name="arch" type="xml">\n'
    '      <form><field name="order_line"><list><field name="tax_id" widget="many2many_tags"/></list></field>'
    '<field name="tax_id"/></form>\n'
    '    </field>\n'
    '  </record>\n'
    '  <record id="view_so_inh" model="ir.ui.view">\n'
    '    <field name="model">sale.order</field>\n'
    '    <field name="inherit_id" ref="sale.view_order_form"/>\n'
    '    <field name="arch" type="xml">\n'
    '      <xpath expr="//field[@name=\'order_line\']/list/field[@name=\'tax_id\']" position="after"/>\n'
    '    </field>\n'
    '  </record>\n'
    '  <record id="partner_x" model="res.partner">\n'
    '    <field name="name">X</field>\n'
    '    <field name="mobile">+32 000</field>\n'
    '  </record>\n'
    '  <record id="cat" model="uom.category"><field name="name">C</field></record>\n'
    '</odoo>\n'
)


def test_xml111_xml112_removed_fields_and_models(tmp_path):
    files = dict(_files(FIELDS), **{"my_mod/data/account.tax.template.csv": "id,name\nt1,Tax\n"})
    res = lint(tmp_path, files, odoo_version="19.0", select=["XML111", "XML112"])
    assert rows(res, tmp_path) == [
        ("my_mod/data/account.tax.template.csv", "XML112", 1, 1,
         "CSV data for `account.tax.template`, which no longer exists since Odoo 17.0: chart of accounts data is "
         "declared by `@template` methods of `account.chart.template` since 17.0"),
        ("my_mod/views/v.xml", "XML111", 5, 57, "`tax_id` on sale.order.line was renamed `tax_ids` in Odoo 19.0"),
        ("my_mod/views/v.xml", "XML111", 12, 66, "`tax_id` on sale.order.line was renamed `tax_ids` in Odoo 19.0"),
        ("my_mod/views/v.xml", "XML111", 17, 18, "`mobile` no longer exists on res.partner since Odoo 19.0: use "
                                                 "`phone`"),
        ("my_mod/views/v.xml", "XML112", 19, 27, "`uom.category` no longer exists since Odoo 19.0: units reference "
                                                 "each other through `relative_uom_id` since 19.0"),
    ]
    fixed = _fix_twice(tmp_path, ["XML111", "XML112"], version="19.0").decode()
    assert fixed == FIELDS.replace('<field name="tax_id" widget', '<field name="tax_ids" widget').replace(
        "[@name='tax_id']", "[@name='tax_ids']")
    # the order's own (non-existent) tax_id is not the line's field: left alone; 18.0 knows tax_id
    res = lint(tmp_path, _files(FIELDS), odoo_version="18.0", select=["XML111", "XML112"])
    assert rows(res, tmp_path) == [
        ("my_mod/data/account.tax.template.csv", "XML112", 1, 1,
         "CSV data for `account.tax.template`, which no longer exists since Odoo 17.0: chart of accounts data is "
         "declared by `@template` methods of `account.chart.template` since 17.0")]


UOM_LINES = (
    '<odoo>\n'
    '  <record id="line_a" model="sale.order.line">\n'
    '    <field name="product_uom" ref="uom.product_uom_unit"/>\n'
    '  </record>\n'
    '  <record id="view_po" model="ir.ui.view">\n'
    '    <field name="model">purchase.order</field>\n'
    '    <field name="arch" type="xml">\n'
    '      <form><field name="order_line"><list><field name="product_uom"/></list></field></form>\n'
    '    </field>\n'
    '  </record>\n'
    '  <record id="move_a" model="stock.move"><field name="product_uom" ref="uom.product_uom_unit"/></record>\n'
    '</odoo>\n'
)


def test_xml111_order_line_product_uom_renamed_19(tmp_path):
    res = lint(tmp_path, _files(UOM_LINES), odoo_version="19.0", select=["XML111"])
    assert rows(res, tmp_path) == [
        ("my_mod/views/v.xml", "XML111", 3, 18, "`product_uom` on sale.order.line was renamed `product_uom_id` in "
                                                "Odoo 19.0"),
        ("my_mod/views/v.xml", "XML111", 8, 57, "`product_uom` on purchase.order.line was renamed `product_uom_id` "
                                                "in Odoo 19.0"),
    ]
    fixed = _fix_twice(tmp_path, ["XML111"], version="19.0").decode()
    # stock.move keeps its `product_uom` in 19.0
    assert fixed == UOM_LINES.replace('<field name="product_uom" ref="uom.product_uom_unit"/>\n  </record>',
                                      '<field name="product_uom_id" ref="uom.product_uom_unit"/>\n  </record>'
                                      ).replace('<list><field name="product_uom"/>', '<list><field name="product_uom_id"/>')
    res = lint(tmp_path, _files(UOM_LINES), odoo_version="18.0", select=["XML111"])
    assert rows(res, tmp_path) == []


FILTERS = (
    '<odoo>\n'
    '  <record id="f1" model="ir.filters">\n'
    '    <field name="name">Mine</field>\n'
    '    <field name="user_id" ref="base.user_root" />\n'
    '  </record>\n'
    "  <record id='f2' model='ir.filters'><field name='user_id' ref='base.user_admin'/></record>\n"
    '  <record id="f3" model="ir.filters"><field name="user_id" eval="False"/></record>\n'
    '  <record id="p" model="res.partner"><field name="user_id" ref="base.user_root"/></record>\n'
    '</odoo>\n'
)


def test_xml111_ir_filters_user_id_becomes_user_ids_19(tmp_path):
    """19.0's ir.filters has the Many2many `user_ids` in place of `user_id`: a `ref` becomes the tuple that links
    that one user; other values are reported only; other models' `user_id` is left alone."""
    res = lint(tmp_path, _files(FILTERS), odoo_version="19.0", select=["XML111"])
    msg = ("`user_id` no longer exists on ir.filters since Odoo 19.0: use the Many2many `user_ids` (the users the "
           "filter is shared with; empty: everyone)")
    assert rows(res, tmp_path) == [("my_mod/views/v.xml", "XML111", 4, 18, msg),
                                   ("my_mod/views/v.xml", "XML111", 6, 51, msg),
                                   ("my_mod/views/v.xml", "XML111", 7, 51, msg)]
    fixed = _fix_twice(tmp_path, ["XML111"], version="19.0").decode()
    assert fixed == FILTERS.replace(
        '<field name="user_id" ref="base.user_root" />\n  </record>',
        '<field name="user_ids" eval="[(4, ref(\'base.user_root\'))]" />\n  </record>').replace(
        "<field name='user_id' ref='base.user_admin'/>", "<field name='user_ids' eval='[(4, ref(\"base.user_admin\"))]'/>")
    res = lint(tmp_path, _files(FILTERS), odoo_version="18.0", select=["XML111"])
    assert rows(res, tmp_path) == []


# ---- XML113 kanban-legacy-helpers / XML114 domain-deprecated-operator -------------------------------

LEGACY = (
    '<odoo>\n'
    '  <record id="k" model="ir.ui.view">\n'
    '    <field name="arch" type="xml">\n'
    '      <kanban><templates><t t-name="card">\n'
    '        <img t-att-src="kanban_image(\'res.partner\', \'avatar_128\', record.id.raw_value)"/>\n'
    '        <div t-attf-class="#{kanban_color(record.color.raw_value)}" t-if="!read_only_mode"/>\n'
    '        <ul class="oe_kanban_colorpicker" data-field="color"/>\n'
    '        <span>kanban_image in prose</span>\n'
    '      </t></templates></kanban>\n'
    '    </field>\n'
    '  </record>\n'
    '  <record id="s" model="ir.ui.view">\n'
    '    <field name="arch" type="xml">\n'
    '      <search><filter name="f" domain="[(\'state\', \'&lt;&gt;\', \'done\'), (\'name\', \'ILIKE\', \'x\')]"/>'
    '<field name="name" filter_domain="[(\'name\', \'ilike\', self)]"/></search>\n'
    '    </field>\n'
    '  </record>\n'
    '  <record id="r" model="ir.rule">\n'
    '    <field name="domain_force">[(\'user_id\', \'==\', user.id)]</field>\n'
    '  </record>\n'
    '</odoo>\n'
)


def test_xml113_xml114(tmp_path):
    res = lint(tmp_path, _files(LEGACY), odoo_version="19.0", select=["XML113", "XML114"])
    assert rows(res, tmp_path) == [
        ("my_mod/views/v.xml", "XML113", 5, 25, "`kanban_image` is not available in kanban templates since Odoo "
                                                "19.0: use `<field name=\"...\" widget=\"image\"/>`"),
        ("my_mod/views/v.xml", "XML113", 6, 30, "`kanban_color` is not available in kanban templates since Odoo "
                                                "19.0: use the `highlight_color` attribute of `<kanban>`"),
        ("my_mod/views/v.xml", "XML113", 6, 76, "`read_only_mode` is not available in kanban templates since Odoo "
                                                "19.0: use `record` / `context` (no read-only flag is exposed)"),
        ("my_mod/views/v.xml", "XML113", 7, 20, "`.oe_kanban_colorpicker` is gone in Odoo 19.0: use the "
                                                "`highlight_color` attribute of `<kanban>`"),
        ("my_mod/views/v.xml", "XML114", 14, 52, "Domain operator `<>` is deprecated since Odoo 19.0: use `!=`"),
        ("my_mod/views/v.xml", "XML114", 14, 82, "Domain operator `ILIKE` is deprecated since Odoo 19.0: use "
                                                 "`ilike`"),
        ("my_mod/views/v.xml", "XML114", 18, 46, "Domain operator `==` is deprecated since Odoo 19.0: use `=`"),
    ]
    fixed = _fix_twice(tmp_path, ["XML114"], version="19.0").decode()
    assert fixed == LEGACY.replace("&lt;&gt;", "!=").replace("'ILIKE'", "'ilike'").replace("'=='", "'='")
    assert rows(lint(tmp_path, _files(LEGACY), odoo_version="18.0", select=["XML113", "XML114"]), tmp_path) == []


# ---- XML115 removed-selection-value ---------------------------------------------------------------

PRODUCTS = (
    '<odoo>\n'
    '  <record id="p1" model="product.template">\n'
    '    <field name="name">Chair</field>\n'
    '    <field name="type">product</field>\n'
    '  </record>\n'
    '  <record id="p2" model="product.product">\r\n'
    '    <field name="type" eval="\'product\'"/>\r\n'
    '    <field name="is_storable" eval="True"/>\r\n'
    '  </record>\n'
    '  <record id="p3" model="product.template"><field name="type">product</field><field name="name">X</field>'
    '</record>\n'
    '  <record id="p4" model="product.template"><field name="type">service</field></record>\n'
    '</odoo>\n'
)


def test_xml115_product_type(tmp_path):
    res = lint(tmp_path, _files(PRODUCTS, "data/p.xml"), odoo_version="18.0", select=["XML115"])
    msg = ("`type` = `product` no longer exists on {} since Odoo 18.0: storable products are `type` `consu` with "
           "`is_storable` set (module stock)")
    assert rows(res, tmp_path) == [
        ("my_mod/data/p.xml", "XML115", 4, 5, msg.format("product.template")),
        ("my_mod/data/p.xml", "XML115", 7, 5, msg.format("product.product")),
        ("my_mod/data/p.xml", "XML115", 10, 44, msg.format("product.template")),
    ]
    fixed = _fix_twice(tmp_path, ["XML115"], unsafe=True, name="data/p.xml").decode()
    # the addon's own records: `consu` is 18.0's default, so the line gives way to `is_storable` (p1) or goes
    # (p2 has it already, CRLF line and all); p3 shares its line with other fields: no mechanical edit
    assert fixed == PRODUCTS.replace(
        '    <field name="type">product</field>\n', '    <field name="is_storable" eval="True"/>\n').replace(
        "    <field name=\"type\" eval=\"'product'\"/>\r\n", "")
    assert rows(lint(tmp_path, odoo_version="18.0", select=["XML115"]), tmp_path) == [
        ("my_mod/data/p.xml", "XML115", 9, 44, msg.format("product.template"))]
    assert rows(lint(tmp_path, _files(PRODUCTS, "data/p.xml"), odoo_version="17.0", select=["XML115"]),
                tmp_path) == []


PRODUCTS_SPACED = (
    '<odoo>\n'
    '    <record id="widget" model="product.product">\n'
    '        <field name="name">Widget</field>\n'
    '        <field name="type">product</field>\n'
    '        <field name="categ_id" ref="product.product_category_all" />\n'
    '        <field name="uom_id" ref="uom.product_uom_unit" />\n'
    '    </record>\n'
    '</odoo>\n'
)


def test_xml115_inserted_field_follows_the_files_self_closing_spacing(tmp_path):
    res = lint(tmp_path, _files(PRODUCTS_SPACED, "demo/p.xml"), odoo_version="18.0", select=["XML115"])
    assert rows(res, tmp_path) == [
        ("my_mod/demo/p.xml", "XML115", 4, 9, "`type` = `product` no longer exists on product.product since Odoo "
                                              "18.0: storable products are `type` `consu` with `is_storable` set "
                                              "(module stock)")]
    fixed = _fix_twice(tmp_path, ["XML115"], unsafe=True, name="demo/p.xml").decode()
    assert fixed == PRODUCTS_SPACED.replace(
        '        <field name="type">product</field>\n', '        <field name="is_storable" eval="True" />\n')


PRODUCTS_OTHERS = (
    '<odoo>\n'
    '    <record id="stock.product_cable" model="product.product">\n'
    '        <field name="type">product</field>\n'
    '    </record>\n'
    '    <record id="my_mod.widget" model="product.product">\n'
    '        <field name="type">product</field>\n'
    '    </record>\n'
    '    <record id="gadget" model="product.product" context="{\'default_type\': \'service\'}">\n'
    '        <field name="type">product</field>\n'
    '    </record>\n'
    '</odoo>\n'
)


def test_xml115_keeps_type_where_the_default_would_not_apply(tmp_path):
    """Another module's record (its type is not this file's to leave out) and a record loaded with a `context`
    keep `type`, as `consu`; a record named `<own addon>.x` is the addon's own and drops it."""
    msg = ("`type` = `product` no longer exists on product.product since Odoo 18.0: storable products are `type` "
           "`consu` with `is_storable` set (module stock)")
    res = lint(tmp_path, _files(PRODUCTS_OTHERS, "demo/p.xml"), odoo_version="18.0", select=["XML115"])
    assert rows(res, tmp_path) == [("my_mod/demo/p.xml", "XML115", n, 9, msg) for n in (3, 6, 9)]
    fixed = _fix_twice(tmp_path, ["XML115"], unsafe=True, name="demo/p.xml").decode()
    keep = '        <field name="type">consu</field>\n        <field name="is_storable" eval="True"/>\n'
    assert fixed == (
        '<odoo>\n'
        '    <record id="stock.product_cable" model="product.product">\n' + keep + '    </record>\n'
        '    <record id="my_mod.widget" model="product.product">\n'
        '        <field name="is_storable" eval="True"/>\n'
        '    </record>\n'
        '    <record id="gadget" model="product.product" context="{\'default_type\': \'service\'}">\n' + keep +
        '    </record>\n'
        '</odoo>\n')


def test_xml102_domain_conversion_table():
    from odoolint.rules.xml.attrs_states import NotExact, attrs_modifiers
    ok = {
        "{'invisible': [('a', '=', False)]}": [("invisible", "not a")],
        "{'invisible': [('a', '!=', False)]}": [("invisible", "a")],
        "{'invisible': [('ids', '=', [])]}": [("invisible", "not ids")],
        "{'invisible': [('ids', '!=', [])]}": [("invisible", "ids")],
        "{'invisible': ['!', '|', ('a', '=', 1), ('b', '=', 2)]}": [("invisible", "not (a == 1 or b == 2)")],
        "{'invisible': ['|', ('a', '=', 1), '&', ('b', 'in', ['x']), ('c', '>', 3)]}":
            [("invisible", "a == 1 or b == 'x' and c > 3")],
        "{'readonly': [('state', 'not in', ('done',))], 'invisible': [('tag', 'in', ['a', 'b'])]}":
            [("readonly", "state != 'done'"), ("invisible", "tag in ['a', 'b']")],
        "{'invisible': [('level', 'in', [0])]}": [("invisible", "level in [0]")],
        "{'readonly': [('a', '=', 1), '|', ('b', '=', parent.b), ('c', '=', True)]}":
            [("readonly", "a == 1 and (b == parent.b or c)")],
        "{'column_invisible': [('parent.state', 'not in', ('draft',))]}":
            [("column_invisible", "parent.state != 'draft'")],
        "{'required': [('a', '=', context.get('x'))], 'invisible': 1}": [("required", "a == context.get('x')"),
                                                                         ("invisible", "1")],
    }
    for value, expected in ok.items():
        assert attrs_modifiers(value) == expected, value
    for value in ("{'invisible': [('ids', '=', [1, 2])]}", "{'invisible': [('a.b', '=', 1)]}",
                  "{'invisible': [('a', 'child_of', 1)]}", "{'invisible': []}", "{'invisible': ['|', ('a', '=', 1)]}",
                  "{'other': [('a', '=', 1)]}", "{'invisible': [('a', '=', uid + 1)]}", "[('a', '=', 1)]"):
        try:
            attrs_modifiers(value)
        except NotExact:
            continue
        raise AssertionError(f"{value} should not convert")


def test_xml116_record_duplicate_field(tmp_path):
    xml = ('<odoo>\n  <record id="x" model="res.partner">\n    <field name="name">A</field>\n'
           '    <field name="email">a@x</field>\n    <field name="name">B</field>\n  </record>\n'
           '  <record id="y" model="res.partner"><field name="name">A</field><field name="name">B</field></record>\n'
           '  <record id="v" model="ir.ui.view"><field name="arch" type="xml"><form><field name="a"/>'
           '<field name="a"/></form></field></record>\n</odoo>\n')
    res = lint(tmp_path, _files(xml, "data/d.xml"), select=["XML116"])
    assert rows(res, tmp_path) == [
        ("my_mod/data/d.xml", "XML116", 5, 18, "Field `name` is already set on line 3 of this record: only this "
                                               "last value is loaded"),
        ("my_mod/data/d.xml", "XML116", 7, 79, "Field `name` is already set on line 7 of this record: only this "
                                               "last value is loaded"),
    ]
    fixed = _fix_twice(tmp_path, ["XML116"], version=None, name="data/d.xml").decode()
    assert fixed == xml.replace('    <field name="name">A</field>\n', "", 1)


def test_xml104_chatter_follows_the_files_self_closing_spacing(tmp_path):
    spaced = CHATTER.replace('"/>', '" />').replace("<sheet/>", "<sheet />")
    lint(tmp_path, _files(spaced), odoo_version="18.0", select=["XML104"])
    fixed = _fix_twice(tmp_path, ["XML104"]).decode()
    assert fixed == spaced.replace(
        '<div class="oe_chatter">\n          <field name="message_follower_ids" widget="mail_followers" />\n'
        '          <field name="activity_ids" />\n          <field name="message_ids" widget="mail_thread" />\n'
        '        </div>', "<chatter />").replace("//div[hasclass('oe_chatter')]", "//chatter").replace(
        '<div class="oe_chatter"><field name="message_ids" options="{\'post_refresh\': \'always\'}" /></div>',
        '<chatter reload_on_post="True" reload_on_attachment="True" />')


def test_self_closing_end_counts_the_files_tags():
    from odoolint.rules.xml.layout import self_closing_end
    assert self_closing_end('<a><b x="1" /><c /><d/></a>') == " />"
    assert self_closing_end('<a><b x="1"/><c /><d/></a>') == "/>"
    assert self_closing_end("<a></a>") == "/>"


INJECTED = (
    '<odoo>\n'
    '  <template id="tier_buttons">\n'
    '    <button name="validate" type="object" attrs="{\'invisible\': [(\'can_review\', \'=\', False)]}"/>\n'
    '    <button name="reject" type="object" t-attf-attrs="{\'invisible\': [(\'#{f}\', \'=\', 1)]}"/>\n'
    '    <field name="review_ids" states="draft"/>\n'
    '  </template>\n'
    '  <template id="web_page"><div attrs="{\'invisible\': [(\'a\', \'=\', 1)]}">page</div></template>\n'
    '</odoo>\n'
)


def test_xml102_templates_injected_into_views(tmp_path):
    res = lint(tmp_path, _files(INJECTED, "templates/t.xml"), odoo_version="17.0", select=["XML102"])
    what = ("in a QWeb template rendered into a view: ignored since Odoo 17.0 (the web client reads only "
            "`invisible`, `readonly`, `required`, `column_invisible`)")
    assert rows(res, tmp_path) == [
        ("my_mod/templates/t.xml", "XML102", 3, 43, f"`attrs` {what}; use invisible=\"not can_review\""),
        ("my_mod/templates/t.xml", "XML102", 4, 41, "`t-attf-attrs` in a QWeb template rendered into a view writes "
         "an `attrs` attribute that Odoo 17.0 ignores: write `t-attf-invisible`/`t-attf-readonly`/"
         "`t-attf-required` Python expressions by hand"),
        ("my_mod/templates/t.xml", "XML102", 5, 30, f"`states` {what}; use invisible=\"state != 'draft'\""),
    ]
    fixed = _fix_twice(tmp_path, ["XML102"], version="17.0", unsafe=True, name="templates/t.xml").decode()
    lines = INJECTED.splitlines(keepends=True)
    lines[2] = '    <button name="validate" type="object" invisible="not can_review"/>\n'
    lines[4] = '    <field name="review_ids" invisible="state != \'draft\'"/>\n'
    assert fixed == "".join(lines)


def test_xml102_keeps_xmlid_references_as_written(tmp_path):
    """`%(module.xmlid)d` is resolved in the whole arch text at load (odoo/tools/convert.py `_process`), so the
    expression carries it over; a value that writes the conversion's stand-in number besides a reference is
    refused, one without a reference is converted as usual."""
    view = (
        '<odoo>\n'
        '  <record id="v" model="ir.ui.view">\n'
        '    <field name="arch" type="xml">\n'
        '      <form>\n'
        '        <field name="a" attrs="{\'invisible\': [(\'stage_id\', \'in\', (%(m.stage_done)d, %(m.stage_x)d))]}"/>\n'
        '        <field name="b" attrs="{\'readonly\': [(\'stage_id\', \'=\', 987654321000)]}"/>\n'
        '        <field name="c" attrs="{\'readonly\': [(\'x\', \'in\', (987654321000, %(m.y)d))]}"/>\n'
        '      </form>\n'
        '    </field>\n'
        '  </record>\n'
        '</odoo>\n')
    res = lint(tmp_path, _files(view), odoo_version="17.0", select=["XML102"])
    assert [(r[2], r[4]) for r in rows(res, tmp_path)] == [
        (5, "`attrs` no longer supported since Odoo 17.0; use invisible=\"stage_id in (%(m.stage_done)d, "
            "%(m.stage_x)d)\""),
        (6, "`attrs` no longer supported since Odoo 17.0; use readonly=\"stage_id == 987654321000\""),
        (7, "`attrs` no longer supported since Odoo 17.0; no exact conversion: the value holds the number the "
            "conversion uses for `%(xmlid)d` references")]
    fixed = _fix_twice(tmp_path, ["XML102"], version="17.0", unsafe=True).decode()
    assert fixed == view.replace(
        'attrs="{\'invisible\': [(\'stage_id\', \'in\', (%(m.stage_done)d, %(m.stage_x)d))]}"',
        'invisible="stage_id in (%(m.stage_done)d, %(m.stage_x)d)"').replace(
        'attrs="{\'readonly\': [(\'stage_id\', \'=\', 987654321000)]}"', 'readonly="stage_id == 987654321000"')
