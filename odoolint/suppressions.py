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
  `# oca-hooks:disable=<check>` comment line does the same. The hooks' Python checks run through fixit, which
  reads `# lint-ignore` / `# lint-fixme` (`_fixit_ignores` below). In Dockerfiles, hadolint's
  `# hadolint ignore=DL3006,...` covers the next instruction and `# hadolint global ignore=...` the file
  (hadolint README "Inline ignores"); hadolint codes are aliases of the DF rules that match them.
"""
from __future__ import annotations

import re

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Iterable, Optional

from .lazyre import Patterns
from .model import Record


class _LazyAst:
    """`ast` for this module, imported on first use: a warm run reads cached suppressions (the Suppression
    class and `covers`) and parses nothing, so it need not import ast (a few ms of start-up)."""

    def __getattr__(self, name):
        import ast as real
        globals()["ast"] = real
        return getattr(real, name)


ast = _LazyAst()

_CODES = r"[A-Za-z0-9_\-]+(?:\s*,\s*[A-Za-z0-9_\-]+)*"
# compiled on first use (lazyre): a run whose files all come from the cache never reads a comment
_RX = Patterns(
    NOQA=(r"(?:#|;)\s*noqa(?::\s*(" + _CODES + "))?", re.I),
    FILE=(r"odoolint:\s*noqa-file(?::\s*(" + _CODES + "))?", re.I),
    XML_NOQA=(r"^\s*odoolint:\s*noqa(?::\s*(" + _CODES + r"))?\s*$", re.I),
    OCA=r"oca-hooks\s*:\s*disable\s*=\s*(" + _CODES + ")",
    # the hooks strip spaces and newlines, then search `oca-hooks:disable=` or `pylint:disable=` + [a-z-,]+
    # (oca_pre_commit_hooks/utils.py `checks_disabled`)
    OCA_HOOKS_XML=r"(?:oca-hooks|pylint):disable=([a-z\-,]+)",
    # fixit's directive (fixit/ftypes.py `LintIgnoreRegex`), with rule names that may hold `-` as the hooks' own do
    FIXIT=r"#\s*lint-(?:ignore|fixme)(?:(?::\s*|\s+)([\w\-]+(?:,\s*[\w\-]+)*))?",
    HADOLINT=r"^\s*#\s*hadolint\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9]+(?:\s*,\s*[A-Za-z0-9]+)*)",
    PRAGMA=r"\bpylint\s*:\s*(disable-next|disable|enable)\s*=\s*(" + _CODES + ")",
)
_PY_KINDS = {"python", "manifest", "superset-config"}
# the hooks' checks that fixit runs (oca_pre_commit_hooks/checks_odoo_module_fixit_rules/): a bare
# `# lint-ignore` ignores each of them
FIXIT_CHECKS = ("field-string-redundant", "manifest-superfluous-key", "prefer-env-translation", "unused-logger")


class Suppression(Record):
    _fields = ("start_line", "end_line", "codes", "origin_line", "origin_start", "origin_end", "foreign",
               "file_level", "origin_column")

    def __init__(self, start_line: int, end_line: int, codes: Optional[tuple[str, ...]], origin_line: int,
                 origin_start: int, origin_end: int, foreign: bool = False, file_level: bool = False,
                 origin_column: int = 1):
        self.start_line = start_line
        self.end_line = end_line             # inclusive; a whole-file suppression spans every line
        self.codes = codes                   # None: every code
        self.origin_line = origin_line
        self.origin_start = origin_start     # offsets of the comment text, for the unused-noqa finding
        self.origin_end = origin_end
        self.foreign = foreign               # pylint / oca-hooks: never reported as unused
        self.file_level = file_level
        self.origin_column = origin_column

    def to_dict(self) -> dict:
        """The fields by name (what `dataclasses.asdict` gave; the cache stores it)."""
        return {f: getattr(self, f) for f in self._fields}


def _split(codes: Optional[str]) -> Optional[tuple[str, ...]]:
    if not codes:
        return None
    return tuple(c.strip() for c in codes.split(",") if c.strip())


def extract(kind: str, text, tree, data: Optional[bytes] = None) -> list[Suppression]:
    """Suppressions of one decoded file; cheap when the text has no marker at all. `data`: the bytes the text was
    decoded from, if at hand (the markers are then looked for in them, without encoding the text again)."""
    if kind == "po":
        # a PO file reads `noqa` comments and `oca-hooks:disable=` only (no `lint` marker): two tests, not three.
        # `oca-hooks` counts only as written (`_oca_hooks_po`), so it is looked for in the bytes as they are, and
        # `noqa` has no `k` (the Kelvin sign's lower case): neither needs `_lowered`'s scan for the Kelvin sign
        raw = _utf8_body(text, data)
        if raw is None:
            low = _lowered(text, data)
            noqa, hooks = b"noqa" in low, b"oca-hooks" in low
        else:
            noqa = b"noqa" in raw.lower()
            hooks = noqa or b"oca-hooks" in raw
        if not noqa and not hooks:
            return []
        return _with_columns(text.index, _extract(kind, text, tree, text.index, text.index.line_count, [], noqa))
    low = _lowered(text, data)
    if b"noqa" not in low and b"lint" not in low and b"oca-hooks" not in low:  # `lint`: (py|odoo|hado)lint, lint-ignore
        return []   # plain substring tests: a case-insensitive regex over big files costs more
    index = text.index
    last = index.line_count
    out: list[Suppression] = []
    try:
        return _with_columns(index, _extract(kind, text, tree, index, last, out, b"noqa" in low))
    except RecursionError:
        return []


def _utf8_body(text, data: Optional[bytes]) -> Optional[bytes]:
    """The bytes the text was decoded from, byte order mark aside, when they are its UTF-8 (or ASCII) form."""
    if data is not None and text.encoding in ("utf-8", "ascii"):
        return data[len(text.bom):] if text.bom else data
    return None


def _lowered(text, data: Optional[bytes]) -> bytes:
    """The text's UTF-8 bytes with ASCII letters lowered: holds an ASCII word exactly when `text.lower()` does, and
    costs a third of it (`bytes.lower` is a table lookup per byte; a non-ASCII str lowers through Unicode tables).
    A file decoded from UTF-8 or ASCII is those bytes already (its byte order mark aside). The one non-ASCII
    character that lowers to an ASCII letter, the Kelvin sign (to `k`), takes the slow way."""
    if data is not None and text.encoding in ("utf-8", "ascii"):
        raw = data[len(text.bom):] if text.bom else data
        if b"\xe2\x84\xaa" not in raw:        # U+212A in UTF-8
            return raw.lower()
    s = text.text
    if "\u212a" in s:
        return s.lower().encode("utf-8", "replace")
    return s.encode("utf-8", "replace").lower()


def _with_columns(index, sups: list[Suppression]) -> list[Suppression]:
    for s in sups:
        s.origin_column = index.position(s.origin_start).column
    return sups


def _extract(kind, text, tree, index, last, out, noqa: bool):
    if kind == "xml":
        for c in getattr(tree, "comments", []):
            line = index.position(c.start).line
            fm = _RX.FILE.search(c.body)
            if fm:
                out.append(Suppression(1, last, _split(fm.group(1)), line, c.start, c.end, file_level=True))
                continue
            m = _RX.XML_NOQA.match(c.body)
            if m and c.next_element is not None:
                p = tree.positions[c.next_element]
                s = index.position(p.start).line
                e = index.position((p.end or p.start_tag_end) - 1).line
                out.append(Suppression(s, e, _split(m.group(1)), line, c.start, c.end))
            out.extend(_oca_hooks_xml(c, line, last))
        return out
    if kind == "po":
        out.extend(_oca_hooks_po(text, index, last))
    # both comment forms below name `noqa`; pylint's pragmas reuse the comments when they were listed
    comments = list(_comments(kind, text, tree, ("noqa", "pylint"))) if noqa else None
    for line, col, comment in comments or ():
        start = index.offset(line, col)
        fm = _RX.FILE.search(comment)
        if fm:
            out.append(Suppression(1, last, _split(fm.group(1)), line, start, start + len(comment), file_level=True))
            continue
        own_line = index.line_text(line)[: col - 1].strip() == ""
        m = _RX.NOQA.search(comment)
        if m:
            end = _next_code_line(index, line, kind) if own_line else line
            out.append(Suppression(line, end, _split(m.group(1)), line, start + m.start(), start + m.end()))
    if kind == "dockerfile" and "hadolint" in text.text:
        out.extend(_hadolint(text, index, last))
    if kind in _PY_KINDS and "pylint" in text.text:
        out.extend(pylint_pragmas(text, tree, index, last, comments))
    if kind in ("python", "manifest") and "lint-" in text.text:
        out.extend(_fixit_ignores(kind, text, tree, index))
    return out


def _fixit_ignores(kind, text, tree, index) -> list[Suppression]:
    """fixit's `# lint-ignore[: names]` and `# lint-fixme[: names]` (fixit/rule.py `ignore_lint`): a comment at
    the end of a statement covers that statement, a comment line above a statement covers the statement (a
    compound one: its header line). Without names (also `# lint-ignore=name`, which fixit reads as bare) it covers
    every check the hooks run through fixit."""
    stmts = [n for n in ast.walk(tree) if isinstance(n, ast.stmt)] if isinstance(tree, ast.AST) else []
    compound = _compound()
    out = []
    for line, col, comment in _comments(kind, text, tree, ("lint-",)):
        m = _RX.FIXIT.match(comment)
        if not m:
            continue
        own_line = index.line_text(line)[: col - 1].strip() == ""
        first = end = line
        if own_line:
            nxt = _next_code_line(index, line, kind)
            here = [s for s in stmts if s.lineno == nxt]
            if nxt != line and here:
                first, end = nxt, max((s.end_lineno or s.lineno) if not isinstance(s, compound) else s.lineno
                                      for s in here)
        else:
            ending = [s for s in stmts if (s.end_lineno or s.lineno) == line and not isinstance(s, compound)]
            if ending:
                first = min(s.lineno for s in ending)
        codes = _split(m.group(1)) if m.group(1) else FIXIT_CHECKS
        start = index.offset(line, col)
        out.append(Suppression(first, end, codes, line, start, start + len(m.group(0)), foreign=True))
    return out




def _hadolint(text, index, last) -> list[Suppression]:
    """hadolint's inline ignores: `# hadolint ignore=X` before an instruction, `# hadolint global ignore=X`."""
    out = []
    for line in range(1, last + 1):
        m = _RX.HADOLINT.match(index.line_text(line))
        if not m:
            continue
        start = index.line_start(line)
        codes = _split(m.group(2))
        if m.group(1):
            first, end = 1, last
        else:
            first = end = _next_code_line(index, line, "dockerfile")
        for code in codes or ():
            out.append(Suppression(first, end, (code,), line, start + m.start(2), start + m.end(2), foreign=True,
                                   file_level=bool(m.group(1))))
    return out


