#!/usr/bin/env python3
"""How close odoolint's migration comes to the one humans wrote.

For each step N -> N+1 and each addon released on both series (folders <corpus>/<N>/<addon> and
<corpus>/<N+1>/<addon>, e.g. OCA wheels unpacked from PyPI), copy release N to a temporary project, run
`odoolint check --fix --unsafe-fixes --odoo-version N+1` on it (in-process: the same runner) and compare, file by
file, with the human's release N+1.

Definitions (lines compared with trailing whitespace stripped; a file counts only when both releases have it):
- changed lines: the lines odoolint wrote (inserted or replacing others) plus the lines it deleted outright,
  taken from difflib opcodes between release N and odoolint's output;
- agreement = agreeing changed lines / changed lines, where a written line agrees when the human's N+1 file
  contains that exact line (multiset: each human line matches once) and a deleted line agrees when the human's
  N+1 file has fewer copies of it than release N had;
- over-fix: a line odoolint replaced or deleted that the human's N+1 file still has unchanged, at a place where
  the human did not touch the file around it (the human kept the line; odoolint changed it);
- residual patterns: occurrences of mechanical patterns the step should remove (table RESIDUALS), counted in
  odoolint's output and in the human's N+1 release;
- parse check: every file odoolint changed must still parse (Python: ast, XML: lxml, JS: tree-sitter with no
  error node when release N had none).
- per addon: how many of the addons odoolint changed (the version line aside) agree on every line, the median
  addon's agreement and the addons with the most disagreeing lines (printed under each step);
- `--ignore-indent` compares lines without their leading whitespace (a second figure, never the default);
- the manifest `version` line is counted apart (agreement is given with and without it): the human's N+1 value
  carries every release made after the migration (`17.0.1.0.3`), so it measures release history, not the
  migration; odoolint writes the series and keeps the module's own x.y.z.

    python bench/migration_agreement.py --corpus /work/corpus [--steps 16.0:17.0,17.0:18.0,18.0:19.0] [--json out]
"""
from __future__ import annotations

import argparse
import ast
import difflib
import json
import re
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

TEXT_SUFFIXES = {".py", ".xml", ".js", ".csv"}

# step target -> {pattern name: (file suffixes, regex)}: what a finished migration no longer has
RESIDUALS = {
    "17.0": {
        "attrs=": ({".xml"}, re.compile(r"\battrs\s*=\s*[\"']")),
        "states= (view)": ({".xml"}, re.compile(r"<(?:button|field)\b[^>]*\bstates\s*=")),
        "name_get(": ({".py"}, re.compile(r"def name_get\(")),
        "patch name": ({".js"}, re.compile(r"\bpatch\([^,()]+,\s*[\"'][^\"']+[\"']\s*,")),
        "this._super": ({".js"}, re.compile(r"this\._super\b")),
        "odoo.define(": ({".js"}, re.compile(r"odoo\.define\(\s*[\"'][^\"']+[\"']\s*,\s*function")),
        "invalidate_cache(": ({".py"}, re.compile(r"\.invalidate_cache\(")),
    },
    "18.0": {
        "<tree": ({".xml"}, re.compile(r"<tree\b")),
        "tree view_mode": ({".xml", ".py", ".js"}, re.compile(r"view_mode[\"']?\s*[:=>]\s*[\"']?[^\"'<]*\btree\b")),
        "user_has_groups(": ({".py"}, re.compile(r"\buser_has_groups\(")),
        "useService(rpc)": ({".js"}, re.compile(r"useService\(\s*[\"']rpc[\"']")),
        "_lt": ({".js"}, re.compile(r"\b_lt\(")),
        "oe_chatter": ({".xml"}, re.compile(r"oe_chatter")),
        "_check_recursion(": ({".py"}, re.compile(r"\b_check_recursion\(")),
        "check_access_rights(": ({".py"}, re.compile(r"\bcheck_access_rights\(")),
    },
    "19.0": {
        "_sql_constraints": ({".py"}, re.compile(r"\b_sql_constraints\s*=")),
        "self._cr/_uid/_context": ({".py"}, re.compile(r"\bself\._(?:cr|uid|context)\b")),
        "type='json'": ({".py"}, re.compile(r"type\s*=\s*[\"']json[\"']")),
        "osv.expression": ({".py"}, re.compile(r"from odoo\.osv import expression|osv\.expression")),
        "@api.returns": ({".py"}, re.compile(r"@api\.returns")),
        "groups_id": ({".py", ".xml"}, re.compile(r"\bgroups_id\b")),
        "read_group(": ({".py"}, re.compile(r"\.read_group\(")),
    },
}


IGNORE_INDENT = False     # --ignore-indent: compare lines without their leading whitespace (a second figure)


def lines_of(text: str) -> list[str]:
    if IGNORE_INDENT:
        return [line.strip() for line in text.splitlines()]
    return [line.rstrip() for line in text.splitlines()]


