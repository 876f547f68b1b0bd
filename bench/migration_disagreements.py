#!/usr/bin/env python3
"""Why odoolint's migration and the humans' disagree: every changed line that does not agree (as
bench/migration_agreement.py counts it) sorted into a category, per step, with counts.

For each disagreeing line the hunk is compared with the human's N+1 file: categories named after a pattern
(the table CATEGORIES, checked in order) come first; what matches none falls into the generic ones: the
human's file has the same text with other indentation (re-indent), the human re-wrapped the longer line,
kept the original line, or wrote something else there (refactor). The categories are heuristics for reading
the residual, not a measure: the agreement figure stays bench/migration_agreement.py's.

    python bench/migration_disagreements.py --corpus /work/corpus [--steps 18.0:19.0] [--hunks out.txt] [--json out]
"""
from __future__ import annotations

import argparse
import difflib
import json
import re
import shutil
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import migration_agreement as ma  # noqa: E402


def _any(lines, rx):
    return any(re.search(rx, x) for x in lines)


# (category, test(hunk, line)): hunk = {"orig": [...], "ours": [...], "human": [...]}, line = the disagreeing
# line without its sign
def _attr_values(lines, name=None):
    return [v for x in lines for a, v in re.findall(r'\b(invisible|readonly|required|column_invisible)="([^"]*)"', x)
            if name is None or a == name]


def _same_but_spacing(h, s):
    m = re.search(r'\b(invisible|readonly|required|column_invisible)="([^"]*)"', s)
    if not m:
        return False
    ours = re.sub(r"\s+", "", m.group(2)).replace('"', "'")
    return any(re.sub(r"\s+", "", v).replace('"', "'") == ours and v != m.group(2)
               for v in _attr_values(h["human"], m.group(1)))


def _not_x_vs_false(h, s):
    m = re.search(r'\b(invisible|readonly|required|column_invisible)="([^"]*)"', s)
    if not m or not re.search(r"\bnot [A-Za-z_][\w.]*", m.group(2)):
        return False
    ours = re.sub(r"\bnot ([A-Za-z_][\w.]*)", r"\1 == False", m.group(2))
    return any(re.sub(r"\s+", "", v) == re.sub(r"\s+", "", ours) or "== False" in v
               for v in _attr_values(h["human"], m.group(1)))


CATEGORIES = [
    ("semantics: clear_all_caches() (what 17.0's own Model.clear_caches calls) where the human wrote clear_cache()",
     lambda h, s: "clear_all_caches()" in s and _any(h["human"], r"clear_cache\(\)")),
    ("style: `not x` (OCA's majority form, 233 to 49) where the human wrote `x == False`", _not_x_vs_false),
    ("style: the same expression with other spacing or quotes", _same_but_spacing),
    ("semantics: all_group_ids (implied groups, as 18.0's groups_id) where the human wrote group_ids",
     lambda h, s: "all_group_ids" in s and _any(h["human"], r"\bgroup_ids\b")),
    ("target ignores the human's line: kanban-menu next to a card template (19.0/18.0 read only `menu`)",
     lambda h, s: 't-name="menu"' in s and _any(h["human"], r'kanban-menu')),
    ("human dropped behaviour the rewrite keeps: chatter post_refresh -> reload_on_post",
     lambda h, s: "<chatter " in s and "reload_on" in s),
    ("list column: human kept invisible (hides cells only since 17.0) or wrote column_invisible=\"True\"",
     lambda h, s: "column_invisible" in s),
    ("style: human wrote Command.link/set for the (4, id)/(6, 0, ids) it kept",
     lambda h, s: re.search(r"\((4|6), ", s) and _any(h["human"], r"Command\.(link|set)")),
    ("style: human wrote Domain operators/constructor for expression.AND/OR",
     lambda h, s: re.search(r"\bDomain\.(AND|OR)\b|from odoo\.fields import Domain", s)),
    ("sql constraint: human's layout (one line, or both arguments on one line)",
     lambda h, s: _any(h["orig"], r"_sql_constraints") and any(
         s.strip().rstrip(",") in x and x.strip() != s.strip() for x in h["human"])),
    ("sql constraint: human renamed it or changed its SQL/message text",
     lambda h, s: _any(h["orig"], r"_sql_constraints")),
    ("search view: human removed the <group> wrapper (odoolint keeps it, as 36 of 40 OCA views do)",
     lambda h, s: re.match(r"\s*<group( name=\"[^\"]*\")?>$", s) and _any(h["orig"], r"<group [^>]*(expand|string)=")),
    ("product type: human dropped <field name=\"type\"> (consu is 18.0's default)",
     lambda h, s: '<field name="type">consu</field>' in s),
    ("manifest: other keys the human changed", lambda h, s: False),
]


