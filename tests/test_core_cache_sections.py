"""The pack's and the walk record's marshal encoding, and the warm path's shortcuts (Pack.by_stat for a file with
no findings recorded, Bounds made only for one with findings): what the cache gives back is what was stored, and
every change is still seen."""
import os
from pathlib import Path

from odoolint import cachekey, walkcache
from odoolint.cache import FORMAT, RACY_NS, Cache, _load, _marshal, decode_pack
from odoolint.config import Settings
from odoolint.discovery import SourceRef
from odoolint.engine import FileResult
from odoolint.model import Applicability, Diagnostic, Edit, Fix, Position, Severity, Span
from odoolint.runner import RunOptions, run
from tests.helpers import write_tree


class _Name(str):
    """A rule's own str subclass (a rename table's value), as a message or an edit's content."""


def _age(path: Path, seconds: float = 10) -> None:
    t = path.stat().st_mtime_ns - int(seconds * 1e9) - RACY_NS
    os.utime(path, ns=(t, t))


def _run(root: Path, cache: Path):
    return run(RunOptions([root], Settings(select=["PY001", "XML201"], cache_dir=str(cache)), jobs=1))


def test_a_section_reads_back_as_a_json_round_trip_would():
    """marshal refuses str subclasses: they are written as str (as JSON did), tuples as lists, and a value JSON
    could not hold is still refused (the pack is then not written)."""
    value = {"a": [_Name("x"), (1, 2), {"k": _Name("v")}], "b": None, "c": True}
    back = _load(_marshal(value))
    assert back == {"a": ["x", [1, 2], {"k": "v"}], "b": None, "c": True}
    assert type(back["a"][0]) is str and type(back["a"][1]) is list
    try:
        _marshal({"a": object()})
    except (TypeError, ValueError):
        pass
    else:
        raise AssertionError("an object that is not data was written")
    assert _load(b"\x00not marshal data") is None and _load(b"") is None


def test_a_finding_with_a_str_subclass_is_cached_and_read_back(tmp_path: Path):
    root = tmp_path / "p"
    write_tree(root, {"a.py": "x = 1\n"})
    a = root / "a.py"
    _age(a)
    cache = Cache(tmp_path / "cache", root)
    pack = cache.pack("h")
    ref = SourceRef(str(a), "a.py", "python", None, None)
    p1, p2 = Position(1, 1, 0), Position(1, 2, 1)
    diag = Diagnostic("PY999", "n", _Name("message"), str(a), Span(p1, p2), Severity.WARNING,
                      Fix((Edit(Span(p1, p2), _Name("y")),), Applicability.SAFE, "m"), "python")
    st = a.stat()
    stat = [st.st_mtime_ns, st.st_size, st.st_ino]
    pack.store(ref, stat, FileResult(str(a), "python", "d" * 32, [diag], {"models": []}, [], parsed=True))
    pack.save()
    raw = next((tmp_path / "cache").glob("*/pack-*.json")).read_bytes()
    assert decode_pack(raw)["format"] == FORMAT
    again = Cache(tmp_path / "cache", root).pack("h")
    hit = again.by_stat(ref, stat)
    assert hit is not None and hit.diagnostics == [diag] and hit.facts == {"models": []}
    assert type(hit.diagnostics[0].fix.edits[0].content) is str
    assert again.by_stat(ref, [stat[0] + 1, stat[1], stat[2]]) is None                 # another mtime
    assert again.by_stat(SourceRef(str(a), "a.py", "xml", None, None), stat) is None    # another kind


def test_a_file_without_findings_is_taken_by_stat_and_its_edit_is_seen(tmp_path: Path):
    """The by_stat shortcut (no findings recorded: no Bounds, no results lookup beyond the path): an unchanged
    file comes from the cache, an edit (new size and mtime) is linted again and its finding reported, and a
    deleted file's entry and findings go."""
    root = tmp_path / "p"
    write_tree(root, {"a.py": "x = 1\n", "b.py": "def f(:\n"})
    for n in ("a.py", "b.py"):
        _age(root / n)
    cache = tmp_path / "cache"
    assert [(Path(d.path).name, d.code) for d in _run(root, cache).diagnostics] == [("b.py", "PY001")]
    pack = next(cache.glob("*/pack-*.json"))
    written = pack.stat().st_mtime_ns
    assert [(Path(d.path).name, d.code) for d in _run(root, cache).diagnostics] == [("b.py", "PY001")]
    assert pack.stat().st_mtime_ns == written          # a warm run with nothing changed writes nothing
    (root / "a.py").write_text("def g(:\n")
    assert [(Path(d.path).name, d.code) for d in _run(root, cache).diagnostics] == [("a.py", "PY001"),
                                                                                     ("b.py", "PY001")]
    (root / "b.py").unlink()
    assert [(Path(d.path).name, d.code) for d in _run(root, cache).diagnostics] == [("a.py", "PY001")]
    assert [Path(p).name for p in decode_pack(pack.read_bytes())["files"]] == ["a.py"]


def test_the_walk_record_is_marshal_data_signed_and_versioned(tmp_path: Path):
    """The record's body is marshal data under the MAC; a record of the previous (JSON) format is not read."""
    import json
    import marshal
    root = tmp_path / "p"
    write_tree(root, {"m/__manifest__.py": "{'name': 'M'}\n", "m/a.py": "x = 1\n", "m/b.py": "y = 1\n"})
    t = 1_600_000_000_000_000_000
    for dirpath, _, filenames in os.walk(root):
        for n in filenames:
            os.utime(os.path.join(dirpath, n), ns=(t, t))
        os.utime(dirpath, ns=(t, t))
    base = str(tmp_path / "cache")
    secret = cachekey.load_key()
    k = walkcache.key([str(root)], str(root), [], True, False)
    walkcache.discover_cached([root], root, [], True, False, [], base, secret)
    rows = walkcache.load(base, k, secret)
    assert rows is not None and sorted(r[1] for r in rows) == ["m/__manifest__.py", "m/a.py", "m/b.py"]
    record = Path(walkcache._file(base, k))
    body = record.read_bytes().split(b"\n", 1)[1]
    data = marshal.loads(body)
    assert data["format"] == walkcache.FORMAT and [type(r) for r in data["refs"]] == [list] * 3
    addons = [r[3] for r in data["refs"]]
    assert addons == ["m"] * 3 and addons[0] is addons[1] is addons[2]      # one string object: written once
    old = json.dumps({**data, "format": "odoolint-walk/3"}).encode()
    record.write_bytes(walkcache.MAC_PREFIX + cachekey.sign(secret, walkcache._context(base, k), old).encode()
                       + b"\n" + old)
    assert walkcache.load(base, k, secret) is None     # signed, but not this format: walked again
