"""18.0 -> 19.0: `odoo.osv.expression` and domain operators in favour of `odoo.fields.Domain` (PY111, PY120,
PY123)."""
from __future__ import annotations

import ast

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule

from ..common import module_imports, offsets, string_content_span
from .. import layout


_FUNCS = {"AND": "Domain.AND", "OR": "Domain.OR", "normalize_domain": None, "distribute_not": None,
          "domain_combine_anies": None, "is_false": None}


def _expression_aliases(tree) -> tuple[set[str], dict[str, str]]:
    """Local names bound to the expression module, and local names of functions imported from it."""
    memo = getattr(tree, "_odoolint_expression", None)
    if memo is not None:
        return memo
    modules, funcs = set(), {}
    for stmt in getattr(tree, "body", ()):
        if isinstance(stmt, ast.ImportFrom) and stmt.level == 0:
            if stmt.module == "odoo.osv":
                modules |= {a.asname or a.name for a in stmt.names if a.name == "expression"}
            elif stmt.module == "odoo.osv.expression":
                funcs.update({a.asname or a.name: a.name for a in stmt.names if a.name in _FUNCS})
        elif isinstance(stmt, ast.Import):
            modules |= {a.asname for a in stmt.names if a.name == "odoo.osv.expression" and a.asname}
    memo = (modules, funcs)
    try:
        tree._odoolint_expression = memo
    except AttributeError:
        pass
    return memo


@rule("PY111", "osv-expression", words=("osv",), summary="`odoo.osv.expression` helpers are deprecated: use `odoo.fields.Domain` (Odoo 19.0)",
      kinds=["python"], severity="warning", since="19.0", fix="unsafe", tags=["migration"], nodes=(ast.Call,),
      what="Finds calls of `expression.AND/OR/normalize_domain/distribute_not/domain_combine_anies/is_false` "
           "(through `from odoo.osv import expression` or direct imports). The unsafe fix rewrites "
           "`expression.AND(x)` / `expression.OR(x)` to `Domain.AND(x)` / `Domain.OR(x)` and adds "
           "`from odoo.fields import Domain` once; the others are reported with their replacement.",
      why="19.0 keeps these as wrappers that warn 'Since 19.0, use odoo.fields.Domain'. The fix is unsafe: "
          "`Domain.AND` returns a Domain object, not a list, so code that appends to or concatenates the result "
          "with `+` must be reviewed (use `&`, `|`, `~`). `odoo.fields.Domain` exists only from 19.0, so the rule "
          "is gated on a 19.0 target.",
      before="from odoo.osv import expression\ndomain = expression.AND([d1, d2])",
      after="from odoo.osv import expression\nfrom odoo.fields import Domain\ndomain = Domain.AND([d1, d2])",
      source="odoo/osv/expression.py 19.0 lines 168-278 (DeprecationWarning 'Since 19.0, use odoo.fields.Domain'); "
             "odoo/orm/domains.py 19.0 `class Domain` (196), `AND` (302), `OR` (307); odoo/fields/__init__.py "
             "re-exports Domain (19.0).")
def osv_expression(node, ctx):
    if ctx.addon is None:
        return
    modules, funcs = _expression_aliases(ctx.tree)
    if not modules and not funcs:
        return
    f = node.func
    name = None
    if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id in modules and f.attr in _FUNCS:
        name = f.attr
    elif isinstance(f, ast.Name) and f.id in funcs:
        name = funcs[f.id]
    if name is None:
        return
    new = _FUNCS[name]
    fix = None
    if new:
        s, e = offsets(ctx, f)
        edits = [layout.fitted_edit(ctx, s, e, new)]
        if ("odoo.fields", "Domain", None) not in module_imports(ctx.tree):
            anchor = _import_anchor(ctx.tree)
            if anchor is None:
                edits = None
            else:
                end = ctx.index.line_end(anchor.end_lineno)   # after a trailing comment, which stays put
                edits.append(ctx.edit(end, end, ctx.newline + "from odoo.fields import Domain"))
        if edits:
            edits.sort(key=lambda x: x.span.start.offset)
            fix = Fix(tuple(edits), Applicability.UNSAFE, f"Use `{new}` (returns a Domain, not a list)")
    hint = f"`{new}(...)`" if new else "`Domain(domain)` and its operators `&`, `|`, `~` (`Domain.TRUE`, `.is_false()`)"
    yield Finding(ctx.node_span(f), f"`expression.{name}` is deprecated since Odoo 19.0: use {hint} from "
                  "`odoo.fields`", fix=fix)


def _import_anchor(tree):
    last = None
    for stmt in tree.body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            last = stmt
        elif last is not None:
            break
    return last


_OPERATORS = {"=", "!=", "<=", "<", ">", ">=", "=?", "=like", "=ilike", "like", "not like", "ilike", "not ilike",
              "in", "not in", "child_of", "parent_of", "any", "not any"}
_RENAMED_OPERATORS = {"<>": "!=", "==": "="}


