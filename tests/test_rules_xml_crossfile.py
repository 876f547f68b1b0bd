"""XML family: facts (xml_ids, js_actions) and cross-file rules (XML2xx, CSV1xx), suppressions."""
from __future__ import annotations

from odoolint.engine import FileContext
from odoolint.sources import decode, parse
from tests.helpers import lint, rows

MY_MANIFEST = ("{'name': 'My', 'version': '17.0.1.0.0', 'license': 'LGPL-3', 'depends': ['mail'],\n"
               " 'data': ['security/ir.model.access.csv', 'views/views.xml']}\n")
MODELS = '''from odoo import fields, models


class Thing(models.Model):
    _name = 'my.thing'
    _inherit = ['mail.thread', 'mail.activity.mixin']
    _description = 'Thing'

    name = fields.Char()
    partner_id = fields.Many2one('res.partner')
    line_ids = fields.One2many('my.thing.line', 'thing_id')

    def action_confirm(self):
        return True


class ThingLine(models.Model):
    _name = 'my.thing.line'
    _description = 'Line'

    thing_id = fields.Many2one('my.thing')
    qty = fields.Float()


class Partner(models.Model):
    _inherit = 'res.partner'

    thing_ids = fields.One2many('my.thing', 'partner_id')


class Alias(models.Model):
    _name = 'my.aliased'
    _inherit = ['mail.alias.mixin']
    _description = 'Not fully known: mail.alias.mixin delegates to mail.alias'
'''
ACCESS = ("id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink\n"
          "access_my_thing,my.thing,model_my_thing,base.group_user,1,1,1,1\n"
          "access_my_thing_line,my.thing.line,model_my_thing_lines,group_thing_manager,1,1,1,1\n"
          "access_my_thing,dup,model_my_thing,other_mod.group_other,1,0,0,0\n"
          "access_partner,partner,model_res_partner,base.group_user,1,0,0,0\n")
VIEWS = '''<?xml version="1.0" encoding="utf-8"?>
<odoo>
  <record id="view_thing_form" model="ir.ui.view">
    <field name="model">my.thing</field>
    <field name="arch" type="xml">
      <form>
        <header><button name="action_confirm" type="object"/><button name="action_confrim" type="object"/></header>
        <field name="name"/>
        <field name="parnter_id"/>
        <field name="line_ids"><list><field name="qty"/><field name="qtty"/></list></field>
        <field name="activity_ids"/><field name="message_ids"/><field name="create_date"/>
        <button name="action_archive" type="object"/>
      </form>
    </field>
  </record>
  <record id="view_thing_form" model="ir.ui.view">
    <field name="model">my.thing</field>
    <field name="arch" type="xml"><list><field name="name"/></list></field>
  </record>
  <record id="view_partner" model="ir.ui.view">
    <field name="model">res.partner</field>
    <field name="arch" type="xml"><form><field name="unknown_core_model_field"/></form></field>
  </record>
  <record id="view_aliased" model="ir.ui.view">
    <field name="model">my.aliased</field>
    <field name="arch" type="xml"><form><field name="alias_name"/></form></field>
  </record>
  <record id="view_thing_inherit" model="ir.ui.view">
    <field name="model">my.thing</field>
    <field name="inherit_id" ref="view_thing_form"/>
    <field name="arch" type="xml"><field name="name" position="after"><field name="qty"/></field></field>
  </record>
  <record id="action_dash" model="ir.actions.client">
    <field name="name">Dash</field>
    <field name="tag">my_dashboard</field>
  </record>
  <record id="action_dash2" model="ir.actions.client">
    <field name="name">Dash</field>
    <field name="tag">my_dashbaord</field>
  </record>
  <record id="action_reload" model="ir.actions.client">
    <field name="name">Reload</field>
    <field name="tag">reload</field>
  </record>
  <menuitem id="menu_root" name="X" action="action_dash" parent="other_mod.menu_top"/>
  <menuitem id="menu_2" name="Y" parent="menu_rot" groups="base.group_user,!my_mod.group_nope"/>
  <record id="other_mod.group_other" model="res.groups"><field name="name">Renamed</field></record>
</odoo>
'''
JS = '''/** @odoo-module **/
import { registry } from "@web/core/registry";
const actions = registry.category("actions");
actions.add("my_dashboard", Dashboard);
'''
OTHER_MANIFEST = "{'name': 'Other', 'version': '17.0.1.0.0', 'license': 'LGPL-3', 'depends': ['base']}\n"
OTHER_XML = ('<odoo>\n  <menuitem id="menu_top" name="Top"/>\n'
             '  <record id="group_other" model="res.groups"><field name="name">Other</field></record>\n</odoo>\n')

