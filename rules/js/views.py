"""JS106: the `tree` view type is `list` in Odoo 18.0, in JavaScript actions too."""
from __future__ import annotations

import re

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule
from odoolint.sources.js import string_value

from .common import addon_tree

_MODE_KEYS = {"view_mode", "viewMode"}
_VIEWS_KEYS = {"views"}
_VIEW_TYPE_KEYS = {"view_type", "viewType"}
_MODE_ITEM = re.compile(r"(?:(?<=^)|(?<=,)|(?<=\s))tree(?=\s*(?:,|$))")


def _key(tree, pair):
    key = pair.child_by_field_name("key")
    if key is None:
        return None
    if key.type == "property_identifier":
        return tree.node_text(key)
    return string_value(tree, key)


def _content(tree, node):
    """(start, end) character offsets of a plain string literal's content."""
    if node.type != "string" or string_value(tree, node) is None:
        return None
    s, e = tree.start(node) + 1, tree.end(node) - 1
    return s, e


def _tree_strings(tree, value, key):
    """(string node, [(start, end)] of the `tree` words to rename) under one key's value."""
    if key in _MODE_KEYS or key in _VIEW_TYPE_KEYS:
        if value.type == "string" and _content(tree, value):
            s, _ = _content(tree, value)
            text = string_value(tree, value)
            pattern = _MODE_ITEM if key in _MODE_KEYS else re.compile(r"^tree$")
            spans = [(s + m.start(), s + m.end()) for m in pattern.finditer(text)]
            if spans and len(text) == tree.end(value) - tree.start(value) - 2:
                yield value, spans
    elif key in _VIEWS_KEYS and value.type == "array":
        for pair in value.named_children:
            items = [c for c in pair.named_children if c.type != "comment"] if pair.type == "array" else []
            if len(items) == 2 and items[1].type == "string" and string_value(tree, items[1]) == "tree":
                yield items[1], [_content(tree, items[1])]


@rule("JS106", "js-view-type-tree", summary="`\"tree\"` view type in JavaScript actions is `\"list\"` from Odoo "
      "18.0", kinds=["js"], severity="error", since="18.0", fix="safe", tags=["migration"],
      what="Finds the `tree` view type in JavaScript object literals: `views: [[false, \"tree\"], ...]` pairs, "
           "`view_mode`/`viewMode: \"tree,form\"` items and `view_type`/`viewType: \"tree\"`. The fix writes "
           "`list`. The word elsewhere (prose, other keys) is never touched.",
      why="18.0 renamed the view type: the views registry has `list` and no `tree`, so `doAction({views: "
          "[[false, \"tree\"]]})` fails to find a view and the action does not open.",
      before='this.action.doAction({\n    res_model: "res.partner",\n    views: [[false, "tree"], [false, "form"]],\n});',
      after='this.action.doAction({\n    res_model: "res.partner",\n    views: [[false, "list"], [false, "form"]],\n});',
      source="odoo/upgrade_code/17.5-01-tree-to-list.py (19.0 tree jnvdx6/skymedic-odoo) rewrites `.js` files "
             "too (`views` and `view_mode` regexes); odoo/addons/base/models/ir_ui_view.py 18.0 view types "
             "start with ('list', 'List') where 17.0 had ('tree', 'Tree').")
def js_view_type_tree(ctx):
    tree = addon_tree(ctx)
    if tree is None or "tree" not in ctx.source:
        return
    for pair in tree.nodes("pair"):
        key = _key(tree, pair)
        if key not in _MODE_KEYS and key not in _VIEWS_KEYS and key not in _VIEW_TYPE_KEYS:
            continue
        value = pair.child_by_field_name("value")
        if value is None:
            continue
        for node, spans in _tree_strings(tree, value, key):
            edits = tuple(ctx.edit(s, e, "list") for s, e in spans)
            yield Finding(tree.span(node), f"`tree` view type in `{key}`: it is `list` since Odoo 18.0",
                          fix=Fix(edits, Applicability.SAFE, "Replace `tree` with `list`"))
