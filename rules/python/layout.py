"""How a rewritten Python statement is laid out so it reads like its file: black's three forms of a call (one
line; the arguments together on one indented line; one argument per line with a trailing comma), chosen by the
line length the file follows."""
from __future__ import annotations

import re

from .common import per_tree

BLACK_LINE_LENGTH = 88      # black's default, which OCA's pre-commit configuration uses
_WIDEST = 120               # a file wider than black: follow it, up to Odoo's own habit


def line_limit(source: str) -> int:
    """The longest line a rewrite may write: black's 88 for files that stay within it (79 for the narrowest),
    else the file's own longest line, at most 120."""
    longest = max((len(line) for line in source.splitlines()), default=0)
    if longest <= BLACK_LINE_LENGTH:
        return max(longest, 79)
    return min(longest, _WIDEST)


def formatter_limit(source: str) -> int:
    """The line length black formats this file to: its 88 for a file within it, else the file's own longest
    line (at most 120), the width it evidently follows."""
    return max(line_limit(source), BLACK_LINE_LENGTH)


def _reindent(text: str, old_col: int, new_indent: str) -> str:
    """An argument's source text moved to start at `new_indent`: its continuation lines keep their offset."""
    lines = text.split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        stripped = line.lstrip(" ")
        extra = max(len(line) - len(stripped) - old_col, 0)
        out.append(new_indent + " " * extra + stripped if stripped else "")
    return "\n".join(out)


def call(indent: str, head: str, args: list[tuple[str, int]], limit: int, newline: str = "\n",
         exploded: bool = False) -> str:
    """`head(arg, ...)` starting at column len(indent) (the text returned has no leading indent), as black would
    write it; `exploded`: one argument per line with the trailing comma that keeps black from joining them.
    `args` are (source text, column the text started at) pairs."""
    return _call(indent, head, args, limit, exploded).replace("\n", newline)


def _call(indent: str, head: str, args: list[tuple[str, int]], limit: int, exploded: bool) -> str:
    inner = indent + " " * 4
    args = [(t.replace("\r\n", "\n"), col) for t, col in args]
    if not exploded and not any("\n" in t for t, _ in args):
        flat = ", ".join(t for t, _ in args)
        if len(indent) + len(head) + len(flat) + 2 <= limit:
            return f"{head}({flat})"
        if len(inner) + len(flat) <= limit:
            return f"{head}(\n{inner}{flat}\n{indent})"
    body = "".join(f"{inner}{_reindent(t, col, inner)},\n" for t, col in args)
    return f"{head}(\n{body}{indent})"


# ---- a one-line statement that a fix made too long, split the way black splits it ------------------------

_KEYWORD_PREFIXES = {"return", "raise", "yield", "await"}
_ASSIGN_OPS = {"=", "+=", "-=", "*=", "/=", "//=", "%=", "|=", "&=", "^=", "@=", "**=", ">>=", "<<="}


