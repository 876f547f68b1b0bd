"""Python breaks of the 16.0 -> 17.0 and 17.0 -> 18.0 steps (and 17.x deprecations removed in 19.0)."""
from __future__ import annotations

import ast
import re

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule

from .common import V18, V19, dotted, offsets, removed_or_deprecated, text_of
from .models import field_call, is_model_class


def _method_call(node, names):
    """(receiver node, method name) for `<receiver>.<name>(...)` calls with name in `names`."""
    f = node.func
    if isinstance(f, ast.Attribute) and f.attr in names:
        return f.value, f.attr
    return None, None


def _recordset_like(recv) -> bool:
    """`self`, `self.env['x']` (also through sudo()/with_context()), `records` named like recordsets is too
    vague: only `self`, `cls` and env lookups count."""
    while isinstance(recv, ast.Call) and isinstance(recv.func, ast.Attribute):
        recv = recv.func.value
    if isinstance(recv, ast.Name):
        return recv.id in ("self", "cls")
    if isinstance(recv, ast.Subscript):
        base = dotted(recv.value)
        return bool(base) and (base == "env" or base.endswith(".env"))
    return False


def _has_models(ctx) -> bool:
    from .v19 import _model_class_set
    return bool(_model_class_set(ctx))


# ---- 17 -> 18 -----------------------------------------------------------------------------------------

_TRAILING_OK = re.compile(r"\s*(?:$|[:),\]}#]|and\b|or\b|if\b|else\b)")


@rule("PY203", "check-recursion", summary="`_check_recursion()` is deprecated: use `not _has_cycle()` (Odoo 18.0)",
      kinds=["python"], severity="warning", since="18.0", fix="unsafe", tags=["migration"], nodes=(ast.Call,),
      what="Finds `._check_recursion(...)` and `._check_m2m_recursion(field)` calls. The unsafe fix writes "
           "`not X._has_cycle(...)` (or drops a leading `not`), parenthesised where operator precedence needs it.",
      why="18.0 warns 'Since 18.0, one must use not _has_cycle() instead'; the old names are thin wrappers. "
          "The fix inverts a boolean, so it is offered as unsafe: review the surrounding condition.",
      before="if not self._check_recursion():\n    raise ValidationError(...)",
      after="if self._has_cycle():\n    raise ValidationError(...)",
      source="odoo/models.py 18.0 lines 5999-6005 (DeprecationWarning); 19.0 odoo/orm/models.py 5685-5691 "
             "(`@api.deprecated`), `_has_cycle` at 18.0 5936 / 19.0 5622.")
def check_recursion(node, ctx):
    if ctx.addon is None:
        return
    recv, name = _method_call(node, ("_check_recursion", "_check_m2m_recursion"))
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
        if m:
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


@rule("PY204", "user-has-groups", summary="`user_has_groups()` was removed (Odoo 18.0)",
      kinds=["python"], severity="error", since="18.0", fix="safe", tags=["migration"], nodes=(ast.Call,),
      what="Finds `X.user_has_groups('a,!b')` and rewrites it to `X.env.user.has_groups('a,!b')`, which takes "
           "the same comma-separated spec with `!` negations.",
      why="17.0's BaseModel.user_has_groups is gone in 18.0 (AttributeError); 18.0 res.users has "
          "`has_groups(group_spec)` with the same semantics.",
      before="if self.user_has_groups('base.group_system'):", after="if self.env.user.has_groups('base.group_system'):",
      source="odoo/models.py 17.0 line 1537 `user_has_groups`; absent from 18.0 odoo/models.py; 18.0 "
             "odoo/addons/base/models/res_users.py line 1142 `has_groups`.")
def user_has_groups(node, ctx):
    if ctx.addon is None:
        return
    recv, name = _method_call(node, ("user_has_groups",))
    if recv is None:
        return
    s, e = offsets(ctx, node.func)
    fix = Fix((ctx.edit(e - len(name), e, "env.user.has_groups"),), Applicability.SAFE,
              "Use `env.user.has_groups(...)`")
    yield Finding(ctx.span(e - len(name), e), "`user_has_groups()` was removed in Odoo 18.0: use "
                  "`self.env.user.has_groups(...)`", fix=fix)


# ---- 16 -> 17 -----------------------------------------------------------------------------------------

