"""The vocabulary every layer shares: positions, edits, fixes, diagnostics, versions.

Free of I/O and of any parser, so reporters, rules and the engine can all import it.
"""
from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
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

_VERSION_RE = re.compile(r"^\s*(\d{1,3})(?:\.(\d{1,3}))?")


@dataclass(frozen=True, order=True)
class OdooVersion:
    """An Odoo series such as 17.0 (major, minor); saas-17.2 style minors order correctly."""

    major: int
    minor: int = 0

    @classmethod
    def parse(cls, value: "str | float | int | OdooVersion | None") -> Optional["OdooVersion"]:
        if value is None or isinstance(value, OdooVersion):
            return value
        text = str(value).strip()
        if text.startswith("saas-"):
            text = text[5:]
        m = _VERSION_RE.match(text)
        if not m:
            return None
        return cls(int(m.group(1)), int(m.group(2) or 0))

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}"


@dataclass(frozen=True)
class Position:
    """1-based line, 1-based column counted in characters, 0-based character offset."""

    line: int
    column: int
    offset: int


@dataclass(frozen=True)
class Span:
    start: Position
    end: Position

    def to_dict(self) -> dict:
        return {"start": [self.start.line, self.start.column, self.start.offset],
                "end": [self.end.line, self.end.column, self.end.offset]}

    @classmethod
    def from_dict(cls, data: dict) -> "Span":
        return cls(Position(*data["start"]), Position(*data["end"]))


@dataclass(frozen=True)
class Edit:
    """Replace the characters of `span` (end exclusive) with `content`."""

    span: Span
    content: str

    def to_dict(self) -> dict:
        return {"span": self.span.to_dict(), "content": self.content}

    @classmethod
    def from_dict(cls, data: dict) -> "Edit":
        return cls(Span.from_dict(data["span"]), data["content"])


@dataclass(frozen=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability
    message: str

    def to_dict(self) -> dict:
        return {"edits": [e.to_dict() for e in self.edits],
                "applicability": self.applicability.value, "message": self.message}

    @classmethod
    def from_dict(cls, data: dict) -> "Fix":
        return cls(tuple(Edit.from_dict(e) for e in data["edits"]),
                   _APPLICABILITIES[data["applicability"]], data["message"])


@dataclass(frozen=True)
class Finding:
    """What a rule yields: where, what, and optionally how to fix it.

    `path` is only needed by project rules (a per-file rule reports on its own file);
    `severity` overrides the rule's default (e.g. deprecated = warning, removed = error);
    `code` is only set by a project rule that runs file rules over a text it derives from several files (a merged
    `conf.d`, RuleMeta.reports): the code of the file rule that found it, reported under that rule.
    """

    span: Span
    message: str
    fix: Optional[Fix] = None
    path: Optional[str] = None
    severity: Optional[Severity] = None
    code: Optional[str] = None


@dataclass
class Diagnostic:
    code: str
    name: str
    message: str
    path: str
    span: Span
    severity: Severity
    fix: Optional[Fix] = None
    kind: str = ""
    noqa_line: Optional[int] = None
    extra: dict[str, Any] = field(default_factory=dict)

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
