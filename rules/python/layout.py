"""How a rewritten Python statement is laid out so it reads like its file: black's three forms of a call (one
line; the arguments together on one indented line; one argument per line with a trailing comma), chosen by the
line length the file follows."""
from __future__ import annotations

BLACK_LINE_LENGTH = 88      # black's default, which OCA's pre-commit configuration uses
_WIDEST = 120               # a file wider than black: follow it, up to Odoo's own habit


def line_limit(source: str) -> int:
    """The longest line a rewrite may write: black's 88 for files that stay within it (79 for the narrowest),
    else the file's own longest line, at most 120."""
    longest = max((len(line) for line in source.splitlines()), default=0)
    if longest <= BLACK_LINE_LENGTH:
        return max(longest, 79)
    return min(longest, _WIDEST)


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
