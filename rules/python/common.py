"""Helpers shared by the Python rules: version severity, dotted names, import rewriting through libcst.

libcst is imported only when a fix that rewrites an import statement laid out otherwise than on one line with
single spaces (`from x import a, b as c`) is built: that common layout is rewritten as text, as libcst would.
Token renames (a keyword, an attribute) are exact text edits at `ast` positions: they touch nothing else, so they
keep formatting and comments without a second parser.
"""
from __future__ import annotations

import ast
import re

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Iterable, Optional

from odoolint.model import Applicability, Fix, OdooVersion, Severity

V16, V17, V18, V19 = (OdooVersion(16), OdooVersion(17), OdooVersion(18), OdooVersion(19))


def removed_or_deprecated(ctx, removed_in: Optional[OdooVersion]) -> Severity:
    """Deprecated at the target: warning. Removed (or ignored) at the target: error."""
    if removed_in is not None and ctx.target is not None and ctx.target >= removed_in:
        return Severity.ERROR
    return Severity.WARNING


def mentions(ctx, words: Iterable[str]) -> bool:
    """Does the file's text contain any of `words`? Computed once per file and word list: a table-driven rule that
    can only fire where the source spells one of its table's names bails out on every node of the other files.
    `words` must be the same object on every call (a module-level tuple or a table)."""
    memo = ctx.__dict__.setdefault("_odoolint_mentions", {})
    key = id(words)
    hit = memo.get(key)
    if hit is None:
        src = ctx.source
        hit = memo[key] = any(w in src for w in words)
    return hit


def spells(ctx, word: str) -> bool:
    """Can the file hold an identifier `word`? Its text holds it, or (a non-ASCII text) the text's NFKC form
    does: Python reads identifiers NFKC-normalised, so `ｌogger` is `logger` to `ast`. A rule whose nodes
    must name `word` can skip a file where this is False."""
    src = ctx.source
    if word in src:
        return True
    if src.isascii():
        return False
    memo = ctx.__dict__.get("_odoolint_nfkc")
    if memo is None:
        import unicodedata
        memo = ctx.__dict__["_odoolint_nfkc"] = unicodedata.normalize("NFKC", src)
    return word in memo


def string_constants(ctx) -> frozenset:
    """The values of the file's string constants, gathered once per file: a rule that looks for one value can tell
    from it that the file holds none (exact where a words gate is not: `'stock.' 'lot'` spells no `stock.lot`)."""
    memo = ctx.__dict__.get("_odoolint_strings")
    if memo is None:
        from odoolint.sources.pytree import tree_index
        memo = ctx.__dict__["_odoolint_strings"] = frozenset(
            c.value for c in tree_index(ctx.tree).of(ast.Constant) if c.value.__class__ is str)
    return memo


def per_tree(ctx, key: str, compute):
    """`compute(ctx)` once per parsed tree, kept on the tree under `key` (the tree is shared by every rule of the
    file, and cached trees outlive one rule's call); a tree that takes no attribute gets it computed each time."""
    memo = getattr(ctx.tree, key, None)
    if memo is None:
        memo = compute(ctx)
        try:
            setattr(ctx.tree, key, memo)
        except AttributeError:
            pass
    return memo


def comment_offsets(ctx, start: int = 0, end: Optional[int] = None) -> Optional[list[int]]:
    """Offsets of the `#` comments in `[start, end)` of the file (all of it by default), in order (None when the
    file does not tokenize): what a fix that rewrites a statement must carry over. A range without a `#` has no
    comment and costs no tokenizing; else the file is tokenized once per tree, by the first fix that asks."""
    if end is None:
        end = len(ctx.source)
    if ctx.source.find("#", start, end) < 0:
        return []

    def compute(ctx):
        import io
        import tokenize
        starts = [0]            # tokenize's rows: StringIO.readline ends a line at "\n" only (not at \f, \r...)
        for line in ctx.source.split("\n"):
            starts.append(starts[-1] + len(line) + 1)
        try:
            return [starts[t.start[0] - 1] + t.start[1]
                    for t in tokenize.generate_tokens(io.StringIO(ctx.source).readline)
                    if t.type == tokenize.COMMENT]
        except (tokenize.TokenError, SyntaxError):
            return False
    found = per_tree(ctx, "_odoolint_comments", compute)
    if found is False:
        return None
    return [c for c in found if start <= c < end]


