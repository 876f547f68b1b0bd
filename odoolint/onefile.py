"""A buffer through `--stdin-filename` with the project's context taken from `contextsnap` (no walk, no pack, no
stat of files without facts), and the writing of that context at the end of a run that saw the project settled.

`run_fast` answers exactly as `runner.run` would for the same buffer, or returns None and the run goes the long
way: every step below is the one `runner.run` takes, with the context files' part read from the snapshot once
`contextsnap.holds` says it still describes the disk (see there for why that is enough)."""
from __future__ import annotations

import os
import stat
from pathlib import Path

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from . import contextsnap

def usable(opts, settings, root: Path) -> bool:
    """Can this stdin run take its context from a snapshot? (Not with fixes, a baseline to write, paths besides the
    buffer, symlinks followed out of the project, or a root whose context is not the root's own walk.)"""
    from .discovery import marked_root
    return (opts.stdin_filename is not None and all(str(p) == "-" for p in opts.paths or ())
            and not opts.fix and not opts.no_cache
            and opts.write_baseline is None and not settings.follow_external_symlinks
            and marked_root(root) == root and root != Path.home() and root.parent != root)


def walk_key(root: Path, settings) -> str:
    """The key of the walk scope.context_refs makes of the project (the snapshot is kept under it)."""
    from .walkcache import key
    return key([str(root.resolve())], str(root.resolve()), settings.all_excludes(), settings.respect_gitignore,
               False)


def run_fast(opts, settings, root: Path, cache, refs: list) -> Optional[object]:
    """The RunResult of the buffer's run, or None when the snapshot is missing or does not hold."""
    from . import runner as R
    from .cache import facts_digest, project_key, _diagnostic, Bounds
    from .engine import build_ruleset, digest
    from .model import Diagnostic, OdooVersion
    from .registry import load_rules
    from .versions import FOLDER_TARGETS, detect, scan_sources, target_for, with_addon_series

    if len(refs) != 1:
        return None
    ref = refs[0]
    base = str(cache.base)
    snap = contextsnap.load(base, walk_key(root, settings), cache.key)
    if snap is None or snap.get("root") != str(root):
        return None
    entry = snap["files"].get(ref.path)
    if entry is None or tuple(entry[:4]) != (ref.relpath, ref.kind, ref.addon, ref.addon_path):
        return None
    if not contextsnap.holds(snap, ref.path):
        return None
    buffer = opts.stdin_data or b""
    data = R.SourceBytes([p for p, _ in snap["sources"]] + [ref.path])
    data[ref.path] = buffer
    files = []
    try:
        for p, kind in snap["sources"]:
            files.append((p, kind, data[p]))
    except OSError:
        return None
    registry = load_rules(set())
    enabled = R.resolve_enabled(registry, settings)
    explicit = settings.target()
    extra = []
    if explicit is None:
        from .discovery import copier_answer_files
        for copier in copier_answer_files(root, opts.paths or [Path(".")],
                                          [p for p, k in snap["sources"] if k == "manifest"]):
            try:
                extra.append((str(copier), "copier", copier.read_bytes()))
            except OSError:
                pass
    version_sources = scan_sources(files + extra)
    scopes: dict = {}
    if explicit is None:
        tier = next((t for t in ("manifest", "copier", "image") if any(s.tier == t for s in version_sources)), None)
        split_in = [(s.tier, str(s.version), s.path, s.offset) for s in version_sources if s.tier == tier]
        if snap.get("split") != split_in:
            return None
        scopes = {d: OdooVersion.parse(v) for d, v in snap["scopes"].items()}
        version_sources = [s for s in version_sources if target_for(s.path, scopes, None) is None]
    elif snap.get("split") is not None:
        return None
    detection = detect(explicit, opts.explicit_version_origin, version_sources)
    settings = with_addon_series(settings, version_sources)
    if scopes:
        settings = settings.replace(options={**settings.options, FOLDER_TARGETS: {d: str(v) for d, v in scopes.items()}})
    target = detection.target
    ruleset = build_ruleset(registry, enabled, target)
    lint_hash = settings.lint_hash(ruleset.enabled, target)
    if snap.get("lint") != lint_hash or \
            snap.get("meta") != project_key(lint_hash, detection.origin, str(root), [], settings.addons_paths):
        return None

    # the buffer: its recorded result when the bytes are those of the file (from the pack), else linted
    d = digest(buffer)
    res = None
    if d == entry[4]:
        pack = cache.pack(lint_hash)
        res = pack.by_digest(ref, d, None, buffer, refresh=False)
    if res is None:
        per_file = R._PerFile(registry, ruleset, target, settings, None, 1, {}, {ref.path}, opts.progress)
        per_file.loaded_kinds = set()
        # only the rule modules the engine would run on this text (a word-gated rule whose words the buffer
        # does not spell is left out by the engine anyway)
        from .registry import load_rules_for_text
        from .sources import ParseFailure, decode
        try:
            text = decode(buffer, ref.kind).text
        except ParseFailure:
            text = None
        loaded = load_rules_for_text(ref.kind, text, ruleset.enabled, target) if text is not None else None
        if loaded is not None:
            per_file.registry, per_file.ruleset = loaded, build_ruleset(loaded, ruleset.enabled, target)
            per_file.loaded_kinds = {ref.kind}
        res = per_file.run([ref], data, {ref.path}).get(ref.path)
        if res is None:
            return None
        registry = per_file.registry
    if facts_digest(res) != entry[5]:
        return None      # the buffer's facts differ from the file's: the project phase must run again
    key, raw = snap["project"]
    bounds = Bounds.of(buffer)
    project = []
    for dd in raw:
        diag = _diagnostic(dd)
        if diag is None:
            return None
        if diag.path == ref.path:
            if not bounds.holds(diag):
                return None
            project.append(diag)

    result = R.RunResult(root, [], originals=data, relpaths={ref.path: ref.relpath}, kinds={ref.path: ref.kind},
                         files=1)
    result.target, result.target_origin = target, detection.origin
    version_diags = R._version_diagnostics(registry, enabled, detection, data)
    diagnostics = project + version_diags + list(res.diagnostics)
    targets = {ref.path}
    kept = R._suppress(registry, enabled, diagnostics, {ref.path: res}, [ref], settings, root, target, targets)
    baseline_path = opts.baseline or (Path(settings.baseline) if settings.baseline else None)
    if baseline_path is not None and not baseline_path.is_absolute() and opts.baseline is None:
        baseline_path = root / baseline_path
    if baseline_path is not None:
        from . import baseline
        known = baseline.load(baseline_path)

        def relpath_of(path: str) -> str:
            return result.relpaths.get(path) or os.path.relpath(path, root).replace(os.sep, "/")
        kept = baseline.filter_known(kept, known, relpath_of, R._line_reader(data, result))
    result.errors = sorted(set(res.errors))
    result.diagnostics = sorted(kept, key=Diagnostic.sort_key)
    return result


