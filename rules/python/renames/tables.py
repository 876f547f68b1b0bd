"""Mechanical Python renames as data: one table per Odoo version step. Odoo 20 means new rows.

Each row carries the version that deprecated the old form (`deprecated`, the rule's gate: warning) and the
version that removed or ignores it (`removed`: error from there on), and the source that proves it.
"""
from __future__ import annotations

# ---- field keyword arguments: fields.X(..., old=...) -> new= (None: delete the argument) -------------------
FIELD_KWARGS_18 = {
    "unaccent": {"new": None, "deprecated": "18.0", "removed": "18.0",
                 "source": "odoo/fields.py 17.0 line 1656 (`unaccent = True` on string fields); no `unaccent` "
                           "attribute in 18.0 odoo/fields.py (unknown parameters are ignored with a warning)"},
    "group_operator": {"new": "aggregator", "deprecated": "18.0", "removed": None,
                       "source": "odoo/fields.py 18.0 line 481 warns and maps it; 19.0 odoo/orm/fields.py 487"},
}
FIELD_KWARGS_19 = {
    "auto_join": {"new": "bypass_search_access", "deprecated": "19.0", "removed": "19.0",
                  "source": "odoo/fields.py 18.0 line 3105 `auto_join`; 19.0 odoo/orm/fields_relational.py "
                            "line 39 `bypass_search_access`, no `auto_join` left in odoo/orm/"},
}

# ---- imported names that moved: (module, name) -> (new module, new name) ---------------------------------
# a new module of "" means `import <new name>`
IMPORTS_18 = {
    ("odoo", "registry"): {"module": "odoo.modules.registry", "name": "Registry", "deprecated": "18.0",
                           "removed": "19.0",
                           "source": "odoo/__init__.py 18.0 `registry()` warns 'Use directly "
                                     "odoo.modules.registry.Registry'; 19.0 has no odoo/__init__.py function "
                                     "(odoo/init.py exports only SUPERUSER_ID, _, _lt, Command)"},
}
IMPORTS_19 = {
    ("odoo.tools", "lazy_property"): {"module": "functools", "name": "cached_property", "deprecated": "19.0",
                                      "removed": None,
                                      "source": "odoo/tools/func.py 19.0 line 32-36: lazy_property subclasses "
                                                "functools.cached_property and warns 'deprecated since Odoo 19'"},
    ("odoo.tools.func", "lazy_property"): {"module": "functools", "name": "cached_property",
                                           "deprecated": "19.0", "removed": None,
                                           "source": "odoo/tools/func.py 19.0 line 32-36"},
}

# ---- model fields renamed by Odoo: (model, old field) -> new field ---------------------------------------
FIELDS_19 = {
    ("sale.order.line", "tax_id"): "tax_ids",
    ("purchase.order.line", "taxes_id"): "tax_ids",
    ("res.users", "groups_id"): "group_ids",
    ("ir.ui.menu", "groups_id"): "group_ids",
    ("ir.ui.view", "groups_id"): "group_ids",
    ("ir.actions.act_window", "groups_id"): "group_ids",
    ("ir.actions.server", "groups_id"): "group_ids",
    ("ir.actions.report", "groups_id"): "group_ids",
    ("res.groups", "users"): "user_ids",
    ("sale.order.line", "product_uom"): "product_uom_id",
    ("purchase.order.line", "product_uom"): "product_uom_id",
}
FIELDS_19_SOURCE = ("18.0: addons/sale/models/sale_order_line.py:158 `tax_id`, purchase_order_line.py:33 `taxes_id`, "
                    "base res_users.py:381, ir_ui_menu.py:32, ir_ui_view.py:179, ir_actions.py:323/585, "
                    "ir_actions_report.py:166 `groups_id`; 19.0: sale_order_line.py:162 and purchase_order_line.py:33 "
                    "`tax_ids`, res_users.py:257, ir_ui_menu.py:29, ir_ui_view.py:175, ir_actions.py:328/660, "
                    "ir_actions_report.py:182 `group_ids`; res.groups `users` (18.0 base/models/res_users.py:183) -> `user_ids` "
                    "(19.0 base/models/res_groups.py:17); sale.order.line `product_uom` (18.0 sale_order_line.py, the "
                    "Many2one uom.uom above `tax_id`) and purchase.order.line `product_uom` (18.0 purchase_order_line.py:34) "
                    "-> `product_uom_id` (19.0 addons/sale/models/sale_order_line.py:132 and "
                    "addons/purchase/models/purchase_order_line.py:35, both Many2one uom.uom, no `product_uom` field "
                    "left; 19.0 lines checked in jnvdx6/skymedic-odoo, odoo/release.py version_info (19, 0, 0, FINAL))")
# (model, x2many field) -> comodel: the vals of `(0, 0, {...})`, `(1, id, {...})`, `Command.create({...})` and
# `Command.update(id, {...})` under that key of a vals dict are vals of the comodel
X2MANY_COMODELS = {
    ("sale.order", "order_line"): "sale.order.line",
    ("purchase.order", "order_line"): "purchase.order.line",
}
# membership tests on a renamed field whose new name holds less: (model, old field) -> the field to test instead.
# 18.0 res.users `groups_id` held the implied groups too (UsersImplied.create/write complete it); 19.0 `group_ids`
# holds the explicit ones and `all_group_ids` the closure.
MEMBERSHIP_19 = {
    ("res.users", "groups_id"): "all_group_ids",
}
MEMBERSHIP_19_SOURCE = ("18.0 odoo/addons/base/models/res_users.py class UsersImplied: create/write complete "
                        "'groups_id' with the implied groups; 19.0 res_users.py `group_ids` 'Groups explicitly "
                        "assigned to the user', `all_group_ids` 'Groups and implied groups' "
                        "(`_compute_all_group_ids` = group_ids.all_implied_ids, searchable); "
                        "odoo/upgrade_code/17.5-06-groups_id.py (19.0) rewrites `... in groups_id` to "
                        "`group_ids.all_implied_ids`")
FIELDS_18 = {
    ("account.move", "reversal_move_id"): "reversal_move_ids",
}
FIELDS_18_SOURCE = ("addons/account/models/account_move.py 17.0 line 492 `reversal_move_id = fields.One2many(...)`; "
                    "18.0 line 549 `reversal_move_ids` (same definition)")

# ---- 17 -> 18: odoo.addons.web.controllers.main became empty; names live in sibling modules ---------------
# (the 17.0 main.py's `_MOVED_TO_MAP`; `content_disposition` moved to odoo.http)
WEB_MAIN_MOVED = {
    "_get_login_redirect_url": "utils", "_local_web_translations": "webclient", "Action": "action",
    "allow_empty_iterable": "export", "Binary": "binary", "clean": "binary", "clean_action": "utils",
    "CONTENT_MAXAGE": "webclient", "CSVExport": "export", "Database": "database", "DataSet": "dataset",
    "DBNAME_PATTERN": "database", "ensure_db": "utils", "ExcelExport": "export", "Export": "export",
    "ExportFormat": "export", "ExportXlsxWriter": "export", "fix_view_modes": "utils",
    "generate_views": "utils", "GroupExportXlsxWriter": "export", "GroupsTreeNode": "export", "Home": "home",
    "none_values_filtered": "export", "OPERATOR_MAPPING": "export", "ReportController": "report",
    "Session": "session", "SIGN_UP_REQUEST_PARAMS": "home", "View": "view", "WebClient": "webclient",
}


# ---- model fields removed without a 1:1 replacement (reported, never auto-fixed): (model, field) -> hint -----
FIELDS_GONE_17 = {
    ("stock.move.line", "qty_done"): "use `quantity` (and `picked=True` once done)",
    ("stock.move.line", "reserved_qty"): "use `quantity`",
    ("stock.move.line", "reserved_uom_qty"): "use `quantity`",
    ("stock.move", "quantity_done"): "use `quantity` (and `picked`)",
}
FIELDS_GONE_17_SOURCE = ("addons/stock/models/stock_move_line.py 16.0 lines 35-40 (`reserved_qty`, `reserved_uom_qty`, "
                         "`qty_done`), stock_move.py 16.0 line 159 (`quantity_done`); 17.0 stock_move_line.py 36/42 "
                         "and stock_move.py 111/158 (`quantity`, `picked`)")
