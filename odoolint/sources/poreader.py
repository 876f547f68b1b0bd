"""A fast reader for well-formed PO/POT text that gives exactly what polib gives, or says it cannot.

polib's parser (`polib._POFileParser`, what Odoo's `PoFileReader` uses) runs a state machine in Python on every
line: a split, a regex search, a dict lookup, a method call and a regex substitution through a Python callback
per line, and a keyword-argument constructor per entry. This reader matches whole entries with one regular
expression instead, and does per-line work in Python only for comment lines.

It accepts only the layout that Odoo's exporter and msgmerge write (one keyword or one string per line, no
surrounding whitespace, `#~ ` obsolete entries, single-digit plural indexes) and, for that layout, follows
polib 1.2's parser step by step: the same entries with the same fields (line numbers included), the same header
and metadata. On anything else -- a line it does not recognise, an entry its expression does not tile, a quote
it cannot prove escaped, an odd line break, two header entries -- it raises `NotFast`, and the caller parses
the text with polib, so the verdict on odd files (and every parse error) stays polib's.
`bench/po_differential.py` compares both on every PO file of the corpus and on hostile variants.
"""
from __future__ import annotations

import re
import sys
from bisect import bisect_right
from itertools import accumulate

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional


class NotFast(Exception):
    """The text is outside what this reader is sure of: parse it with polib."""


class PoEntry:
    """The fields of `polib.POEntry` that a parse sets, with polib's defaults."""

    __slots__ = ("msgid", "msgstr", "msgid_plural", "msgstr_plural", "msgctxt", "obsolete", "encoding", "comment",
                 "tcomment", "occurrences", "flags", "previous_msgctxt", "previous_msgid", "previous_msgid_plural",
                 "_linenum", "_at")

    def __init__(self, linenum, at: int = 0):
        self.msgid = self.msgstr = self.msgid_plural = ""
        self.msgstr_plural: dict[int, str] = {}
        self.msgctxt: Optional[str] = None
        self.obsolete = 0
        self.encoding = "utf-8"
        self.comment = self.tcomment = ""
        self.occurrences: list[tuple[str, str]] = []
        self.flags: list[str] = []
        self.previous_msgctxt = self.previous_msgid = self.previous_msgid_plural = None
        self._linenum = linenum     # the number, or the file's _Lines that counts it (at offset `at`) when asked
        self._at = at

    @property
    def linenum(self) -> int:
        n = self._linenum
        if n.__class__ is not int:
            n = self._linenum = n.number(self._at)
        return n

    @linenum.setter
    def linenum(self, value: int) -> None:
        self._linenum = value

    def __repr__(self) -> str:
        return f"PoEntry(line {self.linenum}, msgid={self.msgid!r})"


class _Lines:
    """The line numbers of one text's offsets, its line starts listed on first use: counting the lines of every
    entry as the reader goes costs a tenth of the read, and only the entries a rule reports need a number."""

    __slots__ = ("text", "starts")

    def __init__(self, text: str):
        self.text = text
        self.starts: Optional[list[int]] = None

    def number(self, offset: int) -> int:
        starts = self.starts
        if starts is None:
            starts, at = [0], 0
            for length in map(len, self.text.split("\n")):
                at += length + 1
                starts.append(at)
            self.starts = starts
        return bisect_right(starts, offset)


class PoFile:
    """What polib's `POFile` holds after a parse: entries (header entry removed), header, metadata."""

    __slots__ = ("entries", "header", "metadata", "metadata_is_fuzzy")

    def __init__(self, entries, header: str, metadata: dict, metadata_is_fuzzy):
        self.entries, self.header, self.metadata, self.metadata_is_fuzzy = entries, header, metadata, metadata_is_fuzzy

    def __iter__(self):
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


