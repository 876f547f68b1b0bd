"""Regressions found by running odoolint on real published addons (fixtures here are our own, minimal)."""
from __future__ import annotations

from tests.helpers import lint, rows

REC = '<odoo>\n  <record id="rule_x" model="ir.rule"><field name="name">X</field></record>\n</odoo>\n'


def test_xml201_ignores_unlisted_migration_file_against_listed_data(tmp_path):
    # migrations/<v>/noupdate_changes.xml is loaded by a migration script on purpose over the same record
    manifest = "{'name': 'd', 'version': '18.0.1.0.0', 'depends': ['base'], 'data': ['security/rules.xml']}\n"
    res = lint(tmp_path, {"d/__manifest__.py": manifest, "d/security/rules.xml": REC,
                          "d/migrations/18.0.1.0.0/noupdate_changes.xml": REC},
               odoo_version="18.0", select=["XML201"])
    assert rows(res, tmp_path) == []


def test_xml201_still_reports_repeats_inside_one_unlisted_file(tmp_path):
    manifest = "{'name': 'd', 'version': '18.0.1.0.0', 'depends': ['base'], 'data': []}\n"
    res = lint(tmp_path, {"d/__manifest__.py": manifest,
                          "d/migrations/18.0.1.0.0/noupdate_changes.xml": REC.replace("</odoo>", REC[7:])},
               odoo_version="18.0", select=["XML201"])
    assert rows(res, tmp_path) == [
        ("d/migrations/18.0.1.0.0/noupdate_changes.xml", "XML201", 2, 3,
         "Duplicate xml id `d.rule_x`: defined again at line 3; each later definition silently updates the same "
         "record")]


def _kanban(templates: str) -> str:
    return ('<odoo>\n  <record id="v" model="ir.ui.view">\n    <field name="model">res.partner</field>\n'
            '    <field name="arch" type="xml">\n      <kanban>\n        <templates>\n' + templates +
            '        </templates>\n      </kanban>\n    </field>\n  </record>\n</odoo>\n')


def test_xml103_kanban_menu_next_to_card_is_never_rendered_in_18(tmp_path):
    src = _kanban('          <t t-name="card"><field name="name"/></t>\n'
                  '          <t t-name="kanban-menu"><a type="edit">Edit</a></t>\n')
    res = lint(tmp_path, {"m/__manifest__.py": "{'name': 'm', 'depends': ['base']}\n", "m/views/v.xml": src},
               odoo_version="18.0", select=["XML103"])
    assert rows(res, tmp_path) == [
        ("m/views/v.xml", "XML103", 8, 22, '`t-name="kanban-menu"` is never rendered: this kanban has a `card` '
                                            'template, so Odoo 18.0 reads its menu from `menu`')]
    assert [d.severity.value for d in res.diagnostics] == ["error"]
    res = lint(tmp_path, odoo_version="18.0", select=["XML103"], fix=True, unsafe=True)
    assert (tmp_path / "m/views/v.xml").read_text() == src.replace('"kanban-menu"', '"menu"')
    assert lint(tmp_path, odoo_version="18.0", select=["XML103"], fix=True, unsafe=True).diagnostics == []


def test_xml103_kanban_menu_in_legacy_arch_stays_a_deprecation_in_18(tmp_path):
    src = _kanban('          <t t-name="kanban-box"><div><field name="name"/></div></t>\n'
                  '          <t t-name="kanban-menu"><a type="edit">Edit</a></t>\n')
    res = lint(tmp_path, {"m/__manifest__.py": "{'name': 'm', 'depends': ['base']}\n", "m/views/v.xml": src},
               odoo_version="18.0", select=["XML103"])
    assert rows(res, tmp_path) == [
        ("m/views/v.xml", "XML103", 7, 22, '`t-name="kanban-box"` deprecated since Odoo 18.0 (use `card`)'),
        ("m/views/v.xml", "XML103", 8, 22, '`t-name="kanban-menu"` deprecated since Odoo 18.0 (use `menu`)')]
    assert [d.severity.value for d in res.diagnostics] == ["warning", "warning"]


