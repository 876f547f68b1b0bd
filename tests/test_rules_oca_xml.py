"""OCA odoo-pre-commit-hooks XML checks (XML3xx, XML201, XML320): positive and negative fixtures, hook scoping,
file-wide `oca-hooks:disable` comments. Fixtures are our own text."""
from __future__ import annotations

from tests.helpers import lint, rows

MANIFEST = '{\n    "name": "M",\n    "version": "17.0.1.0.0",\n    "depends": ["base", "website"],\n    "data": ["views/bad.xml", "views/good.xml", "data/users.xml"],\n    "license": "LGPL-3",\n}\n'
BAD = '<?xml version=\'1.0\' encoding=\'utf-8\'?>\n<openerp>\n  <data>\n    <record model="ir.ui.view" id="m.view_partner_form">\n      <field name="model">res.partner</field>\n      <field name="priority">10</field>\n      <field name="arch" type="xml">\n        <tree string="Partners" colors="red:1">\n          <field name="name" position="replace"/>\n        </tree>\n        <xpath expr="//button[text()=\'Confirm\']" position="after"/>\n      </field>\n    </record>\n    <record model="res.partner.category">\n      <field name="active">False</field>\n      <field name="sequence">5</field>\n    </record>\n    <template name="T" id="tpl_a">\n      <div class="oe_structure"/>\n      <xpath expr="//div" position="replace"/>\n      <span t-esc="x" t-field-options="{}"/>\n      <textarea><t t-out="body"/></textarea>\n      <script src="/m/static/src/js/x.js?"/>\n    </template>\n  </data>\n</openerp>\n'
GOOD = '<?xml version="1.0" encoding="UTF-8" ?>\n<odoo>\n  <record id="view_partner_list" model="ir.ui.view">\n    <field name="model">res.partner</field>\n    <field name="priority" eval="100"/>\n    <field name="arch" type="xml">\n      <list decoration-danger="1"><field name="name" position="replace"/></list>\n      <xpath expr="//button[@name=\'action_confirm\']" position="after"/>\n    </field>\n  </record>\n  <record id="category_vip" model="res.partner.category">\n    <field name="active" eval="False"/>\n    <field name="sequence" eval="5"/>\n  </record>\n  <template id="tpl_b" name="T" priority="100">\n    <div class="oe_structure" id="oe_structure_b"/>\n    <xpath expr="//div" position="replace"/>\n    <span t-out="x" t-options="{}"/>\n    <textarea t-out="body"/>\n    <script src="/m/static/src/js/x.js"/>\n  </template>\n</odoo>\n'
USERS = '<?xml version="1.0" encoding="UTF-8" ?>\n<odoo>\n  <record id="user_a" model="res.users">\n    <field name="name">A</field>\n  </record>\n  <record id="user_b" model="res.users" context="{\'no_reset_password\': True}">\n    <field name="name">B</field>\n  </record>\n</odoo>\n'
TREE = {"m/__manifest__.py": MANIFEST, "m/__init__.py": "", "m/views/bad.xml": BAD, "m/views/good.xml": GOOD,
        "m/data/users.xml": USERS, "m/views/unlisted.xml": BAD}


