"""Reading files into text and parsing each kind into a tree that knows positions.

Each parser module registers itself in PARSERS; a parser raises ParseFailure (with a
1-based line and column) instead of letting a library exception escape.
"""
from __future__ import annotations

import codecs
import re

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
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


_PY_KINDS = ("python", "manifest", "superset-config")
# kinds whose reader in Odoo (or Python) decodes as UTF-8 only, so a UTF-16/32 file cannot be read at all
_UTF8_ONLY = {
    "python": "Python reads source as UTF-8 or its coding cookie, never UTF-16/32 (a SyntaxError on import)",
    "manifest": "Odoo reads the manifest as text with Python's UTF-8 default and `ast.literal_eval` "
                "(odoo/modules/module.py `load_manifest`): a UTF-16/32 manifest is unreadable",
    "superset-config": "Python reads source as UTF-8 or its coding cookie, never UTF-16/32 (a SyntaxError on "
                       "import)",
    "csv": "Odoo decodes data CSVs as UTF-8 (odoo/tools/convert.py `convert_csv_import`): a UTF-16/32 file "
           "fails with UnicodeDecodeError",
    "odoo-conf": "Odoo's RawConfigParser reads the file in the locale's encoding (UTF-8 in the official image; "
                 "odoo/tools/config.py `load`): a UTF-16/32 file fails with UnicodeDecodeError",
}


def _declaration(body: bytes, kind: str) -> Optional[tuple[str, int, int]]:
    """(declared encoding, 1-based line, 1-based column) of an XML declaration or a Python coding cookie."""
    if kind == "xml":
        m = _XML_DECL.match(body)
        if m:
            return m.group(1).decode("ascii").lower(), 1, m.start(1) + 1
    elif kind in _PY_KINDS:
        for n, line in enumerate(body.split(b"\n", 2)[:2], start=1):
            m = _PY_COOKIE.match(line)
            if m:
                return m.group(1).decode("ascii").lower(), n, m.start(1) + 1
            if n == 1 and not re.match(rb"^[ \t\f]*(#.*)?\r?$", line):
                break   # Python looks at the second line only when the first is blank or a comment
    return None


def _refused(kind: str, declared: str, why: str) -> str:
    """The message of a declaration that Python or lxml refuses, saying what happens in Odoo."""
    if kind == "xml":
        return (f"XML declares encoding {declared!r}, {why}: lxml refuses the document and Odoo cannot load "
                f"this file")
    return (f"coding cookie declares {declared!r}, {why}: Python raises SyntaxError when importing the file "
            f"and Odoo cannot load it")


def _ascii_compatible(info: codecs.CodecInfo) -> bool:
    try:
        return info.encode("<?# coding=\n")[0] == b"<?# coding=\n"
    except Exception:  # noqa: BLE001 - a codec that cannot even encode ASCII is not compatible
        return False


def decode(data: bytes, kind: str) -> Text:
    """Decode bytes with the file's real encoding; raise ParseFailure for binary or undecodable input.

    Only real text encodings are accepted (`codecs.lookup(x)._is_text_encoding`): `rot13`, `hex`, `zlib`...
    name byte transforms that Python and lxml refuse as a source encoding.
    """
    if len(data) > MAX_FILE_BYTES:
        raise ParseFailure(f"file is {len(data)} bytes, above the {MAX_FILE_BYTES} byte limit; not analysed")
    bom, encoding = b"", None
    for mark, enc in _BOMS:
        if data.startswith(mark):
            bom, encoding = mark, enc
            break
    body = data[len(bom):]
    if encoding is not None and encoding != "utf-8" and kind in _UTF8_ONLY:
        raise ParseFailure(f"file is {encoding.upper()} (byte order mark): {_UTF8_ONLY[kind]}")
    declared = None
    if encoding is None:
        if b"\x00" in body[:8192]:
            raise ParseFailure("binary file (contains NUL bytes); not analysed")
        encoding = "utf-8"
        declared = _declaration(body, kind)
    elif bom == codecs.BOM_UTF8 and kind in _PY_KINDS:
        found = _declaration(body, kind)
        if found and not (_known(found[0]) and codecs.lookup(found[0]).name == "utf-8"):
            raise ParseFailure(f"coding cookie declares {found[0]!r} in a file that starts with a UTF-8 byte order "
                               f"mark: Python raises SyntaxError (encoding problem: {found[0]} with BOM)",
                               found[1], found[2])
    if declared is not None:
        name, line, column = declared
        try:
            info = codecs.lookup(name)
        except LookupError:
            raise ParseFailure(_refused(kind, name, "which is not a known encoding"), line, column) from None
        if not getattr(info, "_is_text_encoding", True):
            raise ParseFailure(_refused(kind, name, "which is a byte transform, not a text encoding"),
                               line, column)
        if not _ascii_compatible(info):
            raise ParseFailure(_refused(kind, name, "which cannot be the file's encoding: the declaration "
                                                    "itself is ASCII text"), line, column)
        encoding = name
    if encoding in ("utf-8-sig", "utf8"):
        encoding = "utf-8"
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        prefix = body[: exc.start]
        line = prefix.count(b"\n") + 1
        column = exc.start - (prefix.rfind(b"\n") + 1) + 1
        byte = f"byte 0x{body[exc.start]:02x}" if exc.start < len(body) else "the end of the file"
        where = f" (declared at line {declared[1]})" if declared else ""
        raise ParseFailure(f"not valid {encoding}{where}: {byte} cannot be decoded ({exc.reason})",
                           line, column) from None
    except (UnicodeError, ValueError, LookupError, TypeError) as exc:
        line, column = (declared[1], declared[2]) if declared else (1, 1)
        raise ParseFailure(f"cannot be decoded as {encoding}: {exc}", line, column) from None
    if encoding not in ("utf-8", "ascii"):
        # a codec that cannot write back what it read (idna with a long "label", stateful codecs) would make
        # fixes and the XML parser fail later: such a file is treated as undecodable now
        try:
            same = text.encode(encoding) == body
        except (UnicodeError, ValueError, LookupError, TypeError):
            same = False
        if not same:
            line, column = (declared[1], declared[2]) if declared else (1, 1)
            raise ParseFailure(f"the file does not round-trip through {encoding}: it cannot be read and written "
                               f"back faithfully in that encoding", line, column)
    return Text(text, encoding, bom)


def _known(name: str) -> bool:
    try:
        codecs.lookup(name)
        return True
    except LookupError:
        return False


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
    "pgbouncer-ini": "odoo_conf",
    "dockerfile": "dockerfile", "nginx-conf": "nginx", "csv": "plain", "env-file": "plain",
    "requirements": "plain", "po": "po", "js": "js",
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
