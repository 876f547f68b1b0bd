"""A baseline: findings that existed when a team adopted odoolint, accepted until they are touched.

Each finding is remembered by (code, file, the text of its line without surrounding blanks), so it
survives lines being added above it; a repeated identical line is counted, not merged.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Callable, Optional

from .config import ConfigError
from .digests import sha256_hex
from .model import Diagnostic

VERSION = 1


def _key(d: Diagnostic, relpath: str, line_text: str) -> str:
    blob = "\0".join((d.code, relpath, line_text.strip()))
    return sha256_hex(blob.encode("utf-8", "surrogatepass"))[:24]


def keys(diagnostics: list[Diagnostic], relpath: Callable[[str], str],
         line_of: Callable[[str, int], str]) -> list[str]:
    return [_key(d, relpath(d.path), line_of(d.path, d.span.start.line)) for d in diagnostics]


def write(path: Path, diagnostics: list[Diagnostic], relpath, line_of) -> int:
    entries = sorted(
        ({"code": d.code, "file": relpath(d.path), "key": k}
         for d, k in zip(diagnostics, keys(diagnostics, relpath, line_of))),
        key=lambda e: (e["file"], e["code"], e["key"]))
    path.write_text(json.dumps({"version": VERSION, "findings": entries}, indent=1) + "\n", encoding="utf-8")
    return len(entries)


def load(path: Path) -> Counter:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Counter(e["key"] for e in data["findings"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"{path}: not a readable odoolint baseline ({exc.__class__.__name__})") from None


def filter_known(diagnostics: list[Diagnostic], known: Counter, relpath, line_of) -> list[Diagnostic]:
    """Drop the findings the baseline accepts (each baseline entry accepts one finding)."""
    remaining = Counter(known)
    out = []
    for d, k in zip(diagnostics, keys(diagnostics, relpath, line_of)):
        if remaining[k] > 0:
            remaining[k] -= 1
            continue
        out.append(d)
    return out


def line_reader(text_of: Callable[[str], Optional[str]]) -> Callable[[str, int], str]:
    cache: dict[str, list[str]] = {}

    def line_of(path: str, line: int) -> str:
        if path not in cache:
            text = text_of(path)
            cache[path] = text.split("\n") if text is not None else []
        lines = cache[path]
        return lines[line - 1] if 0 < line <= len(lines) else ""

    return line_of
