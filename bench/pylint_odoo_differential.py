"""Differential run against pylint-odoo on real addons: which of its findings odoolint reproduces at the same file
and line, and what odoolint reports that pylint-odoo does not.

    python bench/pylint_odoo_differential.py --pylint /path/to/venv/bin/pylint --series 17.0 DIR [DIR ...]

pylint-odoo runs with only its own checks (`--disable=all --enable=odoolint`) and `--valid-odoo-versions` set to
the series, as OCA's repository template does; odoolint runs every rule that carries a pylint-odoo symbol, with
that series as the target. Findings are matched per (file, line, pylint symbol).
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): (?P<symbol>[a-z0-9-]+)$")


def pylint_findings(pylint: str, dirs: list[Path], series: str, jobs: int) -> list[tuple[str, int, str]]:
    files = sorted(str(p.resolve()) for d in dirs for p in d.rglob("*.py"))
    cmd = [pylint, "--load-plugins=pylint_odoo", "--disable=all", "--enable=odoolint", "--reports=no", "--score=no",
           f"--valid-odoo-versions={series}", f"-j{jobs}", "--msg-template={abspath}:{line}: {symbol}", *files]
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    found = []
    for line in out.splitlines():
        m = _LINE.match(line.strip())
        if m:
            found.append((m["path"], int(m["line"]), m["symbol"]))
    return found


def odoolint_findings(dirs: list[Path], series: str, symbols: set[str]):
    from odoolint.config import Settings
    from odoolint.registry import load_rules
    from odoolint.runner import RunOptions, run

    registry = load_rules()
    code_symbol = {}
    for m in registry.all_meta():
        if not any(re.fullmatch(r"[CEFRW]8\d{3}", a) for a in m.aliases):
            continue          # only the rules that port a pylint-odoo message (they carry its id)
        for a in m.aliases:
            if a in symbols:
                code_symbol[m.code] = a
                break
    settings = Settings(select=sorted(code_symbol), odoo_version=series)
    found = []
    for d in dirs:
        result = run(RunOptions([d], settings, no_cache=True, jobs=1))
        for diag in result.diagnostics:
            if diag.code in code_symbol:
                found.append((str(Path(diag.path).resolve()), diag.span.start.line, code_symbol[diag.code], diag.message))
    return found


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="+", type=Path, help="addon folders (or folders of addons)")
    ap.add_argument("--pylint", required=True, help="the pylint executable of a venv with pylint-odoo")
    ap.add_argument("--series", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", type=Path, help="write every finding of both tools here")
    args = ap.parse_args(argv)
    theirs = pylint_findings(args.pylint, args.dirs, args.series, args.jobs)
    symbols = {s for _, _, s in theirs}
    from odoolint.registry import load_rules
    symbols |= {m.aliases[0] for m in load_rules().all_meta()
                if any(re.fullmatch(r"[CEWRF]8\d{3}", a) for a in m.aliases)}
    ours = odoolint_findings(args.dirs, args.series, symbols)
    ours_keys = Counter((p, li, s) for p, li, s, _ in ours)
    theirs_keys = Counter(theirs)
    reproduced = sum(min(n, ours_keys[k]) for k, n in theirs_keys.items())
    per_symbol = defaultdict(lambda: [0, 0, 0])      # pylint-odoo, reproduced, added by odoolint
    for k, n in theirs_keys.items():
        per_symbol[k[2]][0] += n
        per_symbol[k[2]][1] += min(n, ours_keys[k])
    added = []
    for p, li, s, msg in ours:
        if ours_keys[(p, li, s)] > theirs_keys.get((p, li, s), 0):
            added.append((p, li, s, msg))
    for k in set(ours_keys):
        extra = ours_keys[k] - theirs_keys.get(k, 0)
        if extra > 0:
            per_symbol[k[2]][2] += extra
    missed = [k for k, n in theirs_keys.items() if ours_keys[k] < n]
    total = sum(theirs_keys.values())
    print(f"pylint-odoo findings: {total}; reproduced by odoolint at the same file and line: {reproduced} "
          f"({100 * reproduced / total if total else 100:.1f}%); odoolint additions: "
          f"{sum(v[2] for v in per_symbol.values())}")
    for s in sorted(per_symbol):
        t, r, a = per_symbol[s]
        print(f"  {s:40} pylint-odoo {t:5}  reproduced {r:5}  added {a:5}")
    if args.json:
        args.json.write_text(json.dumps({"missed": sorted(missed), "added": sorted(set(added))}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
