"""XML102: `attrs` and `states` in views are rejected since Odoo 17.0; convert the domains to the
Python expressions of `invisible`, `readonly`, `required` and `column_invisible` when that is exact."""
from __future__ import annotations

import ast
import re

from odoolint.model import Applicability, Fix, Finding
from odoolint.registry import rule

from .common import arch_elements, elements, escape_text, line_indent, tree_elements
from .start_tags import rewrite_attributes, text_element

MODIFIERS = ("invisible", "readonly", "required", "column_invisible")
_OPS = {"=": "==", "==": "==", "!=": "!=", "<>": "!=", "<": "<", ">": ">", "<=": "<=", ">=": ">=",
        "in": "in", "not in": "not in"}
_IDENT = re.compile(r"^(?:parent\.)?[A-Za-z_][A-Za-z0-9_]*$")
_PREC_OR, _PREC_AND, _PREC_NOT, _PREC_CMP, _PREC_ATOM = 1, 2, 3, 4, 5


class NotExact(Exception):
    """The domain has no exact Python-expression equivalent (reported, not fixed)."""


def _value(node: ast.expr) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, int, float, bool, type(None))):
        return ast.unparse(node)
    if isinstance(node, (ast.List, ast.Tuple)) and all(isinstance(e, ast.Constant) for e in node.elts):
        return ast.unparse(node)
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return ast.unparse(node)
    if isinstance(node, ast.Call) and ast.unparse(node.func) == "context.get" and not node.keywords \
            and all(isinstance(a, ast.Constant) for a in node.args):
        return ast.unparse(node)
    raise NotExact(f"the value `{ast.unparse(node)}` cannot be carried over as is")


def _leaf(node: ast.expr) -> tuple[int, str]:
    if not isinstance(node, (ast.Tuple, ast.List)) or len(node.elts) != 3:
        raise NotExact(f"`{ast.unparse(node)}` is not a domain leaf")
    f, op, val = node.elts
    if not (isinstance(f, ast.Constant) and isinstance(f.value, str) and _IDENT.match(f.value)):
        raise NotExact(f"the field path `{ast.unparse(f)}` is not a plain field name")
    if not (isinstance(op, ast.Constant) and isinstance(op.value, str) and op.value.lower() in _OPS):
        raise NotExact(f"the operator `{ast.unparse(op)}` has no Python equivalent")
    name, pyop = f.value, _OPS[op.value.lower()]
    if isinstance(val, ast.Constant) and val.value is False and pyop in ("==", "!="):
        return (_PREC_NOT, f"not {name}") if pyop == "==" else (_PREC_ATOM, name)
    if isinstance(val, (ast.List, ast.Tuple)) and pyop in ("==", "!="):
        # 16.0 domains compared arrays element-wise (domain.js shallowEqual); 17.0 expressions compare lists by
        # identity (py_interpreter.js isEqual), so only the empty list has an exact equivalent: emptiness
        if val.elts:
            raise NotExact(f"comparing `{name}` to a list does not behave the same in a Python expression")
        return (_PREC_NOT, f"not {name}") if pyop == "==" else (_PREC_ATOM, name)
    if isinstance(val, ast.Constant) and val.value is True and pyop in ("==", "!="):
        return (_PREC_ATOM, name) if pyop == "==" else (_PREC_NOT, f"not {name}")
    if isinstance(val, (ast.List, ast.Tuple)) and pyop in ("in", "not in") and len(val.elts) == 1 \
            and isinstance(val.elts[0], ast.Constant) and isinstance(val.elts[0].value, str):
        # `x in ['a']` is `x == 'a'` in 17.0's py_interpreter.js (isIn: `includes`, strict; isEqual: strict for
        # a string), the form OCA's migrators wrote for 32 of the 35 one-string lists of the 16.0 corpus
        return _PREC_CMP, f"{name} {'==' if pyop == 'in' else '!='} {_value(val.elts[0])}"
    return _PREC_CMP, f"{name} {pyop} {_value(val)}"


def _wrap(term: tuple[int, str], need: int) -> str:
    prec, text = term
    return f"({text})" if prec < need else text