FIELDS_GONE_18 = {
    ("ir.cron", "numbercall"): "delete it (18.0 crons run until deactivated; a limited number of calls "
                               "needs your own counter)",
    ("ir.cron", "doall"): "delete it (18.0 never replays missed runs)",
    ("res.company", "period_lock_date"): "use `sale_lock_date` and `purchase_lock_date`",
    ("product.template", "detailed_type"): "use `type` ('consu', 'service', 'combo') plus `is_storable=True` for "
                                           "stock-tracked products",
    ("product.product", "detailed_type"): "use `type` ('consu', 'service', 'combo') plus `is_storable=True` for "
                                          "stock-tracked products",
}
FIELDS_GONE_18_SOURCE = ("odoo/addons/base/models/ir_cron.py 17.0 lines 67-68 `numbercall`, `doall`, absent in "
                         "18.0; addons/account/models/company.py 17.0 line 52 `period_lock_date`, 18.0 line 68 "
                         "`sale_lock_date` (and `purchase_lock_date`); addons/product/models/product_template.py "
                         "17.0 line 49 `detailed_type`, absent in 18.0; stock/models/product.py 18.0 line 666 "
                         "`is_storable`")
FIELDS_GONE_19 = {
    ("res.groups", "category_id"): "use `privilege_id` (a `res.groups.privilege`, which carries the `category_id`)",
    ("uom.uom", "category_id"): "use `relative_uom_id` and `factor` (19.0 has no unit categories)",
    ("res.partner", "mobile"): "use `phone`",
    ("res.users", "mobile"): "use `phone`",
}
FIELDS_GONE_19_SOURCE = ("odoo/addons/base/models/res_partner.py 18.0 line 280 `mobile = fields.Char()`; no `mobile` "
                         "field in 19.0 res_partner.py or res_users.py; addons/uom/models/uom_uom.py 18.0 line 56 "
                         "`category_id`, 19.0 line 41 `relative_uom_id` and no category; res.groups `category_id` (18.0 base/models/res_users.py:190) -> "
                         "`privilege_id` (19.0 res_groups.py:36, res_groups_privilege.py:13)")

# ---- models removed: model -> what to use ------------------------------------------------------------------
MODELS_GONE_17 = {
    "account.account.template": "write chart data as `@template(...)` methods of `account.chart.template` "
                                "(Python data since 17.0)",
    "account.tax.template": "write chart data as `@template(...)` methods of `account.chart.template` "
                            "(Python data since 17.0)",
}
MODELS_GONE_17_SOURCE = ("addons/account/models/chart_template.py 16.0 defines account.account.template and "
                         "account.tax.template; no `_name` of either in the 17.0, 18.0 or 19.0 trees")
MODELS_GONE_19 = {
    "uom.category": "reference another unit through `relative_uom_id` and a `factor` (no categories)",
    "hr.contract": "use `hr.version` (module `hr`; contract fields live on the employee's versions)",
}
MODELS_GONE_19_SOURCE = ("addons/uom/models/uom_uom.py 17.0/18.0 `_name = 'uom.category'`; addons/hr_contract "
                         "(`hr.contract`) in 17.0/18.0; neither model exists in the 19.0 tree, whose hr addon has "
                         "hr/models/hr_version.py")
# models Odoo renamed: old name -> new name (the same model under its new `_name`)
MODELS_RENAMED_19 = {
    "stock.quant.package": "stock.package",
}
MODELS_RENAMED_19_SOURCE = ("addons/stock/models/stock_quant.py 18.0 `class QuantPackage`, `_name = "
                            "'stock.quant.package'`; 19.0 addons/stock/models/stock_package.py line 18 `class "
                            "StockPackage`, `_name = 'stock.package'` (its parent_package_id, quant_ids, ... point "
                            "to `stock.package`), no `stock.quant.package` left in 19.0 addons/stock/models (checked in "
                            "jnvdx6/skymedic-odoo, odoo/release.py 19.0 FINAL)")
