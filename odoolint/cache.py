"""The cache: one pack file per settings, so that a run with nothing changed reads one file and hashes nothing.

Layout: ``<cache dir>/CACHEDIR.TAG``, ``.gitignore`` and ``<odoolint version>/pack-<lint hash>.json``, where the
lint hash covers what changes a per-file result (enabled rules, target version, rule options, addons paths; see
``Settings.lint_hash``). A pack is plain data, never pickle (a cache directory is data; loading it must not run
code). Its content, as `decode_pack` gives it and `encode_pack` takes it::

    {"format": "odoolint-pack/7", "odoolint": "<version>", "lint": "<lint hash>",
     "files": {"<absolute path>": {
         "stat": [mtime_ns, size, inode] | null,    # null: the file changed too recently to trust its stat
         "digest": "<blake2b-128 hex of the bytes>",
         "relpath": "...", "kind": "...", "addon": "..." | null, "addon_path": "..." | null,
         "parsed": true, "diagnostics": [Diagnostic.to_dict()...], "facts": "<JSON text of the facts>",
         "suppressions": [{Suppression fields}...]}},
     "project": {"key": "<hash of every file's path, digest, kind and addon + settings>",
                 "diagnostics": [Diagnostic.to_dict()...]} | null}

On disk it is a JSON header and three marshal sections (plain values only, decoded only once the signed header
vouches for them, several times faster than JSON: a warm run decodes two of them), so that a run reads only what
it needs: ``index`` (per file its stat, digest,
relpath, kind, addon, addon path and parsed flag, as a list, plus the project output), ``results`` (per file that
has any: its diagnostics and suppressions) and ``facts`` (per file: the JSON text of its facts). A run with nothing
changed decodes the index and the results; a one-file run whose buffer the cache knows, the index only; the facts
are decoded only when the project phase runs again (and then file by file).

Change detection (like git's index): same (mtime_ns, size, inode) as recorded ⇒ the entry is used without
reading the file; otherwise the bytes are read and hashed, and an entry with the same digest is used (its
stat refreshed). An entry whose mtime was within ``RACY_NS`` of the moment it was recorded keeps no stat, so
an edit in the same timestamp tick is always caught by the hash. Entries of files a run did not look at are kept
(a partial run must not forget the rest of the project); entries under a folder the run walked whose files it did
not find are dropped. The project phase's diagnostics are kept under a key that changes when any file's digest,
kind or addon does. Results with internal rule errors and unreadable files are never stored.

Trust (a cache folder is data anyone can plant in a tree): a pack file is ``odoolint-pack-mac <mac>\n``, a
header line (format, version, lint hash, and each section's length and BLAKE2b-256) and the sections; the MAC signs
the header with the user's own key (``cachekey``: ``$XDG_CACHE_HOME/odoolint/key``, outside the tree), so it
vouches for every section through its hash. A pack whose MAC or any section hash does not verify is ignored
whole. Every entry used must also be of the file it is used for (path,
kind, digest) and hold only well-typed diagnostics and suppressions whose spans and edits lie inside that file
(offsets within its size, lines within its line breaks); project diagnostics must name files of the run. A
cache folder that is a symbolic link, holds one in place of its version folder, or that git tracks is not used
(``Cache.refusal`` says why, once per run). Files in it are opened without following symlinks.
"""
from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Iterable, Optional

from . import __version__, cachekey
from .digests import blake2b
from .engine import FileResult
from .model import Applicability, Diagnostic, Severity
from .suppressions import Suppression

CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by odoolint.\n"
                "# For information about cache directory tags see https://bford.info/cachedir/\n")
DEFAULT_DIR = ".odoolint_cache"
FORMAT = "odoolint-pack/7"     # 7: BLAKE2b MAC and section digests (6: HMAC/SHA-256, marshal; 5: JSON)
MAC_PREFIX = b"odoolint-pack-mac "
RACY_NS = 2_000_000_000        # a file modified this recently may change again within the same mtime tick
MAX_PACKS = 8                  # packs of other settings kept beside the current one (most recent first)
SECTIONS = ("index", "results", "facts")
INDEX_FIELDS = ("stat", "digest", "relpath", "kind", "addon", "addon_path", "parsed", "facts_digest")   # in order


