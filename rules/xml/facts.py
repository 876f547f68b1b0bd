"""The "xml_ids" facts (kinds xml and csv) and the "js_actions" facts (kind js), as FACTS.md describes.

xml_ids: {"defined": [{"id", "model", "line", "span"}], "referenced": [{"id", "line", "span", "attr"}],
          "views": [{"id", "model", "type", "fields": [{"name", "span"}], "buttons": [{"name", "type", "span"}],
                     "inherit"}], "client_actions": [{"tag", "span"}]}
Ids are fully qualified (`module.name`): an id without a module gets the file's addon.
js_actions: {"registered_actions": [tag, ...]}
"""
from __future__ import annotations

import re

from odoolint.registry import facts

from .common import addon_xmlid, element_filter, fields_of, raw_attr, raw_text, records, regex_in, tree_elements

_EVAL_REF = re.compile(r"""\bref\(\s*(['"])([\w.\-]+)\1\s*\)""")
_PERCENT_REF = re.compile(r"%\(([\w.\-]+)\)[ds]")
_XMLID = re.compile(r"^[\w\-]+(?:\.[\w\-]+)?$")
# elements whose id attribute creates a record, and the model of that record
_DEFINING = {"template": "ir.ui.view", "menuitem": "ir.ui.menu", "act_window": "ir.actions.act_window",
             "report": "ir.actions.report"}


def _qualify(ctx, xmlid: str) -> str:
    return addon_xmlid(ctx, xmlid.strip())


def _arch_or_qweb_elements(root) -> set:
    """The elements inside a view arch (`<field type="xml">`) or a QWeb `<template>`, where `ref` is not an xml
    id: the descendants of each, gathered in one pass (a set of lxml elements holds their proxies, so a later walk
    hands out the same objects)."""
    inside: set = set()
    for a in root.iter("field", "template"):
        if (a.tag == "field" and a.get("type") in ("xml", "html")) or a.tag == "template":
            if a not in inside:
                inside.update(a.iterdescendants())
    return inside


def _subview_depth(el, stop) -> bool:
    """True if `el` lies inside an embedded x2many sub-view or a `groupby` of the arch `stop`."""
    for a in el.iterancestors():
        if a is stop:
            return False
        if a.tag in ("field", "groupby"):
            return True
    return False


