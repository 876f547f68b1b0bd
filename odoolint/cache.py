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

Trust (a cache folder is data anyone can plant in a tree): a pack file is ``odoolint-pack-mac <hmac>\n`` then
the JSON, signed with the user's own key (``cachekey``: ``$XDG_CACHE_HOME/odoolint/key``, outside the tree); a
pack whose MAC does not verify is ignored whole. Every entry used must also be of the file it is used for (path,
kind, digest) and hold only well-typed diagnostics and suppressions whose spans and edits lie inside that file
(offsets within its size, lines within its line breaks); project diagnostics must name files of the run. A
cache folder that is a symbolic link, holds one in place of its version folder, or that git tracks is not used
(``Cache.refusal`` says why, once per run). Files in it are opened without following symlinks.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import time
from pathlib import Path
from typing import Iterable, Optional

from . import __version__, cachekey
from .engine import FileResult
from .model import Applicability, Diagnostic, Severity
from .suppressions import Suppression

CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by odoolint.\n"
                "# For information about cache directory tags see https://bford.info/cachedir/\n")
DEFAULT_DIR = ".odoolint_cache"
FORMAT = "odoolint-pack/3"
MAC_PREFIX = b"odoolint-pack-mac "
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
        data = _load_signed(self.path, cache.key, self._context()) if cache.key is not None else None
        if isinstance(data, dict) and data.get("format") == FORMAT and data.get("odoolint") == __version__ \
                and data.get("lint") == lint_hash and isinstance(data.get("files"), dict):
            self.files = data["files"]
            self.project = data.get("project") if isinstance(data.get("project"), dict) else None

    def _context(self) -> str:
        return f"{FORMAT}\0{self.lint_hash}\0{os.path.abspath(self.cache.directory)}"

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
        return _result(ref, e, Bounds(st[1], st[1] + 1), light)

    def by_digest(self, ref, digest: str, st: Optional[list[int]], data: bytes,
                  light: bool = False, refresh: bool = True) -> Optional[FileResult]:
        """The result recorded for these bytes; refreshes the stat so the next run need not hash (`refresh`:
        `data` is the file on disk, not a buffer or fixed text)."""
        e = self._entry(ref)
        if e is None or e.get("digest") != digest:
            return None
        res = _result(ref, e, Bounds.of(data), light)
        if res is not None and refresh:
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

    def project_diagnostics(self, key: str, files: dict[str, "Bounds"]) -> Optional[list[Diagnostic]]:
        """The project phase's recorded output, if every diagnostic is of a file of this run (`files`: path ->
        its bounds) and lies inside it."""
        p = self.project
        if not p or p.get("key") != key or not isinstance(p.get("diagnostics"), list):
            return None
        out = []
        for d in p["diagnostics"]:
            diag = _diagnostic(d)
            if diag is None or diag.path not in files or not files[diag.path].holds(diag):
                return None
            out.append(diag)
        return out

    def store_project(self, key: str, diagnostics: list[Diagnostic]) -> None:
        if self.project and self.project.get("key") == key:
            return
        self.project = {"key": key, "diagnostics": [d.to_dict() for d in diagnostics]}
        self.dirty = True

    # ---- writing -------------------------------------------------------------------------------------------

    def save(self) -> None:
        if not self.dirty:
            return
        key = self.cache.key
        if key is None:
            return
        try:
            blob = json.dumps({"format": FORMAT, "odoolint": __version__, "lint": self.lint_hash,
                               "files": self.files, "project": self.project}, ensure_ascii=False,
                              separators=(",", ":")).encode("utf-8", "surrogatepass")
        except (TypeError, ValueError, UnicodeError):
            return
        try:
            self.cache.prepare()
            cachekey.write_signed(self.cache.base, ".pack-", self.path,
                                  MAC_PREFIX + cachekey.sign(key, self._context(), blob).encode(), blob)
            self.dirty = False
            self.cache.prune(keep=self.path)
        except OSError:
            pass


