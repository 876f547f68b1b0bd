"""The rewrite of a plain `name_get` override into `_compute_display_name` (PY301's unsafe fix).

Only two shapes are rewritten, because only there is the name of each record an expression of that record alone:
    def name_get(self):                          def name_get(self):
        return [(r.id, EXPR) for r in self]          res = []
                                                     for r in self:
                                                         ...assignments, `if` blocks of assignments...
                                                         res.append((r.id, EXPR))
                                                     return res
The `@api.depends` lists the field paths the body reads from the record (`r.code`, `r.partner_id.name`), after
those of an `@api.depends` the override already had, and the fix is given up when that list is not certain: the
record used otherwise than through attributes, `self` or the context read, `display_name` read (the override
would compute itself), or `api` not imported.

The rewrite edits the override's own lines: the `def` line keeps everything but its name, the docstring, comments
and the loop's statements stay as written, only the `res = []`, `res.append(...)` and `return res` statements
change. A comment the rewrite would have to drop (on those lines, or inside `(r.id, EXPR)` outside EXPR) gives
the fix up.
"""
from __future__ import annotations

import ast

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from .. import layout
from ..common import comment_offsets, offsets

_ALLOWED_STMTS = (ast.Assign, ast.AnnAssign, ast.AugAssign)


def _plain_stmt(stmt) -> bool:
    """An assignment, or an `if` whose branches hold only such statements: each record's name computed from it."""
    if isinstance(stmt, ast.If):
        return all(_plain_stmt(s) for s in stmt.body) and all(_plain_stmt(s) for s in stmt.orelse)
    return isinstance(stmt, _ALLOWED_STMTS)


def _declared_depends(fn: ast.FunctionDef) -> Optional[list[str]]:
    """The paths of the override's only decorator, `@api.depends("a", "b.c")`; [] without decorator; None for any
    other decorator (the rewrite would have to decide what it means)."""
    if not fn.decorator_list:
        return []
    if len(fn.decorator_list) != 1:
        return None
    dec = fn.decorator_list[0]
    if not (isinstance(dec, ast.Call) and isinstance(dec.func, ast.Attribute) and dec.func.attr == "depends"
            and isinstance(dec.func.value, ast.Name) and dec.func.value.id == "api" and not dec.keywords
            and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in dec.args)):
        return None
    return [a.value for a in dec.args]


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
    if len(a.args) != 1 or a.vararg or a.kwarg or a.kwonlyargs or a.posonlyargs:
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
    stmts = [init, loop, *stmts]     # (the init and the loop itself first: the rewrite edits around them)
    if not (isinstance(last, ast.Expr) and isinstance(last.value, ast.Call)
            and isinstance(last.value.func, ast.Attribute) and last.value.func.attr == "append"
            and isinstance(last.value.func.value, ast.Name) and last.value.func.value.id == res
            and len(last.value.args) == 1 and not last.value.keywords):
        return None
    if not all(_plain_stmt(s) for s in stmts[2:]):
        return None
    expr = _pair(last.value.args[0], var)
    if expr is None:
        return None
    for node in [*stmts[2:], expr]:
        for sub in ast.walk(node):
            if isinstance(sub, ast.Name) and (sub.id == res or (sub.id == var and isinstance(sub.ctx, ast.Store))):
                return None     # the list read again, or the record rebound: the depends would not be its fields
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
    """The node's source text, its first line at `indent` and the others as far in from it as they were from the
    least indented of them (or from the first line, when the node starts its line)."""
    src = ast.get_source_segment(ctx.source, node)
    lines = src.splitlines()
    if len(lines) == 1:
        return src
    cuts = [len(line) - len(line.lstrip()) for line in lines[1:] if line.strip()]
    before = ctx.source[ctx.index.line_start(node.lineno):offsets(ctx, node)[0]]
    if not before.strip():
        cuts.append(len(before))        # the node starts its line: that line is the base
    old = min(cuts) if cuts else 0
    out = [lines[0]]
    for line in lines[1:]:
        cut = len(line) - len(line.lstrip())
        out.append(indent + " " * max(0, cut - old) + line.lstrip() if line.strip() else "")
    return ctx.newline.join(out)