_WORDS: dict[int, tuple] = {}


def table_words(table, pick=lambda key: key) -> tuple:
    """The names a table's keys spell (`pick` maps a key to one), as one stable tuple per table for `mentions`."""
    words = _WORDS.get(id(table))
    if words is None:
        words = _WORDS[id(table)] = (table, tuple(sorted({pick(k) for k in table})))
    return words[1]


def dotted(node) -> Optional[str]:
    """`a.b.c` for Name/Attribute chains, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def text_of(ctx, node) -> str:
    s = ctx.node_span(node)
    return ctx.source[s.start.offset:s.end.offset]


def offsets(ctx, node) -> tuple[int, int]:
    s = ctx.node_span(node)
    return s.start.offset, s.end.offset


def string_content_span(ctx, node: ast.Constant) -> Optional[tuple[int, int]]:
    """Offsets of the characters of a plain (unprefixed or u/b-less, escape-free) string literal's content."""
    start, end = offsets(ctx, node)
    raw = ctx.source[start:end]
    i = 0
    while i < len(raw) and raw[i] in "uUrR":
        i += 1
    if i >= len(raw) or raw[i] not in "'\"":
        return None
    q = raw[i] * 3 if raw[i:i + 3] in ('"""', "'''") else raw[i]
    body = raw[i + len(q):len(raw) - len(q)]
    if not raw.endswith(q) or body != node.value:
        return None   # escapes or implicit concatenation: no exact mapping
    return start + i + len(q), end - len(q)


def kwarg(call: ast.Call, name: str) -> Optional[ast.keyword]:
    for kw in call.keywords:
        if kw.arg == name:
            return kw
    return None


def keyword_name_span(ctx, kw: ast.keyword) -> tuple[int, int]:
    """Offsets of the `name` of `name=value` (ast gives the keyword's start at the name)."""
    start, _ = offsets(ctx, kw)
    return start, start + len(kw.arg)


def module_imports(tree: ast.Module) -> set[tuple[str, str, Optional[str]]]:
    """Top-level imports as ("module", "name", asname) for `from m import n` and ("", "m", asname) for
    `import m` — enough to avoid adding an import that is already there."""
    out = set()
    for stmt in getattr(tree, "body", ()):
        if isinstance(stmt, ast.Import):
            for a in stmt.names:
                out.add(("", a.name, a.asname))
        elif isinstance(stmt, ast.ImportFrom) and stmt.level == 0:
            for a in stmt.names:
                out.add((stmt.module or "", a.name, a.asname))
    return out


def names_used(tree: ast.AST) -> dict[str, list[ast.Name]]:
    """Name nodes by identifier, computed once per tree and only when a fix needs call sites."""
    memo = getattr(tree, "_odoolint_names", None)
    if memo is None:
        memo = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Name):
                memo.setdefault(node.id, []).append(node)
        try:
            tree._odoolint_names = memo
        except AttributeError:
            pass
    return memo


