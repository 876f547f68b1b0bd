"""Which Odoo version is the target? CLI > config > manifests > .copier-answers.yml > image tags.

Sources of the chosen tier that disagree are reported (no guess is made: the target stays
unknown); lower tiers that disagree with the chosen one are reported too.
"""
from __future__ import annotations

import os
import re

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from .lazyre import Patterns
from .model import FrozenRecord, OdooVersion, Record, _set

# compiled on first use (lazyre): most runs read manifests only
_RX = Patterns(
    MANIFEST_VERSION=rb"""['"]version['"]\s*:\s*['"](\d{1,2}\.\d)\.\d+\.\d+\.\d+['"]""",
    COPIER=rb"""(?m)^odoo_version\s*:\s*['"]?(\d{1,2}(?:\.\d)?)""",
    COMPOSE_IMAGE=rb"""(?m)^[ \t]*image\s*:\s*['"]?(?:[\w.\-]+/)*odoo:(\d{1,2})(?:\.0)?\b""",
    DOCKER_FROM=rb"""(?mi)^[ \t]*FROM\s+(?:--\S+\s+)*(?:[\w.\-]+/)*odoo:(\d{1,2})(?:\.0)?\b""",
    VERSION_FOLDER=(r"^(?:odoo[-_]?)?v?(\d{1,2})(?:\.0)?(?:[-_]odoo)?$", re.IGNORECASE),
)
_PATTERNS = {"manifest": [("manifest", "MANIFEST_VERSION")], "copier": [("copier", "COPIER")],
             "compose": [("image", "COMPOSE_IMAGE")], "dockerfile": [("image", "DOCKER_FROM")]}
SOURCE_KINDS = frozenset(_PATTERNS) - {"copier"}   # the discovered kinds whose bytes detection reads


class VersionSource(FrozenRecord):
    _fields = __slots__ = ("tier", "version", "path", "offset")

    def __init__(self, tier: str, version: OdooVersion, path: str, offset: int):
        # tier: manifest | copier | image; offset: byte offset of the match (made a position by the runner)
        _set(self, "tier", tier)
        _set(self, "version", version)
        _set(self, "path", path)
        _set(self, "offset", offset)


class Detection(Record):
    _fields = ("target", "origin", "conflicts")

    def __init__(self, target: Optional[OdooVersion], origin: str, conflicts: list[tuple[VersionSource, str]]):
        self.target = target
        self.origin = origin            # cli/config, manifest, copier, image, or none
        self.conflicts = conflicts      # (source, message)


def scan_sources(files: list[tuple[str, str, bytes]]) -> list[VersionSource]:
    """(path, kind, bytes) of every discovered file plus any copier answers file."""
    out = []
    for path, kind, data in files:
        patterns = _PATTERNS.get(kind, [])
        for tier, name in patterns:
            for m in getattr(_RX, name).finditer(data):
                v = OdooVersion.parse(m.group(1).decode())
                if v is not None:
                    out.append(VersionSource(tier, v, path, m.start(1)))
                if tier == "manifest":
                    break
    return out


def detect(explicit: Optional[OdooVersion], explicit_origin: str, sources: list[VersionSource]) -> Detection:
    if explicit is not None:
        return Detection(explicit, explicit_origin, [])
    tiers = ("manifest", "copier", "image")
    by_tier = {t: [s for s in sources if s.tier == t] for t in tiers}
    chosen_tier = next((t for t in tiers if by_tier[t]), None)
    if chosen_tier is None:
        return Detection(None, "none", [])
    versions = sorted({s.version for s in by_tier[chosen_tier]})
    conflicts: list[tuple[VersionSource, str]] = []
    if len(versions) > 1:
        counts = {v: sum(1 for s in by_tier[chosen_tier] if s.version == v) for v in versions}
        listed = ", ".join(f"{v} ({counts[v]})" for v in versions)
        for s in by_tier[chosen_tier]:
            conflicts.append((s, f"{_label(s)} says Odoo {s.version}, but other {_plural(s.tier)} say "
                                 f"otherwise ({listed}); no target version is assumed: pass --odoo-version"))
        return Detection(None, "none", conflicts)
    target = versions[0]
    for tier in tiers[tiers.index(chosen_tier) + 1:]:
        for s in by_tier[tier]:
            if s.version.major != target.major:
                conflicts.append((s, f"{_label(s)} says Odoo {s.version}, but the {_plural(chosen_tier)} say "
                                     f"{target}, which is taken as the target"))
    return Detection(target, chosen_tier, conflicts)