def test_every_xml_check_on_its_own_fixture(tmp_path):
    res = lint(tmp_path, TREE, select=["XML3"])
    assert not res.errors
    # good.xml (the same constructs written the OCA way) and unlisted.xml (not in the manifest) report nothing
    assert rows(res, tmp_path) == sorted([
        ("m/data/users.xml", "XML309", 3, 3, "record res.users without `context=\"{'no_reset_password': True}\"`"),
        ("m/views/bad.xml", "XML302", 4, 5, 'Redundant module name `<record id="m.view_partner_form"`: use '
                                            '`<record id="view_partner_form"`'),
        ("m/views/bad.xml", "XML303", 4, 5, 'The "id" attribute must be first `<record id="m.view_partner_form" '
                                            'model=...`'),
        ("m/views/bad.xml", "XML303", 18, 5, 'The "id" attribute must be first `<template id="tpl_a" name=...`'),
        ("m/views/bad.xml", "XML304", 3, 3, 'Deprecated `<data>` node: use `<odoo>` (or `<odoo noupdate="1">`) '
                                            'instead of `<odoo><data>`'),
        ("m/views/bad.xml", "XML305", 2, 1, "Deprecated `<openerp>` xml node: use `<odoo>`"),
        ("m/views/bad.xml", "XML306", 8, 9, 'Deprecated "<tree colors,string=..."'),
        ("m/views/bad.xml", "XML307", 15, 7, "Field `active` with boolean value without `eval` attribute"),
        ("m/views/bad.xml", "XML308", 6, 7, "Field `priority` with numeric value without `eval` attribute"),
        ("m/views/bad.xml", "XML308", 16, 7, "Field `sequence` with numeric value without `eval` attribute"),
        ("m/views/bad.xml", "XML301", 14, 5, "Record has no id: add a unique one to create a new record, use an "
                                             "existing one to update it"),
        ("m/views/bad.xml", "XML310", 4, 5, 'Dangerous use of `replace` from view with priority 10 < 99: try '
                                            '`position="attributes"`, `position="move"` or `invisible="1"` first'),
        ("m/views/bad.xml", "XML311", 11, 9, "Use of translatable xpath `text()`: the text changes with the "
                                             "language"),
        ("m/views/bad.xml", "XML313", 1, 1, "XML header expected '<?xml version=\"1.0\" encoding=\"UTF-8\" ?>' but "
                                            "received '<?xml version='1.0' encoding='utf-8'?>'"),
        ("m/views/bad.xml", "XML314", 23, 7, "The resource in src/href contains a not valid character"),
        ("m/views/bad.xml", "XML315", 20, 7, 'Dangerous use of `replace` from view with priority 0 < 99: try '
                                             '`position="attributes"`, `position="move"` or `t-if="False"` first'),
        ("m/views/bad.xml", "XML316", 21, 7, "Deprecated QWeb directive `t-field-options`: use `t-options`"),
        ("m/views/bad.xml", "XML317", 21, 7, "Deprecated QWeb directive `t-esc`: use `t-out` (Odoo 15.0+)"),
        ("m/views/bad.xml", "XML318", 19, 7, "Consider removing the class `oe_structure` or adding a proper id to "
                                             "the tag: the id must contain `oe_structure`"),
        ("m/views/bad.xml", "XML319", 22, 17, "Node `<textarea ...><t t-out=...` incompatible with Prettier XML "
                                              "auto-fix: prefer `<textarea t-out=...`"),
    ])
    # the hook names select the same rules
    by_name = lint(tmp_path, select=["xml-header-wrong", "xml-record-missing-id"])
    assert [r[1] for r in rows(by_name, tmp_path)] == ["XML301", "XML313"]


def test_header_missing_and_default_selection(tmp_path):
    files = {"m/__manifest__.py": MANIFEST, "m/__init__.py": "", "m/views/bad.xml": "<odoo/>\n",
             "m/views/good.xml": GOOD, "m/data/users.xml": USERS}
    assert rows(lint(tmp_path, files, select=["XML312"]), tmp_path) == [
        ("m/views/bad.xml", "XML312", 1, 1, "XML missing header")]
    # only the checks whose findings break something run by default
    from odoolint.registry import REGISTRY
    assert not REGISTRY.meta("XML312").default_enabled and REGISTRY.meta("XML301").default_enabled


def test_qweb_15_follows_the_module_version(tmp_path):
    files = dict(TREE, **{"m/__manifest__.py": MANIFEST.replace("17.0.1.0.0", "14.0.1.0.0")})
    assert rows(lint(tmp_path, files, select=["XML317"]), tmp_path) == []
    files["m/__manifest__.py"] = MANIFEST.replace('"version": "17.0.1.0.0",\n', "")
    assert rows(lint(tmp_path, files, select=["XML317"]), tmp_path) == []


def test_not_installable_addon_is_not_read(tmp_path):
    files = dict(TREE, **{"m/__manifest__.py": MANIFEST.replace('"depends"', '"installable": False,\n    "depends"')})
    assert rows(lint(tmp_path, files, select=["XML3", "XML201"]), tmp_path) == []


def test_oca_hooks_disable_comment_covers_the_whole_file(tmp_path):
    disabled = BAD.replace("  <data>\n", "  <data>\n    <!-- oca-hooks:disable=xml-id-position-first,"
                                         "xml-field-numeric-without-eval -->\n", 1)
    files = dict(TREE, **{"m/views/bad.xml": disabled})
    res = lint(tmp_path, files, select=["XML303", "XML308", "XML307", "OL001"])
    # the hooks' deprecated `pylint:disable=` spelling works the same way in XML
    assert [r[1:3] for r in rows(res, tmp_path)] == [("XML307", 16)]
    files["m/views/bad.xml"] = BAD.replace("  <data>\n", "  <data>\n    <!-- pylint:disable=xml-field-bool-without-eval"
                                                          " -->\n", 1)
    res = lint(tmp_path, files, select=["XML307"])
    assert rows(res, tmp_path) == []


def test_disable_comment_read_with_blanks_and_hashes_inside_as_the_hooks_do(tmp_path):
    """The hooks take blanks and `#` out of a comment before looking for `disable=`: so does odoolint, which reads a
    file's comments only when its text can hold one."""
    files = dict(TREE, **{"m/views/bad.xml": BAD.replace(
        "  <data>\n", "  <data>\n    <!-- # pylint : dis able = xml-field-bool-without-eval -->\n", 1)})
    assert rows(lint(tmp_path, files, select=["XML307"]), tmp_path) == []
    files["m/views/bad.xml"] = BAD.replace("  <data>\n", "  <data>\n    <!-- pylint: enabled -->\n", 1)
    assert [r[1:3] for r in rows(lint(tmp_path, files, select=["XML307"]), tmp_path)] == [("XML307", 16)]


DUP_MANIFEST = ("{'name': 'd', 'version': '17.0.1.0.0', 'depends': ['base'], 'data': ['views/a.xml', 'views/b.xml'],"
                " 'demo': ['demo/d.xml']}\n")
A_XML = ('<odoo>\n  <template id="tpl" name="A"><div/></template>\n'
         '  <menuitem id="menu_x" name="X"/>\n'
         '  <record id="act_x" model="ir.actions.act_window"><field name="name">X</field></record>\n'
         '  <menuitem id="menu_y" name="Y" action="act_x"/>\n</odoo>\n')
B_XML = ('<odoo>\n  <template id="d.tpl" name="B"><div/></template>\n'
         '  <menuitem id="menu_x" action="act_x"/>\n'
         '  <menuitem id="menu_y" name="Y again" action="act_x"/>\n'
         '  <data noupdate="1">\n    <template id="tpl" name="C"><div/></template>\n  </data>\n</odoo>\n')


def test_duplicate_templates_and_menus(tmp_path):
    files = {"d/__manifest__.py": DUP_MANIFEST, "d/__init__.py": "", "d/views/a.xml": A_XML, "d/views/b.xml": B_XML,
             "d/demo/d.xml": A_XML}
    res = lint(tmp_path, files, select=["XML201", "XML320"])
    # one finding per id at its first definition; `d.tpl` and `tpl` are one record; the noupdate copy and the
    # demo copy are counted apart (as the hooks do); menu_x completed with its action later is not reported
    assert rows(res, tmp_path) == [
        ("d/views/a.xml", "XML201", 5, 3, "Duplicate xml id `d.menu_y`: defined again at views/b.xml:4; each later "
                                          "definition silently updates the same record"),
        ("d/views/a.xml", "XML320", 2, 3, "Duplicate template id `d.tpl`: defined again at views/b.xml:2; each "
                                          "later definition silently updates the same record")]
    files["d/views/b.xml"] = B_XML.replace("<odoo>\n", "<odoo>\n  <!-- oca-hooks:disable=xml-duplicate-template-id "
                                                       "-->\n")
    res = lint(tmp_path, files, select=["XML320"])
    assert rows(res, tmp_path) == []


def test_get_formview_action_is_a_method_of_every_model(tmp_path):
    models = ("from odoo import fields, models\n\n\nclass Thing(models.Model):\n    _name = 'my.thing'\n"
              "    _description = 'Thing'\n\n    name = fields.Char()\n")
    view = ('<odoo>\n  <record id="view_thing_form" model="ir.ui.view">\n    <field name="model">my.thing</field>\n'
            '    <field name="arch" type="xml"><form>\n'
            '      <button name="get_formview_action" type="object"/>\n'
            '      <button name="get_access_action" type="object"/>\n'
            '      <button name="action_opne" type="object"/>\n'
            '    </form></field>\n  </record>\n</odoo>\n')
    files = {"t/__manifest__.py": "{'name': 't', 'depends': ['base'], 'data': ['views/v.xml']}\n",
             "t/__init__.py": "from . import models\n", "t/models.py": models, "t/views/v.xml": view}
    res = lint(tmp_path, files, odoo_version="17.0", select=["XML205"])
    assert rows(res, tmp_path) == [("t/views/v.xml", "XML205", 7, 21, "`action_opne` is not a method of model "
                                                                        "`my.thing`")]


