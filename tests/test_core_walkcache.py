"""The cached walk answers exactly as a new walk would: every change that can alter the file list is seen."""
from __future__ import annotations

import os
from pathlib import Path

from odoolint import cachekey
from odoolint.discovery import discover
from odoolint.walkcache import discover_cached, key, load
from tests.helpers import write_tree

TREE = {
    ".gitignore": "*.log\n",
    "my_mod/__manifest__.py": "{'name': 'M', 'version': '17.0.1.0.0'}\n",
    "my_mod/models/m.py": "x = 1\n",
    "my_mod/views/v.xml": "<odoo/>\n",
    "deploy/stack.yml": "services:\n  odoo:\n    image: odoo:17.0\n",
    "deploy/notes.yml": "a: 1\n",
}
OLD = 1_600_000_000_000_000_000    # 2020: older than the racy window


_ticks = [0]


def _age(root: Path) -> None:
    """Everything old enough that its time can be trusted (a fresh tree would not be recorded); each call a
    second later than the last, as real times only move forward."""
    _ticks[0] += 1
    t = OLD + _ticks[0] * 1_000_000_000
    for dirpath, dirnames, filenames in os.walk(root):
        for n in filenames:
            os.utime(os.path.join(dirpath, n), ns=(t, t))
        os.utime(dirpath, ns=(t, t))


def _rows(refs):
    return [(r.path, r.relpath, r.kind, r.addon, r.addon_path) for r in refs]


def _check(root: Path, base: str):
    """The cached answer, compared with a fresh walk; and whether it came from the record."""
    k = key([str(root)], str(root), [], True, False)
    secret = cachekey.load_key()       # the records are signed like the packs
    hit = load(base, k, secret) is not None
    got = discover_cached([root], root, [], True, False, [], base, secret)
    assert _rows(got) == _rows(discover([root], root, [], True, False)), "cached walk differs from a new one"
    return hit, {r.relpath: r.kind for r in got}


def test_the_record_is_used_while_nothing_changed_and_dropped_on_each_kind_of_change(tmp_path):
    root = tmp_path / "p"
    write_tree(root, TREE)
    base = str(tmp_path / "cache")
    _age(root)
    assert _check(root, base)[0] is False                  # first walk: recorded
    hit, kinds = _check(root, base)
    assert hit and kinds["deploy/stack.yml"] == "compose" and "deploy/notes.yml" not in kinds

    # an editor saving by rename: the folder's time moves, its entries do not
    (root / "my_mod/models/m.py.tmp").write_text("x = 2\n")
    os.replace(root / "my_mod/models/m.py.tmp", root / "my_mod/models/m.py")
    assert _check(root, base)[0] is True

    changes = [
        lambda: (root / "my_mod/models/new.py").write_text("y = 1\n"),                  # a new file
        lambda: (root / "my_mod/views/v.xml").unlink(),                                 # a removed file
        lambda: (root / "my_mod/data").mkdir(),                                         # a new folder
        lambda: (root / ".gitignore").write_text("*.log\nmodels/\n"),                   # an edited .gitignore
        lambda: (root / "my_mod/.gitignore").write_text("views/\n"),                    # a new .gitignore
        lambda: (root / "deploy/notes.yml").write_text(                                 # a kind from content
            "services:\n  db:\n    image: postgres:16\n"),
    ]
    for change in changes:
        _age(root)                                         # (touches the .gitignore: walked again)
        _check(root, base)
        assert _check(root, base)[0] is True               # recorded again, and trusted
        change()
        assert _check(root, base)[0] is False              # the change is seen: walked again
    _age(root)
    _check(root, base)
    hit, kinds = _check(root, base)
    assert hit and kinds["deploy/notes.yml"] == "compose" and "my_mod/models/m.py" not in kinds


def test_a_walk_of_fresh_folders_is_not_recorded(tmp_path):
    """A folder modified within the racy window could change again in the same time tick: not trusted."""
    root = tmp_path / "p"
    write_tree(root, TREE)
    base = str(tmp_path / "cache")
    _check(root, base)
    assert _check(root, base)[0] is False


def test_an_edited_info_exclude_is_seen(tmp_path):
    """`.git/info/exclude` is read by the walk like a .gitignore: the record holds only while it is as it was."""
    root = tmp_path / "p"
    write_tree(root, TREE)
    (root / ".git" / "info").mkdir(parents=True)
    base = str(tmp_path / "cache")
    _age(root)
    assert _check(root, base)[0] is False
    hit, kinds = _check(root, base)
    assert hit and "my_mod/views/v.xml" in kinds
    (root / ".git" / "info" / "exclude").write_text("*.xml\n")       # created where there was none
    _age(root)
    hit, kinds = _check(root, base)
    assert not hit and "my_mod/views/v.xml" not in kinds
    assert _check(root, base)[0]
    (root / ".git" / "info" / "exclude").write_text("*.yml\n")       # edited in place
    _age(root)
    hit, kinds = _check(root, base)
    assert not hit and "my_mod/views/v.xml" in kinds and "deploy/stack.yml" not in kinds
