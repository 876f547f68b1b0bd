"""17.0 -> 18.0: the `tree` view type is `list` in Python view code: `get_view(view_type=...)`, `view_type`
tests, XPaths on archs and arch strings (PY214)."""
from __future__ import annotations

import ast
import re

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule

from ..common import mentions, string_content_span

# methods whose second positional parameter is the view type (odoo/models.py 17.0/18.0, web/models/models.py)
_VIEW_TYPE_POSITIONAL = {"get_view", "_get_view", "_get_view_cache_key", "fields_view_get"}
# `tree` as an XPath node test: //tree, ./tree, field/tree, [./tree]
_XPATH_STEP = re.compile(r"(?:(?<=/)|(?<=::))tree(?=$|[/\[\s|)\]])")
# `<tree` / `</tree` tags in markup
_TAG = re.compile(r"(?<=<)/?tree(?=[\s>/])")
# a string constant that is view markup: starts with a `<tree` tag
_MARKUP = re.compile(r"\s*<tree[\s>/]")


def _spans(ctx, node, pattern):
    if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or not pattern.search(node.value):
        return []
    content = string_content_span(ctx, node)
    if content is None:
        return []
    return [(content[0] + m.start(), content[0] + m.end()) for m in pattern.finditer(node.value)]


def _finding(ctx, s, e, message, new="list"):
    word = ctx.source[s:e]
    return Finding(ctx.span(s, e), message, fix=Fix((ctx.edit(s, e, word.replace("tree", new)),),
                                                    Applicability.SAFE, f"Replace `{word}` with "
                                                    f"`{word.replace('tree', new)}`"))


def _is_tree(node) -> bool:
    return isinstance(node, ast.Constant) and node.value == "tree"


def _is_view_type(node) -> bool:
    """The `view_type` parameter/local of view methods (an attribute could be a custom field's value)."""
    return isinstance(node, ast.Name) and node.id == "view_type"


_TYPE_MSG = "the view type `tree` is `list` since Odoo 18.0"


@rule("PY214", "python-view-type-tree", words=("tree",), summary="`tree` view type in Python view code is `list` (Odoo 18.0)",
      kinds=["python"], severity="error", since="18.0", fix="safe", tags=["migration"],
      nodes=(ast.Call, ast.Compare, ast.Constant),
      what="Finds the `tree` view type where Python code handles views: `view_type=\"tree\"` keywords (and the "
           "positional view type of `get_view`/`_get_view`/`fields_view_get`), comparisons of a `view_type` "
           "name with `\"tree\"` (`view_type == \"tree\"`, `view_type in (\"tree\", \"form\")`, as in "
           "`get_view` overrides), `tree` steps of XPaths passed to `.xpath(...)` (`//tree`, `./tree`, "
           "`[./tree]`), and `<tree>`/`</tree>` tags in string constants that are view markup (the string "
           "starts with `<tree`). The fix writes `list`, as Odoo's 17.5-01-tree-to-list script does for the tags "
           "in `.py` files. PY212 covers action dicts; other strings are never touched.",
      why="18.0 renamed the view type: `get_view(view_type='tree')` asks for a view type that no longer exists "
          "and raises; a `get_view` override testing `view_type == 'tree'` never matches again (the client asks "
          "for `list`), so its changes silently stop applying; an XPath on `tree` finds nothing in an 18.0 "
          "arch, whose list root and x2many sub-views are `<list>`; an arch string with `<tree>` fails view "
          "validation (list_view.rng).",
      before="def get_view(self, view_id=None, view_type='form', **options):\n"
             "    res = super().get_view(view_id, view_type, **options)\n"
             "    if view_type == 'tree':\n        for node in etree.fromstring(res['arch']).xpath('//tree'):\n"
             "            ...",
      after="def get_view(self, view_id=None, view_type='form', **options):\n"
            "    res = super().get_view(view_id, view_type, **options)\n"
            "    if view_type == 'list':\n        for node in etree.fromstring(res['arch']).xpath('//list'):\n"
            "            ...",
      source="odoo/addons/base/models/ir_ui_view.py: 17.0 `type` selection ('tree', 'Tree') (line 163), 18.0 "
             "('list', 'List') (line 153) and rng/list_view.rng; odoo/models.py 18.0 `get_view(self, "
             "view_id=None, view_type='form', **options)`; odoo/upgrade_code/17.5-01-tree-to-list.py (19.0) "
             "`reg_tree_to_list_tag` on .py files.")
def python_view_type_tree(node, ctx):     # sees every constant: those that are no markup leave here
    if node.__class__ is ast.Constant and not (isinstance(node.value, str) and _MARKUP.match(node.value)):
        return None
    return _view_type_tree(node, ctx)


def _view_type_tree(node, ctx):
    if ctx.addon is None or not mentions(ctx, ("tree",)):
        return
    if isinstance(node, ast.Call):
        for kw in node.keywords:
            if kw.arg == "view_type":
                for s, e in _spans(ctx, kw.value, re.compile(r"^tree$")):
                    yield _finding(ctx, s, e, f"`view_type=\"tree\"`: {_TYPE_MSG}")
        f = node.func
        if isinstance(f, ast.Attribute) and f.attr in _VIEW_TYPE_POSITIONAL and len(node.args) >= 2:
            for s, e in _spans(ctx, node.args[1], re.compile(r"^tree$")):
                yield _finding(ctx, s, e, f"`{f.attr}(..., \"tree\")`: {_TYPE_MSG}")
        if isinstance(f, ast.Attribute) and f.attr == "xpath" and node.args:
            for s, e in _spans(ctx, node.args[0], _XPATH_STEP):
                yield _finding(ctx, s, e, "XPath step `tree`: list views are `<list>` since Odoo 18.0")
        return
    if isinstance(node, ast.Compare):
        left = node.left
        for op, right in zip(node.ops, node.comparators):
            if isinstance(op, (ast.Eq, ast.NotEq)) and (_is_view_type(left) and _is_tree(right)
                                                         or _is_view_type(right) and _is_tree(left)):
                lit = right if _is_tree(right) else left
                for s, e in _spans(ctx, lit, re.compile(r"^tree$")):
                    yield _finding(ctx, s, e, f"`view_type` compared with `\"tree\"`: {_TYPE_MSG}")
            elif isinstance(op, (ast.In, ast.NotIn)) and _is_view_type(left) \
                    and isinstance(right, (ast.Tuple, ast.List, ast.Set)):
                for elt in right.elts:
                    for s, e in _spans(ctx, elt, re.compile(r"^tree$")):
                        yield _finding(ctx, s, e, f"`view_type` tested against `\"tree\"`: {_TYPE_MSG}")
            left = right
        return
    if isinstance(node.value, str) and _MARKUP.match(node.value):
        for s, e in _spans(ctx, node, _TAG):
            yield _finding(ctx, s, e, "`<tree>` in a view arch string: the view element is `<list>` since "
                                      "Odoo 18.0")