@facts("xml", "xml_ids")
def extract_xml_ids(ctx) -> dict:
    tree = ctx.tree
    defined, referenced, views, client_actions = [], [], [], []
    own_prefix = f"{ctx.addon}." if ctx.addon else None

    def ref(xmlid, line, span, attr):
        if not xmlid or not _XMLID.match(xmlid.strip()):
            return
        referenced.append({"id": _qualify(ctx, xmlid), "line": line, "span": span.to_dict(), "attr": attr})

    def define(el, model):
        raw = el.get("id")
        if not raw or not _XMLID.match(raw.strip()):
            return
        xmlid = _qualify(ctx, raw)
        span = tree.attr_value_span(el, "id")
        if own_prefix and not xmlid.startswith(own_prefix):
            # `other_module.x`: this file updates another addon's record, which that addon must define
            ref(raw, span.start.line, span, "id")
            return
        defined.append({"id": xmlid, "model": model, "line": span.start.line, "span": span.to_dict()})

    arch_or_qweb = _arch_or_qweb_elements(tree.root)
    for el in tree_elements(tree):
        tag = el.tag
        in_arch = el in arch_or_qweb
        if tag == "record" and not in_arch:
            define(el, el.get("model") or "")
        elif tag in _DEFINING and (tag != "template" or not in_arch):
            define(el, _DEFINING[tag])
        # references
        if not in_arch and el.get("ref") and tag in ("field", "record", "value"):
            span = tree.attr_value_span(el, "ref")
            ref(el.get("ref"), span.start.line, span, "ref")
        if not in_arch and el.get("eval") and "ref(" in el.get("eval"):
            for s, e in regex_in(ctx, raw_attr(ctx, el, "eval"), _EVAL_REF, 2):
                span = ctx.span(s, e)
                ref(ctx.source[s:e], span.start.line, span, "eval")
        if tag == "template" and el.get("inherit_id"):
            span = tree.attr_value_span(el, "inherit_id")
            ref(el.get("inherit_id"), span.start.line, span, "inherit_id")
        if tag == "menuitem":
            for attr in ("parent", "action"):
                if el.get(attr):
                    span = tree.attr_value_span(el, attr)
                    ref(el.get(attr), span.start.line, span, attr)
        if el.get("groups"):
            bounds = raw_attr(ctx, el, "groups")
            if bounds:
                pos = bounds[0]
                for part in ctx.source[bounds[0]:bounds[1]].split(","):
                    name = part.strip().lstrip("!").strip()
                    start = pos + part.find(name) if name else pos
                    if name:
                        span = ctx.span(start, start + len(name))
                        ref(name, span.start.line, span, "groups")
                    pos += len(part) + 1
        if tag == "button" and (el.get("name") or "").startswith("%("):
            for s, e in regex_in(ctx, raw_attr(ctx, el, "name"), _PERCENT_REF, 1):
                span = ctx.span(s, e)
                ref(ctx.source[s:e], span.start.line, span, "name")

    for rec in records(tree):
        model = rec.get("model")
        if model == "ir.ui.view":
            views.append(_view(ctx, rec))
        elif model == "ir.actions.client":
            for f in fields_of(rec, "tag"):
                tag_value = (f.text or "").strip()
                bounds = raw_text(ctx, f)
                if tag_value and bounds:
                    raw = ctx.source[bounds[0]:bounds[1]]
                    start = bounds[0] + raw.find(tag_value) if tag_value in raw else bounds[0]
                    client_actions.append({"tag": tag_value,
                                           "span": ctx.span(start, start + len(tag_value)).to_dict()})
    # beyond FACTS.md (additive): `<function>` calls can create xml ids from Python, so an addon that has any
    # cannot be proven to lack an id
    functions = len(tree_elements(tree, "function"))
    return {"defined": defined, "referenced": referenced, "views": views, "client_actions": client_actions,
            "functions": functions}


def _view(ctx, rec) -> dict:
    tree = ctx.tree
    model = next(((f.text or "").strip() for f in fields_of(rec, "model")), None) or None
    inherit = any(True for _ in fields_of(rec, "inherit_id"))
    arch = next(fields_of(rec, "arch"), None)
    vtype = next(((f.text or "").strip() for f in fields_of(rec, "type")), None)
    fields_, buttons, sub_fields = [], [], []
    if arch is not None:
        root = next(arch.iterchildren(element_filter()), None)
        if vtype is None and root is not None and not inherit:
            vtype = root.tag
        for el in arch.iterdescendants(element_filter()):
            if _subview_depth(el, arch):
                via = _via(el, arch)
                if via and el.tag == "field" and el.get("name") and el.get("position") is None and not inherit:
                    sub_fields.append({"name": el.get("name"), "via": via,
                                       "span": tree.attr_value_span(el, "name").to_dict()})
                continue
            if el.tag == "field" and el.get("name") and el.get("position") is None:
                fields_.append({"name": el.get("name"), "span": tree.attr_value_span(el, "name").to_dict()})
            elif el.tag in ("button", "a") and el.get("type") == "object" and el.get("name"):
                buttons.append({"name": el.get("name"), "type": "object",
                                "span": tree.attr_value_span(el, "name").to_dict()})
    # "subview_fields" is beyond FACTS.md (additive): fields of embedded x2many sub-views of a primary view,
    # with the chain of x2many field names that leads to them
    return {"id": addon_xmlid(ctx, rec.get("id") or ""), "model": model, "type": vtype, "fields": fields_,
            "buttons": buttons, "inherit": inherit, "subview_fields": sub_fields}


