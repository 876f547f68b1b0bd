"""`odoolint check` read without click: the same parameters click gives, or click reads the command line itself;
and a one-file run imports neither click nor any heavy library."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from odoolint.check_command import parse_argv
from odoolint.commands import check
from tests.helpers import write_tree


def _click(argv):
    return dict(check.make_context("check", list(argv[1:])).params)


@pytest.mark.parametrize("argv", [
    ["check"],
    ["check", "."],
    ["check", "a", "b", "--select", "PY001,XML", "--select", "ALL", "--ignore=OL001"],
    ["check", "--fix", "--no-fix", "--unsafe-fixes", "--diff", "--exit-zero", "-q", "-v"],
    ["check", "--no-unsafe-fixes", "--fix-only", "--show-fixes", "--exit-non-zero-on-fix", "--statistics"],
    ["check", "--output-format", "json", "--color=never", "-o", "report.txt", "--stdin-filename", "m/x.py", "-"],
    ["check", "--jobs", "3", "--no-cache", "--cache-dir", "c", "--config", "missing.toml", "x"],
    ["check", "-j", "1", "--exclude", "a,b", "--extend-exclude", "c", "--force-exclude", "--no-respect-gitignore"],
    ["check", "--addons-path", "p1", "--addons-path=p2", "--baseline", "b.json", "--write-baseline", "w.json"],
    ["check", "--show-files", "--show-settings", "--follow-external-symlinks", "--sarif-category", "ci/job"],
    ["check", "--odoo-version", "19.0", "--odoo-version=18.0", "--output-format=sarif", "--color", "always"],
    ["check", "--stdin-filename=", "--select="],
])
def test_the_fast_parser_gives_what_click_gives(argv, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    fast = parse_argv(argv)
    assert fast is not None
    assert fast == _click(argv)


@pytest.mark.parametrize("argv", [
    ["check", "--help"], ["check", "-h"], ["check", "--bogus"], ["check", "--jobs", "0"], ["check", "-j2"],
    ["check", "-qv"], ["check", "--jobs", "two"], ["check", "--output-format", "xml"], ["check", "--", "-x"],
    ["check", "--select"], ["check", "--select", "--fix"], ["check", "--fix=yes"], ["rule", "PY001"],
    ["--version"], [], ["check", "--color", "AUTO"], ["check", "--config", "."], ["check", "--jobs", "²"],
])
def test_anything_else_is_left_to_click(argv, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert parse_argv(argv) is None


def test_a_folder_given_as_a_file_option_is_left_to_click(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    assert parse_argv(["check", "--baseline", "d"]) is None
    assert parse_argv(["check", "--cache-dir", "d"]) == _click(["check", "--cache-dir", "d"])


_IMPORTS = r'''
import json, sys
sys.modules.pop("typing", None)     # a site hook may have imported it already: an import by odoolint shows again
before = set(sys.modules)
sys.argv = ["odoolint", "check", "--exit-zero", "--output-format", "concise", "--stdin-filename", sys.argv[1], "-"]
try:
    from odoolint.cli import main
    main()
except SystemExit:
    pass
heavy = ("click", "lxml", "libcst", "yaml", "tree_sitter", "polib", "re2", "dockerfile_parse", "manifestoo_core",
         "multiprocessing", "concurrent.futures", "dataclasses", "tempfile", "configparser", "typing", "pickle",
         "select")
print(json.dumps(sorted(m for m in heavy if m in sys.modules and m not in before)), file=sys.stderr)
'''


def test_a_one_file_run_imports_no_click_and_no_heavy_library(tmp_path):
    """`import odoolint.cli` and a whole `--stdin-filename` run of a Python file with the cache warm: no click,
    no parser of another kind, no process pool, no dataclasses (their methods are compiled at import), no typing
    (annotations are strings: their names are imported under TYPE_CHECKING only)."""
    write_tree(tmp_path, {".git/HEAD": "ref: refs/heads/main\n", "m/__manifest__.py": "{'name': 'M', 'version': "
                          "'17.0.1.0.0'}\n", "m/views/v.xml": "<odoo/>\n", "m/models/a.py": "x = 1\n"})
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-m", "odoolint.cli", "check", "--exit-zero", "."], cwd=tmp_path, env=env,
                   capture_output=True, check=True)              # fills the cache
    out = subprocess.run([sys.executable, "-c", _IMPORTS, str(Path("m/models/a.py"))], cwd=tmp_path, env=env,
                         input=b"x = 2\n", capture_output=True)
    assert json.loads(out.stderr.decode().strip().splitlines()[-1]) == []
    bare = subprocess.run([sys.executable, "-c", "import sys; before = set(sys.modules); import odoolint.cli; "
                           "print(sorted(m for m in ('click', 'dataclasses', 'inspect', 'lxml', 'multiprocessing') "
                           "if m in sys.modules and m not in before))"], capture_output=True, text=True, check=True)
    assert bare.stdout.strip() == "[]"


_WARM_IMPORTS = r'''
import json, sys
sys.modules.pop("typing", None)     # a site hook may have imported it already: an import by odoolint shows again
before = set(sys.modules)
sys.argv = ["odoolint", "check", "--exit-zero", "--output-format", "concise", "."]
try:
    from odoolint.cli import main
    main()
except SystemExit:
    pass
heavy = ("click", "lxml", "libcst", "yaml", "multiprocessing", "concurrent.futures", "dataclasses", "tempfile",
         "hashlib", "_hashlib", "hmac", "ast", "copy", "weakref", "shutil", "pathspec", "typing", "pickle", "select")
print(json.dumps(sorted(m for m in heavy if m in sys.modules and m not in before)), file=sys.stderr)
'''


def test_a_warm_run_with_nothing_changed_imports_no_parser_and_no_openssl(tmp_path):
    """A run over a folder whose cache holds every file: the findings come from the pack (marshal), signed with
    keyed BLAKE2b: no OpenSSL (hashlib), no ast (suppressions import it on first parse), no copy or shutil."""
    write_tree(tmp_path, {".git/HEAD": "ref: refs/heads/main\n", "m/__manifest__.py": "{'name': 'M', 'version': "
                          "'17.0.1.0.0'}\n", "m/views/v.xml": "<odoo/>\n", "m/models/a.py": "def f(:\n",
                          "m/models/b.py": "x = 1  # noqa: PY001\n"})
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    first = subprocess.run([sys.executable, "-m", "odoolint.cli", "check", "--exit-zero", "--output-format",
                            "concise", "."], cwd=tmp_path, env=env, capture_output=True, check=True)
    out = subprocess.run([sys.executable, "-c", _WARM_IMPORTS], cwd=tmp_path, env=env, capture_output=True)
    assert out.stdout == first.stdout and b"PY001" in out.stdout
    assert json.loads(out.stderr.decode().strip().splitlines()[-1]) == []


_ENTRY = r'''
import atexit, sys
atexit.register(lambda: print("exit handlers ran", file=sys.stderr))
sys.argv = ["odoolint", "check", "--no-cache", "--select", "PY001", "--output-format", "concise"] + sys.argv[1:]
from odoolint.cli import entry
entry()
print("not reached", file=sys.stderr)
'''


@pytest.mark.parametrize("extra, code", [([], 1), (["--exit-zero"], 0)])
def test_the_executable_leaves_with_mains_exit_code_after_flushing_and_the_exit_handlers(tmp_path, extra, code):
    """`entry` skips the interpreter's teardown, not the output (a pipe is block-buffered: all 300 lines and the
    summary arrive), not the exit code and not the atexit handlers (multiprocessing's clean-up, coverage's data)."""
    files = {f"m/models/f{i:03}.py": "def f(:\n" for i in range(300)}
    write_tree(tmp_path, {".git/HEAD": "ref: refs/heads/main\n", "m/__manifest__.py": "{'name': 'M'}\n", **files})
    out = subprocess.run([sys.executable, "-c", _ENTRY, *extra, "."], cwd=tmp_path, capture_output=True, text=True)
    assert out.returncode == code
    lines = out.stdout.splitlines()
    assert sum(" PY001 " in line for line in lines) == 300
    assert lines[0] == f"m{os.sep}models{os.sep}f000.py:1:7: PY001 SyntaxError: invalid syntax"
    assert lines[-1] == "Found 300 problems: 300 errors."
    assert out.stderr.splitlines()[-1] == "exit handlers ran"


def test_main_still_raises_system_exit_for_callers_in_a_live_interpreter(tmp_path, monkeypatch):
    from odoolint.cli import main
    write_tree(tmp_path, {"m/__manifest__.py": "{'name': 'M'}\n", "m/models/a.py": "def f(:\n"})
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as caught:
        main(["check", "--no-cache", "--select", "PY001", "--output-format", "concise", "."])
    assert caught.value.code == 1
