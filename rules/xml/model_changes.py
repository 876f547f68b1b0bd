"""XML111 / XML112: fields and models that Odoo removed or renamed, found in data records, views and CSV
file names. Each change is a row of a table (Odoo 20 means new rows), verified against the release trees."""
from __future__ import annotations

import re
from typing import NamedTuple, Optional

from odoolint.model import Applicability, Fix, Finding, OdooVersion
from odoolint.registry import rule

from .common import fields_of, is_element, raw_attr, records, regex_in, view_archs
from .layout import self_closing_end


class FieldChange(NamedTuple):
    model: str
    field: str
    new: Optional[str]          # the replacement field when it is a plain rename
    since: OdooVersion
    safe: bool                  # the rename keeps type and meaning: a safe fix
    hint: str
    source: str
    to_many: bool = False       # a Many2one become the Many2many `new`: `ref="x"` is written `eval="[(4, ref('x'))]"`


V17, V18, V19 = OdooVersion(17, 0), OdooVersion(18, 0), OdooVersion(19, 0)

FIELD_CHANGES = [
    FieldChange("stock.move.line", "qty_done", "quantity", V17, False, "use `quantity` and set `picked`",
                "stock/models/stock_move_line.py 16.0 line 40; 17.0 `quantity`/`picked` lines 36, 42"),
    FieldChange("stock.move.line", "reserved_qty", None, V17, False, "use `quantity`",
                "stock/models/stock_move_line.py 16.0 line 35; absent in 17.0"),
    FieldChange("stock.move.line", "reserved_uom_qty", None, V17, False, "use `quantity`",
                "stock/models/stock_move_line.py 16.0 line 38; absent in 17.0"),
    FieldChange("stock.move", "quantity_done", "quantity", V17, False, "use `quantity` and set `picked`",
                "stock/models/stock_move.py 16.0 line 159; 17.0 `quantity` line 158"),
    FieldChange("hr.employee", "address_home_id", None, V17, False,
                "use `work_contact_id` or the `private_*` fields",
                "hr/models/hr_employee.py 16.0 line 42; absent in 17.0 (private_street etc., work_contact_id)"),
    FieldChange("product.template", "detailed_type", None, V18, False,
                "use `type` (`consu`, `service`, `combo`) and `is_storable`",
                "product/models/product_template.py 17.0 line 49; absent in 18.0"),
    FieldChange("product.product", "detailed_type", None, V18, False,
                "use `type` (`consu`, `service`, `combo`) and `is_storable`",
                "product/models/product_template.py 17.0 line 49 (product.product inherits it); absent in 18.0"),
    FieldChange("res.company", "period_lock_date", None, V18, False,
                "use `sale_lock_date` and `purchase_lock_date`",
                "account/models/company.py 17.0 line 52; 18.0 `sale_lock_date` line 68"),
    FieldChange("account.move", "reversal_move_id", "reversal_move_ids", V18, True, "",
                "account/models/account_move.py 17.0 line 492 and 18.0 line 549 (same One2many, renamed)"),
    FieldChange("sale.order.line", "tax_id", "tax_ids", V19, True, "",
                "sale/models/sale_order_line.py 18.0 line 158 `tax_id`; 19.0 line 162 `tax_ids` (both Many2many)"),
    FieldChange("purchase.order.line", "taxes_id", "tax_ids", V19, True, "",
                "purchase/models/purchase_order_line.py line 33: 18.0 `taxes_id`, 19.0 `tax_ids` (Many2many)"),
    FieldChange("sale.order.line", "product_uom", "product_uom_id", V19, True, "",
                "sale/models/sale_order_line.py 18.0 `product_uom`, 19.0 line 132 `product_uom_id` (both Many2one "
                "uom.uom; 19.0 checked in jnvdx6/skymedic-odoo, release.py 19.0 FINAL)"),
    FieldChange("purchase.order.line", "product_uom", "product_uom_id", V19, True, "",
                "purchase/models/purchase_order_line.py 18.0 line 34 `product_uom`, 19.0 line 35 `product_uom_id` "
                "(Many2one uom.uom)"),
    FieldChange("ir.filters", "user_id", "user_ids", V19, False,
                "use the Many2many `user_ids` (the users the filter is shared with; empty: everyone)",
                "odoo/addons/base/models/ir_filters.py: 16.0-18.0 `user_id` Many2one res.users ('The user this filter "
                "is private to. When left empty the filter is public'; OCA's 18.0 data files set it); 19.0 line 13 `user_ids` Many2many ('The users "
                "the filter is shared with. If empty, the filter is shared with all users.'), no `user_id` (19.0 "
                "checked in jnvdx6/skymedic-odoo, release.py 19.0 FINAL)",
                to_many=True),
    FieldChange("res.partner", "mobile", None, V19, False, "use `phone`",
                "base/models/res_partner.py 18.0 line 280; absent in 19.0"),
    FieldChange("res.users", "mobile", None, V19, False, "use `phone`",
                "base/models/res_partner.py 18.0 line 280 (res.users inherits it); absent in 19.0"),
    FieldChange("uom.uom", "category_id", None, V19, False, "use `relative_uom_id` and `relative_factor`",
                "uom/models/uom_uom.py 18.0 line 56; 19.0 `relative_uom_id` line 41"),
]

