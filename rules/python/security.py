"""Security and correctness rules for addon Python code."""
from __future__ import annotations

import ast
import re

from odoolint.model import Finding
from odoolint.registry import rule

from odoolint.sources.pytree import tree_index

from .common import dotted, offsets
from .peer import imports_of, option


def _is_cursor(node) -> bool:
    name = dotted(node) or ""
    return name in ("cr", "cursor", "new_cr") or name.endswith((".cr", "._cr", ".cursor"))


_SAFE_IDENTIFIERS = {"_table", "_name", "_order", "_parent_name"}   # class-level model metadata, never input
_EXECUTE = ("execute", "executemany")
_IDENTIFIER_HELPERS = {"get_legacy_name"}   # openupgradelib: a constant in, an identifier out


def func_name_of(call) -> str:
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
_SQL_COMPOSERS = ("psycopg2", "odoo.tools", "odoo.tools.sql")


class _Flow:
    """What a function knows about its local names: every value assigned to each name (or subscript target),
    and the names checked against a literal whitelist (`if op not in ('=', '<'): raise`)."""

    def __init__(self, own, imports, index=None):
        """`own`: the function's own nodes (`_own_nodes`), or None for no function; `index`: the tree's."""
        self.assigned: dict[str, list] = {}
        self.whitelisted: set[str] = set()
        self.resolving: set[str] = set()     # names being followed now (a name built from itself ends there)
        self.imports = imports
        if own is None:
            return
        for n in own:
            if isinstance(n, ast.Assign):
                for t in n.targets:
                    if isinstance(t, (ast.Name, ast.Subscript)):
                        self.assigned.setdefault(ast.unparse(t), []).append(n.value)
            elif isinstance(n, ast.AnnAssign) and n.value is not None and isinstance(n.target, ast.Name):
                self.assigned.setdefault(n.target.id, []).append(n.value)
        for n in own:
            if isinstance(n, (ast.If, ast.Assert, ast.While)):
                for c in index.subtree(n.test):
                    if isinstance(c, ast.Compare) and isinstance(c.left, ast.Name) and len(c.ops) == 1 \
                            and isinstance(c.ops[0], (ast.In, ast.NotIn)) \
                            and (_literal_collection(c.comparators[0]) or self._literal_local(c.comparators[0])):
                        self.whitelisted.add(c.left.id)

    def _literal_local(self, node) -> bool:
        """`supported = ['<', '>']` then `if op not in supported:` (every assignment a literal collection)."""
        values = self.assigned.get(node.id) if isinstance(node, ast.Name) else None
        return bool(values) and all(_literal_collection(v) and not isinstance(v, ast.Name) for v in values)


def _literal_collection(node) -> bool:
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return all(isinstance(e, ast.Constant) for e in node.elts)
    return isinstance(node, ast.Name) and node.id.isupper()   # a module constant such as OPERATORS


def _composer(node, flow) -> bool:
    """psycopg2.sql objects (`sql.SQL(...)`, `Identifier(...)`), Odoo's `SQL(...)`, and `cr.mogrify(...)`
    results (already escaped by psycopg2)."""
    if not isinstance(node, ast.Call):
        return False
    f = node.func
    if isinstance(f, ast.Attribute) and f.attr == "decode" and isinstance(f.value, ast.Call):
        return _composer(f.value, flow)
    if isinstance(f, ast.Attribute) and f.attr == "mogrify":
        return True
    if isinstance(f, ast.Attribute) and f.attr in ("format", "join") and _composer(f.value, flow):
        return True   # sql.SQL(...).format(...) accepts only Composable arguments
    root = f
    while isinstance(root, ast.Attribute):
        root = root.value
    if isinstance(root, ast.Name):
        origin = flow.imports.get(root.id, "")
        return origin.startswith("psycopg2") or (origin in ("odoo.tools.SQL", "odoo.tools.sql.SQL")
                                                 and isinstance(f, ast.Name))
    return False


