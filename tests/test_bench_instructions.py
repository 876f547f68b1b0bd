"""bench/instructions.py counts what it says: callgrind's total, of an odoolint run from the side's own folder."""
from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import write_tree

BENCH = Path(__file__).resolve().parent.parent / "bench" / "instructions.py"


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(BENCH.parent))
    try:
        spec = importlib.util.spec_from_file_location("bench_instructions", BENCH)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCH.parent))
    return module


def test_the_count_is_callgrinds_last_summary(bench):
    stderr = ("==101== Callgrind, a call-graph generating cache profiler\n==101== Collected : 1234\n==101== \n"
              "==102== Events    : Ir\n==102== Collected : 10595083973\n==102== I   refs:      10,595,083,973\n")
    assert bench.collected(stderr) == 10_595_083_973
    with pytest.raises(ValueError, match="no callgrind summary"):
        bench.collected("valgrind: command not found\n")


def test_the_launcher_runs_the_sides_own_odoolint_and_rules(bench, tmp_path):
    """The working tree's side: its odoolint and its rules/ (found as odoolint.rules), not an installed copy."""
    write_tree(tmp_path, {"m/__manifest__.py": "{'name': 'M'}\n", "m/a.py": "def f(:\n"})
    run = bench.command(bench.REPO) + ["check", "--no-cache", "--select", "PY001", "--output-format", "concise", "."]
    out = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True)
    assert out.returncode == 1, out.stderr
    assert out.stdout.splitlines()[0] == "m/a.py:1:7: PY001 SyntaxError: invalid syntax"
    where = subprocess.run([sys.executable, "-c", bench._SETUP + "import odoolint.rules.python.common as c; "
                            "print(c.__file__)", bench.REPO],
                           capture_output=True, text=True, check=True)
    assert where.stdout.strip() == str(Path(bench.REPO) / "rules" / "python" / "common.py")


@pytest.mark.skipif(shutil.which("valgrind") is None, reason="valgrind is not installed")
def test_a_run_under_callgrind_gives_a_count(bench, tmp_path):
    write_tree(tmp_path, {"m/__manifest__.py": "{'name': 'M'}\n", "m/a.py": "x = 1\n"})
    n = bench.instructions(bench.command(bench.REPO), str(tmp_path), ["--select", "PY001"])
    assert n > 10_000_000     # an interpreter's start-up alone is tens of millions
