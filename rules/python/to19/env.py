"""18.0 -> 19.0: environment access (`self._cr/_uid/_context`, assigning `env.cr/uid/context/su`; PY102, PY121)."""
from __future__ import annotations

import ast

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule

from ..common import dotted, offsets
from .. import layout


_PRIVATE = {"_cr": "cr", "_uid": "uid", "_context": "context"}
_READONLY = ("cr", "uid", "context", "su")


@rule("PY102", "model-private-props", words=tuple(_PRIVATE), summary="`self._cr`, `self._uid`, `self._context` are deprecated (Odoo 19.0)",
      kinds=["python"], severity="warning", since="19.0", fix="safe", tags=["migration"], nodes=(ast.Attribute,),
      names={ast.Attribute: _PRIVATE},
      what="Finds reads of the `_cr`, `_uid` and `_context` attributes (the record properties) and rewrites "
           "them to `.env.cr`, `.env.uid`, `.env.context`, exactly like Odoo's own upgrade script. "
           "Assignments to those names are left alone. A one-line statement that the longer name pushes past the "
           "file's line length (black's 88, or the file's own longest line) is split as black splits it "
           "(`f(\\n    args\\n)`, one item per line for a dict or list), as OCA's formatted 19.0 code reads.",
      why="19.0 turned them into properties decorated with `@api.deprecated(\"Deprecated since 19.0, use "
          "self.env.cr directly\")`: every access warns and they will be removed.",
      before="self._cr.execute(query)\nctx = dict(self._context)", after="self.env.cr.execute(query)\n"
                                                                         "ctx = dict(self.env.context)",
      source="odoo/orm/models.py 19.0 lines 5909-5922 (`@api.deprecated` properties); 18.0 odoo/models.py "
             "6194-6196 plain properties; odoo/upgrade_code/18.5-00-deprecated-properties.py (19.0).")
def model_private_props(node, ctx):     # the cheap tests outside the generator: it sees every attribute
    if ctx.addon is None or node.attr not in _PRIVATE or not isinstance(node.ctx, ast.Load):
        return None
    if isinstance(node.value, ast.Attribute) and node.value.attr == "env":
        return None
    return _private_prop(node, ctx)


def _private_prop(node, ctx):
    start, end = offsets(ctx, node)
    attr_start = end - len(node.attr)
    if ctx.source[attr_start:end] != node.attr:
        return
    new = "env." + _PRIVATE[node.attr]
    yield Finding(ctx.span(attr_start, end), f"`{node.attr}` is deprecated since Odoo 19.0: use `.{new}`",
                  fix=Fix((layout.fitted_edit(ctx, attr_start, end, new),), Applicability.SAFE,
                          f"Use `.{new}`"))


@rule("PY121", "env-readonly", words=("env",), summary="Assigning `env.cr`, `env.uid`, `env.context` or `env.su` raises (Odoo 19.0)",
      kinds=["python"], severity="error", since="19.0", tags=["migration"], nodes=(ast.Attribute,),
      names={ast.Attribute: _READONLY},
      what="Finds assignments to `<...>.env.cr`, `.env.uid`, `.env.context`, `.env.su` (and `env.<x>` on a bare "
           "`env`). Human fix: build a new environment — `self.env(context=ctx)`, `self.with_context(...)`, "
           "`self.with_user(uid)`, `self.with_env(self.env(cr=cr))`.",
      why="19.0's Environment.__setattr__ raises AttributeError(\"Attribute 'context' is read-only, call `env()` "
          "instead\") once the environment is initialised.",
      before="self.env.context = dict(self.env.context, lang='fr_FR')",
      after="self = self.with_context(lang='fr_FR')",
      source="odoo/orm/environments.py 19.0 lines 91-95 (`__setattr__` read-only); 18.0 odoo/api.py "
             "Environment has no such guard.")
def env_readonly(node, ctx):     # a plain function, not a generator: it sees every attribute of the file
    if ctx.addon is None or not isinstance(node.ctx, ast.Store) or node.attr not in _READONLY:
        return None
    base = dotted(node.value) or ""
    if base == "env" or base.endswith(".env"):
        return [Finding(ctx.node_span(node), f"`env.{node.attr}` is read-only in Odoo 19.0 (AttributeError): build "
                        "a new environment with `env(...)`, `with_context(...)`, `with_user(...)` or `with_env(...)`")]
    return None