def _safe_value(node, flow=None, depth=0) -> bool:
    flow = flow or _Flow(None, {})
    if isinstance(node, ast.FormattedValue):
        node = node.value
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Attribute) and (node.attr.endswith("_table") or node.attr in _SAFE_IDENTIFIERS):
        return True   # any model's table name: `self._table`, `self.model._table`, `self.env[m]._table`
    target = node.func if isinstance(node, ast.Call) else node
    if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.attr.startswith("_"):
        return True   # pylint-odoo: `self._select()`, `self._from()` (the report-view pattern)
    if _composer(node, flow):
        return True
    if isinstance(node, ast.Call) and func_name_of(node) in _IDENTIFIER_HELPERS \
            and all(isinstance(a, ast.Constant) for a in node.args) and not node.keywords:
        return True   # a column name derived from a constant: openupgrade.get_legacy_name('field')
    if isinstance(node, ast.Name):
        if node.id in flow.whitelisted:
            return True
        values = flow.assigned.get(node.id)
        if values and depth < 5:
            if node.id in flow.resolving:
                return True   # `q = q + '...'`: q is as safe as its other values and the other parts
            flow.resolving.add(node.id)
            try:
                return all(_safe_value(v, flow, depth + 1) or _text_of_safe(v, flow, depth + 1) for v in values)
            finally:
                flow.resolving.discard(node.id)
    return False


def _text_of_safe(node, flow, depth) -> bool:
    """A string built only from safe parts (`'a' + self._table`, `f'{self._table}'`)."""
    if isinstance(node, ast.JoinedStr):
        return all(_safe_value(v, flow, depth) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return _unsafe_sql(node, flow, depth) is None and _safe_value(node.left, flow, depth) or (
            _unsafe_sql(node, flow, depth) is None and isinstance(node.op, ast.Add)
            and all(_safe_value(p, flow, depth) for p in _concat_parts(node)))
    return False


def _all_constant(nodes, flow=None, depth=0) -> bool:
    return all(_safe_value(n, flow, depth) for n in nodes)


def _unsafe_sql(arg, flow=None, depth=0) -> str | None:
    """How a query string was built from values, or None when it is a literal / parameterised / composed.

    `depth`: how many local names were followed to get here (a name assigned from itself, `q += x`, must not
    be followed forever)."""
    if isinstance(arg, ast.JoinedStr):
        if any(isinstance(v, ast.FormattedValue) and not _safe_value(v, flow, depth) for v in arg.values):
            return "an f-string"
        return None
    if isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Mod) and (_is_str(arg.left)
                                                                       or isinstance(arg.left, ast.Name)):
        rhs = arg.right.elts if isinstance(arg.right, ast.Tuple) else \
            list(arg.right.values) if isinstance(arg.right, ast.Dict) else [arg.right]
        return None if _all_constant(rhs, flow, depth) else "`%` formatting"
    if isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Add):
        parts = _concat_parts(arg)
        if any(_is_str(p) for p in parts) and not _all_constant(parts, flow, depth):
            return "string concatenation"
        return None
    if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "format" \
            and (_is_str(arg.func.value) or isinstance(arg.func.value, ast.Name)) \
            and not _composer(arg.func.value, flow or _Flow(None, {})) \
            and not (isinstance(arg.func.value, ast.Name) and _safe_composed_name(arg.func.value, flow)):
        if _all_constant(list(arg.args) + [k.value for k in arg.keywords], flow, depth):
            return None
        return "`.format()`"
    return None


def _is_str(node) -> bool:
    return (isinstance(node, ast.Constant) and isinstance(node.value, str)) or isinstance(node, ast.JoinedStr) \
        or (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and any(_is_str(p) for p in _concat_parts(node)))


def _concat_parts(node):
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _concat_parts(node.left) + _concat_parts(node.right)
    return [node]


def _safe_composed_name(name, flow) -> bool:
    values = (flow.assigned.get(name.id) if flow else None) or []
    return bool(values) and all(_composer(v, flow) for v in values)


@rule("PY401", "sql-injection", words=_EXECUTE, summary="SQL built from values by formatting, passed to `cr.execute`",
      kinds=["python"], severity="error", tags=["security"], nodes=(ast.Call, ast.FunctionDef, ast.AsyncFunctionDef),
      names={ast.Call: _EXECUTE},
      aliases=["sql-injection", "E8103"],
      security_severity=8.8, precision="medium",   # taint followed within one function, by syntax only
      what="Finds `cr.execute(query, ...)` and `executemany` (any `cr`, `self.env.cr`, `self._cr`, `cursor`) whose "
           "query is built with `%`, `.format()`, an f-string or `+` from non-constant values, inline or through a "
           "local name or subscript of the same function (`query = '...' % x`, `q[1] = ...`, `query += ...`, "
           "reassignments included). Not reported: parameters passed separately, values that are escaped already "
           "(`cr.mogrify(...)` results, `psycopg2.sql` objects, Odoo's `SQL(...)`), any `..._table`, `self._x` / "
           "`self._x()` (pylint-odoo's report-view pattern), local names assigned only constants, and names checked "
           "against a literal whitelist (`if op not in ('=', '<'): raise`) before.",
      why="Values interpolated into SQL text are not escaped: a crafted value reads or changes any table "
          "(CWE-89). psycopg2 escapes values only when they are passed as the second argument.",
      before="self.env.cr.execute(\"SELECT id FROM res_partner WHERE name = '%s'\" % name)",
      after="self.env.cr.execute(\"SELECT id FROM res_partner WHERE name = %s\", (name,))",
      source="pylint-odoo `sql-injection` (E8103); psycopg2 docs 'Passing parameters to SQL queries'; "
             "odoo/tools/sql.py `SQL` (17.0+).")