# (parent model, x2many field) -> model of the embedded sub-view, for the tables above
SUBVIEWS = {
    ("stock.picking", "move_line_ids"): "stock.move.line", ("stock.picking", "move_line_ids_without_package"):
    "stock.move.line", ("stock.move", "move_line_ids"): "stock.move.line", ("stock.picking", "move_ids"):
    "stock.move", ("stock.picking", "move_ids_without_package"): "stock.move",
    ("sale.order", "order_line"): "sale.order.line", ("purchase.order", "order_line"): "purchase.order.line",
}

MODEL_REMOVALS = {
    # model -> (version that removed it, what to use instead)
    **{m: (V17, "chart of accounts data is declared by `@template` methods of `account.chart.template` since 17.0")
       for m in ("account.account.template", "account.group.template", "account.tax.template",
                 "account.tax.repartition.line.template", "account.fiscal.position.template",
                 "account.fiscal.position.tax.template", "account.fiscal.position.account.template",
                 "account.reconcile.model.template", "account.reconcile.model.line.template")},
    "hr.contract": (V19, "contracts are `hr.version` records of module `hr` since 19.0"),
    "uom.category": (V19, "units reference each other through `relative_uom_id` since 19.0"),
}


def _changes(target):
    by_model: dict[str, dict[str, FieldChange]] = {}
    if target is None:
        return by_model
    for c in FIELD_CHANGES:
        if target >= c.since:
            by_model.setdefault(c.model, {})[c.field] = c
    return by_model


def _message(c: FieldChange) -> str:
    if c.new and c.safe:
        return f"`{c.field}` on {c.model} was renamed `{c.new}` in Odoo {c.since}"
    return f"`{c.field}` no longer exists on {c.model} since Odoo {c.since}: {c.hint}"


def _finding(ctx, el, c: FieldChange) -> Finding:
    fix = None
    if c.new and c.safe:
        b = raw_attr(ctx, el, "name")
        if b:
            fix = Fix((ctx.edit(b[0], b[1], c.new),), Applicability.SAFE, f"Rename to `{c.new}`")
    elif c.new and c.to_many:
        fix = _to_many_fix(ctx, el, c)
    return Finding(ctx.tree.attr_value_span(el, "name"), _message(c), fix=fix)


def _to_many_fix(ctx, el, c: FieldChange) -> Optional[Fix]:
    """`<field name="old" ref="x"/>` of a record -> `<field name="new" eval="[(4, ref('x'))]"/>`: the Many2many
    holding the one record the Many2one named (the tuple form, which every 19.0 data file loads)."""
    p = ctx.tree.pos(el)
    name, ref = raw_attr(ctx, el, "name"), (p.attrs.get("ref") if p is not None else None)
    xmlid = el.get("ref") or ""
    if not (name and ref) or set(el.attrib) != {"name", "ref"} or len(el) or (el.text or "").strip() \
            or not re.fullmatch(r"[\w.]+", xmlid):
        return None
    q = ref.quote
    inner = "'" if q == '"' else '"'
    value = f"[(4, ref({inner}{xmlid}{inner}))]"
    edits = sorted((ctx.edit(name[0], name[1], c.new), ctx.edit(ref.name_start, ref.value_end + 1,
                                                                f"eval={q}{value}{q}")),
                   key=lambda e: e.span.start.offset)
    return Fix(tuple(edits), Applicability.SAFE, f"Write `{c.new}` with the referenced record")