# One string line: a quote, characters that are neither a quote, a backslash nor a line break, or a backslash
# and the character it escapes, a closing quote, the end of the line. Every quote inside is escaped, so polib's
# "unescaped double quote" check (`([^\\]|^)"` on the inside) passes on it.
_S = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"\n'
# A comment line in the exporter's layout: marker, one space, text that neither starts nor ends with whitespace
# (so polib's strip() and split() change nothing and the line is never one polib skips).
_C = r"[ ]\S(?:[^\n]*\S)?\n"
_ENTRY = re.compile(
    # the comments: in the exporter's order (`#.`, `#:`, `#,`), or any comment lines, read one by one below
    rf"(?:(?P<gc>(?:\#\.{_C})*)(?P<oc>(?:\#:{_C})*)(?P<fl>(?:\#,{_C})*)(?=(?:\#~[ ])?msg)"
    r"|(?P<comments>(?:\#(?!~[ ])[^\n]*\n)*))"
    r"(?P<p>(?:\#~[ ])?)"                                      # the entry's prefix: none, or obsolete's `#~ `
    rf"(?:msgctxt[ ](?P<ctxt>{_S}(?:(?P=p){_S})*)(?P=p))?"
    rf"msgid[ ](?P<id>{_S}(?:(?P=p){_S})*)"
    rf"(?:(?P=p)msgstr[ ](?P<str>{_S}(?:(?P=p){_S})*)"
    rf"|(?P=p)msgid_plural[ ](?P<plural>{_S}(?:(?P=p){_S})*)"
    rf"(?P<plurals>(?:(?P=p)msgstr\[\d\][ ]{_S}(?:(?P=p){_S})*)+))"
    r"\n*")                                                    # blank lines up to the next entry
_PLURAL = re.compile(rf"(?:\#~[ ])?msgstr\[(\d)\][ ]({_S}(?:(?:\#~[ ])?{_S})*)")
_ODD_BREAKS = "\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"       # what str.splitlines() breaks on, besides LF
_UNESCAPE = re.compile(r'\\(\\|n|t|r|v|b|f|")')
_UNESCAPES = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "\\": "\\", '"': '"'}
_unescape_one = lambda m: _UNESCAPES[m.group(1)]  # noqa: E731


def _string(block: str, prefix: str) -> str:
    """The value of a run of string lines, as polib builds it (each line unescaped, then concatenated: no
    escape crosses a line, so unescaping the concatenation is the same)."""
    raw = block[1:-2]
    if "\n" in raw:
        raw = raw.replace('"\n' + prefix + '"', "")
    return _UNESCAPE.sub(_unescape_one, raw) if "\\" in raw else raw


def _occurrence(word: str) -> tuple[str, str]:
    """polib's split of a `#:` word: at its last `:` when a number follows it, else the whole word."""
    fil, sep, num = word.rpartition(":")
    return (fil, num) if sep and num.isdigit() else (word, "")


def read(content: str) -> PoFile:
    """Parse PO text as `polib._POFileParser(content).parse()` does; raise NotFast when not sure."""
    return scan(content).pofile()


