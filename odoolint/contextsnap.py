"""The context of a one-file run, kept so that the next one (an editor linting its buffer on each save) needs no
walk, no pack and no stat of the files whose kind yields no facts.

A one-file run reports the buffer's own findings and the project findings that land on it; the latter depend on
the files of the project only through their identity (path, relpath, kind, addon) and their facts (project rules
read nothing else of a file, project.py). A run that saw the whole project settled writes, beside its pack,
``context-<walk key>.mac`` (signed with the user's key, keyed BLAKE2b (digests.keyed); after the line
``odoolint-context-mac <mac> <lint hash>`` it is marshal data, decoded only once the MAC verified; the lint hash
on that line is only a hint of whether to write it again)::

    {"format", "walk": walk key, "lint": lint hash, "meta": project key of no rows (settings, target origin,
     root, addons-path listings), "root",
     "dirs": [(folder, inode, mtime_ns)],           every folder the walk listed
     "ignores": [(.gitignore, [mtime_ns, size, inode] | None)],   present ones, and absent ones outside the listed
                                                    folders (info/exclude; absent ones in them stay absent)
     "heads": [(file, [mtime_ns, size, inode])],    files whose kind came from their first bytes
     "watched": [(file, mtime_ns, size, inode)],    every file of a kind with facts or that version detection reads
                                                    (None, None, None: a buffer's file saved too recently)
     "files": {file: (relpath, kind, addon, addon_path, digest, facts digest)},   the watched ones
     "sources": [(file, kind)],                     what version detection reads, in the walk's order
     "split": [(tier, version, path, offset)...] | None, "scopes": {folder: "17.0"},   split_by_folder's answer
     "project": (key, [Diagnostic.to_dict()])}      the project phase's output for the files as they are

When it is trusted (`holds`): every listed folder has the recorded inode and mtime and is a folder (no entry was
added, removed, renamed or replaced in it, so the walk's list of files, their kinds and addons are as recorded,
and no file became a symlink); every present .gitignore and every file whose kind came from its content has the
recorded stat; every watched file is a regular file with the recorded (mtime, size, inode), the pack's own change
signal. A file of a kind no fact extractor reads (a .po file) is not looked at: its facts are `{}` whatever its
bytes, so the project phase sees it as recorded. The runner then also requires the same lint hash and project
key of no rows (so the same settings, target and addons paths), the same version sources and, for the buffer,
the recorded ref and facts digest: the project findings are then those recorded, exactly what a full run over
the same files would take from its cache. Anything else falls back to the full partial run.

Written only when that run's walk record was wholly valid, every file had a trusted (not racy) pack entry whose
stat is the file's lstat (no symlinks), no file was unreadable or outside the project, and the pack's project
output is that of the files on disk (its key recomputed from the entries).
"""
from __future__ import annotations

import os
import stat

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from . import cachekey
from .digests import keyed, keyed_ok

FORMAT = "odoolint-context/2"
MAC_PREFIX = b"odoolint-context-mac "


def file_for(base: str, walk_key: str) -> str:
    return os.path.join(base, f"context-{walk_key}.mac")


def _context(base: str, walk_key: str) -> str:
    return f"{FORMAT}\0{walk_key}\0{os.path.abspath(base)}"


def lint_hint(base: str, walk_key: str) -> Optional[str]:
    """The format and lint hash the snapshot says it was written for (`hint_for`), unverified: only to tell
    whether to write it again."""
    try:
        with open(file_for(base, walk_key), "rb") as fh:
            head = fh.readline(200)
    except OSError:
        return None
    parts = head.split()
    return parts[2].decode("ascii", "replace") if len(parts) == 3 else None


def hint_for(lint_hash: str) -> str:
    """What `lint_hint` gives for a snapshot of this format and lint hash."""
    return f"{FORMAT}:{lint_hash}"


def load(base: str, walk_key: str, secret: Optional[bytes]) -> Optional[dict]:
    """The recorded context if its MAC verifies (not yet checked against the disk: see `holds`)."""
    if secret is None:
        return None
    try:
        fd = os.open(file_for(base, walk_key), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                return None
            raw = fh.read()
    except OSError:
        return None
    head, sep, body = raw.partition(b"\n")
    mac = head[len(MAC_PREFIX):].split(b" ")[0].decode("ascii", "replace")
    if not sep or not head.startswith(MAC_PREFIX) or not keyed_ok(secret, _context(base, walk_key), body, mac):
        return None
    import marshal
    try:
        data = marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return None
    if type(data) is not dict or data.get("format") != FORMAT or data.get("walk") != walk_key:
        return None
    return data


def holds(snap: dict, buffer: Optional[str] = None) -> bool:
    """Do the folders, ignore files, content-classified files and watched files still have their recorded
    stats? (One lstat per folder and per watched file; nothing is read.) `buffer`: the file whose bytes the run
    takes from its buffer, not from the disk: its own stat does not matter (a file saved a moment ago, as an
    editor does before it lints, is recorded without one, and then holds for itself only)."""
    lstat, is_dir, is_reg = os.lstat, stat.S_ISDIR, stat.S_ISREG
    root = snap.get("root")
    try:
        for d, ino, mtime in snap["dirs"]:
            st = os.stat(d) if d == root else lstat(d)
            if st.st_mtime_ns != mtime or st.st_ino != ino or not is_dir(st.st_mode):
                return False
        for p, want in list(snap["ignores"]) + list(snap["heads"]):
            try:
                st = os.stat(p)
            except FileNotFoundError:
                if want is None:
                    continue
                return False
            if [st.st_mtime_ns, st.st_size, st.st_ino] != want:
                return False
        for p, mtime, size, ino in snap["watched"]:
            if p == buffer:
                continue
            if mtime is None:
                return False
            st = lstat(p)
            if st.st_mtime_ns != mtime or st.st_size != size or st.st_ino != ino or not is_reg(st.st_mode):
                return False
    except (OSError, KeyError, TypeError, ValueError):
        return False
    return True


def store(base: str, walk_key: str, secret: Optional[bytes], data: dict) -> None:
    if secret is None:
        return
    import marshal
    data = {**data, "format": FORMAT, "walk": walk_key}
    try:
        body = marshal.dumps(data)
    except ValueError:
        return
    try:
        os.makedirs(base, exist_ok=True)
        cachekey.write_signed(base, ".context-", file_for(base, walk_key),
                              MAC_PREFIX + keyed(secret, _context(base, walk_key), body).encode()
                              + b" " + hint_for(str(data.get("lint"))).encode("ascii", "replace"), body)
    except OSError:
        pass