def split_long_line(line: str, limit: int) -> "str | None":
    """`line` (one complete simple statement, with its indent) split as black's right-hand split writes it when it
    is longer than `limit`: at the last bracket pair, which must close the line, the content on its own indented
    line for a call (`f(\\n    args\\n)`), one item per line with a trailing comma for a collection literal with
    several items or for arguments that do not fit together; None where black would do something else (operators
    outside the brackets, comments, a subscript, `*args` that would get a trailing comma, a part still too
    long)."""
    import io
    import keyword
    import tokenize

    indent = line[: len(line) - len(line.lstrip())]
    code = line.strip()
    try:
        toks = [t for t in tokenize.generate_tokens(io.StringIO(code + "\n").readline)
                if t.type not in (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER, tokenize.INDENT,
                                  tokenize.DEDENT)]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return None
    if not toks or any(t.type == tokenize.COMMENT or t.start[0] != 1 or t.end[0] != 1 for t in toks):
        return None
    if toks[-1].type != tokenize.OP or toks[-1].string not in ")]}":
        return None
    stack, opener = [], None
    for i, t in enumerate(toks):
        if t.type == tokenize.OP and t.string in "([{":
            stack.append(i)
        elif t.type == tokenize.OP and t.string in ")]}":
            if not stack:
                return None
            j = stack.pop()
            if i == len(toks) - 1:
                opener = j
    if stack or opener is None or opener == len(toks) - 2:
        return None                      # unbalanced, or nothing inside the brackets
    # what precedes the bracket at depth 0: `[target =] [return|raise|...] primary` with no operator
    depth, seen_assign = 0, False
    for i, t in enumerate(toks[:opener]):
        if t.type == tokenize.OP and t.string in "([{":
            depth += 1
            continue
        if t.type == tokenize.OP and t.string in ")]}":
            depth -= 1
            continue
        if depth:
            continue
        if t.type == tokenize.OP and t.string in _ASSIGN_OPS and not seen_assign:
            seen_assign = True
            continue
        if t.type == tokenize.NAME and t.string in _KEYWORD_PREFIXES and (i == 0 or toks[i - 1].string in _ASSIGN_OPS):
            continue
        if t.type == tokenize.NAME and keyword.iskeyword(t.string) and t.string not in ("None", "True", "False"):
            return None
        if t.type == tokenize.OP and t.string != ".":
            return None
    before = toks[opener - 1] if opener else None
    trailer = before is not None and (before.type in (tokenize.NAME, tokenize.STRING) and not (
        keyword.iskeyword(before.string) and before.string not in ("None", "True", "False"))
        or before.string in (")", "]"))
    bracket = toks[opener].string
    if bracket == "[" and trailer:
        return None                      # a subscript
    call = bracket == "(" and trailer
    # the items: the text between the brackets, cut at its top-level commas
    items, begin = _top_level_items(code, toks[opener + 1:-1], toks[opener].end[1])
    last = code[begin:toks[-1].start[1]].strip()
    magic = not last                     # a trailing comma: black keeps one item per line
    if last:
        items.append(last)
    inner = indent + " " * 4
    head = indent + code[: toks[opener].end[1]]
    tail = indent + code[toks[-1].start[1]:]
    if len(head) > limit:
        return None
    body = code[toks[opener].end[1]:toks[-1].start[1]].strip()
    if (call or len(items) < 2) and not magic and len(inner) + len(body) <= limit:
        middle = [inner + body]
    elif len(items) >= 2 or magic:
        if any(it.startswith("*") for it in items):
            return None
        middle = [inner + it + "," for it in items]
    else:
        return None
    if any(len(m) > limit for m in middle):
        return None
    return "\n".join([head, *middle, tail])


def _top_level_items(code: str, toks: list, begin: int) -> tuple[list[str], int]:
    """The texts of `code` (one line) between its commas at bracket depth 0 of `toks`, from `begin`; and where
    the text after the last comma starts."""
    import tokenize

    items, depth = [], 0
    for t in toks:
        if t.type == tokenize.OP and t.string in "([{":
            depth += 1
        elif t.type == tokenize.OP and t.string in ")]}":
            depth -= 1
        elif t.type == tokenize.OP and t.string == "," and depth == 0:
            items.append(code[begin:t.start[1]].strip())
            begin = t.end[1]
    return items, begin


def _simple_statements(ctx) -> dict:
    """first line -> the simple (non-compound) statements starting there, built once per tree."""
    return per_tree(ctx, "_odoolint_stmt_lines", _statements_by_line)


def _statements_by_line(ctx) -> dict:
    import ast

    from odoolint.sources.pytree import stmt_classes, tree_index

    compound = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith, ast.FunctionDef,
                ast.AsyncFunctionDef, ast.ClassDef, ast.Try)
    simple = [c for c in stmt_classes() if not issubclass(c, compound) and not c.__name__.startswith(("Match", "TryStar"))]
    by_line: dict = {}
    for n in tree_index(ctx.tree).of(*simple):
        by_line.setdefault(n.lineno, []).append(n)
    return by_line