def _value(ctx, expr, indent: str, target: str) -> str:
    """EXPR as the right-hand side of `target = ` at `indent`, as black lays it out: over several lines that hang
    on the tuple's brackets, inside parentheses of its own, one step deeper; on one line too long for the file
    (`layout.formatter_limit`), split at its closing bracket when it ends with one, else inside parentheses."""
    nl = ctx.newline
    text = _segment(ctx, expr, indent)
    if "\n" in text or "\r" in text:
        try:
            ast.parse("_ = " + text.replace("\r", ""))
        except SyntaxError:
            return _hugged(ctx, expr, indent, target) or \
                f"({nl}{indent}    {_segment(ctx, expr, indent + '    ')}{nl}{indent})"
        return text
    line = f"{indent}{target} = {text}"
    limit = layout.formatter_limit(ctx.source)
    if len(line) <= limit:
        return text
    split = layout.split_long_line(line, limit) if text.rstrip()[-1:] in ")]}" else None
    if split is not None:
        return split[len(indent) + len(target) + 3:].replace("\n", nl)
    if len(indent) + 4 + len(text) <= limit:
        return f"({nl}{indent}    {text}{nl}{indent})"
    return text


def _hugged(ctx, expr, indent: str, target: str) -> Optional[str]:
    """black's right-hand split of EXPR laid out over several lines, when EXPR ends with a bracket pair and has
    one `or`/`and` at most outside brackets (black omits the optional parentheses then, `can_omit_invisible_parens`):
    `target = <the head joined on one line, up to the opening bracket>`, the bracket's lines one step in, the
    closing bracket back at `indent`. None when the head does not fit, holds a comment or a string over several
    lines, or the bracket does not open at the end of a line and close at the start of one."""
    import io
    import tokenize

    seg = ast.get_source_segment(ctx.source, expr).replace("\r\n", "\n")
    try:
        toks = [t for t in tokenize.generate_tokens(io.StringIO("(" + seg + ")\n").readline)
                if t.type not in (tokenize.NEWLINE, tokenize.ENDMARKER)]
    except (tokenize.TokenError, SyntaxError):
        return None
    lines = ("(" + seg + ")").split("\n")
    depth, opener, top = 0, None, []
    for i, t in enumerate(toks[:-1]):
        if t.type == tokenize.COMMENT or (t.type == tokenize.STRING and t.start[0] != t.end[0]):
            if opener is None or depth <= 1:
                return None
        if t.type == tokenize.OP and t.string in ")]}":
            depth -= 1
            continue
        if t.type == tokenize.OP and t.string in "([{":
            if depth == 1:
                opener = i
            depth += 1
            continue
        if depth == 1 and t.type != tokenize.NL:
            top.append((i, t))
    last = toks[-2] if len(toks) > 1 else None
    if opener is None or last is None or last.string not in ")]}" or any(i > opener for i, _ in top):
        return None         # the last bracket pair must end EXPR
    words = [t.string for i, t in top if i < opener]
    logic = [w for w in words if w in ("or", "and")]
    if len(logic) > 1 or any(w in ("if", "else", "not", "lambda", "for") for w in words) or \
            any(t.type == tokenize.OP and t.string not in (".",) for _, t in top):
        return None
    o, c = toks[opener], last
    if o.end[0] == c.start[0] or lines[o.end[0] - 1][o.end[1]:].strip() or lines[c.start[0] - 1][:c.start[1]].strip():
        return None         # black's layout inside: opening bracket ends its line, closing one starts its line
    head_rows = lines[:o.end[0]]
    head_rows[-1] = head_rows[-1][:o.end[1]]
    head = " ".join(r.strip() for r in head_rows)[1:]           # (the wrapping parenthesis off)
    if len(f"{indent}{target} = {head}") > layout.formatter_limit(ctx.source):
        return None
    body = lines[o.end[0]:c.start[0] - 1]
    cut = min((len(r) - len(r.lstrip()) for r in body if r.strip()), default=0)
    nl = ctx.newline
    out = head + "".join(f"{nl}{indent}    {r[cut:]}" if r.strip() else nl for r in body) + \
        f"{nl}{indent}{lines[c.start[0] - 1][c.start[1]:-1]}"
    try:
        same = ast.dump(ast.parse("_ = " + out.replace("\r", ""))) == ast.dump(ast.parse("_ = (" + seg + ")"))
    except SyntaxError:
        return None
    return out if same else None


