"""A project kept in memory for a long-lived process (the language server).

Every file of the project is read and linted once (through the per-file cache); afterwards a changed
buffer or file is linted alone and its facts replace the old ones, and the findings of the files asked
for are computed with the runner's own project phase, suppressions and fix rounds: one engine, not two.
"""
from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Optional

from .cache import DEFAULT_DIR, Cache
from .classify import classify
from .config import Settings
from .discovery import HEAD_BYTES, SourceRef, _attach_addons, discover
from .engine import FileResult, build_ruleset, lint_source
from .fixes import fixable
from .model import Diagnostic, OdooVersion
from .registry import load_rules
from .runner import (MAX_FIX_ROUNDS, RunResult, _PerFile, _apply_round, _project_phase, _read, _suppress,
                     _version_diagnostics, resolve_enabled)
from .sources import ParseFailure, decode
from .versions import detect, scan_sources

VERSION_KINDS = frozenset({"manifest", "compose", "dockerfile"})


class LiveProject:
    def __init__(self, root: Path, settings: Settings, *, use_cache: bool = True, jobs: Optional[int] = None):
        self.root = root.resolve()
        self.settings = settings
        self.registry = load_rules()
        self.enabled = resolve_enabled(self.registry, settings)
        self.errors: list[str] = []
        self.found: dict[str, tuple[str, str]] = {}
        self.data: dict[str, bytes] = {}
        for r in discover([self.root], self.root, settings.all_excludes(), settings.respect_gitignore):
            errors: dict[str, str] = {}
            _read(r.path, self.data, errors)
            if not errors:
                self.found[r.path] = (r.relpath, r.kind)
        self.refs: dict[str, SourceRef] = {}
        self._attach()
        self.cache = None
        if use_cache:
            self.cache = Cache(Path(settings.cache_dir) if settings.cache_dir else self.root / DEFAULT_DIR)
        self.jobs = jobs or settings.jobs or os.cpu_count() or 1
        self.target: Optional[OdooVersion] = None
        self.detection = None
        self.results: dict[str, FileResult] = {}
        self._retarget(force=True)

    # ---- state ------------------------------------------------------------------------------

    def _attach(self) -> list[str]:
        """Attach addons over the whole set; the paths whose addon changed."""
        new = {r.path: r for r in _attach_addons(self.found)}
        changed = [p for p, r in new.items() if p in self.refs and self.refs[p] != r]
        self.refs = new
        return changed

    def _detect(self):
        extra = []
        copier = self.root / ".copier-answers.yml"
        if self.settings.target() is None and copier.is_file():
            try:
                extra.append((str(copier), "copier", copier.read_bytes()))
            except OSError:
                pass
        sources = [(p, r.kind, self.data[p]) for p, r in self.refs.items() if r.kind in VERSION_KINDS]
        return detect(self.settings.target(), "config", scan_sources(sources + extra))

    def _retarget(self, force: bool = False) -> bool:
        """Decide the target as a full run does; on a new target every file is linted again."""
        detection = self._detect()
        old = self.target
        self.detection = detection
        if not force and detection.target == old:
            return False
        self.target = detection.target
        self.ruleset = build_ruleset(self.registry, self.enabled, self.target)
        per_file = _PerFile(self.registry, self.ruleset, self.target, self.settings, self.cache, self.jobs)
        self.results = per_file.run(list(self.refs.values()), self.data)
        return True

    def _lint(self, path: str) -> None:
        r = self.refs[path]
        res = lint_source(r.path, r.relpath, r.kind, r.addon, r.addon_path, self.data[path], self.registry,
                          self.ruleset, self.target, self.settings.options)
        self.errors.extend(res.errors)
        self.results[path] = res

    def relpath(self, path: str) -> str:
        try:
            return Path(path).relative_to(self.root).as_posix()
        except ValueError:
            return Path(path).name

    def update(self, path: str, data: Optional[bytes]) -> set[str]:
        """A file's new bytes (an editor buffer or the disk), or None when it is gone.

        Returns the paths whose per-file results changed."""
        path = os.path.abspath(path)
        old = self.found.get(path)
        kind = None
        if data is not None:
            rel = self.relpath(path)
            kind = classify(rel, lambda: data[:HEAD_BYTES])
        if kind is None:
            if old is None:
                return set()
            self.found.pop(path, None)
            self.data.pop(path, None)
            self.results.pop(path, None)
        else:
            self.found[path] = (rel, kind)
            self.data[path] = data
        touched = {path} if kind is not None else set()
        if "manifest" in (kind, old and old[1]) and (old is None or kind is None or old[1] != kind):
            touched |= set(self._attach())        # an addon appeared or went away
        elif kind is None:
            self.refs.pop(path, None)
        else:
            self.refs[path] = self._ref(path)
        if (kind in VERSION_KINDS or (old and old[1] in VERSION_KINDS)) and self._retarget():
            return set(self.results)
        for p in touched:
            if p in self.refs:
                self._lint(p)
        return touched

    def _ref(self, path: str) -> SourceRef:
        rel, kind = self.found[path]
        prev = self.refs.get(path)
        if prev is not None and prev.kind == kind:
            return prev
        addon_dirs = {os.path.dirname(p) for p, (_, k) in self.found.items() if k == "manifest"}
        d = os.path.dirname(path)
        while d not in addon_dirs and os.path.dirname(d) != d:
            d = os.path.dirname(d)
        addon_path = d if d in addon_dirs else None
        return SourceRef(path, rel, kind, os.path.basename(addon_path) if addon_path else None, addon_path)

    # ---- findings ---------------------------------------------------------------------------

    def diagnostics(self, paths: Iterable[str]) -> dict[str, list[Diagnostic]]:
        """The findings of `paths`, exactly as `odoolint check .` reports them for those files."""
        wanted = {os.path.abspath(p) for p in paths}
        wanted &= set(self.refs)
        out: dict[str, list[Diagnostic]] = {p: [] for p in wanted}
        if not wanted:
            return out
        kinds = {self.refs[p].kind for p in wanted}
        # a project rule reports on the kinds it names: the others cannot land in these files
        rules = [r for r in self.ruleset.project_rules if "*" in r.meta.kinds or kinds & set(r.meta.kinds)]
        stub = RunResult(self.root, [], kinds={p: r.kind for p, r in self.refs.items()},
                         target_origin=self.detection.origin)
        refs = list(self.refs.values())
        diags = [d for d in _project_phase(self.registry, replace(self.ruleset, project_rules=rules), self.root,
                                           self.target, refs, self.results, self.settings, stub)
                 if d.path in wanted]
        self.errors.extend(stub.errors)
        diags += [d for d in _version_diagnostics(self.registry, self.enabled, self.detection, self.data)
                  if d.path in wanted]
        for p in wanted:
            diags += self.results[p].diagnostics
        kept = _suppress(self.registry, self.enabled, diags, {p: self.results[p] for p in wanted},
                         [self.refs[p] for p in wanted], self.settings, self.root, self.target)
        for d in sorted(kept, key=Diagnostic.sort_key):
            out[d.path].append(d)
        return out

    def fix_all(self, path: str, unsafe: bool = False) -> Optional[bytes]:
        """The bytes of `path` after its fixes (safe, or also unsafe) to a fixpoint; None if nothing changes.

        The project is left as it was: the editor applies the edit and sends the change back."""
        path = os.path.abspath(path)
        if path not in self.refs:
            return None
        original = self.data[path]
        result = RunResult(self.root, [], originals={path: original})
        current = {path: original}
        broken: set[str] = set()
        try:
            for _round in range(MAX_FIX_ROUNDS):
                kept = [d for d in self.diagnostics([path])[path] if fixable(d, unsafe)]
                if not kept or not _apply_round(kept, [self.refs[path]], current, broken, unsafe, result):
                    break
                self.update(path, current[path])
        finally:
            if self.data.get(path) != original:
                self.update(path, original)
        return current[path] if current[path] != original else None

    def text(self, path: str) -> Optional[str]:
        raw = self.data.get(os.path.abspath(path))
        ref = self.refs.get(os.path.abspath(path))
        if raw is None or ref is None:
            return None
        try:
            return decode(raw, ref.kind).text
        except ParseFailure:
            return None
