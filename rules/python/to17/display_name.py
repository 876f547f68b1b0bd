"""16.0 -> 17.0: `name_get` overrides are ignored in favour of `display_name` (PY301)."""
from __future__ import annotations

import ast

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule

from ..common import V18, dotted, method_call, offsets, removed_or_deprecated
from ..models import is_model_class
from .display_name_fix import compute_display_name

@rule("PY301", "name-get-override", words=("name_get",), summary="`name_get` is ignored from Odoo 17.0 and gone in 18.0",
      kinds=["python"], severity="warning", since="17.0", tags=["migration"], fix="unsafe",
      nodes=(ast.ClassDef, ast.Call),
      what="Finds `def name_get(self)` in model classes and `.name_get()` calls. Human fix: replace the override "
           "with\n    @api.depends(<fields used>)\n    def _compute_display_name(self):\n        for rec in self:\n"
           "            rec.display_name = ...\nand read `record.display_name` instead of calling `name_get()`. "
           "The unsafe fix does that rewrite for a plain override (`return [(r.id, EXPR) for r in self]`, or a "
           "loop of assignments and `if` blocks of assignments ending in `res.append((r.id, EXPR))`), with "
           "`@api.depends` on the field paths the loop reads from the record (after those of an "
           "`@api.depends` the override already had), editing only the lines that change: docstring, comments "
           "and the loop's statements stay as written. It leaves the override alone when that list is not "
           "certain (`self`, `env` or the context read, `display_name` read, the record rebound or used "
           "otherwise than through attributes), when a comment would be lost with a replaced line, when the "
           "class already has `_compute_display_name` or when `api` is not imported.",
      why="17.0's `_compute_display_name` no longer calls `name_get` (which only warns), so the override silently "
          "stops changing the displayed names; 18.0 removed `name_get`, so callers raise AttributeError.",
      before="def name_get(self):\n    return [(r.id, f'{r.code} {r.name}') for r in self]",
      after="@api.depends('code', 'name')\ndef _compute_display_name(self):\n    for r in self:\n"
            "        r.display_name = f'{r.code} {r.name}'",
      source="odoo/models.py 16.0 line 1560; 17.0 line 1672 (warns; `_compute_display_name`, line 1656, reads "
             "`_rec_name` through `convert_to_display_name` and does not call it; checked in the 17.0 tree); "
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
                has_compute = any(isinstance(o, ast.FunctionDef) and o.name == "_compute_display_name"
                                  for o in node.body)
                rewrite = compute_display_name(ctx, stmt, ctx.tree) \
                    if isinstance(ctx.tree, ast.Module) and not has_compute else None
                fix = Fix((ctx.edit(*rewrite),), Applicability.UNSAFE, "Rewrite as `_compute_display_name`") \
                    if rewrite is not None else None
                yield Finding(ctx.span(col, col + 3 + 1 + len("name_get")),
                              "`name_get` override: Odoo 17.0+ never calls it; compute `display_name` in "
                              "`_compute_display_name` (with `@api.depends`) instead", severity=sev, fix=fix)
    else:
        recv, name = method_call(node, ("name_get",))
        if recv is None or (isinstance(recv, ast.Call) and dotted(recv.func) == "super"):
            return
        s, e = offsets(ctx, node.func)
        yield Finding(ctx.span(e - len(name), e), "`name_get()` is deprecated in 17.0 and removed in 18.0: read "
                      "`record.display_name` (or `[(r.id, r.display_name) for r in records]`)", severity=sev)
