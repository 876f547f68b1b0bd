"""Reading files into text and parsing each kind into a tree that knows positions.

Each parser module registers itself in PARSERS; a parser raises ParseFailure (with a
1-based line and column) instead of letting a library exception escape.
"""
from __future__ import annotations

import codecs
import re
from typing import Any, Callable, Optional

from ..positions import LineIndex

MAX_FILE_BYTES = 8 * 1024 * 1024


class ParseFailure(Exception):
    def __init__(self, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.message = message
        self.line = max(1, line or 1)
        self.column = max(1, column or 1)


class Text:
    """A file's decoded text plus what is needed to write it back byte-identically.

    The line index is built on first use: most files of a big tree (translations, data) never need it.
    """

    __slots__ = ("text", "encoding", "bom", "_index")

    def __init__(self, text: str, encoding: str, bom: bytes, index: Optional[LineIndex] = None):
        self.text, self.encoding, self.bom, self._index = text, encoding, bom, index

    @property
    def index(self) -> LineIndex:
        if self._index is None:
            self._index = LineIndex(self.text)
        return self._index

    @property
    def newline(self) -> str:
        """The file's dominant line ending, for edits that insert lines."""
        crlf = self.text.count("\r\n")
        lf = self.text.count("\n") - crlf
        return "\r\n" if crlf > lf else "\n"

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_XML_DECL = re.compile(rb"^<\?xml[^>]*encoding\s*=\s*['\"]([A-Za-z0-9._-]+)['\"]")
_PY_COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")


def decode(data: bytes, kind: str) -> Text:
    """Decode bytes with the file's real encoding; raise ParseFailure for binary or undecodable input."""
    if len(data) > MAX_FILE_BYTES:
        raise ParseFailure(f"file is {len(data)} bytes, above the {MAX_FILE_BYTES} byte limit; not analysed")
    bom, encoding = b"", None
    for mark, enc in _BOMS:
        if data.startswith(mark):
            bom, encoding = mark, enc
            break
    body = data[len(bom):]
    if encoding is None:
        if b"\x00" in body[:8192]:
            raise ParseFailure("binary file (contains NUL bytes); not analysed")
        encoding = "utf-8"
        if kind == "xml":
            m = _XML_DECL.match(body)
            if m:
                encoding = m.group(1).decode("ascii").lower()
        elif kind in ("python", "manifest", "superset-config"):
            for line in body.split(b"\n", 2)[:2]:
                m = _PY_COOKIE.match(line)
                if m:
                    encoding = m.group(1).decode("ascii").lower()
                    break
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ParseFailure(f"unknown encoding {encoding!r} declared") from None
    if encoding in ("utf-8-sig", "utf8"):
        encoding = "utf-8"
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        prefix = body[: exc.start]
        line = prefix.count(b"\n") + 1
        column = exc.start - (prefix.rfind(b"\n") + 1) + 1
        raise ParseFailure(f"not valid {encoding}: byte 0x{body[exc.start]:02x} cannot be decoded "
                           f"({exc.reason})", line, column) from None
    return Text(text, encoding, bom)


PARSERS: dict[str, Callable[[Text, str], Any]] = {}


def parser(*kinds: str):
    def decorator(func):
        for kind in kinds:
            PARSERS[kind] = func
        return func
    return decorator


# kind -> the parser module that registers it; imported on first use of that kind only
_PARSER_MODULES = {
    "python": "python", "manifest": "python", "superset-config": "python", "xml": "xml",
    "compose": "yamltree", "do-app-spec": "yamltree", "gh-workflow": "yamltree", "odoo-conf": "odoo_conf",
    "dockerfile": "dockerfile", "nginx-conf": "nginx", "csv": "plain", "env-file": "plain",
    "requirements": "plain", "po": "plain", "js": "js",
}


def parse(kind: str, text: Text, path: str) -> Any:
    """Parse a decoded file of the given kind; ParseFailure on invalid input."""
    func = PARSERS.get(kind)
    if func is None:
        module = _PARSER_MODULES.get(kind)
        if module is None:
            return None
        import importlib

        importlib.import_module(f"{__name__}.{module}")
        func = PARSERS.get(kind)
        if func is None:
            return None
    return func(text, path)