TREE = {
    "my_mod/__manifest__.py": MY_MANIFEST, "my_mod/__init__.py": "from . import models\n",
    "my_mod/models/__init__.py": "from . import thing\n", "my_mod/models/thing.py": MODELS,
    "my_mod/security/ir.model.access.csv": ACCESS, "my_mod/views/views.xml": VIEWS,
    "my_mod/static/src/js/dash.js": JS,
    "other_mod/__manifest__.py": OTHER_MANIFEST, "other_mod/views/menu.xml": OTHER_XML,
}
CROSS = ["XML201", "XML202", "XML203", "XML204", "XML205", "XML206", "CSV101", "CSV102", "CSV103"]


def test_crossfile_findings_exact(tmp_path):
    res = lint(tmp_path, TREE, odoo_version="17.0", select=CROSS)
    assert not res.errors
    assert rows(res, tmp_path) == [
        ("my_mod/security/ir.model.access.csv", "CSV101", 3, 36,
         "`my_mod.model_my_thing_lines`: addon `my_mod` defines or extends no model with this xml id"),
        ("my_mod/security/ir.model.access.csv", "CSV102", 3, 57,
         "Group `my_mod.group_thing_manager` is not defined in addon `my_mod`"),
        ("my_mod/security/ir.model.access.csv", "CSV103", 2, 1,
         "Duplicate CSV id `my_mod.access_my_thing`: defined again at line 4; each later definition silently "
         "updates the same record"),
        ("my_mod/security/ir.model.access.csv", "XML203", 4, 36,
         "`other_mod.group_other` belongs to `other_mod`, which `my_mod` does not depend on: add it to `depends`"),
        ("my_mod/views/views.xml", "XML201", 3, 3,
         "Duplicate xml id `my_mod.view_thing_form`: defined again at line 16; each later definition silently "
         "updates the same record"),
        ("my_mod/views/views.xml", "XML202", 46, 42, "xml id `my_mod.menu_rot` is not defined in addon `my_mod`"),
        ("my_mod/views/views.xml", "XML202", 46, 77, "xml id `my_mod.group_nope` is not defined in addon `my_mod`"),
        ("my_mod/views/views.xml", "XML203", 45, 66,
         "`other_mod.menu_top` belongs to `other_mod`, which `my_mod` does not depend on: add it to `depends`"),
        ("my_mod/views/views.xml", "XML203", 47, 15,
         "`other_mod.group_other` belongs to `other_mod`, which `my_mod` does not depend on: add it to `depends`"),
        ("my_mod/views/views.xml", "XML204", 9, 22, "Field `parnter_id` does not exist in model `my.thing`"),
        ("my_mod/views/views.xml", "XML204", 10, 70, "Field `qtty` does not exist in model `my.thing.line`"),
        ("my_mod/views/views.xml", "XML205", 7, 76, "`action_confrim` is not a method of model `my.thing`"),
        ("my_mod/views/views.xml", "XML206", 39, 23,
         "No JavaScript of `my_mod` or its dependencies registers the client action `my_dashbaord`"),
    ]


