#!/usr/bin/env python3
"""Benchmark odoolint on a real tree of released OCA addons, side by side with the tools people run today.

One invocation builds (or reuses) the tree, then times, in rounds so that every tool sees the same machine load:

- odoolint cold (no cache, default processes), cold with `--jobs 1`, warm (cache filled, nothing changed), and
  one Python file through `--stdin-filename` (an editor on save, cache warm: the file edited, and unchanged),
  all with `--odoo-version` (19.0 by default: every migration rule on); and cold as `odoolint check .` runs on
  the tree, its target detected from the manifests (the tree's own series, the one odl says it checks);
- odl (`odoo-linter`, Rust), pylint-odoo with only its Odoo checks, OCA's `oca-checks-odoo-module` and
  `oca-checks-po`, ruff (the floor for parsing Python) and a bare `ast` + lxml parse of the same files (the floor
  odoolint cannot go below in Python).

Wall-clock medians, peak memory of the largest process of each run (wait4's rusage, what `/usr/bin/time -v`
calls maximum resident set size), and ratios. The tree comes from `odoo-addon-<name>` wheels (pip download
--no-deps into bench/.work, or `--wheels DIR` to reuse a folder of them); addons are added in name order until
the tree holds `--files` files (copies side by side when the wheels run out).

    python bench/run.py --wheels /work/corpus/wheels-17.0 --tools /work/tools
    python bench/run.py --no-alternatives          # odoolint and the parse floor only
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
REPO = HERE.parent

# Users' installs have compiled bytecode (pip writes .pyc at install time); a sandbox that sets
# PYTHONDONTWRITEBYTECODE would make every start-up recompile every module, so the bench unsets it.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

FLOOR = r"""
import ast, os, sys, warnings
from lxml import etree
warnings.simplefilter("ignore")
parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
n = 0
for dirpath, dirnames, filenames in os.walk("."):
    dirnames[:] = [d for d in dirnames if not d.startswith(".")]
    for name in filenames:
        path = os.path.join(dirpath, name)
        if name.endswith(".py"):
            with open(path, "rb") as fh:
                try:
                    ast.parse(fh.read())
                except (SyntaxError, ValueError):
                    pass
            n += 1
        elif name.endswith(".xml"):
            with open(path, "rb") as fh:
                try:
                    etree.fromstring(fh.read(), parser)
                except etree.XMLSyntaxError:
                    pass
            n += 1
print(n)
"""


# ---- the tree ------------------------------------------------------------------------------------------------

def _names(series: str) -> list[str]:
    return [ln.strip() for ln in (HERE / f"addons-{series}.txt").read_text().splitlines()
            if ln.strip() and not ln.startswith("#")]


def download(series: str, wheels: Path) -> None:
    wheels.mkdir(parents=True, exist_ok=True)
    missing = [n for n in _names(series) if not list(wheels.glob(f"odoo_addon_{n}-*.whl"))]
    if not missing:
        return
    pip = [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(wheels)]
    specs = [f"odoo-addon-{n}=={series}.*" for n in missing]
    if subprocess.run([*pip, *specs], env=ENV, capture_output=True).returncode:
        for spec in specs:  # one by one, so that a missing addon does not stop the rest
            subprocess.run([*pip, spec], env=ENV, capture_output=True)


def build_tree(series: str, wheels: Path, files: int) -> Path:
    tree = WORK / f"tree-{series}-{files}"
    if (tree / ".git").is_dir():
        _own_config(tree)
        return tree
    unpacked = WORK / f"unpacked-{series}"
    shutil.rmtree(unpacked, ignore_errors=True)
    for whl in sorted(wheels.glob("*.whl")):
        with zipfile.ZipFile(whl) as z:
            for member in z.namelist():
                if member.startswith("odoo/addons/") and not member.endswith("/"):
                    z.extract(member, unpacked)
    addons = sorted(p for p in (unpacked / "odoo" / "addons").iterdir() if (p / "__manifest__.py").is_file())
    if not addons:
        raise SystemExit(f"no addon wheels in {wheels}")
    shutil.rmtree(tree, ignore_errors=True)
    tree.mkdir(parents=True)
    total, copy = 0, 0
    while total < files:
        for addon in addons:
            if total >= files:
                break
            dest = tree / (addon.name if copy == 0 else f"copy{copy}_{addon.name}")
            shutil.copytree(addon, dest)
            total += sum(1 for p in dest.rglob("*") if p.is_file())
        copy += 1
    (tree / ".git").mkdir()      # the project root, as in a checkout
    _own_config(tree)
    shutil.rmtree(unpacked, ignore_errors=True)
    return tree


def _own_config(tree: Path) -> None:
    """An empty configuration at the tree's root: odoolint would otherwise find this repository's pyproject.toml
    above it, whose excludes (`tests`, ...) would skip every addon's tests folder."""
    cfg = tree / ".odoolint.toml"
    if not cfg.exists():
        cfg.write_text("# default settings (bench/run.py)\n")


