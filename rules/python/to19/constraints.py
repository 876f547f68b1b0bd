"""18.0 -> 19.0: `_sql_constraints` is ignored in favour of `models.Constraint` (PY107)."""
from __future__ import annotations

import ast

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule

from ..common import comment_offsets, module_imports, offsets, text_of
from .. import layout
from ..models import model_class_set


@rule("PY107", "sql-constraints", summary="`_sql_constraints` is silently ignored (Odoo 19.0)",
      words=("_sql_constraints",),
      kinds=["python"], severity="error", since="19.0", fix="unsafe", tags=["migration"], nodes=(ast.ClassDef,),
      what="Finds `_sql_constraints = [...]` in model classes. The unsafe fix writes one "
           "`_<name> = models.Constraint(<definition>, <message>)` per tuple, like Odoo's upgrade script, keeping "
           "the definition and message expressions as written and every comment of the list (a comment inside "
           "or above a tuple goes on its own line above that constraint, one after a tuple on its line stays at "
           "the end of that constraint), laid out as the script writes them and black keeps "
           "them: with a message, one argument per line and a trailing comma; a definition alone on one line when "
           "it fits the file's line length (black's 88, or the file's own wider limit), else on its own line; it is offered when every entry is a tuple of 2-3 "
           "items with a literal name and `models` is imported from odoo.",
      why="19.0 only logs \"Model attribute '_sql_constraints' is no longer supported\": the constraint is never "
          "created, so duplicates and invalid rows are accepted without any error. The fix is unsafe because the "
          "constraint name in the database changes (`<table>_<name>` is created anew) and a message with "
          "placeholders or `_()` may need review.",
      before="_sql_constraints = [\n    ('name_uniq', 'unique(name)', 'Name must be unique.'),\n]",
      after="_name_uniq = models.Constraint(\n    'unique(name)',\n    'Name must be unique.',\n)",
      source="odoo/orm/model_classes.py 19.0 lines 162-163 (warning, not applied); 18.0 odoo/models.py 608, 857 "
             "(applied); odoo/upgrade_code/18.1-00-sql-constraint.py (19.0).")
def sql_constraints(node, ctx):
    if ctx.addon is None or node not in model_class_set(ctx):
        return
    for stmt in node.body:
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
                and stmt.targets[0].id == "_sql_constraints"):
            continue
        fix = None
        value = stmt.value
        if isinstance(value, (ast.List, ast.Tuple)) and ("odoo", "models", None) in module_imports(ctx.tree):
            lines = []
            limit = layout.line_limit(ctx.source)
            start, end = offsets(ctx, stmt)
            indent = ctx.source[ctx.index.line_start(stmt.lineno):start]
            for elt in value.elts:
                if not (isinstance(elt, ast.Tuple) and 2 <= len(elt.elts) <= 3
                        and isinstance(elt.elts[0], ast.Constant) and isinstance(elt.elts[0].value, str)
                        and elt.elts[0].value.isidentifier()):
                    lines = None
                    break
                args = [(text_of(ctx, e), offsets(ctx, e)[0] - ctx.index.line_start(e.lineno)) for e in elt.elts[1:]]
                head = f"_{elt.elts[0].value} = models.Constraint"
                lines.append(layout.call(indent, head, args, limit, ctx.newline, exploded=len(args) > 1))
            if lines is not None:
                lines = _with_comments(ctx, value.elts, lines, start, end, indent)
            if lines is not None:
                if not indent.strip():
                    fix = Fix((ctx.edit(start, end, (ctx.newline + indent).join(lines) if lines else "pass"),),
                              Applicability.UNSAFE, "Rewrite as `models.Constraint` attributes")
        yield Finding(ctx.node_span(stmt.targets[0]), "`_sql_constraints` is ignored since Odoo 19.0 (the "
                      "constraints are never created): declare `_<name> = models.Constraint(definition, message)`",
                      fix=fix)


def _with_comments(ctx, elts, texts: list[str], start: int, end: int, indent: str):
    """The constraints' texts with the list's comments carried over: a comment after a tuple on the tuple's last
    line ends that constraint's last line; any other goes on its own line above the constraint of the first
    tuple that ends after it (after the last one when none does). None when the file does not tokenize."""
    comments = comment_offsets(ctx, start, end)
    if comments is None:
        return None
    kept = [offsets(ctx, arg) for e in elts for arg in e.elts[1:]]      # their text moves with the argument
    inside = [c for c in comments if not any(s <= c < e for s, e in kept)]
    if not inside:
        return texts
    src, index = ctx.source, ctx.index
    above: list[list[str]] = [[] for _ in elts] + [[]]
    after: list[list[str]] = [[] for _ in elts]
    ends = [(offsets(ctx, e)[1], e.end_lineno) for e in elts]
    for c in inside:
        line = index.position(c).line
        text = src[c:index.line_end(line)].rstrip()
        trailing = next((i for i, (e, last) in enumerate(ends) if last == line and e <= c), None)
        if trailing is not None:
            after[trailing].append(text)
        else:
            above[next((i for i, (e, _l) in enumerate(ends) if e > c), len(elts))].append(text)
    out = []
    nl = ctx.newline
    for i, text in enumerate(texts):
        head = "".join(f"{comment}{nl}{indent}" for comment in above[i])
        tail = "".join(f"  {comment}" for comment in after[i][:1]) + \
            "".join(f"{nl}{indent}{comment}" for comment in after[i][1:])
        out.append(head + text + tail)
    if above[-1]:
        out[-1] += "".join(f"{nl}{indent}{comment}" for comment in above[-1])
    return out
