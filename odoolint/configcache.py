"""Parsed configuration files, kept in the user's cache folder so that a run whose configuration did not change
imports no TOML parser (tomllib's import alone was a tenth of a one-file run).

One record per configuration file (by its absolute path), beside the signing key (``cachekey``:
``$XDG_CACHE_HOME/odoolint/config/<hash of the path>``): the line ``odoolint-config-mac <mac>`` (keyed BLAKE2b,
digests.keyed), then marshal
data ``(path, digest of the file's bytes, parsed mapping)``. The record is used only when its MAC verifies under
the user's key and it names the same path and the same bytes (blake2b of what was just read), so what a run gets
is always what parsing those bytes gives. Marshal, never pickle, and only after the MAC verified: the record is
the user's own data. A mapping marshal cannot hold (a TOML date) is simply not kept.
"""
from __future__ import annotations

import os
import sys

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from . import cachekey
from .digests import blake2b, keyed, keyed_ok

MAC_PREFIX = b"odoolint-config-mac "
FORMAT = "odoolint-config/2"


def _digest(raw: bytes) -> str:
    return blake2b(raw, digest_size=16).hexdigest()


def _context(path: str) -> str:
    return f"{FORMAT}\0{sys.version_info[0]}.{sys.version_info[1]}\0{path}"


def record_path(path: str) -> str:
    name = blake2b(path.encode("utf-8", "surrogateescape"), digest_size=12).hexdigest()
    return os.path.join(os.path.dirname(cachekey.key_path()), "config", name)


def load(path: str, raw: bytes) -> Optional[dict]:
    """The parsed mapping recorded for these bytes of `path` (absolute), or None."""
    key = cachekey.load_key()
    if key is None:
        return None
    try:
        fd = os.open(record_path(path), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            blob = fh.read()
    except OSError:
        return None
    head, sep, body = blob.partition(b"\n")
    if not sep or not head.startswith(MAC_PREFIX) or not keyed_ok(
            key, _context(path), body, head[len(MAC_PREFIX):].decode("ascii", "replace")):
        return None
    import marshal
    try:
        value = marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return None
    if not (type(value) is tuple and len(value) == 3 and value[0] == path and value[1] == _digest(raw)
            and type(value[2]) is dict):
        return None
    return value[2]


def store(path: str, raw: bytes, data: dict) -> None:
    """Keep the mapping parsed from these bytes of `path`; nothing is kept when it cannot be (no key, a value
    marshal does not take, an unwritable folder)."""
    key = cachekey.load_key()
    if key is None:
        return
    import marshal
    try:
        body = marshal.dumps((path, _digest(raw), data))
    except ValueError:
        return
    target = record_path(path)
    try:
        os.makedirs(os.path.dirname(target), mode=0o700, exist_ok=True)
        cachekey.write_signed(os.path.dirname(target), ".config-", target,
                              MAC_PREFIX + keyed(key, _context(path), body).encode(), body)
    except OSError:
        pass
