"""The "oca_xml" facts: what OCA's `oca-checks-odoo-module` would report in one XML file, before scoping.

Per file: candidate findings of the file-local checks (`[check, span, message]`), the ids of records, menus and
templates with their `noupdate` for the cross-file duplicate checks, and the checks the file disables with
`<!-- oca-hooks:disable=... -->` (or the deprecated `pylint:disable=`), which the hooks apply to the whole file.
Project rules (oca_checks.py) keep the candidates of the files the hooks read (rules/manifest/oca_scope.py).
The semantics follow oca_pre_commit_hooks/checks_odoo_module_xml.py; the code is written independently.
"""
from __future__ import annotations

import os
import re

from odoolint.registry import facts

from .common import element_filter, is_element, tree_elements

HEADER_EXPECTED = '<?xml version="1.0" encoding="UTF-8" ?>'
_HEADER = re.compile(r"^<\?xml[^>]*\?>", re.I | re.M)
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_DISABLE = re.compile(r"(?:oca-hooks|pylint):disable=([a-z\-,]+)")
# what a comment matching `_DISABLE` once blanks and `#` are taken out shows in the source: a text without it has
# no such comment, and its comments (a scan of every tag) are not read
_DISABLE_MARK = re.compile(r"d[\s#]*i[\s#]*s[\s#]*a[\s#]*b[\s#]*l[\s#]*e[\s#]*=")
MIN_PRIORITY = 99
TREE_DEPRECATED = ("colors", "fonts", "string")
QWEB_OPTIONS = ("t-esc-options", "t-field-options", "t-raw-options")
QWEB_15 = ("t-esc", "t-raw")

# fields the hooks know to be boolean or numeric (Odoo field names, all models or per model)
BOOL_FIELDS = {"": {"active", "is_published", "website_published"},
               "account.payment.term": {"is_fixed"},
               "account.report": {"filter_journals", "filter_unfold_all"},
               "account.report.column": {"sortable"},
               "account.report.expression": {"auditable", "green_on_positive"},
               "account.report.line": {"foldable", "hide_if_zero", "hierarchy_level"},
               "hr.payslip.input.type": {"available_in_attachments"},
               "hr.salary.rule": {"appears_on_payroll_report", "appears_on_payslip"},
               "hr.work.entry.type": {"is_leave"},
               "ir.attachment": {"public"},
               "ir.rule": {"perm_create", "perm_read", "perm_unlink", "perm_write"},
               "mail.message.subtype": {"default"},
               "mail.template": {"auto_delete"},
               "payment.method": {"support_express_checkout", "support_tokenization"},
               "planning.slot": {"publication_warning"},
               "product.product": {"available_in_pos"}, "product.template": {"available_in_pos"},
               "res.partner": {"is_company"}}
NUMERIC_FIELDS = {"": {"color", "sequence", "website_sequence"},
                  "account.analytic.line": {"amount", "unit_amount"},
                  "ir.cron": {"interval_number", "numbercall"},
                  "ir.ui.view": {"priority"},
                  "product.product": {"list_price", "standard_price", "weight"},
                  "product.template": {"list_price", "standard_price", "weight"},
                  "res.currency": {"rounding"}, "res.currency.rate": {"rate"},
                  "sale.order.line": {"price_unit", "product_uom_qty"},
                  "stock.move": {"product_uom_qty", "quantity_done"}}


def _of(table, model):
    return table[""] | table.get(model, set())


def first_tag(source: str) -> tuple[str, int]:
    """The first tag of the file as the hooks read it (first line starting with `<`, joined up to the line that
    ends with `>`), and its line."""
    buf, start = [], 0
    for no, raw in enumerate(source.split("\n"), 1):
        line = raw.strip(" \n\r")
        if not buf and line.startswith("<"):
            buf.append(line)
            start = no
        if buf and line.endswith(">"):
            if line not in buf:
                buf.append(line)
            return " ".join(buf), start
    return "", 0


def _line(ctx, line: int) -> dict:
    line = max(1, min(line, ctx.index.line_count))
    start = ctx.index.line_start(line)
    return ctx.span(start, start + len(ctx.index.line_text(line))).to_dict()


def _priority_of_view(rec) -> int:
    for f in rec.iterchildren("field"):
        if f.get("name") == "priority":
            try:
                return int(f.get("eval", f.text) or 0)
            except (TypeError, ValueError):
                return 0
    return 0