def _via(el, arch) -> list:
    """Names of the x2many `<field>`s (outermost first) whose sub-views hold `el`; [] if a `groupby` or an
    unnamed field is on the way."""
    chain = []
    for a in el.iterancestors():
        if a is arch:
            break
        if a.tag == "groupby" or (a.tag == "field" and not a.get("name")):
            return []
        if a.tag == "field":
            chain.append(a.get("name"))
    return list(reversed(chain))


# ---- CSV data files -----------------------------------------------------------------------------------

@facts("csv", "xml_ids")
def extract_csv_ids(ctx) -> dict:
    tree = ctx.tree
    header = [h.strip() for h in getattr(tree, "header", [])]
    defined, referenced = [], []
    if "id" not in header:
        return {"defined": [], "referenced": [], "views": [], "client_actions": []}
    model = ctx.relpath.rsplit("/", 1)[-1][:-4] if ctx.relpath.lower().endswith(".csv") else ""
    id_col = header.index("id")
    ref_cols = [(i, h) for i, h in enumerate(header) if h.endswith((":id", "/id")) and h not in ("id",)]
    for row in tree.rows:
        cells = row.cells
        if not any(c.strip() for c in cells):
            continue
        line_start = ctx.index.line_start(row.line)
        line_text = ctx.index.line_text(row.line)
        starts = _cell_starts(line_text)

        def cell_span(value, col, _start=line_start, _text=line_text, _starts=starts):
            base = _starts[col] if col < len(_starts) else 0
            at = _text.find(value, base) if value else -1
            if at < 0:
                return ctx.span(_start, _start + len(_text))
            return ctx.span(_start + at, _start + at + len(value))

        if id_col < len(cells) and cells[id_col].strip():
            raw = cells[id_col].strip()
            span = cell_span(raw, id_col)
            xmlid = addon_xmlid(ctx, raw)
            if ctx.addon and not xmlid.startswith(f"{ctx.addon}."):
                referenced.append({"id": xmlid, "line": row.line, "span": span.to_dict(), "attr": "id"})
            else:
                defined.append({"id": xmlid, "model": model, "line": row.line, "span": span.to_dict()})
        for i, h in ref_cols:
            if i >= len(cells):
                continue
            for part in cells[i].split(","):
                raw = part.strip()
                if raw and _XMLID.match(raw):
                    referenced.append({"id": addon_xmlid(ctx, raw), "line": row.line,
                                       "span": cell_span(raw, i).to_dict(), "attr": h})
    return {"defined": defined, "referenced": referenced, "views": [], "client_actions": []}


def _cell_starts(line: str) -> list[int]:
    """Offsets where each cell of a CSV line starts (commas inside quotes do not split)."""
    starts, quoted = [0], False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            starts.append(i + 1)
    return starts


# ---- JavaScript: client actions registered in the "actions" registry -------------------------------

_ACTIONS_CAT = r"""registry\s*\.\s*category\(\s*(?P<q>['"`])actions(?P=q)\s*\)"""
_DIRECT_ADD = re.compile(_ACTIONS_CAT + r"""\s*\.\s*add\(\s*(?P<q2>['"`])(?P<tag>[\w.\-]+)(?P=q2)""")
_ALIAS = re.compile(r"""(?:const|let|var)\s+(?P<alias>[A-Za-z_$][\w$]*)\s*=\s*""" + _ACTIONS_CAT)
_LEGACY_ADD = re.compile(r"""\baction_registry\s*\.\s*add\(\s*(['"])([\w.\-]+)\1""")


@facts("js", "js_actions")
def extract_js_actions(ctx) -> dict:
    src = ctx.source
    if "actions" not in src and "action_registry" not in src:
        return {"registered_actions": []}
    tags = [m.group("tag") for m in _DIRECT_ADD.finditer(src)]
    for m in _ALIAS.finditer(src):
        alias = re.escape(m.group("alias"))
        tags += [a.group(2) for a in re.finditer(r"\b" + alias + r"""\s*\.\s*add\(\s*(['"`])([\w.\-]+)\1""", src)]
    tags += [m.group(2) for m in _LEGACY_ADD.finditer(src)]
    return {"registered_actions": sorted(set(tags))}
