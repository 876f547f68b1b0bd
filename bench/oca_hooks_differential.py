"""Differential test against OCA odoo-pre-commit-hooks on real addons: which of the hooks' findings odoolint
reproduces at the same file and line, and what odoolint reports that the hooks do not.

    python bench/oca_hooks_differential.py --hooks-python /work/tools/oca-hooks/bin/python \\
        --hooks-checkout CHECKOUT [--installed] [--limit 40] [--json OUT] [--hooks-cache FILE] \\
        /work/corpus/17.0 /work/corpus/18.0

Each corpus folder holds addons side by side (one folder per addon). They are copied into a temporary git
repository (the hooks need a git top level) and both tools run on the copy: the hooks through their Python API
(module, fixit and PO checks) in their own interpreter, odoolint in-process with the rule that stands for each
hook check (`hook_codes`: its `oca-hooks` rule), the target version left to odoolint's own detection. A hook
finding counts as reproduced when a finding of a rule mapped to that check starts or ends on its line of the same file (XML findings span the start
tag; lxml reports the line where the start tag ends).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from oca_hooks_parity import expected_errors, hook_codes  # noqa: E402

HOOKS_RUNNER = r"""
import glob, json, os, sys
from oca_pre_commit_hooks import checks_odoo_module, checks_odoo_module_po
try:
    from oca_pre_commit_hooks import checks_odoo_module_fixit
except ImportError:
    checks_odoo_module_fixit = None
root = sys.argv[1]
os.chdir(root)
manifests = sorted(glob.glob("*/*/__manifest__.py") + glob.glob("*/*/__openerp__.py"))
errors = list(checks_odoo_module.run(manifests, no_exit=True, no_verbose=True))
if checks_odoo_module_fixit is not None:
    errors += checks_odoo_module_fixit.run(manifests, no_exit=True, no_verbose=True)
pos = sorted(glob.glob("**/*.po", recursive=True) + glob.glob("**/*.pot", recursive=True))
errors += checks_odoo_module_po.run(pos, no_exit=True, no_verbose=True)
out = [[e.position.filepath, e.position.line, e.code, e.message] for e in errors]
json.dump(out, sys.stdout)
"""


def build_tree(corpora: list[Path], limit: int, dest: Path) -> dict[str, list[str]]:
    """Copy `limit` addons of each corpus into dest/<series>/, one git repository; series -> addon names."""
    picked = {}
    for corpus in corpora:
        names = sorted(p.name for p in corpus.iterdir() if (p / "__manifest__.py").is_file())[:limit]
        picked[corpus.name] = names
        for n in names:
            shutil.copytree(corpus / n, dest / corpus.name / n, symlinks=True)
    return picked


def run_hooks(python: str, src: str | None, root: Path) -> list:
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = src
    subprocess.run(["git", "-c", "init.defaultBranch=main", "init", "-q", str(root)], check=True)
    proc = subprocess.run([python, "-c", HOOKS_RUNNER, str(root)], capture_output=True, text=True, env=env,
                          check=True)
    return json.loads(proc.stdout)


def run_odoolint(root: Path, checks: set[str]):
    from odoolint.config import Settings
    from odoolint.registry import load_rules
    from odoolint.runner import RunOptions, run

    registry = load_rules()
    mapped = defaultdict(set)          # code -> hook checks it stands for
    for check, code in hook_codes(registry, checks).items():
        mapped[code].add(check)
    result = run(RunOptions([root], Settings(select=sorted(mapped)), no_cache=True))
    return result, mapped


def compare(root: Path, hook_errors: list, result, mapped) -> dict:
    ours = defaultdict(list)           # (relpath, hook check) -> [(start line, end line, code, message)]
    for d in result.diagnostics:
        rel = Path(d.path).resolve().relative_to(root.resolve()).as_posix()
        for check in mapped.get(d.code, ()):
            ours[(rel, check)].append((d.span.start.line, d.span.end.line, d.code, d.message))
    reproduced, missed = Counter(), defaultdict(list)
    total = Counter()
    matched = set()
    for path, line, code, message in hook_errors:
        total[code] += 1
        # line 0: the hooks report the whole file (po-pretty-format)
        hits = [o for o in ours.get((path, code), ()) if line == 0 or o[0] <= line <= o[1]]
        if hits:
            reproduced[code] += 1
            matched.update((path, code, h) for h in hits)
        else:
            missed[code].append(f"{path}:{line} {message[:100]}")
    additions = defaultdict(list)
    for (path, check), found in ours.items():
        for o in found:
            if (path, check, o) not in matched:
                additions[check].append(f"{path}:{o[0]} {o[2]} {o[3][:100]}")
    return {"total": dict(total), "reproduced": dict(reproduced), "missed": dict(missed),
            "additions": dict(additions)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpora", nargs="+", type=Path)
    ap.add_argument("--hooks-python", required=True)
    ap.add_argument("--hooks-checkout", type=Path, required=True,
                    help="a checkout of OCA/odoo-pre-commit-hooks: its tests name the checks; its src/ is run")
    ap.add_argument("--installed", action="store_true", help="run the installed hooks release, not the checkout")
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--hooks-cache", type=Path, help="the hooks' findings as JSON: read when the file exists, else "
                    "written (the hooks take most of the time; the same corpora and --limit give the same tree)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(suffix="_oca_hooks_diff") as tmp:
        root = Path(tmp) / "repo"
        picked = build_tree(args.corpora, args.limit, root)
        src = None if args.installed else str(args.hooks_checkout / "src")
        if args.hooks_cache and args.hooks_cache.is_file():
            cached = json.loads(args.hooks_cache.read_text())
            if cached.get("addons") != picked:
                raise SystemExit(f"{args.hooks_cache} was made for other addons")
            hook_errors = cached["errors"]
        else:
            hook_errors = run_hooks(args.hooks_python, src, root)
            if args.hooks_cache:
                args.hooks_cache.write_text(json.dumps({"addons": picked, "errors": hook_errors}))
        checks = {e[2] for e in hook_errors} | set(expected_errors(args.hooks_checkout))
        result, mapped = run_odoolint(root, checks)
        report = compare(root, hook_errors, result, mapped)
    report["addons"] = picked
    for check in sorted(set(report["total"]) | set(report["additions"])):
        t, r = report["total"].get(check, 0), report["reproduced"].get(check, 0)
        print(f"{check:42} hooks {t:4}  reproduced {r:4}  odoolint-only {len(report['additions'].get(check, [])):4}")
    t, r = sum(report["total"].values()), sum(report["reproduced"].values())
    print(f"\nhook findings {t}, reproduced at the same file and line {r} ({100 * r / max(t, 1):.1f}%)")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
