"""A project kept in memory for a long-lived process (the language server).

Every file of the project is read and linted once (through the per-file cache); afterwards a changed
buffer or file is linted alone and its facts replace the old ones, and the findings of the files asked
for are computed with the runner's own project phase, suppressions and fix rounds: one engine, not two.
"""
from __future__ import annotations

import os
from pathlib import Path

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Iterable, Optional

from .cache import DEFAULT_DIR, Cache
from .classify import classify
from .config import Settings
from .discovery import HEAD_BYTES, SourceRef, _attach_addons, discover
from .engine import FileResult, build_ruleset, lint_source
from .fixes import fixable
from .model import Diagnostic, OdooVersion
from .registry import load_rules
from .project import Project, ProjectFile, facts_index
from .runner import (MAX_FIX_ROUNDS, RunResult, SourceBytes, _PerFile, _apply_round, _stat, _suppress,
                     _version_diagnostics, resolve_enabled, run_project_rule)
from .sources import ParseFailure, decode
from .versions import detect, scan_sources

VERSION_KINDS = frozenset({"manifest", "compose", "dockerfile"})
EVERYTHING = "*"          # a read the memo cannot describe: any change concerns it
STRUCTURE = "files"       # the list of files (paths, kinds, addons): changes when files come or go


class _Caches(dict):
    """The `__dict__` of a project view: notes which rule touches which cache a rule keeps there."""

    def __init__(self, view: "_Reads"):
        super().__init__()
        self._view = view

    def get(self, key, default=None):
        self._view._touch(key)
        return super().get(key, default)

    def __getitem__(self, key):
        self._view._touch(key)
        return super().__getitem__(key)

    def __setitem__(self, key, value):
        self._view._touch(key)
        super().__setitem__(key, value)

    def __contains__(self, key):
        self._view._touch(key)
        return super().__contains__(key)


class _Reads:
    """The project as cross-file rules see it, noting what each reads: fact names, kinds, paths, the file
    list, or (anything else) everything, and which caches it touches on the project (`project.__dict__`:
    the model index, the deployment model), so that rules share those caches and each is said to have
    read what went into them."""

    _OWN = frozenset({"_project", "_reads", "_touched", "_side", "root", "target", "options", "addons_paths",
                      "target_origin", "focus"})

    def __init__(self, project: Project):
        object.__setattr__(self, "__dict__", _Caches(self))
        d = object.__getattribute__(self, "__dict__")
        dict.update(d, _project=project, _reads=set(), _touched=set(), _side={}, root=project.root,
                    target=project.target, options=project.options, addons_paths=project.addons_paths,
                    target_origin=project.target_origin, focus=project.focus)

    def begin(self) -> None:
        dict.update(object.__getattribute__(self, "__dict__"), _reads=set(), _touched=set())

    def _touch(self, key) -> None:
        if key not in self._OWN:
            self._touched.add(key)

    @property
    def files(self):
        self._reads.add(STRUCTURE)
        return self._project.files

    def facts(self, name):
        self._reads.add(name)
        return self._project.facts(name)

    def files_of(self, kind):
        self._reads.add(("kind", kind))
        return self._project.files_of(kind)

    @property
    def addons(self):
        self._reads.add(("kind", "manifest"))
        return self._project.addons

    def by_path(self, path):
        self._reads.add(("path", path))
        return self._project.by_path(path)

    def reported(self, pairs):
        """Narrowing to the files in focus reads nothing: the memo records the focus it was computed for."""
        return self._project.reported(pairs)

    def __setattr__(self, name, value):      # a cache kept as an attribute
        self._touch(("attr", name))
        self._side[name] = value

    def __getattr__(self, name):
        side = self._side
        if name in side:
            self._touch(("attr", name))
            return side[name]
        self._reads.add(EVERYTHING)
        return getattr(self._project, name)


