"""Models that Odoo removed or renamed: `env['x']`, `_inherit`/`_name` and relational comodels naming them
(PY310 17.0, PY122 19.0; PY125 renames 19.0)."""
from __future__ import annotations

import ast

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule

from . import tables
from ..common import dotted, mentions, string_content_span, table_words
from ..models import field_call


def _model_strings(node, names=("_inherit", "_name")):
    if isinstance(node, ast.Call):
        fc = field_call(node)
        if fc and fc[0] in ("Many2one", "One2many", "Many2many"):
            return node.args[:1] + [k.value for k in node.keywords if k.arg == "comodel_name"]
        return []
    if isinstance(node, ast.Subscript):
        base = dotted(node.value)
        return [node.slice] if base and (base == "env" or base.endswith(".env")) else []
    out = []
    for stmt in node.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                and stmt.targets[0].id in names:
            v = stmt.value
            out += v.elts if isinstance(v, (ast.List, ast.Tuple)) else [v]
    return out


def _removed(node, ctx, table, version):
    if ctx.addon is None or not mentions(ctx, table_words(table)):
        return
    for c in _model_strings(node):
        if isinstance(c, ast.Constant) and isinstance(c.value, str) and c.value in table:
            yield Finding(ctx.node_span(c), f"model `{c.value}` no longer exists in Odoo {version}: "
                          f"{table[c.value]}")


@rule("PY310", "model-removed-17", words=table_words(tables.MODELS_GONE_17), summary="Model removed by Odoo 17.0 (account chart templates)", kinds=["python"],
      severity="error", since="17.0", tags=["migration"], nodes=(ast.Subscript, ast.ClassDef, ast.Call),
      what="Finds `env['<model>']`, `_inherit`/`_name` and relational field comodels naming a model of table "
           "MODELS_GONE_17 (`account.account.template`, `account.tax.template`) and says what replaced it.",
      why="The model is gone: `env[...]` raises KeyError, an `_inherit` stops the registry from loading.",
      before="self.env['account.tax.template'].search([])", after="# chart data: @template('x', 'account.tax')",
      source=tables.MODELS_GONE_17_SOURCE)
def model_removed_17(node, ctx):
    return _removed(node, ctx, tables.MODELS_GONE_17, "17.0")


@rule("PY122", "model-removed-19", words=table_words(tables.MODELS_GONE_19), summary="Model removed by Odoo 19.0 (`uom.category`, `hr.contract`)",
      kinds=["python"], severity="error", since="19.0", tags=["migration"], nodes=(ast.Subscript, ast.ClassDef, ast.Call),
      what="Finds `env['<model>']`, `_inherit`/`_name` and relational field comodels naming a model of table "
           "MODELS_GONE_19 (`uom.category`, `hr.contract`) and says what replaced it.",
      why="The model is gone: `env[...]` raises KeyError, an `_inherit` stops the registry from loading.",
      before="contract = self.env['hr.contract'].search([('employee_id', '=', emp.id)])",
      after="version = emp.version_id",
      source=tables.MODELS_GONE_19_SOURCE)
def model_removed_19(node, ctx):
    return _removed(node, ctx, tables.MODELS_GONE_19, "19.0")


@rule("PY125", "model-renamed-19", words=table_words(tables.MODELS_RENAMED_19), summary="Model renamed by Odoo 19.0 "
      "(`stock.quant.package` -> `stock.package`)", kinds=["python"], severity="error", since="19.0", fix="safe",
      tags=["migration"], nodes=(ast.Subscript, ast.ClassDef, ast.Call),
      what="Finds `env['<model>']`, `_inherit` and relational field comodels (first argument or `comodel_name`) "
           "naming a model of table MODELS_RENAMED_19 (`stock.quant.package`) and writes the new name (the same "
           "model). An `_name` of the old name is left alone: a class that defines the model anew is not the "
           "renamed one.",
      why="The old name is not in the 19.0 registry: `env[...]` raises KeyError, an `_inherit` or a comodel stops "
          "the registry from loading.",
      before="self.env['stock.quant.package'].create({})", after="self.env['stock.package'].create({})",
      source=tables.MODELS_RENAMED_19_SOURCE)
def model_renamed_19(node, ctx):
    table = tables.MODELS_RENAMED_19
    if ctx.addon is None or not mentions(ctx, table_words(table)):
        return
    for c in _model_strings(node, names=("_inherit",)):
        if isinstance(c, ast.Constant) and isinstance(c.value, str) and c.value in table:
            new = table[c.value]
            span = string_content_span(ctx, c)
            fix = Fix((ctx.edit(span[0], span[1], new),), Applicability.SAFE, f"Use `{new}`") if span else None
            yield Finding(ctx.node_span(c), f"model `{c.value}` is `{new}` since Odoo 19.0", fix=fix)