_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def _own_binds(body_nodes) -> tuple[set[str], set[str]]:
    """Names a scope binds itself (assignment targets, loop/with/except targets, imports, nested def/class names,
    walrus targets, `del`), and the names it declares `global`/`nonlocal`; nested scopes are not entered."""
    binds, declared = set(), set()
    stack = list(body_nodes)
    while stack:
        n = stack.pop()
        if isinstance(n, ast.Name) and isinstance(n.ctx, (ast.Store, ast.Del)):
            binds.add(n.id)
        elif isinstance(n, (ast.Import, ast.ImportFrom)):
            binds |= {(a.asname or a.name).split(".")[0] for a in n.names}
        elif isinstance(n, ast.ExceptHandler) and n.name:
            binds.add(n.name)
        elif isinstance(n, (ast.Global, ast.Nonlocal)):
            declared |= set(n.names)
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            binds.add(n.name)
            stack.extend(n.decorator_list)           # evaluated in this scope
            if not isinstance(n, ast.ClassDef):
                stack.extend(d for d in n.args.defaults + n.args.kw_defaults if d is not None)
            else:
                stack.extend(n.bases)
            continue
        if isinstance(n, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            continue
        stack.extend(ast.iter_child_nodes(n))
    return binds, declared


def reads_module_name(tree: ast.Module, name: str) -> bool:
    """Does any code read the module-level binding of `name`? A read inside a function (or lambda,
    comprehension, class body) where a local of that name shadows it does not count, as Python's scoping rules
    say: a name bound anywhere in a function is local to all of it unless declared `global`.

    Only the subtrees that hold a read of `name` at all are visited (the tree's TreeIndex says which)."""
    from bisect import bisect_left

    from odoolint.sources.pytree import MARKERS, tree_index
    index = tree_index(tree)
    reads = [index.position(n) for n in index.of(ast.Name) if n.id == name and isinstance(n.ctx, ast.Load)]
    if not reads:
        return False
    position, ends = index.position, index.ends

    def holds_a_read(node) -> bool:
        if isinstance(node, MARKERS):
            return False
        i = position(node)
        k = bisect_left(reads, i)
        return k < len(reads) and reads[k] < ends[i]

    def visit(node, shadowed: bool) -> bool:
        if not holds_a_read(node):
            return False
        if isinstance(node, ast.Name):
            return node.id == name and isinstance(node.ctx, ast.Load) and not shadowed
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            outer = list(getattr(node, "decorator_list", ())) + [d for d in node.args.defaults
                                                                  + node.args.kw_defaults if d is not None]
            if any(visit(d, shadowed) for d in outer):
                return True
            args = node.args
            params = {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs}
            params |= {a.arg for a in (args.vararg, args.kwarg) if a is not None}
            body = node.body if isinstance(node.body, list) else [node.body]
            binds, declared = _own_binds(body)
            inner = False if name in declared else (shadowed or name in binds or name in params)
            return any(visit(b, inner) for b in body)
        if isinstance(node, ast.ClassDef):
            if any(visit(d, shadowed) for d in node.decorator_list + node.bases + [k.value for k in node.keywords]):
                return True
            binds, declared = _own_binds(node.body)
            inner = False if name in declared else (shadowed or name in binds)
            return any(visit(b, inner) for b in node.body)
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            if visit(node.generators[0].iter, shadowed):
                return True
            targets = {t.id for g in node.generators for t in ast.walk(g.target) if isinstance(t, ast.Name)}
            inner = shadowed or name in targets
            rest = [g.target for g in node.generators] + [g.iter for g in node.generators[1:]] \
                + [c for g in node.generators for c in g.ifs]
            rest += [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
            return any(visit(r, inner) for r in rest)
        return any(visit(c, shadowed) for c in ast.iter_child_nodes(node))

    return visit(tree, False)


def rewrite_import_from(ctx, stmt: ast.ImportFrom, drop: Iterable[str], add: list[str]):
    """Edits that drop the aliases named in `drop` from a `from x import ...` statement (by imported name) and
    add the statements in `add` on the following lines, same indentation, skipping ones already imported at
    module level. Comments and layout inside the statement survive (libcst). Returns a list of Edits."""
    drop = set(drop)
    start, end = offsets(ctx, stmt)
    indent = ctx.source[ctx.index.line_start(stmt.lineno):start]
    existing = module_imports(ctx.tree)
    new_lines = [line for line in dict.fromkeys(add) if _import_key(line) not in existing]
    simple = _SIMPLE_FROM.fullmatch(ctx.source, start, end)
    if simple:      # one line, single spaces, no parentheses or comment: what libcst writes, without libcst
        head = ctx.source[start:simple.start(1)]
        kept = kept_text = [a for a in simple.group(1).split(", ") if a.partition(" as ")[0] not in drop]
    else:
        import libcst as cst

        node = cst.parse_statement(ctx.source[start:end].replace("\r\n", "\n") + "\n")
        imp = node.body[0]
        kept = [a for a in imp.names if _cst_name(a.name) not in drop]
    nl = ctx.newline
    if not kept:
        text = (nl + indent).join(new_lines)
        if not text:   # nothing to add, nothing left: delete the statement with its line
            line_end = ctx.index.line_end(stmt.end_lineno)
            rest = ctx.source[end:line_end]
            if not ctx.source[ctx.index.line_start(stmt.lineno):start].strip() and not rest.strip():
                after = line_end + len(nl) if ctx.source[line_end:line_end + len(nl)] == nl else line_end
                return [ctx.edit(ctx.index.line_start(stmt.lineno), after, "")]
            return [ctx.edit(start, end, "pass")]
        return [ctx.edit(start, end, text)]
    if simple:
        code = head + ", ".join(kept_text)
        edits = [ctx.edit(start, end, code)]
        if new_lines:
            edits[0] = ctx.edit(start, end, code + "".join(nl + indent + line for line in new_lines))
        return edits
    last = imp.names[-1]
    last_had_comma = not isinstance(last.comma, cst.MaybeSentinel)
    if not last_had_comma:
        kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    elif kept[-1] is not last and isinstance(kept[-1].comma, cst.Comma):
        # the closing parenthesis sits where the dropped last alias's comma put it: keep that indentation,
        # and the comment that follows the kept alias
        mine, theirs = kept[-1].comma.whitespace_after, last.comma.whitespace_after
        if isinstance(mine, cst.ParenthesizedWhitespace) and isinstance(theirs, cst.ParenthesizedWhitespace):
            kept[-1] = kept[-1].with_changes(comma=kept[-1].comma.with_changes(
                whitespace_after=mine.with_changes(indent=theirs.indent, last_line=theirs.last_line)))
    imp = imp.with_changes(names=kept)
    code = cst.Module(body=[]).code_for_node(node.with_changes(body=[imp])).rstrip("\r\n")
    edits = [ctx.edit(start, end, code.replace("\n", nl) if nl != "\n" else code)]
    if new_lines:
        edits[0] = ctx.edit(start, end, edits[0].content + "".join(nl + indent + line for line in new_lines))
    return edits


# `from x import a, b as c` in the canonical layout: libcst's rewrite of it is the kept aliases joined by ", "
_SIMPLE_FROM = re.compile(r"from [\w.]+ import (?=\w)((?:\w+(?: as \w+)?)(?:, \w+(?: as \w+)?)*)")


def _cst_name(node) -> str:
    import libcst as cst
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return _cst_name(node.value) + "." + node.attr.value
    return ""


def _import_key(line: str):
    try:
        stmt = ast.parse(line).body[0]
    except (SyntaxError, IndexError):
        return None
    if isinstance(stmt, ast.Import):
        return ("", stmt.names[0].name, stmt.names[0].asname)
    if isinstance(stmt, ast.ImportFrom):
        return (stmt.module or "", stmt.names[0].name, stmt.names[0].asname)
    return None


def method_call(node, names):
    """(receiver node, method name) for `<receiver>.<name>(...)` calls with name in `names`."""
    f = node.func
    if isinstance(f, ast.Attribute) and f.attr in names:
        return f.value, f.attr
    return None, None


def recordset_like(recv) -> bool:
    """`self`, `self.env['x']` (also through sudo()/with_context()), `records` named like recordsets is too
    vague: only `self`, `cls` and env lookups count."""
    while isinstance(recv, ast.Call) and isinstance(recv.func, ast.Attribute):
        recv = recv.func.value
    if isinstance(recv, ast.Name):
        return recv.id in ("self", "cls")
    if isinstance(recv, ast.Subscript):
        base = dotted(recv.value)
        return bool(base) and (base == "env" or base.endswith(".env"))
    return False


def decorator_line_fix(ctx, dec, message):
    """Delete a decorator that sits alone on its line(s) (no comment)."""
    start, end = offsets(ctx, dec)
    line_start = ctx.index.line_start(dec.lineno)
    line_end = ctx.index.line_end(dec.end_lineno)
    before = ctx.source[line_start:start]
    after = ctx.source[end:line_end]
    if before.strip() != "@" or after.strip():
        return None
    nl = ctx.newline
    stop = line_end + len(nl) if ctx.source[line_end:line_end + len(nl)] == nl else line_end
    return Fix((ctx.edit(line_start, stop, ""),), Applicability.SAFE, message)
