"""Reading and writing files of an untrusted tree: regular files only, bounded, never through a symlink
that leaves the project, and writes that keep the file's identity (owner, mode, hard links).
"""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Optional

from .sources import MAX_FILE_BYTES


class Refused(OSError):
    """A file odoolint will not read or write; the message says why, in one line."""


_TYPES = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"))


def kind_of(mode: int) -> str:
    for test, label in _TYPES:
        if test(mode):
            return label
    return "not a regular file"


def read_regular(path: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; Refused for anything else.

    Opened non-blocking (a FIFO cannot hang the run), checked with fstat on the open descriptor (no race between
    the check and the read), and never more than `limit` + 1 bytes are read (a sparse or growing file cannot
    exhaust memory).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise Refused(f"{kind_of(st.st_mode)}, not a regular file; not read")
        if st.st_size > limit:
            raise Refused(f"file is {st.st_size} bytes, above the {limit} byte limit; not read")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise Refused(f"file grew above the {limit} byte limit while being read; not read")
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_head(path: str, size: int) -> bytes:
    """The first bytes of a regular file (for classification); b'' for anything else."""
    try:
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        fd = os.open(path, flags)
    except OSError:
        return b""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return b""
        return os.read(fd, size)
    except OSError:
        return b""
    finally:
        os.close(fd)


def inside(path: str, root: str) -> bool:
    """Does the real location of `path` (all symlinks resolved) lie under the real `root`?"""
    real = os.path.realpath(path)
    base = os.path.realpath(root)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


def escapes(path: str, root: str) -> bool:
    """Does a symlink on the way to `path` lead out of the project? (A file named explicitly outside the project
    without any symlink, e.g. a run without a project marker, is not an escape.)"""
    real = os.path.realpath(path)
    if real == os.path.abspath(path):
        return False
    return not inside(real, root)


class Escapes:
    """`escapes()` for the many files of one run: each folder's real location is resolved once (from its
    parent's, one lstat per folder), each file costs one lstat, instead of a realpath (an lstat per path
    component) per file."""

    def __init__(self, root: str):
        self.root = root
        self.real_root = os.path.realpath(root)
        self._dirs: dict[str, str] = {}
        self.lstats: dict[str, os.stat_result] = {}     # path -> its lstat (the run's stat reuses it)

    def _real_dir(self, d: str) -> str:
        memo = self._dirs
        chain = []
        while d not in memo:
            parent, name = os.path.split(d)
            if parent == d or not name:
                memo[d] = d
                break
            chain.append((d, name))
            d = parent
        real = memo[d]
        for d, name in reversed(chain):
            cand = os.path.join(real, name)
            real = os.path.realpath(cand) if os.path.islink(cand) else cand
            memo[d] = real
        return real

    def __call__(self, path: str) -> bool:
        if not os.path.isabs(path) or os.path.normpath(path) != path:
            return escapes(path, self.root)
        d, name = os.path.split(path)
        real_dir = self._real_dir(d)
        cand = os.path.join(real_dir, name)
        try:
            st = os.lstat(cand)
        except OSError:
            st = None
        if st is not None and real_dir == d:
            self.lstats[path] = st
        real = os.path.realpath(cand) if st is not None and stat.S_ISLNK(st.st_mode) else cand
        if real == path:
            return False
        base = self.real_root
        return not (real == base or real.startswith(base.rstrip(os.sep) + os.sep))


def write_fixed(path: Path, data: bytes, root: Optional[Path] = None) -> None:
    """Write fixed bytes without changing what the file is.

    A symlink is never replaced: its target is written, and only when it lies inside the project. The new
    content is first written in full to a temporary file next to the target (a full disk or a kill leaves the
    original intact); it then replaces the file by rename when that keeps owner, mode and links, and is copied
    into the file in place otherwise (a file with hard links, or owned by someone else).
    """
    real = Path(os.path.realpath(path))
    if root is not None and escapes(str(path), str(root)):
        raise Refused("a symlink leads out of the project; not written")
    st = os.stat(real)
    if not stat.S_ISREG(st.st_mode):
        raise Refused(f"{kind_of(st.st_mode)}, not a regular file; not written")
    fd, tmp = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".odoolint")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        in_place = st.st_nlink > 1
        if not in_place:
            try:
                os.chmod(tmp, stat.S_IMODE(st.st_mode))
                if hasattr(os, "chown") and (st.st_uid, st.st_gid) != _owner(tmp):
                    os.chown(tmp, st.st_uid, st.st_gid)
            except OSError:
                in_place = True       # cannot give the new file the old owner: keep the old inode instead
        if in_place:
            with open(real, "r+b") as out:
                out.write(data)
                out.truncate()
                out.flush()
                os.fsync(out.fileno())
            os.unlink(tmp)
        else:
            os.replace(tmp, real)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _owner(path: str) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_uid, st.st_gid
