"""Item 4 of #15: the cache is data odoolint wrote, checked before use.

The attacker of these tests plants a `.odoolint_cache` in the tree (a pull request can add one). They know
everything but the victim's key: the pack format, the settings hash, the file digests; they even run odoolint
themselves, with a key of their own, to produce a well-formed pack to edit.
"""
import json
import os
import stat
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from odoolint import cachekey
from odoolint.cache import decode_pack, encode_pack
from odoolint.commands import main
from odoolint.config import Settings
from odoolint.runner import RunOptions, run
from tests.helpers import write_tree

BAD_PY = "def f(:\n"                       # PY001 at 1:7
CONF = "[options]\ndb_filter = .*\n"        # CNF-findings with a fix


def _run(root: Path, select=("PY001",), fix=False, unsafe=False):
    return run(RunOptions([root], Settings(select=list(select)), jobs=1, fix=fix, unsafe_fixes=unsafe))


def _pack_file(root: Path) -> Path:
    packs = list((root / ".odoolint_cache").glob("*/pack-*.json"))
    assert len(packs) == 1, packs
    return packs[0]


def _read(pack: Path) -> tuple[bytes, dict]:
    raw = pack.read_bytes()
    return raw.split(b"\n", 1)[0], decode_pack(raw)


def _context(pack: Path, data: dict) -> str:
    return f"{data['format']}\0{data['lint']}\0{os.path.abspath(pack.parent.parent)}"


def _write(pack: Path, data: dict, key: bytes) -> None:
    pack.write_bytes(encode_pack(data, key, _context(pack, data)))


@pytest.fixture
def attacker(tmp_path, monkeypatch):
    """Switch to another user's state (their own key) and back."""
    mine = os.environ["XDG_CACHE_HOME"]
    theirs = tmp_path / "attacker-state"

    def become(who: str):
        monkeypatch.setenv("XDG_CACHE_HOME", str(theirs) if who == "attacker" else mine)
        return cachekey.load_key()
    return become


def _project(tmp_path: Path, files: dict) -> Path:
    root = tmp_path / "repo"
    write_tree(root, files)
    return root


def test_a_planted_cache_cannot_hide_findings(tmp_path, attacker):
    root = _project(tmp_path, {"a.py": BAD_PY})
    key = attacker("attacker")
    assert [d.code for d in _run(root).diagnostics] == ["PY001"]
    pack = _pack_file(root)
    _, data = _read(pack)
    for entry in data["files"].values():
        entry["diagnostics"] = []
    _write(pack, data, key)
    assert _run(root).diagnostics == []                      # the attacker's own key believes it...
    attacker("victim")
    assert [d.code for d in _run(root).diagnostics] == ["PY001"]      # ...the victim's does not


def test_an_unsigned_pack_of_the_old_format_is_ignored(tmp_path):
    root = _project(tmp_path, {"a.py": BAD_PY})
    _run(root)
    pack = _pack_file(root)
    _, data = _read(pack)
    for entry in data["files"].values():
        entry["diagnostics"] = []
    pack.write_text(json.dumps(data))
    assert [d.code for d in _run(root).diagnostics] == ["PY001"]


def test_planted_edits_are_not_written_by_fix(tmp_path, attacker):
    root = _project(tmp_path, {"a.py": "x = 1\n"})
    key = attacker("attacker")
    _run(root, select=("PY001",))
    pack = _pack_file(root)
    _, data = _read(pack)
    entry = data["files"][str(root / "a.py")]
    span = {"start": [1, 1, 0], "end": [1, 1, 0]}
    entry["diagnostics"] = [{"code": "PY001", "name": "python-syntax-error", "message": "m", "path": str(root / "a.py"),
                             "span": span, "severity": "error", "kind": "python", "noqa_line": None,
                             "fix": {"edits": [{"span": span, "content": "import os; os.system('id')\n"}],
                                     "applicability": "safe", "message": "planted"}}]
    _write(pack, data, key)
    attacker("victim")
    result = _run(root, fix=True, unsafe=True)
    assert (root / "a.py").read_text() == "x = 1\n"
    assert result.diagnostics == [] and result.fixed == {}


