"""The cache pack: one file per settings, stat-based change detection with a hash behind it, project output kept."""
import os
from pathlib import Path

from odoolint.cache import FORMAT, RACY_NS, decode_pack
from odoolint.config import Settings
from odoolint.runner import RunOptions, run
from tests.helpers import rows, write_tree

MANIFEST = "{'name': 'A', 'version': '17.0.1.0.0', 'license': 'LGPL-3', 'data': ['views/a.xml', 'views/b.xml']}\n"
VIEW = '<odoo>\n  <record id="x" model="ir.ui.view"><field name="name">x</field></record>\n</odoo>\n'


def _settings(cache: Path, select=("PY001", "XML201")) -> Settings:
    return Settings(select=list(select), cache_dir=str(cache))


def _run(root: Path, cache: Path, paths=None, select=("PY001", "XML201")):
    return run(RunOptions(paths or [root], _settings(cache, select), jobs=1))


def _pack(cache: Path) -> dict:
    packs = list(cache.glob("*/pack-*.json"))
    assert len(packs) == 1, packs
    raw = packs[0].read_bytes()
    assert raw.startswith(b"odoolint-pack-mac ")      # the signature line, then the header and the sections
    return decode_pack(raw)


def _age(path: Path, seconds: float = 10) -> None:
    """Move a file's mtime into the past, beyond the racy window."""
    t = path.stat().st_mtime_ns - int(seconds * 1e9) - RACY_NS
    os.utime(path, ns=(t, t))


def test_one_pack_per_run_with_every_file(tmp_path: Path):
    write_tree(tmp_path, {"a.py": "def f(:\n", "b.py": "x = 1\n", "c.py": "y = 2\n"})
    cache = tmp_path / "cachedir"
    _run(tmp_path, cache)
    files = list(cache.rglob("*"))
    assert sorted(p.name for p in files if p.is_file() and p.suffix == ".json")[0].startswith("pack-")
    assert len([p for p in files if p.suffix == ".json"]) == 1
    pack = _pack(cache)
    assert pack["format"] == FORMAT
    assert sorted(Path(p).name for p in pack["files"]) == ["a.py", "b.py", "c.py"]
    entry = pack["files"][str(tmp_path / "a.py")]
    assert entry["kind"] == "python" and entry["diagnostics"][0]["code"] == "PY001"


