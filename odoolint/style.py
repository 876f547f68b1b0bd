"""Colour for the text reports: when to use it (`--color`, NO_COLOR, FORCE_COLOR, a terminal) and the ANSI
codes ruff's own output uses for each part of a finding.

Precedence, as ruff (and https://no-color.org, https://force-color.org) have it: `--color always|never` wins;
under `auto`, a non-empty NO_COLOR turns colour off, then a non-empty FORCE_COLOR turns it on, then colour is on
only when the report goes to a terminal that is not `TERM=dumb`.
"""
from __future__ import annotations

import os

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import IO, Mapping, Optional

CHOICES = ("auto", "always", "never")

_RESET = "\x1b[0m"
_CODES = {
    "path": "1",          # bold
    "sep": "36",          # cyan `:`
    "code": "1;31",       # bold red rule code
    "fix": "36",          # cyan [*]
    "gutter": "1;34",     # bold blue `|` and line numbers
    "caret": "1;31",      # bold red ^^^
    "help": "1;36",       # `= help:`
    "summary": "1",       # bold `Found N problems`
}


def wanted(choice: str, stream: Optional[IO] = None, environ: Optional[Mapping[str, str]] = None) -> bool:
    """Should a report written to `stream` be coloured?"""
    if choice == "always":
        return True
    if choice == "never":
        return False
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    if stream is None or env.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


class Style:
    """`Style(True).code("CNF001")` wraps the text in its ANSI colour; `Style(False)` returns it unchanged."""

    def __init__(self, enabled: bool = False):
        self.enabled = enabled

    def paint(self, part: str, text: str) -> str:
        if not self.enabled or not text:
            return text
        return f"\x1b[{_CODES[part]}m{text}{_RESET}"

    def path(self, text: str) -> str:
        return self.paint("path", text)

    def sep(self, text: str) -> str:
        return self.paint("sep", text)

    def code(self, text: str) -> str:
        return self.paint("code", text)

    def fix(self, text: str) -> str:
        return self.paint("fix", text)

    def gutter(self, text: str) -> str:
        return self.paint("gutter", text)

    def caret(self, text: str) -> str:
        return self.paint("caret", text)

    def help(self, text: str) -> str:
        return self.paint("help", text)

    def summary(self, text: str) -> str:
        return self.paint("summary", text)


PLAIN = Style(False)
