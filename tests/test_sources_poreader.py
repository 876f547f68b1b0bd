"""The fast PO reader: polib's entries on the exporter's layout, NotFast (so polib decides) on anything else."""
from __future__ import annotations

import sys

import polib
import pytest

from odoolint.sources import Text
from odoolint.sources.po import parse_po, parse_po_text
from odoolint.sources.poreader import NotFast, read

HAS_STRICT = sys.version_info >= (3, 11)       # possessive repeats, which the strict layout's expression uses
FIELDS = ("msgid", "msgstr", "msgid_plural", "msgstr_plural", "msgctxt", "obsolete", "comment", "tcomment",
          "occurrences", "flags", "previous_msgctxt", "previous_msgid", "previous_msgid_plural", "linenum")

FILE = (
    "# Translation of Odoo Server.\n"
    "# \t* m\n"
    "#\n"
    'msgid ""\n'
    'msgstr ""\n'
    '"Project-Id-Version: Odoo Server 17.0\\n"\n'
    '"Language: fr\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n'
    "\n"
    "#. module: m\n"
    "#: model:ir.model.fields,field_description:m.field_x__name\n"
    "#: code:addons/m/models/x.py:0\n"
    "#, python-format\n"
    'msgid "Name \\"%s\\"\\n"\n'
    'msgstr "Nom \\\\ \\"%s\\""\n'
    "\n"
    "#. module: m\n"
    'msgctxt "ctx"\n'
    'msgid ""\n'
    '"multi "\n'
    '"line"\n'
    'msgid_plural "lines"\n'
    'msgstr[0] "ligne"\n'
    'msgstr[1] "lignes"\n'
    "\n"
    "#, fuzzy\n"
    '#~| msgid "Old"\n'
    '#~ msgid "Gone"\n'
    '#~ msgstr ""\n'
    '#~ "Parti"\n'
)


def fields(entry) -> tuple:
    return tuple(getattr(entry, f) for f in FIELDS)


def test_fast_path_gives_polibs_entries_header_and_metadata():
    fast, ref = read(FILE), parse_po_text(FILE)
    assert [fields(e) for e in fast.entries] == [fields(e) for e in ref]
    assert (fast.header, fast.metadata, fast.metadata_is_fuzzy) == (ref.header, ref.metadata, ref.metadata_is_fuzzy)
    name, plural, gone = fast.entries
    assert fields(name) == ('Name "%s"\n', 'Nom \\ "%s"', "", {}, None, 0, "module: m", "",
                            [("model:ir.model.fields,field_description:m.field_x__name", ""),
                             ("code:addons/m/models/x.py", "0")], ["python-format"], None, None, None, 10)
    assert fields(plural) == ("multi line", "", "lines", {0: "ligne", 1: "lignes"}, "ctx", 0, "module: m", "",
                              [], [], None, None, None, 17)
    assert (gone.msgid, gone.msgstr, gone.obsolete, gone.flags, gone.linenum) == ("Gone", "Parti", 1, ["fuzzy"], 26)
    assert fast.header == "Translation of Odoo Server.\n\t* m\n"
    assert fast.metadata == {"Project-Id-Version": "Odoo Server 17.0", "Language": "fr",
                             "Plural-Forms": "nplurals=2; plural=(n > 1);"}


@pytest.mark.parametrize("variant", ["crlf", "bom", "no-final-newline", "blank-lines"])
def test_fast_path_variants_equal_polib(variant):
    text = {"crlf": FILE.replace("\n", "\r\n"), "bom": "\ufeff" + FILE, "no-final-newline": FILE.rstrip("\n"),
            "blank-lines": "\n\n" + FILE.replace("\n\n", "\n\n\n\n")}[variant]
    fast, ref = read(text), parse_po_text(text)
    assert [fields(e) for e in fast.entries] == [fields(e) for e in ref]
    assert (fast.header, fast.metadata) == (ref.header, ref.metadata)


