"""The vocabulary every layer shares: positions, edits, fixes, diagnostics, versions.

Free of I/O and of any parser, so reporters, rules and the engine can all import it.

Every command imports this module first, so its classes are written out rather than made by `dataclasses`
(which compiles their methods when the module is imported: several milliseconds of every start-up). They behave
as the dataclasses they replace: positional and keyword construction, field-wise `==` (and `hash` for the frozen
ones, whose attributes cannot be set), a `repr` listing the fields, and `OdooVersion` ordered by (major, minor).
"""
from __future__ import annotations

import enum
from typing import Any, Optional


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Applicability(str, enum.Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


# value -> member by dict: Enum(value) is slow, and reading the cache does it for every finding
_SEVERITIES = {s.value: s for s in Severity}
_APPLICABILITIES = {a.value: a for a in Applicability}


class FrozenInstanceError(AttributeError):
    """Setting an attribute of a frozen record (as `dataclasses.FrozenInstanceError`)."""


class FrozenRecord:
    """Field-wise equality, hashing and repr over `_fields`; attributes set once, by `__init__`."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()

    def _values(self) -> tuple:
        d = self.__dict__
        return tuple(d[f] for f in self._fields)

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return self._values() == other._values()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        return f"{type(self).__qualname__}({', '.join(f'{f}={v!r}' for f, v in zip(self._fields, self._values()))})"

    def __setattr__(self, name, value):
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name):
        raise FrozenInstanceError(f"cannot delete field {name!r}")


class Record:
    """A mutable record: field-wise equality and repr over `_fields`, not hashable (as a plain `@dataclass`)."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    __hash__ = None    # type: ignore[assignment]

    def _values(self) -> tuple:
        return tuple(getattr(self, f) for f in self._fields)

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return self._values() == other._values()
        return NotImplemented

    def __repr__(self) -> str:
        return f"{type(self).__qualname__}({', '.join(f'{f}={v!r}' for f, v in zip(self._fields, self._values()))})"


def _digits_end(text: str, start: int) -> int:
    """The end of the run of at most three decimal digits (regex `\\d`) at `start` (== start: none)."""
    end = start
    while end < len(text) and end - start < 3 and text[end].isdecimal():
        end += 1
    return end


class OdooVersion(FrozenRecord):
    """An Odoo series such as 17.0 (major, minor); saas-17.2 style minors order correctly."""

    _fields = ("major", "minor")
    __match_args__ = _fields

    def __init__(self, major: int, minor: int = 0):
        d = self.__dict__
        d["major"], d["minor"] = major, minor

    @classmethod
    def parse(cls, value: "str | float | int | OdooVersion | None") -> Optional["OdooVersion"]:
        if value is None or isinstance(value, OdooVersion):
            return value
        text = str(value).strip()
        if text.startswith("saas-"):
            text = text[5:]
        # `^\s*(\d{1,3})(?:\.(\d{1,3}))?` without the regex engine: this runs at every start-up
        text = text.lstrip()
        end = _digits_end(text, 0)
        if end == 0:
            return None
        major = int(text[:end])
        minor = 0
        if end < len(text) and text[end] == ".":
            m_end = _digits_end(text, end + 1)
            if m_end > end + 1:
                minor = int(text[end + 1:m_end])
        return cls(major, minor)

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}"

    def __lt__(self, other):
        if other.__class__ is self.__class__:
            return (self.major, self.minor) < (other.major, other.minor)
        return NotImplemented

    def __le__(self, other):
        if other.__class__ is self.__class__:
            return (self.major, self.minor) <= (other.major, other.minor)
        return NotImplemented

    def __gt__(self, other):
        if other.__class__ is self.__class__:
            return (self.major, self.minor) > (other.major, other.minor)
        return NotImplemented

    def __ge__(self, other):
        if other.__class__ is self.__class__:
            return (self.major, self.minor) >= (other.major, other.minor)
        return NotImplemented


class Position(FrozenRecord):
    """1-based line, 1-based column counted in characters, 0-based character offset."""

    _fields = ("line", "column", "offset")
    __match_args__ = _fields

    def __init__(self, line: int, column: int, offset: int):
        d = self.__dict__
        d["line"], d["column"], d["offset"] = line, column, offset


