"""Hash functions without OpenSSL's start-up: `hashlib` loads libcrypto when imported (3-4 ms of a one-file run),
while BLAKE2 and SHA-256 are also built into CPython. Same algorithms, same digests as hashlib's."""
from __future__ import annotations

import sys

try:
    from _blake2 import blake2b
except ImportError:     # pragma: no cover - a Python built without its own BLAKE2
    from hashlib import blake2b

try:
    from _operator import _compare_digest as compare_digest     # what hmac.compare_digest falls back to
except ImportError:     # pragma: no cover
    from hmac import compare_digest


def sha256_hex(data: bytes) -> str:
    """SHA-256 of small data: OpenSSL's if hashlib is already loaded, else CPython's own (the same digest)."""
    if "_hashlib" not in sys.modules:
        try:
            from _sha256 import sha256          # Python 3.11
        except ImportError:
            try:
                from _sha2 import sha256        # 3.12+
            except ImportError:                 # pragma: no cover
                from hashlib import sha256
    else:
        from hashlib import sha256
    return sha256(data).hexdigest()


def keyed(key: bytes, context: str, body: bytes) -> str:
    """A MAC of `body` for `context` under `key`: keyed BLAKE2b (a MAC by design, RFC 7693), 256 bits."""
    return blake2b(context.encode("utf-8", "surrogateescape") + b"\0" + body, key=key, digest_size=32).hexdigest()


def keyed_ok(key: bytes, context: str, body: bytes, mac: str) -> bool:
    return compare_digest(keyed(key, context, body), mac)
