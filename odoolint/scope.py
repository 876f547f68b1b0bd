"""What a partial run reads besides the files it reports on.

When the paths name files (a pre-commit hook, an editor on save) or stdin names one, the cross-file rules
still need the whole project: the models a view names, the compose file beside an odoo.conf, the manifest
that decides the target version. So a partial run reads every file of the project for its facts (the
per-file cache makes that cheap) and reports only the findings that land in the files it was given.
"""
from __future__ import annotations

import os
from pathlib import Path

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from .discovery import SourceRef, _attach_addons, discover, marked_root
from .walkcache import discover_cached


def is_partial(paths: list[Path], stdin_filename: Optional[str]) -> bool:
    """A run names files (or a buffer) rather than folders."""
    return stdin_filename is not None or any(p.is_file() for p in paths)


def context_refs(targets: list[SourceRef], root: Path, excludes: list[str], respect_gitignore: bool,
                 walk_base: Optional[str] = None, walk_key: Optional[bytes] = None,
                 proof: Optional[dict] = None) -> list[SourceRef]:
    """Every file whose facts the cross-file rules of `targets` may read.

    The project is the git root or the configuration's root (never a bare current folder: linting
    `/tmp/x.xml` from a home directory must not walk the home directory). A target the project's walk
    does not reach (excluded, git-ignored, or with no marked root) is read with the folder that holds its
    addon (or its own folder), as `odoolint check <that folder>` would read it.
    """
    out: list[SourceRef] = []
    if marked_root(root) == root and root != Path.home() and root.parent != root:
        out = discover_cached([root], root, excludes, respect_gitignore, False, None, walk_base, walk_key, proof)
    seen = {r.path for r in out}
    extra: set[str] = set()
    for t in targets:
        if t.path not in seen:
            addon = t.addon_path or addon_dir(t.path)
            extra.add(os.path.dirname(addon) if addon else os.path.dirname(t.path))
    if extra and proof is not None:
        proof.clear()             # files outside the project's walk: the walk alone is not the context
    for d in sorted(extra):
        for r in discover([Path(d)], root, excludes, respect_gitignore):
            if r.path not in seen:
                seen.add(r.path)
                out.append(r)
    return out


def merge(context: list[SourceRef], targets: list[SourceRef]) -> list[SourceRef]:
    """One list of refs, the targets' kinds winning, addons attached over the whole set."""
    known = {r.path: r for r in context}
    if all(known.get(t.path) == t for t in targets) and all(a.path < b.path for a, b in zip(context, context[1:])):
        return context          # the walk already holds every target as it is (the usual editor run)
    found = {r.path: (r.relpath, r.kind) for r in context}
    for t in targets:
        found[t.path] = (t.relpath, t.kind)
    return _attach_addons(found)


def addon_dir(path: str) -> Optional[str]:
    """The nearest folder above `path` that holds a manifest on disk."""
    d = os.path.dirname(path)
    while True:
        if os.path.isfile(os.path.join(d, "__manifest__.py")):
            return d
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent
