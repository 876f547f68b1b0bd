"""One run: discover · per-file phase (parallel, cached) · project phase · suppress · fix."""
from __future__ import annotations

import fnmatch
import os
import re
from pathlib import Path

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Callable, Optional

from . import baseline, onefile, scope
from .cache import DEFAULT_DIR, Bounds, Cache, Pack, facts_digest, project_key, stat_key
from .config import ConfigError, Settings
from .discovery import SourceRef, copier_answer_files, find_root
from .engine import UNHASHED, FileResult, RuleSet, build_ruleset, digest, lint_source, to_diagnostic
from .fixes import adapt_newlines, apply_fixes_detailed, fix_key, fixable
from .lifetime import keep
from .model import Diagnostic, Finding, OdooVersion, Record
from .project import Project, ProjectFile
from .registry import Registry, UnknownSelector, load_rules
from .sources import ParseFailure, decode, parse
from .names import shown as _shown
from .pool import EARLY_FILES, EarlyPool, configuration, start_workers
from .safeio import Escapes, Refused, escapes, read_regular, write_fixed
from .suppressions import covers
from .versions import FOLDER_TARGETS, SOURCE_KINDS, detect, scan_sources, split_by_folder, target_for, with_addon_series
from .walkcache import discover_cached

MAX_FIX_ROUNDS = 10
POOL_THRESHOLD = 48


class RunOptions(Record):
    _fields = ("paths", "settings", "fix", "unsafe_fixes", "diff", "no_cache", "jobs", "stdin_filename", "stdin_data",
               "explicit_version_origin", "baseline", "write_baseline", "progress", "freeze_read")

    def __init__(self, paths: list[Path], settings: Settings, fix: bool = False, unsafe_fixes: bool = False,
                 diff: bool = False, no_cache: bool = False, jobs: Optional[int] = None,
                 stdin_filename: Optional[str] = None, stdin_data: Optional[bytes] = None,
                 explicit_version_origin: str = "config",
                 baseline: Optional[Path] = None,          # accept the findings recorded there
                 write_baseline: Optional[Path] = None,    # record every current finding there
                 progress: Optional[Callable[[int, int], None]] = None,    # called with (files linted, to lint)
                 freeze_read: bool = False):
        self.paths, self.settings, self.fix, self.unsafe_fixes, self.diff = paths, settings, fix, unsafe_fixes, diff
        self.no_cache, self.jobs, self.stdin_filename, self.stdin_data = no_cache, jobs, stdin_filename, stdin_data
        self.explicit_version_origin, self.baseline = explicit_version_origin, baseline
        self.write_baseline, self.progress = write_baseline, progress
        # a command-line run: what the walk and the cache gave is kept to the end, so it is moved out of the
        # collector's sight (gc.freeze) instead of being scanned again at every collection of the per-file phase
        self.freeze_read = freeze_read


class RunResult(Record):
    _fields = ("root", "diagnostics", "fixed", "originals", "fixed_data", "relpaths", "errors", "target",
               "target_origin", "files", "kinds", "baseline_written", "failures", "outside", "warnings")

    def __init__(self, root: Path, diagnostics: list[Diagnostic], fixed: Optional[dict[str, dict[str, int]]] = None,
                 originals: Optional[dict[str, bytes]] = None, fixed_data: Optional[dict[str, bytes]] = None,
                 relpaths: Optional[dict[str, str]] = None, errors: Optional[list[str]] = None,
                 target: Optional[OdooVersion] = None, target_origin: str = "none", files: int = 0,
                 kinds: Optional[dict[str, str]] = None, baseline_written: Optional[int] = None,
                 failures: Optional[list[str]] = None, outside: Optional[set[str]] = None,
                 warnings: Optional[list[str]] = None):
        self.root, self.diagnostics = root, diagnostics
        self.fixed = {} if fixed is None else fixed                  # path -> {code: fixes applied}
        self.originals = {} if originals is None else originals
        self.fixed_data = {} if fixed_data is None else fixed_data   # path -> bytes after fixes
        self.relpaths = {} if relpaths is None else relpaths
        self.errors = [] if errors is None else errors
        self.target, self.target_origin, self.files = target, target_origin, files
        self.kinds = {} if kinds is None else kinds
        self.baseline_written = baseline_written
        self.failures = [] if failures is None else failures   # the run's own errors (bad path, unwritable file)
        self.outside = set() if outside is None else outside   # files behind a symlink that leaves the project
        self.warnings = [] if warnings is None else warnings   # said once on stderr, exit code unchanged

    @property
    def fixed_count(self) -> int:
        return sum(sum(codes.values()) for codes in self.fixed.values())

    def text_of(self, path: str) -> Optional[str]:
        data = self.fixed_data.get(path, self.originals.get(path))
        if data is None:
            if path in self.outside or escapes(path, str(self.root)):
                return None       # never print lines of a file outside the project
            try:
                data = read_regular(path)
            except OSError:
                return None
        try:
            return decode(data, self.kinds.get(path, "")).text
        except ParseFailure:
            return None


def resolve_enabled(registry: Registry, settings: Settings) -> frozenset[str]:
    try:
        if settings.select is None:
            base = registry.default_codes()
        else:
            base = set()
            for sel in settings.select:
                base |= registry.resolve(sel)
        for sel in settings.extend_select:
            base |= registry.resolve(sel)
        for sel in settings.ignore:
            base -= registry.resolve(sel)
        for codes in settings.per_file_ignores.values():
            for sel in codes:
                registry.resolve(sel)
    except UnknownSelector as exc:
        raise ConfigError(f"unknown rule selector {exc.args[0]!r}") from None
    return frozenset(base)


# ---- per-file phase, possibly in worker processes -------------------------------------------

