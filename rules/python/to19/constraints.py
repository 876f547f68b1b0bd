"""18.0 -> 19.0: `_sql_constraints` is ignored in favour of `models.Constraint` (PY107)."""
from __future__ import annotations

import ast

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule

from ..common import module_imports, offsets, text_of
from .. import layout
from ..models import model_class_set


@rule("PY107", "sql-constraints", summary="`_sql_constraints` is silently ignored (Odoo 19.0)",
      kinds=["python"], severity="error", since="19.0", fix="unsafe", tags=["migration"], nodes=(ast.ClassDef,),
      what="Finds `_sql_constraints = [...]` in model classes. The unsafe fix writes one "
           "`_<name> = models.Constraint(<definition>, <message>)` per tuple, like Odoo's upgrade script, keeping "
           "the definition and message expressions as written, laid out as the script writes them and black keeps "
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
                if not indent.strip():
                    fix = Fix((ctx.edit(start, end, (ctx.newline + indent).join(lines) if lines else "pass"),),
                              Applicability.UNSAFE, "Rewrite as `models.Constraint` attributes")
        yield Finding(ctx.node_span(stmt.targets[0]), "`_sql_constraints` is ignored since Odoo 19.0 (the "
                      "constraints are never created): declare `_<name> = models.Constraint(definition, message)`",
                      fix=fix)