def test_crossfile_clean_when_depends_and_definitions_fixed(tmp_path):
    tree = dict(TREE)
    tree["my_mod/__manifest__.py"] = MY_MANIFEST.replace("['mail']", "['mail', 'other_mod']")
    tree["my_mod/security/ir.model.access.csv"] = (
        "id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink\n"
        "access_my_thing,my.thing,model_my_thing,base.group_user,1,1,1,1\n"
        "access_my_thing_line,my.thing.line,model_my_thing_line,other_mod.group_other,1,1,1,1\n")
    tree["my_mod/views/views.xml"] = (VIEWS.replace("parnter_id", "partner_id").replace("action_confrim", "action_confirm")
                                      .replace("my_dashbaord", "my_dashboard").replace("menu_rot", "menu_root")
                                      .replace('"qtty"', '"qty"')
                                      .replace(",!my_mod.group_nope", "")
                                      .replace('<record id="view_thing_form" model="ir.ui.view">\n    <field name="model">my.thing</field>\n    <field name="arch" type="xml"><list>',
                                               '<record id="view_thing_list" model="ir.ui.view">\n    <field name="model">my.thing</field>\n    <field name="arch" type="xml"><list>'))
    res = lint(tmp_path, tree, odoo_version="17.0", select=CROSS)
    assert rows(res, tmp_path) == []
    # the JS registration is what makes `my_dashboard` known: without it the tag is reported
    (tmp_path / "my_mod/static/src/js/dash.js").write_text("// nothing registered\n")
    (tmp_path / "my_mod/static/tests").mkdir()
    (tmp_path / "my_mod/static/tests/mock.js").write_text(JS)   # a test-only registration does not count
    res = lint(tmp_path, select=["XML206"], odoo_version="17.0")
    assert [r[1:4] for r in rows(res, tmp_path)] == [("XML206", 35, 23), ("XML206", 39, 23)]


def test_xml_noqa_and_oca_hooks_comments(tmp_path):
    views = VIEWS.replace('"qtty"', '"qty"').replace('  <record id="view_thing_form" model="ir.ui.view">\n    <field name="model">my.thing</field>\n    <field name="arch" type="xml"><list>',
                          '  <!-- oca-hooks:disable=xml-duplicate-record-id -->\n  <record id="view_thing_form" model="ir.ui.view">\n    <field name="model">my.thing</field>\n    <field name="arch" type="xml"><list>')
    views = views.replace('        <field name="parnter_id"/>', '        <!-- odoolint: noqa: XML204 -->\n        <field name="parnter_id"/>')
    tree = dict(TREE, **{"my_mod/views/views.xml": views})
    res = lint(tmp_path, tree, odoo_version="17.0", select=["XML201", "XML204", "OL001"])
    assert rows(res, tmp_path) == []
    # a noqa for a code that finds nothing there is reported as unused; the oca-hooks form never is
    views2 = views.replace("<!-- odoolint: noqa: XML204 -->", "<!-- odoolint: noqa: XML205 -->")
    (tmp_path / "my_mod/views/views.xml").write_text(views2)
    res = lint(tmp_path, odoo_version="17.0", select=["XML201", "XML204", "XML205", "OL001"])
    assert [r[1:4] for r in rows(res, tmp_path)] == [("OL001", 9, 9), ("XML204", 10, 22), ("XML205", 7, 76)]


def test_xml_noqa_on_file_rule(tmp_path):
    xml = ('<odoo>\n  <record id="v" model="ir.ui.view"><field name="arch" type="xml">\n'
           '    <!-- odoolint: noqa: view-tree-to-list -->\n    <tree><field name="a"/></tree>\n'
           '    <tree><field name="b"/></tree>\n  </field></record>\n</odoo>\n')
    res = lint(tmp_path, {"m/__manifest__.py": "{'name': 'm'}\n", "m/views/v.xml": xml}, odoo_version="18.0",
               select=["XML101"])
    assert [r[1:4] for r in rows(res, tmp_path)] == [("XML101", 5, 6)]


def _ctx(tmp_path, rel, text, kind, addon="my_mod"):
    t = decode(text.encode(), kind)
    tree = parse(kind, t, str(tmp_path / rel))
    return FileContext(str(tmp_path / rel), rel, kind, t, tree, None, addon, str(tmp_path / addon), {})


