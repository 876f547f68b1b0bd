"""What a git checkout says about itself, read from its files (git is never run): the first remote's URL and
the ignore patterns of `.git/info/exclude`.

Used by rules that need the repository's name (OCA's Weblate component names). A `.git` file (worktrees,
submodules) is followed to its git dir and, for worktrees, to the common dir that holds `config`.
"""
from __future__ import annotations

import os
import re

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

_REMOTE = r'^remote "(.+)"$'     # compiled (and cached by `re`) when a remote is read


def git_dir(start: str) -> Optional[str]:
    """The git dir of the checkout holding `start` (walking up), or None."""
    d = os.path.abspath(start)
    while True:
        dot = os.path.join(d, ".git")
        if os.path.isdir(dot):
            return dot
        if os.path.isfile(dot):
            try:
                with open(dot, encoding="utf-8", errors="replace") as fh:
                    line = fh.read(4096).strip()
            except OSError:
                return None
            if line.startswith("gitdir:"):
                target = line[7:].strip()
                return os.path.normpath(os.path.join(d, target))
            return None
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent


def common_dir(gd: str) -> Optional[str]:
    """The common git dir of a worktree's git dir (`commondir`), else `gd` itself."""
    common = os.path.join(gd, "commondir")
    if os.path.isfile(common):
        try:
            with open(common, encoding="utf-8", errors="replace") as fh:
                return os.path.normpath(os.path.join(gd, fh.read(4096).strip()))
        except OSError:
            return None
    return gd


def info_exclude_path(toplevel: str) -> Optional[str]:
    """Where `info/exclude` of the checkout whose top level is `toplevel` is (git keeps it in the common dir,
    shared by every worktree), or None when `toplevel` holds no `.git`."""
    if not os.path.exists(os.path.join(toplevel, ".git")):
        return None
    gd = git_dir(toplevel)
    gd = common_dir(gd) if gd is not None else None
    return os.path.join(gd, "info", "exclude") if gd is not None else None


def info_exclude(toplevel: str) -> list[str]:
    """The lines of `info/exclude` of the checkout whose top level is `toplevel`, or [] (none, or no `.git`)."""
    path = info_exclude_path(toplevel)
    if path is None:
        return []
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return fh.read(1 << 20).splitlines()
    except OSError:
        return []


def first_remote_url(start: str) -> Optional[str]:
    """URL of the first remote in `git remote`'s (alphabetical) order, or None."""
    gd = git_dir(start)
    if gd is None:
        return None
    gd = common_dir(gd)
    if gd is None:
        return None
    import configparser    # here: most runs never ask for the remote
    parser = configparser.RawConfigParser(strict=False, interpolation=None)
    try:
        with open(os.path.join(gd, "config"), encoding="utf-8", errors="replace") as fh:
            parser.read_string(fh.read(1 << 20))
    except (OSError, configparser.Error):
        return None
    remotes = sorted((m.group(1), s) for s in parser.sections() if (m := re.match(_REMOTE, s)))
    for _name, section in remotes:
        url = parser.get(section, "url", fallback=None)
        if url:
            return url.strip()
    return None


def repo_name(start: str) -> str:
    """The repository name the first remote's URL ends with (`.git` dropped), or ''."""
    url = first_remote_url(os.path.abspath(start))
    if not url:
        return ""
    return os.path.splitext(os.path.basename(url.rstrip("/")))[0]