def test_unchanged_stat_means_the_file_is_not_read(tmp_path: Path):
    """Same mtime, size and inode as recorded: the recorded result is used without reading the bytes
    (shown here by an in-place edit that keeps all three, which only a hash would see)."""
    write_tree(tmp_path, {"a.py": "def f(:\n"})
    a = tmp_path / "a.py"
    _age(a)
    cache = tmp_path / "cachedir"
    assert [d.code for d in _run(tmp_path, cache).diagnostics] == ["PY001"]
    st = a.stat()
    assert _pack(cache)["files"][str(a)]["stat"] == [st.st_mtime_ns, st.st_size, st.st_ino]
    with open(a, "r+b") as fh:       # same inode, same size
        fh.write(b"x = (1)\n")
    os.utime(a, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert [d.code for d in _run(tmp_path, cache).diagnostics] == ["PY001"]
    os.utime(a, None)                # a new mtime: the file is hashed and linted again
    assert _run(tmp_path, cache).diagnostics == []


def test_a_recent_file_keeps_no_stat_so_a_same_tick_edit_is_seen(tmp_path: Path):
    write_tree(tmp_path, {"a.py": "def f(:\n"})
    a = tmp_path / "a.py"
    cache = tmp_path / "cachedir"
    assert [d.code for d in _run(tmp_path, cache).diagnostics] == ["PY001"]
    assert _pack(cache)["files"][str(a)]["stat"] is None
    st = a.stat()
    with open(a, "r+b") as fh:
        fh.write(b"x = (1)\n")
    os.utime(a, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert _run(tmp_path, cache).diagnostics == []


def test_touched_but_unchanged_file_is_hashed_and_its_stat_refreshed(tmp_path: Path):
    write_tree(tmp_path, {"a.py": "def f(:\n"})
    a = tmp_path / "a.py"
    _age(a)
    cache = tmp_path / "cachedir"
    _run(tmp_path, cache)
    _age(a, 100)                     # another mtime, same bytes
    assert [d.code for d in _run(tmp_path, cache).diagnostics] == ["PY001"]
    st = a.stat()
    assert _pack(cache)["files"][str(a)]["stat"] == [st.st_mtime_ns, st.st_size, st.st_ino]


def test_partial_run_keeps_other_entries_and_deleted_files_are_dropped(tmp_path: Path):
    write_tree(tmp_path, {"x/a.py": "def f(:\n", "y/b.py": "def g(:\n"})
    cache = tmp_path / "cachedir"
    _run(tmp_path, cache)
    res = _run(tmp_path, cache, paths=[tmp_path / "x"])
    assert rows(res, tmp_path) == [("x/a.py", "PY001", 1, 7, "SyntaxError: invalid syntax")]
    assert sorted(Path(p).name for p in _pack(cache)["files"]) == ["a.py", "b.py"]
    (tmp_path / "y" / "b.py").unlink()
    _run(tmp_path, cache)
    assert [Path(p).name for p in _pack(cache)["files"]] == ["a.py"]


def test_project_phase_output_is_kept_until_a_file_changes(tmp_path: Path):
    write_tree(tmp_path, {"a/__manifest__.py": MANIFEST, "a/views/a.xml": VIEW, "a/views/b.xml": VIEW})
    cache = tmp_path / "cachedir"
    first = _run(tmp_path, cache)
    expected = [("a/views/a.xml", "XML201", 2, 3, "Duplicate xml id `a.x`: defined again at views/b.xml:2; each "
                 "later definition silently updates the same record")]
    assert rows(first, tmp_path) == expected
    key = _pack(cache)["project"]["key"]
    assert [d["code"] for d in _pack(cache)["project"]["diagnostics"]] == ["XML201"]
    assert rows(_run(tmp_path, cache), tmp_path) == expected
    assert _pack(cache)["project"]["key"] == key
    (tmp_path / "a/views/b.xml").write_text(VIEW.replace('id="x"', 'id="y"'))
    assert rows(_run(tmp_path, cache), tmp_path) == []
    assert _pack(cache)["project"]["key"] != key


def test_an_edit_that_leaves_the_facts_keeps_the_project_output(tmp_path: Path):
    """The project phase reads facts only: a comment added to a view (a buffer from an editor, or the file on
    disk) keeps its key and its output; an edit that changes what the view declares does not."""
    write_tree(tmp_path, {"a/__manifest__.py": MANIFEST, "a/views/a.xml": VIEW, "a/views/b.xml": VIEW})
    cache = tmp_path / "cachedir"
    first = _run(tmp_path, cache)
    key = _pack(cache)["project"]["key"]
    commented = VIEW.replace("</odoo>", "  <!-- a note -->\n</odoo>")
    buf = run(RunOptions([], _settings(cache), jobs=1, stdin_filename=str(tmp_path / "a/views/b.xml"),
                         stdin_data=commented.encode()))
    assert buf.diagnostics == [] and rows(first, tmp_path)[0][1] == "XML201"
    a_only = run(RunOptions([], _settings(cache), jobs=1, stdin_filename=str(tmp_path / "a/views/a.xml"),
                            stdin_data=commented.encode()))
    assert [(d.code, d.span.start.line) for d in a_only.diagnostics] == [("XML201", 2)]
    (tmp_path / "a/views/b.xml").write_text(commented)
    assert rows(_run(tmp_path, cache), tmp_path) == rows(first, tmp_path)
    assert _pack(cache)["project"]["key"] == key
    (tmp_path / "a/views/b.xml").write_text(VIEW.replace('id="x"', 'id="y"'))
    assert rows(_run(tmp_path, cache), tmp_path) == []
    assert _pack(cache)["project"]["key"] != key


def test_other_settings_get_their_own_pack(tmp_path: Path):
    write_tree(tmp_path, {"a.py": "def f(:\n"})
    cache = tmp_path / "cachedir"
    _run(tmp_path, cache, select=("PY001",))
    _run(tmp_path, cache, select=("PY001", "OL001"))
    assert len(list(cache.glob("*/pack-*.json"))) == 2


def test_a_corrupt_pack_is_ignored_and_rewritten(tmp_path: Path):
    write_tree(tmp_path, {"a.py": "def f(:\n"})
    cache = tmp_path / "cachedir"
    _run(tmp_path, cache)
    pack = next(cache.glob("*/pack-*.json"))
    pack.write_text("{not json")
    assert [d.code for d in _run(tmp_path, cache).diagnostics] == ["PY001"]
    assert _pack(cache)["format"] == FORMAT