_VERSION_LINE = re.compile(r"""^\s*["']version["']\s*:""")


def compare(orig: str, ours: str, human: str, manifest: bool = False) -> dict:
    a, b, h = lines_of(orig), lines_of(ours), lines_of(human)
    version_changed = version_agree = 0
    human_left = Counter(h)
    orig_count, human_count = Counter(a), Counter(h)
    changed = agree = over = 0
    disagreements = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        written = b[j1:j2]
        removed = a[i1:i2]
        for line in written:
            if not line.strip():
                continue
            if manifest and _VERSION_LINE.match(line):
                version_changed += 1
                version_agree += human_left[line] > 0
                continue
            changed += 1
            if human_left[line] > 0:
                human_left[line] -= 1
                agree += 1
            else:
                disagreements.append(("+", line))
        if tag == "delete":
            for line in removed:
                if not line.strip():
                    continue
                changed += 1
                if human_count[line] < orig_count[line]:
                    agree += 1
                else:
                    disagreements.append(("-", line))
        for line in removed:
            if line.strip() and human_count[line] >= orig_count[line] and line not in written:
                over += 1
    return {"changed": changed, "agree": agree, "over": over, "disagreements": disagreements,
            "version_changed": version_changed, "version_agree": version_agree}


def parses(path: Path, text: str, before: str) -> bool:
    if path.suffix == ".py":
        try:
            ast.parse(text)
            return True
        except SyntaxError:
            return False
    if path.suffix == ".xml":
        from lxml import etree
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        try:
            etree.fromstring(text.encode("utf-8"), parser)
            return True
        except etree.XMLSyntaxError:
            try:
                etree.fromstring(before.encode("utf-8"), parser)
                return False
            except etree.XMLSyntaxError:
                return True          # did not parse before either
    if path.suffix == ".js":
        import tree_sitter
        import tree_sitter_javascript
        p = tree_sitter.Parser(tree_sitter.Language(tree_sitter_javascript.language()))
        return not p.parse(text.encode("utf-8")).root_node.has_error or \
            p.parse(before.encode("utf-8")).root_node.has_error
    return True


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", "replace")


def migrate(src: Path, target: str, extend_select: tuple[str, ...] = ()) -> tuple[Path, object]:
    from odoolint.config import Settings
    from odoolint.runner import RunOptions, run

    work = Path(tempfile.mkdtemp(prefix="odoolint-mig-"))
    dst = work / src.name
    shutil.copytree(src, dst)
    (work / ".git").mkdir()
    settings = Settings(odoo_version=target, extend_select=list(extend_select))
    result = run(RunOptions([work], settings, fix=True, unsafe_fixes=True, no_cache=True,
                            jobs=1, explicit_version_origin="cli"))
    return dst, result


def measure_step(corpus: Path, src_series: str, dst_series: str, limit: int | None,
                 extend_select: tuple[str, ...] = ()) -> dict:
    names = sorted(set(p.name for p in (corpus / src_series).iterdir() if (p / "__manifest__.py").exists())
                   & set(p.name for p in (corpus / dst_series).iterdir() if (p / "__manifest__.py").exists()))
    if limit:
        names = names[:limit]
    totals = Counter()
    residual_ours, residual_human, residual_orig = Counter(), Counter(), Counter()
    parse_failures, errors, missing = [], [], []
    worst = defaultdict(Counter)
    per_addon = []      # (addon, lines changed, lines agreeing) of each addon odoolint changed
    for name in names:
        changed_before, agree_before = totals["changed"], totals["agree"]
        orig_dir, human_dir = corpus / src_series / name, corpus / dst_series / name
        out_dir, result = migrate(orig_dir, dst_series, extend_select)
        errors += [f"{name}: {e.splitlines()[-1] if e else e}" for e in result.errors]
        for f in sorted(out_dir.rglob("*")):
            if not f.is_file() or f.suffix not in TEXT_SUFFIXES:
                continue
            rel = f.relative_to(out_dir)
            ours, before = read(f), read(orig_dir / rel)
            human_f = human_dir / rel
            for pname, (suffixes, rx) in RESIDUALS.get(dst_series, {}).items():
                if f.suffix in suffixes:
                    residual_ours[pname] += len(rx.findall(ours))
                    residual_orig[pname] += len(rx.findall(before))
            if ours == before:
                continue
            totals["files_changed"] += 1
            if not parses(f, ours, before):
                parse_failures.append(f"{name}/{rel}")
            if not human_f.exists():
                missing.append(f"{name}/{rel}")
                continue
            c = compare(before, ours, read(human_f), manifest=f.name == "__manifest__.py")
            totals["version_changed"] += c["version_changed"]
            totals["version_agree"] += c["version_agree"]
            totals["changed"] += c["changed"]
            totals["agree"] += c["agree"]
            totals["over"] += c["over"]
            for sign, line in c["disagreements"]:
                worst[f.suffix][f"{sign} {line.strip()[:110]}"] += 1
        for f in human_dir.rglob("*"):
            if f.is_file() and f.suffix in TEXT_SUFFIXES:
                text = read(f)
                for pname, (suffixes, rx) in RESIDUALS.get(dst_series, {}).items():
                    if f.suffix in suffixes:
                        residual_human[pname] += len(rx.findall(text))
        shutil.rmtree(out_dir.parent, ignore_errors=True)
        if totals["changed"] > changed_before:
            per_addon.append((name, totals["changed"] - changed_before, totals["agree"] - agree_before))
    agreement = totals["agree"] / totals["changed"] if totals["changed"] else None
    all_changed = totals["changed"] + totals["version_changed"]
    with_version = (totals["agree"] + totals["version_agree"]) / all_changed if all_changed else None
    return {"step": f"{src_series} -> {dst_series}", "addons": len(names), "files_changed": totals["files_changed"],
            "lines_changed": totals["changed"], "lines_agreeing": totals["agree"],
            "agreement": round(agreement, 3) if agreement is not None else None,
            "agreement_with_version_line": round(with_version, 3) if with_version is not None else None,
            "version_lines": totals["version_changed"], "version_lines_agreeing": totals["version_agree"],
            "over_fixes": totals["over"],
            "files_without_human_counterpart": missing, "parse_failures": parse_failures, "errors": errors,
            "residual": {k: {"release_N": residual_orig[k], "odoolint": residual_ours[k],
                             "human_N+1": residual_human[k]} for k in RESIDUALS.get(dst_series, {})},
            "top_disagreements": {sfx: c.most_common(15) for sfx, c in worst.items()},
            "per_addon": _per_addon(per_addon)}