def domain_expr(node: ast.expr) -> str:
    """Python expression equivalent to a literal domain (prefix notation, implicit AND)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (bool, int)):
        return str(node.value)
    if not isinstance(node, (ast.List, ast.Tuple)):
        raise NotExact(f"`{ast.unparse(node)}` is not a domain")
    items = node.elts
    if not items:
        raise NotExact("an empty domain")

    def parse(i: int) -> tuple[tuple[int, str], int]:
        if i >= len(items):
            raise NotExact("the domain is missing operands")
        item = items[i]
        if isinstance(item, ast.Constant) and item.value in ("&", "|"):
            left, j = parse(i + 1)
            right, k = parse(j)
            if item.value == "&":
                return (_PREC_AND, f"{_wrap(left, _PREC_AND)} and {_wrap(right, _PREC_AND)}"), k
            return (_PREC_OR, f"{_wrap(left, _PREC_OR)} or {_wrap(right, _PREC_OR)}"), k
        if isinstance(item, ast.Constant) and item.value == "!":
            sub, j = parse(i + 1)
            return (_PREC_NOT, f"not {_wrap(sub, _PREC_ATOM)}"), j
        return _leaf(item), i + 1

    terms, i = [], 0
    while i < len(items):
        term, i = parse(i)
        terms.append(term)
    if len(terms) == 1:
        return terms[0][1]
    return " and ".join(_wrap(t, _PREC_AND) for t in terms)


# `%(module.xmlid)d` in an arch: odoo/tools/convert.py `_eval_xml` (`_process`, 16.0-19.0) replaces it with the
# record's id in the whole text of a `type="xml"` field before the view is stored, in `attrs` as in `invisible`
_XMLID_REF = re.compile(r"(?<!%)%\(([^()%]+)\)d")
_REF_BASE = 987_654_321_000     # stand-in numbers for those references while the domain is read as a literal
_REF_TOKEN = re.compile(r"\b987654321\d{3}\b")


def attrs_modifiers(value: str) -> list[tuple[str, str]]:
    """[(attribute, python expression)] for an `attrs` value, in its key order; NotExact otherwise. A
    `%(xmlid)d` reference is carried over as written (it is resolved in the new attribute as it was in `attrs`)."""
    refs: dict[str, str] = {}
    if "%(" in value:
        if _REF_TOKEN.search(value):
            raise NotExact("the value holds the number the conversion uses for `%(xmlid)d` references")

        def stand_in(m):
            token = str(_REF_BASE + len(refs))
            refs[token] = m.group(0)
            return token
        value = _XMLID_REF.sub(stand_in, value)
    try:
        tree = ast.parse(value.strip(), mode="eval").body
    except SyntaxError:
        raise NotExact("the value is not a Python literal") from None
    if not isinstance(tree, ast.Dict):
        raise NotExact("the value is not a dict")
    out = []
    for k, v in zip(tree.keys, tree.values):
        if not (isinstance(k, ast.Constant) and k.value in MODIFIERS):
            raise NotExact(f"the key `{ast.unparse(k) if k else '**'}` is not one of {', '.join(MODIFIERS)}")
        expr = domain_expr(v)
        if refs:
            expr = _REF_TOKEN.sub(lambda m: refs.get(m.group(0), m.group(0)), expr)
        out.append((k.value, expr))
    return out


def states_expr(value: str) -> str:
    states = [s.strip() for s in value.split(",") if s.strip()]
    if not states:
        raise NotExact("empty `states`")
    if len(states) == 1:
        return f"state != {states[0]!r}"
    return f"state not in ({', '.join(repr(s) for s in states)})"


@rule("XML102", "view-attrs-states", summary="`attrs`/`states` in views are rejected since Odoo 17.0",
      kinds=["xml"], severity="error", since="17.0", fix="unsafe", tags=["migration"],
      what="Finds `attrs=\"{...}\"` and `states=\"...\"` attributes on view elements and "
           "`<attribute name=\"attrs\">`/`<attribute name=\"states\">` in inherited views. When every domain is a "
           "literal made of plain fields, the operators `= != < > <= >= in not in` and `& | !` (values may be "
           "`%(module.xmlid)d` references, which odoo/tools/convert.py `_process` resolves in the whole arch, "
           "16.0-19.0, so they are carried over as written), the unsafe fix "
           "rewrites it into `invisible`, `readonly`, `required` and `column_invisible` Python expressions "
           "(`('x', '=', False)` becomes `not x`, the form OCA's migrators wrote 233 times against 49 `x == False` in the "
           "17.0 releases; both are exact for boolean, many2one, char, selection and date fields, and neither for a "
           "numeric field at 0, which 16.0's strict `fieldValue === value` did not match while 17.0's `not 0` and "
           "`0 == False` are true: review those; a one-string list `('x', 'in', ['a'])` becomes `x == 'a'` "
           "(`!=` for `not in`), exact in 17.0's py_interpreter.js and what OCA's migrators wrote for 32 of 35; "
           "`states=\"a,b\"` becomes `invisible=\"state not in ('a', 'b')\"`, "
           "combined with an `attrs` invisible domain by AND as Odoo 16 did; an `invisible`/`readonly`/`required` "
           "attribute on the same element, which 16.0 evaluated with the context when it loaded the view and which "
           "won when true, becomes `<attribute> or <expression>` (`1` stays `1`, `0` leaves the expression), "
           "except inside a list or an inheritance spec, where 16.0 read `invisible` as the column's). The new "
           "attributes are laid out as the "
           "file lays out its start tags: in a file prettier formatted (OCA's `printWidth: 88`) the tag is kept on "
           "one line when it fits and otherwise written one attribute per line, as the next prettier run would; "
           "elsewhere each new attribute goes on its own line when the element already has one per line. The same "
           "applies to `<template>`s whose body is view markup (`<field name=...>`), which modules render and inject "
           "into a view's arch; there `t-attf-attrs`/`t-att-attrs` interpolations are reported without a fix. "
           "Anything else is reported with the reason it cannot be converted exactly.",
      why="Odoo 17.0 raises a ValidationError \"Since 17.0, the \\\"attrs\\\" and \\\"states\\\" attributes are no "
          "longer used\" when it validates the combined arch, so the module does not install.",
      before="<field name=\"date\" attrs=\"{'invisible': [('state', '=', 'draft')], "
             "'required': [('x', '!=', False)]}\"/>\n"
             "<button name=\"action_done\" type=\"object\" states=\"draft,sent\"/>",
      after="<field name=\"date\" invisible=\"state == 'draft'\" required=\"x\"/>\n"
            "<button name=\"action_done\" type=\"object\" invisible=\"state not in ('draft', 'sent')\"/>",
      source="odoo/addons/base/models/ir_ui_view.py 17.0 (line 391) and 18.0/19.0 `_check_xml` ValidationError "
             "'Since 17.0, the \"attrs\" and \"states\" attributes are no longer used'; 16.0 "
             "`transfer_node_to_modifiers` (line 80) for the old semantics (states ANDed with an attrs invisible "
             "domain, a static `invisible=\"1\"` winning); 16.0 web/static/src/core/domain.js `matchCondition` (arrays "
             "compared element-wise, anything else with `===`; 16.0 views/basic_relational_model.js evaluates "
             "modifiers with `evalDomain` on the legacy record's eval context, where a number stays a number) and "
             "17.0 py_js/py_interpreter.js `isEqual` (a boolean equals 0/1) vs 17.0 web/static/src/core/py_js/py_interpreter.js `isEqual` (identity), "
             "so only empty-list comparisons convert; 17.0 py_interpreter.js `isIn` (`right.includes(left)`, strict) "
             "and `isEqual` (`===` for a string), so `x in ['a']` is `x == 'a'` (checked in the 17.0 tree "
             "filesdna/filesdna17-setup); OCA odoo-module-migrator `_move_attrs_to_attributes`; injected templates: 17.0 `_check_xml` only "
             "checks the combined arch of views (ir_ui_view.py line 391), and 17.0 "
             "web/static/src/views/view_compiler.js reads modifiers with `getModifier(node, \"invisible\")`, "
             "so an `attrs` rendered into an arch at load time is silently ignored.")
def view_attrs_states(ctx):
    for _rec, el in arch_elements(ctx.tree):
        if el.tag == "attribute" and el.get("name") in ("attrs", "states"):
            yield _attribute_spec(ctx, el)
            continue
        yield from _element(ctx, el, "no longer supported since Odoo 17.0")
    for el in _injected_template_elements(ctx.tree):
        yield from _element(ctx, el, "in a QWeb template rendered into a view: ignored since Odoo 17.0 (the web "
                                     "client reads only `invisible`, `readonly`, `required`, `column_invisible`)")
        for name in _INTERPOLATED:
            if el.get(name) is not None:
                yield Finding(ctx.tree.attr_span(el, name), f"`{name}` in a QWeb template rendered into a view "
                              f"writes an `{name.rsplit('-', 1)[1]}` attribute that Odoo 17.0 ignores: write "
                              "`t-attf-invisible`/`t-attf-readonly`/`t-attf-required` Python expressions by hand")


_INTERPOLATED = ("t-attf-attrs", "t-att-attrs", "t-attf-states", "t-att-states")


def _injected_template_elements(tree):
    """Elements of `<template>`s whose body is view markup (`<field name=...>`): templates a module renders and
    injects into a view's arch (as base_tier_validation does), where `attrs` meant the view modifiers."""
    for tpl in tree_elements(tree, "template"):
        if not any(f.get("name") for f in elements(tpl, "field")):
            continue
        for el in elements(tpl):
            if el is not tpl:
                yield el