class PoScan:
    """One pass of the reader over a text: every entry's msgid and obsolete flag known, its other fields read from
    its lines when asked. `pofile()` builds what `read` returns; the questions below answer without building
    the entries (most entries of a file are only looked at, never reported).

    `items[i]` is entry i: a PoEntry when the reader had to go line by line (the first entry, comment lines out of
    the exporter's order), else the groups of its match (`_ENTRY_ALL`: its text, then `_ENTRY`'s groups, "" for
    a group that took no part), turned into a PoEntry by `entry(i)`; `starts[i]` is the offset it starts at.

    A text in the strict layout (`_STRICT`) is only validated by `scan`: `items` and the rest are read on first
    use, and `quick()` answers the PO rules' questions with a few passes over the text instead."""

    __slots__ = ("text", "pos", "lines", "_full", "_quick", "_pofile")

    def __init__(self, text: str, pos: int, lines: _Lines, full: Optional[tuple] = None, quick=None):
        self.text, self.pos, self.lines = text, pos, lines
        self._full = full       # (items, msgids, obsolete, starts, header, head), read when asked
        self._quick = quick     # what `quick()` returns (strict layout only)
        self._pofile: Optional[PoFile] = None

    def _read(self) -> tuple:
        full = self._full
        if full is None:
            full = self._full = _read_entries(self.text, self.pos, self.lines)
        return full

    items = property(lambda self: self._read()[0])
    msgids = property(lambda self: self._read()[1])
    obsolete = property(lambda self: self._read()[2])
    starts = property(lambda self: self._read()[3])
    header = property(lambda self: self._read()[4])
    head = property(lambda self: self._read()[5])

    def quick(self):
        """For a text in the strict layout, (msgids, model files, python-format pairs), else None:

        - the msgid of every entry that is not obsolete (the header entry's `""` included, the only empty one);
        - a list that holds every `model:` occurrence file of those entries (each as often as it occurs) and maybe
          more: without a repeat in it, no entry shares a `model:` occurrence with another;
        - (msgid, msgstr) of every entry that is not obsolete, is flagged `python-format` and has a msgstr.
        Every entry that is neither obsolete nor the header starts with a `#. module: x` comment (`_STRICT`)."""
        q = self._quick
        if q is None or q.__class__ is tuple:
            return q
        text = self.text
        models = _MODEL_LINES.findall(text)
        ends = "\n".join(models) + "\n"    # is a word's file less than the word (a number after its last `:`)?
        plain = ends.isascii()
        # a line's only word holds no whitespace (what str.split() breaks at): for ASCII, one of _ASCII_SPACES
        spaced = any(c in ends for c in _ASCII_SPACES) if plain else len(ends.split()) != len(models)
        if spaced or text.count("model:") != len(models):
            models = _MODELS.findall(text)      # not one occurrence per `#: model:` line, each its line's only word
            ends = "\n".join(models) + "\n"
            plain = ends.isascii()
        if not plain or _NUMBERED.search(ends) is not None:
            models = [_occurrence(m)[0] if m[-1].isdigit() else m for m in models]
        pairs = []
        for line, msgid, msgstr in (_PYTHON_FORMAT.findall(text) if "python-format" in text else ()):
            if "python-format" in [c.strip() for c in line.split(",")]:
                msgstr = _string(msgstr, "")
                if msgstr:
                    pairs.append((_string(msgid, ""), msgstr))
        q = self._quick = (q, models, pairs)
        return q

    def entry(self, i: int) -> PoEntry:
        e = self.items[i]
        if e.__class__ is tuple:
            _, gc, oc, fl, _, prefix, ctxt, _, msgstr, plural, plurals = e
            e = PoEntry(self.lines, self.starts[i])
            _exporter_comments(e, gc, oc, fl)
            _keywords(e, prefix, ctxt, self.msgids[i], msgstr, plural, plurals)
            self.items[i] = e
        return e

    def active(self) -> list[int]:
        """The indexes of the entries polib's POFile lists (the header entry taken out) that are not obsolete."""
        head = self.head
        return [i for i, o in enumerate(self.obsolete) if not o and i != head]

    def comments(self, indexes: list[int]) -> list[str]:
        """Each entry's extracted comment (`#.` lines), as `PoEntry.comment`."""
        items = self.items
        return [(e[1][3:-1].replace("\n#. ", "\n") if e[1] else "") if e.__class__ is tuple else e.comment
                for e in map(items.__getitem__, indexes)]

    def with_flag(self, flag: str, indexes: list[int]) -> list[int]:
        """The entries among `indexes` whose flags (`#,`) include `flag`."""
        items = self.items
        return [i for i in indexes if ((flag in items[i][3] and flag in _flags(items[i][3]))
                                       if items[i].__class__ is tuple else flag in items[i].flags)]

    def occurrence_files(self, prefix: str, indexes: list[int]) -> list[str]:
        """The file of every occurrence (`#:`) of the entries `indexes` that starts with `prefix`, in the order
        of the entries and of their occurrences."""
        items = self.items
        out: list[str] = []
        blocks: list[str] = []
        for i in indexes:
            e = items[i]
            if e.__class__ is not tuple:
                if blocks:
                    out += _files_with(prefix, blocks)
                    blocks = []
                out += [o for o, _line in e.occurrences if o.startswith(prefix)]
            elif prefix in e[2]:
                blocks.append(e[2])
        if blocks:
            out += _files_with(prefix, blocks)
        return out

    def msgstr(self, i: int) -> str:
        e = self.items[i]
        if e.__class__ is not tuple:
            return e.msgstr
        return _string(e[8], e[5]) if e[8] else ""

    def pofile(self) -> PoFile:
        if self._pofile is None:
            entries = [self.entry(i) for i in range(len(self.items))]
            meta = None
            if self.head is not None:
                meta = entries.pop(self.head)
            self._pofile = _with_metadata(entries, self.header, meta)
        return self._pofile


