"""XML101: the `tree` view type became `list` in Odoo 18.0."""
from __future__ import annotations

import re

from odoolint.model import Applicability, Fix, Finding
from odoolint.registry import rule

from .common import arch_elements, is_element, fields_of, raw_attr, raw_text, records, regex_in, tree_elements

# the word `tree` as an item of a comma-separated list of view modes ("tree,form", "kanban, tree")
_MODE_ITEM = re.compile(r"(?:(?<=^)|(?<=,)|(?<=\s))tree(?=\s*(?:,|$))")
# `tree` as an XPath node test: //tree, /tree[...], field/tree/field, child::tree
_XPATH_STEP = re.compile(r"(?:^|(?<=/)|(?<=::))tree(?=$|[/\[\s|)\]])")
_VIEW_REF = re.compile(r"\btree_view_ref\b")
_QUOTED_TREE = re.compile(r"""(?<=['"])tree(?=['"])""")
# `'view_mode': 'tree'` in the `view_ids` eval of an action (ir.actions.act_window.view commands)
_VIEW_MODE_KEY = re.compile(r"""(['"])view_mode\1\s*:\s*(['"])(tree)\2""")

# field name -> pattern of the `tree` occurrences to rename in its text (data records of any model)
_FIELD_TEXTS = {"view_mode": _MODE_ITEM, "binding_view_types": _MODE_ITEM}


def _template_subviews(tree):
    """`<tree>` children of `<field>` elements inside QWeb `<template>`s: x2many sub-views of a view fragment
    that Python renders with `ir.qweb` and inserts into a view arch (`get_view` overrides)."""
    for tpl in tree_elements(tree, "template"):
        for el in tpl.iter("tree"):
            parent = el.getparent()
            if is_element(el) and parent is not None and parent.tag == "field" and parent.get("name"):
                yield el


def _fix(ctx, spans, new, message):
    edits = tuple(ctx.edit(s, e, new) for s, e in spans)
    return Fix(edits, Applicability.SAFE, message) if edits else None


@rule("XML101", "view-tree-to-list", summary="`tree` view type renamed `list` (Odoo 18.0)",
      kinds=["xml"], severity="error", since="18.0", fix="safe", tags=["migration"],
      what="Finds every place an Odoo 18.0+ data file still names the `tree` view type: `<tree>` elements in "
           "the arch of `ir.ui.view` records (list roots, one2many sub-views inside forms, `<tree position=...>` "
           "specs of inherited views), `//tree` steps in `<xpath expr>`, `tree` in `mode=\"...\"` of fields, "
           "`tree_view_ref` context keys, `tree` items of `view_mode`/`binding_view_types` field texts, the "
           "`type` field of a view record, `'tree'` in the `views` field eval and `'view_mode': 'tree'` in the "
           "`view_ids` eval, and `<tree>` sub-views of `<field>` elements inside QWeb `<template>`s (view "
           "fragments that Python renders with `ir.qweb` and inserts into a view arch in `get_view`). The word "
           "in prose, strings and other QWeb markup is never touched.",
      why="Odoo 18.0 renamed the view type: `ir.ui.view.type` only offers `list` (the RNG is list_view.rng), so "
          "a `<tree>` arch fails validation and the module does not install; `view_mode` with `tree` names a "
          "view type that no longer exists; `tree_view_ref` is silently ignored because the server looks up "
          "`<view_type>_view_ref`, i.e. `list_view_ref`. `ir.actions.act_window.view.view_mode` is a selection "
          "of the view types, so a `view_ids` command with `'tree'` fails to load; a `<tree>` sub-view inserted "
          "into a form is not read as the field's list (18.0's x2many sub-views are `list`), so the field "
          "falls back to its default list.",
      before='<record id="view_x_list" model="ir.ui.view">\n  <field name="arch" type="xml">\n'
             '    <tree><field name="name"/></tree>\n  </field>\n</record>\n'
             '<field name="view_mode">tree,form</field>',
      after='<record id="view_x_list" model="ir.ui.view">\n  <field name="arch" type="xml">\n'
            '    <list><field name="name"/></list>\n  </field>\n</record>\n'
            '<field name="view_mode">list,form</field>',
      source="odoo/addons/base/models/ir_ui_view.py: 17.0 `type` selection starts with ('tree', 'Tree') (line 163) "
             "and rng/tree_view.rng; 18.0 has ('list', 'List') (line 153) and rng/list_view.rng, same in 19.0 "
             "(line 149). ir_ui_view.py 18.0 `_get_view_refs`/`f'{view_type}_view_ref'` (lines 944, 1243). "
             "odoo/upgrade_code/17.5-01-tree-to-list.py in the 19.0 tree (tags, xpath, view_mode, "
             "binding_view_types, mode, tree_view_ref, `'view_mode': 'tree'` in .xml/.py files); "
             "odoo/addons/base/models/ir_actions.py 18.0 `IrActionsActWindowView.view_mode = "
             "fields.Selection(VIEW_TYPES, ...)`; ir_ui_view.py 18.0 `_postprocess_tag_field` post-processes only "
             "`form`/`list`/`graph`/`kanban`/`calendar` children of a field.")