def test_comment_lines_out_of_the_exporters_order_are_read_one_by_one_as_polib_does():
    text = ('msgid ""\nmsgstr ""\n\n#: a.py:1\n#. module: m\n#.  two spaces \n# translator\n##  hashes\n#\n'
            '#:\n#,  x ,y\nmsgid "a"\nmsgstr "b"\n\n#.\nmsgid "c"\nmsgstr "d"\n')
    fast, ref = read(text), parse_po_text(text)
    assert [fields(e) for e in fast.entries] == [fields(e) for e in ref]
    a, c = fast.entries
    assert (a.comment, a.tcomment, a.flags, a.occurrences, a.linenum) == (
        "module: m\n two spaces", "translator\n hashes\n", ["x", "y"], [("a.py", "1")], 4)
    assert c.linenum == 16                   # `#.` alone is skipped: the entry starts at its msgid line


def test_first_entry_without_header_has_polibs_line_zero():
    text = '#. module: m\nmsgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "d"\n'
    assert [e.linenum for e in read(text).entries] == [e.linenum for e in parse_po_text(text)] == [0, 5]


def test_unknown_escapes_stay_as_polib_leaves_them():
    text = 'msgid "a\\x\\a\\0\\t"\nmsgstr "\\u00e9"\n'
    assert [fields(e) for e in read(text).entries] == [fields(e) for e in parse_po_text(text)]
    assert read(text).entries[0].msgid == "a\\x\\a\\0\t"


@pytest.mark.parametrize("text, polib_refuses", [
    ('msgid "a"\nmsgstr "b"\r\n\rmsgid "c"\nmsgstr "d"\n', False),          # a lone CR
    ('msgid "a\u2028b"\nmsgstr "c"\n', True),                                 # a break str.splitlines() sees
    ('msgid "a"\nmsgstr "b" \n', False),                                      # trailing space
    ('msgid "a"\nmsgstr "b"\n   \nmsgid "c"\nmsgstr "d"\n', False),           # a whitespace-only line
    ('\tmsgid "a"\nmsgstr "b"\n', False),                                     # indented keyword
    ('msgid "a\\\\"b"\nmsgstr "c"\n', False),                                 # a quote after an escaped backslash
    ('msgid "a"b"\nmsgstr "c"\n', True),                                      # an unescaped quote
    ('#, fuzzy\n#| msgid "Old"\nmsgid "New"\nmsgstr "Neu"\n', False),          # previous msgid
    ('msgid "a"\n#~ msgstr "b"\n', False),                                    # half obsolete
    ('msgid ""\nmsgstr "A: 1\\n"\n\nmsgid ""\nmsgstr "B: 2\\n"\n', False),    # two header entries
    ('msgid "a"\nmsgstr "b"\n\n#. trailing\n', False),                        # trailing comment (polib drops it)
    ('msgid "a"\nmsgid_plural "b"\nmsgstr "c"\n', False),                     # plural with a plain msgstr
    ('msgid "a"\nmsgid_plural "b"\nmsgstr[10] "c"\n', False),                 # two-digit plural index
    ('#foo\nmsgid "a"\nmsgstr "b"\n', True),                                  # comment polib does not know
    ('msgid "a"\n#. here\nmsgstr "b"\n', True),                               # comment between keywords
    ('msgid "a"\nmsgid "b"\nmsgstr "c"\n', True),                             # msgid twice
    ('msgid "a"\nmsgstr "b"\nmsgstr "c" "d\n', True),                         # truncated mid-string
])
def test_fallback_triggers_leave_the_verdict_to_polib(text, polib_refuses):
    with pytest.raises(NotFast):
        read(text)
    tree_or_error = None
    try:
        tree_or_error = parse_po(Text(text, "utf-8", b""), "x.po")
    except Exception as exc:  # noqa: BLE001 - the parse error must be polib's
        tree_or_error = exc
    if polib_refuses:
        assert "polib" in str(tree_or_error)
        with pytest.raises(OSError):
            parse_po_text(text)
    else:
        assert tree_or_error.reader == "polib"
        assert isinstance(tree_or_error.pofile, polib.POFile)
        assert [fields(e) for e in tree_or_error.pofile] == [fields(e) for e in parse_po_text(text)]


def test_parse_po_takes_the_fast_path_on_the_exporters_layout():
    tree = parse_po(Text(FILE, "utf-8", b""), "x.po")
    assert tree.reader == "fast" and [e.msgid for e in tree.pofile] == ['Name "%s"\n', "multi line", "Gone"]


