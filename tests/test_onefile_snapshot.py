"""A buffer through stdin with the project's context taken from the one-file snapshot (odoolint/contextsnap.py,
odoolint/onefile.py) is reported exactly as `check .` reports the same text once it is on disk; whatever the
snapshot can no longer vouch for (a changed context file, a new file, new facts in the buffer, a record not
signed with the user's key) sends the run the long way, with the same answer."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from odoolint import contextsnap, onefile
from odoolint.config import Settings
from odoolint.runner import RunOptions, run
from tests.helpers import write_tree
from tests.test_partial_runs import PROJECT

TREE = dict(PROJECT)
TREE["my_mod/models/__init__.py"] = "from . import a, z\n"
TREE["my_mod/models/a.py"] = "from odoo import models\n\n\nclass A(models.Model):\n    _inherit = 'res.partner'\n"
TREE["my_mod/models/z.py"] = ("from odoo import fields, models\n\n\nclass B(models.Model):\n    _inherit = 'res.partner'\n\n"
                              "    x = fields.Char()\n    print('hello')\n")
TREE["my_mod/i18n/fr.po"] = 'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\nmsgid "Thing"\nmsgstr "Chose"\n'


def _age(root: Path, seconds: float) -> None:
    """Every file and folder of the tree modified `seconds` ago: old enough for the caches to trust its stat."""
    t = time.time() - seconds
    for dirpath, dirnames, filenames in os.walk(root):
        for n in filenames:
            os.utime(os.path.join(dirpath, n), (t, t), follow_symlinks=False)
    for dirpath, dirnames, filenames in os.walk(root, topdown=False):
        os.utime(dirpath, (t, t))


def _settings(cache: Path) -> Settings:
    return Settings(select=["ALL"], cache_dir=str(cache))


def _rows(result, path: Path):
    return sorted((d.code, d.span.start.line, d.span.start.column, d.message,
                   d.fix.edits[0].content if d.fix else None) for d in result.diagnostics if d.path == str(path))


@pytest.fixture
def tree(tmp_path, monkeypatch):
    root, cache = tmp_path / "proj", tmp_path / "cache"
    write_tree(root, TREE)
    _age(root, 60)
    full = run(RunOptions([root], _settings(cache), jobs=1))
    assert not full.errors
    assert [p.name for p in cache.rglob("context-*")] == [f"context-{onefile.walk_key(root, _settings(cache))}.mac"]
    taken: list = []
    real = onefile.run_fast

    def spy(*args):
        out = real(*args)
        taken.append(out is not None)
        return out
    monkeypatch.setattr(onefile, "run_fast", spy)
    return root, cache, taken


def _stdin(root: Path, cache: Path, rel: str, text: str):
    return run(RunOptions([], _settings(cache), stdin_filename=str(root / rel), stdin_data=text.encode(), jobs=1))


def _expected(root: Path, rel: str, text: str):
    """What `check .` (no cache) reports in the file once the text is on disk."""
    (root / rel).write_text(text)
    return _rows(run(RunOptions([root], Settings(select=["ALL"]), no_cache=True, jobs=1)), root / rel)


def _edited_z(root: Path, cache: Path):
    """An editor's save of z.py (one new comment): the stdin run's rows and those of a full run on that text."""
    rel = "my_mod/models/z.py"
    text = (root / rel).read_text() + "\n# edited\n"
    got = _rows(_stdin(root, cache, rel, text), root / rel)
    return got, _expected(root, rel, text)


EDITS = {"my_mod/models/z.py": "\n# edited\n", "my_mod/views/list.xml": "<!-- edited -->\n",
         "my_mod/views/views.xml": "<!-- edited -->\n", "my_mod/__manifest__.py": "# edited\n"}


@pytest.mark.parametrize("rel", sorted(EDITS))
def test_an_edited_buffer_takes_the_snapshot_and_reports_what_check_dot_reports(tree, rel):
    root, cache, taken = tree
    text = (root / rel).read_text() + EDITS[rel]
    got = _rows(_stdin(root, cache, rel, text), root / rel)
    assert taken == [True]
    expected = _expected(root, rel, text)
    assert got == expected and expected      # there is something to agree on


def test_project_findings_land_on_the_buffer_from_the_snapshot(tree):
    root, cache, taken = tree
    rel = "my_mod/models/z.py"
    got = _rows(_stdin(root, cache, rel, (root / rel).read_text() + "\n# edited\n"), root / rel)
    assert taken == [True]
    assert "PY537" in {r[0] for r in got}     # a cross-file finding (two classes extend res.partner)


def test_an_unchanged_buffer_takes_its_result_from_the_pack(tree):
    root, cache, taken = tree
    rel = "my_mod/views/list.xml"
    text = (root / rel).read_text()
    got = _rows(_stdin(root, cache, rel, text), root / rel)
    assert taken == [True]
    assert got == _expected(root, rel, text)


def test_a_changed_context_file_is_not_trusted(tree):
    root, cache, taken = tree
    a = root / "my_mod/models/a.py"
    a.write_text(a.read_text().replace("res.partner", "res.users"))
    got, expected = _edited_z(root, cache)
    assert taken == [False]
    assert got == expected and not any("a.py" in r[3] for r in expected if r[0] == "PY537")


def test_a_po_file_changed_in_place_keeps_the_snapshot(tree):
    """A .po file has no facts: its bytes cannot change what the project phase sees, so it is not looked at."""
    root, cache, taken = tree
    po = root / "my_mod/i18n/fr.po"
    po.write_text(po.read_text().replace("Chose", "Truc") + 'msgid "x %s"\nmsgstr "y"\n')
    got, expected = _edited_z(root, cache)
    assert taken == [True]
    assert got == expected


def test_a_new_file_in_a_folder_is_seen(tree):
    root, cache, taken = tree
    (root / "my_mod/models/c.py").write_text(TREE["my_mod/models/a.py"].replace("class A", "class C"))
    got, expected = _edited_z(root, cache)
    assert taken == [False]
    assert got == expected


def test_a_removed_file_is_seen(tree):
    root, cache, taken = tree
    (root / "my_mod/models/a.py").unlink()
    got, expected = _edited_z(root, cache)
    assert taken == [False]
    assert got == expected and not any("a.py" in r[3] for r in expected if r[0] == "PY537")


def test_a_buffer_with_new_facts_goes_the_long_way(tree):
    root, cache, taken = tree
    rel = "my_mod/models/z.py"
    text = (root / rel).read_text().replace("res.partner", "res.users")
    got = _rows(_stdin(root, cache, rel, text), root / rel)
    assert taken == [False]
    expected = _expected(root, rel, text)
    assert got == expected and "PY537" not in {r[0] for r in expected}


def test_a_changed_manifest_version_is_seen(tree):
    root, cache, taken = tree
    m = root / "other_mod/__manifest__.py"
    m.write_text(m.read_text().replace("18.0.1.0.0", "17.0.1.0.0"))
    rel = "my_mod/views/list.xml"
    text = (root / rel).read_text() + "<!-- edited -->\n"
    result = _stdin(root, cache, rel, text)
    assert taken == [False]
    assert _rows(result, root / rel) == _expected(root, rel, text)


def test_a_snapshot_not_signed_with_the_users_key_is_ignored(tree):
    root, cache, taken = tree
    [snap] = [p for p in cache.rglob("context-*")]
    import marshal
    from odoolint import digests
    raw = snap.read_bytes()
    body = raw.partition(b"\n")[2]
    data = marshal.loads(body)
    data["project"] = (data["project"][0], [])          # the cross-file findings dropped
    forged = marshal.dumps(data)
    ctx = contextsnap._context(str(snap.parent), onefile.walk_key(root, _settings(cache)))
    snap.write_bytes(contextsnap.MAC_PREFIX + digests.keyed(b"k" * 32, ctx, forged).encode() + b"\n" + forged)
    got, expected = _edited_z(root, cache)
    assert taken == [False]
    assert got == expected and any("a.py" in r[3] for r in expected if r[0] == "PY537")


def test_a_context_file_replaced_by_a_symlink_out_of_the_project(tree, tmp_path):
    root, cache, taken = tree
    outside = tmp_path / "elsewhere.py"
    outside.write_text(TREE["my_mod/models/a.py"])
    a = root / "my_mod/models/a.py"
    a.unlink()
    a.symlink_to(outside)
    got, expected = _edited_z(root, cache)
    assert taken == [False]
    assert got == expected


def test_no_snapshot_is_written_while_files_are_too_fresh_to_trust(tmp_path):
    root, cache = tmp_path / "proj", tmp_path / "cache"
    write_tree(root, TREE)
    run(RunOptions([root], _settings(cache), jobs=1))
    assert not [p for p in cache.rglob("context-*")]


def test_an_editor_linting_on_save_keeps_the_snapshot_for_that_file(tree):
    """Save then lint (the buffer is the file just written, too fresh for its stat to be trusted): the first
    save that changes the file's facts goes the long way and records the file as saved; the next saves of that
    file take the snapshot; another file's buffer does not trust it while the saved file's stat is unproven."""
    root, cache, taken = tree
    rel = "my_mod/models/z.py"
    first = (root / rel).read_text().replace("x = fields.Char()", "y = fields.Char()")
    (root / rel).write_text(first)
    got = _rows(_stdin(root, cache, rel, first), root / rel)
    assert taken == [False]
    second = first + "\n# saved again\n"
    (root / rel).write_text(second)
    got2 = _rows(_stdin(root, cache, rel, second), root / rel)
    assert taken == [False, True]
    other = "my_mod/views/list.xml"
    other_text = (root / other).read_text() + "<!-- edited -->\n"
    got3 = _rows(_stdin(root, cache, other, other_text), root / other)
    assert taken == [False, True, False]
    assert got2 == _expected(root, rel, second)
    assert got3 == _expected(root, other, other_text)
    assert got == _expected(root, rel, first)


def test_an_info_exclude_written_after_the_snapshot_is_seen(tree):
    root, cache, taken = tree
    (root / ".git" / "info").mkdir()
    (root / ".git" / "info" / "exclude").write_text("my_mod/models/a.py\n")
    got, expected = _edited_z(root, cache)
    assert taken == [False]
    assert got == expected and not any("a.py" in r[3] for r in expected if r[0] == "PY537")