def project_key(lint_hash: str, target_origin: str, root: str, files: list[tuple], addons_paths: list[str]) -> str:
    """What the project phase's output depends on: every file's identity and digest, the settings, and the
    listing of configured addons-path folders (project rules look for addons there)."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{lint_hash}\0{target_origin}\0{root}\0".encode())
    # one update for every row (the same bytes as one per row)
    h.update("".join("\0".join("" if x is None else str(x) for x in row) + "\n"
                     for row in sorted(files)).encode("utf-8", "surrogateescape"))
    for p in addons_paths:
        base = p if os.path.isabs(p) else os.path.join(root, p)
        try:
            st = os.stat(base)
            h.update(f"{base}\0{st.st_mtime_ns}\0{sorted(os.listdir(base))}\n".encode("utf-8", "surrogateescape"))
        except OSError:
            h.update(f"{base}\0-\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


class Cache:
    def __init__(self, directory: Path, root: Optional[Path] = None):
        self.directory = directory
        self.base = directory / __version__
        self.root = root
        self._ready = False
        self._key: Optional[bytes] = None
        self._refusal: Optional[str] = ""

    @property
    def refusal(self) -> Optional[str]:
        """Why this cache folder must not be used (None: it may be): a symlink is written through to wherever it
        points, and a folder git tracks arrives with the tree (a pull request can plant it)."""
        if self._refusal == "":
            self._refusal = _refusal(self.directory, self.base)
            if self._refusal is None:
                self._key = cachekey.load_key(str(self.root) if self.root is not None else None)
                if self._key is None:
                    self._refusal = (f"no usable signing key at {cachekey.key_path()} (it must be the user's own, "
                                     f"mode 0600, outside the project)")
        return self._refusal

    @property
    def key(self) -> Optional[bytes]:
        return None if self.refusal is not None else self._key

    def prepare(self) -> None:
        if self._ready:
            return
        if self.refusal is not None:
            raise OSError(self.refusal)
        self.base.mkdir(parents=True, exist_ok=True)
        if _refusal(self.directory, self.base) is not None:
            raise OSError("cache folder replaced by a symlink")
        _create_once(self.directory / "CACHEDIR.TAG", CACHEDIR_TAG)
        _create_once(self.directory / ".gitignore", "# Automatically created by odoolint.\n*\n")
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
        super().__init__(path, kind, digest, diagnostics, None, suppressions, [], parsed)
        self._facts_text, self._facts = facts_text, None

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


class Bounds:
    """What a file's spans must lie within: character offsets up to its size in bytes (a character takes at least
    one byte in every encoding), lines up to one more than its line breaks."""

    __slots__ = ("size", "lines")

    def __init__(self, size: int, lines: int):
        self.size, self.lines = size, lines

    @classmethod
    def of(cls, data: bytes) -> "Bounds":
        return cls(len(data), data.count(b"\n") + data.count(b"\r") + 1)

    def span_ok(self, span) -> bool:
        a, b = span.start, span.end
        for pos in (a, b):
            if not (type(pos.line) is int and type(pos.column) is int and type(pos.offset) is int):
                return False
            if not (1 <= pos.line <= self.lines and 1 <= pos.column <= self.size + 1
                    and 0 <= pos.offset <= self.size):
                return False
        return a.offset <= b.offset and a.line <= b.line

    def holds(self, d: Diagnostic) -> bool:
        if not self.span_ok(d.span):
            return False
        if d.noqa_line is not None and not (type(d.noqa_line) is int and 1 <= d.noqa_line <= self.lines):
            return False
        if d.fix is not None:
            if not isinstance(d.fix.message, str):
                return False
            for e in d.fix.edits:
                if not isinstance(e.content, str) or not self.span_ok(e.span):
                    return False
        return True


_STR_FIELDS = ("code", "name", "message", "path", "kind")


def _diagnostic(d) -> Optional[Diagnostic]:
    """A Diagnostic from cached data, or None unless every field has its type."""
    if not isinstance(d, dict):
        return None
    try:
        diag = Diagnostic.from_dict(d)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None
    if not all(isinstance(getattr(diag, f), str) for f in _STR_FIELDS) or not isinstance(diag.severity, Severity):
        return None
    if diag.fix is not None and not isinstance(diag.fix.applicability, Applicability):
        return None
    return diag


def _suppression_ok(s: Suppression, bounds: Bounds) -> bool:
    ints = (s.start_line, s.end_line, s.origin_line, s.origin_start, s.origin_end, s.origin_column)
    if not all(type(x) is int for x in ints) or not all(type(x) is bool for x in (s.foreign, s.file_level)):
        return False
    if s.codes is not None and not all(isinstance(c, str) for c in s.codes):
        return False
    return (1 <= s.origin_line <= bounds.lines and 0 <= s.origin_start <= s.origin_end <= bounds.size
            and 1 <= s.start_line <= s.end_line <= bounds.lines)


def _result(ref, e: dict, bounds: Bounds, light: bool = False) -> Optional[FileResult]:
    """The cached result of `ref`'s file, or None unless the entry is wholly of that file and inside it.
    `light`: digest and facts only (the findings are not wanted, so not checked either)."""
    try:
        if not isinstance(e.get("digest"), str) or not isinstance(e.get("facts"), str) \
                or not isinstance(e.get("parsed"), bool) or not isinstance(e.get("diagnostics"), list) \
                or not isinstance(e.get("suppressions"), list):
            return None
        if light:
            return CachedResult(ref.path, e["kind"], e["digest"], [], e["facts"], [], e["parsed"])
        diagnostics = []
        for d in e["diagnostics"]:
            diag = _diagnostic(d)
            if diag is None or diag.path != ref.path or not bounds.holds(diag):
                return None
            diagnostics.append(diag)
        sups = [_unsup(s) for s in e["suppressions"]]
        if not all(_suppression_ok(s, bounds) for s in sups):
            return None
        return CachedResult(ref.path, e["kind"], e["digest"], diagnostics, e["facts"], sups, e["parsed"])
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _load_signed(path: Path, key: bytes, context: str):
    """The JSON of a pack whose MAC verifies under the user's key; None otherwise (or if it is not a regular
    file: the pack is opened without following a symlink)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            raw = fh.read()
    except OSError:
        return None
    finally:
        if fd >= 0:
            os.close(fd)
    head, sep, body = raw.partition(b"\n")
    if not sep or not head.startswith(MAC_PREFIX):
        return None
    if not cachekey.verify(key, context, body, head[len(MAC_PREFIX):].decode("ascii", "replace")):
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


