"""18.0 -> 19.0: `groups_id` where the model is not known (PY215): every core model's `groups_id` became
`group_ids`, so one left anywhere is a break unless the addon defines its own field of that name."""
from __future__ import annotations

import ast

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule
from odoolint.sources.pytree import tree_index

from .. import layout
from ..common import mentions, offsets, per_tree, string_content_span

_OLD = "groups_id"
_OLD_WORDS = (_OLD,)        # one object: `mentions` keeps its answer per words object
_NEW = "group_ids"
_VALS_CALLS = {"create", "write", "new", "update"}
_DOMAIN_CALLS = {"search", "search_count", "search_read", "search_fetch", "filtered_domain", "_search",
                 "_read_group", "read_group"}


def _defines_own(tree) -> bool:
    """Does this file declare a `groups_id = fields.X(...)` field (a custom model's own field)?"""
    for n in tree_index(tree).of(ast.Assign):
        if len(n.targets) == 1 and isinstance(n.targets[0], ast.Name) \
                and n.targets[0].id == _OLD and isinstance(n.value, ast.Call):
            return True
    return False


def _stored_attributes(tree) -> frozenset:
    """ids of the `x.groups_id` attributes that are written: targets of `=` (also in a tuple) and of `|=`, `-=`,
    `+=` (built once per tree)."""
    found = set()
    for n in tree_index(tree).of(ast.Assign):
        for t in n.targets:
            for x in (t.elts if isinstance(t, (ast.Tuple, ast.List)) else (t,)):
                if isinstance(x, ast.Attribute) and x.attr == _OLD:
                    found.add(id(x))
    for n in tree_index(tree).of(ast.AugAssign):
        if isinstance(n.target, ast.Attribute) and n.target.attr == _OLD:
            found.add(id(n.target))
    return frozenset(found)


def _rename_fix(edit):
    return Fix((edit,), Applicability.UNSAFE, f"Rename to `{_NEW}` (the record's model is not known here)")


def _leaf_key(node):
    """The field-name constant of a domain leaf `('groups_id', op, value)`."""
    if isinstance(node, (ast.Tuple, ast.List)) and len(node.elts) == 3 and isinstance(node.elts[0], ast.Constant) \
            and node.elts[0].value == _OLD:
        return node.elts[0]
    return None


@rule("PY215", "groups-id-untyped-19", words=(_OLD,), summary="`groups_id` is `group_ids` on every core model since Odoo 19.0",
      kinds=["python"], severity="warning", since="19.0", fix="unsafe", tags=["migration"], precision="medium",
      nodes=(ast.Attribute, ast.Call), defers_to=["PY110"],
      names={ast.Attribute: (_OLD,), ast.Call: _VALS_CALLS | _DOMAIN_CALLS},
      what="Reports `groups_id` where PY110 cannot tell the model: `<x>.groups_id` on a record of unknown model, "
           "a `\"groups_id\"` key of a dict passed to `create`/`write` (or `new`/`update`) and `('groups_id', op, "
           "value)` leaves of `search*`/`filtered_domain` domains, on any receiver. Files that declare their own "
           "`groups_id = fields...` are skipped. Where the field is written (the vals keys, and `x.groups_id = "
           "...`, `|=`, `-=`, `+=`) the unsafe fix renames it `group_ids`: every core model that had `groups_id` "
           "calls it `group_ids` in 19.0 and a write means the same on each (on res.users the explicit groups; "
           "18.0 added the implied ones to the field itself, 19.0 derives them in `all_group_ids`), as Odoo's own "
           "upgrade script and OCA's 19.0 migrations write it; unsafe because the record's model is not known "
           "here (another addon's model could declare its own `groups_id`). Reads and domain leaves get no fix: "
           "on res.users the right name depends on the use (`group_ids` holds the groups given to the user, "
           "`all_group_ids` those with the implied ones), which PY110 decides where it knows the model.",
      why="In 18.0 `groups_id` exists on res.users, ir.ui.menu, ir.ui.view, ir.actions.act_window, "
          "ir.actions.server (and ir.cron), ir.actions.report and, as a related field, website.page.properties; "
          "19.0 renamed all of them and no core model has a `groups_id` any more, so a read raises "
          "AttributeError, vals raise \"Invalid field\" and a domain raises ValueError. OCA's 19.0 migrations "
          "renamed every one (bench/migration_agreement.py's residual counter on 74 addons: 49 left after "
          "odoolint's typed rules, 0 in the humans' 19.0 releases).",
      before="self.test_user.write({'groups_id': [(4, group.id)]})\nassert group in user.groups_id",
      after="self.test_user.write({'group_ids': [(4, group.id)]})\nassert group in user.all_group_ids",
      source="18.0 (S18 Coolyce/neudibel_4levels_odoo_18ent) `git grep 'groups_id = fields.'`: "
             "odoo/addons/base/models/ir_actions.py 323/585, ir_actions_report.py 166, ir_ui_menu.py 32, "
             "ir_ui_view.py 179, res_users.py 381, website/models/website_page_properties.py 145; 19.0 (S19 "
             "jnvdx6/skymedic-odoo): no `groups_id = fields.` in odoo/ or addons/; odoo/odoo "
             "odoo/upgrade_code/17.5-06-groups_id.py renames every `groups_id` `group_ids` (`group_ids."
             "all_implied_ids` on a line with `in`).")