def _owner(el, arch, model: str) -> Optional[str]:
    """The model an element of a view arch belongs to: the view's, or the sub-view's for known x2manys."""
    owner = model
    chain = []
    for a in el.iterancestors():
        if a is arch:
            break
        if a.tag in ("field", "groupby") and a.get("position", "inside") == "inside":
            chain.append(a)     # an element spec `position="after"` places its children beside, not inside
    for a in reversed(chain):       # outermost first
        owner = SUBVIEWS.get((owner, a.get("name") or "")) if a.tag == "field" else None
        if owner is None:
            return None
    return owner


@rule("XML111", "removed-model-field", summary="Field that Odoo removed or renamed on a core model",
      kinds=["xml"], severity="error", since="17.0", fix="safe", tags=["migration"],
      what="Finds, for the target version, fields that Odoo removed or renamed (a table: stock.move.line "
           "`qty_done`/`reserved_qty`/`reserved_uom_qty` and stock.move `quantity_done` (17.0), hr.employee "
           "`address_home_id` (17.0), product `detailed_type` and res.company `period_lock_date` (18.0), "
           "account.move `reversal_move_id` (18.0), sale.order.line `tax_id`, purchase.order.line `taxes_id`, "
           "sale/purchase.order.line `product_uom`, ir.filters `user_id` (the Many2many `user_ids`: `ref=\"x\"` is "
           "written `eval=\"[(4, ref('x'))]\"`), "
           "res.partner/res.users `mobile`, uom.uom `category_id` (19.0)) in `<field>` elements of records of "
           "that model, of views of that model, of embedded sub-views of the usual x2many fields (e.g. "
           "sale.order `order_line`) and in `@name='...'` of XPath expressions of those views. Pure renames "
           "that keep type and meaning get a safe fix.",
      why="Loading a record with an unknown field raises \"Invalid field\"; a view naming it fails validation "
          "(\"Field ... does not exist\"): the module does not install.",
      before='<field name="order_line"><list><field name="tax_id" widget="many2many_tags"/></list></field>',
      after='<field name="order_line"><list><field name="tax_ids" widget="many2many_tags"/></list></field>',
      source="; ".join(sorted({f"{c.model}.{c.field}: {c.source}" for c in FIELD_CHANGES})))
def removed_model_field(ctx):
    by_model = _changes(ctx.target)
    if not by_model:
        return
    for rec in records(ctx.tree):
        table = by_model.get(rec.get("model"))
        if table:
            for f in fields_of(rec):
                c = table.get(f.get("name"))
                if c:
                    yield _finding(ctx, f, c)
    for rec, arch in view_archs(ctx.tree):
        model = next(((f.text or "").strip() for f in fields_of(rec, "model")), None)
        if not model:
            continue
        for el in arch.iterdescendants():
            if not is_element(el):
                continue
            if el.tag == "field" and el.get("name"):
                owner = _owner(el, arch, model)
                c = by_model.get(owner, {}).get(el.get("name")) if owner else None
                if c:
                    yield _finding(ctx, el, c)
            elif el.tag == "xpath" and el.get("expr") and _owner(el, arch, model) == model:
                yield from _xpath(ctx, el, model, by_model)


def _xpath(ctx, el, model, by_model):
    expr = el.get("expr")
    # the model the last field step of the expression belongs to: the view's, or a known sub-view's
    owner = model
    for m in re.finditer(r"field\[@name=['\"]([\w]+)['\"]\]", expr):
        nxt = SUBVIEWS.get((owner, m.group(1)))
        if nxt:
            owner = nxt
    table = by_model.get(owner, {})
    for name, c in table.items():
        pattern = re.compile(r"(?<=@name=['\"])" + re.escape(name) + r"(?=['\"])")
        for s, e in regex_in(ctx, raw_attr(ctx, el, "expr"), pattern):
            fix = Fix((ctx.edit(s, e, c.new),), Applicability.SAFE, f"Rename to `{c.new}`") \
                if c.new and c.safe else None
            yield Finding(ctx.span(s, e), _message(c), fix=fix)