def _files_with(prefix: str, blocks: list[str]) -> list[str]:
    """The occurrence files starting with `prefix` of `#:` blocks (a word's file is a prefix of the word: only
    words that start with `prefix` can have one that does)."""
    words = "".join(blocks).replace("\n#: ", "\n")     # each block: `#: ` lines, each ending with a line break
    files = [w if not w[-1].isdigit() else _occurrence(w)[0] for w in words[3:].split() if w.startswith(prefix)]
    return [f for f in files if f.startswith(prefix)]


# `_ENTRY` with the whole entry as the first group: `findall` gives every entry's groups in one call ("" for a
# group that took no part: in a match, every group of `_ENTRY` that takes part is non-empty but for gc/oc/fl,
# and `comments` only ever takes part with a line in it, the exporter's branch being tried first)
_ENTRY_ALL = re.compile(f"({_ENTRY.pattern})")

# The strict layout: what Odoo's exporter writes, in a sub-language of `_ENTRY`'s that `scan` only validates
# (possessive repeats, no groups: a third of `_ENTRY_ALL`'s cost). An optional header entry first (`#` comment
# lines, then at most one `#,` line: `_comments` reads them as header and flags), then entries that are either
# obsolete (exporter-order comments, every keyword and string line `#~ `) or start with a `#. module: x` /
# `#. modules: x` line and have at most one `#,` line. Each entry is one that `_ENTRY` matches, with the same
# span (the layout leaves `_ENTRY` one way to match), and whose comments `_exporter_comments` reads, so a text
# it takes is one `_read_entries` takes too.
_SP = r'"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"\n'              # `_S`, possessive
_CP = r"[ ]\S(?:[^\n]*+(?<=\S))?\n"                      # `_C`, possessive
_RUN = rf"{_SP}(?:{_SP})*+"
_OBS_RUN = rf"{_SP}(?:\#~[ ]{_SP})*+"
# `*+`/`++`: possessive repeats came to `re` in Python 3.11. Without them (3.10) there is no strict layout: every
# text takes `_read_entries`' way, which gives the same entries, only slower.
_STRICT = None if sys.version_info < (3, 11) else re.compile(
    rf"(?:(?:\#(?:[^\S\n][^\n]*+)?\n)*+(?:\#,{_CP})?msgid[ ]\"\"\nmsgstr[ ]{_RUN}\n*+)?"
    rf"(?:\#\.[ ]modules?:[ ]\w(?:[^\n]*+(?<=\S))?\n(?:\#\.{_CP})*+(?:\#:{_CP})*+(?:\#,{_CP})?"
    rf"(?:msgctxt[ ]{_RUN})?msgid[ ]{_RUN}(?:msgstr[ ]{_RUN}|msgid_plural[ ]{_RUN}(?:msgstr\[\d\][ ]{_RUN})++)\n*+"
    rf"|(?:\#\.{_CP})*+(?:\#:{_CP})*+(?:\#,{_CP})*+\#~[ ](?:msgctxt[ ]{_OBS_RUN}\#~[ ])?msgid[ ]{_OBS_RUN}"
    rf"(?:\#~[ ]msgstr[ ]{_OBS_RUN}|\#~[ ]msgid_plural[ ]{_OBS_RUN}(?:\#~[ ]msgstr\[\d\][ ]{_OBS_RUN})++)\n*+"
    r")*+")
# On a text `_STRICT` took, where every line starting with `"` is a string line: the string lines of the msgid of
# each entry that is not obsolete (at the text's start, or after a line break)
_LOOSE_RUN = r'"[^\n]*\n(?:"[^\n]*\n)*' + ("+" if _STRICT is not None else "")   # possessive where `re` has it
_MSGIDS = re.compile(rf"\nmsgid[ ]({_LOOSE_RUN})")
_MSGID_AT = re.compile(rf"msgid[ ]({_LOOSE_RUN})")
# ... the `#,` line, msgid and msgstr of each entry flagged (maybe) `python-format` that is not obsolete nor plural:
# in the strict layout, its one `#,` line comes after its `#.` line and right before its keywords
_PYTHON_FORMAT = re.compile(rf"\n\#,[ ]([^\n]*python-format[^\n]*)\n(?:msgctxt[ ]{_LOOSE_RUN})?"
                            rf"msgid[ ]({_LOOSE_RUN})msgstr[ ]({_LOOSE_RUN})")