def stat_key(st: os.stat_result) -> list[int]:
    return [st.st_mtime_ns, st.st_size, st.st_ino]


class Pack:
    """The entries of one lint hash, loaded once per run and written back once if anything changed. The index
    is decoded when the pack is opened; the results and the facts sections when first asked for."""

    def __init__(self, cache: "Cache", lint_hash: str):
        self.cache, self.lint_hash = cache, lint_hash
        self.path = cache.base / f"pack-{lint_hash}.json"
        self.files: dict[str, list] = {}          # path -> its INDEX_FIELDS
        self.project: Optional[dict] = None
        self._raw: dict[str, memoryview] = {}     # sections not decoded yet
        self._results: dict[str, list] = {}       # path -> [diagnostics, suppressions] (files that have any)
        self._facts: dict[str, str] = {}          # path -> JSON text of its facts
        self.dirty = False
        self.now_ns = time.time_ns()
        loaded = _load_signed(self.path, cache.key, self._context()) if cache.key is not None else None
        if loaded is not None:
            header, raw = loaded
            index = _load(raw["index"]) if header.get("format") == FORMAT else None
            if header.get("odoolint") == __version__ \
                    and header.get("lint") == lint_hash and isinstance(index, dict) \
                    and isinstance(index.get("files"), dict):
                self.files = index["files"]
                self.project = index.get("project") if isinstance(index.get("project"), dict) else None
                self._raw = {"results": raw["results"], "facts": raw["facts"]}

    def _context(self) -> str:
        return f"{FORMAT}\0{self.lint_hash}\0{os.path.abspath(self.cache.directory)}"

    def _section(self, name: str) -> dict:
        raw = self._raw.pop(name, None)
        if raw is not None:
            value = _load(raw)
            setattr(self, f"_{name}", value if isinstance(value, dict) else {})
        return getattr(self, f"_{name}")

    def facts_text(self, path: str) -> Optional[str]:
        """The JSON text of a file's recorded facts (the facts section is decoded on the first call)."""
        return self._section("facts").get(path)

    # ---- per-file entries -----------------------------------------------------------------------------

    def _entry(self, ref) -> Optional[list]:
        e = self.files.get(ref.path)
        if type(e) is not list or len(e) != 8 or e[3] != ref.kind or e[4] != ref.addon \
                or e[5] != ref.addon_path or e[2] != ref.relpath:
            return None
        return e

    def known(self, path: str) -> bool:
        return path in self.files

    def by_stat(self, ref, st: list[int], light: bool = False) -> Optional[FileResult]:
        """The result recorded for this file if its stat is unchanged (the file is not read). `light`: only
        its digest and facts (a partial run's context file: its findings are not reported)."""
        # every file of a warm run comes here: _entry's checks written out, and no Bounds unless it has findings
        path = ref.path
        e = self.files.get(path)
        if type(e) is not list or len(e) != 8 or e[0] != st or e[3] != ref.kind or e[4] != ref.addon \
                or e[5] != ref.addon_path or e[2] != ref.relpath:
            return None
        if not light and path not in (self._results if "results" not in self._raw else self._section("results")):
            # no findings or suppressions recorded (most files): _result's answer for that case, written out
            digest, parsed, facts_digest = e[1], e[6], e[7]
            if type(digest) is not str or type(parsed) is not bool or type(facts_digest) is not str:
                return None
            return CachedResult(path, ref.kind, digest, [], self, [], parsed, facts_digest)
        return self._result(ref, e, st[1], light)

    def by_digest(self, ref, digest: str, st: Optional[list[int]], data: bytes,
                  light: bool = False, refresh: bool = True) -> Optional[FileResult]:
        """The result recorded for these bytes; refreshes the stat so the next run need not hash (`refresh`:
        `data` is the file on disk, not a buffer or fixed text)."""
        e = self._entry(ref)
        if e is None or e[1] != digest:
            return None
        res = self._result(ref, e, Bounds.of(data), light)
        if res is not None and refresh:
            fresh = self._trusted(st)
            if e[0] != fresh:
                e[0] = fresh
                self.dirty = True
        return res

    def _result(self, ref, e: list, bounds: "Bounds | int", light: bool = False) -> Optional[FileResult]:
        """The cached result of `ref`'s file, or None unless the entry is wholly of that file and inside it.
        `bounds`: the file's Bounds, or its size (from its stat: Bounds(size, size + 1), made only if needed).
        `light`: digest and facts only (the findings are not wanted, so not checked either)."""
        digest, parsed, facts_digest = e[1], e[6], e[7]
        if type(digest) is not str or type(parsed) is not bool or type(facts_digest) is not str:
            return None
        if light:
            return CachedResult(ref.path, ref.kind, digest, [], self, [], parsed, facts_digest)
        results = self._results if "results" not in self._raw else self._section("results")
        found = results.get(ref.path)
        if found is None:
            return CachedResult(ref.path, ref.kind, digest, [], self, [], parsed, facts_digest)
        if type(bounds) is int:
            bounds = Bounds(bounds, bounds + 1)
        try:
            raw_diags, raw_sups = found
            if not isinstance(raw_diags, list) or not isinstance(raw_sups, list):
                return None
            diagnostics = []
            for d in raw_diags:
                diag = _diagnostic(d)
                if diag is None or diag.path != ref.path or not bounds.holds(diag):
                    return None
                diagnostics.append(diag)
            sups = [_unsup(s) for s in raw_sups]
        except (KeyError, TypeError, ValueError, AttributeError):
            return None
        if not all(_suppression_ok(s, bounds) for s in sups):
            return None
        return CachedResult(ref.path, ref.kind, digest, diagnostics, self, sups, parsed, facts_digest)

    def store(self, ref, st: Optional[list[int]], result: FileResult) -> None:
        if result.errors:
            return  # never cache a run in which a rule crashed
        try:
            diagnostics = [d.to_dict() for d in result.diagnostics]
            suppressions = [_sup(s) for s in result.suppressions]
            # facts must be JSON data; anything else is not cached
            facts = facts_json(result.facts)
        except (TypeError, ValueError):
            self._drop(ref.path)
            return
        results, facts_of = self._section("results"), self._section("facts")
        self.files[ref.path] = [self._trusted(st), result.digest, ref.relpath, ref.kind, ref.addon, ref.addon_path,
                                result.parsed, _text_digest(facts)]
        if diagnostics or suppressions:
            results[ref.path] = [diagnostics, suppressions]
        else:
            results.pop(ref.path, None)
        facts_of[ref.path] = facts
        self.dirty = True

    def _drop(self, path: str) -> None:
        if self.files.pop(path, None) is not None:
            self._section("results").pop(path, None)
            self._section("facts").pop(path, None)
            self.dirty = True

    def forget_missing(self, walked: Iterable[str], seen: set[str]) -> None:
        """Drop entries under the walked folders for files the run did not find (deleted or now excluded)."""
        prefixes = tuple(w.rstrip(os.sep) + os.sep for w in walked)
        if not prefixes:
            return
        for p in [p for p in self.files if p not in seen and p.startswith(prefixes)]:
            self._drop(p)

    def _trusted(self, st: Optional[list[int]]) -> Optional[list[int]]:
        if st is None or not (st[0] < self.now_ns - RACY_NS):
            return None
        return st

    # ---- the project phase -------------------------------------------------------------------------------

    def project_diagnostics(self, key: str, files) -> Optional[list[Diagnostic]]:
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
            head, body = _encode(self.lint_hash, self.files, self._section("results"), self._section("facts"),
                                 self.project, key, self._context())
        except (TypeError, ValueError, UnicodeError):
            return
        try:
            self.cache.prepare()
            cachekey.write_signed(self.cache.base, ".pack-", self.path, head, body)
            self.dirty = False
            self.cache.prune(keep=self.path)
        except OSError:
            pass