def test_a_signed_entry_whose_edit_lies_outside_the_file_is_discarded(tmp_path):
    """Even under the user's own key (a bug, a corrupt disk), an edit beyond the file's text is not applied: the
    entry is dropped and the file linted afresh."""
    root = _project(tmp_path, {"a.py": "x = 1\n"})
    _run(root)
    pack = _pack_file(root)
    _, data = _read(pack)
    entry = data["files"][str(root / "a.py")]
    span = {"start": [1, 1, 0], "end": [9, 1, 400]}
    entry["diagnostics"] = [{"code": "PY001", "name": "python-syntax-error", "message": "m", "path": str(root / "a.py"),
                             "span": span, "severity": "error", "kind": "python", "noqa_line": None,
                             "fix": {"edits": [{"span": span, "content": "evil"}], "applicability": "safe",
                                     "message": "planted"}}]
    _write(pack, data, cachekey.load_key())
    result = _run(root, fix=True)
    assert (root / "a.py").read_text() == "x = 1\n" and result.diagnostics == []


@pytest.mark.parametrize("change, expect_used", [
    (lambda d, root: None, True),                                                       # control: used as is
    (lambda d, root: d.update(path=str(root.parent / "secret.txt")), False),           # another file's lines
    (lambda d, root: d.update(span={"start": [1, 1, 0], "end": [50, 1, 0]}), False),   # beyond the last line
    (lambda d, root: d.update(span={"start": [1, 1, 5], "end": [1, 1, 2]}), False),     # backwards
    (lambda d, root: d.update(severity="fatal"), False),
    (lambda d, root: d.update(message=["not", "text"]), False),
    (lambda d, root: d.update(span={"start": ["1", 1, 0], "end": [1, 1, 0]}), False),
    (lambda d, root: d.update(noqa_line=10 ** 9), False),
])
def test_signed_entries_must_be_well_typed_and_of_their_own_file(tmp_path, change, expect_used):
    root = _project(tmp_path, {"a.py": BAD_PY})
    (tmp_path / "secret.txt").write_text("the secret line\n" * 60)
    _run(root)
    pack = _pack_file(root)
    _, data = _read(pack)
    diag = data["files"][str(root / "a.py")]["diagnostics"][0]
    diag["message"] = "from the cache"
    change(diag, root)
    _write(pack, data, cachekey.load_key())
    out = CliRunner().invoke(main, ["check", str(root), "--select", "PY001", "--jobs", "1"]).output
    assert "the secret line" not in out
    assert ("from the cache" in out) is expect_used
    assert "a.py:1:7: PY001" in out.replace(str(root) + "/", "")


def test_project_diagnostics_must_name_files_of_the_run(tmp_path):
    root = _project(tmp_path, {"addons/m/__manifest__.py": "{'name': 'M', 'version': '17.0.1.0.0', "
                                                           "'data': ['views/missing.xml']}\n",
                               "addons/m/__init__.py": ""})
    (tmp_path / "secret.txt").write_text("the secret line\n")
    first = _run(root, select=("ALL",))
    assert first.diagnostics
    pack = _pack_file(root)
    _, data = _read(pack)
    assert data["project"]["diagnostics"]
    for d in data["project"]["diagnostics"]:
        d["path"] = str(tmp_path / "secret.txt")
    _write(pack, data, cachekey.load_key())
    again = _run(root, select=("ALL",))
    assert sorted(d.path for d in again.diagnostics) == sorted(d.path for d in first.diagnostics)


def test_a_symlinked_cache_folder_is_not_used_said_once_and_clean_removes_only_the_link(tmp_path, monkeypatch):
    root = _project(tmp_path, {"a.py": BAD_PY})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / ".odoolint_cache").symlink_to(elsewhere)
    res = CliRunner().invoke(main, ["check", str(root), "--select", "PY001", "--jobs", "1"])
    assert res.exit_code == 1
    warnings = [ln for ln in res.stderr.splitlines() if "cache" in ln]
    assert warnings == [f"warning: cache folder {root}/.odoolint_cache is a symbolic link; not used"]
    assert list(elsewhere.iterdir()) == []                  # nothing written through the link
    monkeypatch.chdir(root)
    res = CliRunner().invoke(main, ["clean"])
    assert res.exit_code == 0 and res.exception is None
    assert "Removed the symbolic link" in res.output
    assert not os.path.lexists(root / ".odoolint_cache") and elsewhere.is_dir()


