"""Reading and writing files of an untrusted tree: regular files only, bounded, never through a symlink
that leaves the project, and writes that keep the file's identity (owner, mode, hard links).
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
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
        # one read of the size fstat gave, plus one byte: a short read is the end of the file (a regular file
        # reads short only there). Asking for more than the file holds costs a buffer of that size each time,
        # and for 1 MiB that is an mmap and munmap per file
        want = st.st_size + 1
        chunk = os.read(fd, want)
        if len(chunk) < want:
            return chunk
        chunks, size = [chunk], len(chunk)     # the file grew since fstat: read on, up to the limit
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


    def outside(self, paths) -> set[str]:
        """The paths that `self(path)` says escape, for many paths at once: a file whose folder is not reached
        through a symlink and that is not one itself (the usual case) costs its lstat and nothing else (the
        folder's checks are made once per folder)."""
        out: set[str] = set()
        lstats, lstat, is_link, sep = self.lstats, os.lstat, stat.S_ISLNK, os.sep
        plain: dict[str, bool] = {}      # folder -> absolute, normalised and its own real location
        for path in paths:
            d, _, name = path.rpartition(sep)
            ok = plain.get(d)
            if ok is None:
                ok = plain[d] = bool(d) and os.path.isabs(d) and os.path.normpath(d) == d and self._real_dir(d) == d
            if ok and name and name != "." and name != "..":
                try:
                    st = lstat(path)
                except OSError:
                    st = None
                if st is not None:
                    lstats[path] = st
                    if not is_link(st.st_mode):
                        continue      # real == path: inside, as `__call__` answers
            if self(path):
                out.add(path)
        return out


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
    import tempfile    # here: only a run that writes fixes needs it
    fd, tmp = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".odoolint")
    _TEMPS.add(tmp)         # a SIGTERM/SIGHUP from here on removes it before the process ends
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
        with _critical():     # a signal now waits until the file is whole again
            if in_place:
                with open(real, "r+b") as out:
                    out.write(data)
                    out.truncate()
                    out.flush()
                    os.fsync(out.fileno())
                os.unlink(tmp)
            else:
                os.replace(tmp, real)
            _TEMPS.discard(tmp)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        _TEMPS.discard(tmp)
        raise


def _owner(path: str) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_uid, st.st_gid


# ---- signals and worker processes ----------------------------------------------------------------

def die_with_parent() -> None:
    """Linux: have the kernel kill this (worker) process when its parent dies, even by SIGKILL."""
    if not os.path.exists("/proc/self"):
        return
    try:
        import ctypes
        import signal
        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        pass


_ARMED: dict = {}


def arm_workers() -> None:
    """Every process forked from now on dies with this one: the death signal is set right after the fork, before
    a worker runs anything (a kill between the fork and the pool's initializer left orphans), and a child whose
    parent is already gone ends at once."""
    if _ARMED.get("pid") == os.getpid() or not hasattr(os, "register_at_fork"):
        return
    parent = _ARMED["pid"] = os.getpid()

    def _child() -> None:
        if _ARMED.get("pid") != parent:
            return
        _ARMED["pid"] = None          # this child's own forks are not the run's workers
        die_with_parent()
        if os.getppid() != parent:
            os._exit(1)
    os.register_at_fork(after_in_child=_child)


def stop_pool(pool) -> None:
    """Cancel what is queued and terminate the workers of a ProcessPoolExecutor (on an interrupt, or workers a run
    did not use). The workers are listed first: `shutdown(wait=False)` forgets them."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    for proc in procs:
        try:
            proc.terminate()
        except Exception:  # noqa: BLE001 - best effort on the way out
            pass
    try:
        pool.shutdown(wait=False, cancel_futures=True)
    except Exception:  # noqa: BLE001
        pass


_TEMPS: set[str] = set()             # temporary files being written
_POOLS: list = []                     # process pools whose workers are running
_SIGNALS = {"owner": None, "critical": 0, "pending": None}


class _critical:
    """A section a signal must not cut (replacing a file, writing one in place): it is handled at the end."""

    def __enter__(self):
        _SIGNALS["critical"] += 1

    def __exit__(self, *exc):
        _SIGNALS["critical"] -= 1
        pending = _SIGNALS["pending"]
        if pending is not None and not _SIGNALS["critical"]:
            _die(pending)
        return False


def track_pool(pool) -> None:
    _POOLS.append(pool)


def untrack_pool(pool) -> None:
    if pool in _POOLS:
        _POOLS.remove(pool)


def _die(signum: int) -> None:
    """Remove the temporary files, kill the workers, then end by the signal itself (as git does)."""
    import signal
    for tmp in list(_TEMPS):
        try:
            os.unlink(tmp)
        except OSError:
            pass
    for pool in list(_POOLS):
        for pid in list(getattr(pool, "_processes", {}) or {}):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def _on_signal(signum, frame) -> None:
    import signal
    if os.getpid() != _SIGNALS["owner"]:        # a worker forked from the run: just end
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    if _SIGNALS["critical"]:
        _SIGNALS["pending"] = signum
        return
    _die(signum)


def exit_on_signals() -> None:
    """SIGTERM and SIGHUP end the run cleanly: temporary files removed, workers killed, no file left half
    written (a signal during a file's replacement waits for it), then the process ends by that signal.

    The handler does the cleaning itself rather than raising an exception: an exception raised in a signal
    handler can land in code that ignores it (a fork hook), and the run would go on."""
    import signal
    _SIGNALS["owner"] = os.getpid()
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None:
            try:
                signal.signal(sig, _on_signal)
            except (ValueError, OSError):   # not the main thread
                pass
