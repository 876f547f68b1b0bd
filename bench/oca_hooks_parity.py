"""Parity with OCA odoo-pre-commit-hooks' own test suite, measured at run time.

Copies the hooks' fixture repository `test_repo` into a temporary git repository with the long remote that
`weblate-component-too-long` needs (as their tests/common.py `create_dummy_repo` does), runs odoolint on it and
compares the number of findings per check with `EXPECTED_ERRORS`, read with `ast` from that checkout's
`tests/test_checks.py` and `tests/test_checks_po.py` (nothing of theirs is copied into this repository).

    python bench/oca_hooks_parity.py /path/to/odoo-pre-commit-hooks-checkout [--show CHECK] [--json]

A hook check is counted on the `oca-hooks` rule carrying its name, else on the rule named like it, else on the
rule that carries its name as an alias.
Exit status 0 when at least `--goal` checks (default 40) match exactly.
"""
from __future__ import annotations

import argparse
import ast
import json
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path


def expected_errors(checkout: Path) -> dict[str, int]:
    out: dict[str, int] = {}
    for name in ("test_checks.py", "test_checks_po.py"):
        tree = ast.parse((checkout / "tests" / name).read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "EXPECTED_ERRORS"
                                                    for t in node.targets):
                out.update(ast.literal_eval(node.value))
                break
        else:
            raise SystemExit(f"EXPECTED_ERRORS not found in tests/{name}")
    return out


def dummy_repo(checkout: Path, dest: Path) -> Path:
    """test_repo as a git repository whose first remote has the long name their tests give it."""
    repo = dest / "test_repo"
    shutil.copytree(checkout / "test_repo", repo)
    git = ["git", "-c", "init.defaultBranch=main"]
    subprocess.run(git + ["init", "-q", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "remote", "add", "my_remote",
                    "git@github.com:/OCA/" + "big-" * 17 + ".git"], check=True)
    return repo


def hook_codes(registry, checks) -> dict[str, str]:
    """hook check -> the odoolint code that counts for it: the rule of the `oca-hooks` family that carries the
    check's name (pylint-odoo and the hooks both have a `prefer-env-translation`), else the rule named like it,
    else the rule carrying it as an alias."""
    out = {}
    for check in checks:
        family = [m.code for m in registry.all_meta() if "oca-hooks" in m.tags and check in (m.name, *m.aliases)]
        if family:
            out[check] = sorted(family)[0]
        elif check in registry.by_name:
            out[check] = registry.by_name[check]
        elif check in registry.by_alias:
            out[check] = registry.by_alias[check]
    return out


def run_odoolint(repo: Path, checks):
    from odoolint.config import Settings
    from odoolint.registry import load_rules
    from odoolint.runner import RunOptions, run

    registry = load_rules()
    codes = hook_codes(registry, checks)
    settings = Settings(select=sorted(set(codes.values())))
    result = run(RunOptions([repo], settings, no_cache=True, jobs=1))
    by_code = defaultdict(list)
    for d in result.diagnostics:
        by_code[d.code].append(d)
    return {check: by_code.get(code, []) for check, code in codes.items()}, codes, result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("checkout", type=Path, help="a checkout of OCA/odoo-pre-commit-hooks")
    ap.add_argument("--show", action="append", default=[], help="print odoolint's findings of this check")
    ap.add_argument("--goal", type=int, default=40)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    expected = expected_errors(args.checkout)
    with tempfile.TemporaryDirectory(suffix="_oca_hooks_parity") as tmp:
        repo = dummy_repo(args.checkout, Path(tmp))
        found, codes, result = run_odoolint(repo, expected)
        rows = [{"check": c, "expected": expected[c], "odoolint": len(found.get(c, [])), "code": codes.get(c),
                 "exact": len(found.get(c, [])) == expected[c]} for c in sorted(expected)]
        exact = sum(r["exact"] for r in rows)
        if args.json:
            print(json.dumps({"exact": exact, "checks": len(rows), "rows": rows}, indent=1))
        else:
            for r in rows:
                print(f"{'ok ' if r['exact'] else 'XX '}{r['check']:42} expected {r['expected']:3}  odoolint "
                      f"{r['odoolint']:3}  {r['code'] or '(no rule)'}")
            print(f"\nexact: {exact}/{len(rows)}")
        for check in args.show:
            for d in sorted(found.get(check, []), key=lambda d: (d.path, d.span.start.line)):
                print(f"{Path(d.path).relative_to(repo)}:{d.span.start.line} {d.code} {d.message}")
        if result.errors:
            print("\n".join(result.errors), file=sys.stderr)
    return 0 if exact >= args.goal else 1


if __name__ == "__main__":
    sys.exit(main())
