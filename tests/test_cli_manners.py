"""The command line's manners, as ruff has them: missing paths, empty selections, `.git/info/exclude`, colour,
the progress line, `-q`, `--show-settings`, `--statistics` as JSON and `--fix-only`'s report.

Real subprocesses on real files; the terminal cases run the command on a real pseudo-terminal (`pty`)."""
import io
import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from odoolint import progress, style
from tests.helpers import write_tree

BROKEN = {"a.py": "def f(:\n"}


def odoolint(cwd: Path, *args: str, env: dict | None = None, stdin: bytes = b""):
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "odoolint.cli", *args], cwd=cwd, input=stdin,
                          capture_output=True, env=full_env)


def on_terminal(cwd: Path, *args: str, env: dict | None = None) -> tuple[int, bytes, bytes]:
    """Run with stdout on a pseudo-terminal (stderr a pipe): (exit code, terminal bytes, stderr)."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    full_env.update({"TERM": "xterm"}, **(env or {}))
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "odoolint.cli", *args], cwd=cwd, stdout=slave,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=full_env)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:          # EIO: the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    err = proc.stderr.read()
    proc.wait()
    os.close(master)
    return proc.returncode, out.replace(b"\r\n", b"\n"), err


def test_a_missing_path_is_an_error_naming_it(tmp_path: Path):
    """As ruff does: the paths that exist are still linted, the missing one is an error and the exit is 2."""
    write_tree(tmp_path, BROKEN)
    r = odoolint(tmp_path, "check", "--select", "PY001", "--no-cache", "a.py", "nope/x.xml")
    assert r.returncode == 2
    assert r.stderr.decode() == "error: nope/x.xml: no such file or directory\n"
    assert r.stdout.decode() == ("a.py:1:7: PY001 SyntaxError: invalid syntax\n  |\n1 | def f(:\n  |       ^ PY001\n"
                                 "  |\n\nFound 1 problem: 1 error.\n")


@pytest.mark.parametrize("option, value", [("--select", ""), ("--select", ","), ("--select", " , "),
                                           ("--extend-select", ""), ("--ignore", "")])
def test_empty_selections_are_usage_errors(tmp_path: Path, option: str, value: str):
    write_tree(tmp_path, BROKEN)
    r = odoolint(tmp_path, "check", "--no-cache", option, value)
    assert (r.returncode, r.stdout) == (2, b"")
    assert r.stderr.decode() == (f"error: invalid value {value!r} for '{option}': expected rule codes, prefixes "
                                 f"or names\n")


def test_git_info_exclude_is_honoured_like_gitignore(tmp_path: Path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write_tree(tmp_path, {"keep/a.py": "def f(:\n", "scratch/b.py": "def g(:\n", "notes.py": "def h(:\n"})
    with open(tmp_path / ".git" / "info" / "exclude", "a") as fh:
        fh.write("scratch/\n/notes.py\n")
    ignored = subprocess.run(["git", "check-ignore", "scratch/b.py", "notes.py", "keep/a.py"], cwd=tmp_path,
                             capture_output=True, text=True).stdout.split()
    assert ignored == ["scratch/b.py", "notes.py"]        # git's own reading of the file
    r = odoolint(tmp_path, "check", "--select", "PY001", "--no-cache", "--output-format", "concise")
    assert r.stdout.decode().splitlines()[0] == "keep/a.py:1:7: PY001 SyntaxError: invalid syntax"
    assert "scratch" not in r.stdout.decode() and "notes.py" not in r.stdout.decode()
    r = odoolint(tmp_path, "check", "--show-files")
    assert r.stdout.decode() == "keep/a.py  python  -\n"
    r = odoolint(tmp_path, "check", "--show-files", "--no-respect-gitignore")
    assert [ln.split()[0] for ln in r.stdout.decode().splitlines()] == ["keep/a.py", "notes.py", "scratch/b.py"]


def test_git_info_exclude_of_a_worktree_is_the_common_one(tmp_path: Path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    main = tmp_path / "main"
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(["git", "init", "-q", str(main)], check=True)
    write_tree(main, {"README": "x\n"})
    subprocess.run([*git, "add", "README"], cwd=main, check=True)
    subprocess.run([*git, "commit", "-qm", "x"], cwd=main, check=True)
    subprocess.run([*git, "worktree", "add", "-q", str(tmp_path / "wt")], cwd=main, check=True)
    (main / ".git" / "info" / "exclude").write_text("scratch.py\n")
    (tmp_path / "wt" / "scratch.py").write_text("def g(:\n")
    (tmp_path / "wt" / "kept.py").write_text("def f(:\n")
    assert (tmp_path / "wt" / ".git").is_file()         # a worktree's `.git` names its git dir
    r = odoolint(tmp_path / "wt", "check", "--show-files")
    assert r.stdout.decode() == "kept.py  python  -\n"
    assert subprocess.run(["git", "check-ignore", "-q", "scratch.py"], cwd=tmp_path / "wt").returncode == 0


FOUND = "Found 1 problem: 1 error."


def test_colour_always_never_and_the_environment(tmp_path: Path):
    write_tree(tmp_path, BROKEN)
    args = ("check", "--select", "PY001", "--no-cache", "--output-format", "concise")
    plain = "a.py:1:7: PY001 SyntaxError: invalid syntax\n" + FOUND + "\n"
    coloured = ("\x1b[1ma.py\x1b[0m\x1b[36m:\x1b[0m1\x1b[36m:\x1b[0m7\x1b[36m:\x1b[0m \x1b[1;31mPY001\x1b[0m "
                "SyntaxError: invalid syntax\n\x1b[1m" + FOUND + "\x1b[0m\n")
    assert odoolint(tmp_path, *args).stdout.decode() == plain                     # a pipe: auto is off
    assert odoolint(tmp_path, *args, "--color", "always").stdout.decode() == coloured
    assert odoolint(tmp_path, *args, "--color", "never", env={"FORCE_COLOR": "1"}).stdout.decode() == plain
    assert odoolint(tmp_path, *args, env={"FORCE_COLOR": "1"}).stdout.decode() == coloured
    assert odoolint(tmp_path, *args, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout.decode() == plain
    assert odoolint(tmp_path, *args, "--color", "always", env={"NO_COLOR": "1"}).stdout.decode() == coloured
    # JSON is never coloured
    r = odoolint(tmp_path, "check", "--select", "PY001", "--no-cache", "--output-format", "json", "--color",
                 "always")
    assert json.loads(r.stdout)[0]["code"] == "PY001"


def test_colour_auto_on_a_terminal(tmp_path: Path):
    write_tree(tmp_path, BROKEN)
    args = ("check", "--select", "PY001", "--no-cache", "--output-format", "concise")
    rc, out, _ = on_terminal(tmp_path, *args)
    assert rc == 1 and out.decode().startswith("\x1b[1ma.py\x1b[0m\x1b[36m:\x1b[0m1")
    rc, out, _ = on_terminal(tmp_path, *args, env={"NO_COLOR": "1"})
    assert out.decode() == "a.py:1:7: PY001 SyntaxError: invalid syntax\n" + FOUND + "\n"
    rc, out, _ = on_terminal(tmp_path, *args, env={"TERM": "dumb"})
    assert "\x1b[" not in out.decode()


def test_full_format_colours_gutter_carets_and_help(tmp_path: Path):
    write_tree(tmp_path, BROKEN)
    r = odoolint(tmp_path, "check", "--select", "PY001", "--no-cache", "--color", "always")
    lines = r.stdout.decode().splitlines()
    assert lines[1:5] == ["\x1b[1;34m  |\x1b[0m", "\x1b[1;34m1 |\x1b[0m def f(:",
                          "\x1b[1;34m  |\x1b[0m       \x1b[1;31m^ PY001\x1b[0m", "\x1b[1;34m  |\x1b[0m"]


def test_style_decision_table():
    tty = io.StringIO()
    tty.isatty = lambda: True
    assert style.wanted("auto", tty, {}) is True
    assert style.wanted("auto", tty, {"TERM": "dumb"}) is False
    assert style.wanted("auto", tty, {"NO_COLOR": "1"}) is False
    assert style.wanted("auto", tty, {"NO_COLOR": ""}) is True           # empty means unset (no-color.org)
    assert style.wanted("auto", io.StringIO(), {"FORCE_COLOR": "1"}) is True
    assert style.wanted("auto", None, {}) is False                       # a report written to a file
    assert style.wanted("never", tty, {"FORCE_COLOR": "1"}) is False
    assert style.wanted("always", io.StringIO(), {"NO_COLOR": "1"}) is True


class _Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_progress_line_waits_a_second_then_shows_and_erases_itself_on_a_terminal():
    master, slave = pty.openpty()
    try:
        with os.fdopen(slave, "w", closefd=False) as term:
            assert progress.wanted(term) is True
            assert progress.wanted(term, quiet=True) is False
            clock = _Clock()
            bar = progress.Progress(term, clock=clock)
            bar.update(1, 300)
            clock.now = 0.5
            bar.update(100, 300)             # under a second: nothing yet
            clock.now = 1.2
            bar.update(150, 300)
            clock.now = 1.25
            bar.update(160, 300)             # under the refresh interval: skipped
            clock.now = 1.5
            bar.update(300, 300)
            bar.close()
            term.flush()
        os.close(slave)
        written = b""
        while True:                     # everything the terminal got, up to the hang-up
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            written += chunk
        written = written.decode()
    finally:
        os.close(master)
    assert written == ("\r\x1b[KLinting: 150/300 files\r\x1b[KLinting: 300/300 files\r\x1b[K")


def test_progress_is_off_on_a_pipe_and_a_quick_run_prints_nothing():
    r, w = os.pipe()
    with os.fdopen(w, "w") as pipe:
        assert progress.wanted(pipe) is False
    os.close(r)
    buf = io.StringIO()
    bar = progress.Progress(buf, clock=_Clock())
    bar.update(10, 10)
    bar.close()
    assert buf.getvalue() == ""


def test_quiet_prints_findings_only(tmp_path: Path):
    write_tree(tmp_path, BROKEN)
    r = odoolint(tmp_path, "check", "--select", "PY001", "--no-cache", "--output-format", "concise", "-q")
    assert (r.returncode, r.stdout.decode()) == (1, "a.py:1:7: PY001 SyntaxError: invalid syntax\n")
    (tmp_path / "a.py").write_text("x = 1\n")
    r = odoolint(tmp_path, "check", "--select", "PY001", "--no-cache", "--quiet")
    assert (r.returncode, r.stdout, r.stderr) == (0, b"", b"")


def test_show_settings_prints_the_resolved_settings_target_and_rules(tmp_path: Path):
    write_tree(tmp_path, {".odoolint.toml": 'select = ["PY001", "CNF"]\nignore = ["CNF101"]\n',
                          "addons/m/__manifest__.py": "{'name': 'M', 'version': '17.0.1.0.0'}\n"})
    r = odoolint(tmp_path, "check", "--show-settings", "--extend-select", "XML101")
    text = r.stdout.decode()
    lines = text.splitlines()
    assert r.returncode == 0
    assert lines[:5] == ["Resolved settings for: .", f"Settings path: {tmp_path / '.odoolint.toml'}",
                         f"Project root: {tmp_path}", "", 'select = ["PY001", "CNF"]']
    assert 'extend-select = ["XML101"]' in lines and 'ignore = ["CNF101"]' in lines
    assert "# odoo-version is unset" in lines
    assert "# target version: 17.0 (decided by: manifest)" in lines
    enabled = json.loads(lines[-1].split(" = ", 1)[1])
    assert "PY001" in enabled and "XML101" in enabled and "CNF001" in enabled and "CNF101" not in enabled
    assert f"# enabled rules: {len(enabled)}" in lines
    r = odoolint(tmp_path, "check", "--show-settings", "--odoo-version", "18.0")
    assert "# target version: 18.0 (decided by: cli)" in r.stdout.decode().splitlines()


def test_statistics_honour_json_output(tmp_path: Path):
    write_tree(tmp_path, {"a.py": "def f(:\n", "b.py": "def g(:\n", "conf/odoo.conf": "[options]\nx = 1\nx = 2\n"})
    r = odoolint(tmp_path, "check", "--select", "CNF001,PY001", "--no-cache", "--statistics", "--output-format",
                 "json")
    assert json.loads(r.stdout) == [
        {"code": "PY001", "name": "python-parse-error", "count": 2, "fixable": False, "fixable_count": 0},
        {"code": "CNF001", "name": "odoo-conf-parse-error", "count": 1, "fixable": False, "fixable_count": 0}]
    assert r.returncode == 1
