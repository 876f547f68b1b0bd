"""Objects kept until a process that ends by os._exit ends (odoolint/lifetime.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from odoolint import cli, lifetime
from odoolint.config import Settings
from odoolint.runner import RunOptions, run
from tests.helpers import write_tree


def test_a_run_in_a_live_interpreter_keeps_nothing(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(lifetime, "_KEPT", [])
    monkeypatch.setattr(lifetime, "_ENDING", False)
    write_tree(tmp_path, {"a.py": "def f(:\n"})
    res = run(RunOptions([tmp_path], Settings(select=["PY001"]), jobs=1, no_cache=True))
    assert [d.code for d in res.diagnostics] == ["PY001"]
    assert lifetime._KEPT == []


def test_a_run_of_the_executable_keeps_its_results_for_the_exit(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(lifetime, "_KEPT", [])
    monkeypatch.setattr(lifetime, "_ENDING", False)
    lifetime.ending_without_teardown()
    write_tree(tmp_path, {"a.py": "def f(:\n", "b.py": "x = 1\n"})
    res = run(RunOptions([tmp_path], Settings(select=["PY001"]), jobs=1, no_cache=True))
    assert len(lifetime._KEPT) == 1
    kept = lifetime._KEPT[0]
    assert kept["result"] is res
    assert sorted(Path(p).name for p in kept["file_results"]) == ["a.py", "b.py"]


def test_the_executable_says_it_ends_without_teardown_before_it_runs(monkeypatch):
    monkeypatch.setattr(lifetime, "_ENDING", False)
    seen: list = []

    class Left(Exception):
        pass

    def fake_main():
        seen.append(lifetime._ENDING)
        raise SystemExit(3)

    def fake_exit(code):
        seen.append(code)
        raise Left

    monkeypatch.setattr(cli, "main", fake_main)
    monkeypatch.setattr("os._exit", fake_exit)
    with pytest.raises(Left):
        cli.entry()
    assert seen == [True, 3]
