"""Same findings before and after a speed change: run odoolint on trees and diff the sorted JSON reports.

A speed change must not change one finding. This runs `odoolint check --no-cache --jobs 1 --output-format json`
on each tree (default rules, and again with `--select ALL`) and compares the sorted findings, either between two
installs run back to back or against reports saved before the change:

    # two installs (e.g. main's venv and a worktree's venv), back to back
    python bench/findings_differential.py --a /work/main/.venv/bin/odoolint --b .venv/bin/odoolint \\
        /work/corpus/16.0=16.0 /work/corpus/19.0=19.0 bench/.work/tree-17.0-3000=19.0

    # a commit of this repository (e.g. main) against the working tree, back to back
    python bench/findings_differential.py --a-commit main --b .venv/bin/odoolint TREE=VERSION ...

    # save reports before the change, compare after it
    python bench/findings_differential.py --a .venv/bin/odoolint --save /tmp/before TREE=VERSION ...
    python bench/findings_differential.py --a .venv/bin/odoolint --against /tmp/before TREE=VERSION ...

`--a-commit REF` runs that commit's odoolint (`git archive` into bench/.work/ref-<sha>/, its `rules/` linked as
`odoolint/rules`, run with this Python: an editable install would otherwise import the working tree's rules).
Each tree is given as PATH or PATH=VERSION (the `--odoo-version` target). `--selections` picks the rule sets
(`default`, `ALL`, or any `--select` value). Exit 0 when every report is identical, 1 otherwise; the first
differing findings are printed. Each run's CPU time (user+sys of the child) is printed too, so the same command
gives a back-to-back CPU comparison of two installs.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import time


# Both sides write their .pyc files: an export of a commit read without them compiles every module on every run,
# which the CPU comparison would charge to that side
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def commit_command(ref: str) -> str:
    """An executable that runs odoolint as of commit `ref` from a clean export of it."""
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sha = subprocess.run(["git", "-C", repo, "rev-parse", ref], capture_output=True, text=True,
                         check=True).stdout.strip()
    folder = os.path.join(repo, "bench", ".work", f"ref-{sha[:12]}")
    exe = os.path.join(folder, "run-odoolint")
    if not os.path.exists(exe):
        os.makedirs(folder, exist_ok=True)
        archive = subprocess.run(["git", "-C", repo, "archive", sha], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        os.symlink(os.path.join(folder, "rules"), os.path.join(folder, "odoolint", "rules"))
        with open(exe, "w") as fh:
            fh.write(f"#!/bin/sh\nexec {sys.executable} -c \"import sys; sys.path.insert(0, '{folder}'); "
                     f"sys.argv[0] = 'odoolint'; from odoolint.cli import main; main()\" \"$@\"\n")
        os.chmod(exe, 0o755)
    return exe


def run(odoolint: str, tree: str, version: str | None, selection: str, extra: list[str]) -> tuple[list, float, float]:
    cmd = [os.path.abspath(odoolint) if os.sep in odoolint else odoolint, "check", "--no-cache", "--jobs", "1", "--output-format", "json", "--exit-zero"]
    if version:
        cmd += ["--odoo-version", version]
    if selection != "default":
        cmd += ["--select", selection]
    cmd += extra + ["."]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=tree, capture_output=True, text=True, env=ENV)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} in {tree} exited {proc.returncode}:\n{proc.stderr[-3000:]}")
    return normalise(json.loads(proc.stdout or "[]")), cpu, wall


def normalise(findings: list) -> list:
    return sorted(json.dumps(f, sort_keys=True, ensure_ascii=False) for f in findings)


def key(tree: str, version: str | None, selection: str) -> str:
    name = f"{os.path.abspath(tree)}|{version}|{selection}"
    return hashlib.sha1(name.encode()).hexdigest()[:12] + "-" + os.path.basename(os.path.abspath(tree)) + \
        f"-{version or 'auto'}-{selection.replace(',', '_')}.json"


def diff(name: str, a: list, b: list, limit: int) -> bool:
    if a == b:
        print(f"  identical: {name} ({len(a)} findings)")
        return True
    sa, sb = set(a), set(b)
    only_a, only_b = sorted(sa - sb), sorted(sb - sa)
    print(f"  DIFFERENT: {name}: {len(a)} vs {len(b)} findings; {len(only_a)} only in A, {len(only_b)} only in B")
    for label, rows in (("A", only_a), ("B", only_b)):
        for row in rows[:limit]:
            f = json.loads(row)
            print(f"    only {label}: {f['filename']}:{f['location']['row']}:{f['location']['column']} "
                  f"{f['code']} {f['message'][:120]}")
    if not only_a and not only_b:
        print("    (same set, different multiplicity)")
    return False


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("trees", nargs="+", help="PATH or PATH=VERSION")
    ap.add_argument("--a", help="odoolint executable A (the reference)")
    ap.add_argument("--a-commit", help="A is odoolint as of this commit of the repository (e.g. main)")
    ap.add_argument("--b", help="odoolint executable B (compared with A)")
    ap.add_argument("--save", help="write A's reports into this folder")
    ap.add_argument("--against", help="compare A's reports with the ones saved in this folder")
    ap.add_argument("--selections", default="default,ALL", help="comma-separated: default, ALL or --select values "
                                                                 "(use ';' to separate when a value has commas)")
    ap.add_argument("--limit", type=int, default=10, help="differing findings printed per side")
    args = ap.parse_args(argv)
    if sum(x is not None for x in (args.b, args.save, args.against)) != 1:
        ap.error("give exactly one of --b, --save, --against")
    if (args.a is None) == (args.a_commit is None):
        ap.error("give one of --a, --a-commit")
    if args.a_commit:
        args.a = commit_command(args.a_commit)
    selections = args.selections.split(";") if ";" in args.selections else args.selections.split(",")
    ok = True
    cpu_a = cpu_b = 0.0
    for spec in args.trees:
        tree, _, version = spec.partition("=")
        for sel in selections:
            name = f"{tree} target={version or 'auto'} select={sel}"
            a, ca, wa = run(args.a, tree, version or None, sel, [])
            cpu_a += ca
            if args.save:
                os.makedirs(args.save, exist_ok=True)
                with open(os.path.join(args.save, key(tree, version, sel)), "w", encoding="utf-8") as fh:
                    json.dump(a, fh)
                print(f"  saved: {name} ({len(a)} findings, A cpu {ca:.2f}s wall {wa:.2f}s)")
                continue
            if args.against:
                with open(os.path.join(args.against, key(tree, version, sel)), encoding="utf-8") as fh:
                    b = json.load(fh)
                print(f"  A cpu {ca:.2f}s wall {wa:.2f}s")
                ok &= diff(name, b, a, args.limit)
                continue
            b, cb, wb = run(args.b, tree, version or None, sel, [])
            cpu_b += cb
            print(f"  A cpu {ca:.2f}s wall {wa:.2f}s | B cpu {cb:.2f}s wall {wb:.2f}s")
            ok &= diff(name, a, b, args.limit)
    print(f"total CPU: A {cpu_a:.2f}s" + (f", B {cpu_b:.2f}s" if args.b else ""))
    print("all identical" if ok else "REPORTS DIFFER")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
