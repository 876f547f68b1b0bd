"""16.0 -> 17.0: ORM and registry methods removed (`flush`, `invalidate_cache`, `fields_get_keys`,
`clear_caches`; PY302-PY304)."""
from __future__ import annotations

import ast

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule

from ..common import V19, dotted, method_call, offsets, recordset_like, removed_or_deprecated, text_of
from ..models import has_models


_ORM_CACHE = {
    "flush": "`flush_model(fnames)`, `flush_recordset(fnames)` or `self.env.flush_all()`",
    "recompute": "`flush_model(fnames)` / `flush_recordset(fnames)` (recomputation happens on flush) or "
                 "`self.env.flush_all()`",
    "refresh": "`self.env.invalidate_all()`",
    "invalidate_cache": "`invalidate_model(fnames)`, `invalidate_recordset(fnames)` or `self.env.invalidate_all()`",
}


@rule("PY302", "orm-flush-invalidate", words=tuple(_ORM_CACHE), summary="`flush()`, `recompute()`, `refresh()`, `invalidate_cache()` were removed "
      "(Odoo 17.0)", kinds=["python"], severity="error", since="17.0", tags=["migration"], nodes=(ast.Call,),
      names={ast.Call: _ORM_CACHE},
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
    recv, name = method_call(node, _ORM_CACHE)
    if recv is None or (name != "invalidate_cache" and not recordset_like(recv)):
        return
    if name != "invalidate_cache" and isinstance(recv, ast.Name) and not has_models(ctx):
        return   # `self` of a test case, a file object wrapper, ...: only model files count
    s, e = offsets(ctx, node.func)
    yield Finding(ctx.span(e - len(name), e), f"`{name}()` was removed in Odoo 17.0: use {_ORM_CACHE[name]}")


@rule("PY303", "fields-get-keys-get-xml-id", words=("fields_get_keys", "get_xml_id"), summary="`fields_get_keys()` and `get_xml_id()` were removed (Odoo 17.0)",
      kinds=["python"], severity="error", since="17.0", fix="safe", tags=["migration"], nodes=(ast.Call,),
      names={ast.Call: ("fields_get_keys", "get_xml_id")},
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
    recv, name = method_call(node, ("fields_get_keys", "get_xml_id"))
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


@rule("PY304", "clear-caches", words=("clear_caches",), summary="`clear_caches()` is gone from the registry (17.0) and from models (19.0)",
      kinds=["python"], severity="warning", since="17.0", fix="safe", tags=["migration"], nodes=(ast.Call,),
      names={ast.Call: ("clear_caches",)},
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
    recv, name = method_call(node, ("clear_caches",))
    if recv is None or node.args:
        return
    base = dotted(recv) or ""
    fs, fe = offsets(ctx, node.func)
    if base.endswith(("pool", "registry")):
        yield Finding(ctx.span(fe - len(name), fe), "`Registry.clear_caches()` was removed in Odoo 17.0: use "
                      "`clear_all_caches()` (or `clear_cache('<cache name>')`)", severity=None,
                      fix=Fix((ctx.edit(fe - len(name), fe, "clear_all_caches"),), Applicability.SAFE,
                              "Use `clear_all_caches()`"))
    elif recordset_like(recv) and not (isinstance(recv, ast.Name) and not has_models(ctx)):
        yield Finding(ctx.span(fe - len(name), fe), "`Model.clear_caches()` is deprecated since 17.0 and removed "
                      "in 19.0: use `self.env.registry.clear_all_caches()`",
                      severity=removed_or_deprecated(ctx, V19),
                      fix=Fix((ctx.edit(fe - len(name), fe, "env.registry.clear_all_caches"),), Applicability.SAFE,
                              "Use `env.registry.clear_all_caches()`"))