def _arch_replaces(rec) -> bool:
    for f in rec.iterchildren("field"):
        if f.get("name") == "arch" and f.get("type") == "xml":
            return any(e.get("position") == "replace" for e in f.iterdescendants(element_filter()))
    return False


def _template_elements(root) -> set:
    """The elements that have a `<template>` ancestor, in one pass (a set of lxml elements holds their proxies, so
    a later walk hands out the same objects)."""
    inside: set = set()
    for t in root.iter("template"):
        if t not in inside:
            inside.update(t.iterdescendants())
    return inside


@facts("xml", "oca_xml")
def extract_oca_xml(ctx) -> dict:
    tree, root = ctx.tree, ctx.tree.root
    cands: list = []

    def add(check, el, message):
        cands.append([check, tree.start_tag_span(el).to_dict(), message])

    disabled = set()
    for c in (tree.comments if _DISABLE_MARK.search(ctx.source) else ()):
        m = _DISABLE.search(re.sub(r"[\s#]", "", c.body))
        if m:
            disabled.update(x for x in m.group(1).split(",") if x)

    tag, tag_line = first_tag(ctx.source)
    header = None
    if not tag.startswith("<?xml "):
        header = ["xml-header-missing", _line(ctx, 1), "XML missing header"]
    elif _HEADER.sub(HEADER_EXPECTED, tag, count=1) != tag:
        header = ["xml-header-wrong", _line(ctx, tag_line),
                  f"XML header expected '{HEADER_EXPECTED}' but received '{tag}'"]

    top = root.tag if root.tag in ("odoo", "openerp") else None
    if root.tag == "openerp":
        add("xml-deprecated-openerp-node", root, "Deprecated `<openerp>` xml node: use `<odoo>`")
    if top and sum(1 for c in root if is_element(c)) < 2:
        for c in root:
            if is_element(c) and c.tag == "data":
                add("xml-deprecated-data-node", c, "Deprecated `<data>` node: use `<odoo>` (or "
                                                   "`<odoo noupdate=\"1\">`) instead of `<odoo><data>`")
    addon = ctx.addon or os.path.basename(ctx.addon_path or "")
    records, templates = [], []
    for el in (root.iter("record", "menuitem", "template", "xpath") if top else ()):
        if el.tag in ("record", "menuitem"):
            _record(ctx, el, addon, add, records)
        elif el.tag == "template":
            _template(ctx, el, add, templates)
        if el.tag == "xpath":
            expr = (el.get("expr") or "").replace(" ", "")
            if "[contains(text()" in expr or "[text()=" in expr:
                add("xml-xpath-translatable-item", el, "Use of translatable xpath `text()`: the text changes with "
                                                       "the language")
    in_template = _template_elements(root) if top else set()
    for el in tree_elements(tree):
        if el.tag == "xpath" and not top:
            expr = (el.get("expr") or "").replace(" ", "")
            if "[contains(text()" in expr or "[text()=" in expr:
                add("xml-xpath-translatable-item", el, "Use of translatable xpath `text()`: the text changes with "
                                                       "the language")
        if el.tag in ("link", "script"):
            attr = "href" if el.tag == "link" else "src"
            resource = el.get(attr)
            if resource and resource.startswith("/"):
                ext = os.path.splitext(os.path.basename(resource))[1]
                if not re.search(r"^[.][a-zA-Z]+$", ext):
                    add("xml-not-valid-char-link", el, "The resource in src/href contains a not valid character")
        cls = set((el.get("class") or "").split())
        if "oe_structure" in cls and "oe_structure" not in (el.get("id") or ""):
            add("xml-oe-structure-missing-id", el, "Consider removing the class `oe_structure` or adding a proper "
                                                   "id to the tag: the id must contain `oe_structure`")
        if el.tag == "div" and "oe_chatter" in cls:
            add("xml-deprecated-oe-chatter", el, "`div.oe_chatter` is no chatter in Odoo 18.0+, the version this "
                                                 "module's manifest names: use `<chatter/>`")
        if top and el in in_template:
            opts = [a for a in QWEB_OPTIONS if a in el.attrib]
            if opts:
                add("xml-deprecated-qweb-directive", el,
                    f"Deprecated QWeb directive `{', '.join(opts)}`: use `t-options`")
            old = [a for a in QWEB_15 if a in el.attrib]
            if old:
                add("xml-deprecated-qweb-directive-15", el,
                    f"Deprecated QWeb directive `{', '.join(old)}`: use `t-out` (Odoo 15.0+)")
    return {"cands": cands, "header": header, "records": records, "templates": templates,
            "disabled": sorted(disabled)}