# ... and every word that starts with `model:` (an occurrence's word starts after whitespace, so each is one)
_MODELS = re.compile(r"model:\S*")
# ... the `#: model:` lines (cheaper than `_MODELS`: when each holds the text's only `model:` there and no
# whitespace, they are its words)
_NUMBERED = re.compile(r":[0-9]+\n")    # on the words joined by line breaks: one whose last `:` has a number after
_MODEL_LINES = re.compile(r"\n\#:[ ](model:[^\n]*)")
_ASCII_SPACES = " \t\v\f\r\x1c\x1d\x1e\x1f"      # the ASCII characters str.isspace() holds, but the line break


def scan(content: str) -> PoScan:
    """The reader's pass over PO text (see `read`); raise NotFast when not sure."""
    text = content[1:] if content.startswith("\ufeff") else content
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    for c in _ODD_BREAKS:
        if c in text:
            raise NotFast(f"a line break other than LF/CRLF ({c!r})")
    if text and not text.endswith("\n"):
        text += "\n"
    pos, end = 0, len(text)
    while pos < end and text[pos] == "\n":
        pos += 1
    lines = _Lines(text)             # the 1-based number of the line at an offset, counted when asked
    if _STRICT is None or _STRICT.fullmatch(text, pos) is None:
        return PoScan(text, pos, lines, _read_entries(text, pos, lines))
    # the strict layout: the entries are read when asked; their msgids now, for the one check that can refuse
    ids = _MSGIDS.findall(text, pos - 1 if pos else 0)
    if pos == 0 and text.startswith("msgid "):
        ids.insert(0, _MSGID_AT.match(text).group(1))
    msgids = [v[1:-2] for v in ids]
    for i in [i for i, v in enumerate(msgids) if "\n" in v or "\\" in v]:
        msgids[i] = _string(ids[i], "")
    if msgids.count("") > 1:
        raise NotFast("more than one entry with an empty msgid")
    return PoScan(text, pos, lines, quick=msgids)


def _read_entries(text: str, pos: int, lines: _Lines) -> tuple:
    """(items, msgids, obsolete, starts, header, head) of the text from `pos` (see PoScan); raise NotFast when not
    sure."""
    end = len(text)
    items = _ENTRY_ALL.findall(text, pos)
    starts = list(accumulate([len(t[0]) for t in items], initial=pos))
    if starts[-1] != end:
        # non-overlapping matches that do not cover the text: some line is not an entry of the layout
        at = pos
        while (m := _ENTRY.match(text, at)) is not None:
            at = m.end()
        raise NotFast(f"line {lines.number(at)}: not an entry of the exporter's layout")
    # covering the text, the matches follow each other from `pos`: the ones `_ENTRY.match` finds in a row
    msgids = [t[7][1:-2] for t in items]
    for i in [i for i, v in enumerate(msgids) if "\n" in v or "\\" in v]:
        msgids[i] = _string(items[i][7], items[i][5])
    obsolete = [t[5] for t in items]             # the obsolete prefix `#~ `, or ""
    header = ""
    seen_pos, seen_line = pos, pos + 1   # the comment lines' numbers: counted on from the last one counted
    # line by line: the first entry (polib makes it before any line is read: its linenum is 0), and those with
    # comment lines out of the exporter's order
    for i in ([0] if items and not items[0][4] else []) + [i for i, t in enumerate(items) if t[4]]:
        _, gc, oc, fl, comments, prefix, ctxt, _, msgstr, plural, plurals = items[i]
        if not comments:
            entry = PoEntry(0)
            _exporter_comments(entry, gc, oc, fl)
        else:
            start = starts[i]
            line = seen_line = seen_line + text.count("\n", seen_pos, start)
            seen_pos = start
            entry, header = _comments(comments, line, PoEntry(0) if i == 0 else None, header)
            if entry is None:        # only lines polib skips: the keyword line starts the new entry
                entry = PoEntry(line + comments.count("\n"))
        _keywords(entry, prefix, ctxt, msgids[i], msgstr, plural, plurals)
        items[i] = entry
    heads = [i for i, (v, o) in enumerate(zip(msgids, obsolete)) if v == "" and not o]
    if len(heads) > 1:
        raise NotFast("more than one entry with an empty msgid")
    return items, msgids, obsolete, starts, header, heads[0] if heads else None


