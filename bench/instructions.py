"""Instructions, not seconds: a cold `--jobs 1` run of two odoolint versions under callgrind, compared.

Wall and CPU time on a shared machine drift by 15% within an hour (bench/run.py's rounds show it), which hides the
2-5% a speed change is worth; the number of instructions a run executes does not drift (the same run twice differs
by 0.05%). This runs each side once to write its .pyc files (a side that compiles its modules on every run pays
for it in instructions too), then once under `valgrind --tool=callgrind`, and prints both counts and the change:

    python bench/instructions.py --a-commit a277dcb                 # that commit against the working tree
    python bench/instructions.py --a-commit main --b-commit HEAD~1  # two commits
    python bench/instructions.py --a-commit main --tree DIR --odoo-version 18.0 -- --select PY107

A side is a commit (`git archive` into bench/.work/ref-<sha>/, as bench/findings_differential.py does) or, for B
by default, the working tree. Kernel work is not counted (a read that maps a big buffer, page faults): a change
there shows in bench/run.py only. Needs valgrind (Debian's `valgrind` package); each run takes about 50 times a
normal run (a minute and a half on the 3,000-file bench tree).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from findings_differential import ENV, commit_command  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TREE = os.path.join(REPO, "bench", ".work", "tree-17.0-3000")
_COLLECTED = re.compile(r"^==\d+== Collected : (\d+)$", re.M)


# Both sides start the same way: this Python, the side's folder first on sys.path, and `odoolint.rules` found in
# the folder's `rules/` (a commit's export links it as odoolint/rules; a checkout has it at the top)
_SETUP = ("import sys; folder = sys.argv.pop(1); sys.path.insert(0, folder); import odoolint; "
          "odoolint.__path__.append(folder); ")
_LAUNCH = _SETUP + "sys.argv[0] = 'odoolint'; from odoolint.cli import main; main()"


def command(folder: str) -> list[str]:
    return [sys.executable, "-c", _LAUNCH, folder]


def commit_folder(ref: str) -> str:
    """The export of commit `ref` (made by bench/findings_differential.py's `commit_command`)."""
    return os.path.dirname(commit_command(ref))


def collected(stderr: str) -> int:
    """The instructions callgrind counted, from its summary on stderr (the last one, should there be more)."""
    found = _COLLECTED.findall(stderr)
    if not found:
        raise ValueError("no callgrind summary on stderr")
    return int(found[-1])


def instructions(cmd: list[str], tree: str, args: list[str]) -> int:
    run = [*cmd, "check", "--no-cache", "--jobs", "1", "--exit-zero", "--output-format", "concise", *args, "."]
    warm = subprocess.run(run, cwd=tree, env=ENV, capture_output=True, text=True)     # writes the .pyc files
    if warm.returncode != 0:
        sys.exit(f"{' '.join(run)} exited {warm.returncode}:\n{warm.stderr[-2000:]}")
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/cg.out", *run], cwd=tree,
                              env={**ENV, "PYTHONHASHSEED": "0"}, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"valgrind {' '.join(run)} exited {proc.returncode}:\n{proc.stderr[-2000:]}")
    return collected(proc.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--a-commit", required=True, help="side A: odoolint as of this commit")
    ap.add_argument("--b-commit", help="side B: odoolint as of this commit (default: the working tree)")
    ap.add_argument("--tree", default=TREE, help="the tree to lint (default: bench/run.py's tree)")
    ap.add_argument("--odoo-version", default="19.0", help="the target, as bench/run.py uses it")
    ap.add_argument("extra", nargs="*", help="more `check` options, after --")
    args = ap.parse_args(argv)
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt-get install valgrind)")
    if not os.path.isdir(args.tree):
        sys.exit(f"{args.tree}: no such tree (bench/run.py builds it)")
    check = ["--odoo-version", args.odoo_version, *args.extra]
    a = instructions(command(commit_folder(args.a_commit)), args.tree, check)
    b = instructions(command(commit_folder(args.b_commit) if args.b_commit else REPO), args.tree, check)
    print(f"A {args.a_commit}: {a:,} instructions")
    print(f"B {args.b_commit or 'working tree'}: {b:,} instructions")
    print(f"B / A: {b / a:.4f} ({(b - a) / a:+.2%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
