"""bench/run.py checks every timed run: a linter that cannot start must stop the bench, not print "met"."""
from __future__ import annotations

import importlib.util
import shlex
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "run.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_run", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_an_entry_script_that_cannot_import_stops_the_bench(bench, tmp_path):
    # What happened at 20:45: the entry script raised ModuleNotFoundError in 50 ms.
    cmd = [sys.executable, "-c", "import odoolint_not_installed_here"]
    with pytest.raises(bench.RunFailed) as err:
        bench.timed("odoolint cold", cmd, tmp_path, output=True)
    text = str(err.value)
    assert text.splitlines()[0] == ("bench stopped: run 'odoolint cold' failed (exit code 1, expected 0; "
                                    "a Python traceback on stderr; no findings on stdout)")
    assert f"command: {shlex.join(cmd)}" in text.splitlines()
    assert "exit code: 1" in text.splitlines()
    assert text.splitlines()[-1] == "ModuleNotFoundError: No module named 'odoolint_not_installed_here'"
    assert err.value.code == text  # SystemExit with a message: printed on stderr, exit status 1


def test_a_traceback_fails_the_run_even_with_exit_zero(bench, tmp_path):
    script = "import sys, traceback\ntry:\n    1/0\nexcept ZeroDivisionError:\n    traceback.print_exc()\nprint('x')"
    with pytest.raises(bench.RunFailed) as err:
        bench.timed("odoolint warm", [sys.executable, "-c", script], tmp_path, output=True)
    lines = str(err.value).splitlines()
    assert lines[0] == "bench stopped: run 'odoolint warm' failed (a Python traceback on stderr)"
    assert lines[-1] == "ZeroDivisionError: division by zero"


def test_an_empty_report_fails_an_odoolint_run(bench, tmp_path):
    with pytest.raises(bench.RunFailed) as err:
        bench.timed("odoolint one file (stdin, warm)", [sys.executable, "-c", "pass"], tmp_path, stdin=b"",
                    output=True)
    lines = str(err.value).splitlines()
    assert lines[0] == "bench stopped: run 'odoolint one file (stdin, warm)' failed (no findings on stdout)"
    assert lines[-1] == "(stderr empty)"


def test_a_tool_with_its_own_exit_codes(bench, tmp_path):
    # odl exits 1 when it finds something: accepted where its codes say so, refused where 0 is expected.
    cmd = [sys.executable, "-c", "import sys; print('a.py:1: finding'); sys.exit(1)"]
    wall, peak = bench.timed("odl", cmd, tmp_path, codes=(0, 1))
    assert wall > 0 and peak > 0
    with pytest.raises(bench.RunFailed) as err:
        bench.timed("ruff", cmd, tmp_path)
    assert str(err.value).splitlines()[0] == "bench stopped: run 'ruff' failed (exit code 1, expected 0)"


def test_a_good_run_passes_with_its_output_read(bench, tmp_path):
    wall, peak, code, out, err = bench.measure([sys.executable, "-c", "import sys; print(sys.stdin.read())"],
                                               tmp_path, stdin=b"finding")
    assert (code, out, err) == (0, b"finding\n", b"")
    bench.check_run("odoolint one file", ["odoolint"], code, out, err, output=True)


def test_done_when_judges_cold_against_odl_at_both_targets(bench):
    # a 19.0-target cold run slower than odl and an own-series run faster: each judged on its own ratio
    med = {"odoolint one file (stdin, edited)": 0.060}
    ratios = {"cold / odl": 1.046 / 0.930, "cold, own series / odl": 0.700 / 0.775,
              "cold / bare parse floor": 2.62, "warm / cold": 0.103, "--jobs 1 / cold (pool speed-up)": 1.53}
    checks = {what: (value, ok) for what, value, _target, ok in bench.done_when(med, ratios, 45.0)}
    assert checks["cold / odl wall time"] == ("1.12x", False)
    assert checks["cold / odl, tree's own series"] == ("0.90x", True)
    assert checks["pool speed-up (--jobs 1 / cold)"] == ("1.53x", False)
    assert list(checks)[:2] == ["cold / odl wall time", "cold / odl, tree's own series"]