class Span(FrozenRecord):
    _fields = ("start", "end")
    __match_args__ = _fields

    def __init__(self, start: Position, end: Position):
        d = self.__dict__
        d["start"], d["end"] = start, end

    def to_dict(self) -> dict:
        return {"start": [self.start.line, self.start.column, self.start.offset],
                "end": [self.end.line, self.end.column, self.end.offset]}

    @classmethod
    def from_dict(cls, data: dict) -> "Span":
        return cls(Position(*data["start"]), Position(*data["end"]))


class Edit(FrozenRecord):
    """Replace the characters of `span` (end exclusive) with `content`."""

    _fields = ("span", "content")
    __match_args__ = _fields

    def __init__(self, span: Span, content: str):
        d = self.__dict__
        d["span"], d["content"] = span, content

    def to_dict(self) -> dict:
        return {"span": self.span.to_dict(), "content": self.content}

    @classmethod
    def from_dict(cls, data: dict) -> "Edit":
        return cls(Span.from_dict(data["span"]), data["content"])


class Fix(FrozenRecord):
    _fields = ("edits", "applicability", "message")
    __match_args__ = _fields

    def __init__(self, edits: tuple[Edit, ...], applicability: Applicability, message: str):
        d = self.__dict__
        d["edits"], d["applicability"], d["message"] = edits, applicability, message

    def to_dict(self) -> dict:
        return {"edits": [e.to_dict() for e in self.edits],
                "applicability": self.applicability.value, "message": self.message}

    @classmethod
    def from_dict(cls, data: dict) -> "Fix":
        return cls(tuple(Edit.from_dict(e) for e in data["edits"]),
                   _APPLICABILITIES[data["applicability"]], data["message"])


class Finding(FrozenRecord):
    """What a rule yields: where, what, and optionally how to fix it.

    `path` is only needed by project rules (a per-file rule reports on its own file);
    `severity` overrides the rule's default (e.g. deprecated = warning, removed = error);
    `code` is only set by a project rule that runs file rules over a text it derives from several files (a merged
    `conf.d`, RuleMeta.reports): the code of the file rule that found it, reported under that rule.
    """

    _fields = ("span", "message", "fix", "path", "severity", "code")
    __match_args__ = _fields

    def __init__(self, span: Span, message: str, fix: Optional[Fix] = None, path: Optional[str] = None,
                 severity: Optional[Severity] = None, code: Optional[str] = None):
        d = self.__dict__
        d["span"], d["message"], d["fix"], d["path"], d["severity"], d["code"] = \
            span, message, fix, path, severity, code


class Diagnostic(Record):
    """A finding of a rule as reported: the rule's code and name, where, what, and its fix if any. Mutable
    (suppression records `noqa_line`)."""

    _fields = ("code", "name", "message", "path", "span", "severity", "fix", "kind", "noqa_line", "extra")
    __match_args__ = _fields

    def __init__(self, code: str, name: str, message: str, path: str, span: Span, severity: Severity,
                 fix: Optional[Fix] = None, kind: str = "", noqa_line: Optional[int] = None,
                 extra: Optional[dict[str, Any]] = None):
        self.code, self.name, self.message, self.path, self.span = code, name, message, path, span
        self.severity, self.fix, self.kind, self.noqa_line = severity, fix, kind, noqa_line
        self.extra = {} if extra is None else extra

    def sort_key(self) -> tuple:
        return (self.path, self.span.start.offset, self.code, self.message)

    def to_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "message": self.message, "path": self.path,
                "span": self.span.to_dict(), "severity": self.severity.value,
                "fix": self.fix.to_dict() if self.fix else None, "kind": self.kind,
                "noqa_line": self.noqa_line}

    @classmethod
    def from_dict(cls, data: dict) -> "Diagnostic":
        return cls(data["code"], data["name"], data["message"], data["path"],
                   Span.from_dict(data["span"]), _SEVERITIES[data["severity"]],
                   Fix.from_dict(data["fix"]) if data.get("fix") else None,
                   data.get("kind", ""), data.get("noqa_line"))