# entries in the exporter's layout, and some the reader takes line by line (a translator comment, `#:` before
# `#.`), sharing msgids and `model:` occurrences across both kinds; one without its module comment
MIXED = (
    '# header\nmsgid ""\nmsgstr "Language: fr\\n"\n\n'
    '#. module: m\n#: model:ir.model,name:m.model_x\n#: code:addons/m/x.py:0\n#, python-format\n'
    'msgid "%s a"\nmsgstr "%d a"\n\n'
    '# translator\n#: model:ir.model,name:m.model_x\n#. module: m\n#, fuzzy, python-format\nmsgid ""\n"%s a"\n'
    'msgstr "%s b"\n\n'
    '#: model:ir.model,name:m.model_y:12\nmsgid "c"\nmsgstr "d"\n\n'
    '#. module: m\n#, python-format\nmsgid "{x}"\nmsgstr ""\n\n'
    '#~ msgid "%s a"\n#~ msgstr "gone"\n')


def _lists(entries) -> tuple:
    return ([(k, [fields(e) for e in es]) for k, es in entries.duplicate_msgids],
            [(k, [fields(e) for e in es]) for k, es in entries.duplicate_models],
            [fields(e) for e in entries.python_format], [fields(e) for e in entries.without_module],
            [fields(e) for e in entries.active])


CASES = [
    MIXED,
    MIXED.replace(":m.model_x\n#. module", ":m.z\n#. module")
    .replace("#: model:ir.model,name:m.model_y:12\n", "#. module: m\n"),            # a duplicate msgid only
    MIXED.replace('msgid ""\n"%s a"', 'msgid "%s b"').replace(":m.model_x\n#. module", ":m.z\n#. module")
    .replace("#: model:ir.model,name:m.model_y:12\n", "#. modules: m\n"),              # nothing to report
]


@pytest.mark.parametrize("text", CASES, ids=["duplicates-and-no-module", "duplicate-msgid", "nothing-to-report"])
def test_po_entries_from_the_scan_equal_those_from_the_entries(text):
    from rules.po.entries import PoEntries
    from odoolint.sources.poreader import scan

    from_scan = PoEntries.of_scan(scan(text))
    groups = (from_scan.duplicate_msgids, from_scan.duplicate_models, from_scan.without_module)
    assert [len(g) for g in groups] == {0: [1, 1, 1], 1: [1, 0, 0], 2: [0, 0, 0]}[CASES.index(text)]
    assert _lists(from_scan) == _lists(PoEntries(parse_po_text(text)))
    assert _lists(PoEntries.of_scan(scan(text))) == _lists(PoEntries(read(text)))


def test_scan_answers_without_building_entries_what_the_entries_say():
    from odoolint.sources.poreader import PoEntry, scan

    s = scan(MIXED)
    active = s.active()
    assert active == [1, 2, 3, 4]                # the header entry (0) and the obsolete one (5) out
    assert sum(1 for e in s.items if e.__class__ is PoEntry) == 2     # the header and the translator-comment entry
    assert s.comments(active) == ["module: m", "module: m", "", "module: m"]
    assert s.with_flag("python-format", active) == [1, 2, 4]
    assert s.occurrence_files("model:", active) == ["model:ir.model,name:m.model_x",
                                                    "model:ir.model,name:m.model_x", "model:ir.model,name:m.model_y"]
    assert [s.msgstr(i) for i in active] == ["%d a", "%s b", "d", ""]
    assert sum(1 for e in s.items if e.__class__ is PoEntry) == 2     # still nothing built
    assert [fields(e) for e in s.pofile().entries] == [fields(e) for e in parse_po_text(MIXED)]


# the exporter's layout that `scan` only validates (`_STRICT`): a header, entries with their module comment, an
# obsolete one; variants with something to report go the entries' way and give what polib's entries give
STRICT = (
    '# header\n#, fuzzy\nmsgid ""\nmsgstr ""\n"Language: fr\\n"\n\n'
    '#. module: m\n#: model:ir.model,name:m.model_x\n#: code:addons/m/x.py:0\n#, python-format\n'
    'msgid "%s a"\nmsgstr "%s b"\n\n'
    '#. module: m\n#: model:ir.model,name:m.model_y:12\n#, python-format\nmsgctxt "c"\nmsgid ""\n"{x} "\n"b"\n'
    'msgstr "{x} c"\n\n'
    '#. modules: m, n\nmsgid "c"\nmsgid_plural "cs"\nmsgstr[0] "d"\nmsgstr[1] "ds"\n\n'
    '#. module: m\n#: model:ir.model,name:m.model_z\n#~ msgid "%s a"\n#~ msgstr "gone"\n')
