"""odoolint's fast PO reader against polib, field by field, on every PO/POT file of the corpus and hostile variants.

    python bench/po_differential.py                       # /work/corpus/*/ (every .po/.pot under it)
    python bench/po_differential.py DIR ...               # other trees

For each file and each variant of it, both parsers run on the same text (as `sources/po.py` passes it: UTF-8
decoded, a BOM kept). Where the fast reader accepts the text, every entry must equal polib's in every field
(msgid, msgid_plural, msgstr, msgstr_plural, msgctxt, comment, tcomment, flags, occurrences, obsolete, linenum,
previous_*), in the same order, and the header, metadata and fuzzy header flag too. Where polib raises, the fast
reader must refuse (NotFast) so that polib's error is what odoolint reports. The script prints, per variant, how
many texts the fast path took and how many it handed to polib, and exits 1 on any difference.

Variants of each file: the file; CRLF line ends; a UTF-8 BOM; a lone CR; truncated at a quarter, half and three
quarters of its lines and in the middle of a line; its entries made obsolete (`#~ `); trailing spaces; an unescaped
quote; a tab before a keyword; a multi-line msgid split in the middle of an escape. A few hand-made texts cover
plurals, msgctxt, escapes, `#|` previous msgids and header oddities.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from odoolint.sources.po import parse_po_text  # noqa: E402
from odoolint.sources.poreader import NotFast, read, scan  # noqa: E402

FIELDS = ("msgid", "msgstr", "msgid_plural", "msgstr_plural", "msgctxt", "obsolete", "encoding", "comment",
          "tcomment", "occurrences", "flags", "previous_msgctxt", "previous_msgid", "previous_msgid_plural",
          "linenum")

HAND = {
    "plural+ctxt+escapes": (
        '# header\n#\nmsgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n"X: a\\n"\n"  b\\n"\n\n'
        '#. module: m\n#: code:addons/m/x.py:0 code:addons/m/y.py:12\n#, python-format, fuzzy\n'
        'msgctxt "ctx \\"q\\""\nmsgid "%s item\\t\\\\"\nmsgid_plural "%s items"\nmsgstr[0] "%s \\\\\\"objet"\n'
        '"suite\\n"\nmsgstr[1] "%s objets"\n\n# translator\n## two\n#\nmsgid ""\n"multi "\n"line"\nmsgstr "x"\n'),
    "previous-msgid": '#, fuzzy\n#| msgid "Old"\nmsgid "New"\nmsgstr "Neu"\n',
    "obsolete-previous": '#, fuzzy\n#~| msgid "Old"\n#~ msgid "New"\n#~ msgstr "Neu"\n',
    "obsolete-plural": '#~ msgid "a"\n#~ msgid_plural "as"\n#~ msgstr[0] "b"\n#~ "c"\n#~ msgstr[1] "bs"\n',
    "obsolete-ctxt": '#~ msgctxt "c"\n#~ msgid "a"\n#~ msgstr "b"\n',
    "mixed-obsolete": 'msgid "a"\n#~ msgstr "b"\n',
    "two-headers": 'msgid ""\nmsgstr "A: 1\\n"\n\nmsgid ""\nmsgstr "B: 2\\n"\n',
    "header-ctxt": 'msgctxt "x"\nmsgid ""\nmsgstr "A: 1\\n"\n',
    "no-header-first-entry": '#. module: m\nmsgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "d"\n',
    "trailing-comment": 'msgid "a"\nmsgstr "b"\n\n#. lost\n',
    "comment-only": '# just a header\n#. and a comment\n',
    "empty": '',
    "blank-lines": '\n\n\nmsgid "a"\nmsgstr "b"\n\n\n',
    "whitespace-line": 'msgid "a"\nmsgstr "b"\n   \nmsgid "c"\nmsgstr "d"\n',
    "escaped-backslash-quote": 'msgid "a\\\\"b"\nmsgstr "c"\n',
    "unknown-escape": 'msgid "a\\x\\a\\0"\nmsgstr "\\u00e9"\n',
    "empty-markers": '#.\n#:\n#,\nmsgid "a"\nmsgstr "b"\n',
    "odd-comment": '#foo\nmsgid "a"\nmsgstr "b"\n',
    "two-spaces": '#.  two\n#:  a:1  b\n#,  x ,y\nmsgid "a"\nmsgstr "b"\n',
    "occurrence-forms": '#: a b: :1 c:x:2 d:2a e:\u00b2\nmsgid "a"\nmsgstr "b"\n',
    "msgid-msgid": 'msgid "a"\nmsgid "b"\nmsgstr "c"\n',
    "msgstr-only": 'msgstr "c"\n',
    "plural-msgstr": 'msgid "a"\nmsgid_plural "b"\nmsgstr "c"\n',
    "plural-index-10": 'msgid "a"\nmsgid_plural "b"\nmsgstr[10] "c"\n',
    "comment-between": 'msgid "a"\n#. here\nmsgstr "b"\n',
    "no-final-newline": 'msgid "a"\nmsgstr "b"',
    "u2028-in-string": 'msgid "a\u2028b"\nmsgstr "c"\n',
    "nbsp-after": 'msgid "a"\u00a0\nmsgstr "b"\n',
    "tab-in-string": 'msgid "a\tb"\nmsgstr "c"\n',
    "bom-only": '\ufeff',
    "bom-header": '\ufeff# h\nmsgid ""\nmsgstr ""\n"A: b\\n"\n',
}


def variants(text: str) -> dict[str, str]:
    lines = text.split("\n")
    out = {"as-is": text, "crlf": text.replace("\n", "\r\n"), "bom": "\ufeff" + text,
           "lone-cr": text.replace("\n", "\r", 3), "trailing-spaces": text.replace('"\n', '" \n', 2),
           "unescaped-quote": text.replace('msgstr "', 'msgstr ""x', 1) if 'msgstr "' in text else text + '"a"b"\n',
           "tab-before-keyword": text.replace("\nmsgid ", "\n\tmsgid ", 1),
           "obsolete": "\n".join(("#~ " + ln) if ln and not ln.startswith("#") else ln for ln in lines),
           "escape-split": text.replace('\\n"\n"', '\\"\n"n', 1)}
    for q in (4, 2):
        out[f"truncated-1/{q}"] = "\n".join(lines[: len(lines) // q])
    out["truncated-3/4"] = "\n".join(lines[: len(lines) * 3 // 4])
    out["truncated-mid-line"] = text[: len(text) // 2]
    return out


def compare(text: str) -> tuple[str, str]:
    """('fast' | 'polib' | 'both-refuse', difference or '')."""
    try:
        ref = parse_po_text(text)
        ref_error = None
    except (OSError, ValueError) as exc:
        ref, ref_error = None, exc
    try:
        strict = scan(text).quick()
    except NotFast:
        strict = None
    try:
        fast = read(text)
    except NotFast:
        if strict is not None:
            return "fast", "the strict layout took a text the reader refuses"
        return ("both-refuse" if ref_error else "polib"), ""
    if strict is not None and ref_error is None:
        diff = _quick_difference(strict, ref)
        if diff:
            return "fast", f"strict layout: {diff}"
    if ref_error is not None:
        return "fast", f"polib refuses ({ref_error}) but the fast reader accepted"
    if len(fast.entries) != len(ref):
        return "fast", f"{len(fast.entries)} entries, polib {len(ref)}"
    for i, (a, b) in enumerate(zip(fast.entries, ref)):
        for f in FIELDS:
            va, vb = getattr(a, f), getattr(b, f)
            if va != vb or type(va) is not type(vb) and not (f == "obsolete" and int(va) == int(vb)):
                return "fast", f"entry {i} (polib line {b.linenum}) {f}: {va!r} != {vb!r}"
    for f in ("header", "metadata", "metadata_is_fuzzy"):
        if getattr(fast, f) != getattr(ref, f):
            return "fast", f"{f}: {getattr(fast, f)!r} != {getattr(ref, f)!r}"
    return "fast", ""


def _quick_difference(quick, ref) -> str:
    """What `PoScan.quick()` says that polib's entries do not (see its docstring), or ''."""
    ids, models, pairs = quick
    kept = [e for e in ref if not e.obsolete]       # polib's list: the header entry taken out
    if [v for v in ids if v != ""] != [e.msgid for e in kept] or ids.count("") > 1:
        return f"msgids {ids[:3]!r}... != {[e.msgid for e in kept][:3]!r}..."
    files = Counter(f for e in kept for f, _line in e.occurrences if f.startswith("model:"))
    if files - Counter(models):
        return f"model files missing: {list((files - Counter(models)).elements())[:3]!r}"
    want_pairs = [(e.msgid, e.msgstr) for e in kept if e.msgstr and "python-format" in e.flags]
    if [p for p in pairs if p[0] != ""] != [p for p in want_pairs if p[0] != ""]:
        return f"python-format pairs {pairs[:2]!r} != {want_pairs[:2]!r}"
    if any(not re.match(r"(module[s]?): (\w+)", e.comment or "") for e in kept):
        return "an entry without its module comment"
    return ""


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("roots", nargs="*", type=Path)
    ap.add_argument("--no-variants", action="store_true")
    args = ap.parse_args()
    roots = args.roots or sorted(p for p in Path("/work/corpus").iterdir() if p.is_dir()
                                 and not p.name.startswith("wheels"))
    files = sorted(p for r in roots for p in r.rglob("*") if p.suffix in (".po", ".pot") and p.is_file())
    counts: dict[str, Counter] = {}
    failures = []

    def check(name: str, label: str, text: str) -> None:
        path, diff = compare(text)
        counts.setdefault(label, Counter())[path] += 1
        if diff:
            failures.append(f"{name} [{label}]: {diff}")

    for label, text in HAND.items():
        check("hand-made", label, text)
    undecodable = 0
    for p in files:
        try:
            text = p.read_bytes().decode("utf-8")      # Odoo's decode (a BOM stays in the text)
        except UnicodeDecodeError:
            undecodable += 1
            continue
        check(str(p), "as-is", text)
        if not args.no_variants:
            for label, variant in variants(text).items():
                if label != "as-is":
                    check(str(p), label, variant)
    print(f"{len(files)} PO/POT files ({undecodable} not UTF-8, skipped as sources/po.py refuses them first), "
          f"{len(HAND)} hand-made texts")
    print(f"{'variant':24s} {'fast':>8s} {'polib':>8s} {'both refuse':>12s}")
    for label, c in counts.items():
        if label in HAND:
            continue
        print(f"{label:24s} {c['fast']:8d} {c['polib']:8d} {c['both-refuse']:12d}")
    hand = Counter()
    for label in HAND:
        hand.update(counts[label])
    print(f"{'hand-made (total)':24s} {hand['fast']:8d} {hand['polib']:8d} {hand['both-refuse']:12d}")
    for f in failures[:50]:
        print("DIFF", f)
    print(f"differences: {len(failures)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
