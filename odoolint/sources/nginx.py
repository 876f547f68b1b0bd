"""nginx configuration: a small block parser (directives, arguments, nested blocks) with positions.

Enough to know where a reverse proxy sends each location (`proxy_pass`) and what its upstreams hold;
nginx itself is never run.
"""
from __future__ import annotations

from dataclasses import dataclass, field

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Iterator

from . import ParseFailure, Text, parser


@dataclass
class Directive:
    name: str
    args: list[str]
    start: int                   # offset of the directive name
    end: int                     # offset after `;` or the closing `}`
    children: list["Directive"] = field(default_factory=list)
    block: bool = False

    def walk(self) -> Iterator["Directive"]:
        """Every directive below this one, in document order (an explicit stack: nesting depth is untrusted)."""
        stack = list(reversed(self.children))
        while stack:
            c = stack.pop()
            yield c
            stack.extend(reversed(c.children))


@dataclass
class NginxTree:
    root: Directive

    def walk(self) -> Iterator[Directive]:
        return self.root.walk()


def _tokens(text: str):
    """(token, start, end); `{`, `}` and `;` are tokens of their own; quotes are kept out of the value."""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif ch in "{};":
            yield ch, i, i + 1
            i += 1
        elif ch in "\"'":
            j = i + 1
            while j < n and text[j] != ch:
                j += 2 if text[j] == "\\" else 1
            if j >= n:
                raise ParseFailure("unterminated quoted string")
            yield text[i + 1:j], i, j + 1
            i = j + 1
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in "{};\"'" and not (text[j] == "#" and j == i):
                j += 1
            yield text[i:j], i, j
            i = j


@parser("nginx-conf")
def parse_nginx(text: Text, path: str) -> NginxTree:
    root = Directive("", [], 0, len(text.text), block=True)
    stack = [root]
    words: list[tuple[str, int, int]] = []
    for tok, s, e in _tokens(text.text):
        if tok == ";":
            if not words:
                continue
            stack[-1].children.append(Directive(words[0][0], [w for w, _, _ in words[1:]], words[0][1], e))
            words = []
        elif tok == "{":
            if not words:
                p = text.index.position(s)
                raise ParseFailure("block without a directive name", p.line, p.column)
            d = Directive(words[0][0], [w for w, _, _ in words[1:]], words[0][1], e, block=True)
            stack[-1].children.append(d)
            stack.append(d)
            words = []
        elif tok == "}":
            if len(stack) == 1:
                p = text.index.position(s)
                raise ParseFailure("unexpected `}`", p.line, p.column)
            stack.pop().end = e
        else:
            words.append((tok, s, e))
    if len(stack) > 1:
        p = text.index.position(stack[-1].start)
        raise ParseFailure(f"block `{stack[-1].name}` is never closed", p.line, p.column)
    return NginxTree(root)
