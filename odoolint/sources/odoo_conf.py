"""odoo.conf read exactly as Odoo reads it: configparser.RawConfigParser() defaults.

No interpolation, `=` or `:` delimiters, full-line `#`/`;` comments only (an inline
`; comment` stays part of the value), indented lines continue the previous value,
keys lower-cased, strict (a duplicate key or section is an error Odoo does not catch).
Unlike configparser, this keeps the line and column of every section, key and value.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from . import ParseFailure, Text, parser

_SECT = re.compile(r"\[(?P<header>.+)\]")
_DELIM = re.compile(r"[=:]")


class _OptMatch:
    """What configparser's OPTCRE `(?P<option>.*?)\\s*(?P<vi>[=:])\\s*(?P<value>.*)$` gives for one line,
    computed in linear time: the regex is quadratic on a long run of blanks (a 17 KB line took 30 s)."""

    __slots__ = ("_groups", "_value_start")

    def __init__(self, line: str, delim: int):
        option = line[:delim].rstrip()
        rest = line[delim + 1:]
        value = rest.lstrip()
        self._groups = {"option": option, "vi": line[delim], "value": value}
        self._value_start = delim + 1 + (len(rest) - len(value))

    def group(self, name: str) -> str:
        return self._groups[name]

    def start(self, name: str) -> int:
        assert name == "value"
        return self._value_start


def _match_option(line: str) -> Optional[_OptMatch]:
    m = _DELIM.search(line)
    return _OptMatch(line, m.start()) if m else None
_NONSPACE = re.compile(r"\S")


@dataclass
class ConfOption:
    section: str
    key: str                 # lower-cased, as Odoo sees it
    raw_key: str
    line: int
    key_start: int           # offsets into the file text
    key_end: int
    value_start: int         # first character of the value on the key's line
    value_end: int           # end of the value on the last line that belongs to it
    value: str               # the value exactly as configparser returns it
    first_line_value: str
    continuation_lines: list[int] = field(default_factory=list)
    end_line: int = 0


@dataclass
class ConfSection:
    name: str
    line: int
    start: int
    end: int


@dataclass
class ConfTree:
    sections: list[ConfSection] = field(default_factory=list)
    options: list[ConfOption] = field(default_factory=list)
    parse_errors: list[ParseFailure] = field(default_factory=list)
    comment_lines: list[int] = field(default_factory=list)

    def section_options(self, name: str = "options") -> list[ConfOption]:
        return [o for o in self.options if o.section == name]

    def get(self, key: str, section: str = "options") -> Optional[ConfOption]:
        for o in self.options:
            if o.section == section and o.key == key:
                return o
        return None

    @property
    def values(self) -> dict[str, str]:
        """What `p.items('options')` gives Odoo (before its True/False conversion)."""
        return {o.key: o.value for o in self.options if o.section == "options"}

    def has_section(self, name: str) -> bool:
        return any(s.name == name for s in self.sections)


@parser("odoo-conf", "pgbouncer-ini")   # pgbouncer.ini is an INI file of the same shape
def parse_conf(text: Text, path: str) -> ConfTree:
    tree = ConfTree()
    index = text.index
    if text.bom:
        # Odoo opens the file with the locale codec (utf-8, not utf-8-sig): the first line reads '\ufeff[options]'
        tree.parse_errors.append(ParseFailure(
            "the file starts with a byte-order mark: Odoo reads it without stripping the BOM, so configparser sees "
            "'\\ufeff' before the first line and raises MissingSectionHeaderError; the server will not start. "
            "Save the file as UTF-8 without BOM", 1, 1))
    cursect: Optional[str] = None
    seen_sections: set[str] = set()
    seen_options: set[tuple[str, str]] = set()
    current: Optional[ConfOption] = None
    pending_blank: list[int] = []
    indent_level = 0
    for lineno in range(1, index.line_count + 1):
        line = index.line_text(lineno)
        start = index.line_start(lineno)
        stripped = line.strip()
        if stripped.startswith(("#", ";")):
            tree.comment_lines.append(lineno)
            continue
        if not stripped:
            if current is not None:
                pending_blank.append(lineno)
            continue
        m = _NONSPACE.search(line)
        cur_indent = m.start() if m else 0
        if cursect is not None and current is not None and cur_indent > indent_level:
            current.value += "\n" * len(pending_blank) + "\n" + stripped
            pending_blank = []
            current.continuation_lines.append(lineno)
            current.end_line = lineno
            current.value_end = start + len(line.rstrip())
            continue
        pending_blank = []
        indent_level = cur_indent
        sm = _SECT.match(stripped)
        if sm:
            name = sm.group("header")
            if name in seen_sections and name != "DEFAULT":   # configparser merges repeated [DEFAULT]s
                tree.parse_errors.append(ParseFailure(
                    f"section [{name}] appears twice: configparser raises DuplicateSectionError and Odoo "
                    f"does not catch it, so the server will not start", lineno, cur_indent + 1))
            seen_sections.add(name)
            cursect = name
            tree.sections.append(ConfSection(name, lineno, start + cur_indent, start + len(line.rstrip())))
            current = None
            continue
        if cursect is None:
            tree.parse_errors.append(ParseFailure(
                "line before any [section] header: configparser raises MissingSectionHeaderError and Odoo "
                "does not catch it, so the server will not start", lineno, cur_indent + 1))
            current = None
            continue
        om = _match_option(stripped)
        if not om or not om.group("option").strip():
            tree.parse_errors.append(ParseFailure(
                f"line {stripped[:40]!r} is neither 'key = value' nor a [section]: configparser raises "
                f"ParsingError and Odoo does not catch it, so the server will not start", lineno, cur_indent + 1))
            current = None
            continue
        raw_key = om.group("option").rstrip()
        key = raw_key.lower()
        if (cursect, key) in seen_options:
            tree.parse_errors.append(ParseFailure(
                f"option {key!r} appears twice in [{cursect}]: configparser raises DuplicateOptionError and "
                f"Odoo does not catch it, so the server will not start", lineno, cur_indent + 1))
        seen_options.add((cursect, key))
        value = om.group("value").strip()
        base = start + cur_indent
        value_start = base + om.start("value") if value else base + len(stripped)
        current = ConfOption(cursect, key, raw_key, lineno, base, base + len(raw_key), value_start,
                             value_start + len(value), value, value, end_line=lineno)
        tree.options.append(current)
    return tree
