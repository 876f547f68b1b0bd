"""The last walk of a folder, kept in the cache with what proves it still holds (like git's untracked cache).

A run that walks the same folders with the same settings reuses the file list (kinds and addons included) when
every walked folder still has the recorded modification time, or, when the time moved (an editor saving by
rename touches its folder), the same entries; every .gitignore that was looked for, and the checkout's
`info/exclude`, is as it was (present with the same stat, or still absent); and every file whose kind came from a look at its content (a `.yml`, a
`.conf`) has the same stat. Anything else walks again. Like a pack, the file is signed with the user's own key
(`cachekey`): a planted record could list files that are not there (read and printed) or leave real ones out
(hidden). After the line ``odoolint-walk-mac <mac>`` it is marshal data (plain values, never pickle; decoded only
once the MAC verified, several times faster than JSON)::

    {"format": "odoolint-walk/5", "key": "<hash of version, paths, root and discovery settings>",
     "dirs": {"<folder>": [mtime_ns, [[name, is_dir], ...]]},
     "ignores": {"<.gitignore path>": [mtime_ns, size, inode] | null},
     "heads": {"<file>": [mtime_ns, size, inode]},
     "refs": [[path, relpath, kind, addon, addon_path], ...]}
"""
from __future__ import annotations

import json
import os
import time

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from . import __version__, cachekey
from .digests import blake2b

FORMAT = "odoolint-walk/5"    # 5: BLAKE2b MAC (cachekey.sign); 4: marshal; 3: JSON
MAC_PREFIX = b"odoolint-walk-mac "
RACY_NS = 2_000_000_000       # a folder touched this recently may change again within the same mtime tick


class WalkRecord:
    """What a walk looked at (filled by discovery.discover)."""

    def __init__(self):
        self.dirs: dict[str, list] = {}
        self.ignores: dict[str, Optional[list[int]]] = {}
        self.heads: dict[str, list[int]] = {}
        self.ok = True

    def walked(self, dirpath: str, dirnames: list[str], filenames: list[str]) -> None:
        try:
            mtime = os.stat(dirpath).st_mtime_ns
        except OSError:
            self.ok = False
            return
        self.dirs[dirpath] = [mtime, _entries(dirnames, filenames)]

    def ignore(self, path: str) -> None:
        self.ignores[path] = _stat(path)

    def head(self, path: str) -> None:
        st = _stat(path)
        if st is None:
            self.ok = False
        else:
            self.heads[path] = st


def _entries(dirnames, filenames) -> list:
    return sorted([[n, True] for n in dirnames] + [[n, False] for n in filenames])


def _stat(path: str) -> Optional[list[int]]:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_mtime_ns, st.st_size, st.st_ino]