def _per_addon(rows: list) -> dict:
    """How the disagreement spreads over the addons: how many agree on every line, the median addon's
    agreement, and the addons with the most disagreeing lines (a few humans' refactors weigh on the aggregate
    more than many plain migrations)."""
    import statistics
    worst = sorted(rows, key=lambda r: (r[2] - r[1], r[0]))
    return {"addons": len(rows), "addons_agreeing_fully": sum(1 for _n, c, a in rows if c == a),
            "median_agreement": round(statistics.median(a / c for _n, c, a in rows), 3) if rows else None,
            "most_disagreeing": [(n, c - a) for n, c, a in worst[:10] if c > a],
            "rows": rows}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=Path("/work/corpus"))
    ap.add_argument("--steps", default="16.0:17.0,17.0:18.0,18.0:19.0")
    ap.add_argument("--limit", type=int, default=None, help="at most this many addons per step")
    ap.add_argument("--json", type=Path, help="write the full report here")
    ap.add_argument("--extend-select", default="", help="opt-in rules or groups to add to the default selection "
                    "(comma-separated, as `odoolint check --extend-select`): a second figure for a migrator who "
                    "runs opt-in style rules too; the default figure uses the default selection only")
    ap.add_argument("--ignore-indent", action="store_true", help="compare lines without leading whitespace: "
                    "a second figure that does not count a human's re-indentation (prettier, a moved block) "
                    "against odoolint")
    args = ap.parse_args()
    global IGNORE_INDENT
    IGNORE_INDENT = args.ignore_indent
    reports = []
    for pair in args.steps.split(","):
        src, dst = pair.split(":")
        rep = measure_step(args.corpus, src, dst, args.limit,
                           tuple(x for x in args.extend_select.split(",") if x))
        reports.append(rep)
        print(f"{rep['step']}: {rep['addons']} addons, {rep['files_changed']} files changed, "
              f"{rep['lines_changed']} lines changed, agreement {rep['agreement']} "
              f"({rep['agreement_with_version_line']} with the {rep['version_lines']} manifest version lines, "
              f"{rep['version_lines_agreeing']} of which agree), over-fixes {rep['over_fixes']}, "
              f"parse failures {len(rep['parse_failures'])}, files the human removed/moved "
              f"{len(rep['files_without_human_counterpart'])}, internal errors {len(rep['errors'])}")
        pa = rep["per_addon"]
        top = ", ".join(f"{n} {d}" for n, d in pa["most_disagreeing"][:5])
        print(f"    per addon: {pa['addons_agreeing_fully']} of {pa['addons']} addons with changed lines agree on every line, "
              f"median agreement {pa['median_agreement']}; most disagreeing lines: {top}")
        for k, v in rep["residual"].items():
            print(f"    residual {k:24} release N {v['release_N']:4}  odoolint {v['odoolint']:4}  "
                  f"human {v['human_N+1']:4}")
        sys.stdout.flush()
    if args.json:
        args.json.write_text(json.dumps(reports, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
