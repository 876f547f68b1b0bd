"""The project phase: cross-file rules read the joined facts of every file, never the files."""
from __future__ import annotations

import os
from pathlib import Path

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Any, Iterable, Iterator, Optional

from .model import OdooVersion, Record


class ProjectFile(Record):
    _fields = ("path", "relpath", "kind", "addon", "addon_path", "facts")

    def __init__(self, path: str, relpath: str, kind: str, addon: Optional[str], addon_path: Optional[str],
                 facts: dict[str, Any]):
        self.path, self.relpath, self.kind, self.addon, self.addon_path, self.facts = \
            path, relpath, kind, addon, addon_path, facts

    @property
    def addon_relpath(self) -> str:
        """POSIX path inside its addon (`views/x.xml`), or the project-relative path outside addons."""
        if self.addon_path and self.path.startswith(self.addon_path + os.sep):
            return self.path[len(self.addon_path) + 1:].replace(os.sep, "/")
        return self.relpath


class Project(Record):
    _fields = ("root", "target", "files", "options", "addons_paths", "target_origin", "focus")

    def __init__(self, root: Path, target: Optional[OdooVersion], files: list[ProjectFile],
                 options: Optional[dict] = None, addons_paths: Optional[list[str]] = None,
                 target_origin: str = "none",     # where the target came from: cli | config | manifest | copier | ...
                 focus: Optional[frozenset] = None):
        self.root, self.target, self.files = root, target, files
        self.options = {} if options is None else options
        self.addons_paths = [] if addons_paths is None else addons_paths
        self.target_origin = target_origin
        # the paths whose findings are wanted (a partial run, an editor's open files), or None for all of them
        self.focus = focus

    def reported(self, pairs: Iterable[tuple[ProjectFile, Any]]) -> Iterator[tuple[ProjectFile, Any]]:
        """The (file, data) pairs whose file is in focus: a rule that reports on the file it iterates over
        skips the work for files whose findings nobody asked for. Indexes of the whole project are built from
        `facts()` as before; only the reporting loop is narrowed."""
        if self.focus is None:
            return iter(pairs)
        focus = self.focus
        return ((pf, data) for pf, data in pairs if pf.path in focus)

    def target_for(self, path: str) -> Optional[OdooVersion]:
        """The target of one file: its folder's series in a repository with a folder per Odoo version."""
        from .versions import FOLDER_TARGETS, target_for
        scopes = self.options.get(FOLDER_TARGETS)
        return target_for(path, scopes, self.target) if scopes else self.target

    def facts(self, name: str) -> Iterator[tuple[ProjectFile, Any]]:
        """Every (file, data) that produced facts under `name` (indexed once: rules ask many times)."""
        index = self.__dict__.get("_facts_index")
        if index is None:
            index = self.__dict__["_facts_index"] = facts_index(self.files)
        return iter(index.get(name, ()))

    def files_of(self, kind: str) -> list[ProjectFile]:
        return [f for f in self.files if f.kind == kind]

    @property
    def addons(self) -> dict[str, str]:
        """Addon technical name -> addon directory, for every addon in the scanned tree."""
        return {f.addon: f.addon_path for f in self.files if f.kind == "manifest" and f.addon}

    def by_path(self, path: str) -> Optional[ProjectFile]:
        for f in self.files:
            if f.path == path:
                return f
        return None


def facts_index(files: list[ProjectFile]) -> dict[str, list[tuple[ProjectFile, Any]]]:
    """fact name -> (file, data) in file order."""
    index: dict[str, list[tuple[ProjectFile, Any]]] = {}
    for f in files:
        for name, data in f.facts.items():
            index.setdefault(name, []).append((f, data))
    return index