class LiveProject:
    def __init__(self, root: Path, settings: Settings, *, use_cache: bool = True, jobs: Optional[int] = None):
        self.root = root.resolve()
        self.settings = settings
        self.registry = load_rules()
        self.enabled = resolve_enabled(self.registry, settings)
        self.errors: list[str] = []
        self.found: dict[str, tuple[str, str]] = {}
        self.data: dict[str, bytes] = {}
        self.buffers: set[str] = set()        # paths whose bytes came from an editor, not from the disk
        for r in discover([self.root], self.root, settings.all_excludes(), settings.respect_gitignore):
            try:
                with open(r.path, "rb") as fh:
                    self.data[r.path] = fh.read()
            except OSError:
                continue
            self.found[r.path] = (r.relpath, r.kind)
        self.refs: dict[str, SourceRef] = {}
        self._attach()
        self.cache = None
        if use_cache:
            self.cache = Cache(Path(settings.cache_dir) if settings.cache_dir else self.root / DEFAULT_DIR, self.root)
            if self.cache.refusal is not None:
                self.cache = None         # a symlinked or tracked cache folder, no key: run without one
        self.jobs = jobs or settings.jobs or os.cpu_count() or 1
        self.target: Optional[OdooVersion] = None
        self.detection = None
        self.results: dict[str, FileResult] = {}
        # cross-file rule -> (what it read, its findings, the paths they were computed for or None for all),
        # until what it read changes
        self.rule_memo: dict[str, tuple[set, list[Diagnostic], Optional[frozenset]]] = {}
        # the project as the cross-file rules see it, kept between calls and patched when one file's facts
        # change (None: build it again, after files came or went or the target changed)
        self._proj: Optional[Project] = None
        self._proj_files: dict[str, ProjectFile] = {}
        self._kinds: Optional[dict[str, str]] = None
        # the view the cross-file rules read it through, kept with it: the caches rules keep on it (the model
        # index, the deployment model) live on until a fact that went into them changes
        self._view: Optional[_Reads] = None
        self._cache_reads: dict = {}          # cache key -> everything the rules that touched it read
        self._failed: set[str] = set()
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
        if self.settings.target() is None:
            from .discovery import copier_answer_files
            manifests = [p for p, r in self.refs.items() if r.kind == "manifest"]
            for copier in copier_answer_files(self.root, [self.root], manifests):
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
        refs = list(self.refs.values())
        stats: dict[str, list[int]] = {}
        _stat(refs, stats, {})
        pack = self.cache.pack(self.settings.lint_hash(self.ruleset.enabled, self.target)) if self.cache else None
        # buffers that differ from the disk are linted from memory and never stored in the cache
        current = SourceBytes(self.data)
        for path, raw in self.data.items():
            current[path] = raw
        changed = {p for p in self.data if p not in stats or p in self.buffers}
        per_file = _PerFile(self.registry, self.ruleset, self.target, self.settings, pack, self.jobs, stats)
        self.results = per_file.run(refs, current, changed)
        for res in self.results.values():
            self.errors.extend(res.errors)
        if pack is not None:
            pack.save()
        self._reset()
        return True

    def _reset(self) -> None:
        """Files came or went, or the target changed: every memo and the kept project are rebuilt."""
        self.rule_memo.clear()
        self._drop_project()

    def _drop_project(self) -> None:
        self._proj, self._view, self._kinds = None, None, None
        self._cache_reads = {}

    def _lint(self, path: str) -> None:
        r = self.refs[path]
        res = lint_source(r.path, r.relpath, r.kind, r.addon, r.addon_path, self.data[path], self.registry,
                          self.ruleset, self.target, self.settings.options)
        self.errors.extend(res.errors)
        old = self.results.get(path)
        self.results[path] = res
        if old is None:
            self._reset()                  # a new file
            return
        changed = {n for n in set(old.facts) | set(res.facts) if old.facts.get(n) != res.facts.get(n)}
        if changed:
            self._forget(changed | {("kind", r.kind), ("path", path), EVERYTHING})
            self._patch(path, res, changed)

    def _patch(self, path: str, res: FileResult, changed: set) -> None:
        """The kept project takes the file's new facts; the index of each changed fact name is rebuilt in file
        order (the order a fresh project has)."""
        if self._proj is None:
            return
        pf = self._proj_files.get(path)
        if pf is None:
            self._drop_project()
            return
        pf.facts = res.facts
        index = self._proj.__dict__["_facts_index"]
        for name in changed:
            rows = index.get(name, [])
            at = next((i for i, (f, _) in enumerate(rows) if f is pf), None)
            if at is not None and name in pf.facts:
                rows[at] = (pf, pf.facts[name])        # the common case: new data, same place
                continue
            rows = [(f, f.facts[name]) for f in self._proj.files if name in f.facts]
            if rows:
                index[name] = rows
            else:
                index.pop(name, None)

    def _forget(self, changed: set) -> None:
        """Drop the memo of every cross-file rule that read any of `changed` (fact names, kinds, paths)."""
        for code in [c for c, (read, _, _) in self.rule_memo.items() if read & changed]:
            del self.rule_memo[code]
        view = self._view
        for key in [k for k, read in self._cache_reads.items() if read & changed]:
            del self._cache_reads[key]
            if view is not None:
                if isinstance(key, tuple) and key[:1] == ("attr",):
                    view._side.pop(key[1], None)
                else:
                    dict.pop(object.__getattribute__(view, "__dict__"), key, None)

    def relpath(self, path: str) -> str:
        try:
            return Path(path).relative_to(self.root).as_posix()
        except ValueError:
            return Path(path).name

    def update(self, path: str, data: Optional[bytes], from_disk: bool = False) -> set[str]:
        """A file's new bytes (an editor buffer, or the disk with `from_disk`), or None when it is gone.

        Returns the paths whose per-file results changed."""
        path = os.path.abspath(path)
        (self.buffers.discard if from_disk or data is None else self.buffers.add)(path)
        old = self.found.get(path)
        kind = None
        if data is not None:
            rel = self.relpath(path)
            kind = classify(rel, lambda: data[:HEAD_BYTES])
        if kind is None:
            if old is None:
                return set()
            self._reset()                  # a file went away
            self.found.pop(path, None)
            self.data.pop(path, None)
            self.results.pop(path, None)
        else:
            self.found[path] = (rel, kind)
            self.data[path] = data
        touched = {path} if kind is not None else set()
        if "manifest" in (kind, old and old[1]) and (old is None or kind is None or old[1] != kind):
            touched |= set(self._attach())        # an addon appeared or went away
            self._reset()
        elif kind is None:
            self.refs.pop(path, None)
        else:
            ref = self._ref(path)
            if self.refs.get(path) != ref:
                self._drop_project()              # its kind changed: the kept project lists it otherwise
            self.refs[path] = ref
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
        focus = frozenset(wanted)

        def covered(code: str) -> bool:
            memo = self.rule_memo.get(code)
            return memo is not None and (memo[2] is None or wanted <= memo[2])
        stale = [r for r in rules if not covered(r.meta.code)]
        if stale:
            view = self._live_view(focus)
            kinds_of = self._kinds_of()
            ran = {}
            for rule in stale:
                view.begin()
                errors: list[str] = []
                found = run_project_rule(self.registry, rule, view, kinds_of, errors, self.ruleset.enabled)
                self.errors.extend(errors)
                ran[rule.meta.code] = (found, view._reads, view._touched, not errors)
            # a cache's content may come from the reads of any rule that touched it
            # (and, for a cache kept from an earlier call, of the rules that touched it then)
            family: dict = {}
            for _found, reads, touched, _ok in ran.values():
                for key in touched:
                    family.setdefault(key, set(self._cache_reads.get(key, ()))).update(reads)
            for code, (found, reads, touched, ok) in ran.items():
                for key in touched:
                    reads |= family[key]
                self.rule_memo[code] = (reads, found, focus)
                if not ok:
                    self._failed.add(code)
            self._cache_reads.update(family)
            if any(not ok for *_, ok in ran.values()):
                self._view, self._cache_reads = None, {}     # a rule failed: its caches may be half built
        diags: list[Diagnostic] = []
        for rule in rules:
            diags += [d for d in self.rule_memo[rule.meta.code][1] if d.path in wanted]
        for code in self._failed & set(self.rule_memo):
            del self.rule_memo[code]           # a rule that failed is run again next time
        self._failed.clear()
        diags += [d for d in _version_diagnostics(self.registry, self.enabled, self.detection, self.data)
                  if d.path in wanted]
        for p in wanted:
            diags += self.results[p].diagnostics
        kept = _suppress(self.registry, self.enabled, diags, {p: self.results[p] for p in wanted},
                         [self.refs[p] for p in wanted], self.settings, self.root, self.target)
        for d in sorted(kept, key=Diagnostic.sort_key):
            out[d.path].append(d)
        return out

    @property
    def kinds(self) -> dict[str, str]:
        return {p: r.kind for p, r in self.refs.items()}

    def _kinds_of(self) -> dict[str, str]:
        if self._kinds is None:
            self._kinds = self.kinds
        return self._kinds

    def _live_view(self, focus: frozenset) -> "_Reads":
        project = self._project(focus)
        view = self._view
        if view is None or object.__getattribute__(view, "_project") is not project:
            view = self._view = _Reads(project)
            self._cache_reads = {}
        dict.__setitem__(object.__getattribute__(view, "__dict__"), "focus", focus)
        return view

    def _project(self, focus: Optional[frozenset] = None) -> Project:
        project = self._proj
        if project is None:
            files = [ProjectFile(r.path, r.relpath, r.kind, r.addon, r.addon_path, self.results[p].facts)
                     for p, r in self.refs.items() if p in self.results]
            project = Project(self.root, self.target, files, self.settings.options, self.settings.addons_paths,
                              self.detection.origin)
            project.__dict__["_facts_index"] = facts_index(files)
            self._proj, self._proj_files = project, {f.path: f for f in files}
        project.focus = focus
        return project

    def fix_all(self, path: str, unsafe: bool = False) -> Optional[bytes]:
        """The bytes of `path` after its fixes (safe, or also unsafe) to a fixpoint; None if nothing changes.

        The project is left as it was: the editor applies the edit and sends the change back."""
        path = os.path.abspath(path)
        if path not in self.refs:
            return None
        original = self.data[path]
        was_buffer = path in self.buffers
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
                self.update(path, original, from_disk=not was_buffer)
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
