"""17.0 -> 18.0: ORM methods removed or deprecated (`_check_recursion`, `user_has_groups`, `_name_search`
overrides; PY203-PY205)."""
from __future__ import annotations

import ast
import re

from odoolint.model import Applicability, Finding, Fix, OdooVersion
from odoolint.registry import rule

from .. import layout
from ..common import method_call, offsets, text_of
from ..models import is_model_class

# `self.assertTrue(X._check_recursion())`: the assertion flips rather than asserting a `not`
_ASSERT_BOOL = re.compile(r"\bassert(True|False)\($")
_TRAILING_OK = re.compile(r"\s*(?:$|[:),\]}#]|and\b|or\b|if\b|else\b)")

@rule("PY203", "check-recursion", words=("_check_recursion", "_check_m2m_recursion"), summary="`_check_recursion()` is deprecated: use `not _has_cycle()` (Odoo 18.0)",
      kinds=["python"], severity="warning", since="18.0", fix="unsafe", tags=["migration"], nodes=(ast.Call,),
      names={ast.Call: ("_check_recursion", "_check_m2m_recursion")},
      what="Finds `._check_recursion(...)` and `._check_m2m_recursion(field)` calls. The unsafe fix writes "
           "`not X._has_cycle(...)` (or drops a leading `not`), parenthesised where operator precedence needs it; "
           "as the only argument of `assertTrue(...)`/`assertFalse(...)` it flips the assertion instead "
           "(`assertFalse(X._has_cycle())`).",
      why="18.0 warns 'Since 18.0, one must use not _has_cycle() instead'; the old names are thin wrappers. "
          "The fix inverts a boolean, so it is offered as unsafe: review the surrounding condition.",
      before="if not self._check_recursion():\n    raise ValidationError(...)",
      after="if self._has_cycle():\n    raise ValidationError(...)",
      source="odoo/models.py 18.0 lines 5999-6005 (DeprecationWarning); 19.0 odoo/orm/models.py 5685-5691 "
             "(`@api.deprecated`), `_has_cycle` at 18.0 5936 / 19.0 5622.")
def check_recursion(node, ctx):
    if ctx.addon is None:
        return
    recv, name = method_call(node, ("_check_recursion", "_check_m2m_recursion"))
    if recv is None:
        return
    start, end = offsets(ctx, node)
    fix = None
    given = list(node.args) + [k.value for k in node.keywords if k.arg in ("parent", "field_name")]
    if len(given) <= 1 and len(given) == len(node.args) + len(node.keywords) \
            and not any(isinstance(a, ast.Starred) for a in node.args):
        args = text_of(ctx, given[0]) if given else ""   # parent= / field_name= become the positional argument
        call = f"{text_of(ctx, recv)}._has_cycle({args})"
        before = ctx.source[ctx.index.line_start(node.lineno):start]
        m = re.search(r"\bnot\s+$", before)
        asserted = _ASSERT_BOOL.search(before)
        if asserted and re.match(r"\s*\)", ctx.source[end:ctx.index.line_end(node.end_lineno)]):
            flipped = "assertFalse" if asserted.group(1) == "True" else "assertTrue"
            s = start - (len(before) - asserted.start())
            fix = Fix((ctx.edit(s, end, f"{flipped}({call}"),), Applicability.UNSAFE,
                      f"Use `_has_cycle()` with `{flipped}`")
        elif m:
            fix = Fix((ctx.edit(start - (len(before) - m.start()), end, call),), Applicability.UNSAFE,
                      "Use `_has_cycle()` and drop the `not`")
        else:
            after = ctx.source[end:ctx.index.line_end(node.end_lineno)]
            text = f"not {call}" if _TRAILING_OK.match(after) and not before.rstrip().endswith(
                ("==", "!=", "+", "-", "*", "/", "%", "<", ">", "is", "in")) else f"(not {call})"
            fix = Fix((ctx.edit(start, end, text),), Applicability.UNSAFE, "Use `not _has_cycle()`")
    s, e = offsets(ctx, node.func)
    yield Finding(ctx.span(e - len(name), e), f"`{name}()` is deprecated since Odoo 18.0: use "
                  f"`not _has_cycle({'field_name' if name == '_check_m2m_recursion' else ''})`", fix=fix)