_COMPOUND: Optional[tuple] = None


def _compound() -> tuple:
    """The compound statements' node classes (made on first use: `ast` is imported by the first parse)."""
    global _COMPOUND
    if _COMPOUND is None:
        _COMPOUND = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.If, ast.For, ast.AsyncFor, ast.While,
                     ast.With, ast.AsyncWith, ast.Try) + ((ast.TryStar,) if hasattr(ast, "TryStar") else ())
    return _COMPOUND


def pylint_pragmas(text, tree, index, last, comments=None) -> list[Suppression]:
    """pylint's own pragmas, with pylint's scopes (symbols and message ids both match, as rule aliases):

    - `# pylint: disable=X` after code covers that line; after the header of a block (`def f():  # ...`) the
      whole block;
    - on a line of its own it covers from there to the end of the enclosing block (module level: the file);
    - `# pylint: disable-next=X` covers the next line;
    - `# pylint: enable=X` ends an earlier disable of X from its line on.
    One suppression per code, so an `enable` of one code leaves the others alone."""
    module = getattr(tree, "module", tree)
    module = module if isinstance(module, ast.Module) else None
    out: list[Suppression] = []
    enables: list[tuple[int, Optional[tuple[str, ...]]]] = []
    for line, col, comment in (_comments("python", text, tree, ("pylint",)) if comments is None else comments):
        if "pylint" not in comment:
            continue
        start = index.offset(line, col)
        for m in _RX.PRAGMA.finditer(comment):
            verb, codes = m.group(1), _split(m.group(2))
            if codes and any(c.lower() == "all" for c in codes):
                codes = None
            if verb == "enable":
                enables.append((line, codes))
                continue
            own_line = index.line_text(line)[: col - 1].strip() == ""
            if verb == "disable-next":
                first = end = min(line + 1, last)
            elif own_line:
                first, end = line, _enclosing_block_end(module, line, last)
            else:
                first, end = line, _header_block_end(module, line)
            for code in (codes or (None,)):
                out.append(Suppression(first, end, (code,) if code else None, line, start + m.start(),
                                       start + m.end(), foreign=True))
    for line, codes in enables:
        wanted = None if codes is None else {_canonical(c) for c in codes}
        for s in out:
            if s.start_line < line <= s.end_line and (wanted is None or s.codes is None
                                                      or _canonical(s.codes[0]) in wanted):
                s.end_line = line - 1
    return out


