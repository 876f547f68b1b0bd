"""Where a cold run's CPU goes, per file kind: the per-file phase timed per kind, in one process.

    cd TREE && python /path/to/bench/kind_share.py [--profile KIND[:N]] [odoolint check options...]

Runs `odoolint check --no-cache --jobs 1 --exit-zero --output-format concise -q` plus the given options in this
process, with the engine's `lint_source` wrapped to add each file's CPU time (process time) to its kind, and prints
the whole run's CPU time, each kind's share and the files per kind. Per-file work only: the project phase, the
walk and the report are the rest. `--profile python:30` also prints the top 30 entries (by own time) of a
cProfile of that kind's files only.
"""
from __future__ import annotations

import contextlib
import io
import sys
import time
from collections import defaultdict


def main(argv: list[str]) -> int:
    from odoolint import commands, runner

    profile_kind, top = None, 25
    if argv[:1] == ["--profile"]:
        profile_kind, _, n = argv[1].partition(":")
        top = int(n or top)
        argv = argv[2:]
    profiler = None
    if profile_kind:
        import cProfile
        profiler = cProfile.Profile()
    spent: dict[str, float] = defaultdict(float)
    files: dict[str, int] = defaultdict(int)
    original = runner.lint_source

    def timed(path, relpath, kind, *rest):
        on = profiler is not None and kind == profile_kind
        t0 = time.process_time()
        if on:
            profiler.enable()
        try:
            return original(path, relpath, kind, *rest)
        finally:
            if on:
                profiler.disable()
            spent[kind] += time.process_time() - t0
            files[kind] += 1

    runner.lint_source = timed
    args = ["check", "--no-cache", "--jobs", "1", "--exit-zero", "--output-format", "concise", "-q", *argv]
    if not any(a == "." or not a.startswith("-") for a in argv[-1:]):
        args.append(".")
    t0 = time.process_time()
    with contextlib.redirect_stdout(io.TextIOWrapper(io.BytesIO(), encoding="utf-8")):
        try:
            commands.main(args, standalone_mode=False)
        except SystemExit:
            pass
    total = time.process_time() - t0
    per_file = sum(spent.values())
    print(f"whole run CPU {total:.2f}s; per-file phase {per_file:.2f}s ({per_file / total:.0%})")
    for kind, t in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {kind:16} {t:6.2f}s  {t / total:5.1%} of the run  {files[kind]:5d} files")
    if profiler is not None:
        import pstats
        print(f"\ncProfile of the {profile_kind} files (times include the profiler's overhead):")
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(top)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
