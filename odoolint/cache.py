"""Per-file results cached by (file bytes, odoolint version, settings, target version).

JSON, never pickle: a cache directory is data, and loading it must not run code.
The folder carries a CACHEDIR.TAG so backup tools skip it.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Optional

from . import __version__
from .engine import FileResult
from .model import Diagnostic
from .suppressions import Suppression

CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by odoolint.\n"
                "# For information about cache directory tags see https://bford.info/cachedir/\n")
DEFAULT_DIR = ".odoolint_cache"


class Cache:
    def __init__(self, directory: Path):
        self.directory = directory
        self.base = directory / __version__
        self._ready = False

    def _prepare(self) -> None:
        if self._ready:
            return
        self.base.mkdir(parents=True, exist_ok=True)
        tag = self.directory / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text(CACHEDIR_TAG)
        gi = self.directory / ".gitignore"
        if not gi.exists():
            gi.write_text("# Automatically created by odoolint.\n*\n")
        self._ready = True

    def _file(self, key: str) -> Path:
        return self.base / key[:2] / f"{key}.json"

    def get(self, key: str) -> Optional[FileResult]:
        try:
            with open(self._file(key), encoding="utf-8") as fh:
                data = json.load(fh)
            return FileResult(
                data["path"], data["kind"], data["digest"],
                [Diagnostic.from_dict(d) for d in data["diagnostics"]], data["facts"],
                [Suppression(**s) for s in data["suppressions"]], [], data["parsed"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, result: FileResult) -> None:
        if result.errors:
            return  # never cache a run in which a rule crashed
        try:
            blob = json.dumps({
                "path": result.path, "kind": result.kind, "digest": result.digest,
                "diagnostics": [d.to_dict() for d in result.diagnostics], "facts": result.facts,
                "suppressions": [_sup(s) for s in result.suppressions], "parsed": result.parsed})
        except (TypeError, ValueError):
            return
        try:
            self._prepare()
            target = self._file(key)
            target.parent.mkdir(exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(blob)
            os.replace(tmp, target)
        except OSError:
            pass


def _sup(s: Suppression) -> dict:
    d = asdict(s)
    d["codes"] = list(s.codes) if s.codes is not None else None
    return d


def clean(directory: Path) -> bool:
    if directory.is_dir() and (directory / "CACHEDIR.TAG").exists():
        shutil.rmtree(directory)
        return True
    return False
