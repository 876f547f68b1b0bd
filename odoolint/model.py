"""The vocabulary every layer shares: positions, edits, fixes, diagnostics, versions.

Free of I/O and of any parser, so reporters, rules and the engine can all import it.

Every command imports this module first, so its classes are written out rather than made by `dataclasses`
(which compiles their methods when the module is imported: several milliseconds of every start-up). They behave
as the dataclasses they replace: positional and keyword construction, field-wise `==` (and `hash` for the frozen
ones, whose attributes cannot be set), a `repr` listing the fields, and `OdooVersion` ordered by (major, minor).
"""
from __future__ import annotations

import enum
from operator import attrgetter

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
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


def _key_of(fields: tuple[str, ...]):
    """self -> the tuple of its fields (operator.attrgetter: one C call)."""
    getter = attrgetter(*fields) if fields else (lambda obj: ())
    return getter if len(fields) > 1 else staticmethod(lambda obj: (getter(obj),) if fields else ())


class Record:
    """A mutable record: field-wise equality and repr over `_fields`, not hashable (as a plain `@dataclass`)."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    __hash__ = None    # type: ignore[assignment]

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls._key = _key_of(cls._fields)

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            key = self._key
            return key(self) == key(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"{type(self).__qualname__}({', '.join(f'{f}={getattr(self, f)!r}' for f in self._fields)})"


class FrozenRecord(Record):
    """A Record that is also hashable and whose attributes are set once, by `__init__` (through `_set`, as a
    frozen dataclass does). Subclasses list their fields in `_fields` and `__slots__`."""

    __slots__ = ()

    def __hash__(self) -> int:
        return hash(self._key(self))

    def __reduce__(self):
        return self.__class__, self._key(self)    # every __init__ takes its fields in `_fields` order

    def __setattr__(self, name, value):
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name):
        raise FrozenInstanceError(f"cannot delete field {name!r}")


_set = object.__setattr__     # how a FrozenRecord's __init__ sets its fields


def _digits_end(text: str, start: int) -> int:
    """The end of the run of at most three decimal digits (regex `\\d`) at `start` (== start: none)."""
    end = start
    while end < len(text) and end - start < 3 and text[end].isdecimal():
        end += 1
    return end


class OdooVersion(FrozenRecord):
    """An Odoo series such as 17.0 (major, minor); saas-17.2 style minors order correctly."""

    _fields = __slots__ = __match_args__ = ("major", "minor")

    def __init__(self, major: int, minor: int = 0):
        _set(self, "major", major)
        _set(self, "minor", minor)

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

    _fields = __slots__ = __match_args__ = ("line", "column", "offset")

    def __init__(self, line: int, column: int, offset: int):
        _set(self, "line", line)
        _set(self, "column", column)
        _set(self, "offset", offset)


class Span(FrozenRecord):
    _fields = __slots__ = __match_args__ = ("start", "end")

    def __init__(self, start: Position, end: Position):
        _set(self, "start", start)
        _set(self, "end", end)

    def to_dict(self) -> dict:
        return {"start": [self.start.line, self.start.column, self.start.offset],
                "end": [self.end.line, self.end.column, self.end.offset]}

    @classmethod
    def from_dict(cls, data: dict) -> "Span":
        return cls(Position(*data["start"]), Position(*data["end"]))


class Edit(FrozenRecord):
    """Replace the characters of `span` (end exclusive) with `content`."""

    _fields = __slots__ = __match_args__ = ("span", "content")

    def __init__(self, span: Span, content: str):
        _set(self, "span", span)
        _set(self, "content", content)

    def to_dict(self) -> dict:
        return {"span": self.span.to_dict(), "content": self.content}

    @classmethod
    def from_dict(cls, data: dict) -> "Edit":
        return cls(Span.from_dict(data["span"]), data["content"])


class Fix(FrozenRecord):
    _fields = __slots__ = __match_args__ = ("edits", "applicability", "message")

    def __init__(self, edits: tuple[Edit, ...], applicability: Applicability, message: str):
        _set(self, "edits", edits)
        _set(self, "applicability", applicability)
        _set(self, "message", message)

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

    _fields = __slots__ = __match_args__ = ("span", "message", "fix", "path", "severity", "code")

    def __init__(self, span: Span, message: str, fix: Optional[Fix] = None, path: Optional[str] = None,
                 severity: Optional[Severity] = None, code: Optional[str] = None):
        _set(self, "span", span)
        _set(self, "message", message)
        _set(self, "fix", fix)
        _set(self, "path", path)
        _set(self, "severity", severity)
        _set(self, "code", code)


class Diagnostic(Record):
    """A finding of a rule as reported: the rule's code and name, where, what, and its fix if any. Mutable
    (suppression records `noqa_line`)."""

    _fields = __match_args__ = ("code", "name", "message", "path", "span", "severity", "fix", "kind", "noqa_line",
                                "extra")

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