def _dumps(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def _decode(raw):
    try:
        return json.loads(bytes(raw) if isinstance(raw, memoryview) else raw)
    except ValueError:
        return None


def _marshal(value) -> bytes:
    """A section's bytes: marshal data (plain values only: lists stay lists, strings may hold surrogates), which a
    run decodes several times faster than JSON; strings that are one object are written once. A value marshal
    refuses (a rule's str subclass in a message or an edit) is first made what JSON would have read back."""
    import marshal
    try:
        return marshal.dumps(value)
    except ValueError:
        return marshal.dumps(_plain(value))


def _plain(value):
    """`value` as a JSON round trip gives it back: str, int and float subclasses as those types, tuples as lists
    (TypeError for anything JSON cannot hold, as json.dumps raised)."""
    t = type(value)
    if t is str or t is int or t is float or t is bool or value is None:
        return value
    if t is list or t is tuple:
        return [_plain(x) for x in value]
    if t is dict:
        return {_plain(k): _plain(x) for k, x in value.items()}
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int.__index__(value)
    if isinstance(value, float):
        return float.__float__(value)
    if isinstance(value, (list, tuple)):
        return [_plain(x) for x in value]
    if isinstance(value, dict):
        return {_plain(k): _plain(x) for k, x in value.items()}
    raise TypeError(f"not JSON data: {t.__name__}")


def _load(raw):
    """A section's value, or None. Called only on a section whose hash the signed header vouches for (marshal
    builds plain values and runs nothing, but it is not meant for data anyone could have written)."""
    import marshal
    try:
        return marshal.loads(raw)
    except (ValueError, EOFError, TypeError):
        return None


def _shared(files: dict) -> dict:
    """The index with each entry's kind, addon and addon path one string object per value (marshal then writes a
    back-reference for each repeat: a smaller index, decoded faster)."""
    seen: dict = {}
    out = {}
    for path, e in files.items():
        if type(e) is list and len(e) == 8:
            e = e[:3] + [seen.setdefault(x, x) if type(x) is str else x for x in e[3:6]] + e[6:]
        out[path] = e
    return out


def _section_digest(blob: bytes) -> str:
    """BLAKE2b-256 of a section (CPython's own: no OpenSSL to load on a warm run)."""
    return blake2b(blob, digest_size=32).hexdigest()


def _encode(lint_hash: str, files: dict, results: dict, facts: dict, project: Optional[dict], key: bytes,
            context: str) -> tuple[bytes, bytes]:
    """(MAC line, header line + sections) of a pack."""
    blobs = [_marshal({"files": _shared(files), "project": project}), _marshal(results), _marshal(facts)]
    header = _dumps({"format": FORMAT, "odoolint": __version__, "lint": lint_hash,
                     "sections": [[name, len(b), _section_digest(b)] for name, b in zip(SECTIONS, blobs)]})
    return MAC_PREFIX + cachekey.sign(key, context, header).encode(), header + b"\n" + b"".join(blobs)


def _split(raw: bytes, verify=None) -> Optional[tuple[dict, dict]]:
    """(header, sections) of a pack file's bytes, each section (a memoryview of `raw`: nothing is copied) checked
    against the header's hash; None if it is not one. `verify(header bytes, MAC text)`: the MAC check, done before
    anything else is looked at."""
    first = raw.find(b"\n")
    second = raw.find(b"\n", first + 1) if first >= 0 else -1
    if second < 0 or not raw.startswith(MAC_PREFIX):
        return None
    header_bytes = raw[first + 1:second]
    if verify is not None and not verify(header_bytes, raw[len(MAC_PREFIX):first].decode("ascii", "replace")):
        return None
    header = _decode(header_bytes)
    if not isinstance(header, dict) or not isinstance(header.get("sections"), list):
        return None
    view = memoryview(raw)
    out: dict = {}
    pos = second + 1
    try:
        for name, size, digest in header["sections"]:
            if name not in SECTIONS or name in out or type(size) is not int or size < 0:
                return None
            blob = view[pos:pos + size]
            pos += size
            if len(blob) != size or _section_digest(blob) != digest:
                return None
            out[name] = blob
    except (TypeError, ValueError):
        return None
    if pos != len(raw) or len(out) != len(SECTIONS):
        return None
    return header, out


def decode_pack(raw: bytes) -> Optional[dict]:
    """The content of a pack file (the shape in this module's docstring), its MAC not checked: for tests and
    inspection, never for a run."""
    parts = _split(raw)
    if parts is None:
        return None
    header, sections = parts
    index, results, facts = (_load(sections[n]) for n in SECTIONS)
    files = {}
    for path, e in index["files"].items():
        entry = dict(zip(INDEX_FIELDS, e))
        diags, sups = results.get(path, ([], []))
        entry.update(diagnostics=diags, suppressions=sups, facts=facts.get(path))
        files[path] = entry
    return {"format": header.get("format"), "odoolint": header.get("odoolint"), "lint": header.get("lint"),
            "files": files, "project": index.get("project")}


def encode_pack(data: dict, key: bytes, context: str) -> bytes:
    """A pack file's bytes for `data` (the shape `decode_pack` gives), signed with `key` for `context`."""
    files, results, facts = {}, {}, {}
    for path, e in data["files"].items():
        files[path] = [e.get(f) for f in INDEX_FIELDS]
        if e.get("diagnostics") or e.get("suppressions"):
            results[path] = [e.get("diagnostics"), e.get("suppressions")]
        facts[path] = e.get("facts")
    head, body = _encode(data["lint"], files, results, facts, data.get("project"), key, context)
    return head + b"\n" + body


def facts_json(facts) -> str:
    """The JSON text of a file's facts as the pack keeps it (TypeError or ValueError unless they are JSON data)."""
    return json.dumps(facts, ensure_ascii=False, separators=(",", ":"))


def _text_digest(text: str) -> str:
    return blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def facts_digest(result: FileResult) -> Optional[str]:
    """The digest of a file's facts: what the project phase reads of it. A file edited without changing its
    facts (a method body, a comment, a string) leaves it as it was, so the project phase's output is kept. None
    when the facts are not JSON data (the project phase then runs and is not stored)."""
    known = getattr(result, "facts_digest", None)
    if known is None:
        try:
            known = _text_digest(facts_json(result.facts))
        except (TypeError, ValueError):
            return None
        result.facts_digest = known
    return known


def project_key(lint_hash: str, target_origin: str, root: str, files: list[tuple], addons_paths: list[str]) -> str:
    """What the project phase's output depends on: every file's identity and the digest of its facts (project
    rules read nothing else of a file), the settings, and the listing of configured addons-path folders (project
    rules look for addons there)."""
    h = blake2b(digest_size=16)
    h.update(f"{lint_hash}\0{target_origin}\0{root}\0".encode())
    # one update for every row (the same bytes as one per row)
    h.update("".join(["\0".join(["" if x is None else x if type(x) is str else str(x) for x in row]) + "\n"
                      for row in sorted(files)]).encode("utf-8", "surrogateescape"))
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

    def __init__(self, path, kind, digest, diagnostics, pack: "Pack", suppressions, parsed, facts_digest: str):
        # FileResult.__init__'s fields set here directly (one of these per file of a warm run)
        self.path, self.kind, self.digest, self.diagnostics = path, kind, digest, diagnostics
        self.suppressions, self.errors, self.parsed, self.failed = suppressions, [], parsed, set()
        self._pack, self._facts, self.facts_digest = pack, None, facts_digest

    @property
    def facts(self) -> dict:
        if self._facts is None:
            try:
                value = json.loads(self._pack.facts_text(self.path))
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
    if not (type(diag.code) is str and type(diag.name) is str and type(diag.message) is str
            and type(diag.path) is str and type(diag.kind) is str) or not isinstance(diag.severity, Severity):
        return None     # (_STR_FIELDS written out: JSON text decodes to str itself, never a subclass)
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


def _load_signed(path: Path, key: bytes, context: str) -> Optional[tuple[dict, dict[str, bytes]]]:
    """(header, sections) of a pack whose MAC verifies under the user's key and whose sections match the
    header's hashes; None otherwise (or if it is not a regular file: the pack is opened without following a
    symlink)."""
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
    return _split(raw, lambda header, mac: cachekey.verify(key, context, header, mac))


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
        import shutil      # here: only `odoolint clean` removes a cache (shutil imports bz2 and lzma)
        shutil.rmtree(directory)
        return "folder"
    return None


__all__ = ["CACHEDIR_TAG", "DEFAULT_DIR", "FORMAT", "Bounds", "Cache", "Pack", "clean", "decode_pack", "encode_pack",
           "facts_digest", "project_key", "stat_key"]

