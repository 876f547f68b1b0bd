"""The rewrite of a plain `name_get` override into `_compute_display_name` (PY301's unsafe fix).

Only two shapes are rewritten, because only there is the name of each record an expression of that record alone:
    def name_get(self):                          def name_get(self):
        return [(r.id, EXPR) for r in self]          res = []
                                                     for r in self:
                                                         ...assignments...
                                                         res.append((r.id, EXPR))
                                                     return res
The `@api.depends` lists the field paths the body reads from the record (`r.code`, `r.partner_id.name`), and the fix
is given up when that list is not certain: the record used otherwise than through attributes, `self` or the context
read, `display_name` read (the override would compute itself), or `api` not imported.
"""
from __future__ import annotations

import ast
from typing import Optional

_ALLOWED_STMTS = (ast.Assign, ast.AnnAssign, ast.AugAssign)


def _docless(body: list) -> list:
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        return body[1:]
    return body


def _pair(node, var: str) -> Optional[ast.expr]:
    """EXPR of `(var.id, EXPR)` (a tuple, or `tuple([var.id, EXPR])`)."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "tuple" \
            and len(node.args) == 1 and not node.keywords and isinstance(node.args[0], ast.List):
        node = node.args[0]
    if not isinstance(node, (ast.Tuple, ast.List)) or len(node.elts) != 2:
        return None
    rid, expr = node.elts
    if isinstance(rid, ast.Attribute) and rid.attr == "id" and isinstance(rid.value, ast.Name) \
            and rid.value.id == var:
        return expr
    return None


def _is_self(node) -> bool:
    return isinstance(node, ast.Name) and node.id == "self"


def plain_shape(fn: ast.FunctionDef) -> Optional[tuple[str, list, ast.expr]]:
    """(loop variable, statements before the name, name expression) of a plain override, else None."""
    a = fn.args
    if fn.decorator_list or len(a.args) != 1 or a.vararg or a.kwarg or a.kwonlyargs or a.posonlyargs:
        return None
    body = _docless(fn.body)
    if len(body) == 1 and isinstance(body[0], ast.Return) and isinstance(body[0].value, ast.ListComp):
        comp = body[0].value
        if len(comp.generators) != 1:
            return None
        g = comp.generators[0]
        if g.ifs or g.is_async or not isinstance(g.target, ast.Name) or not _is_self(g.iter):
            return None
        expr = _pair(comp.elt, g.target.id)
        return (g.target.id, [], expr) if expr is not None else None
    if len(body) != 3:
        return None
    init, loop, ret = body
    if not (isinstance(init, ast.Assign) and len(init.targets) == 1 and isinstance(init.targets[0], ast.Name)
            and isinstance(init.value, ast.List) and not init.value.elts):
        return None
    res = init.targets[0].id
    if not (isinstance(ret, ast.Return) and isinstance(ret.value, ast.Name) and ret.value.id == res):
        return None
    if not (isinstance(loop, ast.For) and isinstance(loop.target, ast.Name) and _is_self(loop.iter)
            and not loop.orelse and loop.body):
        return None
    var = loop.target.id
    *stmts, last = loop.body
    if not (isinstance(last, ast.Expr) and isinstance(last.value, ast.Call)
            and isinstance(last.value.func, ast.Attribute) and last.value.func.attr == "append"
            and isinstance(last.value.func.value, ast.Name) and last.value.func.value.id == res
            and len(last.value.args) == 1 and not last.value.keywords):
        return None
    if not all(isinstance(s, _ALLOWED_STMTS) for s in stmts):
        return None
    expr = _pair(last.value.args[0], var)
    if expr is None:
        return None
    for node in [*stmts, expr]:
        for sub in ast.walk(node):
            if isinstance(sub, ast.Name) and sub.id == res:
                return None
    return var, stmts, expr


def depends_paths(var: str, nodes: list) -> Optional[list[str]]:
    """Field paths read from `var` in `nodes`, in source order; None when not certain."""
    parents = {}
    for root in nodes:
        for parent in ast.walk(root):
            for child in ast.iter_child_nodes(parent):
                parents[child] = parent
    paths = []
    for root in nodes:
        for sub in ast.walk(root):
            if _is_self(sub):
                return None
            if isinstance(sub, ast.Name) and sub.id in ("context", "env"):
                return None
            if not (isinstance(sub, ast.Name) and sub.id == var):
                continue
            chain, node = [], sub
            while isinstance(parents.get(node), ast.Attribute):
                up = parents[node]
                if isinstance(parents.get(up), ast.Call) and parents[up].func is up:
                    break                      # a method called on the value: the path stops before it
                chain.append(up.attr)
                node = up
            if not chain or chain[0] in ("env", "_context", "_cr", "_uid") or "display_name" in chain:
                return None
            if chain[0] == "id":
                continue
            paths.append(((sub.lineno, sub.col_offset), ".".join(chain)))
    out = []
    for _pos, path in sorted(paths):
        if path not in out:
            out.append(path)
    return out


def imports_api(module: ast.Module) -> bool:
    for node in module.body:
        if isinstance(node, ast.ImportFrom) and node.module == "odoo" and not node.level:
            if any(a.name == "api" and a.asname is None for a in node.names):
                return True
    return False


def _segment(ctx, node, indent: str) -> str:
    """The node's source text, continuation lines re-indented to `indent` relative to its first line."""
    src = ast.get_source_segment(ctx.source, node)
    lines = src.splitlines()
    if len(lines) == 1:
        return src
    base = ctx.index.line_text(node.lineno)
    old = len(base) - len(base.lstrip())
    out = [lines[0]]
    for line in lines[1:]:
        cut = len(line) - len(line.lstrip())
        out.append(indent + " " * max(0, cut - old) + line.lstrip() if line.strip() else "")
    return ctx.newline.join(out)


def compute_display_name(ctx, fn: ast.FunctionDef, module: ast.Module) -> Optional[tuple[int, int, str]]:
    """(start, end, text) replacing the whole override, or None when it is not plain or its depends uncertain."""
    shape = plain_shape(fn)
    if shape is None or not imports_api(module):
        return None
    var, stmts, expr = shape
    paths = depends_paths(var, [*stmts, expr])
    if paths is None:
        return None
    nl = ctx.newline
    first = ctx.index.line_text(fn.lineno)
    ind = first[: len(first) - len(first.lstrip())]
    step = "    "
    body = [f"{ind}{step}{step}{_segment(ctx, s, ind + step + step)}" for s in stmts]
    body.append(f"{ind}{step}{step}{var}.display_name = {_segment(ctx, expr, ind + step + step)}")
    quoted = ", ".join('"' + p + '"' for p in paths)
    head = [f"{ind}@api.depends({quoted})"] if paths else []
    text = nl.join(head + [f"{ind}def _compute_display_name(self):", f"{ind}{step}for {var} in self:"] + body)
    start = ctx.index.line_start(fn.lineno)
    end = ctx.index.line_end(fn.end_lineno)
    return start, end, text