def _label(s: VersionSource) -> str:
    return {"manifest": "this manifest's version", "copier": "the copier answers",
            "image": "this Odoo image tag"}[s.tier]


def _plural(tier: str) -> str:
    return {"manifest": "manifests", "copier": "copier answers", "image": "image tags"}[tier]


ADDON_SERIES = "addon-series"


def with_addon_series(settings, sources: list[VersionSource]):
    """Settings whose options also say which series each addon's own manifest declares (addon folder ->
    "17.0"), so version-gated peer rules can follow each addon when there is no single target. Being part of the
    options, it is part of the cache key: a manifest that changes its series re-lints its addon."""
    import os
    series = {os.path.dirname(s.path): str(s.version) for s in sources if s.tier == "manifest"}
    if not series:
        return settings
    return settings.replace(options={**settings.options, ADDON_SERIES: series})


# ---- one target per folder: repositories with a folder per Odoo version ------------------------------------

FOLDER_TARGETS = "folder-targets"
# `17.0/`, `12/`, `v16/`, `v16-odoo/`, `odoo-17/`, `odoo17.0/`: a folder named after one Odoo series
_MAJORS = range(8, 21)


def folder_version(name: str) -> Optional[OdooVersion]:
    m = _RX.VERSION_FOLDER.match(name)
    if m and int(m.group(1)) in _MAJORS:
        return OdooVersion(int(m.group(1)), 0)
    return None


def _ancestors(path: str, root: str) -> list[str]:
    """Folders from the file's own up to (excluding) the root."""
    out, d = [], os.path.dirname(path)
    while d.startswith(root + os.sep) and d != root:
        out.append(d)
        d = os.path.dirname(d)
    return out


def split_by_folder(root: str, sources: list[VersionSource], paths: list[str]) -> tuple[dict[str, OdooVersion],
                                                                                         list[VersionSource]]:
    """Version scopes of a repository with a folder per Odoo version.

    A scope is a folder below the root named after one series (`12/`, `17.0/`, `v16-odoo/`: bitnami's, the
    official image's and integrators' layouts) whose own sources (image tags, manifests) all say one series, or
    that has none; its sources decide its series, else its name. Scopes exist only when at least two series are
    present: two addons of one folder that disagree stay a conflict. Returns the scopes (folder -> version) and the
    sources left outside every scope, which decide the rest of the project as before."""
    by_dir: dict[str, set[OdooVersion]] = {}
    for s in sources:
        for d in _ancestors(s.path, root):
            by_dir.setdefault(d, set()).add(OdooVersion(s.version.major, 0))
    scopes: dict[str, OdooVersion] = {}
    seen: set[str] = set()
    prefix = root + os.sep
    dirname, basename = os.path.dirname, os.path.basename
    for p in paths:
        # the file's folders from its own upwards, stopping at the first one seen: its parents were seen with it
        # (per folder, not per file: the files of one folder cost a lookup each)
        d = dirname(p)
        while d not in seen and d.startswith(prefix) and d != root:
            seen.add(d)
            named = folder_version(basename(d))
            if named is not None:
                found = by_dir.get(d)
                if not found:
                    scopes[d] = named
                elif len(found) == 1:
                    scopes[d] = next(iter(found))
            d = dirname(d)
    if len(set(scopes.values())) < 2:
        return {}, sources
    outside = [s for s in sources if not any(s.path.startswith(d + os.sep) for d in scopes)]
    return scopes, outside


def target_for(path: str, scopes: dict, default: Optional[OdooVersion]) -> Optional[OdooVersion]:
    """The target of one file: its deepest version scope, else the project's."""
    d = os.path.dirname(path)
    while d and d not in scopes:
        parent = os.path.dirname(d)
        if parent == d:
            break
        d = parent
    v = scopes.get(d)
    return OdooVersion.parse(v) if v is not None else default
