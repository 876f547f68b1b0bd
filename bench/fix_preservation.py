#!/usr/bin/env python3
"""What a whole `--fix --unsafe-fixes` run changes that it should not, on real addons.

For each step N -> N+1, release N of every addon in the corpus (`<corpus>/<N>/<addon>`, as bench/corpus.py unpacks
OCA's wheels) is copied to a temporary folder and fixed with `odoolint check --fix --unsafe-fixes --odoo-version
N+1` (the installed command, as users run it). Then, for every .py, .xml and .js file the run changed:

- comments lost: comments of release N missing from the fixed file (multiset; Python comments by tokenize, XML
  `<!-- -->`, JS `//` and `/* */`, whitespace folded). A rewrite may move a comment, never drop it;
- lines too long: lines the run wrote that are longer than both the file's longest line and 88 columns (black's
  and OCA's prettier width): a rewrite lays its lines out as the file's formatter would;
- self-closing style: new lines whose `/>` spacing (` />` or `/>`) is the file's minority style;
- with `--black PATH` (a black executable, e.g. 24.10 as OCA's pre-commit pins it): Python files that black left
  alone before the run and would reformat after it, with black's diff: the rewrite did not write what black writes.

Each finding is printed with its file and line; the counts per step come last. Nothing is written to the corpus.

    python bench/fix_preservation.py --corpus /work/corpus [--steps 16.0:17.0,17.0:18.0,18.0:19.0] [--black B]
"""
from __future__ import annotations

import argparse
import io
import re
import shutil
import subprocess
import sys
import tempfile
import tokenize
from collections import Counter
from pathlib import Path

WIDTH = 88
_XML_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_JS_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
_SPACED_CLOSE = re.compile(r"[^\s]\s/>")
_TIGHT_CLOSE = re.compile(r"[^\s/]/>")


def _folded(texts) -> Counter:
    return Counter(" ".join(t.split()) for t in texts)


def comments(suffix: str, text: str):
    """The file's comments, or None when it does not tokenize (Python)."""
    if suffix == ".py":
        try:
            return _folded(t.string for t in tokenize.generate_tokens(io.StringIO(text).readline)
                           if t.type == tokenize.COMMENT)
        except (tokenize.TokenError, IndentationError, SyntaxError):
            return None
    return _folded((_XML_COMMENT if suffix == ".xml" else _JS_COMMENT).findall(text))


def check_file(rel: str, suffix: str, before: str, after: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {"comments lost": [], "lines too long": [], "self-closing style": []}
    old, new = comments(suffix, before), comments(suffix, after)
    if old is not None and new is not None:
        found["comments lost"] += [f"{rel}: {c!r}" for c in (old - new).elements()]
    kept = set(before.splitlines())
    longest = max((len(line) for line in before.splitlines()), default=0)
    spaced, tight = len(_SPACED_CLOSE.findall(before)), len(_TIGHT_CLOSE.findall(before))
    for i, line in enumerate(after.splitlines(), 1):
        if line in kept:
            continue
        if len(line) > max(longest, WIDTH):
            found["lines too long"].append(f"{rel}:{i} ({len(line)} > {longest}): {line.strip()[:100]}")
        if suffix == ".xml" and spaced != tight:
            against = _TIGHT_CLOSE if spaced > tight else _SPACED_CLOSE
            if against.search(line):
                found["self-closing style"].append(f"{rel}:{i}: {line.strip()[:100]}")
    return found


def black_clean(black: str, path: Path) -> bool:
    return subprocess.run([black, "--check", "-q", str(path)], capture_output=True).returncode == 0


def run_step(corpus: Path, src: str, dst: str, black: str | None = None) -> dict[str, list[str]]:
    totals: dict[str, list[str]] = {"comments lost": [], "lines too long": [], "self-closing style": []}
    if black:
        totals["black would reformat"] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / src
        shutil.copytree(corpus / src, work)
        subprocess.run(["odoolint", "check", "--odoo-version", dst, "--fix", "--unsafe-fixes", "--no-cache", "-q",
                        "--exit-zero", "."], cwd=work, capture_output=True)
        for f in sorted(work.rglob("*")):
            if f.suffix not in (".py", ".xml", ".js") or not f.is_file():
                continue
            rel = str(f.relative_to(work))
            before = (corpus / src / rel).read_text(encoding="utf-8", errors="replace")
            after = f.read_text(encoding="utf-8", errors="replace")
            if before != after:
                for key, rows in check_file(rel, f.suffix, before, after).items():
                    totals[key] += rows
                if black and f.suffix == ".py" and black_clean(black, corpus / src / rel) and not black_clean(black, f):
                    diff = subprocess.run([black, "--diff", "-q", str(f)], capture_output=True, text=True).stdout
                    totals["black would reformat"].append(f"{rel}\n" + "\n".join(diff.splitlines()[2:]))
    return totals


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=Path("/work/corpus"))
    ap.add_argument("--steps", default="16.0:17.0,17.0:18.0,18.0:19.0")
    ap.add_argument("--black", help="a black executable: also check that black leaves the fixed files as it left them")
    args = ap.parse_args()
    summary = []
    for step in args.steps.split(","):
        src, dst = step.split(":")
        if not (args.corpus / src).is_dir():
            print(f"{src}: not in {args.corpus}", file=sys.stderr)
            continue
        totals = run_step(args.corpus, src, dst, args.black)
        for key, rows in totals.items():
            for row in rows:
                print(f"{src} -> {dst} {key}: {row}")
        summary.append(f"{src} -> {dst}: " + ", ".join(f"{len(rows)} {key}" for key, rows in totals.items()))
    print("\n".join(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