def _canonical(code: str) -> str:
    """The rule a pylint symbol or message id names (`W8116` and `print-used` are one rule)."""
    from .registry import REGISTRY
    return REGISTRY.by_alias.get(code) or REGISTRY.by_name.get(code) or code.upper()


def _blocks(node):
    """(header line, statement list) of each block directly under a node."""
    for name in ("body", "orelse", "finalbody"):
        stmts = getattr(node, name, None)
        if isinstance(stmts, list) and stmts and isinstance(stmts[0], ast.stmt):
            yield (stmts[0].lineno - 1 if name != "body" else node.lineno), stmts
    for h in getattr(node, "handlers", ()) or ():
        yield h.lineno, h.body


def _enclosing_block_end(module, line: int, last: int) -> int:
    if module is None:
        return last
    end, stmts = last, module.body
    while True:
        deeper = None
        for stmt in stmts:
            if not (stmt.lineno <= line <= (stmt.end_lineno or stmt.lineno)):
                continue
            for header, body in _blocks(stmt):
                if header < line <= (body[-1].end_lineno or body[-1].lineno):
                    deeper = body
        if deeper is None:
            return end
        stmts, end = deeper, deeper[-1].end_lineno or deeper[-1].lineno


def _header_block_end(module, line: int) -> int:
    if module is None:
        return line
    from .sources.pytree import tree_index
    index = tree_index(module)
    compound = _compound()
    wanted = set(compound) | {ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef}
    candidates = [n for n in index.nodes if n.__class__ in wanted and n.lineno <= line <= (n.end_lineno or line)]
    for node in index.walk_order(candidates):          # the first in `ast.walk` order, as before
        if isinstance(node, compound) and node.lineno == line:
            return node.end_lineno or line
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.decorator_list \
                and node.lineno < line and node.body and line < node.body[0].lineno:
            return node.end_lineno or line   # the `def` line of a decorated function
    return line