def _generic(h, s, sign):
    stripped = {x.strip() for x in h["human"]}
    if sign == "-":
        return "deleted line the human kept"
    if len(s) > 88 and any(x.strip() and s.strip().startswith(x.strip()) and x.strip() != s.strip()
                           for x in h["human"]):
        return "line length: the human re-wrapped the longer line"
    if s.strip() in stripped:
        return "indentation: same text, other indentation (re-indent, moved block)"
    if any(o.strip() and o.strip() in stripped for o in h["orig"]):
        return "human kept the original line here (did not make this change)"
    return "human rewrote or removed the code around it (refactor)"


def _human_region(a, hl, i1, i2):
    lo = hi = None
    for tag, a1, a2, b1, b2 in difflib.SequenceMatcher(None, a, hl, autojunk=False).get_opcodes():
        if a2 < i1 or a1 > i2:
            continue
        if tag == "equal":
            s, e = max(a1, i1), min(a2, i2)
            if s <= e:
                lo = b1 + (s - a1) if lo is None else lo
                hi = b1 + (e - a1)
        else:
            lo = b1 if lo is None else lo
            hi = b2
    return (max((lo or 0) - 1, 0), (hi or 0) + 1) if lo is not None else (0, 0)


def step(corpus: Path, src: str, dst: str, hunks_out=None) -> dict:
    names = sorted(set(p.name for p in (corpus / src).iterdir() if (p / "__manifest__.py").exists())
                   & set(p.name for p in (corpus / dst).iterdir() if (p / "__manifest__.py").exists()))
    counts, examples = Counter(), defaultdict(list)
    for name in names:
        out_dir, _ = ma.migrate(corpus / src / name, dst)
        for f in sorted(out_dir.rglob("*")):
            if not f.is_file() or f.suffix not in ma.TEXT_SUFFIXES:
                continue
            rel = f.relative_to(out_dir)
            ours, before = ma.read(f), ma.read(corpus / src / name / rel)
            hf = corpus / dst / name / rel
            if ours == before or not hf.exists():
                continue
            a, b, hl = ma.lines_of(before), ma.lines_of(ours), ma.lines_of(ma.read(hf))
            left, oc, hc = Counter(hl), Counter(a), Counter(hl)
            manifest = f.name == "__manifest__.py"
            for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
                if tag == "equal":
                    continue
                bad = []
                for line in b[j1:j2]:
                    if not line.strip() or (manifest and ma._VERSION_LINE.match(line)):
                        continue
                    if left[line] > 0:
                        left[line] -= 1
                    else:
                        bad.append(("+", line))
                if tag == "delete":
                    bad += [("-", x) for x in a[i1:i2] if x.strip() and not hc[x] < oc[x]]
                if not bad:
                    continue
                lo, hi = _human_region(a, hl, i1, i2)
                h = {"orig": a[i1:i2], "ours": b[j1:j2], "human": hl[lo:hi]}
                for sign, line in bad:
                    cat = next((c for c, test in CATEGORIES if test(h, line)), None) or _generic(h, line, sign)
                    if manifest and cat.startswith("human"):
                        cat = "manifest: other keys the human changed"
                    counts[cat] += 1
                    examples[cat].append(f"{name}/{rel}:{i1 + 1}: {sign}{line.strip()[:100]}")
                if hunks_out:
                    print(f"=== {name}/{rel}:{i1 + 1}", file=hunks_out)
                    for pfx, key in (("ORIG", "orig"), ("OURS", "ours"), ("HUMN", "human")):
                        for x in h[key]:
                            print(f"  {pfx} {x}", file=hunks_out)
                    for sign, line in bad:
                        print(f"  BAD  {sign}{line}", file=hunks_out)
        shutil.rmtree(out_dir.parent, ignore_errors=True)
    return {"step": f"{src} -> {dst}", "disagreeing_lines": sum(counts.values()),
            "categories": counts.most_common(), "examples": {k: v[:10] for k, v in examples.items()}}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=Path("/work/corpus"))
    ap.add_argument("--steps", default="16.0:17.0,17.0:18.0,18.0:19.0")
    ap.add_argument("--hunks", type=Path, help="write every disagreeing hunk (release N, odoolint, human) here")
    ap.add_argument("--json", type=Path, help="write the counts and examples here")
    ap.add_argument("-v", "--verbose", action="store_true", help="print examples under each category")
    args = ap.parse_args()
    out = args.hunks.open("w", encoding="utf-8") if args.hunks else None
    reports = []
    for pair in args.steps.split(","):
        src, dst = pair.split(":")
        rep = step(args.corpus, src, dst, out)
        reports.append(rep)
        print(f"{rep['step']}: {rep['disagreeing_lines']} disagreeing lines")
        for cat, n in rep["categories"]:
            print(f"  {n:4}  {cat}")
            if args.verbose:
                for e in rep["examples"][cat]:
                    print(f"          {e}")
        sys.stdout.flush()
    if out:
        out.close()
    if args.json:
        args.json.write_text(json.dumps(reports, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