@rule("PY301", "name-get-override", summary="`name_get` is ignored from Odoo 17.0 and gone in 18.0",
      kinds=["python"], severity="warning", since="17.0", tags=["migration"],
      nodes=(ast.ClassDef, ast.Call),
      what="Finds `def name_get(self)` in model classes and `.name_get()` calls. Human fix: replace the override "
           "with\n    @api.depends(<fields used>)\n    def _compute_display_name(self):\n        for rec in self:\n"
           "            rec.display_name = ...\nand read `record.display_name` instead of calling `name_get()`.",
      why="17.0's `_compute_display_name` no longer calls `name_get` (which only warns), so the override silently "
          "stops changing the displayed names; 18.0 removed `name_get`, so callers raise AttributeError.",
      before="def name_get(self):\n    return [(r.id, f'{r.code} {r.name}') for r in self]",
      after="@api.depends('code', 'name')\ndef _compute_display_name(self):\n    for r in self:\n"
            "        r.display_name = f'{r.code} {r.name}'",
      source="odoo/models.py 16.0 line 1560; 17.0 line 1672 (warns; `_compute_display_name` does not call it); "
             "absent from 18.0 odoo/models.py.")
def name_get_override(node, ctx):
    if ctx.addon is None:
        return
    sev = removed_or_deprecated(ctx, V18)
    if isinstance(node, ast.ClassDef):
        if not is_model_class(node):
            return
        for stmt in node.body:
            if isinstance(stmt, ast.FunctionDef) and stmt.name == "name_get":
                s, _ = offsets(ctx, stmt)
                line_start = ctx.index.line_start(stmt.lineno)
                col = ctx.source.find("def", line_start)
                yield Finding(ctx.span(col, col + 3 + 1 + len("name_get")),
                              "`name_get` override: Odoo 17.0+ never calls it; compute `display_name` in "
                              "`_compute_display_name` (with `@api.depends`) instead", severity=sev)
    else:
        recv, name = _method_call(node, ("name_get",))
        if recv is None or (isinstance(recv, ast.Call) and dotted(recv.func) == "super"):
            return
        s, e = offsets(ctx, node.func)
        yield Finding(ctx.span(e - len(name), e), "`name_get()` is deprecated in 17.0 and removed in 18.0: read "
                      "`record.display_name` (or `[(r.id, r.display_name) for r in records]`)", severity=sev)


_ORM_CACHE = {
    "flush": "`flush_model(fnames)`, `flush_recordset(fnames)` or `self.env.flush_all()`",
    "recompute": "`flush_model(fnames)` / `flush_recordset(fnames)` (recomputation happens on flush) or "
                 "`self.env.flush_all()`",
    "refresh": "`self.env.invalidate_all()`",
    "invalidate_cache": "`invalidate_model(fnames)`, `invalidate_recordset(fnames)` or `self.env.invalidate_all()`",
}


@rule("PY302", "orm-flush-invalidate", summary="`flush()`, `recompute()`, `refresh()`, `invalidate_cache()` were removed "
      "(Odoo 17.0)", kinds=["python"], severity="error", since="17.0", tags=["migration"], nodes=(ast.Call,),
      what="Finds `flush(`, `recompute(`, `refresh(` called on `env['model']`, or on `self` in a file that defines "
           "models, and `invalidate_cache(` on any receiver. Human fix: `flush_model` / `flush_recordset` / `env.flush_all()`, "
           "`invalidate_model` / `invalidate_recordset` / `env.invalidate_all()` — pick by scope. File objects' "
           "`flush()` is never reported.",
      why="16.0 kept them as deprecated wrappers; 17.0 removed them (AttributeError).",
      before="self.env['sale.order'].flush(['amount_total'])", after="self.env['sale.order'].flush_model(['amount_total'])",
      source="odoo/models.py 16.0 lines 5514 (flush), 5879 (refresh), 5890 (invalidate_cache), 6095 (recompute); "
             "none in 17.0 odoo/models.py.")
def orm_flush_invalidate(node, ctx):
    if ctx.addon is None:
        return
    recv, name = _method_call(node, _ORM_CACHE)
    if recv is None or (name != "invalidate_cache" and not _recordset_like(recv)):
        return
    if name != "invalidate_cache" and isinstance(recv, ast.Name) and not _has_models(ctx):
        return   # `self` of a test case, a file object wrapper, ...: only model files count
    s, e = offsets(ctx, node.func)
    yield Finding(ctx.span(e - len(name), e), f"`{name}()` was removed in Odoo 17.0: use {_ORM_CACHE[name]}")


@rule("PY303", "fields-get-keys-get-xml-id", summary="`fields_get_keys()` and `get_xml_id()` were removed (Odoo 17.0)",
      kinds=["python"], severity="error", since="17.0", fix="safe", tags=["migration"], nodes=(ast.Call,),
      what="Rewrites `X.fields_get_keys()` to `list(X._fields)` and `X.get_xml_id()` to `X.get_external_id()` "
           "(same return value).",
      why="Both were deprecated aliases in 16.0 and are gone in 17.0 (AttributeError).",
      before="names = self.fields_get_keys()\nxid = rec.get_xml_id()",
      after="names = list(self._fields)\nxid = rec.get_external_id()",
      source="odoo/models.py 16.0 lines 1445 (`fields_get_keys` returns list(self._fields)) and 4905 "
             "(`get_xml_id` calls get_external_id); both absent from 17.0.")
