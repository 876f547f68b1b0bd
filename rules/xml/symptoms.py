"""What Odoo prints when the broken state an XML/CSV rule finds is loaded (see odoolint/symptoms.py)."""
import re

from odoolint.symptoms import Symptom

# the models and fields of model_changes.FIELD_CHANGES / VALUE_CHANGES (a test keeps them in step; importing that
# module here would be circular: its rules load this table while they register)
_REMOVED_FIELDS = ("address_home_id", "category_id", "detailed_type", "mobile", "period_lock_date", "qty_done",
                   "product_uom", "quantity_done", "reserved_qty", "reserved_uom_qty", "reversal_move_id", "tax_id",
                   "taxes_id", "user_id")
_REMOVED_FIELD_MODELS = ("account.move", "hr.employee", "ir.filters", "product.product", "product.template",
                         "purchase.order.line", "res.company", "res.partner", "res.users", "sale.order.line", "stock.move",
                         "stock.move.line", "uom.uom")
_REMOVED_VALUES = (("product.product", "type", "product"), ("product.template", "type", "product"))


def _alternatives(values) -> str:
    return "|".join(re.escape(v) for v in sorted(set(values)))

_INVALID_FIELD = ("Odoo", "odoo/models.py `BaseModel.create`/`write`: ValueError(\"Invalid field %r on model %r\") "
                  "(16.0-18.0; odoo/orm/models.py in 19.0)")
_XMLID = ("Odoo", "odoo/addons/base/models/ir_model.py `IrModelData._xmlid_lookup`: "
          "ValueError('External ID not found in the system: %s') (16.0-19.0)")

SYMPTOMS = {
    "XML105": (
        Symptom(r"Invalid field '(?P<field>numbercall|doall)' on model '(?P<model>ir\.cron)'", *_INVALID_FIELD,
                "ValueError: Invalid field 'numbercall' on model 'ir.cron'",
                "ir.cron lost `numbercall` and `doall` in Odoo 18.0; a data file still sets them"),
    ),
    "XML107": (
        Symptom(r"Invalid field '(?P<field>groups_id)' on model '(?P<model>[\w.]+)'", *_INVALID_FIELD,
                "ValueError: Invalid field 'groups_id' on model 'ir.ui.menu'",
                "Odoo 19.0 renamed `groups_id` to `group_ids` on users, menus, views, actions and reports"),
    ),
    "XML108": (
        Symptom(r"Invalid field '(?P<field>users|category_id)' on model '(?P<model>res\.groups)'", *_INVALID_FIELD,
                "ValueError: Invalid field 'category_id' on model 'res.groups'",
                "Odoo 19.0 replaced res.groups `users`/`category_id` by `user_ids`/`privilege_id`"),
    ),
    "XML111": (
        Symptom(rf"Invalid field '(?P<field>{_alternatives(_REMOVED_FIELDS)})' on model "
                rf"'(?P<model>{_alternatives(_REMOVED_FIELD_MODELS)})'", *_INVALID_FIELD,
                "ValueError: Invalid field 'reversal_move_id' on model 'account.move'",
                "a record sets a field that Odoo removed or renamed on a core model"),
    ),
    "XML101": (
        Symptom(r"Invalid view type: '(?P<type>tree)'", "Odoo",
                "odoo/addons/base/models/ir_ui_view.py `IrUiView.create` ValidationError \"Invalid view type: "
                "'%(view_type)s'\" (odoo/odoo after 17.0; 18.0+ selection has no 'tree')",
                "Invalid view type: 'tree'.",
                "Odoo 18.0 renamed the `tree` view type `list`: a `<tree>` arch no longer validates"),
        Symptom(r"Wrong value for ir\.ui\.view\.type: '(?P<type>tree)'", "Odoo",
                "odoo/fields.py `Selection.convert_to_cache` ValueError(\"Wrong value for %s: %r\") on "
                "ir.ui.view.type, whose 18.0/19.0 selection has 'list' and no 'tree'",
                "ValueError: Wrong value for ir.ui.view.type: 'tree'",
                "Odoo 18.0 renamed the `tree` view type `list`"),
    ),
    "XML102": (
        Symptom(r"Since 17\.0, the \"attrs\" and \"states\" attributes are no longer used", "Odoo",
                "odoo/addons/base/models/ir_ui_view.py `_check_xml` ValidationError (17.0-19.0)",
                'Since 17.0, the "attrs" and "states" attributes are no longer used.',
                "a view still uses `attrs`/`states`, which Odoo 17.0 rejects"),
    ),
    "XML115": (
        Symptom(rf"Wrong value for (?P<field>{_alternatives(m + '.' + f for m, f, _ in _REMOVED_VALUES)}): "
                rf"'(?P<value>{_alternatives(v for _, _, v in _REMOVED_VALUES)})'", "Odoo",
                "odoo/fields.py `Selection.convert_to_cache` ValueError(\"Wrong value for %s: %r\") (16.0-18.0; "
                "odoo/orm/fields_selection.py in 19.0)",
                "ValueError: Wrong value for product.template.type: 'product'",
                "Odoo 18.0 dropped the storable product type `product` (now `consu` + `is_storable`)"),
    ),
    "XML202": (
        Symptom(r"External ID not found in the system: (?P<xmlid>[\w.-]+)", *_XMLID,
                "ValueError: External ID not found in the system: my_module.action_missing",
                "a `ref`/`eval` names an xml id that its addon never defines", specific=False),
    ),
    "XML203": (
        Symptom(r"External ID not found in the system: (?P<xmlid>[\w.-]+)", *_XMLID,
                "ValueError: External ID not found in the system: sale.view_order_form",
                "a `ref` names an xml id of an addon missing from `depends` (not loaded yet, or not installed)",
                specific=False),
    ),
    "CSV102": (
        Symptom(r"External ID not found in the system: (?P<xmlid>[\w.-]+)", *_XMLID,
                "ValueError: External ID not found in the system: my_module.group_manager",
                "an ir.model.access row names a group that does not exist", specific=False),
    ),
    "XML204": (
        Symptom(r"Field \"(?P<field>\w+)\" does not exist in model \"(?P<model>[\w.]+)\"", "Odoo",
                "odoo/addons/base/models/ir_ui_view.py `_validate_tag_field` 'Field \"%(field_name)s\" does not "
                "exist in model \"%(model_name)s\"' (16.0-19.0)",
                'Field "x_priority" does not exist in model "res.partner"',
                "a view shows a field its model does not have"),
    ),
    "XML205": (
        Symptom(r"(?P<method>\w+) is not a valid action on (?P<model>[\w.]+)", "Odoo",
                "odoo/addons/base/models/ir_ui_view.py `_validate_tag_button` \"%(action_name)s is not a valid "
                "action on %(model_name)s\" (16.0-19.0)",
                "action_confirm_all is not a valid action on sale.order",
                "a `type=\"object\"` button calls a method the model lacks"),
    ),
    "XML206": (
        Symptom(r"Cannot find key \"(?P<tag>[^\"]+)\" in the \"actions\" registry", "the Odoo web client (browser)",
                "addons/web/static/src/core/registry.js `Registry.get` KeyNotFoundError (odoo/odoo 0bff190, "
                "17.0+)",
                'KeyNotFoundError: Cannot find key "my_dashboard" in the "actions" registry',
                "an ir.actions.client tag that no JavaScript registers in the actions registry"),
    ),
}