class SourceBytes(dict):
    """path -> bytes of the files of a run, read on first use: a warm run reads only what changed.

    `in` tells whether a path belongs to the run (loaded or not); `get` returns None for unreadable files;
    iterating gives only what was loaded. With `fallback`, missing paths come from that mapping instead.
    """

    def __init__(self, paths, fallback: Optional["SourceBytes"] = None):
        super().__init__()
        self.paths = set(paths)
        self.fallback = fallback

    def __missing__(self, path: str) -> bytes:
        if path not in self.paths:
            raise KeyError(path)
        data = self.fallback[path] if self.fallback is not None else _read_bytes(path)
        self[path] = data
        return data

    def __contains__(self, path) -> bool:
        return path in self.paths or dict.__contains__(self, path)

    def get(self, path, default=None):
        try:
            return self[path]
        except (KeyError, OSError):
            return default

    def loaded(self, path: str) -> Optional[bytes]:
        """The bytes if already in memory (here or in the fallback), without reading."""
        data = dict.get(self, path)
        if data is None and self.fallback is not None:
            return self.fallback.loaded(path)
        return data


def _read_bytes(path: str) -> bytes:
    """Regular files only, within the size cap (a FIFO, a device or a huge sparse file is refused)."""
    return read_regular(path)


def _read_error(exc: OSError) -> str:
    return f"cannot read the file: {exc.strerror or exc}"


# The per-file phase makes many short-lived containers (AST nodes, PO entries, findings) and almost no cyclic
# garbage (the engine breaks the one cycle it makes, engine._release): at the default threshold (700) the
# collector runs every few hundred allocations, and its older passes walk every object the run keeps.
_GC_THRESHOLD = (10_000, 20, 20)


def _gc_for_lint():
    """Set the collector up for the per-file phase (never more often than it was set to run, e.g. by the command
    line, cli.main); returns what restores it."""
    import gc
    before = gc.get_threshold()
    gc.set_threshold(*(max(b, t) for b, t in zip(before, _GC_THRESHOLD)))
    return lambda: gc.set_threshold(*before)


def _lint_job(job: tuple, registry: Registry, ruleset: RuleSet, target, options) -> "FileResult | str":
    """Lint one file; the bytes are read here when the job ships only the path. A read error is a str."""
    ref, data = job
    if data is None:
        try:
            data = _read_bytes(ref.path)
        except OSError as exc:
            return _read_error(exc)
    scopes = options.get(FOLDER_TARGETS)
    if scopes:
        target = target_for(ref.path, scopes, target)
    try:
        return lint_source(ref.path, ref.relpath, ref.kind, ref.addon, ref.addon_path, data, registry, ruleset,
                           target, options)
    except Exception as exc:  # noqa: BLE001 - a worker never takes the pool (or the run) down
        import traceback
        from .engine import internal_diagnostic
        res = FileResult(ref.path, ref.kind, digest(data), parsed=False)
        res.errors.append(f"{ref.relpath}: worker failed:\n{traceback.format_exc()}")
        res.diagnostics.append(internal_diagnostic(registry, ref.path, ref.kind, "the worker", exc))
        return res


