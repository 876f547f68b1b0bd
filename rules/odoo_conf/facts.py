"""odoo.conf: the "odoo_conf" facts (FACTS.md) consumed by the cross-file deployment rules.

Schema: {"has_options": bool, "options": {key: {"value": str, "line": int, "key_span": span,
"value_span": span}}}. Keys are lower-cased as Odoo reads them and values are exactly what
`RawConfigParser.items('options')` returns (inline `;`/`#` comments and continuation lines included).
Keys of a `[DEFAULT]` section are included too, because `items('options')` returns them to Odoo
(a key written in `[options]` wins).
"""
from __future__ import annotations

from odoolint.registry import facts


def option_record(ctx, opt) -> dict:
    return {"value": opt.value, "line": opt.line,
            "key_span": ctx.span(opt.key_start, opt.key_end).to_dict(),
            "value_span": ctx.span(opt.value_start, opt.value_end).to_dict()}


def effective_options(tree) -> dict:
    """key -> ConfOption as Odoo sees them: `[DEFAULT]` keys overridden by `[options]` keys."""
    out = {}
    if tree is None or not tree.has_section("options"):
        return out
    for opt in tree.options:
        if opt.section == "DEFAULT":
            out.setdefault(opt.key, opt)
    for opt in tree.options:
        if opt.section == "options":
            out[opt.key] = opt
    return out


@facts("odoo-conf", "odoo_conf")
def extract(ctx) -> dict:
    tree = ctx.tree
    has_options = bool(tree is not None and tree.has_section("options"))
    return {"has_options": has_options,
            "options": {k: option_record(ctx, o) for k, o in effective_options(tree).items()}}