def count_files(tree: Path) -> int:
    return sum(1 for p in tree.rglob("*") if p.is_file() and ".git" not in p.parts and ".odoolint_cache" not in p.parts
               and p.name != ".odoolint.toml")


# ---- measuring -----------------------------------------------------------------------------------------------

class RunFailed(SystemExit):
    """A timed run that did not do its job: the bench stops rather than print a ratio of failures."""


def measure(cmd: list[str], cwd: Path, stdin: bytes | None = None) -> tuple[float, float, int, bytes, bytes]:
    """(wall seconds, peak RSS of the largest process in MiB, exit code, stdout, stderr) of one run. The output
    goes to unlinked temporary files (no pipe to drain while timing), read back after the run."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=ENV,
                                stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                                stdout=out, stderr=err)
        if stdin is not None:
            proc.stdin.write(stdin)
            proc.stdin.close()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return wall, usage.ru_maxrss / 1024, proc.returncode, out.read(), err.read()


def check_run(name: str, cmd: list[str], code: int, stdout: bytes, stderr: bytes,
              codes: tuple[int, ...] = (0,), output: bool = False) -> None:
    """Stop the bench (RunFailed: the message on stderr, exit 1) unless the run did its job: an expected exit code, no Python traceback
    on stderr, and, where `output` is asked, something on stdout (odoolint's findings on the tree). A linter
    that cannot even be imported exits fast: timing it would print every target as met."""
    problems = []
    if code not in codes:
        problems.append(f"exit code {code}, expected {' or '.join(map(str, codes))}")
    if b"Traceback (most recent call last)" in stderr:
        problems.append("a Python traceback on stderr")
    if output and not stdout.strip():
        problems.append("no findings on stdout")
    if not problems:
        return
    tail = "\n".join(stderr.decode("utf-8", "replace").rstrip().splitlines()[-15:]) or "(stderr empty)"
    raise RunFailed(f"bench stopped: run {name!r} failed ({'; '.join(problems)})\n"
                    f"command: {shlex.join(cmd)}\nexit code: {code}\nstderr (last lines):\n{tail}")


def timed(name: str, cmd: list[str], cwd: Path, stdin: bytes | None = None, codes: tuple[int, ...] = (0,),
          output: bool = False) -> tuple[float, float]:
    """One checked run: (wall seconds, peak MiB)."""
    wall, peak, code, out, err = measure(cmd, cwd, stdin)
    check_run(name, cmd, code, out, err, codes, output)
    return wall, peak


def load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, {platform.system()}"


def install() -> str:
    """How the odoolint timed here is installed: an editable install's import hook runs at every start-up (and an
    interpreter's site-packages may load other .pth files), a wheel in a venv is what `pip install` users get."""
    probe = ("import sys, sysconfig, pathlib, odoolint; site = pathlib.Path(sysconfig.get_paths()['purelib']).resolve(); "
             "print(site in pathlib.Path(odoolint.__file__).resolve().parents, sys.prefix != sys.base_prefix)")
    out = subprocess.run([sys.executable, "-c", probe], cwd="/", capture_output=True, text=True).stdout.split()
    if len(out) != 2:
        return "odoolint (installation not known)"
    wheel, venv = out[0] == "True", out[1] == "True"
    return (f"odoolint {'installed from its wheel' if wheel else 'from its source tree (editable)'} in "
            f"{'a venv' if venv else 'the interpreter'}")


def tool(tools: Path, venv: str, exe: str) -> str | None:
    for cand in (tools / venv / "bin" / exe, WORK / "venv-alternatives" / "bin" / exe):
        if cand.exists():
            return str(cand)
    return shutil.which(exe)


OWN_SERIES = "odoolint cold, tree's own series"


def odoolint_command() -> list[str]:
    script = Path(sys.executable).parent / "odoolint"
    return [str(script)] if script.exists() else [sys.executable, "-m", "odoolint.cli"]


# ---- the run -------------------------------------------------------------------------------------------------

def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--series", default="17.0")
    ap.add_argument("--files", type=int, default=3000, help="grow the tree to at least this many files")
    ap.add_argument("--wheels", type=Path, help="a folder of odoo-addon-* wheels to build the tree from")
    ap.add_argument("--tools", type=Path, default=Path("/work/tools"),
                    help="folder of venvs: odl/, pylint-odoo/, oca-hooks/, ruff/")
    ap.add_argument("--runs", type=int, default=5, help="rounds (medians are taken over them)")
    ap.add_argument("--odoo-version", default="19.0", help="target for odoolint (migration rules active)")
    ap.add_argument("--no-alternatives", action="store_true")
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--readme", type=Path, help="rewrite the block between the bench markers of this README")
    args = ap.parse_args()

    wheels = args.wheels or WORK / f"wheels-{args.series}"
    if args.wheels is None:
        download(args.series, wheels)
    tree = build_tree(args.series, wheels, args.files)
    nfiles = count_files(tree)
    addons = sorted(p.parent.name for p in tree.glob("*/__manifest__.py"))
    py_file = sorted(tree.glob("*/models/*.py"), key=lambda p: (-p.stat().st_size, str(p)))[len(addons) // 2]
    py_rel = str(py_file.relative_to(tree))
    own = [*odoolint_command(), "check", "--exit-zero", "--output-format", "concise"]
    ol = [*own, "--odoo-version", args.odoo_version]
    cache = tree / ".odoolint_cache"
    drop = lambda: shutil.rmtree(cache, ignore_errors=True)  # noqa: E731

    cases: list[tuple[str, list[str], dict]] = [
        ("odoolint cold", [*ol, "--no-cache", "."], {"output": True}),
        ("odoolint cold, --jobs 1", [*ol, "--no-cache", "--jobs", "1", "."], {"output": True}),
        # what `odoolint check .` does on this tree: the target detected from the manifests (the tree's own series,
        # the one odl reports checking), so the migration rules of later series stay off, as odl's do
        (OWN_SERIES, [*own, "--no-cache", "."], {"output": True}),
        ("odoolint warm", [*ol, "."], {"warm": True, "output": True}),
        # An editor on save sends a buffer the cache has not seen: the file with a comment added at its end, new
        # for each save, so the file is really linted, with the project's cached facts. The unchanged buffer is timed apart.
        ("odoolint one file (stdin, edited)", [*ol, "--stdin-filename", py_rel],
         {"stdin": py_file.read_bytes(), "edited": True, "repeat": 3, "warm": True, "output": True}),
        ("odoolint one file (stdin, unchanged)", [*ol, "--stdin-filename", py_rel],
         {"stdin": py_file.read_bytes(), "repeat": 3, "warm": True, "output": True}),
        ("bare ast + lxml parse", [sys.executable, "-c", FLOOR], {"output": True}),
        ("python start-up (-c pass)", [sys.executable, "-c", "pass"], {"repeat": 3}),
    ]
    if not args.no_alternatives:
        t = args.tools
        alt = [
            ("odl (odoo-linter, Rust)", tool(t, "odl", "odl"), lambda exe: [exe, "check", "."], (0, 1)),
            ("ruff (parse floor, E9)", tool(t, "ruff", "ruff"),
             lambda exe: [exe, "check", "--isolated", "--no-cache", "--select", "E9", "--exit-zero", "."], (0,)),
            ("oca-checks-odoo-module", tool(t, "oca-hooks", "oca-checks-odoo-module"),
             # 0.2.27 exits 1 when it found something, even with --no-exit (its findings go to stderr as a list)
             lambda exe: [exe, "--no-exit", "--no-verbose", *[f"{a}/__manifest__.py" for a in addons]], (0, 1)),
            ("oca-checks-po", tool(t, "oca-hooks", "oca-checks-po"),
             lambda exe: [exe, "--no-exit", "--no-verbose", *[str(p.relative_to(tree))
                                                             for p in sorted(tree.glob("*/i18n/*.po*"))]], (0, 1)),
            ("pylint-odoo (odoo checks, -j 2)", tool(t, "pylint-odoo", "pylint"),
             lambda exe: [exe, "--load-plugins=pylint_odoo", "--disable=all", "--enable=odoolint", "--exit-zero",
                          "-j", str(os.cpu_count() or 1), *addons], (0,)),
        ]
        for name, exe, make, codes in alt:
            if exe is None:
                print(f"{name}: not installed, skipped", file=sys.stderr)
                continue
            cases.append((name, make(exe), {"once": name.startswith("pylint"), "codes": codes}))

    times: dict[str, list[float]] = {name: [] for name, _, _ in cases}
    rss: dict[str, float] = {name: 0.0 for name, _, _ in cases}
    loads = [load()]
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    drop()
    timed("odoolint (filling the cache)", [*ol, "."], tree, output=True)  # also warms the page cache
    for rnd in range(args.runs):
        for name, cmd, opt in cases:
            if opt.get("once") and rnd:
                continue
            if opt.get("warm") and not cache.exists():
                timed("odoolint (filling the cache)", [*ol, "."], tree, output=True)
            for rep in range(opt.get("repeat", 1)):
                stdin = opt.get("stdin")
                if stdin is not None and opt.get("edited"):   # a new edit each time: never a buffer seen before
                    stdin += f"\n# edited in the editor, round {rnd} save {rep}\n".encode()
                wall, peak = timed(name, cmd, tree, stdin, opt.get("codes", (0,)),
                                   opt.get("output", False))
                times[name].append(wall)
                rss[name] = max(rss[name], peak)
        loads.append(load())

    med = {name: statistics.median(v) for name, v in times.items() if v}
    print(f"tree: {tree.relative_to(REPO) if tree.is_relative_to(REPO) else tree}  files: {nfiles}  "
          f"addons: {len(addons)}  one file: {py_rel}")
    print(f"machine: {machine()}; {install()}")
    print(f"date: {started}  load (1/5/15 min) before and after each round: {' | '.join(loads)}")
    print(f"odoolint target: {args.odoo_version}; medians of {args.runs} rounds (one-file: {3 * args.runs} runs; "
          f"pylint-odoo: 1 run)")
    print()
    print(f"{'run':42s} {'median':>9s} {'files/s':>9s} {'peak MiB':>9s}")
    for name, _, _ in cases:
        if name not in med:
            continue
        rate = "" if "one file" in name or "start-up" in name else f"{nfiles / med[name]:9.0f}"
        print(f"{name:42s} {med[name]:8.3f}s {rate:>9s} {rss[name]:9.1f}")
    cold = med["odoolint cold"]
    odl = med.get("odl (odoo-linter, Rust)")
    ratios = {
        "cold / odl": cold / odl if odl else None,
        "cold, own series / odl": med[OWN_SERIES] / odl if odl else None,
        "cold / bare parse floor": cold / med["bare ast + lxml parse"],
        "cold / ruff": cold / med["ruff (parse floor, E9)"] if "ruff (parse floor, E9)" in med else None,
        "warm / cold": med["odoolint warm"] / cold,
        "--jobs 1 / cold (pool speed-up)": med["odoolint cold, --jobs 1"] / cold,
        "pylint-odoo / cold": (med["pylint-odoo (odoo checks, -j 2)"] / cold
                               if "pylint-odoo (odoo checks, -j 2)" in med else None),
    }
    print()
    for k, v in ratios.items():
        if v is not None:
            print(f"{k:42s} {v:8.2f}")
    peak = max(v for k, v in rss.items() if k.startswith("odoolint"))
    checks = done_when(med, ratios, peak)
    print()
    print("Done-when targets (issue #10):")
    for what, value, target, ok in checks:
        print(f"  {what:40s} {value:>10s}  target {target:>10s}  {'met' if ok else 'NOT met'}")
    if args.readme:
        write_readme(args.readme, markdown(tree, nfiles, addons, py_rel, started, loads, args, cases, med, rss,
                                           ratios, checks))
    if args.json:
        args.json.write_text(json.dumps({"tree": str(tree), "files": nfiles, "addons": len(addons),
                                         "machine": machine(), "date": started, "loads": loads,
                                         "medians": med, "peak_mib": rss, "ratios": ratios,
                                         "runs": times,
                                         "done_when": [list(c) for c in checks]}, indent=2))


def done_when(med: dict, ratios: dict, peak: float) -> list[tuple[str, str, str, bool]]:
    """Each Done-when criterion of issue #10: (what, measured, target, met)."""
    out = []
    if ratios.get("cold / odl") is not None:
        out.append(("cold / odl wall time", f"{ratios['cold / odl']:.2f}x", "<= 1.00x", ratios["cold / odl"] <= 1.0))
        out.append(("cold / odl, tree's own series", f"{ratios['cold, own series / odl']:.2f}x", "<= 1.00x",
                    ratios["cold, own series / odl"] <= 1.0))
    out.append(("cold / bare ast + lxml parse", f"{ratios['cold / bare parse floor']:.2f}x", "<= 2.50x",
                ratios["cold / bare parse floor"] <= 2.5))
    out.append(("warm / cold", f"{ratios['warm / cold']:.3f}x", "<= 0.100x", ratios["warm / cold"] <= 0.10))
    one = med["odoolint one file (stdin, edited)"]
    out.append(("one edited file via --stdin-filename (median)", f"{one * 1000:.0f} ms", "<= 120 ms", one <= 0.120))
    out.append(("peak memory (largest odoolint process)", f"{peak:.0f} MiB", "<= 120 MiB", peak <= 120))
    speed = ratios["--jobs 1 / cold (pool speed-up)"]
    out.append(("pool speed-up (--jobs 1 / cold)", f"{speed:.2f}x", ">= 1.60x", speed >= 1.6))
    return out


MARK_START, MARK_END = "<!-- bench:start -->", "<!-- bench:end -->"


def markdown(tree, nfiles, addons, py_rel, started, loads, args, cases, med, rss, ratios, checks) -> str:
    lines = [f"Measured {started} on {machine()}, {install()}; load (1/5/15 min) before and after each round: "
             f"{' | '.join(loads)}. Tree: {nfiles:,} files of {len(addons)} OCA {args.series} addons (`odoolint "
             f"--odoo-version {args.odoo_version}`, default rules; the own-series row without it, as "
             f"`odoolint check .` runs: the target detected, {args.series}); medians of {args.runs} rounds; one file: "
             f"`{py_rel}`.", "", "| run | median | files/s | peak MiB |", "|---|---|---|---|"]
    for name, _, _ in cases:
        if name in med:
            rate = "" if "one file" in name or "start-up" in name else f"{nfiles / med[name]:,.0f}"
            lines.append(f"| {name} | {med[name]:.3f} s | {rate} | {rss[name]:.0f} |")
    lines += ["", "| issue #10 target | measured | target | |", "|---|---|---|---|"]
    lines += [f"| {what} | {value} | {target} | {'met' if ok else '**not met**'} |" for what, value, target, ok
              in checks]
    return "\n".join(lines) + "\n"


def write_readme(path: Path, block: str) -> None:
    text = path.read_text(encoding="utf-8")
    if MARK_START not in text or MARK_END not in text:
        raise SystemExit(f"{path}: no {MARK_START} ... {MARK_END} block")
    head, rest = text.split(MARK_START, 1)
    _, tail = rest.split(MARK_END, 1)
    path.write_text(f"{head}{MARK_START}\n{block}{MARK_END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
