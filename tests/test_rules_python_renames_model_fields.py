"""Tests of rules/python/renames/model_fields.py (PY110, PY118, PY207, PY208, PY308)."""
from tests.helpers import lint, rows

MAN = "{'name': 'X', 'version': '18.0.1.0.0', 'license': 'LGPL-3', 'depends': ['sale']}\n"


SRC = '''from odoo import api, fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    tax_id = fields.Many2many("account.tax")  # override

    @api.depends("tax_id", "tax_id.amount", "product_id")
    def _compute_x(self):
        for line in self.filtered("tax_id"):
            line.x = len(line.tax_id) + len(self.tax_id)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "tax_id" in vals and vals.get("tax_id"):
                vals["tax_id"] = vals.pop("tax_id")
        return super().create(vals_list)


class Custom(models.Model):
    _name = "my.custom"

    tax_id = fields.Many2one("account.tax")
    taxes_id = fields.Many2many("account.tax")

    def f(self):
        lines = self.env["sale.order.line"].sudo().search([("tax_id", "=", False), ("name", "=", "x")])
        self.env["product.template"].create({"taxes_id": False})
        self.env["purchase.order.line"].create([{"taxes_id": False}])
        self.env["res.users"].write({"groups_id": [(4, 1)]})
        return self.tax_id, lines.tax_id, self.write({"tax_id": 1})
'''


def test_type_aware_renames(tmp_path):
    r = lint(tmp_path, {"my_mod/__manifest__.py": MAN, "my_mod/models/m.py": SRC}, odoo_version="19.0",
             select=["PY110"])
    got = [(line, col, msg) for _, _, line, col, msg in rows(r, tmp_path)]
    sol = "`tax_id` was renamed `tax_ids` on sale.order.line in Odoo 19.0"
    assert got == [
        (7, 5, sol), (9, 18, sol), (9, 28, sol), (11, 35, sol), (12, 31, sol), (12, 50, sol),
        (17, 16, sol), (17, 46, sol), (18, 22, sol), (18, 43, sol),
        (29, 61, sol),
        (31, 50, "`taxes_id` was renamed `tax_ids` on purchase.order.line in Odoo 19.0"),
        (32, 38, "`groups_id` was renamed `group_ids` on res.users in Odoo 19.0"),
    ]
    assert all(d.severity.value == "error" for d in r.diagnostics)
    lint(tmp_path, None, odoo_version="19.0", select=["PY110"], fix=True)
    out = (tmp_path / "my_mod/models/m.py").read_text()
    compile(out, "m.py", "exec")
    lines = out.splitlines()
    assert lines[6] == '    tax_ids = fields.Many2many("account.tax")  # override'
    assert lines[8] == '    @api.depends("tax_ids", "tax_ids.amount", "product_id")'
    assert lines[11] == "            line.x = len(line.tax_ids) + len(self.tax_ids)"
    assert lines[17] == '                vals["tax_ids"] = vals.pop("tax_ids")'
    # the custom model keeps its own fields, product.template keeps taxes_id
    assert lines[24:26] == ['    tax_id = fields.Many2one("account.tax")', '    taxes_id = fields.Many2many("account.tax")']
    # the file's longest line, one character longer with `tax_ids`: split as black splits it (#13: no line made
    # longer than the file's longest)
    assert lines[28:31] == ['        lines = self.env["sale.order.line"].sudo().search(',
                            '            [("tax_ids", "=", False), ("name", "=", "x")]', '        )']
    assert lines[31] == '        self.env["product.template"].create({"taxes_id": False})'
    assert lines[34] == '        return self.tax_id, lines.tax_id, self.write({"tax_id": 1})'
    again = lint(tmp_path, None, odoo_version="19.0", select=["PY110"], fix=True)
    assert rows(again, tmp_path) == [] and (tmp_path / "my_mod/models/m.py").read_text() == out


def test_gated_before_19(tmp_path):
    r = lint(tmp_path, {"my_mod/__manifest__.py": MAN, "my_mod/models/m.py": SRC}, odoo_version="18.0",
             select=["PY110"])
    assert rows(r, tmp_path) == []


def test_renamed_18_and_res_groups_users(tmp_path):
    src = ("def f(self):\n    moves = self.env['account.move'].search([('reversal_move_id', '!=', False)])\n"
           "    return self.env['res.groups'].create({'name': 'g', 'users': [(4, 1)]})\n")
    r = lint(tmp_path, {"my_mod/__manifest__.py": MAN, "my_mod/models/x.py": src}, odoo_version="19.0",
             select=["PY110", "PY207"])
    assert rows(r, tmp_path) == [
        ("my_mod/models/x.py", "PY110", 3, 56, "`users` was renamed `user_ids` on res.groups in Odoo 19.0"),
        ("my_mod/models/x.py", "PY207", 2, 47, "`reversal_move_id` was renamed `reversal_move_ids` on account.move "
         "in Odoo 18.0")]
    r = lint(tmp_path, None, odoo_version="17.0", select=["PY110", "PY207"])
    assert rows(r, tmp_path) == []