def compute_display_name(ctx, fn: ast.FunctionDef, module: ast.Module) -> Optional[tuple[int, int, str]]:
    """(start, end, text) replacing the override's lines, or None when it is not plain, its depends uncertain or
    a comment would be lost."""
    shape = plain_shape(fn)
    declared = _declared_depends(fn)
    if shape is None or declared is None or not imports_api(module):
        return None
    var, stmts, expr = shape
    loop = stmts[1] if len(stmts) > 1 else None
    paths = depends_paths(var, [*stmts[2:], expr] if loop else [expr])
    if paths is None:
        return None
    paths = declared + [p for p in paths if p not in declared]
    src, nl, index = ctx.source, ctx.newline, ctx.index
    first = index.line_text(fn.lineno)
    ind = first[: len(first) - len(first.lstrip())]
    step = "    "
    start = index.line_start(fn.decorator_list[0].lineno if fn.decorator_list else fn.lineno)
    end = index.line_end(fn.end_lineno)
    comments = comment_offsets(ctx, start, end)
    if comments is None:
        return None
    expr_s, expr_e = offsets(ctx, expr)
    body = _docless(fn.body)
    ret = body[-1]
    if loop is not None:
        init, append = stmts[0], loop.body[-1]
    # the statements deleted stand alone on their lines; the decorator too
    for stmt in ((init, ret) if loop is not None else ()):
        s, e = offsets(ctx, stmt)
        if src[index.line_start(stmt.lineno):s].strip() or src[e:index.line_end(stmt.end_lineno)].strip():
            return None
    if fn.decorator_list:
        dec = fn.decorator_list[0]
        ds, de = offsets(ctx, dec)
        if src[index.line_start(dec.lineno):ds - 1].strip() or src[de:index.line_end(dec.end_lineno)].strip():
            return None
    edits = [(start, index.line_start(fn.lineno), f"{ind}@api.depends({', '.join(map(_quoted, paths))}){nl}"
                                                   if paths else "")]
    name_at = src.index("name_get", index.line_start(fn.lineno))
    edits.append((name_at, name_at + len("name_get"), "_compute_display_name"))
    ret_s, ret_e = offsets(ctx, ret)
    if loop is not None:
        edits.append((index.line_start(init.lineno), index.line_start(init.end_lineno + 1), ""))
        s, e = offsets(ctx, append)
        own = index.line_text(append.lineno)
        target = f"{var}.display_name"
        edits.append((s, e, f"{target} = {_value(ctx, expr, own[:len(own) - len(own.lstrip())], target)}"))
        above = ret.lineno - 1          # `return res` goes with the blank lines above it
        while above > append.end_lineno and not index.line_text(above).strip():
            above -= 1
        edits.append((index.line_end(above), ret_e, ""))
    else:
        inner = ind + step + step
        target = f"{var}.display_name"
        edits.append((ret_s, ret_e, f"for {var} in self:{nl}{inner}{target} = {_value(ctx, expr, inner, target)}"))
    edits.sort()
    if any(s <= c < e and not expr_s <= c < expr_e for s, e, _text in edits for c in comments):
        return None     # a comment in what the rewrite replaces (EXPR's own comments move with it)
    out, at = [], start
    for s, e, text in edits:
        out.append(src[at:s] + text)
        at = e
    out.append(src[at:end])
    return start, end, "".join(out)


def _quoted(path: str) -> str:
    return '"' + path + '"'
