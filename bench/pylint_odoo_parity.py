"""Parity with pylint-odoo's own test suite, measured at run time.

Runs odoolint (every rule that carries a pylint-odoo symbol as an alias) on pylint-odoo's fixture repository
`testing/resources/test_repo` and compares the number of findings per check with `EXPECTED_ERRORS`, read from
that checkout's `tests/test_main.py` with `ast` (nothing of theirs is copied here).

    python bench/pylint_odoo_parity.py /path/to/pylint-odoo-checkout [--expected other/tests/test_main.py]
                                       [--show CHECK] [--json]

`--expected` reads EXPECTED_ERRORS from another release's test file (e.g. the 10.0.12 sdist from PyPI, which
ships tests/ but not the fixture repository) while linting the checkout's fixtures.

pylint-odoo's test runs with its default `valid-odoo-versions` (every series), which opens every version gate;
the same is asked of odoolint with `valid-odoo-versions` set to every series. Exit status 0 when at least
`--goal` checks (default 62) match exactly.
"""
from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path


def expected_errors(checkout: Path, test_file: Path | None = None) -> dict[str, int]:
    tree = ast.parse((test_file or checkout / "tests" / "test_main.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "EXPECTED_ERRORS"
                                                for t in node.targets):
            return ast.literal_eval(node.value)
    raise SystemExit("EXPECTED_ERRORS not found in tests/test_main.py")


def run_odoolint(repo: Path, symbols: set[str], odoo_version: str | None = None):
    from odoolint.config import Settings
    from odoolint.peer_options import ALL_SERIES
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
    settings = Settings(select=sorted(code_symbol), odoo_version=odoo_version,
                        options={"pylint-odoo": {"valid-odoo-versions": list(ALL_SERIES)}})
    result = run(RunOptions([repo], settings, no_cache=True, jobs=1))
    found = defaultdict(list)
    for d in result.diagnostics:
        sym = code_symbol.get(d.code)
        if sym:
            found[sym].append(d)
    return found, code_symbol


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("checkout", type=Path, help="a checkout of OCA/pylint-odoo")
    ap.add_argument("--show", action="append", default=[], help="print odoolint's findings of this check")
    ap.add_argument("--goal", type=int, default=62)
    ap.add_argument("--expected", type=Path, help="tests/test_main.py of another pylint-odoo release")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    expected = expected_errors(args.checkout, args.expected)
    repo = args.checkout / "testing" / "resources" / "test_repo"
    found, code_symbol = run_odoolint(repo, set(expected))
    rows = []
    for sym in sorted(expected):
        got = len(found.get(sym, []))
        codes = sorted(c for c, s in code_symbol.items() if s == sym)
        rows.append({"check": sym, "expected": expected[sym], "odoolint": got, "codes": codes,
                     "exact": got == expected[sym]})
    exact = sum(r["exact"] for r in rows)
    if args.json:
        print(json.dumps({"exact": exact, "checks": len(rows), "rows": rows}, indent=1))
    else:
        for r in rows:
            mark = "ok " if r["exact"] else "XX "
            print(f"{mark}{r['check']:40} expected {r['expected']:4}  odoolint {r['odoolint']:4}  "
                  f"{','.join(r['codes']) or '(no rule)'}")
        print(f"\nexact: {exact}/{len(rows)}")
    for sym in args.show:
        for d in sorted(found.get(sym, []), key=lambda d: (d.path, d.span.start.line)):
            print(f"{Path(d.path).relative_to(repo)}:{d.span.start.line}:{d.span.start.column} {d.code} {d.message}")
    return 0 if exact >= args.goal else 1


if __name__ == "__main__":
    sys.exit(main())