def key(paths: list[str], root: str, exclude: list[str], respect_gitignore: bool, force_exclude: bool) -> str:
    blob = json.dumps([__version__, paths, root, list(exclude), respect_gitignore, force_exclude])
    return blake2b(blob.encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()


def _file(base: str, k: str) -> str:
    return os.path.join(base, f"walk-{k}.json")


def _context(base: str, k: str) -> str:
    return f"{FORMAT}\0{k}\0{os.path.abspath(base)}"


def load(base: str, k: str, secret: Optional[bytes] = None, proof: Optional[dict] = None) -> Optional[list[list]]:
    """The recorded refs (as rows) if the walk still holds and its signature verifies, else None. `proof` is
    given what the answer rests on (see `discover_cached`)."""
    if secret is None:
        return None
    try:
        fd = os.open(_file(base, k), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            raw = fh.read()
        head, sep, body = raw.partition(b"\n")
        if not sep or not head.startswith(MAC_PREFIX) or not cachekey.verify(
                secret, _context(base, k), body, head[len(MAC_PREFIX):].decode("ascii", "replace")):
            return None
        import marshal
        data = marshal.loads(body)
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != k:
        return None
    try:
        same: set[str] = set()       # folders whose recorded time still holds: their entries are as recorded
        seen: dict[str, int] = {}    # folder -> its time, taken before it was listed again (if it was)
        for d, (mtime, entries) in data["dirs"].items():
            try:
                now_mtime = seen[d] = os.stat(d).st_mtime_ns
                if now_mtime == mtime:
                    same.add(d)
                    continue
                with os.scandir(d) as it:
                    now = sorted([[e.name, e.is_dir()] for e in it])
            except OSError:
                return None
            if now != entries:
                return None
        for p, st in data["ignores"].items():
            # a .gitignore recorded as absent in a folder whose time still holds is still absent (creating one
            # would have moved that time): no stat needed, which spares one per folder
            if st is None and os.path.dirname(p) in same:
                continue
            if _stat(p) != st:
                return None
        for p, st in data["heads"].items():
            if _stat(p) != st:
                return None
        refs = data["refs"]
        if not isinstance(refs, list):
            return None
        if proof is not None:
            # a folder listed again holds the recorded entries as of the time taken before that listing; that
            # time proves the list like a recorded one unless it is too recent to be trusted
            limit = time.time_ns() - RACY_NS
            proof.update(key=k, dirs=seen, ignores=data["ignores"], heads=data["heads"],
                         exact=all(m < limit for m in seen.values()), reused=len(same) == len(seen))
        return refs
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def store(base: str, k: str, record: WalkRecord, rows: list[list], started_ns: int,
          secret: Optional[bytes] = None) -> bool:
    """Write the record, unless something it rests on changed too recently to be trusted by its time; whether
    it was fit to keep."""
    if not record.ok or secret is None:
        return False
    limit = started_ns - RACY_NS
    if any(m >= limit for m, _ in record.dirs.values()) \
            or any(st is not None and st[0] >= limit for st in record.ignores.values()) \
            or any(st[0] >= limit for st in record.heads.values()):
        return False
    import marshal
    seen: dict = {}      # a kind, addon or addon path is one string object: marshal writes each repeat as a reference
    rows = [r[:2] + [seen.setdefault(x, x) if type(x) is str else x for x in r[2:]] for r in rows]
    try:
        body = marshal.dumps({"format": FORMAT, "key": k, "dirs": record.dirs, "ignores": record.ignores,
                              "heads": record.heads, "refs": rows})
    except ValueError:
        return False
    mac = cachekey.sign(secret, _context(base, k), body)
    try:
        os.makedirs(base, exist_ok=True)
        cachekey.write_signed(base, ".walk-", _file(base, k), MAC_PREFIX + mac.encode(), body)
    except OSError:
        pass
    return True


def discover_cached(paths, root, exclude: list[str], respect_gitignore: bool, force_exclude: bool,
                    problems: Optional[list[str]], base: Optional[str], secret: Optional[bytes] = None,
                    proof: Optional[dict] = None, on_many=None):
    """discovery.discover, through the record in the cache folder `base` (None: no cache) when every path
    is a folder. `proof`, when given, is filled with what the list rests on if it can be kept: the walk key,
    each listed folder's mtime as seen before it was listed, the .gitignore files looked for and the files whose
    first bytes decided their kind (their stats), `exact`: every such time is old enough to be trusted, and
    `reused`: the record was used as it is (no folder had to be listed again)."""
    from .discovery import SourceRef, discover
    given = [p.resolve() for p in paths]
    if base is None or secret is None or not given or not all(p.is_dir() for p in given):
        return discover(paths, root, exclude, respect_gitignore, force_exclude, problems=problems, on_many=on_many)
    k = key([str(p) for p in given], str(root.resolve()), exclude, respect_gitignore, force_exclude)
    rows = load(base, k, secret, proof)
    if rows is not None:
        try:
            return [SourceRef(*r) for r in rows]
        except TypeError:
            if proof is not None:
                proof.clear()
    record = WalkRecord()
    started = time.time_ns()
    seen = len(problems) if problems is not None else 0
    refs = discover(paths, root, exclude, respect_gitignore, force_exclude, problems=problems, record=record,
                    on_many=on_many)
    if problems is None or len(problems) == seen:
        if store(base, k, record, [[r.path, r.relpath, r.kind, r.addon, r.addon_path] for r in refs], started,
                 secret) and proof is not None:
            proof.update(key=k, dirs={d: m for d, (m, _) in record.dirs.items()}, ignores=dict(record.ignores),
                         heads=dict(record.heads), exact=True, reused=False)
    return refs
