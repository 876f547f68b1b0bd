"""17.0 -> 18.0: the `tree` view type is `list` in Python window actions too (PY212)."""
from __future__ import annotations

import ast
import re

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule

from ..common import keyword_name_span, mentions, string_content_span

# the word `tree` as an item of a comma-separated list of view modes ("tree,form", "kanban, tree")
_MODE_ITEM = re.compile(r"(?:(?<=^)|(?<=,)|(?<=\s))tree(?=\s*(?:,|$))")
_MODE_KEYS = {"view_mode", "view_type"}


def _words(ctx, node, pattern):
    """(start, end) of each `pattern` match inside the plain string constant `node`."""
    if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or not pattern.search(node.value):
        return []
    content = string_content_span(ctx, node)
    if content is None:
        return []
    return [(content[0] + m.start(), content[0] + m.end()) for m in pattern.finditer(node.value)]


def _value_findings(ctx, key, value):
    if key in _MODE_KEYS:
        for s, e in _words(ctx, value, _MODE_ITEM):
            yield Finding(ctx.span(s, e), f"`{key}` names the `tree` view type: it is `list` since Odoo 18.0",
                          fix=Fix((ctx.edit(s, e, "list"),), Applicability.SAFE, "Replace `tree` with `list`"))
    elif key == "views" and isinstance(value, (ast.List, ast.Tuple)):
        for pair in value.elts:
            if isinstance(pair, (ast.List, ast.Tuple)) and len(pair.elts) == 2:
                for s, e in _words(ctx, pair.elts[1], re.compile(r"^tree$")):
                    yield Finding(ctx.span(s, e), "`views` names the `tree` view type: it is `list` since Odoo 18.0",
                                  fix=Fix((ctx.edit(s, e, "list"),), Applicability.SAFE,
                                          "Replace `'tree'` with `'list'`"))


def _key_findings(ctx, key_node):
    for s, e in _words(ctx, key_node, re.compile(r"^tree_view_ref$")):
        yield Finding(ctx.span(s, e), "`tree_view_ref` is ignored since Odoo 18.0: the key is `list_view_ref`",
                      fix=Fix((ctx.edit(s, e, "list_view_ref"),), Applicability.SAFE,
                              "Rename the key to `list_view_ref`"))


@rule("PY212", "action-view-mode-tree", words=("tree",), summary="`tree` view type in Python actions is `list` (Odoo 18.0)",
      kinds=["python"], severity="error", since="18.0", fix="safe", tags=["migration"],
      nodes=(ast.Dict, ast.Assign, ast.Call),
      what="Finds the `tree` view type in Python dicts and item assignments: `\"view_mode\": \"tree,form\"` "
           "items, `\"view_type\": \"tree\"`, `\"views\": [(False, \"tree\"), ...]` pairs, and `tree_view_ref` "
           "context keys (`{\"tree_view_ref\": ...}`, `ctx[\"tree_view_ref\"] = ...`, `dict(ctx, tree_view_ref=...)`, "
           "`with_context(tree_view_ref=...)`), also as "
           "`action[\"view_mode\"] = \"tree,form\"`. The fix writes `list` / `list_view_ref`, as Odoo's "
           "17.5-01-tree-to-list script does for `.py` files. Other strings are never touched.",
      why="18.0 renamed the view type: an action returned with `view_mode` `tree` or a `views` pair "
          "`(False, 'tree')` names a view type that no longer exists and the client fails to open it; "
          "`tree_view_ref` is ignored because the server looks up `<view_type>_view_ref`, i.e. `list_view_ref`.",
      before='return {"type": "ir.actions.act_window", "res_model": "res.partner", "view_mode": "tree,form"}',
      after='return {"type": "ir.actions.act_window", "res_model": "res.partner", "view_mode": "list,form"}',
      source="odoo/upgrade_code/17.5-01-tree-to-list.py (19.0): the `view_mode`, `views` and `tree_view_ref` "
             "regexes run on .py files; odoo/addons/base/models/ir_ui_view.py 17.0 `type` selection "
             "('tree', 'Tree') (line 163), 18.0 ('list', 'List') (line 153); ir_ui_view.py 18.0 "
             "`f'{view_type}_view_ref'` (lines 944, 1243).")
def action_view_mode_tree(node, ctx):     # sees every call: those without `tree_view_ref=` leave here
    if node.__class__ is ast.Call:
        for kw in node.keywords:
            if kw.arg == "tree_view_ref":
                break
        else:
            return None
    return _view_mode_tree(node, ctx)


def _view_mode_tree(node, ctx):
    if ctx.addon is None or not mentions(ctx, ("tree",)):
        return
    if isinstance(node, ast.Call):
        for kw in node.keywords:
            if kw.arg == "tree_view_ref":
                s, e = keyword_name_span(ctx, kw)
                yield Finding(ctx.span(s, e), "`tree_view_ref` is ignored since Odoo 18.0: the key is "
                              "`list_view_ref`", fix=Fix((ctx.edit(s, e, "list_view_ref"),), Applicability.SAFE,
                                                         "Rename the key to `list_view_ref`"))
        return
    if isinstance(node, ast.Dict):
        for k, v in zip(node.keys, node.values):
            if isinstance(k, ast.Constant) and isinstance(k.value, str):
                yield from _value_findings(ctx, k.value, v)
                yield from _key_findings(ctx, k)
        return
    for target in node.targets:
        if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant) \
                and isinstance(target.slice.value, str):
            yield from _value_findings(ctx, target.slice.value, node.value)
            yield from _key_findings(ctx, target.slice)