@rule("XML112", "removed-model", summary="Record, view or CSV file of a model that Odoo removed",
      kinds=["xml", "csv"], severity="error", since="17.0", tags=["migration"],
      what="Finds `<record model=\"...\">`, views whose `model` is, and CSV data files named after a model "
           "that the target version removed: the account `*.template` models (17.0), `hr.contract` and "
           "`uom.category` (19.0).",
      why="Loading data for a model that does not exist fails (\"Invalid model name\"/KeyError) and the "
          "module does not install.",
      before='<record id="tax_x" model="account.tax.template">...</record>',
      after="@template('generic_coa', 'account.tax') def _get_x_account_tax(self): ...",
      source="account/models/chart_template.py 16.0 defines account.account.template, account.tax.template, "
             "account.group.template, account.fiscal.position*.template, account.reconcile.model*.template, "
             "account.tax.repartition.line.template; 17.0 account/models has only account.chart.template. "
             "hr_contract addon present in 18.0, absent in 19.0 (hr/models/hr_version.py). uom/models/uom_uom.py "
             "18.0 `uom.category` line 12; absent in 19.0.")
def removed_model(ctx):
    if ctx.target is None:
        return
    gone = {m: v for m, v in MODEL_REMOVALS.items() if ctx.target >= v[0]}
    if ctx.kind == "csv":
        name = ctx.relpath.rsplit("/", 1)[-1]
        model = name[:-4] if name.lower().endswith(".csv") else ""
        if model in gone and ctx.source:
            end = ctx.index.line_end(1)
            yield Finding(ctx.span(0, end), f"CSV data for `{model}`, which no longer exists since Odoo "
                                            f"{gone[model][0]}: {gone[model][1]}")
        return
    for rec in records(ctx.tree):
        model = rec.get("model")
        if model in gone:
            yield Finding(ctx.tree.attr_value_span(rec, "model"), f"`{model}` no longer exists since Odoo "
                                                                   f"{gone[model][0]}: {gone[model][1]}")
        if model == "ir.ui.view":
            for f in fields_of(rec, "model"):
                m = (f.text or "").strip()
                if m in gone:
                    yield Finding(ctx.tree.text_span(f) or ctx.tree.tag_span(f),
                                  f"View of `{m}`, which no longer exists since Odoo {gone[m][0]}: {gone[m][1]}")


# ---- XML115 removed selection values ------------------------------------------------------------------

class ValueChange(NamedTuple):
    model: str
    field: str
    value: str
    new: str
    extra: tuple            # (field, eval) pairs the replacement also needs
    since: OdooVersion
    hint: str
    default: Optional[str] = None   # the field's default on the target: a new record gets it when left out


VALUE_CHANGES = [
    ValueChange(m, "type", "product", "consu", (("is_storable", "True"),), V18,
                "storable products are `type` `consu` with `is_storable` set (module stock)", default="consu")
    for m in ("product.template", "product.product")
]


@rule("XML115", "removed-selection-value", summary="Selection value that Odoo removed (e.g. product type "
      "`product`, 18.0)", kinds=["xml"], severity="error", since="18.0", fix="unsafe", tags=["migration"],
      what="Finds `<field name=\"type\">product</field>` (or `eval=\"'product'\"`) in product.template and "
           "product.product records. In the addon's own records (`id=\"x\"` or `id=\"<addon>.x\"`, no record "
           "`context`) the unsafe fix puts `<field name=\"is_storable\" eval=\"True\"/>` in the line's place (or "
           "drops the line when `is_storable` is already set): `consu` is 18.0's default, so a created record gets "
           "it and an updated one keeps the `consu` Odoo's database upgrade gave it, as Odoo's own 18.0 data and "
           "OCA's 18.0 migrations write it. In another module's record (or one with a `context`) it writes "
           "`consu` and adds the `is_storable` line after it. ` />` where the file's self-closing tags mostly end "
           "that way, as OCA's prettier-xml writes them; `is_storable` needs the stock module.",
      why="Odoo 18.0 dropped the `product` (storable) product type: loading the record fails with a wrong "
          "selection value and the module does not install.",
      before='<field name="type">product</field>',
      after='<field name="is_storable" eval="True"/>',
      source="stock/models/product.py 17.0 `type = fields.Selection(selection_add=[('product', ...)])` "
             "(line 661); 18.0 product/models/product_template.py `type` selection consu/service/combo "
             "(line 54, `default='consu'`, required) and stock/models/product.py `is_storable` (line 666); S18: none of "
             "the 55 records of Odoo's own XML data that set `is_storable` also sets `type` (mrp/data/mrp_demo.xml "
             "and others), nor any of the 15 in OCA's 18.0 releases here.")