def _element(ctx, el, what: str):
    has_attrs, has_states = el.get("attrs") is not None, el.get("states") is not None
    if not (has_attrs or has_states):
        return
    first = "attrs" if has_attrs else "states"
    span = ctx.tree.attr_span(el, first)
    label = " and ".join(f"`{n}`" for n, h in (("attrs", has_attrs), ("states", has_states)) if h)
    base = f"{label} {what}"
    try:
        mods = attrs_modifiers(el.get("attrs")) if has_attrs else []
        if has_states:
            st = states_expr(el.get("states"))
            inv = dict(mods).get("invisible")
            if inv is None:
                mods.append(("invisible", st))
            else:
                combined = f"({inv}) and {st}" if " or " in inv else f"{inv} and {st}"
                mods = [(k, combined if k == "invisible" else v) for k, v in mods]
        clash = [k for k, _ in mods if el.get(k) is not None]
        merged = _merged_statics(el, mods, clash) if clash else {}
    except NotExact as exc:
        yield Finding(span, f"{base}; no exact conversion: {exc}")
        return
    replace = {first: [(k, v) for k, v in mods if k not in merged]}
    if has_attrs and has_states:
        replace["states"] = []
    for k, v in merged.items():
        replace[k] = [(k, v)]
    mods = [(k, merged.get(k, v)) for k, v in mods]
    edits = rewrite_attributes(ctx, el, replace)
    if edits is None:
        yield Finding(span, base)
        return
    desc = ", ".join(f"{k}=\"{v}\"" for k, v in mods)
    yield Finding(span, f"{base}; use {desc}",
                  fix=Fix(tuple(edits), Applicability.UNSAFE, f"Convert to {', '.join(k for k, _ in mods)}"))