def test_a_symlinked_version_folder_or_tag_is_not_written_through(tmp_path):
    root = _project(tmp_path, {"a.py": BAD_PY})
    _run(root)
    pack = _pack_file(root)
    version_dir = pack.parent
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for p in version_dir.iterdir():
        p.unlink()
    version_dir.rmdir()
    version_dir.symlink_to(elsewhere)
    res = CliRunner().invoke(main, ["check", str(root), "--select", "PY001", "--jobs", "1"])
    assert f"warning: cache folder {version_dir} is a symbolic link; not used" in res.stderr
    assert list(elsewhere.iterdir()) == []


def test_a_dangling_tag_symlink_is_not_followed(tmp_path):
    root = _project(tmp_path, {"a.py": BAD_PY})
    (root / ".odoolint_cache").mkdir()
    (root / ".odoolint_cache" / "CACHEDIR.TAG").symlink_to(tmp_path / "created-outside")
    _run(root)
    assert not (tmp_path / "created-outside").exists()


def test_a_cache_folder_git_tracks_is_not_used(tmp_path):
    root = tmp_path / "repo"
    root.mkdir()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / "a.py").write_text(BAD_PY)
    _run(root)                                   # a real cache, then committed as a pull request would
    subprocess.run(["git", "-C", str(root), "add", "-f", ".odoolint_cache"], check=True)
    pack = _pack_file(root)
    before = pack.read_bytes()
    res = CliRunner().invoke(main, ["check", str(root), "--select", "PY001", "--jobs", "1"])
    assert [ln for ln in res.stderr.splitlines() if ln.startswith("warning:")] == [
        f"warning: cache folder {root}/.odoolint_cache is tracked by git (it came with the tree); not used"]
    assert "PY001" in res.output and pack.read_bytes() == before


def test_the_key_is_created_private_and_a_shared_one_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "state"))
    root = _project(tmp_path, {"a.py": BAD_PY})
    _run(root)
    key = tmp_path / "state" / "odoolint" / "key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and key.stat().st_size == 32
    cachekey._KEYS.clear()
    key.chmod(0o644)                 # readable by others: anyone could sign
    res = CliRunner().invoke(main, ["check", str(root), "--select", "PY001", "--jobs", "1"])
    assert f"warning: no usable signing key at {key}" in res.stderr
    assert "PY001" in res.output


def test_a_key_inside_the_project_is_not_used(tmp_path, monkeypatch):
    root = _project(tmp_path, {"a.py": BAD_PY})
    monkeypatch.setenv("XDG_CACHE_HOME", str(root / "state"))
    res = CliRunner().invoke(main, ["check", str(root), "--select", "PY001", "--jobs", "1"])
    assert "warning: no usable signing key at" in res.stderr
    assert not (root / ".odoolint_cache").exists()


def test_a_planted_walk_record_cannot_hide_files_or_add_outside_ones(tmp_path, attacker):
    """The walk record lists the files of a tree; an attacker's record (signed with their key, right folder
    entries) leaves out the bad file and adds one outside the project."""
    import marshal
    from odoolint import walkcache
    root = _project(tmp_path, {"a.py": BAD_PY, "b.py": "x = 1\n"})
    (tmp_path / "secret.py").write_text("def leaked(:\n")
    t = 1_600_000_000_000_000_000
    for p in (root, root / "a.py", root / "b.py", root / ".git"):
        os.utime(p, ns=(t, t))
    key = attacker("attacker")
    _run(root)
    _run(root)
    records = list((root / ".odoolint_cache").glob("*/walk-*.json"))
    assert len(records) == 1
    head, body = records[0].read_bytes().split(b"\n", 1)
    data = marshal.loads(body)          # the record's body is marshal data
    data["refs"] = [r for r in data["refs"] if not r[0].endswith("a.py")] + [
        [str(tmp_path / "secret.py"), "secret.py", "python", None, None]]
    k = records[0].stem[len("walk-"):]
    body = marshal.dumps(data)
    records[0].write_bytes(walkcache.MAC_PREFIX + cachekey.sign(key, walkcache._context(
        str(records[0].parent), k), body).encode() + b"\n" + body)
    for folder, (mtime, _) in data["dirs"].items():      # the folders' times as recorded (cache folder created)
        os.utime(folder, ns=(mtime, mtime))
    assert sorted(Path(d.path).name for d in _run(root).diagnostics) == ["secret.py"]     # the attacker's key...
    attacker("victim")
    assert sorted(Path(d.path).name for d in _run(root).diagnostics) == ["a.py"]          # ...not the victim's