class _PerFile:
    """The per-file phase of every fix round: cache pack first (stat, then digest), then a process pool."""

    def __init__(self, registry: Registry, ruleset: RuleSet, target, settings: Settings, pack: Optional[Pack],
                 jobs: int, stats: dict[str, list[int]], targets: Optional[set[str]] = None,
                 progress: Optional[Callable[[int, int], None]] = None, hashed: bool = True):
        self.registry, self.ruleset, self.target, self.settings = registry, ruleset, target, settings
        # what the rules read; `hashed=False` (no pack, no fix rounds): results without the digest of the bytes
        self.options = settings.options if hashed else {**settings.options, UNHASHED: True}
        self.progress = progress
        self.pack, self.jobs, self.stats = pack, jobs, stats
        # a partial run reports on `targets` only: the other files' cached results are read for their facts
        # and digests (no findings or suppressions decoded), and their rule modules imported only if one of
        # them has to be linted again
        self.targets = targets
        self.loaded_kinds: Optional[set[str]] = None
        self.memo: dict[tuple[str, str], FileResult] = {}    # (path, digest) -> result, across fix rounds
        self.on_disk: dict[str, FileResult] = {}             # path -> result for the bytes on disk
        self.read_errors: dict[str, str] = {}
        self.early: Optional[EarlyPool] = None              # a pool the walk started (pool.py)

    def run(self, refs: list[SourceRef], current: SourceBytes, changed: set[str]) -> dict[str, FileResult]:
        """`changed`: paths whose bytes in `current` differ from the disk (fixed in memory)."""
        out: dict[str, FileResult] = {}
        todo: list[tuple[SourceRef, Optional[bytes]]] = []
        pack = self.pack
        # every file of a warm run passes here: the lookups are hoisted out of the loop
        on_disk, memo, stats, targets = self.on_disk, self.memo, self.stats, self.targets
        by_stat = pack.by_stat if pack is not None else None
        for ref in refs:
            p = ref.path
            if p in changed:
                data = current[p]
                d = digest(data)
                hit = self.memo.get((p, d))
                if hit is None and pack is not None:
                    # bytes the cache has seen for this file (a buffer saved as it is on disk): its result is
                    # theirs, so the buffer is not linted and its rules need not be imported
                    hit = pack.by_digest(ref, d, None, data, refresh=False)
                    if hit is not None:
                        self.memo[(p, d)] = hit
                if hit is not None:
                    out[p] = hit
                else:
                    todo.append((ref, data))
                continue
            hit = on_disk.get(p)
            if hit is None and pack is not None:
                st = stats.get(p)
                light = targets is not None and p not in targets
                hit = by_stat(ref, st, light) if st is not None else None
                if hit is None and pack.known(p):
                    try:
                        data = current[p]
                    except OSError as exc:
                        self.read_errors[p] = _read_error(exc)
                        continue
                    hit = pack.by_digest(ref, digest(data), st, data, light)
                if hit is not None:
                    on_disk[p] = memo[(p, hit.digest)] = hit
            if hit is not None:
                out[p] = hit
            elif p not in self.read_errors:
                todo.append((ref, current.loaded(p)))
        if not todo:
            return out
        for (ref, data), res in zip(todo, self._lint(todo, changed)):
            p = ref.path
            if isinstance(res, str):
                self.read_errors[p] = res
                continue
            out[p] = self.memo[(p, res.digest)] = res
            if p not in changed:
                self.on_disk[p] = res
                if pack is not None:
                    pack.store(ref, self.stats.get(p), res)
        return out

    def ensure(self, kinds: set[str]) -> None:
        """The rules of these kinds are imported and in the rule set (a partial run starts with its targets')."""
        if self.loaded_kinds is None or kinds <= self.loaded_kinds:
            return
        self.loaded_kinds |= kinds
        self.registry = load_rules(self.loaded_kinds)
        self.ruleset = build_ruleset(self.registry, self.ruleset.enabled, self.target)

    def _lint(self, todo: list[tuple[SourceRef, Optional[bytes]]], changed: set[str]) -> list:
        needed = {r.kind for r, _ in todo}
        target_s = str(self.target) if self.target else None
        pooled = self.jobs > 1 and len(todo) >= POOL_THRESHOLD
        executor = self.early.take() if self.early is not None and pooled else None
        ready = None
        if executor is not None:
            # a pool the walk started: its workers get their first chunks before this process imports the rule
            # modules it lints with
            ready = lambda: self.ensure(needed)  # noqa: E731
        else:
            self.ensure(needed)     # before a fork: the workers inherit the rule modules
            if pooled:
                executor = self._start_workers()
        if executor is not None:
            # workers get paths, not bytes (unless fixed in memory); the biggest files go first so that no
            # worker is left with a long one at the end; small chunks keep both cores busy to the last file
            order = sorted(range(len(todo)), key=lambda i: -self._weight(todo[i][0]))
            jobs = [(todo[i][0], todo[i][1] if todo[i][0].path in changed else None) for i in order]
            chunk = max(1, min(64, len(jobs) // (self.jobs * 24)))
            config = configuration(sorted(needed), self.ruleset.enabled, target_s, self.options)
            from .safeio import untrack_pool
            try:
                done = self._share(executor, config, [jobs[i:i + chunk] for i in range(0, len(jobs), chunk)],
                                   len(jobs), ready)
            except BaseException:         # Ctrl-C: stop the workers now, do not wait for their chunks
                untrack_pool(executor)
                executor.stop()
                raise
            untrack_pool(executor)
            executor.close()
            results: list = [None] * len(todo)
            for i, res in zip(order, done):
                results[i] = res
            return results
        opts = self.options
        out = []
        restore = _gc_for_lint()
        try:
            for job in todo:
                out.append(_lint_job(job, self.registry, self.ruleset, self.target, opts))
                self._tick(len(out), len(todo))
        finally:
            restore()
        return out

    def _start_workers(self):
        """The pool's workers, forked now (None when none could be: this process then lints every file)."""
        import gc

        from .safeio import track_pool
        # what the parent holds now is left out of the forked workers' collections (fewer copied pages); a
        # long-lived caller (the language server's live runs) gets its collector back as it was after the fork
        thawed = gc.get_freeze_count() == 0
        gc.freeze()
        try:
            executor = start_workers(self.jobs - 1, None)
        except OSError:             # no process to fork (a limit reached)
            return None
        finally:
            if thawed:
                gc.unfreeze()
        track_pool(executor)        # a SIGTERM kills these workers before the run ends
        return executor

    def _share(self, pool, config: bytes, chunks: list[list], total: int, ready=None) -> list:
        """Lint the chunks, in order, with the pool's workers and this process as one more worker: each takes the
        next chunk when it is free. The parent would otherwise wait on its workers with a core's worth of time
        to spare (on 2 cores: one worker forked, half of the results never pickled). A chunk a worker lost (it
        died) is linted here. `ready`: what this process does once the workers have their first chunks."""
        out: list = [None] * len(chunks)
        nxt = count = 0

        def collect(items) -> int:
            n = 0
            for i, res in items:
                if res is None:        # lost with its worker
                    res = [_lint_job(job, self.registry, self.ruleset, self.target, self.options)
                           for job in chunks[i]]
                out[i] = res
                n += len(res)
            return n

        restore = _gc_for_lint()
        try:
            while nxt < len(chunks):
                while nxt < len(chunks) and pool.free() > 0:
                    pool.submit(nxt, config, chunks[nxt])
                    nxt += 1
                if ready is not None:       # the workers have chunks: now this process gets ready to lint
                    ready()
                    ready = None
                registry, ruleset, target, opts = self.registry, self.ruleset, self.target, self.options
                if nxt < len(chunks):
                    i, nxt = nxt, nxt + 1
                    out[i] = [_lint_job(job, registry, ruleset, target, opts) for job in chunks[i]]
                    count += len(out[i])
                count += collect(pool.poll(0))
                self._tick(count, total)
            if ready is not None:
                ready()
            while pool.outstanding():
                count += collect(pool.poll(None))
                self._tick(count, total)
        finally:
            restore()
        return [res for part in out for res in part]

    def _tick(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(done, total)

    def _weight(self, ref: SourceRef) -> int:
        st = self.stats.get(ref.path)
        size = st[1] if st else 0
        return size * (4 if ref.kind == "python" else 1)


# ---- the run -----------------------------------------------------------------------------------

def run(opts: RunOptions) -> RunResult:
    """Lint (and fix) the paths. A fix that changes what decides the Odoo version (a manifest's `Version` key
    made `version`) changes which rules apply: the fixed files are then linted and fixed once more, with the new
    target, so that a second `--fix` has nothing left to do."""
    early = EarlyPool(opts.jobs or opts.settings.jobs or os.cpu_count() or 1)
    try:
        result = _run(opts, early)
    finally:
        early.close()           # a pool the walk started that the run did not use
    if not (opts.fix and result.fixed_data and not opts.diff and opts.stdin_filename is None
            and opts.write_baseline is None and opts.settings.target() is None):
        return result
    if not any(result.kinds.get(p) in SOURCE_KINDS for p in result.fixed_data):
        return result
    sources = [(p, k, result.fixed_data.get(p) or result.originals.get(p)) for p, k in result.kinds.items()
               if k in SOURCE_KINDS]     # (the bytes the run read for its own version detection)
    sources = [s for s in sources if s[2] is not None]
    if detect(None, opts.explicit_version_origin, scan_sources(sources)).target == result.target:
        return result
    again = _run(opts)
    for path, codes in result.fixed.items():
        merged = again.fixed.setdefault(path, {})
        for code, n in codes.items():
            merged[code] = merged.get(code, 0) + n
    for path in result.fixed_data:          # what the files held before either pass
        if path in result.originals:
            again.originals[path] = result.originals[path]
    again.fixed_data = {**result.fixed_data, **again.fixed_data}
    return again


def _run(opts: RunOptions, early: Optional[EarlyPool] = None) -> RunResult:
    settings = opts.settings
    paths = opts.paths or [Path(".")]
    root = find_root([Path(opts.stdin_filename)] if opts.stdin_filename is not None and not opts.paths else paths)
    read_errors: dict[str, str] = {}
    failures: list[str] = []
    for p in paths:
        if opts.stdin_filename is None and not os.path.lexists(p):
            failures.append(f"{_shown(str(p))}: no such file or directory")
    stats: dict[str, list[int]] = {}       # path -> [mtime_ns, size, inode] of the files on disk
    buffers: set[str] = set()              # paths whose bytes came from stdin, not from the disk
    cache_dir = Path(settings.cache_dir) if settings.cache_dir else root / DEFAULT_DIR
    cache = None if opts.no_cache else Cache(cache_dir, root)
    if early is not None and opts.stdin_filename is None:
        # a cold run with workers (no cache, or none written by this version yet): the walk may start the pool
        early.armed = early.jobs > 1 and (cache is None or not cache.base.is_dir())
    # the last walks, kept there (signed like the packs; not at all from a refused cache folder)
    walk_base = None if cache is None or cache.refusal is not None else str(cache.base)
    walk_key = cache.key if walk_base is not None else None
    walk_proof: dict = {}                  # what the walk of the project rests on (for the one-file snapshot)
    if opts.stdin_filename is not None:
        sp = Path(opts.stdin_filename).resolve()
        refs = _stdin_ref(sp, root, opts.stdin_data or b"", settings)
        if walk_base is not None and onefile.usable(opts, settings, root):
            fast = onefile.run_fast(opts, settings, root, cache, refs)
            if fast is not None:
                return fast
        data = SourceBytes([r.path for r in refs])
        for r in refs:
            data[r.path] = opts.stdin_data or b""
            # a buffer that is the file as saved (an editor linting on save) is the file: its result is kept in
            # the pack like the file's; any other buffer is linted apart from the disk
            if opts.fix or not _on_disk_as(r.path, data[r.path], stats):
                buffers.add(r.path)
    else:
        refs = discover_cached(paths, root, settings.all_excludes(), settings.respect_gitignore,
                               settings.force_exclude, failures, walk_base, walk_key, walk_proof,
                               on_many=(EARLY_FILES, early.on_walk) if early is not None and early.armed else None)
        refs, linked_out, lstats = _inside(refs, root, settings)
        _stat(refs, stats, read_errors, lstats)
        data = SourceBytes([r.path for r in refs if r.path not in read_errors])
    own: set[str] = {r.path for r in refs if r.path not in read_errors}
    # a partial run (files or a buffer) reads the whole project for its facts, reports on its own files only
    targets: Optional[set[str]] = None
    context_errors: dict[str, str] = {}
    if refs and scope.is_partial(paths if opts.stdin_filename is None else [], opts.stdin_filename):
        targets = {r.path for r in refs}
        context = scope.context_refs(refs, root, settings.all_excludes(), settings.respect_gitignore,
                                     walk_base, walk_key, walk_proof)
        refs = scope.merge(context, refs)
        if refs is not context:
            walk_proof.clear()    # the targets are not the walk's own files: the run's files are not the walk's
        refs, away, lstats = _inside(refs, root, settings)   # context files behind an escaping symlink are not read
        if away:
            walk_proof.clear()
        _stat([r for r in refs if r.path not in data and r.path not in read_errors], stats, context_errors, lstats)
        data.paths.update(r.path for r in refs if r.path not in read_errors and r.path not in context_errors)
    for r in refs:   # the files version detection reads; the rest is read when (and if) it is linted
        if r.kind in SOURCE_KINDS and r.path in data and r.path not in context_errors:
            try:
                data[r.path]
            except OSError as exc:
                (read_errors if targets is None or r.path in targets else context_errors)[r.path] = _read_error(exc)
    refs = [r for r in refs if r.path not in context_errors]
    # import only the rule modules that read the kinds at hand (the index still knows every rule)
    all_kinds = {r.kind for r in refs}
    # Every run starts with the modules of no kind (those of every kind, `*`); the rest is imported when a file of
    # that kind has to be linted or the project phase has to run again. A warm run with nothing changed, or a
    # buffer whose bytes the cache knows, imports no other rule module (cached findings are suppressed and
    # reported from the index; a reporter that wants a rule's full metadata imports its module).
    first_kinds: set[str] = set()
    registry = load_rules(first_kinds)
    enabled = resolve_enabled(registry, settings)
    all_refs = refs
    refs = [r for r in refs if r.path not in read_errors]
    if opts.stdin_filename is not None:
        linked_out = []
    result = RunResult(root, [], originals=data, relpaths={r.path: r.relpath for r in refs},
                       kinds={r.path: r.kind for r in refs},
                       files=len(own) + len(linked_out) + len([p for p in read_errors if targets is None or
                                                                p in targets]),
                       failures=failures, outside={r.path for r in linked_out})

    explicit = settings.target()
    extra = []
    if explicit is None:
        for copier in copier_answer_files(root, paths, [r.path for r in refs if r.kind == "manifest"]):
            try:
                extra.append((str(copier), "copier", copier.read_bytes()))
            except OSError:
                pass
    version_sources = scan_sources([(r.path, r.kind, data[r.path]) for r in refs if r.kind in SOURCE_KINDS]
                                   + extra)
    scopes: dict = {}
    split_in = None          # what split_by_folder was given (kept with the one-file snapshot)
    if explicit is None:
        # a repository with a folder per Odoo version: each folder is linted for its own series
        tier = next((t for t in ("manifest", "copier", "image") if any(s.tier == t for s in version_sources)), None)
        split_in = [(s.tier, str(s.version), s.path, s.offset) for s in version_sources if s.tier == tier]
        scopes, _ = split_by_folder(str(root), [s for s in version_sources if s.tier == tier],
                                    [r.path for r in refs])
        version_sources = [s for s in version_sources if target_for(s.path, scopes, None) is None]
    detection = detect(explicit, opts.explicit_version_origin, version_sources)
    settings = with_addon_series(settings, version_sources)
    if scopes:
        settings = settings.replace(options={**settings.options,
                                                          FOLDER_TARGETS: {d: str(v) for d, v in scopes.items()}})
    target = detection.target
    result.target, result.target_origin = target, detection.origin

    ruleset = build_ruleset(registry, enabled, target)
    jobs = opts.jobs or settings.jobs or os.cpu_count() or 1
    pack = None
    if not opts.no_cache:
        if cache.refusal is not None:
            result.warnings.append(cache.refusal)
        else:
            pack = cache.pack(settings.lint_hash(ruleset.enabled, target))
    if opts.freeze_read:
        import gc
        gc.freeze()
    per_file = _PerFile(registry, ruleset, target, settings, pack, jobs, stats, targets, opts.progress,
                        hashed=pack is not None or opts.fix)
    per_file.loaded_kinds = set(first_kinds)
    per_file.early = early
    version_diags = _version_diagnostics(registry, enabled, detection, data)
    version_diags += _outside_diagnostics(registry, enabled, linked_out)

    def relpath_of(path: str) -> str:
        return result.relpaths.get(path) or os.path.relpath(path, root).replace(os.sep, "/")

    baseline_path = opts.baseline or (Path(settings.baseline) if settings.baseline else None)
    if baseline_path is not None and not baseline_path.is_absolute() and opts.baseline is None:
        baseline_path = root / baseline_path
    known = baseline.load(baseline_path) if baseline_path is not None and opts.write_baseline is None else None
    broken: set[str] = set()       # files whose fixes no longer parse: left untouched
    current = SourceBytes(data.paths, fallback=data)
    changed: set[str] = set(buffers)
    notes: list = []                # OL005/OL006: fixes dropped or not written
    settle = False                  # one last analysis after dropping a file's non-converging fixes
    for _round in range(MAX_FIX_ROUNDS + 2):
        file_results = per_file.run(refs, current, changed)
        if _round == 0:
            # files that could not be read are findings of their kind's parse-error rule (context files of a
            # partial run are left out)
            for p, message in per_file.read_errors.items():
                (read_errors if targets is None or p in targets else context_errors)[p] = message
            refs = [r for r in refs if r.path not in read_errors and r.path not in context_errors]
            per_file.ensure({r.kind for r in all_refs if r.path in read_errors})   # their parse-error rules
            registry = per_file.registry
            version_diags += _read_error_diagnostics(registry, enabled,
                                                     [r for r in all_refs if r.path in read_errors], read_errors)
        diagnostics = _project_phase(per_file, root, target, refs, file_results, settings, result, pack,
                                     all_kinds, store=not changed,
                                     bounds=lambda: _file_bounds(refs, stats, current, changed))
        registry = per_file.registry
        diagnostics += [d for d in version_diags]
        for fr in file_results.values():
            diagnostics += fr.diagnostics
        kept = _suppress(registry, enabled, diagnostics, file_results, refs, settings, root, target, targets)
        if known is not None:
            kept = baseline.filter_known(kept, known, relpath_of, _line_reader(current, result))
        if not opts.fix or settle:
            break
        if _round >= MAX_FIX_ROUNDS:
            # still changing after the last round: no fixpoint, so none of those files' fixes are kept
            pending = _apply_round(kept, refs, dict(current), set(broken), opts.unsafe_fixes, result, record=False)
            for path, codes in pending.items():
                notes.append(_note(registry, enabled, "fix-not-converging", path, result.kinds.get(path, ""),
                                   f"fixes of {', '.join(sorted(codes))} were still changing this file after "
                                   f"{MAX_FIX_ROUNDS} rounds (they do not reach a fixpoint); none of this file's "
                                   f"fixes were applied"))
                broken.add(path)
                current[path] = data[path]
                result.fixed.pop(path, None)
            changed = buffers | {p for p, b in current.items() if b is not dict.get(data, p)}
            if not pending:
                break
            settle = True
            continue
        did_change = _apply_round(kept, refs, current, broken, opts.unsafe_fixes, result, notes=notes,
                                  registry=registry, enabled=enabled)
        changed = buffers | {p for p, b in current.items() if b is not dict.get(data, p)}
        if not did_change:
            break
    for fr in per_file.memo.values():
        result.errors.extend(fr.errors)
    result.errors = sorted(set(result.errors))
    result.fixed_data = {p: b for p, b in current.items() if p in own and b != data.get(p)}
    if opts.fix and not opts.diff and opts.stdin_filename is None:
        for path, new in list(result.fixed_data.items()):
            try:
                write_fixed(Path(path), new, root)
            except OSError as exc:
                reason = str(exc) if isinstance(exc, Refused) else (exc.strerror or str(exc))
                if not isinstance(exc, Refused):
                    result.failures.append(f"{_shown(relpath_of(path))}: cannot write the fixed file: {reason}")
                notes.append(_note(registry, enabled, "fix-not-written", path, result.kinds.get(path, ""),
                                   f"fixes not written: {reason}; the file is unchanged"))
                del result.fixed_data[path]
                result.fixed.pop(path, None)
    kept = kept + [n for n in notes if n is not None]
    result.diagnostics = sorted(kept, key=Diagnostic.sort_key)
    if opts.write_baseline is not None:
        result.baseline_written = baseline.write(opts.write_baseline, result.diagnostics, relpath_of,
                                                 _line_reader(current, result))
        result.diagnostics = []
    if pack is not None:
        pack.forget_missing([str(p.resolve()) for p in paths if p.is_dir()] if targets is None else [],
                            {r.path for r in all_refs})
        was_dirty = pack.dirty
        pack.save()
        # the one-file snapshot of a run that saw every file of the project, readable and settled
        if walk_proof and not pack.dirty and not (opts.fix or failures or read_errors or context_errors or linked_out
                                                  or result.errors or len(all_refs) != len(refs)):
            onefile.keep(pack, root, settings, refs, lstats, walk_proof, split_in, scopes, result.target_origin,
                         changed=was_dirty, saved=frozenset(own - buffers) if opts.stdin_filename else frozenset())
    keep(locals())      # the run's results, facts and bytes: not freed one by one when the process ends next
    return result


def _note(registry: Registry, enabled, name: str, path: str, kind: str, message: str) -> Optional[Diagnostic]:
    """A finding of one of odoolint's own rules (OL004-OL006) at the top of a file, if that rule is enabled."""
    from .model import Position, Span
    code = registry.by_name.get(name)
    if not code or code not in enabled:
        return None
    m = registry.meta(code)
    p = Position(1, 1, 0)
    return Diagnostic(code, m.name, message, path, Span(p, p), m.severity, None, kind)


def _outside_diagnostics(registry: Registry, enabled, refs: list[SourceRef]) -> list[Diagnostic]:
    out = []
    for r in refs:
        d = _note(registry, enabled, "symlink-outside-project", r.path, r.kind,
                  "this file is a symlink (or lies under one) whose target is outside the project: not read; pass "
                  "--follow-external-symlinks to read it (it is never fixed)")
        if d is not None:
            out.append(d)
    return out



def _inside(refs: list[SourceRef], root: Path, settings: Settings) -> tuple[list[SourceRef], list[SourceRef], dict]:
    """(files to read, files behind a symlink that leaves the project, the lstat of each file looked at): the
    second are not read by default."""
    if settings.follow_external_symlinks:
        return refs, [], {}
    leaves = Escapes(str(root))
    away = leaves.outside([r.path for r in refs])
    if not away:
        return refs, [], leaves.lstats
    return [r for r in refs if r.path not in away], [r for r in refs if r.path in away], leaves.lstats


def _stat(refs: list[SourceRef], stats: dict[str, list[int]], errors: dict[str, str],
          lstats: Optional[dict] = None) -> None:
    """Each file's [mtime_ns, size, inode] (of its target for a symlink); `lstats`: lstat results already taken
    (the same answer for anything that is not a symlink)."""
    from stat import S_ISLNK
    known = lstats or {}
    get = known.get
    for r in refs:
        p = r.path
        try:
            st = get(p)
            if st is None or S_ISLNK(st.st_mode):
                st = os.stat(p)
            stats[p] = [st.st_mtime_ns, st.st_size, st.st_ino]     # stat_key(st), once per file of the run
        except OSError as exc:
            errors[p] = _read_error(exc)


def _on_disk_as(path: str, data: bytes, stats: dict[str, list[int]]) -> bool:
    """Does the file on disk hold exactly these bytes? If so its stat, taken before the read (as the cache's
    change detection wants it), goes to `stats`."""
    try:
        st = os.stat(path)
        if st.st_size != len(data):
            return False
        same = read_regular(path) == data
    except OSError:
        return False
    if same:
        stats[path] = stat_key(st)
    return same


def _stdin_ref(path: Path, root: Path, data: bytes, settings: Settings) -> list[SourceRef]:
    from .classify import classify
    from .discovery import _attach_addons
    try:
        rel = path.relative_to(root).as_posix()
    except ValueError:
        rel = path.name
    kind = classify(rel, lambda: data[:65536])
    if kind is None:
        return []
    found = {str(path): (rel, kind)}
    # the addon of a buffer is the nearest directory with a manifest on disk
    for d in path.parents:
        if (d / "__manifest__.py").is_file():
            found[str(d / "__manifest__.py")] = ((d / "__manifest__.py").relative_to(root).as_posix()
                                                 if root in d.parents or d == root else "__manifest__.py",
                                                 "manifest")
            break
    refs = [r for r in _attach_addons(found) if r.path == str(path)]
    return refs


def _version_diagnostics(registry: Registry, enabled, detection, data: dict[str, bytes]) -> list[Diagnostic]:
    code = registry.by_name.get("odoo-version-conflict")
    if not code or code not in enabled or not detection.conflicts:
        return []
    rule = registry.rules[code]
    out = []
    for src, message in detection.conflicts:
        raw = data.get(src.path)
        if raw is None:
            try:
                raw = Path(src.path).read_bytes()
            except OSError:
                continue
        try:
            text = decode(raw, "")
        except ParseFailure:
            continue
        char_offset = len(raw[: src.offset].decode("utf-8", "replace"))
        line = text.index.position(char_offset).line
        span = text.index.span(char_offset, text.index.line_end(line))
        out.append(to_diagnostic(rule, Finding(span, message), src.path, "manifest"))
    return out


def _line_reader(current: dict[str, bytes], result: RunResult):
    def text_of(path: str) -> Optional[str]:
        raw = current.get(path)
        if raw is None:
            return result.text_of(path)
        try:
            return decode(raw, result.kinds.get(path, "")).text
        except ParseFailure:
            return None
    return baseline.line_reader(text_of)


def _read_error_diagnostics(registry: Registry, enabled, unreadable: list[SourceRef],
                            read_errors: dict[str, str]) -> list[Diagnostic]:
    """A file that cannot be read is a finding of its kind's parse-error rule, like one that cannot be parsed."""
    from .model import Position, Span
    out = []
    for r in unreadable:
        code = registry.parse_error_rules.get(r.kind)
        if code and code in enabled:
            m = registry.meta(code)
            p = Position(1, 1, 0)
            out.append(Diagnostic(code, m.name, read_errors[r.path], r.path, Span(p, p), m.severity, None, r.kind))
    return out


def _file_bounds(refs, stats, current, changed) -> "_Bounds":
    """path -> Bounds of each file as this round sees it (sizes from the stat for files unchanged on disk),
    worked out for the paths asked about only (the cached project findings name a few files)."""
    return _Bounds({r.path for r in refs}, stats, current, changed)


class _Bounds:
    def __init__(self, paths, stats, current, changed):
        self.paths, self.stats, self.current, self.changed = paths, stats, current, changed
        self.known: dict = {}

    def _get(self, path):
        if path in self.known:
            return self.known[path]
        b = None
        if path in self.paths:
            st = self.stats.get(path)
            if st is not None and path not in self.changed:
                b = Bounds(st[1], st[1] + 1)
            else:
                try:
                    b = Bounds.of(self.current[path])
                except OSError:
                    b = None
        self.known[path] = b
        return b

    def __contains__(self, path) -> bool:
        return self._get(path) is not None

    def __getitem__(self, path):
        b = self._get(path)
        if b is None:
            raise KeyError(path)
        return b


def _project_phase(per_file: "_PerFile", root, target, refs, file_results, settings, result,
                   pack: Optional[Pack], kinds: set[str], store: bool = True, bounds=None) -> list:
    """Cross-file rules over the joined facts; with a pack, their output is reused while no file changed.

    The project rules are those of the modules of every kind of the run (`kinds`); a partial run imports them
    only when the cached output does not fit."""
    key = None
    if pack is not None:
        rows = [(r.path, facts_digest(file_results[r.path]), r.kind, r.addon, r.addon_path, r.relpath)
                for r in refs if r.path in file_results]
        if all(row[1] is not None for row in rows):
            key = project_key(pack.lint_hash, result.target_origin, str(root), rows, settings.addons_paths)
            cached = pack.project_diagnostics(key, bounds() if bounds is not None else {})
            if cached is not None:
                return cached
    per_file.ensure(kinds)
    registry, ruleset = per_file.registry, per_file.ruleset
    if not ruleset.project_rules:
        return []
    files = []
    for r in refs:
        fr = file_results.get(r.path)
        if fr is not None:
            files.append(ProjectFile(r.path, r.relpath, r.kind, r.addon, r.addon_path, fr.facts))
    project = Project(root, target, files, settings.options, settings.addons_paths, result.target_origin)
    out = []
    failed = False
    for rule in ruleset.project_rules:
        errors: list[str] = []
        out += run_project_rule(registry, rule, project, result.kinds, errors, ruleset.enabled)
        if errors:
            failed = True
            result.errors.extend(errors)
    if key is not None and store and not failed:
        pack.store_project(key, out)
    return out


def run_project_rule(registry, rule, project, kinds: dict[str, str], errors: list[str],
                     enabled: Optional[frozenset] = None) -> list[Diagnostic]:
    """One cross-file rule over the project's facts. The guard: a failure is an internal error and a finding
    on the first file the rule reads (a project rule has no single file); the run goes on.

    A finding with `code` (a file rule run over a derived text, RuleMeta.reports) is reported under that rule
    when it is enabled; the rule's own findings only when it is enabled itself.

    A finding is reported once: a rule that walks several stacks sharing one file (two compose projects mounting
    the same odoo.conf) yields the same finding at the same place for each, and only the first is kept."""
    import traceback
    out = []
    seen: set = set()
    try:
        for f in rule.check(project) or ():
            by = rule
            if f.code is not None and f.code != rule.meta.code:
                by = registry.rules.get(f.code)
                if by is None or f.code not in rule.meta.reports:
                    continue
            if enabled is not None and by.meta.code not in enabled:
                continue
            d = to_diagnostic(by, f, f.path or "", kinds.get(f.path or "", ""))
            key = (d.code, d.path, d.span.start.offset, d.span.end.offset, d.message)
            if key in seen:
                continue
            seen.add(key)
            out.append(d)
    except Exception as exc:  # noqa: BLE001 - one rule's failure never ends the run
        errors.append(f"project rule {rule.meta.code} ({rule.meta.name}) failed:\n{traceback.format_exc()}")
        first = next((f for f in project.files if f.kind in rule.meta.kinds or "*" in rule.meta.kinds), None)
        from .engine import internal_diagnostic
        out.append(internal_diagnostic(registry, first.path if first else str(project.root),
                                       first.kind if first else "", f"project rule {rule.meta.code} "
                                       f"({rule.meta.name})", exc))
    return out


def _suppress(registry: Registry, enabled, diagnostics: list[Diagnostic], file_results, refs, settings: Settings,
              root: Path, target: Optional[OdooVersion] = None,
              targets: Optional[set[str]] = None) -> list[Diagnostic]:
    """The findings no suppression covers (with `targets`, a partial run: only those in the target files), plus
    the unused suppressions."""
    if targets is not None:
        diagnostics = [d for d in diagnostics if d.path in targets]
        file_results = {p: fr for p, fr in file_results.items() if p in targets}
    # rule names, aliases and `defers_to` come from the index for rules whose module is not imported: findings
    # read from the cache import no rule module
    rel = {r.path: r.relpath for r in refs}
    pfi = [(pat, set().union(*(registry.resolve(c) for c in codes)) if codes else set())
           for pat, codes in settings.per_file_ignores.items()]
    used: set[tuple[str, int, str]] = set()
    kept = []
    for d in diagnostics:
        if d.code not in enabled:
            continue
        r = rel.get(d.path, d.path)
        if any(d.code in codes and _glob(r, pat) for pat, codes in pfi):
            continue
        fr = file_results.get(d.path)
        suppressed = False
        if fr is not None and fr.suppressions:
            name, aliases, _ = registry.brief(d.code)
            line = d.span.start.line
            for i, s in enumerate(fr.suppressions):
                if s.start_line <= line <= s.end_line and covers(s, d.code, aliases, name):
                    suppressed = True
                    for c in (s.codes or ("*",)):
                        if c == "*" or c.upper() == d.code or c == name or c in aliases:
                            used.add((d.path, i, c))
                    if not s.file_level and d.noqa_line is None:
                        d.noqa_line = s.origin_line
        if not suppressed:
            kept.append(d)
    kept = _without_repeats(registry, kept)
    unused_code = registry.by_name.get("unused-noqa")
    if unused_code and unused_code in enabled:
        # only rules that ran for this target can have matched: a noqa for a rule the target version
        # turns off (e.g. a 19.0 migration while linting for 17.0) is not "unused"
        active = {c for c in enabled if registry.applies(c, target)}
        rule = registry.rules[unused_code]
        for path, fr in file_results.items():
            for i, s in enumerate(fr.suppressions):
                if s.foreign:
                    continue
                kept.extend(_unused(rule, registry, active, path, fr, i, s, used))
    return kept


def _without_repeats(registry: Registry, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Drop a finding of a rule that `defers_to` another rule with a finding on the same line of the same file
    whose span overlaps it (pylint-odoo's, the OCA hooks' and odoolint's own check of one problem, when several
    families are on: `self._cr` and its `_cr` are one finding, `_lt('a')` next to `_('b')` are two)."""
    deferring = {}
    for code in {d.code for d in diagnostics}:
        if code in registry.rules or code in registry.index:
            defers = registry.brief(code)[2]
            if defers:
                deferring[code] = defers
    if not deferring:
        return diagnostics
    wanted = {c for cs in deferring.values() for c in cs}
    at: dict[tuple, list[tuple[int, int]]] = {}
    for d in diagnostics:
        if d.code in wanted:
            at.setdefault((d.path, d.span.start.line, d.code), []).append((d.span.start.offset, d.span.end.offset))

    def repeat(d) -> bool:
        s, e = d.span.start.offset, d.span.end.offset
        return any(os_ < max(e, s + 1) and s < max(oe, os_ + 1)
                   for c in deferring.get(d.code, ()) for os_, oe in at.get((d.path, d.span.start.line, c), ()))
    return [d for d in diagnostics if not repeat(d)]


def _unused(rule, registry: Registry, active, path, fr, i, s, used) -> list[Diagnostic]:
    """The unused-noqa finding for suppression `i` of a file, if any of its codes matched nothing."""
    from .model import Position, Span
    labels = []
    for c in s.codes or ("*",):
        if (path, i, c) in used:
            continue
        if c == "*":
            if fr.kind not in _SHARED_NOQA_KINDS:
                labels.append("blanket noqa")
            continue
        try:
            resolved = registry.resolve(c)
        except UnknownSelector:
            if _ours(registry, c):
                labels.append(f"unknown code {c}")
            continue   # E501, C901, B950...: another linter's code in a shared noqa comment
        if resolved & active:
            labels.append(c)   # a rule that did not run cannot have matched: only active ones count
    if not labels:
        return []
    p1 = Position(s.origin_line, s.origin_column, s.origin_start)
    p2 = Position(s.origin_line, s.origin_column + (s.origin_end - s.origin_start), s.origin_end)
    return [to_diagnostic(rule, Finding(Span(p1, p2), f"Unused suppression ({', '.join(labels)})"), path, fr.kind)]


# In Python, noqa comments are shared with flake8 and ruff: a blanket one there is probably theirs
_SHARED_NOQA_KINDS = frozenset({"python", "manifest", "superset-config"})


def _ours(registry: Registry, code: str) -> bool:
    """Does an unknown code look like one of odoolint's (a known prefix plus three digits)?"""
    m = re.fullmatch(r"([A-Z]+)\d{3}", code.upper())
    if not m:
        return False
    prefixes = {c.rstrip("0123456789") for c in registry.all_codes()}   # codes are [A-Z]{1,4} + 3 digits
    return m.group(1) in prefixes


def _glob(relpath: str, pattern: str) -> bool:
    return fnmatch.fnmatch(relpath, pattern) or fnmatch.fnmatch(relpath, pattern.rstrip("/") + "/*") or \
        fnmatch.fnmatch(Path(relpath).name, pattern)


def _apply_round(kept: list[Diagnostic], refs, current: dict[str, bytes], broken: set[str], unsafe: bool,
                 result: RunResult, record: bool = True, notes: Optional[list] = None, registry=None,
                 enabled=frozenset()) -> dict[str, set[str]]:
    """Apply one round of fixes; returns {path: codes whose fixes changed it}.

    A file's changes are discarded (all of them, for the rest of the run) when its fixed text does not decode,
    does not parse, or has a parse error (the kind's parse-error rule) that the original did not have.
    """
    by_path: dict[str, list[Diagnostic]] = {}
    for d in kept:
        if fixable(d, unsafe) and d.path in current and d.path not in broken:
            by_path.setdefault(d.path, []).append(d)
    kinds = {r.path: r.kind for r in refs}
    changed: dict[str, set[str]] = {}
    for path, diags in by_path.items():
        kind = kinds[path]
        try:
            text = decode(current[path], kind)
        except ParseFailure:
            continue
        fixes = [adapt_newlines(text.text, d.fix) for d in diags]
        new_text, applied = apply_fixes_detailed(text.text, fixes)
        if not applied or new_text == text.text:
            continue
        problem = None
        try:
            new_bytes = text.encode(new_text)
            added = _parse_errors(kind, new_bytes, path) - _parse_errors(kind, result.originals[path], path)
            if added:
                problem = f"a new parse error ({next(iter(added))[:120]})"
        except ParseFailure as exc:
            problem = f"text that no longer parses ({exc.message[:120]})"
        except (UnicodeError, RecursionError, ValueError, MemoryError) as exc:
            problem = f"text that cannot be written back ({type(exc).__name__})"
        if problem is not None:
            if not record:
                continue
            broken.add(path)   # drop all of this file's fixes: the original is kept as it was
            current[path] = result.originals[path]
            result.fixed.pop(path, None)
            if notes is not None and registry is not None:
                codes = sorted({d.code for d in diags})
                notes.append(_note(registry, enabled, "fix-not-converging", path, kind,
                                   f"fixes of {', '.join(codes)} would leave {problem}; none of this file's fixes "
                                   f"were applied"))
            continue
        current[path] = new_bytes
        keys = {fix_key(f) for f in fixes}
        codes = {d.code for d, f in zip(diags, fixes) if fix_key(f) in applied}
        changed[path] = codes or {d.code for d in diags if fix_key(d.fix) in keys}
        if record:
            per_code = result.fixed.setdefault(path, {})
            for d, f in zip(diags, fixes):
                if fix_key(f) in applied:
                    per_code[d.code] = per_code.get(d.code, 0) + 1
    return changed


def _parse_errors(kind: str, data: bytes, path: str):
    """The parse errors (kind's parse-error rule) of a file's bytes, as a multiset of messages.

    Raises ParseFailure when the bytes do not decode or parse at all (an original that does not parse has no
    fixes: its rules never ran).
    """
    from collections import Counter
    tree = parse(kind, decode(data, kind), path)
    return Counter(f.message for f in getattr(tree, "parse_errors", ()) or ())


def write_atomic(path: Path, data: bytes) -> None:
    """Write through a temporary file, keeping owner, mode, links and symlinks (see safeio.write_fixed)."""
    write_fixed(path, data)
