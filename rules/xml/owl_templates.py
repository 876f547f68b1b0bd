"""OWL101-OWL103: OWL templates (addon static/src/**/*.xml) that OWL 2 renders differently or refuses.

Odoo 16.0 still rendered templates without `owl="1"` with the legacy QWeb2 engine; from 17.0 every template in
the asset bundles is compiled by OWL 2, so the rules apply to all of them from 17.0 and, in 16.0, only inside
templates that opt in with `owl="1"`.
"""
from __future__ import annotations

from odoolint.model import Applicability, Finding, Fix, OdooVersion
from odoolint.registry import rule

from .common import tree_elements

_V17 = OdooVersion(17)
_OWL_SOURCE = ("@odoo/owl 2.0.9 and 2.8.3 (npm; Odoo 16.0 ships OWL 2.0, 19.0 OWL 2.8) dist/owl.cjs.js: "
               "`parseTForEach` throws `Directive t-foreach should always be used with a t-key!`; `parseTOutNode` "
               "accepts `t-raw` with `console.warn(\"t-raw has been deprecated in favor of t-out. If the value to "
               "render is not wrapped by the \\\"markup\\\" function, it will be escaped\")` and compiles it exactly "
               "like `t-out`; `t-esc` has no deprecation in either version.")


def is_owl_file(ctx) -> bool:
    """An addon's client-side template file: static/src/**/*.xml (not static/lib, not data or views)."""
    rel = "/" + ctx.relpath.replace("\\", "/")
    return "/static/src/" in rel and getattr(ctx.tree, "root", None) is not None


def _template_of(el):
    while el is not None:
        if el.get("t-name") is not None and (el.getparent() is None or el.getparent().tag == "templates"):
            return el
        el = el.getparent()
    return None


def compiled_by_owl(ctx, el) -> bool:
    if ctx.target is None:
        return False
    if ctx.target >= _V17:
        return True
    template = _template_of(el)
    return template is not None and template.get("owl") == "1"


def _attr_edit(ctx, el, name):
    """The edit deleting attribute `name` and the whitespace before it."""
    p = ctx.tree.pos(el)
    a = p.attrs.get(name) if p else None
    if a is None:
        return None
    start = a.name_start
    while start > 0 and ctx.source[start - 1] in " \t\r\n":
        start -= 1
    return ctx.edit(start, a.value_end + 1, "")


@rule("OWL101", "owl-t-raw", summary="`t-raw` in an OWL template: OWL 2 escapes it like `t-out`",
      kinds=["xml"], severity="warning", since="16.0", fix="safe", tags=["migration"],
      what="Finds `t-raw` in client templates (static/src/**/*.xml) compiled by OWL 2 (every template from 17.0, "
           "`owl=\"1\"` templates in 16.0). The fix renames the attribute `t-out`, which OWL compiles "
           "identically; HTML built as a plain string must be wrapped with `markup()` in the component to stay "
           "unescaped.",
      why="OWL 2 has no raw output: `t-raw` is compiled as `t-out` with a deprecation warning, so a plain string "
          "holding HTML is escaped and shows its tags as text. Templates that QWeb2 rendered in 16.0 (no "
          "`owl=\"1\"`) change behaviour silently in 17.0.",
      before='<div t-raw="state.html"/>', after='<div t-out="state.html"/>  <!-- state.html = markup(...) -->',
      source=_OWL_SOURCE + " 16.0 marks OWL templates with owl=\"1\"; 17.0's own templates have none "
             "(addons/web/static/src/core/errors/error_dialogs.xml in ShaheenHossain/odoo-17cmnty_unozio_2025).")
def owl_t_raw(ctx):
    if not is_owl_file(ctx):
        return
    tree = ctx.tree
    for el in tree_elements(tree):
        if el.get("t-raw") is None or not compiled_by_owl(ctx, el):
            continue
        p = tree.pos(el)
        a = p.attrs.get("t-raw") if p else None
        fix = None
        if a is not None and "t-out" not in el.attrib:
            fix = Fix((ctx.edit(a.name_start, a.name_end, "t-out"),), Applicability.SAFE, "Rename `t-raw` to `t-out`")
        yield Finding(tree.attr_span(el, "t-raw"), "`t-raw` is compiled as `t-out` by OWL 2 (escaped unless the "
                      "value is `markup()`): write `t-out`", fix=fix)


@rule("OWL102", "owl-foreach-without-key", summary="`t-foreach` without `t-key` does not compile in OWL 2",
      kinds=["xml"], severity="error", since="16.0", fix="unsafe", tags=["migration"],
      what="Finds `t-foreach` without `t-key` in client templates compiled by OWL 2. The fix adds "
           "`t-key=\"<t-as>_index\"` (unsafe: a stable id such as `line.id` is a better key when the list is "
           "reordered).",
      why="OWL 2's compiler throws `Directive t-foreach should always be used with a t-key!`, so the template and "
          "every component using it fail to render.",
      before='<li t-foreach="lines" t-as="line"><t t-out="line.name"/></li>',
      after='<li t-foreach="lines" t-as="line" t-key="line_index"><t t-out="line.name"/></li>',
      source=_OWL_SOURCE)
def owl_foreach_without_key(ctx):
    if not is_owl_file(ctx):
        return
    tree = ctx.tree
    for el in tree_elements(tree):
        if el.get("t-foreach") is None or el.get("t-key") is not None or not compiled_by_owl(ctx, el):
            continue
        p = tree.pos(el)
        fix = None
        as_name = el.get("t-as")
        if p is not None and as_name and as_name.isidentifier() and "t-as" in p.attrs:
            a = p.attrs["t-as"]
            fix = Fix((ctx.edit(a.value_end + 1, a.value_end + 1, f' t-key="{as_name}_index"'),),
                      Applicability.UNSAFE, f"Add `t-key=\"{as_name}_index\"`")
        yield Finding(tree.attr_span(el, "t-foreach"), "`t-foreach` without `t-key`: OWL 2 refuses to compile "
                      "the template (add a `t-key`, e.g. the record id)", fix=fix)


@rule("OWL103", "owl-attribute-obsolete", summary="`owl=\"1\"` on templates is obsolete from Odoo 17.0",
      kinds=["xml"], severity="info", since="17.0", fix="safe", tags=["migration", "style"],
      default_enabled=False,
      what="Finds `owl=\"1\"` on templates of client template files and deletes the attribute.",
      why="In 16.0 the attribute told the asset bundle to hand a template to OWL rather than to QWeb2; from 17.0 "
          "every client template is an OWL template and the attribute means nothing (Odoo's own 17.0 templates "
          "dropped it, as OCA's migrators did). Harmless, hence opt-in.",
      before='<t t-name="my_module.Widget" owl="1">', after='<t t-name="my_module.Widget">',
      source="17.0 addons/web/static/src/core/errors/error_dialogs.xml (ShaheenHossain/odoo-17cmnty_unozio_2025) "
             "declares its templates without owl=\"1\"; OCA releases: 32 static/src XML files with owl=\"1\" in "
             "16.0, 5 in 17.0.")
def owl_attribute_obsolete(ctx):
    if not is_owl_file(ctx):
        return
    tree = ctx.tree
    for el in tree_elements(tree):
        if el.get("owl") != "1" or el.get("t-name") is None:
            continue
        edit = _attr_edit(ctx, el, "owl")
        fix = Fix((edit,), Applicability.SAFE, "Delete `owl=\"1\"`") if edit else None
        yield Finding(tree.attr_span(el, "owl"), f"`owl=\"1\"` is obsolete in Odoo {ctx.target}: every client "
                      "template is an OWL template", fix=fix)