_JOB_MODEL = '''from odoo import fields, models
from odoo.addons.base_sparse_field.models.fields import Serialized


class Job(models.Model):
    _name = "m.job"
    _description = "Job"

    name = fields.Char()
    graph = Serialized()
    partner_id: fields.Many2one = fields.Many2one("res.partner")
'''
_JOB_VIEW = ('<odoo>\n  <record id="v" model="ir.ui.view">\n    <field name="model">m.job</field>\n'
             '    <field name="arch" type="xml">\n      <form>\n        <field name="graph"/>\n'
             '        <field name="partner_id"/>\n        <field name="nmae"/>\n      </form>\n    </field>\n'
             '  </record>\n</odoo>\n')


def test_view_fields_know_custom_field_classes_and_annotated_fields(tmp_path):
    """queue_job's `graph = Serialized()` and Odoo 19's `x: T = fields.X()` are fields of the model."""
    res = lint(tmp_path, {"m/__manifest__.py": "{'name': 'm', 'version': '17.0.1.0.0', 'depends': ['base']}\n",
                          "m/models/job.py": _JOB_MODEL, "m/views/job.xml": _JOB_VIEW},
               odoo_version="17.0", select=["XML204"])
    assert rows(res, tmp_path) == [("m/views/job.xml", "XML204", 8, 22, "Field `nmae` does not exist in model `m.job`")]


_SQL = '''from odoo import models


class Job(models.Model):
    _inherit = "res.partner"

    def a(self, value, op):
        self.env.cr.execute(f"SELECT id FROM {self._table} WHERE x = %s", (value,))
        self.env.cr.execute(f"SELECT id FROM res_partner WHERE x {op} %s", (value,))
'''


def test_sql_injection_knows_the_model_table_and_says_when_params_are_passed(tmp_path):
    res = lint(tmp_path, {"m/__manifest__.py": "{'name': 'm', 'version': '17.0.1.0.0', 'depends': ['base']}\n",
                          "m/models/job.py": _SQL}, odoo_version="17.0", select=["PY401"])
    assert rows(res, tmp_path) == [
        ("m/models/job.py", "PY401", 9, 29,
         "SQL query text built with an f-string although parameters are passed separately: whatever is "
         "interpolated into the text is not escaped; pass it as a parameter too, or compose identifiers with "
         "`psycopg2.sql.Identifier` / `odoo.tools.SQL`")]


def test_two_copies_of_one_addon_are_not_duplicates_of_each_other(tmp_path):
    manifest = "{'name': 'd', 'version': '18.0.1.0.0', 'depends': ['base'], 'data': ['security/rules.xml']}\n"
    res = lint(tmp_path, {"a/d/__manifest__.py": manifest, "a/d/security/rules.xml": REC,
                          "b/d/__manifest__.py": manifest, "b/d/security/rules.xml": REC},
               odoo_version="18.0", select=["XML201"])
    assert rows(res, tmp_path) == []


_RULES_XML = (
    '<odoo>\r\n  <record id="r1" model="ir.rule">\r\n'
    "    <field name=\"domain_force\">['|', ('group_id', 'in', user.groups_id.ids), (1, '=', 1)]</field>\r\n"
    '  </record>\r\n  <record id="r2" model="ir.rule">\r\n'
    "    <field name=\"domain_force\" eval=\"[('x', 'in', user.groups_id.ids)]\"/>\r\n"
    "    <field name=\"name\">user.groups_id stays in prose</field>\r\n"
    '  </record>\r\n</odoo>\r\n')


def test_record_rule_domains_reading_user_groups_id(tmp_path):
    files = {"m/__manifest__.py": "{'name': 'm', 'version': '18.0.1.0.0', 'depends': ['base']}\n",
             "m/security/rules.xml": _RULES_XML}
    msg = ("`user.groups_id` in a record rule: res.users.groups_id was renamed `group_ids` in Odoo 19.0, so "
           "evaluating this rule fails on every access; use `user.group_ids`")
    assert rows(lint(tmp_path, files, odoo_version="19.0", select=["XML117"]), tmp_path) == [
        ("m/security/rules.xml", "XML117", 3, 62, msg), ("m/security/rules.xml", "XML117", 6, 56, msg)]
    assert rows(lint(tmp_path, odoo_version="18.0", select=["XML117"]), tmp_path) == []
    lint(tmp_path, odoo_version="19.0", select=["XML117"], fix=True)
    fixed = (tmp_path / "m/security/rules.xml").read_bytes().decode()
    assert fixed == _RULES_XML.replace("user.groups_id.ids", "user.group_ids.ids")
    assert lint(tmp_path, odoo_version="19.0", select=["XML117"], fix=True).fixed == {}
