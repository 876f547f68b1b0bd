"""Suppression comments: where they are, what they cover, and which ones did nothing.

- `# noqa` / `# noqa: CODE, name` on a line (Python, odoo.conf, YAML, Dockerfile, env);
  a comment-only `# noqa: CODE` line also covers the next line (odoo.conf needs this: an
  inline comment there becomes part of the value).
- `<!-- odoolint: noqa[: CODES] -->` covers the next XML element, start tag to end tag.
- `odoolint: noqa-file[: CODES]` in any comment covers the whole file.
- Foreign forms kept for teams moving over: `# pylint: disable=<symbol>` (pylint-odoo
  symbols are rule aliases); OCA hooks forms (`_oca_hooks_*` below): in XML,
  `<!-- oca-hooks:disable=<check> -->` and the hooks' deprecated `<!-- pylint:disable=<check> -->`
  anywhere in the file disable the check for the whole file, as the hooks read them
  (oca_pre_commit_hooks/checks_odoo_module_xml.py `_get_disabled_checks`); in PO files a
  `# oca-hooks:disable=<check>` comment line does the same.
"""
from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass
from typing import Iterable, Optional

_CODES = r"[A-Za-z0-9_\-]+(?:\s*,\s*[A-Za-z0-9_\-]+)*"
_NOQA = re.compile(r"(?:#|;)\s*noqa(?::\s*(" + _CODES + "))?", re.I)
_FILE = re.compile(r"odoolint:\s*noqa-file(?::\s*(" + _CODES + "))?", re.I)
_XML_NOQA = re.compile(r"^\s*odoolint:\s*noqa(?::\s*(" + _CODES + r"))?\s*$", re.I)
_PYLINT = re.compile(r"#\s*pylint\s*:\s*disable\s*=\s*(" + _CODES + ")")
_OCA = re.compile(r"oca-hooks\s*:\s*disable\s*=\s*(" + _CODES + ")")
# the hooks strip spaces and newlines, then search `oca-hooks:disable=` or `pylint:disable=` + [a-z-,]+
# (oca_pre_commit_hooks/utils.py `checks_disabled`)
_OCA_HOOKS_XML = re.compile(r"(?:oca-hooks|pylint):disable=([a-z\-,]+)")
_PY_KINDS = {"python", "manifest", "superset-config"}


@dataclass
class Suppression:
    start_line: int
    end_line: int                      # inclusive; a whole-file suppression spans every line
    codes: Optional[tuple[str, ...]]   # None: every code
    origin_line: int
    origin_start: int                  # offsets of the comment text, for the unused-noqa finding
    origin_end: int
    foreign: bool = False              # pylint / oca-hooks: never reported as unused
    file_level: bool = False
    origin_column: int = 1


def _split(codes: Optional[str]) -> Optional[tuple[str, ...]]:
    if not codes:
        return None
    return tuple(c.strip() for c in codes.split(",") if c.strip())


def extract(kind: str, text, tree) -> list[Suppression]:
    """Suppressions of one decoded file; cheap when the text has no marker at all."""
    low = text.text.lower()
    if "noqa" not in low and "pylint" not in low and "oca-hooks" not in low and "odoolint" not in low:
        return []   # plain substring tests: a case-insensitive regex over big files costs more
    index = text.index
    last = index.line_count
    out: list[Suppression] = []
    try:
        return _with_columns(index, _extract(kind, text, tree, index, last, out))
    except RecursionError:
        return []


def _with_columns(index, sups: list[Suppression]) -> list[Suppression]:
    for s in sups:
        s.origin_column = index.position(s.origin_start).column
    return sups