def groups_id_untyped(node, ctx):     # a plain function first: it sees every attribute and call of the file
    if node.__class__ is ast.Attribute:
        if node.attr != _OLD:
            return None
    else:
        f = node.func
        if f.__class__ is not ast.Attribute or not node.args \
                or not (f.attr in _VALS_CALLS or f.attr in _DOMAIN_CALLS):
            return None
    return _groups_id_untyped(node, ctx)


def _groups_id_untyped(node, ctx):
    if ctx.addon is None or not mentions(ctx, _OLD_WORDS):
        return
    if per_tree(ctx, "_odoolint_own_groups_id", lambda ctx: _defines_own(ctx.tree)):
        return
    if isinstance(node, ast.Attribute):
        if node.attr != _OLD:
            return
        s, e = offsets(ctx, node)
        if ctx.source[e - len(_OLD):e] == _OLD:
            written = id(node) in per_tree(ctx, "_odoolint_groups_id_stores", lambda ctx: _stored_attributes(ctx.tree))
            yield Finding(ctx.span(e - len(_OLD), e), "`groups_id` is `group_ids` on every core model since Odoo 19.0 "
                          "(`all_group_ids` for a user's groups with the implied ones)",
                          fix=_rename_fix(layout.fitted_edit(ctx, e - len(_OLD), e, _NEW)) if written else None)
        return
    f = node.func
    if not isinstance(f, ast.Attribute) or not node.args:
        return
    arg = node.args[0]
    if f.attr in _VALS_CALLS:
        dicts = [arg] if isinstance(arg, ast.Dict) else \
            [e for e in arg.elts if isinstance(e, ast.Dict)] if isinstance(arg, (ast.List, ast.Tuple)) else []
        for d in dicts:
            for k in d.keys:
                if isinstance(k, ast.Constant) and k.value == _OLD:
                    content = string_content_span(ctx, k)
                    yield Finding(ctx.node_span(k), "`groups_id` is `group_ids` on every core model since Odoo "
                                  "19.0: these vals raise \"Invalid field\"",
                                  fix=_rename_fix(layout.fitted_edit(ctx, content[0], content[1], _NEW)) if content else None)
    elif f.attr in _DOMAIN_CALLS and isinstance(arg, (ast.List, ast.Tuple)):
        for leaf in arg.elts:
            k = _leaf_key(leaf)
            if k is not None:
                yield Finding(ctx.node_span(k), "`groups_id` is `group_ids` on every core model since Odoo 19.0: "
                              "this domain raises ValueError (`all_group_ids` to match implied groups too)")