def keep(pack, root: Path, settings, refs: list, lstats: dict, proof: dict, split, scopes: dict,
         target_origin: str, changed: bool = True, saved: frozenset = frozenset()) -> None:
    """Write the snapshot of this run's context, if everything it would say is known to hold (see
    contextsnap's docstring); otherwise leave whatever is there (a snapshot that no longer holds is never used).
    `changed`: the pack changed in this run; if not, and the walk record was used as it is, the snapshot written
    with that pack (same lint hash) is still the one to keep. `saved`: buffers whose file on disk holds the same
    bytes; one saved too recently for its stat to be trusted is kept without it (the snapshot then holds for a
    run of that buffer only)."""
    from .cache import RACY_NS, project_key
    from .registry import fact_kinds
    from .versions import SOURCE_KINDS
    wk = walk_key(root, settings)
    if settings.follow_external_symlinks or proof.get("key") != wk or not proof.get("exact") \
            or not pack.project or not refs:
        return
    base = str(pack.cache.base)
    if not changed and proof.get("reused") and contextsnap.lint_hint(base, wk) == contextsnap.hint_for(pack.lint_hash):
        return
    kinds = fact_kinds()
    if kinds is None:
        return
    rows, watched, files, sources = [], [], {}, []
    is_reg = stat.S_ISREG
    for r in refs:
        e = pack._entry(r)
        st = lstats.get(r.path)
        if e is None or st is None or not is_reg(st.st_mode) or not isinstance(e[7], str):
            return
        if e[0] is None and r.path in saved:
            stat_row = (r.path, None, None, None)
        elif e[0] is None or e[0] != [st.st_mtime_ns, st.st_size, st.st_ino]:
            return
        else:
            stat_row = (r.path, st.st_mtime_ns, st.st_size, st.st_ino)
        rows.append((r.path, e[7], r.kind, r.addon, r.addon_path, r.relpath))
        if r.kind in kinds or r.kind in SOURCE_KINDS:
            watched.append(stat_row)
            files[r.path] = (r.relpath, r.kind, r.addon, r.addon_path, e[1], e[7])
        if r.kind in SOURCE_KINDS:
            sources.append((r.path, r.kind))
    key = project_key(pack.lint_hash, target_origin, str(root), rows, settings.addons_paths)
    if pack.project.get("key") != key or not isinstance(pack.project.get("diagnostics"), list):
        return
    root_s = str(root)
    dirs = []
    try:
        for d, mtime in proof["dirs"].items():
            st = os.stat(d) if d == root_s else os.lstat(d)
            if st.st_mtime_ns != mtime or not stat.S_ISDIR(st.st_mode) or mtime >= pack.now_ns - RACY_NS:
                return
            dirs.append((d, st.st_ino, mtime))
    except OSError:
        return
    listed = set(proof["dirs"])
    ignores = []
    for p, st in proof["ignores"].items():
        if st is not None:
            ignores.append((p, list(st)))
        elif os.path.dirname(p) not in listed:
            ignores.append((p, None))         # absent outside the listed folders (info/exclude): still absent
    heads = [(p, list(st)) for p, st in proof["heads"].items()]
    contextsnap.store(base, wk, pack.cache.key, {
        "lint": pack.lint_hash, "meta": project_key(pack.lint_hash, target_origin, root_s, [], settings.addons_paths),
        "root": root_s, "dirs": dirs, "ignores": ignores, "heads": heads, "watched": watched, "files": files,
        "sources": sources, "split": split, "scopes": {d: str(v) for d, v in scopes.items()},
        "project": (key, pack.project["diagnostics"])})