def sql_injection(node, ctx):
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        yield from _sql_through_variables(node, ctx)
        return
    f = node.func
    if not (isinstance(f, ast.Attribute) and f.attr in _EXECUTE and _is_cursor(f.value) and node.args):
        return
    if getattr(node, "_odoolint_in_function", False):
        return   # calls inside functions are judged with the function's local flow
    yield from _judge(node, ctx, _Flow(None, imports_of(ctx.tree)))


def _judge(node, ctx, flow):
    how = _unsafe_sql(node.args[0], flow)
    verb = f"`{node.func.attr}()`"
    if how and len(node.args) > 1:
        yield Finding(ctx.node_span(node), f"SQL query text built with {how} although parameters are "
                      "passed separately: whatever is interpolated into the text is not escaped; pass it as a "
                      "parameter too, or compose identifiers with `psycopg2.sql.Identifier` / `odoo.tools.SQL`")
    elif how:
        yield Finding(ctx.node_span(node), f"SQL query built with {how} and passed to {verb}: pass "
                      "the values as the second argument (`execute(query, params)`) or compose with "
                      "`psycopg2.sql` / `odoo.tools.SQL`")


def _commit_cursors(ctx) -> set[str]:
    """The transaction's cursor under pylint-odoo's `cursor-expr` names, plus the request's; an `env.cr` or
    `new_cr` is usually a cursor the code opened itself (queue_job's runner, `with registry.cursor() as cr`)."""
    return set(option(ctx, "cursor-expr")) | {"request.cr", "request.env.cr"}


@rule("PY402", "invalid-commit", words=("commit",), summary="`cr.commit()` in addon code", kinds=["python"], severity="warning",
      tags=["correctness"], nodes=(ast.Call,), names={ast.Call: ("commit",)},
      aliases=["invalid-commit", "E8102"],
      what="Finds `.commit()` on the transaction's cursor (pylint-odoo's `cursor-expr`: `cr`, `self.cr`, "
           "`self.env.cr`, `self._cr`; and `request.cr`, `request.env.cr`) in addon code, tests excluded. A cursor "
           "you opened yourself (`with self.pool.cursor() as new_cr`, an `env` built on it) is named differently "
           "and is not reported.",
      why="Odoo commits the request's transaction itself; committing in business code makes partial writes "
          "permanent when a later step fails, breaks the test framework's rollbacks and defeats retries on "
          "serialization failures.",
      before="self.env.cr.commit()", after="# let the request commit, or use a separate cursor for side effects",
      source="pylint-odoo `invalid-commit` (E8102); odoo/service/model.py `retrying` (commits per request).")
def invalid_commit(node, ctx):
    if ctx.addon is None or "/tests/" in "/" + ctx.relpath.replace("\\", "/"):
        return
    f = node.func
    if isinstance(f, ast.Attribute) and f.attr == "commit" and not node.args \
            and (dotted(f.value) or "") in _commit_cursors(ctx):
        yield Finding(ctx.node_span(node), "`commit()` on the transaction cursor in business code: partial work "
                      "becomes permanent if the request later fails; let Odoo commit")


_VERIFY = re.compile(r"compare_digest|consteq|hmac|signature|verify|check_token|_token\b|token\s*[!=]=|secret",
                     re.IGNORECASE)
_WRITES = {"create", "write", "unlink", "message_post", "action_confirm", "action_post"}