def _refusal(directory: Path, base: Path) -> Optional[str]:
    from .gitindex import tracks_under
    from .names import shown
    if os.path.islink(directory):
        return f"cache folder {shown(str(directory))} is a symbolic link; not used"
    if os.path.islink(base):
        return f"cache folder {shown(str(base))} is a symbolic link; not used"
    if os.path.lexists(directory) and not os.path.isdir(directory):
        return f"cache folder {shown(str(directory))} is not a folder; not used"
    if os.path.isdir(directory) and tracks_under(str(directory)):
        return f"cache folder {shown(str(directory))} is tracked by git (it came with the tree); not used"
    return None


def _create_once(path: Path, text: str) -> None:
    """Create a small file unless something (a symlink included) is already there; never write through one."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except FileExistsError:
        return
    with os.fdopen(fd, "w") as fh:
        fh.write(text)


def _sup(s: Suppression) -> dict:
    d = s.to_dict()
    d["codes"] = list(s.codes) if s.codes is not None else None
    return d


def _unsup(d: dict) -> Suppression:
    s = Suppression(**d)
    if s.codes is not None:
        s.codes = tuple(s.codes)
    return s


def clean(directory: Path) -> Optional[str]:
    """Remove the cache folder; what was removed (None: nothing). A symbolic link is removed as a link: what it
    points to is never touched."""
    if os.path.islink(directory):
        os.unlink(directory)
        return "link"
    if directory.is_dir() and (directory / "CACHEDIR.TAG").exists():
        shutil.rmtree(directory)
        return "folder"
    return None


__all__ = ["CACHEDIR_TAG", "DEFAULT_DIR", "FORMAT", "Bounds", "Cache", "Pack", "clean", "project_key", "stat_key"]

