"""JS105: `_lt` is gone in Odoo 18.0; `_t` is lazy by itself."""
from __future__ import annotations

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule

from .common import addon_tree, imported_names, imports_from

_MODULE = "@web/core/l10n/translation"


def _drop_specifier(ctx, tree, spec):
    """Delete one `import { a, b }` specifier with the comma that separates it from a neighbour."""
    src = ctx.source
    start, end = tree.start(spec), tree.end(spec)
    j = end
    while j < len(src) and src[j] in " \t":
        j += 1
    if j < len(src) and src[j] == ",":
        j += 1
        while j < len(src) and src[j] in " \t":
            j += 1
        return ctx.edit(start, j, "")
    i = start
    while i > 0 and src[i - 1] in " \t":
        i -= 1
    if i > 0 and src[i - 1] == ",":
        return ctx.edit(i - 1, end, "")
    return None


@rule("JS105", "lazy-translation-lt", summary="`_lt` was removed in Odoo 18.0: `_t` is lazy", kinds=["js"],
      severity="error", since="18.0", fix="safe", tags=["migration"],
      what="Finds `_lt` imported from @web/core/l10n/translation. The fix imports `_t` instead (or drops `_lt` "
           "when `_t` is already imported) and renames every `_lt(...)` call of the file to `_t(...)`.",
      why="17.0 already made `_t` return a lazy string when translations are not loaded yet and kept `_lt` as "
          "an alias; 18.0 removed the export, so `_lt` is `undefined` and the first call (often at module top "
          "level, in a class's static properties) throws and the module does not load.",
      before='import { _lt } from "@web/core/l10n/translation";\nstatic displayName = _lt("My widget");',
      after='import { _t } from "@web/core/l10n/translation";\nstatic displayName = _t("My widget");',
      source="addons/web/static/src/core/l10n/translation.js 17.0 (ShaheenHossain/odoo-17cmnty_unozio_2025): "
             "`export const _lt = (term, ...values) => _t(term, ...values)` and `_t` returns a "
             "LazyTranslatedString before translations load; 19.0 (jnvdx6/skymedic-odoo) exports `_t` and "
             "`appTranslateFn`, no `_lt`. OCA's 18.0 releases have no `_lt` left (1 file in 17.0).")
def lazy_translation_lt(ctx):
    tree = addon_tree(ctx)
    if tree is None or "_lt" not in ctx.source:
        return
    for imp in imports_from(tree, _MODULE):
        names = imported_names(tree, imp)
        spec = names.get("_lt")
        if spec is None:
            continue
        everywhere = {}
        for other in imports_from(tree, _MODULE):
            everywhere.update(imported_names(tree, other))
        edits = []
        if "_t" in everywhere:
            drop = _drop_specifier(ctx, tree, spec)
            if drop is None:
                yield Finding(tree.span(spec), f"`_lt` does not exist in Odoo {ctx.target}: use `_t`")
                continue
            edits.append(drop)
        else:
            edits.append(ctx.edit(tree.start(spec), tree.end(spec), "_t"))
        for ident in tree.nodes("identifier"):
            if tree.node_text(ident) == "_lt" and ident.parent is not None \
                    and ident.parent.type != "import_specifier":
                edits.append(ctx.edit(tree.start(ident), tree.end(ident), "_t"))
        yield Finding(tree.span(spec), f"`_lt` does not exist in Odoo {ctx.target}: `_t` is lazy, use it",
                      fix=Fix(tuple(edits), Applicability.SAFE, "Use `_t`"))