def _record(ctx, rec, addon, add, records):
    tree = ctx.tree
    rid = rec.get("id")
    model = rec.get("model")
    if not rid:
        add("xml-record-missing-id", rec, "Record has no id: add a unique one to create a new record, use an "
                                          "existing one to update it")
    else:
        records.append([rid, (rec.getparent().get("noupdate") or "0"), tree.start_tag_span(rec).to_dict(),
                        rec.tag, "action" in rec.attrib])
        module, _, name = rid.rpartition(".")
        if module and module == addon:
            add("xml-redundant-module-name", rec, f'Redundant module name `<{rec.tag} id="{rid}"`: use '
                                                  f'`<{rec.tag} id="{name}"`')
        first = next(iter(rec.attrib), None)
        if first != "id":
            add("xml-id-position-first", rec, f'The "id" attribute must be first `<{rec.tag} id="{rid}" '
                                              f'{first}=...`')
    for f in rec.iterdescendants("field"):
        if not f.get("name") or "eval" in f.attrib or "type" in f.attrib or not f.text:
            continue
        parent = f.getparent()
        owner = parent.get("model") if parent is not None else None
        if not owner:
            continue
        value = f.text.title()
        name = f.get("name")
        if value in ("True", "False") and name in _of(BOOL_FIELDS, owner):
            add("xml-field-bool-without-eval", f, f"Field `{name}` with boolean value without `eval` attribute")
        elif _NUMBER.match(value) and name in _of(NUMERIC_FIELDS, owner):
            add("xml-field-numeric-without-eval", f, f"Field `{name}` with numeric value without `eval` attribute")
    if model == "ir.ui.view":
        priority = _priority_of_view(rec)
        if priority < MIN_PRIORITY and _arch_replaces(rec):
            add("xml-view-dangerous-replace-low-priority", rec,
                f"Dangerous use of `replace` from view with priority {priority} < {MIN_PRIORITY}: try "
                f"`position=\"attributes\"`, `position=\"move\"` or `invisible=\"1\"` first")
        for t in rec.iterdescendants("tree"):
            attrs = [a for a in TREE_DEPRECATED if a in t.attrib]
            if attrs:
                add("xml-deprecated-tree-attribute", t, f'Deprecated "<tree {",".join(attrs)}=..."')
    elif model == "res.users":
        has_name = any(c.get("name") == "name" for c in rec.iterchildren("field"))
        if has_name and "no_reset_password" not in (rec.get("context") or ""):
            add("xml-create-user-wo-reset-password", rec,
                "record res.users without `context=\"{'no_reset_password': True}\"`")


def _template(ctx, tpl, add, templates):
    tree = ctx.tree
    tid = tpl.get("id")
    try:
        priority = int(tpl.get("priority"))
    except (TypeError, ValueError):
        priority = 0
    for child in tpl:
        if is_element(child) and child.get("position") == "replace" and priority < MIN_PRIORITY:
            add("xml-dangerous-qweb-replace-low-priority", child,
                f"Dangerous use of `replace` from view with priority {priority} < {MIN_PRIORITY}: try "
                f"`position=\"attributes\"`, `position=\"move\"` or `t-if=\"False\"` first")
    if tid:
        templates.append([tid, (tpl.getparent().get("noupdate") or "0"), tree.start_tag_span(tpl).to_dict()])
        first = next(iter(tpl.attrib), None)
        if first != "id":
            add("xml-id-position-first", tpl, f'The "id" attribute must be first `<{tpl.tag} id="{tid}" '
                                              f'{first}=...`')
    for area in tpl.iterdescendants("textarea"):
        kids = [c for c in area if is_element(c)]
        if len(list(area)) != 1 or len(kids) != 1:
            continue
        kid = kids[0]
        found = [a for a in ("t-out", "t-esc", "t-raw") if a in kid.attrib]
        if kid.tag != "t" or (area.text or "").strip() or (kid.tail or "").strip() or not found:
            continue
        add("xml-template-prettier-incompatible", kid,
            f"Node `<{area.tag} ...><{kid.tag} {found[0]}=...` incompatible with Prettier XML auto-fix: prefer "
            f"`<{area.tag} {found[0]}=...`")