def removed_selection_value(ctx):
    if ctx.target is None:
        return
    table = {(c.model, c.field, c.value): c for c in VALUE_CHANGES if ctx.target >= c.since}
    for rec in records(ctx.tree):
        for f in fields_of(rec):
            raw_eval = f.get("eval")
            value = (raw_eval.strip().strip("'\"") if raw_eval is not None else (f.text or "").strip())
            c = table.get((rec.get("model"), f.get("name"), value))
            if c is None:
                continue
            present = {x.get("name") for x in fields_of(rec)}
            yield Finding(ctx.tree.start_tag_span(f), f"`{c.field}` = `{c.value}` no longer exists on {c.model} "
                                                      f"since Odoo {c.since}: {c.hint}",
                          fix=_value_fix(ctx, f, c, present, rec))


def _creates_own(ctx, rec) -> bool:
    """Is `rec` a record of the file's own addon (`id="x"` or `id="<addon>.x"`), loaded without a record
    `context`? Then a field left out takes the model's default when the record is created, and is not written
    when it is updated."""
    rid = rec.get("id") or ""
    own = "." not in rid or (ctx.addon is not None and rid.split(".", 1)[0] == ctx.addon)
    return bool(rid) and own and rec.get("context") is None


def _value_fix(ctx, f, c: ValueChange, present: set, rec=None):
    p = ctx.tree.pos(f)
    if p is None or p.end is None:
        return None
    line = ctx.index.position(p.start).line
    text = ctx.index.line_text(line)
    indent = text[: len(text) - len(text.lstrip())]
    line_end = ctx.index.line_end(ctx.index.position(p.end).line)
    if ctx.source[p.end:line_end].strip():
        return None                      # something follows on the line: not a mechanical insertion
    q = p.attrs["name"].quote
    end = self_closing_end(ctx.source)
    missing = [(n, v) for n, v in c.extra if n not in present]
    line_start = ctx.source.rfind("\n", 0, p.start) + 1
    if c.default is not None and c.new == c.default and rec is not None and _creates_own(ctx, rec) \
            and not ctx.source[line_start:p.start].strip():
        # the new value is the model's default: write only the extra fields, in the line's place (what Odoo's
        # own 18.0 data and OCA's 18.0 migrations do), or drop the line when they are there already
        start = line_start
        if missing:
            body = ctx.newline.join(f"{indent}<field name={q}{n}{q} eval={q}{v}{q}{end}" for n, v in missing)
            edits = (ctx.edit(start, line_end, body),)
        else:
            after = line_end + (2 if ctx.source.startswith("\r\n", line_end)
                                else 1 if ctx.source[line_end:line_end + 1] in ("\n", "\r") else 0)
            edits = (ctx.edit(start, after, ""),)
        what = f"`{c.new}` is the default" + (": set " + ", ".join(n for n, _ in missing) if missing else "")
        return Fix(edits, Applicability.UNSAFE, f"Drop `{c.field}` ({what})")
    bounds = raw_attr(ctx, f, "eval") if f.get("eval") is not None else (
        (p.start_tag_end, p.end_tag_start) if p.end_tag_start is not None else None)
    if bounds is None:
        return None
    raw = ctx.source[bounds[0]:bounds[1]]
    at = raw.find(c.value)
    if at < 0:
        return None
    edits = [ctx.edit(bounds[0] + at, bounds[0] + at + len(c.value), c.new)]
    for name, value in missing:
        edits.append(ctx.edit(line_end, line_end, f"{ctx.newline}{indent}<field name={q}{name}{q} "
                                                  f"eval={q}{value}{q}{end}"))
    return Fix(tuple(edits), Applicability.UNSAFE, f"Use `{c.new}`" + (" and set " + ", ".join(
        n for n, _ in missing) if missing else ""))
