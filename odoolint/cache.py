"""The cache: one pack file per settings, so that a run with nothing changed reads one file and hashes nothing.

Layout: ``<cache dir>/CACHEDIR.TAG``, ``.gitignore`` and ``<odoolint version>/pack-<lint hash>.json``, where the
lint hash covers what changes a per-file result (enabled rules, target version, rule options, addons paths; see
``Settings.lint_hash``). A pack is JSON, never pickle (a cache directory is data; loading it must not run code)::

    {"format": "odoolint-pack/1", "odoolint": "<version>", "lint": "<lint hash>",
     "files": {"<absolute path>": {
         "stat": [mtime_ns, size, inode] | null,    # null: the file changed too recently to trust its stat
         "digest": "<blake2b-128 hex of the bytes>",
         "relpath": "...", "kind": "...", "addon": "..." | null, "addon_path": "..." | null,
         "parsed": true, "diagnostics": [Diagnostic.to_dict()...], "facts": "<JSON text of the facts>",
         "suppressions": [{Suppression fields}...]}},
     "project": {"key": "<hash of every file's path, digest, kind and addon + settings>",
                 "diagnostics": [Diagnostic.to_dict()...]} | null}

Change detection (like git's index): same (mtime_ns, size, inode) as recorded ⇒ the entry is used without
reading the file; otherwise the bytes are read and hashed, and an entry with the same digest is used (its
stat refreshed). An entry whose mtime was within ``RACY_NS`` of the moment it was recorded keeps no stat, so
an edit in the same timestamp tick is always caught by the hash. Entries of files a run did not look at are kept
(a partial run must not forget the rest of the project); entries under a folder the run walked whose files it did
not find are dropped. The project phase's diagnostics are kept under a key that changes when any file's digest,
kind or addon does. Results with internal rule errors and unreadable files are never stored.

The facts are more than half of a pack and are read only when the project phase runs again: kept as JSON text
inside the pack, they cost a string scan when the pack is read and are decoded file by file on first use.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Iterable, Optional

from . import __version__
from .engine import FileResult
from .model import Diagnostic
from .suppressions import Suppression

CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by odoolint.\n"
                "# For information about cache directory tags see https://bford.info/cachedir/\n")
DEFAULT_DIR = ".odoolint_cache"
FORMAT = "odoolint-pack/2"
RACY_NS = 2_000_000_000        # a file modified this recently may change again within the same mtime tick
MAX_PACKS = 8                  # packs of other settings kept beside the current one (most recent first)


def stat_key(st: os.stat_result) -> list[int]:
    return [st.st_mtime_ns, st.st_size, st.st_ino]


class Pack:
    """The entries of one lint hash, loaded once per run and written back once if anything changed."""

    def __init__(self, cache: "Cache", lint_hash: str):
        self.cache, self.lint_hash = cache, lint_hash
        self.path = cache.base / f"pack-{lint_hash}.json"
        self.files: dict[str, dict] = {}
        self.project: Optional[dict] = None
        self.dirty = False
        self.now_ns = time.time_ns()
        try:
            with open(self.path, "rb") as fh:
                data = json.loads(fh.read())
            if data.get("format") == FORMAT and data.get("odoolint") == __version__ \
                    and data.get("lint") == lint_hash and isinstance(data.get("files"), dict):
                self.files = data["files"]
                self.project = data.get("project") if isinstance(data.get("project"), dict) else None
        except (OSError, ValueError, AttributeError):
            pass

    # ---- per-file entries -----------------------------------------------------------------------------

    def _entry(self, ref) -> Optional[dict]:
        e = self.files.get(ref.path)
        if not isinstance(e, dict) or e.get("kind") != ref.kind or e.get("addon") != ref.addon \
                or e.get("addon_path") != ref.addon_path or e.get("relpath") != ref.relpath:
            return None
        return e

    def known(self, path: str) -> bool:
        return path in self.files

    def by_stat(self, ref, st: list[int], light: bool = False) -> Optional[FileResult]:
        """The result recorded for this file if its stat is unchanged (the file is not read). `light`: only
        its digest and facts (a partial run's context file: its findings are not reported)."""
        e = self._entry(ref)
        if e is None or e.get("stat") != st:
            return None
        return _result(ref.path, e, light)

    def by_digest(self, ref, digest: str, st: Optional[list[int]], light: bool = False) -> Optional[FileResult]:
        """The result recorded for these bytes; refreshes the stat so the next run need not hash."""
        e = self._entry(ref)
        if e is None or e.get("digest") != digest:
            return None
        res = _result(ref.path, e, light)
        if res is not None:
            fresh = self._trusted(st)
            if e.get("stat") != fresh:
                e["stat"] = fresh
                self.dirty = True
        return res

    def store(self, ref, st: Optional[list[int]], result: FileResult) -> None:
        if result.errors:
            return  # never cache a run in which a rule crashed
        try:
            entry = {"stat": self._trusted(st), "digest": result.digest, "relpath": ref.relpath,
                     "kind": ref.kind, "addon": ref.addon, "addon_path": ref.addon_path, "parsed": result.parsed,
                     "diagnostics": [d.to_dict() for d in result.diagnostics],
                     # facts must be JSON data; anything else is not cached
                     "facts": json.dumps(result.facts, ensure_ascii=False, separators=(",", ":")),
                     "suppressions": [_sup(s) for s in result.suppressions]}
        except (TypeError, ValueError):
            self.files.pop(ref.path, None)
            return
        self.files[ref.path] = entry
        self.dirty = True

    def forget_missing(self, walked: Iterable[str], seen: set[str]) -> None:
        """Drop entries under the walked folders for files the run did not find (deleted or now excluded)."""
        prefixes = tuple(w.rstrip(os.sep) + os.sep for w in walked)
        if not prefixes:
            return
        gone = [p for p in self.files if p not in seen and p.startswith(prefixes)]
        for p in gone:
            del self.files[p]
        if gone:
            self.dirty = True

    def _trusted(self, st: Optional[list[int]]) -> Optional[list[int]]:
        if st is None or not (st[0] < self.now_ns - RACY_NS):
            return None
        return st

    # ---- the project phase -------------------------------------------------------------------------------

    def project_diagnostics(self, key: str) -> Optional[list[Diagnostic]]:
        p = self.project
        if not p or p.get("key") != key:
            return None
        try:
            return [Diagnostic.from_dict(d) for d in p["diagnostics"]]
        except (KeyError, TypeError, ValueError):
            return None

    def store_project(self, key: str, diagnostics: list[Diagnostic]) -> None:
        if self.project and self.project.get("key") == key:
            return
        self.project = {"key": key, "diagnostics": [d.to_dict() for d in diagnostics]}
        self.dirty = True

    # ---- writing -------------------------------------------------------------------------------------------

    def save(self) -> None:
        if not self.dirty:
            return
        try:
            blob = json.dumps({"format": FORMAT, "odoolint": __version__, "lint": self.lint_hash,
                               "files": self.files, "project": self.project}, ensure_ascii=False,
                              separators=(",", ":"))
        except (TypeError, ValueError):
            return
        try:
            self.cache.prepare()
            fd, tmp = tempfile.mkstemp(dir=self.cache.base, prefix=".pack-", suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(blob)
                os.replace(tmp, self.path)
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
            self.dirty = False
            self.cache.prune(keep=self.path)
        except OSError:
            pass


def project_key(lint_hash: str, target_origin: str, root: str, files: list[tuple], addons_paths: list[str]) -> str:
    """What the project phase's output depends on: every file's identity and digest, the settings, and the
    listing of configured addons-path folders (project rules look for addons there)."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{lint_hash}\0{target_origin}\0{root}\0".encode())
    for row in sorted(files):
        h.update("\0".join("" if x is None else str(x) for x in row).encode("utf-8", "surrogateescape") + b"\n")
    for p in addons_paths:
        base = p if os.path.isabs(p) else os.path.join(root, p)
        try:
            st = os.stat(base)
            h.update(f"{base}\0{st.st_mtime_ns}\0{sorted(os.listdir(base))}\n".encode("utf-8", "surrogateescape"))
        except OSError:
            h.update(f"{base}\0-\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


class Cache:
    def __init__(self, directory: Path):
        self.directory = directory
        self.base = directory / __version__
        self._ready = False

    def prepare(self) -> None:
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

    def pack(self, lint_hash: str) -> Pack:
        return Pack(self, lint_hash)

    def prune(self, keep: Path) -> None:
        """Keep the MAX_PACKS most recently written packs (other settings, other target versions)."""
        try:
            packs = [p for p in self.base.iterdir() if p.name.startswith("pack-") and p.suffix == ".json"]
            if len(packs) <= MAX_PACKS:
                return
            packs.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
            for p in packs[MAX_PACKS:]:
                if p != keep:
                    p.unlink()
        except OSError:
            pass


class CachedResult(FileResult):
    """A result read from the pack: its facts, JSON text there, are decoded on first use."""

    def __init__(self, path, kind, digest, diagnostics, facts_text: str, suppressions, parsed):
        self._facts_text, self._facts = facts_text, None
        super().__init__(path, kind, digest, diagnostics, None, suppressions, [], parsed)

    @property
    def facts(self) -> dict:
        if self._facts is None:
            try:
                value = json.loads(self._facts_text)
            except (TypeError, ValueError):
                value = None
            self._facts = value if isinstance(value, dict) else {}
        return self._facts

    @facts.setter
    def facts(self, value) -> None:
        if value is not None:
            self._facts = value


def _result(path: str, e: dict, light: bool = False) -> Optional[FileResult]:
    try:
        facts = e["facts"]
        if not isinstance(facts, str):
            return None
        if light:
            return CachedResult(path, e["kind"], e["digest"], [], facts, [], e["parsed"])
        return CachedResult(path, e["kind"], e["digest"], [Diagnostic.from_dict(d) for d in e["diagnostics"]],
                            facts, [_unsup(s) for s in e["suppressions"]], e["parsed"])
    except (KeyError, TypeError, ValueError):
        return None


def _sup(s: Suppression) -> dict:
    d = asdict(s)
    d["codes"] = list(s.codes) if s.codes is not None else None
    return d


def _unsup(d: dict) -> Suppression:
    s = Suppression(**d)
    if s.codes is not None:
        s.codes = tuple(s.codes)
    return s


def clean(directory: Path) -> bool:
    if directory.is_dir() and (directory / "CACHEDIR.TAG").exists():
        shutil.rmtree(directory)
        return True
    return False


__all__ = ["CACHEDIR_TAG", "DEFAULT_DIR", "FORMAT", "Cache", "Pack", "clean", "project_key", "stat_key"]