def _exporter_comments(entry: PoEntry, gc: str, oc: str, fl: str) -> None:
    """The comment lines of an entry in the exporter's order (`#.`, `#:`, `#,`), as polib reads them."""
    if gc:
        entry.comment = gc[3:-1].replace("\n#. ", "\n")
    if oc:
        entry.occurrences = _occurrences(oc)
    if fl:
        entry.flags = _flags(fl)


def _occurrences(oc: str) -> list[tuple[str, str]]:
    """`file:line`, or the whole word when no number follows its last `:`."""
    return [(o, "") if not o[-1].isdigit() else _occurrence(o) for o in oc[3:].replace("\n#: ", "\n").split()]


def _flags(fl: str) -> list[str]:
    return [c.strip() for c in fl[3:-1].replace("\n#, ", ",").split(",")]


def _keywords(entry: PoEntry, prefix: str, ctxt, msgid: str, msgstr, plural, plurals) -> None:
    """The keyword lines of an entry (`msgid` already unescaped; a group that took no part in the match: "")."""
    if ctxt:
        entry.msgctxt = _string(ctxt, prefix)
    entry.obsolete = 1 if prefix else 0
    entry.msgid = msgid
    if msgstr:
        entry.msgstr = _string(msgstr, prefix)
    else:
        entry.msgid_plural = _string(plural, prefix)
        for pm in _PLURAL.finditer(plurals):
            entry.msgstr_plural[int(pm.group(1))] = _string(pm.group(2), prefix)


def _comments(comments: str, line: int, entry: Optional[PoEntry], header: str):
    """polib's handling of comment lines one by one (its split, strip, skips, header and translator comments).

    `entry`: the file's first entry (polib's, made before any line is read) for the file's first block, else None:
    outside it the first line polib does not skip starts a new entry. Returns the entry the lines went to (None
    when every line was skipped: the caller starts it at the keyword line) and the header."""
    first = entry is not None
    state = "st" if first else "ms"
    new = not first
    for n, raw in enumerate(comments[:-1].split("\n"), start=line):
        stripped = raw.strip()
        if stripped == "":
            raise NotFast(f"line {n}: a blank line of whitespace")
        tokens = stripped.split(None, 2)
        head, nb = tokens[0], len(tokens)
        if head == "#~|":
            continue
        if head == "#:":
            if nb <= 1:
                continue
            kind = "oc"
        elif head == "#,":
            if nb <= 1:
                continue
            kind = "fl"
        elif head == "#" or head.startswith("##"):
            kind = "tc"
        elif head == "#.":
            if nb <= 1:
                continue
            kind = "gc"
        else:
            raise NotFast(f"line {n}: a comment line polib reads otherwise ({head!r})")
        if new:
            entry = PoEntry(n)
            new = False
        if kind == "oc":
            occurrences = entry.occurrences
            for occurrence in stripped[3:].split():
                fil, sep, num = occurrence.rpartition(":")
                occurrences.append((fil, num) if sep and num.isdigit() else (occurrence, ""))
            state = "oc"
        elif kind == "gc":
            entry.comment = entry.comment + "\n" + stripped[3:] if entry.comment else stripped[3:]
            state = "gc"
        elif kind == "fl":
            entry.flags += [c.strip() for c in stripped[3:].split(",")]
            state = "fl"
        elif state in ("st", "he"):
            header = header + "\n" + stripped[2:] if header else stripped[2:]
            state = "he"
        else:
            tcomment = stripped.lstrip("#")
            if tcomment.startswith(" "):
                tcomment = tcomment[1:]
            entry.tcomment = entry.tcomment + "\n" + tcomment if entry.tcomment else tcomment
            state = "tc"
    return entry, header


def _with_metadata(entries: list[PoEntry], header: str, meta: Optional[PoEntry]) -> PoFile:
    """polib's last step: the (one) non-obsolete entry with an empty msgid is the header entry (`meta`, taken out
    of `entries` by the caller); its msgstr gives the metadata."""
    metadata: dict[str, str] = {}
    fuzzy = 0
    if meta is not None:
        fuzzy = meta.flags
        key = None
        for msg in meta.msgstr.splitlines():
            try:
                key, val = msg.split(":", 1)
                metadata[key] = val.strip()
            except (ValueError, KeyError):
                if key is not None:
                    metadata[key] += "\n" + msg.strip()
    return PoFile(entries, header, metadata, fuzzy)