@rule("PY403", "controller-webhook-unverified", summary="Public CSRF-free route that writes records without "
      "verifying a signature or token", kinds=["python"], severity="error", tags=["security"],
      words=("route",),
      nodes=(ast.FunctionDef,), security_severity=8.1,
      precision="medium",   # "no verification" is the absence of verification-like names
      what="Finds controller methods decorated with `route(..., auth='public' or 'none', csrf=False)` whose body "
           "creates, writes, unlinks or posts on records and mentions no verification at all (`hmac`, "
           "`compare_digest`, `consteq`, a signature, a token or secret comparison).",
      why="Anyone on the internet can call such a route and forge events: with `sudo()` the writes bypass "
          "access rights entirely.",
      before="@http.route('/hook', type='jsonrpc', auth='public', csrf=False)\ndef hook(self, **kw):\n"
             "    request.env['sale.order'].sudo().create({...})",
      after="def hook(self, **kw):\n    sig = request.httprequest.headers.get('X-Signature', '')\n"
            "    expected = hmac.new(secret, request.httprequest.get_data(), 'sha256').hexdigest()\n"
            "    if not hmac.compare_digest(sig, expected):\n        raise Forbidden()",
      source="odoo/http.py route `auth`/`csrf` semantics (16.0-19.0); the user's troubleshooting notes (RULES.md "
             "Part C controller-webhook-unverified).")
def controller_webhook(node, ctx):     # sees every def: one without decorators has nothing to report
    return _controller_webhook(node, ctx) if node.decorator_list else None


def _controller_webhook(node, ctx):
    if ctx.addon is None:
        return
    for dec in node.decorator_list:
        if not (isinstance(dec, ast.Call) and dotted(dec.func) in ("http.route", "route", "odoo.http.route")):
            continue
        kws = {k.arg: k.value for k in dec.keywords if k.arg}
        auth, csrf = kws.get("auth"), kws.get("csrf")
        if not (isinstance(auth, ast.Constant) and auth.value in ("public", "none")):
            continue
        if not (isinstance(csrf, ast.Constant) and csrf.value is False):
            continue
        writes = sorted({n.func.attr for stmt in node.body for n in ast.walk(stmt)
                         if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in _WRITES})
        if not writes:
            continue
        s, e = offsets(ctx, node)
        if _VERIFY.search(ctx.source[s:e]):
            continue
        yield Finding(ctx.node_span(dec), f"route is public (auth={auth.value!r}, csrf=False) and calls "
                      f"{', '.join('`' + w + '()`' for w in writes)} without verifying a signature or token: "
                      "anyone can forge these requests")


_SCOPES = frozenset((ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef))


def _own_nodes(index, fn) -> list:
    """Nodes of a function body in preorder, not descending into nested functions, lambdas or classes (those
    nodes themselves are listed: nothing here looks at them)."""
    return index.scope(fn.body, _SCOPES)


def _sql_through_variables(fn, ctx):
    index = ctx.index          # the function's lines hold its text: most functions are dismissed without a span
    if ctx.source.find("execute", index.line_start(fn.lineno), index.line_end(fn.end_lineno)) < 0:
        return
    start, end = offsets(ctx, fn)
    if ctx.source.find("execute", start, end) < 0:
        return
    index = tree_index(ctx.tree)
    own = _own_nodes(index, fn)
    flow = _Flow(own, imports_of(ctx.tree), index)
    tainted: dict[str, list[tuple[int, str]]] = {}
    calls = []
    for n in reversed(own):     # the later assignment of a name first, as the walk this replaced listed them
        if isinstance(n, ast.Assign):
            how = _unsafe_sql(n.value, flow)
            for t in n.targets:
                if how and isinstance(t, (ast.Name, ast.Subscript)):
                    tainted.setdefault(ast.unparse(t), []).append((n.lineno, how))
        elif isinstance(n, ast.AugAssign) and isinstance(n.target, (ast.Name, ast.Subscript)) \
                and isinstance(n.op, ast.Add):
            how = _unsafe_sql(n.value, flow) or ("string concatenation" if not _safe_value(n.value, flow)
                                                  and _looks_textual(n.value) else None)
            if how:
                tainted.setdefault(ast.unparse(n.target), []).append((n.lineno, how))
        elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in _EXECUTE \
                and _is_cursor(n.func.value) and n.args:
            n._odoolint_in_function = True
            calls.append(n)
    for call in calls:
        arg = call.args[0]
        if not isinstance(arg, (ast.Name, ast.Subscript)):
            yield from _judge(call, ctx, flow)
            continue
        hits = [h for h in tainted.get(ast.unparse(arg), []) if h[0] <= call.lineno]
        if hits:
            line, how = hits[-1]
            yield Finding(ctx.node_span(call), f"SQL query `{ast.unparse(arg)}` is built with {how} (line "
                          f"{line}) and passed to `{call.func.attr}()`: pass the values as the second argument "
                          "(`execute(query, params)`) or compose with `psycopg2.sql` / `odoo.tools.SQL`")


def _looks_textual(node) -> bool:
    return isinstance(node, (ast.JoinedStr, ast.BinOp)) and _is_str(node)