def _is_super(recv) -> bool:
    return isinstance(recv, ast.Call) and isinstance(recv.func, ast.Name) and recv.func.id == "super"


# method removed by Odoo -> (version that removed it, what to override instead, source)
REMOVED_METHODS = {
    "user_has_groups": (OdooVersion(18), "override `res.users.has_group(group_ext_id)` (which `has_groups` "
                        "calls per group)", "odoo/models.py 17.0 line 1537 `user_has_groups`; absent from 18.0 "
                        "odoo/models.py; 18.0 odoo/addons/base/models/res_users.py `has_groups` calls `has_group`"),
    "_where_calc": (OdooVersion(19), "override `_search(domain, ...)`", "odoo/models.py 18.0 line 5492; absent "
                    "from 19.0 odoo/orm/models.py"),
    "_apply_ir_rules": (OdooVersion(19), "override `_search(domain, ...)` or the record rules themselves",
                        "odoo/models.py 18.0 line 5525; absent from 19.0 odoo/orm/models.py"),
    "_flush_search": (OdooVersion(19), "drop the override: searches flush what they read (17.1+)",
                      "odoo/models.py 18.0 line 5642; absent from 19.0 odoo/orm/models.py"),
}


@rule("PY213", "removed-method-override", summary="Override of an ORM method Odoo removed (`user_has_groups`, "
      "`_where_calc`, ...)", kinds=["python"], severity="error", since="18.0", tags=["migration"],
      words=tuple(REMOVED_METHODS),
      nodes=(ast.ClassDef,),
      what="Finds, in model classes, `def` of a BaseModel method that the target removed (table REMOVED_METHODS: "
           "`user_has_groups` from 18.0; `_where_calc`, `_apply_ir_rules`, `_flush_search` from 19.0). Calls "
           "are PY204/PY112/PY113; this reports the override itself, which no longer overrides anything. No "
           "automatic fix: the message names what to override instead.",
      why="Odoo no longer calls a method it removed: the override's logic (an extra group, a custom query "
          "restriction) silently stops applying, with no error.",
      before="class Base(models.AbstractModel):\n    _inherit = 'base'\n\n    def user_has_groups(self, groups):\n"
             "        ...",
      after="class Users(models.Model):\n    _inherit = 'res.users'\n\n    def has_group(self, group_ext_id):\n"
            "        ...",
      source="; ".join(f"`{k}`: {v[2]}" for k, v in REMOVED_METHODS.items()))
def removed_method_override(node, ctx):
    if ctx.addon is None or ctx.target is None or not is_model_class(node):
        return
    for stmt in node.body:
        entry = REMOVED_METHODS.get(stmt.name) if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) \
            else None
        if entry is None or ctx.target < entry[0]:
            continue
        col = ctx.source.find(stmt.name, ctx.index.line_start(stmt.lineno))
        yield Finding(ctx.span(col, col + len(stmt.name)), f"`{stmt.name}` was removed from the ORM in Odoo "
                      f"{entry[0]}: this override is never called; {entry[1]}")


