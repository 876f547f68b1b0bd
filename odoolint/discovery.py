"""Walking the given paths: which files, of which kind, in which addon.

Honours nested .gitignore files, `exclude`/`extend-exclude` globs and `--force-exclude`.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Iterable, Optional

from .classify import classify
from .model import FrozenRecord, _set

ALWAYS_SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv", "venv",
                                 ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache",
                                 ".odoolint_cache", ".eggs", "build", "dist", "site-packages"})
HEAD_BYTES = 65536


class SourceRef(FrozenRecord):
    """A file of the run: absolute path, POSIX path relative to the project root, kind, and the technical name
    and folder of the addon it belongs to (None outside addons)."""

    _fields = __slots__ = ("path", "relpath", "kind", "addon", "addon_path")

    def __init__(self, path: str, relpath: str, kind: str, addon: Optional[str], addon_path: Optional[str]):
        _set(self, "path", path)
        _set(self, "relpath", relpath)
        _set(self, "kind", kind)
        _set(self, "addon", addon)
        _set(self, "addon_path", addon_path)


def find_root(paths: Iterable[Path]) -> Path:
    """The project root: the git toplevel above the first path, else the folder of the nearest odoolint
    configuration above it, else the current directory."""
    start = Path.cwd()
    for p in paths:
        start = p.resolve() if p.is_dir() else p.resolve().parent
        break
    marked = marked_root(start)
    return marked if marked is not None else Path.cwd().resolve()


def marked_root(start: Path) -> Optional[Path]:
    """The git toplevel above `start`, else the folder of the nearest odoolint configuration, else None."""
    chain = [start, *start.parents]
    for d in chain:
        if (d / ".git").exists():
            return d
    for d in chain:
        if (d / ".odoolint.toml").is_file():
            return d
        py = d / "pyproject.toml"
        try:
            if py.is_file() and b"[tool.odoolint" in py.read_bytes():
                return d
        except OSError:
            pass
    return None


class _Matcher:
    """gitignore-style patterns (pathspec), each set anchored at its directory; compiled on first use,
    so that linting one explicitly named file never imports pathspec."""

    def __init__(self):
        self._raw: list[tuple[str, list[str]]] = []
        self._specs: Optional[list[tuple[str, object]]] = None

    def add(self, base_rel: str, lines: list[str]) -> None:
        lines = [ln for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
        if lines:
            self._raw.append((base_rel, lines))
            self._specs = None

    def match(self, relpath: str, is_dir: bool) -> bool:
        if not self._raw:
            return False
        if self._specs is None:
            self._specs = [(base, _compile(lines)) for base, lines in self._raw]
        if not relpath.isprintable() and any("\udc80" <= ch <= "\udcff" for ch in relpath):
            # a name that is not UTF-8 (surrogate-escaped bytes): match it with U+FFFD in their place, as the
            # regex engine accepts only real text
            relpath = relpath.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        target = relpath + ("/" if is_dir else "")
        for base, spec in self._specs:
            if base:
                if not relpath.startswith(base + "/"):
                    continue
                sub = target[len(base) + 1:]
            else:
                sub = target
            if spec.__class__ is frozenset:
                if not spec.isdisjoint(sub.rstrip("/").split("/")):
                    return True
            elif spec.__class__ is re.Pattern:
                if sub and spec.search(sub) is not None:
                    return True
            elif spec.match_file(sub):
                return True
        return False


_GLOB_CHARS = frozenset("*?[]!/\\")
_NAME_GLOB_CHARS = frozenset("[]!/\\")       # `*` and `?` allowed: they stay within one path component


def _compile(lines: list[str]):
    """Plain names (`.venv`, `node_modules`: gitignore matches them as any path component) become a set, so the
    default excludes cost neither pathspec's import nor its regexes. Name globs (`*.pyc`, `*`: no slash, no
    class, no negation, no `**`, no edge spaces) match any path component too, so they become one regex:
    pathspec's import (typing_extensions, asyncio: ~50-140 ms) is paid only for the rest."""
    names = [ln.strip() for ln in lines]
    if all(n and not (_GLOB_CHARS & set(n)) for n in names):
        return frozenset(names)
    if all(n and n == ln and not (_NAME_GLOB_CHARS & set(n)) and "**" not in n for n, ln in zip(names, lines)):
        alts = "|".join(re.escape(n).replace(r"\*", "[^/]*").replace(r"\?", "[^/]") for n in names)
        return re.compile(f"(?:^|/)(?:{alts})(?:/|$)")
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def discover(paths: list[Path], root: Path, exclude: list[str], respect_gitignore: bool = True,
             force_exclude: bool = False, problems: Optional[list[str]] = None, record=None,
             on_many=None) -> list[SourceRef]:
    """The files to lint under `paths`; folders that cannot be listed are appended to `problems`. `record`
    (a walkcache.WalkRecord) is told every folder walked, .gitignore looked for and file head read. `on_many`:
    (n, callback), the callback called once, with the kinds found so far, when the walk has found n files (the
    run may start its worker processes then)."""
    many, notify = on_many if on_many is not None else (0, None)
    excl = _Matcher()
    excl.add("", exclude)
    ignores = _Matcher()
    found: dict[str, tuple[str, str]] = {}
    root = root.resolve()
    root_s = str(root)
    root_prefix = root_s.rstrip(os.sep) + os.sep

    def rel(p: "Path | str") -> str:
        """POSIX path relative to the root (string work: this runs for every file of the tree)."""
        s = str(p)
        if s.startswith(root_prefix):
            s = s[len(root_prefix):]
        elif s == root_s:
            return ""
        else:
            s = s.lstrip(os.sep)
        return s.replace(os.sep, "/") if os.sep != "/" else s

    def load_gitignore(d: "Path | str") -> None:
        if respect_gitignore:
            gi = os.path.join(str(d), ".gitignore")
            if record is not None:
                record.ignore(gi)
            if os.path.isfile(gi):
                try:
                    with open(gi, encoding="utf-8", errors="replace") as fh:
                        ignores.add("" if str(d) == root_s else rel(d), fh.read().splitlines())
                except OSError:
                    pass

    if respect_gitignore:
        # `.git/info/exclude` is the checkout's own .gitignore (git reads it first: .gitignore files refine it)
        from .gitinfo import info_exclude, info_exclude_path
        if record is not None:
            where = info_exclude_path(root_s)
            if where is not None:
                record.ignore(where)      # a walk record holds while it is as it was (or still absent)
        ignores.add("", info_exclude(root_s))
        # .gitignore files between the root and each given path apply too
        for p in paths:
            rp = p.resolve()
            for d in reversed([rp, *rp.parents] if rp.is_dir() else list(rp.parents)):
                if d == root or root in d.parents:
                    load_gitignore(d)

    def excluded(r: str, is_dir: bool, inside: str) -> bool:
        """`inside`: an explicitly given folder that is itself excluded (e.g. `odoolint check fixtures/demo`
        while `fixtures` is excluded): below it, patterns are matched against the path under that folder."""
        if inside and not force_exclude:
            sub = r[len(inside) + 1:] if r.startswith(inside + "/") else r
            return excl.match(sub, is_dir) or ignores.match(sub, is_dir)
        return excl.match(r, is_dir) or ignores.match(r, is_dir)

    def consider(p: str, explicit: bool, inside: str = "") -> None:
        r = rel(p)
        if not explicit or force_exclude:
            if excluded(r, False, inside):
                return
        if record is None:
            kind = classify(r, lambda: _head(p))
        else:
            def head() -> bytes:
                record.head(p)
                return _head(p)
            kind = classify(r, head)
        if kind is not None:
            found[p] = (r, kind)
            if len(found) == many:
                notify({k for _, k in found.values()})

    for given in paths:
        gp = given.resolve()
        if gp.is_file():
            consider(str(gp), explicit=True)
            continue
        if not gp.is_dir():
            if gp.exists():     # a FIFO, socket or device named explicitly: its kind's "not a regular file"
                consider(str(gp), explicit=True)
            continue
        gps = str(gp)
        grel = rel(gp) if gp != root else ""
        inside = ""
        if grel and not force_exclude:
            chain = [grel]
            while "/" in chain[-1]:
                chain.append(chain[-1].rsplit("/", 1)[0])
            if any(excl.match(c, True) or ignores.match(c, True) for c in chain):
                inside = grel
        def unreadable(err: OSError) -> None:
            if problems is not None:
                from .names import shown as _shown
                problems.append(f"{_shown(rel(err.filename) if err.filename else str(given))}: cannot read "
                                f"the directory: {err.strerror or err}")

        for dirpath, dirnames, filenames in os.walk(gps, onerror=unreadable):
            if record is not None:
                record.walked(dirpath, dirnames, filenames)
            if dirpath != gps or gp != root:
                load_gitignore(dirpath)
            keep = []
            for dn in sorted(dirnames):
                if dn in ALWAYS_SKIPPED_DIRS:
                    continue
                if excluded(rel(os.path.join(dirpath, dn)), True, inside):
                    continue
                keep.append(dn)
            dirnames[:] = keep
            for fn in sorted(filenames):
                consider(os.path.join(dirpath, fn), explicit=False, inside=inside)
    return _attach_addons(found)