def test_removed_fields_are_reported_without_fix(tmp_path):
    src = ('from odoo import models\n\n\nclass Line(models.Model):\n    _inherit = "stock.move.line"\n\n'
           "    def done(self):\n        for line in self:\n            line.qty_done = line.reserved_uom_qty\n\n\n"
           "def f(self):\n    self.env['res.partner'].create({'name': 'n', 'mobile': '1'})\n"
           "    self.env['my.model'].create({'mobile': '1'})\n")
    r = lint(tmp_path, {"my_mod/__manifest__.py": MAN, "my_mod/models/y.py": src}, odoo_version="19.0",
             select=["PY308", "PY208", "PY118"])
    assert rows(r, tmp_path) == [
        ("my_mod/models/y.py", "PY118", 13, 50, "`mobile` no longer exists on res.partner in Odoo 19.0: use `phone`"),
        ("my_mod/models/y.py", "PY308", 9, 18, "`qty_done` no longer exists on stock.move.line in Odoo 17.0: use "
         "`quantity` (and `picked=True` once done)"),
        ("my_mod/models/y.py", "PY308", 9, 34, "`reserved_uom_qty` no longer exists on stock.move.line in Odoo 17.0: "
         "use `quantity`")]
    assert all(d.fix is None for d in r.diagnostics)
    r = lint(tmp_path, None, odoo_version="16.0", select=["PY308", "PY208", "PY118"])
    assert rows(r, tmp_path) == []


def test_env_model_through_browse_and_search(tmp_path):
    src = ("def f(self, ids):\n    self.env['sale.order.line'].browse(ids).write({'tax_id': False})\n"
           "    self.env['sale.order.line'].search([]).write({'tax_id': False})\n"
           "    self.env['sale.order'].browse(ids).write({'tax_id': False})\n")
    r = lint(tmp_path, {"my_mod/__manifest__.py": MAN, "my_mod/models/z.py": src}, odoo_version="19.0",
             select=["PY110"])
    assert [x[2:4] for x in rows(r, tmp_path)] == [(2, 52), (3, 51)]


def test_ir_cron_numbercall(tmp_path):
    src = "def f(self):\n    self.env['ir.cron'].create({'name': 'x', 'numbercall': -1, 'doall': False})\n"
    r = lint(tmp_path, {"my_mod/__manifest__.py": MAN, "my_mod/models/c.py": src}, odoo_version="18.0",
             select=["PY208"])
    assert [x[2:5] for x in rows(r, tmp_path)] == [
        (2, 46, "`numbercall` no longer exists on ir.cron in Odoo 18.0: delete it (18.0 crons run "
         "until deactivated; a limited number of calls needs your own counter)"),
        (2, 64, "`doall` no longer exists on ir.cron in Odoo 18.0: delete it (18.0 never replays "
         "missed runs)")]


def test_res_groups_category(tmp_path):
    src = "def f(self, c):\n    return self.env['res.groups'].search([('category_id', '=', c)])\n"
    r = lint(tmp_path, {"my_mod/__manifest__.py": MAN, "my_mod/models/g.py": src}, odoo_version="19.0",
             select=["PY118"])
    assert [x[2:5] for x in rows(r, tmp_path)] == [
        (2, 44, "`category_id` no longer exists on res.groups in Odoo 19.0: use `privilege_id` (a "
         "`res.groups.privilege`, which carries the `category_id`)")]


GROUPS = '''from odoo import api, models


class Users(models.Model):
    _inherit = "res.users"

    @api.depends("groups_id")
    def _compute_x(self):
        group = self.env.ref("base.group_no_one")
        for user in self:
            if group not in user.groups_id:
                user.x = False
            user.y = user.groups_id.ids
        self.sudo().write({"groups_id": [(4, group.id)]})
        return self.search([("groups_id", "=", group.id)])


def f(self, group):
    self.env.user.groups_id |= group
    ok = group in self.env.user.groups_id
    self.assertIn(group, self.env.user.groups_id)
    return self.env["res.users"].search([("groups_id", "in", group.ids)])
'''