@rule("PY204", "user-has-groups", words=("user_has_groups",), summary="`user_has_groups()` was removed (Odoo 18.0)",
      kinds=["python"], severity="error", since="18.0", fix="safe", tags=["migration"], nodes=(ast.Call,),
      names={ast.Call: ("user_has_groups",)},
      what="Finds `X.user_has_groups('a,!b')` and rewrites it to `X.env.user.has_groups('a,!b')`, which takes "
           "the same comma-separated spec with `!` negations, or to `X.env.user.has_group('module.group')` when "
           "the spec is one literal group xml id (no `,`, no `!`), for which `has_groups` only calls `has_group`, "
           "as OCA's 18.0 migrations and Odoo's own code write it. `super().user_has_groups(...)` (inside an "
           "override, see PY213) is reported without a fix.",
      why="17.0's BaseModel.user_has_groups is gone in 18.0 (AttributeError); 18.0 res.users has "
          "`has_groups(group_spec)` with the same semantics.",
      before="if self.user_has_groups('base.group_system,!base.group_portal'):",
      after="if self.env.user.has_groups('base.group_system,!base.group_portal'):",
      source="odoo/models.py 17.0 line 1537 `user_has_groups`; absent from 18.0 odoo/models.py; 18.0 "
             "odoo/addons/base/models/res_users.py line 1142 `has_groups` (splits the spec on `,`, returns "
             "`any(self.has_group(ext_id) ...)` for the positives: one plain xml id is `has_group(ext_id)`; "
             "checked in S18 Coolyce/neudibel_4levels_odoo_18ent).")
def user_has_groups(node, ctx):
    if ctx.addon is None:
        return
    recv, name = method_call(node, ("user_has_groups",))
    if recv is None:
        return
    s, e = offsets(ctx, node.func)
    # super().user_has_groups(...) is the delegate of an override that 18.0 never calls (PY213): no rewrite
    new = "env.user.has_group" if _one_group(node) else "env.user.has_groups"
    fix = None if _is_super(recv) else Fix((layout.fitted_edit(ctx, e - len(name), e, new),),
                                           Applicability.SAFE, f"Use `{new}(...)`")
    yield Finding(ctx.span(e - len(name), e), "`user_has_groups()` was removed in Odoo 18.0: use "
                  f"`self.{new}(...)`", fix=fix)


_XMLID = re.compile(r"^[A-Za-z0-9_]+\.[A-Za-z0-9_.]+$")


def _one_group(call) -> bool:
    """`user_has_groups('module.group')`: a single literal xml id, no `,` list and no `!` negation."""
    return len(call.args) == 1 and not call.keywords and isinstance(call.args[0], ast.Constant) \
        and isinstance(call.args[0].value, str) and bool(_XMLID.match(call.args[0].value))

@rule("PY205", "name-search-override", summary="`_name_search` overrides are ignored from Odoo 18.0",
      words=("_name_search",),
      kinds=["python"], severity="error", since="18.0", tags=["migration"], nodes=(ast.ClassDef,),
      what="Finds `def _name_search(...)` in model classes. Human fix: declare `_rec_names_search = ['name', "
           "'ref']` for plain multi-field search, or override\n    @api.model\n    def _search_display_name(self, "
           "operator, value):\n        return [...]  # a domain\n",
      why="18.0 replaced `_name_search` with `_search_display_name(operator, value)`: the override is never "
          "called, so the custom search in many2one dropdowns silently stops working.",
      before="@api.model\ndef _name_search(self, name, domain=None, operator='ilike', limit=None, order=None):",
      after="@api.model\ndef _search_display_name(self, operator, value):\n    return ['|', ('name', operator, value), "
            "('ref', operator, value)]",
      source="odoo/models.py 17.0 line 1751 `_name_search`; 18.0 line 1772 `_search_display_name`, no "
             "`_name_search`; 19.0 odoo/orm/models.py 1442.")
def name_search_override(node, ctx):
    if ctx.addon is None or not is_model_class(node):
        return
    for stmt in node.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == "_name_search":
            col = ctx.source.find("def", ctx.index.line_start(stmt.lineno))
            yield Finding(ctx.span(col, col + len("def _name_search")), "`_name_search` is never called since Odoo "
                          "18.0: override `_search_display_name(self, operator, value)` (returning a domain) or set "
                          "`_rec_names_search`")