def view_tree_to_list(ctx):
    tree = ctx.tree
    # 1. arch elements of views: <tree> tags, xpath expr, mode=, context tree_view_ref, <attribute name="mode">
    for el in [el for _rec, el in arch_elements(tree)] + list(_template_subviews(tree)):
        if el.tag == "tree":
            p = tree.pos(el)
            spans = []
            if p is not None:
                spans.append((p.start + 1, p.name_end))
                if p.end_tag_start is not None and not p.self_closing:
                    spans.append((p.end_tag_start + 2, p.end_tag_start + 2 + len("tree")))
            yield Finding(tree.tag_span(el), "`<tree>` view element: the view type is `list` since Odoo 18.0",
                          fix=_fix(ctx, spans, "list", "Rename `<tree>` to `<list>`"))
        if el.tag == "xpath" and el.get("expr"):
            for s, e in regex_in(ctx, raw_attr(ctx, el, "expr"), _XPATH_STEP):
                yield Finding(ctx.span(s, e), "XPath step `tree`: list views are `<list>` since Odoo 18.0",
                              fix=_fix(ctx, [(s, e)], "list", "Replace `tree` with `list` in the XPath"))
        if el.get("mode") and el.tag == "field":
            for s, e in regex_in(ctx, raw_attr(ctx, el, "mode"), _MODE_ITEM):
                yield Finding(ctx.span(s, e), "`mode` names the `tree` view type: it is `list` since Odoo 18.0",
                              fix=_fix(ctx, [(s, e)], "list", "Replace `tree` with `list` in `mode`"))
        if "tree_view_ref" in (el.get("context") or ""):
            yield from _view_refs(ctx, raw_attr(ctx, el, "context"))
        if el.tag == "attribute" and el.get("name") == "mode" and len(el) == 0:
            for s, e in regex_in(ctx, raw_text(ctx, el), _MODE_ITEM):
                yield Finding(ctx.span(s, e), "`mode` names the `tree` view type: it is `list` since Odoo 18.0",
                              fix=_fix(ctx, [(s, e)], "list", "Replace `tree` with `list` in `mode`"))
        if el.tag == "attribute" and el.get("name") == "context" and len(el) == 0 \
                and "tree_view_ref" in (el.text or ""):
            yield from _view_refs(ctx, raw_text(ctx, el))
    # 2. data records of any model: view_mode, binding_view_types, context, views, view type
    for rec in records(tree):
        model = rec.get("model")
        for f in fields_of(rec):
            name = f.get("name")
            if name in _FIELD_TEXTS and len(f) == 0:
                for s, e in regex_in(ctx, raw_text(ctx, f), _FIELD_TEXTS[name]):
                    yield Finding(ctx.span(s, e), f"`{name}` names the `tree` view type: it is `list` since "
                                                  f"Odoo 18.0",
                                  fix=_fix(ctx, [(s, e)], "list", f"Replace `tree` with `list` in `{name}`"))
            elif name == "type" and model == "ir.ui.view" and len(f) == 0 and (f.text or "").strip() == "tree":
                for s, e in regex_in(ctx, raw_text(ctx, f), re.compile(r"\btree\b")):
                    yield Finding(ctx.span(s, e), "View `type` is `tree`: it is `list` since Odoo 18.0",
                                  fix=_fix(ctx, [(s, e)], "list", "Set the view type to `list`"))
            elif name == "context":
                if "tree_view_ref" in (f.get("eval") or ""):
                    yield from _view_refs(ctx, raw_attr(ctx, f, "eval"))
                if len(f) == 0 and "tree_view_ref" in (f.text or ""):
                    yield from _view_refs(ctx, raw_text(ctx, f))
            elif name == "view_ids" and f.get("eval"):
                for s, e in regex_in(ctx, raw_attr(ctx, f, "eval"), _VIEW_MODE_KEY, group=3):
                    yield Finding(ctx.span(s, e), "`view_ids` creates a view of the `tree` type: it is `list` since "
                                                  "Odoo 18.0",
                                  fix=_fix(ctx, [(s, e)], "list", "Replace `'tree'` with `'list'` in `view_ids`"))
            elif name == "views" and f.get("eval"):
                for s, e in regex_in(ctx, raw_attr(ctx, f, "eval"), _QUOTED_TREE):
                    yield Finding(ctx.span(s, e), "`views` names the `tree` view type: it is `list` since "
                                                  "Odoo 18.0",
                                  fix=_fix(ctx, [(s, e)], "list", "Replace `'tree'` with `'list'` in `views`"))
    # 3. <act_window view_mode="tree,form"> shortcuts (still seen in old files) and view_mode attributes
    for el in tree_elements(tree, "act_window"):
        for s, e in regex_in(ctx, raw_attr(ctx, el, "view_mode"), _MODE_ITEM):
            yield Finding(ctx.span(s, e), "`view_mode` names the `tree` view type: it is `list` since Odoo 18.0",
                          fix=_fix(ctx, [(s, e)], "list", "Replace `tree` with `list` in `view_mode`"))


def _view_refs(ctx, bounds):
    for s, e in regex_in(ctx, bounds, _VIEW_REF):
        yield Finding(ctx.span(s, e), "`tree_view_ref` is ignored since Odoo 18.0: the key is `list_view_ref`",
                      fix=_fix(ctx, [(s, e)], "list_view_ref", "Rename the key to `list_view_ref`"))
