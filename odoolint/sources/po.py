"""PO/POT translation files, read the way Odoo reads them: strict UTF-8, then polib.

Odoo 16.0-19.0 `odoo/tools/translate.py` `PoFileReader.__init__` does
`polib.pofile(source.read().decode())`: the bytes are decoded as UTF-8 (a UTF-8 BOM stays in the text) and
polib parses the string. Whatever polib refuses here, Odoo refuses when it loads the language.

polib's parser is slow (a Python state machine per line: a third of a cold run on a tree of OCA addons), so
the text goes first through `poreader`, which reads the exporter's layout and gives the entries polib would give;
whatever it is not sure of (`NotFast`) is parsed by polib, so parse errors and odd files stay polib's.
"""
from __future__ import annotations

import codecs
import re

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Any, Optional

from . import ParseFailure, Text, parser
from .poreader import NotFast, PoScan, scan

_LINE = re.compile(r"\s*\(line (\d+)\)")


class PoTree:
    """A parsed PO file: the fast reader's pass over it (`scan`), or polib's POFile when the reader handed the text
    to polib. `pofile` is the entries as polib gives them (built from the scan on first use)."""

    __slots__ = ("scan", "text", "reader", "memo", "_pofile")

    def __init__(self, pofile: Any, text: str, reader: str = "fast", scan: Optional[PoScan] = None):
        self._pofile = pofile   # poreader.PoFile or polib.POFile; None: built from `scan` when asked
        self.scan = scan
        self.text = text        # the text parsed (a UTF-8 BOM included, as Odoo passes it)
        self.reader = reader    # "fast" or "polib"
        self.memo: dict = {}    # what the rules compute once per file (rules/po/entries.py)

    @property
    def pofile(self) -> Any:
        if self._pofile is None and self.scan is not None:
            self._pofile = self.scan.pofile()
        return self._pofile


def parse_po_text(content: str):
    """polib's parser on a string, never on a path: `polib.pofile(s)` opens `s` as a file when a file of
    that name exists, which a one-line hostile .po could exploit."""
    import polib

    po_parser = polib._POFileParser("", encoding="utf-8", check_for_duplicates=False)   # "" names no file
    po_parser.fhandle = content.splitlines()
    po = po_parser.parse()
    po.wrapwidth = 78
    return po


@parser("po")
def parse_po(text: Text, path: str) -> PoTree:
    if text.bom and text.bom != codecs.BOM_UTF8:
        raise ParseFailure("not valid UTF-8: Odoo decodes translation files as UTF-8 (a UTF-16/32 byte order "
                           "mark was found)")
    content = ("\ufeff" if text.bom else "") + text.text
    try:
        return PoTree(None, content, scan=scan(content))
    except NotFast:
        pass
    try:
        po = parse_po_text(content)
    except (OSError, ValueError) as exc:
        msg = str(exc)
        line = 1
        m = _LINE.search(msg)
        if m:
            line = int(m.group(1))
            msg = (msg[:m.start()] + msg[m.end():]).replace(" None", "").strip()
        raise ParseFailure(f"polib: {msg}", line) from None
    return PoTree(po, content, "polib")