def test_groups_id_membership_uses_all_group_ids(tmp_path):
    """18.0's groups_id held the implied groups; 19.0's group_ids does not: membership tests and searches
    go to all_group_ids (never narrowing who matches), writes and other reads to group_ids."""
    r = lint(tmp_path, {"my_mod/__manifest__.py": MAN, "my_mod/models/g.py": GROUPS}, odoo_version="19.0",
             select=["PY110"])
    renamed = "`groups_id` was renamed `group_ids` on res.users in Odoo 19.0"
    closure = ("`groups_id` is gone from res.users in Odoo 19.0: its renamed field holds only the explicit "
               "entries; for this membership test or search use `all_group_ids`, which also holds the implied "
               "ones as `groups_id` did")
    assert [(line, col, msg) for _, _, line, col, msg in rows(r, tmp_path)] == [
        (7, 18, renamed), (11, 34, closure), (13, 27, renamed), (14, 28, renamed), (15, 30, closure),
        (19, 19, renamed), (20, 33, closure), (21, 40, closure), (22, 43, closure)]
    lint(tmp_path, None, odoo_version="19.0", select=["PY110"], fix=True)
    out = (tmp_path / "my_mod/models/g.py").read_text()
    assert out == GROUPS.replace(
        '"groups_id"', '"group_ids"', 2).replace(
        "not in user.groups_id", "not in user.all_group_ids").replace(
        "user.groups_id.ids", "user.group_ids.ids").replace(
        '("groups_id", "=", group.id)', '("all_group_ids", "=", group.id)').replace(
        "self.env.user.groups_id |=", "self.env.user.group_ids |=").replace(
        "in self.env.user.groups_id", "in self.env.user.all_group_ids").replace(
        "group, self.env.user.groups_id)", "group, self.env.user.all_group_ids)").replace(
        '("groups_id", "in", group.ids)', '("all_group_ids", "in", group.ids)')
    again = lint(tmp_path, None, odoo_version="19.0", select=["PY110"], fix=True)
    assert rows(again, tmp_path) == [] and (tmp_path / "my_mod/models/g.py").read_text() == out


GROUP_VALUES = '''from odoo import models


class Users(models.Model):
    _inherit = "res.users"

    def _exportable(self):
        return self.env["ir.model.access"].search([("group_id", "in", self.groups_id.ids)])


def g(self):
    return self.env["tier.exception"].search([("group_ids", "not in", self.env.user.groups_id.ids)])


def h(self):
    return len(self.env.user.groups_id.ids)
'''


def test_groups_id_as_the_value_of_an_in_domain_leaf_uses_all_group_ids(tmp_path):
    """`('group_id', 'in', user.groups_id.ids)` matched the implied groups too in 18.0: all_group_ids keeps that;
    a plain read (`len(...)`) gets group_ids."""
    r = lint(tmp_path, {"my_mod/__manifest__.py": MAN, "my_mod/models/g.py": GROUP_VALUES}, odoo_version="19.0",
             select=["PY110"])
    closure = ("`groups_id` is gone from res.users in Odoo 19.0: its renamed field holds only the explicit "
               "entries; for this membership test or search use `all_group_ids`, which also holds the implied "
               "ones as `groups_id` did")
    assert [(line, col, msg) for _, _, line, col, msg in rows(r, tmp_path)] == [
        (8, 76, closure), (12, 85, closure),
        (16, 30, "`groups_id` was renamed `group_ids` on res.users in Odoo 19.0")]
    lint(tmp_path, None, odoo_version="19.0", select=["PY110"], fix=True)
    out = (tmp_path / "my_mod/models/g.py").read_text()
    assert out == GROUP_VALUES.replace("self.groups_id.ids", "self.all_group_ids.ids").replace(
        '    return self.env["tier.exception"].search([("group_ids", "not in", self.env.user.groups_id.ids)])\n',
        # the file's longest line grew past itself: split as black splits it
        '    return self.env["tier.exception"].search(\n'
        '        [("group_ids", "not in", self.env.user.all_group_ids.ids)]\n'
        '    )\n').replace(
        "len(self.env.user.groups_id.ids)", "len(self.env.user.group_ids.ids)")
    again = lint(tmp_path, None, odoo_version="19.0", select=["PY110"], fix=True)
    assert rows(again, tmp_path) == [] and (tmp_path / "my_mod/models/g.py").read_text() == out


LOCALS = '''from odoo import models


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    def _visible(self):
        menus = self.with_context(full=True).search([]).sudo()
        shown = menus.filtered(lambda m: not m.groups_id)
        other = self.env["res.partner"].search([])
        other = menus
        return shown, other.filtered(lambda p: p.groups_id)


class ResUsers(models.Model):
    _inherit = "res.users"

    def _sync(self, groups):
        for user in self:
            vals = {}
            vals["groups_id"] = groups
            super(ResUsers, user).write(vals)
        data = {"groups_id": groups}
        return data
'''


