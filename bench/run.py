#!/usr/bin/env python3
"""Benchmark odoolint on a real-sized tree and, when asked, against the tools people run today.

The tree is built from OCA addons published on PyPI as `odoo-addon-<name>` wheels (pip download
--no-deps), copied N times side by side (renamed) until it holds a few thousand files, plus the
deployment stacks of fixtures/. Timings are wall-clock medians of several runs of the real CLI.

    python bench/run.py                       # odoolint only
    python bench/run.py --alternatives        # also pylint-odoo, odl (odoo-linter), OCA hooks
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
REPO = HERE.parent


# Users' installs have compiled bytecode (pip writes .pyc at install time); a sandbox that sets
# PYTHONDONTWRITEBYTECODE would make every start-up recompile every module, so the bench unsets it.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def sh(cmd, **kw):
    return subprocess.run(cmd, check=False, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV,
                          **kw)


def build_tree(series: str, copies: int) -> Path:
    wheels = WORK / f"wheels-{series}"
    wheels.mkdir(parents=True, exist_ok=True)
    names = [ln.strip() for ln in (HERE / f"addons-{series}.txt").read_text().splitlines()
             if ln.strip() and not ln.startswith("#")]
    missing = [n for n in names if not list(wheels.glob(f"odoo_addon_{n}-*.whl"))]
    if missing:
        specs = [f"odoo-addon-{n}=={series}.*" for n in missing]
        r = sh([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(wheels), *specs])
        if r.returncode:
            for spec in specs:  # one by one, so that a missing addon does not stop the rest
                sh([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(wheels), spec])
    tree = WORK / f"tree-{series}-x{copies}"
    if tree.exists():
        return tree
    tmp = WORK / "unpacked"
    shutil.rmtree(tmp, ignore_errors=True)
    for whl in sorted(wheels.glob("*.whl")):
        with zipfile.ZipFile(whl) as z:
            for member in z.namelist():
                if member.startswith("odoo/addons/"):
                    z.extract(member, tmp)
    base = tmp / "odoo" / "addons"
    for i in range(copies):
        dest = tree / f"copy{i}"
        shutil.copytree(base, dest)
    shutil.copytree(REPO / "fixtures", tree / "fixtures")
    (tree / ".git").mkdir()
    return tree


def count_files(tree: Path) -> int:
    return sum(1 for p in tree.rglob("*") if p.is_file())


def timed(cmd, runs: int, cwd: Path, before=None) -> float:
    times = []
    for _ in range(runs):
        if before:
            before()
        t0 = time.perf_counter()
        sh(cmd, cwd=cwd)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def alternatives_env() -> Path:
    venv = WORK / "venv-alternatives"
    if not (venv / "bin" / "python").exists():
        sh([sys.executable, "-m", "venv", str(venv)])
        sh([str(venv / "bin" / "pip"), "install", "-q", "pylint-odoo", "odoo-linter", "oca-odoo-pre-commit-hooks"])
    return venv / "bin"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--series", default="17.0")
    ap.add_argument("--copies", type=int, default=3)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--alternatives", action="store_true")
    args = ap.parse_args()

    tree = build_tree(args.series, args.copies)
    nfiles = count_files(tree)
    odoolint = [sys.executable, "-m", "odoolint.cli", "check", "--exit-zero", "--output-format", "concise",
                "--odoo-version", "19.0"]
    cache = tree / ".odoolint_cache"
    drop_cache = lambda: shutil.rmtree(cache, ignore_errors=True)  # noqa: E731
    results = []
    cold = timed([*odoolint, "--no-cache", "."], args.runs, tree)
    results.append(("odoolint cold (no cache)", cold))
    cold1 = timed([*odoolint, "--no-cache", "--jobs", "1", "."], args.runs, tree)
    results.append(("odoolint cold, 1 process", cold1))
    timed([*odoolint, "."], 1, tree, before=drop_cache)
    warm = timed([*odoolint, "."], args.runs, tree)
    results.append(("odoolint warm (cache)", warm))
    one = next(tree.rglob("views/*.xml"))
    single = timed([*odoolint, "--no-cache", str(one.relative_to(tree))], args.runs + 2, tree)
    results.append(("odoolint one file", single))
    if args.alternatives:
        bin_dir = alternatives_env()
        addon_dirs = sorted(str(p.parent.relative_to(tree)) for p in tree.glob("copy*/*/__manifest__.py"))
        manifests = [f"{d}/__manifest__.py" for d in addon_dirs]
        results.append(("odl (odoo-linter, Rust)", timed([str(bin_dir / "odl"), "check", "."], args.runs, tree)))
        results.append(("oca-checks-odoo-module (XML/CSV hooks)", timed(
            [str(bin_dir / "oca-checks-odoo-module"), "--no-exit", *manifests], args.runs, tree)))
        results.append(("pylint-odoo (odoo checks only, -j cpus)", timed(
            [str(bin_dir / "pylint"), "--load-plugins=pylint_odoo", "--disable=all", "--enable=odoolint",
             "--exit-zero", "-j", str(os.cpu_count() or 1), *addon_dirs], 1, tree)))
    print(f"tree: {tree.relative_to(REPO)}  files: {nfiles}  cpus: {os.cpu_count()}")
    for name, secs in results:
        rate = f"{nfiles / secs:8.0f} files/s" if "one file" not in name else ""
        print(f"{name:45s} {secs:7.3f} s  {rate}")


if __name__ == "__main__":
    main()