STRICT_CASES = [
    STRICT,
    STRICT.replace('msgstr "%s b"', 'msgstr "%d b"'),                           # PO103
    STRICT.replace('msgstr "{x} c"', 'msgstr "{y} c"'),                         # PO104
    STRICT.replace("m.model_y:12", "m.model_x:3"),                              # the same file, numbered
    STRICT.replace("m.model_y:12", "m.model_x"),                                # a duplicate model occurrence
    STRICT.replace("m.model_z", "m.model_x"),            # shared with an obsolete entry only (read, not reported)
    STRICT.replace('msgid "c"\nmsgid_plural', 'msgid "%s a"\nmsgid_plural'),    # a duplicate msgid
]


@pytest.mark.parametrize("text", STRICT_CASES, ids=["clean", "printf", "format", "numbered-duplicate", "model", "obsolete-model", "msgid"])
def test_the_strict_layouts_quick_answers_give_what_the_entries_give(text):
    from rules.po.entries import PoEntries, _may_fail
    from odoolint.sources.poreader import PoEntry, scan

    s = scan(text)
    assert (s.quick() is not None) == HAS_STRICT
    got = PoEntries.of_scan(s)
    want = PoEntries(parse_po_text(text))
    failing = lambda es: [fields(e) for e in es if _may_fail(e.msgid, e.msgstr)]   # noqa: E731
    assert _lists(got)[:2] + (failing(got.python_format), _lists(got)[3]) == \
        _lists(want)[:2] + (failing(want.python_format), _lists(want)[3])
    assert [fields(e) for e in got.active] == [fields(e) for e in want.active]
    if text == STRICT and HAS_STRICT:
        s = scan(text)
        PoEntries.of_scan(s)
        assert s._full is None                  # nothing to report: the entries were never read
    assert [fields(e) for e in s.pofile().entries] == [fields(e) for e in parse_po_text(text)]
    assert all(isinstance(e, PoEntry) for e in s.pofile().entries)


@pytest.mark.parametrize("text", STRICT_CASES, ids=["clean", "printf", "format", "numbered-duplicate", "model", "obsolete-model", "msgid"])
def test_without_possessive_repeats_every_text_takes_the_readers_way_with_the_same_entries(text, monkeypatch):
    """Python 3.10's `re` has no `*+`: there the strict layout is off (`_STRICT` None) and the reader reads all."""
    from rules.po.entries import PoEntries
    from odoolint.sources import poreader

    monkeypatch.setattr(poreader, "_STRICT", None)
    s = poreader.scan(text)
    assert s.quick() is None and s._full is not None
    assert _lists(PoEntries.of_scan(s)) == _lists(PoEntries(parse_po_text(text)))
    assert [fields(e) for e in s.pofile().entries] == [fields(e) for e in parse_po_text(text)]


def test_the_strict_layout_refuses_two_header_entries_and_leaves_odd_texts_to_the_reader():
    from odoolint.sources.poreader import scan

    with pytest.raises(NotFast):
        scan(STRICT.replace('msgid "c"\nmsgid_plural', 'msgid ""\nmsgid_plural'))
    assert scan(STRICT.replace("#. module: m\n#: model:ir.model,name:m.model_y", "#: model:ir.model,name:m.model_y"))\
        ._quick is None                          # an entry without its module comment: read as before
    with pytest.raises(NotFast):                 # `#|` in the header block: not strict, and polib's to read
        scan(STRICT.replace("# header\n", "# header\n#| msgid \"x\"\n"))


@pytest.mark.skipif(not HAS_STRICT, reason="the strict layout needs possessive repeats (Python >= 3.11)")
def test_a_strict_text_without_python_format_has_no_pairs_and_the_same_msgids():
    from odoolint.sources.poreader import scan

    text = STRICT.replace("#, python-format\n", "")
    ids, models, pairs = scan(text).quick()
    assert pairs == []
    assert ids == ["", "%s a", "{x} b", "c"]
    # every `model:` file, and maybe more (quick's contract): here the obsolete entry's too
    assert models == ["model:ir.model,name:m.model_x", "model:ir.model,name:m.model_y",
                      "model:ir.model,name:m.model_z"]
