"""The key that signs cache packs, kept in the user's own cache folder, outside every linted tree.

A pull request can add any file to a tree, a `.odoolint_cache` included, and an entry's lookup fields (path,
digest, settings hash) can be computed by anyone. What it cannot compute is a MAC under a key it has never
seen: each pack is signed with a random 32-byte key stored in ``$XDG_CACHE_HOME/odoolint/key`` (default
``~/.cache/odoolint/key``), created with mode 0600, so a pack is believed only if it was written by someone
with write access to that user's own state. A key that is a symlink, is not the user's, can be read by others,
or lies inside the project is not used, and neither is the cache then.
"""
from __future__ import annotations

import os
import stat

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

KEY_BYTES = 32
_KEYS: dict[str, bytes] = {}


def key_path() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(os.path.abspath(base), "odoolint", "key")


def _read(path: str) -> Optional[bytes]:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size != KEY_BYTES or stat.S_IMODE(st.st_mode) & 0o077:
            return None
        if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
            return None
        data = os.read(fd, KEY_BYTES + 1)
        return data if len(data) == KEY_BYTES else None
    finally:
        os.close(fd)


def _create(path: str) -> None:
    """Write a fresh key next to `path` and link it into place: atomic, and a concurrent run's key wins."""
    folder = os.path.dirname(path)
    os.makedirs(folder, mode=0o700, exist_ok=True)
    import secrets     # tempfile and secrets: only when the key or a cache file is written
    import tempfile
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".key-")
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, secrets.token_bytes(KEY_BYTES))
        os.fsync(fd)
        os.close(fd)
        fd = -1
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
    finally:
        if fd >= 0:
            os.close(fd)
        try:
            os.unlink(tmp)
        except OSError:
            pass


def load_key(project_root: Optional[str] = None) -> Optional[bytes]:
    """The user's signing key (created on first use), or None when there is no usable one."""
    path = key_path()
    if project_root is not None:
        real, base = os.path.realpath(path), os.path.realpath(project_root).rstrip(os.sep) + os.sep
        if real.startswith(base):
            return None        # a key inside the linted tree could be planted with the tree
    if path in _KEYS:
        return _KEYS[path]
    key = _read(path)
    if key is None and not os.path.lexists(path):
        try:
            _create(path)
        except OSError:
            return None
        key = _read(path)
    if key is not None:
        _KEYS[path] = key
    return key


def sign(key: bytes, context: str, body: bytes) -> str:
    """The MAC of a pack's header or a walk record, bound to what it is for (its settings hash and location):
    keyed BLAKE2b-256 (a MAC by design, RFC 7693; digests.keyed), CPython's own, so that a warm run loads no
    OpenSSL (hashlib's import was 3 ms of it). It was HMAC-SHA256 before pack/7 and walk/5."""
    from .digests import keyed
    return keyed(key, context, body)


def verify(key: bytes, context: str, body: bytes, mac: str) -> bool:
    from .digests import compare_digest
    return compare_digest(sign(key, context, body), mac)


def write_signed(folder: str, prefix: str, target: str, head: bytes, body: bytes) -> None:
    """Write `head` (a MAC line), a newline and `body` to `target` atomically: a temporary file in `folder`,
    then a rename, so that a reader never sees half an entry; the temporary file is removed on any failure.
    OSError reaches the caller (a cache that cannot be written is simply not written)."""
    import tempfile
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(head + b"\n")
            fh.write(body)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