def test_local_recordsets_and_vals_of_the_class_model(tmp_path):
    """`menus = self....search([])` holds menus, so does a lambda over it; a name also bound to another model's
    records (`other`) is left alone; a local dict passed to `super().write` is vals of res.users, a dict that is
    never written is not."""
    r = lint(tmp_path, {"my_mod/__manifest__.py": MAN, "my_mod/models/m.py": LOCALS}, odoo_version="19.0",
             select=["PY110"])
    assert [(line, col, msg) for _, _, line, col, msg in rows(r, tmp_path)] == [
        (9, 48, "`groups_id` was renamed `group_ids` on ir.ui.menu in Odoo 19.0"),
        (21, 18, "`groups_id` was renamed `group_ids` on res.users in Odoo 19.0"),
    ]
    lint(tmp_path, None, odoo_version="19.0", select=["PY110"], fix=True)
    out = (tmp_path / "my_mod/models/m.py").read_text()
    assert out == LOCALS.replace("not m.groups_id", "not m.group_ids").replace(
        'vals["groups_id"]', 'vals["group_ids"]')
    again = lint(tmp_path, None, odoo_version="19.0", select=["PY110"], fix=True)
    assert rows(again, tmp_path) == [] and (tmp_path / "my_mod/models/m.py").read_text() == out


ORDER_LINES = '''from odoo import Command, fields


def f(self, product, uom):
    self.env["sale.order"].create({
        "partner_id": 1,
        "order_line": [
            Command.create({"product_id": product.id, "product_uom": uom.id}),
            (0, 0, {"product_uom": uom.id}),
            fields.Command.update(7, {"product_uom": uom.id}),
            Command.link(8),
        ],
        "product_uom": 1,
    })
    self.env["purchase.order"].browse(1).write({"order_line": [(1, 3, {"product_uom": uom.id})]})
    self.env["purchase.order.line"].create({"product_uom": uom.id})
    self.env["stock.picking"].create({"move_ids": [Command.create({"product_uom": uom.id})]})
'''


def test_product_uom_in_order_line_commands_renamed_19(tmp_path):
    """`product_uom` of sale/purchase order lines is `product_uom_id` in 19.0, also in the vals of the `order_line`
    commands of an order; the order's own key and stock.move's `product_uom` are left alone."""
    r = lint(tmp_path, {"my_mod/__manifest__.py": MAN, "my_mod/models/o.py": ORDER_LINES}, odoo_version="19.0",
             select=["PY110"])
    sol = "`product_uom` was renamed `product_uom_id` on sale.order.line in Odoo 19.0"
    pol = "`product_uom` was renamed `product_uom_id` on purchase.order.line in Odoo 19.0"
    assert [(line, col, msg) for _, _, line, col, msg in rows(r, tmp_path)] == [
        (8, 55, sol), (9, 21, sol), (10, 39, sol), (15, 72, pol), (16, 45, pol)]
    lint(tmp_path, None, odoo_version="19.0", select=["PY110"], fix=True)
    out = (tmp_path / "my_mod/models/o.py").read_text()
    assert out == ORDER_LINES.replace('"product_uom": uom.id}),\n            (0', '"product_uom_id": uom.id}),\n            (0') \
        .replace('(0, 0, {"product_uom"', '(0, 0, {"product_uom_id"') \
        .replace('(7, {"product_uom"', '(7, {"product_uom_id"') \
        .replace('    self.env["purchase.order"].browse(1).write({"order_line": [(1, 3, {"product_uom": uom.id})]})\n',
                 '    self.env["purchase.order"].browse(1).write(\n'
                 '        {"order_line": [(1, 3, {"product_uom_id": uom.id})]}\n'
                 '    )\n') \
        .replace('create({"product_uom": uom.id})\n    self.env["stock', 'create({"product_uom_id": uom.id})\n    self.env["stock')
    assert '"product_uom": 1,' in out and 'Command.create({"product_uom": uom.id})]})' in out
    again = lint(tmp_path, None, odoo_version="19.0", select=["PY110"], fix=True)
    assert rows(again, tmp_path) == [] and (tmp_path / "my_mod/models/o.py").read_text() == out
    r = lint(tmp_path, {"my_mod/models/o.py": ORDER_LINES}, odoo_version="18.0", select=["PY110"])
    assert rows(r, tmp_path) == []