def _head(p: str) -> bytes:
    from .safeio import read_head
    return read_head(p, HEAD_BYTES)   # regular files only: a FIFO named odoo.conf cannot hang the run


def _attach_addons(found: dict[str, tuple[str, str]]) -> list[SourceRef]:
    """Each file's addon: the nearest folder above it that holds a manifest (string work, no Path objects:
    this runs for every file of the tree)."""
    addon_dirs = {os.path.dirname(p) for p, (_, k) in found.items() if k == "manifest"}
    by_dir: dict[str, Optional[str]] = {}     # folder -> its addon folder, looked up once per folder

    def addon_of(d: str) -> Optional[str]:
        chain = []
        found_path = None
        while True:
            if d in by_dir:
                found_path = by_dir[d]
                break
            chain.append(d)
            if d in addon_dirs:
                found_path = d
                break
            parent = os.path.dirname(d)
            if parent == d:
                break
            d = parent
        for c in chain:
            by_dir[c] = found_path
        return found_path

    out = []
    for p in sorted(found):
        r, kind = found[p]
        addon_path = addon_of(os.path.dirname(p))
        out.append(SourceRef(p, r, kind, os.path.basename(addon_path) if addon_path else None, addon_path))
    return out



def copier_answer_files(root: Path, paths: Iterable[Path], manifest_paths: Iterable[str]) -> list[Path]:
    """The `.copier-answers.yml` that the project's addons repositories were generated with: for each folder that
    holds addons (else each given path), the nearest such file in it or in a parent up to the project root."""
    import os
    root = Path(root).resolve()
    starts = sorted({os.path.dirname(os.path.dirname(m)) for m in manifest_paths})
    if not starts:
        starts = []
        for p in paths or [root]:
            p = Path(p).resolve()
            starts.append(str(p if p.is_dir() else p.parent))
    out: list[Path] = []
    for start in starts:
        d = Path(start)
        if d != root and root not in d.parents:
            continue                # outside the project
        while True:
            answers = d / ".copier-answers.yml"
            if answers.is_file():
                if answers not in out:
                    out.append(answers)
                break
            if d == root:
                break
            d = d.parent
    return out