CHATTER = ('<odoo>\n  <record id="view_x_form" model="ir.ui.view">\n    <field name="model">res.partner</field>\n'
           '    <field name="arch" type="xml"><form>\n      <div class="oe_chatter"><field name="message_ids"/></div>\n'
           '    </form></field>\n  </record>\n</odoo>\n')


def test_oe_chatter_by_module_version_when_there_is_no_target(tmp_path):
    manifest = "{'name': 'c', 'version': '18.0.1.0.0', 'depends': ['mail'], 'data': ['views/v.xml']}\n"
    # two series side by side: no single target version, so each module's own version decides
    files = {"c/__manifest__.py": manifest, "c/views/v.xml": CHATTER,
             "d/__manifest__.py": manifest.replace("'c'", "'d'").replace("18.0.1.0.0", "17.0.1.0.0"),
             "d/views/v.xml": CHATTER}
    msg = ("`div.oe_chatter` is no chatter in Odoo 18.0+, the version this module's manifest names: use "
           "`<chatter/>`")
    assert rows(lint(tmp_path, files, select=["XML321"]), tmp_path) == [("c/views/v.xml", "XML321", 5, 7, msg)]
    # with a target, XML104 reports it (with its fix) and XML321 stays silent
    assert [r[1] for r in rows(lint(tmp_path, select=["XML321", "XML104"], odoo_version="18.0"), tmp_path)] == [
        "XML104", "XML104"]
    files["c/__manifest__.py"] = manifest.replace("18.0.1.0.0", "17.0.1.0.0")
    assert rows(lint(tmp_path, files, select=["XML321"]), tmp_path) == []


def test_manifest_sections_decide_which_template_ids_collide(tmp_path):
    """A file belongs to the sections whose entries match it: a `qweb` path written out, an `assets` glob; the
    same template id in two files collides only inside one section."""
    template = '<?xml version="1.0" encoding="UTF-8" ?>\n<odoo>\n  <template id="tmpl_x">\n    <div>x</div>\n' \
               '  </template>\n</odoo>\n'
    manifest = ('{"name": "M", "version": "17.0.1.0.0", "license": "LGPL-3", "depends": ["web"],\n'
                ' "data": ["views/a.xml"], "qweb": ["static/src/xml/b.xml"],\n'
                ' "assets": {"web.assets_backend": ["m/static/src/xml/%s"]}}\n')
    files = {"m/__init__.py": "", "m/views/a.xml": template, "m/static/src/xml/b.xml": template,
             "m/static/src/xml/c.xml": template, "m/static/src/xml/d.xml": template}
    # the glob puts b, c and d in `assets` (b is in `qweb` too): one finding, at b; a.xml (`data`) is apart
    files["m/__manifest__.py"] = manifest % "*.xml"
    assert rows(lint(tmp_path, files, select=["XML320"]), tmp_path) == [
        ("m/static/src/xml/b.xml", "XML320", 3, 3, "Duplicate template id `m.tmpl_x`: defined again at "
         "static/src/xml/c.xml:3, static/src/xml/d.xml:3; each later definition silently updates the same record")]
    # written out, the asset is c alone: b (`qweb`), c (`assets`) and d (listed nowhere) share no section
    files["m/__manifest__.py"] = manifest % "c.xml"
    assert rows(lint(tmp_path, files, select=["XML320"]), tmp_path) == []
    # two `qweb` paths written out put b and c in one section; a path that names no file matches nothing
    files["m/__manifest__.py"] = (manifest % "d.xml").replace('"static/src/xml/b.xml"',
                                                              '"static/src/xml/b.xml", "static/src/xml/c.xml"')
    assert rows(lint(tmp_path, files, select=["XML320"]), tmp_path) == [
        ("m/static/src/xml/b.xml", "XML320", 3, 3, "Duplicate template id `m.tmpl_x`: defined again at "
         "static/src/xml/c.xml:3; each later definition silently updates the same record")]
    files["m/__manifest__.py"] = files["m/__manifest__.py"].replace("xml/c.xml", "xml/cc.xml")
    assert rows(lint(tmp_path, files, select=["XML320"]), tmp_path) == []