def _alone(index, stmt, lines: int, comment: bool = False) -> bool:
    """Does `stmt` span exactly `lines` lines, starting at its line's indent, with nothing else on them (but a
    trailing comment, with `comment`)?"""
    if stmt.end_lineno - stmt.lineno + 1 != lines:
        return False
    text = index.line_text(stmt.lineno)
    if stmt.col_offset != len(text) - len(text.lstrip()):
        return False
    last = index.line_text(stmt.end_lineno)
    if len(last.encode("utf-8")) != len(last):
        return False
    rest = last[stmt.end_col_offset:].strip()
    return not rest or (comment and rest.startswith("#"))


def _has_comment(code: str) -> bool:
    import io
    import tokenize
    try:
        return any(t.type == tokenize.COMMENT for t in tokenize.generate_tokens(io.StringIO(code + "\n").readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return True


def fitted_edit(ctx, start: int, end: int, content: str):
    """The edit replacing [start, end) by `content`, laid out as black would leave the statement, as a migrator
    running the formatter gets: when it makes a one-line simple statement that fitted the file's line length
    (`formatter_limit`) longer than that, the whole line split (`split_long_line`); when it shortens a statement
    black had split as `head(\n    body\n)` (no trailing comma) enough for it to fit on one line, that line;
    when it shortens such a `head(\n    body\n),` that is one item of a bracket black exploded one item per line
    (a dict value, a keyword argument, a list item), that item on one line (`_joined_element`);
    when it shortens an expression black had split at its operators inside the parentheses of `x = (` or
    `return (`, the expression on one line (`_joined_parens`); when it makes the body of a `head(\n    body\n)`
    statement too long, the body exploded as black explodes it (`_exploded_body`)."""
    edit = ctx.edit(start, end, content)
    index = ctx.index
    line = index.position(start).line
    if index.position(end).line != line:
        return edit
    text = index.line_text(line)
    if len(text.encode("utf-8")) != len(text):
        return edit                      # columns would not be offsets
    limit = _memo_limit(ctx)
    first = index.line_start(line)
    new = text[: start - first] + content + text[end - first:]
    if len(new) > limit >= len(text):
        stmt = next((n for n in _simple_statements(ctx).get(line, ()) if _alone(index, n, 1)), None)
        if stmt is None:
            return _exploded_body(ctx, line, new, limit) or edit
        split = split_long_line(new, limit) if ";" not in text else None
        return ctx.edit(first, index.line_end(line), split.replace("\n", ctx.newline)) if split else edit
    if len(new) < len(text):
        joined = (_joined(ctx, line, new, limit) or _joined_element(ctx, line, new, limit)
                  or _joined_parens(ctx, line, new, limit))
        if joined is not None:
            return joined
    return edit


def _exploded_body(ctx, line: int, new: str, limit: int):
    """The edit writing a 3-line `head(\n    body\n)` simple statement whose body (`line`, its text becoming
    `new`) no longer fits as black then writes it: the body's top-level items one per line with a trailing comma;
    a body of one item split at its own closing bracket (`split_long_line`). None (the plain edit stays) when a
    line would still not fit, the body holds a comment, a `*` item or a trailing comma already, or the result
    does not parse to the same tree."""
    import ast
    import io
    import textwrap
    import tokenize

    index = ctx.index
    stmt = next((n for n in _simple_statements(ctx).get(line - 1, ()) if _alone(index, n, 3, comment=True)), None)
    if stmt is None:
        return None
    head, body, tail = (index.line_text(n) for n in range(stmt.lineno, stmt.lineno + 3))
    indent = head[: len(head) - len(head.lstrip())]
    inner = indent + " " * 4
    opener = head.rstrip()[-1:]
    if opener not in _CLOSING or not tail.strip().startswith(_CLOSING[opener]) or not new.startswith(inner) \
            or new[len(inner):len(inner) + 1].isspace() or new.rstrip().endswith((",", "\\")):
        return None
    code = new.strip()
    try:
        toks = [t for t in tokenize.generate_tokens(io.StringIO(code + "\n").readline)
                if t.type not in (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER)]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return None
    if any(t.type == tokenize.COMMENT or t.start[0] != 1 for t in toks):
        return None
    items, begin = _top_level_items(code, toks, 0)
    items.append(code[begin:].strip())
    if len(items) >= 2:
        if any(it.startswith("*") or not it or re.search(r"\blambda\b", it) for it in items):
            return None     # (a lambda's own commas are at depth 0: cut there it would read as two items)
        middle = "\n".join(inner + it + "," for it in items)
    else:
        middle = split_long_line(new, limit)
        if middle is None:
            return None
    if any(len(row) > limit for row in middle.split("\n")):
        return None
    rows = [head, new, tail]
    exploded = "\n".join([head, middle, tail])
    try:
        if ast.dump(ast.parse(textwrap.dedent("\n".join(rows)))) != ast.dump(ast.parse(textwrap.dedent(exploded))):
            return None
    except (IndentationError, SyntaxError):
        return None
    return ctx.edit(index.line_start(stmt.lineno), index.line_end(stmt.lineno + 2),
                    exploded.replace("\n", ctx.newline))


def _memo_limit(ctx) -> int:
    """formatter_limit of the file, computed once per parsed tree (a rule calls fitted_edit per finding)."""
    return per_tree(ctx, "_odoolint_formatter_limit", lambda ctx: formatter_limit(ctx.source))


_CLOSING = {"(": ")", "[": "]", "{": "}"}


def _joined(ctx, line: int, new: str, limit: int):
    """The edit writing on one line a 3-line `head(\n    body\n)` simple statement holding `line` (whose text
    becomes `new`), when black would join it now: it did not fit before, fits now, has no trailing comma, no
    comment but one after the closing bracket (kept at the end), and its bracket is a call's, a subscript's or a list/dict/set literal's (not parentheses black
    would drop)."""
    import ast
    import keyword

    index = ctx.index
    stmts = _simple_statements(ctx)
    stmt = next((n for first in (line - 1, line) for n in stmts.get(first, ())
                 if _alone(index, n, 3, comment=True)), None)
    if stmt is None:
        return None
    rows = [index.line_text(n) for n in range(stmt.lineno, stmt.lineno + 3)]
    head, body, tail = rows
    opener = head.rstrip()[-1:]
    if opener not in _CLOSING or not tail.strip().startswith(_CLOSING[opener]) or body.rstrip().endswith(","):
        return None
    comment = tail.strip()[1:].strip()    # `)  # note`: black keeps the comment after the joined line
    if comment and not comment.startswith("#"):
        return None
    before = head.rstrip()[:-1].rstrip()
    if opener == "(" and not (before[-1:].isalnum() or before[-1:] in ("_", ")", "]")):
        return None
    word = before.split()[-1] if before.split() else ""
    if keyword.iskeyword(word) and word not in ("None", "True", "False"):
        return None
    closer, note = _CLOSING[opener], f"  {comment}" if comment else ""
    old = head.rstrip() + body.strip() + closer + note
    rows[line - stmt.lineno] = new
    head, body, tail = rows
    code = head.rstrip() + body.strip() + closer
    joined = code + note
    if len(old) <= limit or len(joined) > limit or _has_comment(code):
        return None
    try:
        tree = ast.parse(code.strip())
    except SyntaxError:
        return None
    if len(tree.body) != 1:
        return None
    return ctx.edit(index.line_start(stmt.lineno), index.line_end(stmt.end_lineno), joined)


_MAX_ELEMENT_ROWS = 40      # how far up the statement holding an exploded item is looked for


def _joined_element(ctx, line: int, new: str, limit: int):
    """The edit writing on one line `head(\n    body\n),` (rows `line - 1..line + 1` or `line..line + 2`, `line`'s
    text becoming `new`) when it is one item of a bracket black exploded one item per line with a trailing comma
    (so the enclosing bracket stays exploded) and black would join the item now: it did not fit before, fits now,
    its body has no trailing comma, nothing in it is a comment, the item starts its own line after an opening
    bracket or the previous item's comma, and the statement holding it parses to the same tree joined."""
    import ast
    import io
    import textwrap
    import tokenize

    index = ctx.index
    for first in (line - 1, line):
        if first < 2 or first + 2 > index.line_count:
            continue
        rows = [index.line_text(n) for n in range(first, first + 3)]
        head, body, tail = rows
        indent = head[: len(head) - len(head.lstrip())]
        opener = head.rstrip()[-1:]
        if opener not in _CLOSING or tail.rstrip() != indent + _CLOSING[opener] + ",":
            continue
        if not body.startswith(indent + " " * 4) or body[len(indent) + 4:len(indent) + 5].isspace():
            continue
        if body.rstrip().endswith((",", "\\")) or head.rstrip().endswith("\\"):
            continue
        prev = index.line_text(first - 1).rstrip()
        prev_indent = len(prev) - len(prev.lstrip())
        if not ((prev.endswith(("(", "[", "{")) and prev_indent + 4 == len(indent))
                or (prev.endswith(",") and prev_indent == len(indent))):
            continue
        old = head.rstrip() + body.strip() + tail.strip()
        if len(old) <= limit:
            return None                  # black would have joined it already: not the formatter's layout
        rows[line - first] = new
        joined = rows[0].rstrip() + rows[1].strip() + rows[2].strip()
        if len(joined) > limit:
            return None
        stmts = _simple_statements(ctx)
        stmt = None
        for start in range(first - 1, max(first - _MAX_ELEMENT_ROWS, 0), -1):
            stmt = next((n for n in stmts.get(start, ()) if n.end_lineno > first + 2
                         and _alone(index, n, n.end_lineno - n.lineno + 1)), None)
            if stmt is not None:
                break
        if stmt is None:
            return None
        code = [index.line_text(n) for n in range(stmt.lineno, stmt.end_lineno + 1)]
        code[line - stmt.lineno] = new
        split = "\n".join(code)
        at = first - stmt.lineno
        merged = "\n".join(code[:at] + [joined] + code[at + 3:])
        try:
            if any(t.type == tokenize.COMMENT or (t.type == tokenize.STRING and t.start[0] != t.end[0])
                   for t in tokenize.generate_tokens(io.StringIO("\n".join(code[at:at + 3]) + "\n").readline)):
                return None
            if ast.dump(ast.parse(textwrap.dedent(split))) != ast.dump(ast.parse(textwrap.dedent(merged))):
                return None
        except (tokenize.TokenError, IndentationError, SyntaxError):
            return None
        return ctx.edit(index.line_start(first), index.line_end(first + 2), joined)
    return None


_MAX_PAREN_ROWS = 10        # a longer split expression is not worth re-reading per rewrite


def _joined_parens(ctx, line: int, new: str, limit: int):
    """The edit joining `target = (\n    a\n    if b\n    else c\n)` (or `return (`), an expression black split
    at its operators because it did not fit inside the parentheses, once the rewrite of `line` (whose text
    becomes `new`) lets it fit, as black then writes it: the whole statement on one line, the parentheses
    dropped (black makes the parentheses after `=` or `return` invisible), when it fits; else the expression
    on one indented line between them. Only when every line break is inside those parentheses, the expression
    lines are at the next indent, nothing is a comment, a comma, `yield`, `:=`, `for` or `lambda` at their
    level, and the joined code parses to the same tree."""
    import ast
    import io
    import textwrap
    import tokenize

    index = ctx.index
    stmts = _simple_statements(ctx)
    stmt = None
    for first in range(line - 1, max(line - _MAX_PAREN_ROWS, 0), -1):
        stmt = next((n for n in stmts.get(first, ()) if n.end_lineno > line
                     and _alone(index, n, n.end_lineno - n.lineno + 1)), None)
        if stmt is not None:
            break
    if stmt is None or stmt.end_lineno - stmt.lineno + 1 < 4:
        return None
    rows = [index.line_text(n) for n in range(stmt.lineno, stmt.end_lineno + 1)]
    rows[line - stmt.lineno] = new
    head, body, tail = rows[0], rows[1:-1], rows[-1]
    indent = head[: len(head) - len(head.lstrip())]
    inner = indent + " " * 4
    if not head.rstrip().endswith("(") or tail.rstrip() != indent + ")":
        return None
    if any(not r.startswith(inner) or r[len(inner):len(inner) + 1].isspace() or r.rstrip().endswith("\\")
           for r in body):
        return None
    code = "\n".join(rows)
    try:
        toks = list(tokenize.generate_tokens(io.StringIO(code + "\n").readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return None
    depth = 0
    for t in toks:
        if t.type == tokenize.COMMENT or (t.type == tokenize.STRING and t.start[0] != t.end[0]):
            return None
        if t.type == tokenize.OP and t.string in "([{":
            if depth == 0 and t.start[0] != 1:
                return None              # a depth-0 bracket after the head's: not one parenthesised expression
            depth += 1
        elif t.type == tokenize.OP and t.string in ")]}":
            depth -= 1
        elif t.type == tokenize.NL and depth != 1:
            return None
        elif depth == 1 and t.string in (",", ":=", "yield", "for", "lambda"):
            return None
    if re.search(r",\s*[)\]}]", code):
        return None                      # a magic trailing comma inside: black explodes that bracket
    level = list(_at_depth_one(toks))
    ternary = any(t.string == "if" for t in level) and any(t.string == "else" for t in level)
    logic = sum(t.string in ("and", "or") for t in level)
    # black keeps the parentheses (splits there) when the expression's strongest operator occurs twice (a
    # ternary's `if`/`else`, two `and`s), or once with the expression not ending in a bracket
    keeps_parens = ternary or logic >= 2 or (logic == 1 and level and level[-1].string not in ")]}"
                                             and level[0].string not in "([{")
    before = head.rstrip()[:-1].rstrip()
    words = before.split()
    if not words or not (words[-1] in _ASSIGN_OPS or words == ["return"]):
        return None
    old_rows = [index.line_text(n) for n in range(stmt.lineno + 1, stmt.end_lineno)]
    if len(inner) + len(" ".join(r.strip() for r in old_rows)) <= limit:
        return None                      # black would have joined it already: not the formatter's layout
    expr = " ".join(r.strip() for r in body)
    one = f"{before} {expr}"
    if len(one) <= limit:
        joined = one
    elif keeps_parens and len(inner) + len(expr) <= limit:
        joined = f"{head.rstrip()}{ctx.newline}{inner}{expr}{ctx.newline}{indent})"
    else:
        return None
    try:
        same = ast.dump(ast.parse(textwrap.dedent(code))) == ast.dump(ast.parse(textwrap.dedent(
            joined.replace(ctx.newline, "\n"))))
    except SyntaxError:
        return None
    if not same:
        return None
    return ctx.edit(index.line_start(stmt.lineno), index.line_end(stmt.end_lineno), joined)


def _at_depth_one(toks):
    """The significant tokens at the level just inside the outermost brackets (the parenthesised expression's
    own operators, and the brackets of its operands), without those outermost brackets."""
    import tokenize

    depth = 0
    for t in toks:
        if t.type == tokenize.OP and t.string in ")]}":
            depth -= 1
            if depth == 1:
                yield t
            continue
        if depth == 1 and t.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT):
            yield t
        if t.type == tokenize.OP and t.string in "([{":
            depth += 1
