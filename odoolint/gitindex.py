"""Does git track anything under a folder? Read from the checkout's index file; git itself is never run (a
repository's own config could make `git` run programs).

The index format (versions 2-4) is documented in git's Documentation/gitformat-index.txt: a 12-byte header
(`DIRC`, version, entry count), then entries of 62 bytes of stat data, object id and flags followed by the path;
versions 2 and 3 store the full path NUL-terminated and padded to a multiple of 8 bytes, version 4 stores each
path as a prefix length to strip from the previous one (a varint) and a NUL-terminated suffix. A sparse index
holds directory entries (`dir/`), which a prefix check matches too.
"""
from __future__ import annotations

import os
import struct

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from .gitinfo import git_dir

MAX_INDEX_BYTES = 256 * 1024 * 1024


def _paths(data: bytes):
    if len(data) < 12 or data[:4] != b"DIRC":
        return
    version, count = struct.unpack(">II", data[4:12])
    if version not in (2, 3, 4):
        return
    pos, prev = 12, b""
    for _ in range(count):
        if pos + 62 > len(data):
            return
        flags = struct.unpack(">H", data[pos + 60:pos + 62])[0]
        start = pos + 62
        if version >= 3 and flags & 0x4000:
            start += 2
        if version == 4:
            p = start
            # git's offset varint: each continuation adds one before shifting
            byte = data[p]
            strip = byte & 0x7F
            while byte & 0x80:
                p += 1
                byte = data[p]
                strip = ((strip + 1) << 7) | (byte & 0x7F)
            p += 1
            end = data.index(b"\0", p)
            name = prev[:len(prev) - strip] + data[p:end]
            pos = end + 1
        else:
            end = data.index(b"\0", start)
            name = data[start:end]
            pos = pos + ((end - pos) // 8 + 1) * 8
        prev = name
        yield name


def tracks_under(folder: str) -> Optional[bool]:
    """True when the index of the checkout holding `folder` has an entry inside it, False when it has none,
    None when there is no readable index (not a git checkout)."""
    folder = os.path.abspath(folder)
    gd = git_dir(os.path.dirname(folder))
    if gd is None:
        return None
    top = os.path.dirname(gd) if os.path.basename(gd) == ".git" else None
    if top is None:       # a worktree or submodule: its work tree is where the `.git` file lies
        d = os.path.dirname(folder)
        while d != os.path.dirname(d) and not os.path.lexists(os.path.join(d, ".git")):
            d = os.path.dirname(d)
        top = d
    rel = os.path.relpath(folder, top)
    if rel.startswith(".."):
        return None
    prefix = rel.replace(os.sep, "/").encode("utf-8", "surrogateescape") + b"/"
    try:
        with open(os.path.join(gd, "index"), "rb") as fh:
            data = fh.read(MAX_INDEX_BYTES)
    except OSError:
        return None
    if data[4:8] in (b"\0\0\0\2", b"\0\0\0\3") and prefix not in data:
        return False       # full paths are stored as they are: no occurrence, no entry
    try:
        return any(name.startswith(prefix) for name in _paths(data))
    except (ValueError, IndexError, struct.error):
        return prefix in data