def _oca_hooks_xml(comment, line: int, last: int) -> list[Suppression]:
    """`<!-- oca-hooks:disable=a,b -->` (or the deprecated `pylint:disable=`) anywhere: the whole file."""
    m = _RX.OCA_HOOKS_XML.search(re.sub(r"[\s#]", "", comment.body))
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
        m = _RX.OCA.search(raw)
        if m:
            start = index.line_start(line) + m.start()
            out.append(Suppression(1, last, _split(m.group(1)), line, start, start + len(m.group(0)),
                                   foreign=True, file_level=True))
    return out


def _comments(kind: str, text, tree=None, needles: tuple[str, ...] = ()) -> Iterable[tuple[int, int, str]]:
    """(line, 1-based column, comment text) of each comment; with `needles`, at least of each comment that holds
    one of them (case-insensitively): a Python file whose parse tree is known is then not tokenized, see
    `_py_comments`."""
    if kind in _PY_KINDS:
        found = _py_comments(text, tree, needles) if needles else None
        if found is not None:
            yield from found
            return
        import io
        import tokenize    # here: most Python files are read from their parse tree (`_py_comments`)
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


def _py_comments(text, tree, needles) -> Optional[list[tuple[int, int, str]]]:
    """The comments on the lines that hold a needle, without tokenizing: on such a line, the first `#` outside
    every string literal of the parse tree starts a comment that runs to the end of the line. None (tokenize
    instead) without a tree, with a lone CR line ending, or when a `#` of such a line lies inside a string
    node's extent (a docstring quoting a pragma, a `'#'`, or implicitly joined strings with a comment between
    them: only the tokenizer tells those apart)."""
    module = getattr(tree, "module", tree)
    if not isinstance(module, ast.Module):
        return None
    src = text.text
    if "\r" in src and src.count("\r") != src.count("\r\n"):
        return None
    low = src.lower()
    if len(low) != len(src):
        return None     # lower() changed the length (`İ`): its offsets are not the text's
    if not any(n in low for n in needles):
        return []
    index = text.index
    lines = set()
    for n in needles:
        start = low.find(n)
        while start >= 0:
            lines.add(index.position(start).line)
            start = low.find(n, start + 1)
    spans = None
    out = []
    for line in sorted(lines):
        raw = index.line_text(line)
        col = raw.find("#")
        if col < 0:
            continue
        if spans is None:
            from .sources.pytree import tree_index
            tidx = tree_index(module)
            spans = [(c.lineno, c.col_offset, c.end_lineno, c.end_col_offset) for c in tidx.of(ast.Constant)
                     if isinstance(c.value, (str, bytes))] + \
                    [(j.lineno, j.col_offset, j.end_lineno, j.end_col_offset) for j in tidx.of(ast.JoinedStr)]
        for l1, c1, l2, c2 in spans:
            if l1 <= line <= l2:
                at = col if raw.isascii() else len(raw[:col].encode("utf-8"))
                if (l1, c1) <= (line, at) < (l2, c2):
                    return None
        comment = raw[col:]
        if any(n in comment.lower() for n in needles):
            out.append((line, col + 1, comment))
    return out


def _char_col(line_text: str, col: int) -> int:
    return col + 1  # tokenize columns are already in characters


def _next_code_line(index, line: int, kind: str) -> int:
    for nxt in range(line + 1, index.line_count + 1):
        s = index.line_text(nxt).strip()
        if s and not s.startswith(("#", ";")):
            return nxt
    return line


def covers(sup: Suppression, code: str, aliases: tuple[str, ...], name: str) -> bool:
    if sup.codes is None:
        return True
    for c in sup.codes:
        if c.upper() == code or c == name or c in aliases:
            return True
    return False