@rule("PY120", "domain-operators", summary="Domain operators `<>`, `==` and upper-case operators are deprecated "
      "(Odoo 19.0)", kinds=["python"], severity="warning", since="19.0", fix="safe", tags=["migration"],
      nodes=(ast.List,),
      what="Finds domain leaves `('field', op, value)` inside a list literal whose operator is `'<>'`, `'=='` or an "
           "upper-case spelling of a valid operator (`'ILIKE'`, `'NOT IN'`), and rewrites the operator to `'!='`, "
           "`'='` or lower case, keeping the quotes.",
      why="19.0's Domain warns 'Operator '<>' is deprecated since 19.0, use '!=' directly' (same for '==') and "
          "'should have a lower-case operator'.",
      before="[('state', '<>', 'done'), ('name', 'ILIKE', 'x')]", after="[('state', '!=', 'done'), ('name', 'ilike', 'x')]",
      source="odoo/orm/domains.py 19.0 lines 817-819 (lower-case warning), 1258-1270 ('<>' and '==').")
def domain_operators(node, ctx):
    if ctx.addon is None:
        return
    for leaf in node.elts:
        if not (isinstance(leaf, (ast.Tuple, ast.List)) and len(leaf.elts) == 3):
            continue
        field, op = leaf.elts[0], leaf.elts[1]
        if not (isinstance(field, ast.Constant) and isinstance(field.value, str)
                and isinstance(op, ast.Constant) and isinstance(op.value, str)):
            continue
        new = _RENAMED_OPERATORS.get(op.value)
        if new is None and op.value != op.value.lower() and op.value.lower() in _OPERATORS:
            new = op.value.lower()
        if new is None:
            continue
        span = string_content_span(ctx, op)
        fix = Fix((ctx.edit(span[0], span[1], new),), Applicability.SAFE, f"Use `{new}`") if span else None
        yield Finding(ctx.node_span(op), f"domain operator {op.value!r} is deprecated since Odoo 19.0: use {new!r}",
                      fix=fix)


@rule("PY123", "osv-import", words=("osv",), summary="`odoo.osv` is imported: it warns on import since Odoo 19.0",
      kinds=["python"], severity="warning", since="19.0", fix="safe", tags=["migration"],
      nodes=(ast.ImportFrom, ast.Import),
      what="Finds imports of `odoo.osv` and its submodules (`from odoo.osv import expression`, "
           "`from odoo.osv.expression import AND`, `import odoo.osv.expression`). When none of the names the "
           "statement binds is used in the module any more (typically after PY111's fix), the safe fix deletes the "
           "import line; a local variable of the same name (`expression = ...` in a function) shadows the import "
           "there, as Python scoping says, and does not keep it; while they are still used, PY111 reports the uses.",
      why="Odoo 19.0's `odoo/osv/__init__.py` raises `DeprecationWarning: Since 19.0, odoo.osv is deprecated use "
          "odoo.fields.Domain` on import, and the package is on its way out; an import left behind after "
          "migrating to `Domain` keeps the warning (and the future ImportError) for nothing.",
      before="from odoo.osv import expression\nfrom odoo.fields import Domain\n\ndomain = Domain.AND([a, b])",
      after="from odoo.fields import Domain\n\ndomain = Domain.AND([a, b])",
      source="odoo/osv/__init__.py 19.0 (S19 jnvdx6/skymedic-odoo: `warnings.warn(\"Since 19.0, odoo.osv is "
             "deprecated use odoo.fields.Domain\", DeprecationWarning)`); 18.0 odoo/osv/__init__.py has no warning.")
def osv_import(node, ctx):
    if ctx.addon is None:
        return
    if isinstance(node, ast.ImportFrom):
        if node.level != 0 or not (node.module == "odoo.osv" or (node.module or "").startswith("odoo.osv.")):
            return
        bound = [a.asname or a.name for a in node.names]
    else:
        if not any(a.name == "odoo.osv" or a.name.startswith("odoo.osv.") for a in node.names):
            return
        bound = None          # `import odoo.osv...` binds `odoo`, which the module uses anyway: no fix
    fix, unused = None, False
    if bound is not None and "*" not in bound:
        from ..common import reads_module_name
        unused = not any(reads_module_name(ctx.tree, name) for name in bound)
        if unused and node.col_offset == 0:
            fix = _delete_lines(ctx, node)
    if unused:
        what = "nothing uses this import any more: delete it"
    else:
        what = "move the uses of this import to `odoo.fields.Domain` (see PY111)"
    yield Finding(ctx.node_span(node), f"`odoo.osv` warns on import since Odoo 19.0 (DeprecationWarning); {what}",
                  fix=fix)


def _delete_lines(ctx, node):
    """A fix deleting the statement's whole lines, only when nothing else shares them."""
    index = ctx.index
    first, last = node.lineno, node.end_lineno
    text_first = index.line_text(first)
    text_last = index.line_text(last)
    span = ctx.node_span(node)
    if text_first[: span.start.column - 1].strip() or text_last[span.end.column - 1:].strip():
        return None
    start = index.line_start(first)
    end = index.line_start(last + 1) if last < index.line_count else len(ctx.source)
    return Fix((ctx.edit(start, end, ""),), Applicability.SAFE, "Delete the unused `odoo.osv` import")