def fields_get_keys(node, ctx):
    if ctx.addon is None:
        return
    recv, name = _method_call(node, ("fields_get_keys", "get_xml_id"))
    if recv is None or node.args or node.keywords:
        return
    s, e = offsets(ctx, node)
    if name == "fields_get_keys":
        new = f"list({text_of(ctx, recv)}._fields)"
        fix = Fix((ctx.edit(s, e, new),), Applicability.SAFE, f"Use `{new}`")
    else:
        fs, fe = offsets(ctx, node.func)
        fix = Fix((ctx.edit(fe - len(name), fe, "get_external_id"),), Applicability.SAFE, "Use `get_external_id()`")
    fs, fe = offsets(ctx, node.func)
    yield Finding(ctx.span(fe - len(name), fe), f"`{name}()` was removed in Odoo 17.0: use "
                  f"{'`list(records._fields)`' if name == 'fields_get_keys' else '`get_external_id()`'}", fix=fix)


@rule("PY304", "clear-caches", summary="`clear_caches()` is gone from the registry (17.0) and from models (19.0)",
      kinds=["python"], severity="warning", since="17.0", fix="safe", tags=["migration"], nodes=(ast.Call,),
      what="Finds `clear_caches()` on a registry (`self.pool`, `registry`, `env.registry`: removed in 17.0) and "
           "on models (`self`, `env['x']`: deprecated in 17.0, removed in 19.0). The fix calls "
           "`clear_all_caches()` on the registry, which is exactly what the old methods did.",
      why="17.0 split the ormcache into named caches: Registry.clear_caches became `clear_cache(*names)` / "
          "`clear_all_caches()`, and Model.clear_caches warns 'use registry.clear_cache() instead'; 19.0 drops "
          "the model method (AttributeError).",
      before="self.clear_caches()\nself.pool.clear_caches()",
      after="self.env.registry.clear_all_caches()\nself.pool.clear_all_caches()",
      source="odoo/modules/registry.py 16.0 line 612 `clear_caches`; 17.0 lines 724 `clear_cache`, 741 "
             "`clear_all_caches`; odoo/models.py 17.0 line 1842 (warns, calls pool.clear_all_caches()); no "
             "`clear_caches` in 19.0 odoo/orm/models.py; 19.0 odoo/orm/registry.py 951/968.")
def clear_caches(node, ctx):
    if ctx.addon is None:
        return
    recv, name = _method_call(node, ("clear_caches",))
    if recv is None or node.args:
        return
    base = dotted(recv) or ""
    fs, fe = offsets(ctx, node.func)
    if base.endswith(("pool", "registry")):
        yield Finding(ctx.span(fe - len(name), fe), "`Registry.clear_caches()` was removed in Odoo 17.0: use "
                      "`clear_all_caches()` (or `clear_cache('<cache name>')`)", severity=None,
                      fix=Fix((ctx.edit(fe - len(name), fe, "clear_all_caches"),), Applicability.SAFE,
                              "Use `clear_all_caches()`"))
    elif _recordset_like(recv) and not (isinstance(recv, ast.Name) and not _has_models(ctx)):
        yield Finding(ctx.span(fe - len(name), fe), "`Model.clear_caches()` is deprecated since 17.0 and removed "
                      "in 19.0: use `self.env.registry.clear_all_caches()`",
                      severity=removed_or_deprecated(ctx, V19),
                      fix=Fix((ctx.edit(fe - len(name), fe, "env.registry.clear_all_caches"),), Applicability.SAFE,
                              "Use `env.registry.clear_all_caches()`"))


@rule("PY305", "field-states-param", summary="Field parameter `states=` is ignored from Odoo 17.0",
      kinds=["python"], severity="error", since="17.0", tags=["migration"], nodes=(ast.Call,),
      what="Finds `states={...}` in `fields.X(...)` calls. Human fix: delete it and express the condition in the "
           "views, e.g. `readonly=\"state != 'draft'\"` / `invisible=\"state == 'done'\"` on the field.",
      why="17.0 warns 'Since Odoo 17, property <field>.states is no longer supported': the field is no longer "
          "readonly/required in those states, silently.",
      before="date = fields.Date(readonly=True, states={'draft': [('readonly', False)]})",
      after="date = fields.Date()  # view: <field name=\"date\" readonly=\"state != 'draft'\"/>",
      source="odoo/fields.py 16.0 `_description_states` (line 839); 17.0 lines 318, 541-542 (warning, ignored).")
def field_states_param(node, ctx):
    if ctx.addon is None or not field_call(node):
        return
    for kw in node.keywords:
        if kw.arg == "states":
            s, _ = offsets(ctx, kw)
            yield Finding(ctx.span(s, s + len("states")), "`states=` is ignored since Odoo 17.0: delete it and "
                          "put the condition in the view (`readonly=\"state != 'draft'\"`, `invisible=...`)")