def _extract(kind, text, tree, index, last, out):
    if kind == "xml":
        for c in getattr(tree, "comments", []):
            line = index.position(c.start).line
            fm = _FILE.search(c.body)
            if fm:
                out.append(Suppression(1, last, _split(fm.group(1)), line, c.start, c.end, file_level=True))
                continue
            m = _XML_NOQA.match(c.body)
            if m and c.next_element is not None:
                p = tree.positions[c.next_element]
                s = index.position(p.start).line
                e = index.position((p.end or p.start_tag_end) - 1).line
                out.append(Suppression(s, e, _split(m.group(1)), line, c.start, c.end))
            out.extend(_oca_hooks_xml(c, line, last))
        return out
    if kind == "po":
        out.extend(_oca_hooks_po(text, index, last))
    for line, col, comment in _comments(kind, text):
        start = index.offset(line, col)
        fm = _FILE.search(comment)
        if fm:
            out.append(Suppression(1, last, _split(fm.group(1)), line, start, start + len(comment), file_level=True))
            continue
        own_line = index.line_text(line)[: col - 1].strip() == ""
        m = _NOQA.search(comment)
        if m:
            end = _next_code_line(index, line, kind) if own_line else line
            out.append(Suppression(line, end, _split(m.group(1)), line, start + m.start(), start + m.end()))
        pm = _PYLINT.search(comment) if kind in _PY_KINDS else None
        if pm:
            end = _block_end(index, line, col) if own_line else line
            out.append(Suppression(line, end, _split(pm.group(1)), line, start + pm.start(), start + pm.end(),
                                   foreign=True))
    return out


def _oca_hooks_xml(comment, line: int, last: int) -> list[Suppression]:
    """`<!-- oca-hooks:disable=a,b -->` (or the deprecated `pylint:disable=`) anywhere: the whole file."""
    m = _OCA_HOOKS_XML.search(re.sub(r"[\s#]", "", comment.body))
    if not m:
        return []
    return [Suppression(1, last, _split(m.group(1)), line, comment.start, comment.end, foreign=True,
                        file_level=True)]


def _oca_hooks_po(text, index, last: int) -> list[Suppression]:
    """`# oca-hooks:disable=a,b` on a comment line of a PO file: the whole file."""
    out = []
    if "oca-hooks" not in text.text:
        return out
    for line in range(1, index.line_count + 1):
        raw = index.line_text(line)
        if not raw.startswith("#"):
            continue
        m = _OCA.search(raw)
        if m:
            start = index.line_start(line) + m.start()
            out.append(Suppression(1, last, _split(m.group(1)), line, start, start + len(m.group(0)),
                                   foreign=True, file_level=True))
    return out


def _comments(kind: str, text) -> Iterable[tuple[int, int, str]]:
    """(line, 1-based column, comment text) of each comment."""
    if kind in _PY_KINDS:
        try:
            for tok in tokenize.generate_tokens(io.StringIO(text.text).readline):
                if tok.type == tokenize.COMMENT:
                    yield tok.start[0], _char_col(text.index.line_text(tok.start[0]), tok.start[1]), tok.string
        except (tokenize.TokenError, SyntaxError, IndentationError):
            return
        return
    index = text.index
    for line in range(1, index.line_count + 1):
        raw = index.line_text(line)
        if "#" not in raw and ";" not in raw:
            continue
        stripped = raw.lstrip()
        if stripped.startswith(("#", ";")):
            yield line, len(raw) - len(stripped) + 1, stripped
            continue
        pos = raw.find(" #")
        if pos >= 0:
            yield line, pos + 2, raw[pos + 1:]


def _char_col(line_text: str, col: int) -> int:
    return col + 1  # tokenize columns are already in characters


def _next_code_line(index, line: int, kind: str) -> int:
    for nxt in range(line + 1, index.line_count + 1):
        s = index.line_text(nxt).strip()
        if s and not s.startswith(("#", ";")):
            return nxt
    return line


def _block_end(index, line: int, col: int) -> int:
    """pylint's own-line disable lasts until the end of the enclosing block."""
    indent = col - 1
    end = line
    for nxt in range(line + 1, index.line_count + 1):
        raw = index.line_text(nxt)
        s = raw.strip()
        if not s or s.startswith("#"):
            continue
        if len(raw) - len(raw.lstrip()) < indent:
            break
        end = nxt
    return end


def covers(sup: Suppression, code: str, aliases: tuple[str, ...], name: str) -> bool:
    if sup.codes is None:
        return True
    for c in sup.codes:
        if c.upper() == code or c == name or c in aliases:
            return True
    return False