def test_xml_ids_facts_schema(tmp_path):
    from odoolint.rules.xml.facts import extract_csv_ids, extract_js_actions, extract_xml_ids
    data = extract_xml_ids(_ctx(tmp_path, "my_mod/views/views.xml", VIEWS, "xml"))
    assert set(data) == {"defined", "referenced", "views", "client_actions", "functions"} and data["functions"] == 0
    assert data["defined"][0] == {"id": "my_mod.view_thing_form", "model": "ir.ui.view", "line": 3,
                                  "span": {"start": [3, 15, 60], "end": [3, 30, 75]}}
    assert [d["id"] for d in data["defined"]] == [
        "my_mod.view_thing_form", "my_mod.view_thing_form", "my_mod.view_partner", "my_mod.view_aliased",
        "my_mod.view_thing_inherit", "my_mod.action_dash", "my_mod.action_dash2", "my_mod.action_reload",
        "my_mod.menu_root", "my_mod.menu_2"]
    assert [(r["id"], r["line"], r["attr"]) for r in data["referenced"]] == [
        ("my_mod.view_thing_form", 30, "ref"), ("other_mod.menu_top", 45, "parent"),
        ("my_mod.action_dash", 45, "action"), ("my_mod.menu_rot", 46, "parent"),
        ("base.group_user", 46, "groups"), ("my_mod.group_nope", 46, "groups"), ("other_mod.group_other", 47, "id")]
    first = data["views"][0]
    assert (first["id"], first["model"], first["type"], first["inherit"]) == ("my_mod.view_thing_form", "my.thing",
                                                                             "form", False)
    assert [f["name"] for f in first["fields"]] == ["name", "parnter_id", "line_ids", "activity_ids", "message_ids",
                                                    "create_date"]
    assert [b["name"] for b in first["buttons"]] == ["action_confirm", "action_confrim", "action_archive"]
    assert [(f["name"], f["via"]) for f in first["subview_fields"]] == [("qty", ["line_ids"]), ("qtty", ["line_ids"])]
    assert data["views"][4]["inherit"] is True and data["views"][4]["fields"] == []
    assert [c["tag"] for c in data["client_actions"]] == ["my_dashboard", "my_dashbaord", "reload"]
    csv = extract_csv_ids(_ctx(tmp_path, "my_mod/security/ir.model.access.csv", ACCESS, "csv"))
    assert [(d["id"], d["model"], d["line"]) for d in csv["defined"]][:2] == [
        ("my_mod.access_my_thing", "ir.model.access", 2), ("my_mod.access_my_thing_line", "ir.model.access", 3)]
    assert [(r["id"], r["attr"], r["span"]["start"][1]) for r in csv["referenced"]][:2] == [
        ("my_mod.model_my_thing", "model_id:id", 26), ("base.group_user", "group_id:id", 41)]
    js = extract_js_actions(_ctx(tmp_path, "my_mod/static/src/js/a.js",
                                 JS + 'registry.category("actions").add("b.c", B);\n'
                                      "registry\n  .category('actions')\n  .add('d', D);\n"
                                      'registry.category("fields").add("not_an_action", F);\n', "js"))
    assert js == {"registered_actions": ["b.c", "d", "my_dashboard"]}


def test_duplicates_per_manifest_section(tmp_path):
    manifest = ("{'name': 'd', 'version': '17.0.1.0.0', 'depends': ['base'], 'data': ['data/a.xml', 'data/b.xml'],"
                " 'demo': ['demo/demo.xml']}\n")
    rec = '<odoo>\n  <record id="x" model="res.partner"><field name="name">X</field></record>\n</odoo>\n'
    res = lint(tmp_path, {"d/__manifest__.py": manifest, "d/data/a.xml": rec, "d/data/b.xml": rec,
                          "d/demo/demo.xml": rec}, odoo_version="17.0", select=["XML201"])
    assert rows(res, tmp_path) == [
        ("d/data/a.xml", "XML201", 2, 3, "Duplicate xml id `d.x`: defined again at data/b.xml:2; each later "
                                         "definition silently updates the same record")]
    assert [d.severity.value for d in res.diagnostics] == ["warning"]
