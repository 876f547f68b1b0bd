#!/usr/bin/env python3
"""Run odoolint's deployment families on the field corpus and print per-rule counts.

The field corpus is a set of real public deployment repositories (docs/field-corpus.md lists them with their
commits). They are exported outside the repository, by default under /work/field/<owner>+<name>, and never
committed. Each one is linted as its own project, with the default rule set unless --select/--extend-select say
otherwise, and only deployment findings are counted (addon families are #11/#12's field).

    python bench/field.py                          # per-rule counts, default rules
    python bench/field.py --findings               # also every finding, one a line (for judging)
    python bench/field.py --extend-select deploy-hardening
    python bench/field.py --json out.json          # the raw findings, for comparing before/after
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS_DOC = HERE.parent / "docs" / "field-corpus.md"
DEPLOY_PREFIXES = ("CNF", "DC", "DEP", "DF", "DO", "SUP", "GHA", "PG", "ENV", "PGB", "NGX", "OL002")
_ROW = re.compile(r"^\|\s*`([\w.-]+/[\w.-]+)`\s*\|\s*`([0-9a-f]{40})`")


def corpus_repos() -> list[str]:
    """owner/name of every repository docs/field-corpus.md lists."""
    return [m.group(1) for line in CORPUS_DOC.read_text("utf-8").splitlines() if (m := _ROW.match(line))]


def lint(path: Path, extra: list[str]) -> list[dict]:
    cmd = [sys.executable, "-c", "from odoolint.cli import main; main()", "check", "--no-cache", "--exit-zero", "--output-format", "json",
           *extra, str(path)]
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=path,
                       env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    if r.returncode not in (0, 1):
        print(f"{path.name}: exit {r.returncode}: {r.stderr.strip()[-400:]}", file=sys.stderr)
        return []
    try:
        return json.loads(r.stdout or "[]")
    except ValueError:
        print(f"{path.name}: not JSON: {r.stdout[:200]}", file=sys.stderr)
        return []


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", default="/work/field", help="folder holding the exported repositories")
    ap.add_argument("--select")
    ap.add_argument("--extend-select")
    ap.add_argument("--findings", action="store_true", help="print every finding")
    ap.add_argument("--json", help="write the findings to this file")
    ap.add_argument("--all-families", action="store_true", help="count addon families too")
    args = ap.parse_args()
    extra = []
    if args.select:
        extra += ["--select", args.select]
    if args.extend_select:
        extra += ["--extend-select", args.extend_select]
    per_rule: collections.Counter = collections.Counter()
    per_repo: dict[str, collections.Counter] = {}
    everything = []
    for repo in corpus_repos():
        path = Path(args.root) / repo.replace("/", "+")
        if not path.is_dir():
            print(f"missing: {path}", file=sys.stderr)
            continue
        found = [f for f in lint(path, extra)
                 if args.all_families or f["code"].startswith(DEPLOY_PREFIXES)]
        per_repo[repo] = collections.Counter(f["code"] for f in found)
        per_rule.update(per_repo[repo])
        for f in found:
            rel = os.path.relpath(os.path.join(path, f["filename"]), path)
            loc = f.get("location") or {}
            everything.append({"repo": repo, "code": f["code"], "file": rel, "line": loc.get("row"),
                               "message": f["message"]})
    keys = [(e["repo"], e["code"], e["file"], e["line"], e["message"]) for e in everything]
    dupes = sum(c - 1 for c in collections.Counter(keys).values() if c > 1)
    if args.findings:
        for e in sorted(everything, key=lambda e: (e["code"], e["repo"], e["file"], e["line"] or 0)):
            print(f"{e['code']}\t{e['repo']}\t{e['file']}:{e['line']}\t{e['message']}")
        print()
    for repo, counts in per_repo.items():
        print(f"{repo:48} {sum(counts.values()):4}  " + " ".join(f"{c}:{n}" for c, n in sorted(counts.items())))
    print()
    for code, n in sorted(per_rule.items()):
        print(f"{code:8} {n:4}")
    print(f"total {sum(per_rule.values())} findings in {len(per_repo)} repositories; {dupes} exact duplicates")
    if args.json:
        Path(args.json).write_text(json.dumps(everything, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