def _merged_statics(el, mods: list, clash: list) -> dict:
    """`invisible`/`readonly`/`required` written both as an attribute and by `attrs`/`states`: 16.0 evaluated the
    attribute with the context alone when it loaded the view, and a true value won over the domain while a false
    one left the domain (ir_ui_view.py 16.0 `transfer_node_to_modifiers`: `elif value or (attr not in modifiers
    or not isinstance(modifiers[attr], list))`), which 17.0 writes `<attribute> or <domain's expression>`. Not in
    a list, where 16.0 made the attribute `column_invisible` (nor in an inheritance spec, whose target may be
    one); raises NotExact there and for an attribute that is not a plain expression."""
    if any(a.tag == "tree" or a.tag == "xpath" or a.get("position") is not None for a in el.iterancestors()):
        raise NotExact(f"the element also sets {', '.join(f'`{k}`' for k in clash)} inside a list or an "
                       "inheritance spec (16.0 read a list's `invisible` as the column's): merge by hand")
    out = {}
    for k in clash:
        plain = (el.get(k) or "").strip()
        if not plain or "{" in plain or "\n" in plain:
            raise NotExact(f"the element also sets `{k}`: merge by hand")
        new = dict(mods)[k]
        if plain in ("1", "True"):
            out[k] = plain          # true: it won, the domain never applied
        elif plain in ("0", "False"):
            out[k] = new            # false: the domain alone
        else:
            out[k] = f"{_operand(plain)} or {_operand(new)}"
    return out


def _operand(expr: str) -> str:
    """`expr` as an operand of `or`: parenthesised when it holds a conditional or a lambda, which bind looser."""
    return f"({expr})" if re.search(r"\b(?:if|lambda)\b", expr) else expr


def _attribute_spec(ctx, el) -> Finding:
    name = el.get("name")
    span = ctx.tree.start_tag_span(el)
    base = f"`<attribute name=\"{name}\">` sets an attribute that Odoo 17.0 rejects"
    if len(el) or not (el.text or "").strip():
        return Finding(span, f"{base}; set or reset `invisible`/`readonly`/`required` by hand")
    try:
        mods = attrs_modifiers(el.text) if name == "attrs" else [("invisible", states_expr(el.text))]
    except NotExact as exc:
        return Finding(span, f"{base}; no exact conversion: {exc}")
    p = ctx.tree.pos(el)
    if p is None or p.end is None:
        return Finding(span, base)
    indent = line_indent(ctx, p.start)
    quote = p.attrs["name"].quote
    parts = [text_element(ctx, p.start, "attribute", [("name", k)], escape_text(v), quote) for k, v in mods]
    new = (ctx.newline + indent).join(parts)
    desc = ", ".join(f"{k}=\"{v}\"" for k, v in mods)
    return Finding(span, f"{base}; use {desc} (check what the parent view's `{name}` set besides these keys)",
                   fix=Fix((ctx.edit(p.start, p.end, new),), Applicability.UNSAFE,
                           f"Replace with {', '.join(k for k, _ in mods)} attribute specs"))
