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
from bisect import bisect_right
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
    text = content[1:] if content.startswith("\ufeff") else content
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    for c in _ODD_BREAKS:
        if c in text:
            raise NotFast(f"a line break other than LF/CRLF ({c!r})")
    if text and not text.endswith("\n"):
        text += "\n"
    entries: list[PoEntry] = []
    add = entries.append
    header = ""
    pos, end = 0, len(text)
    while pos < end and text[pos] == "\n":
        pos += 1
    lines = _Lines(text)             # the 1-based number of the line at an offset, counted when asked
    seen_pos, seen_line = pos, pos + 1   # the comment lines' numbers: counted on from the last one counted
    entry = PoEntry(0)               # polib's first entry is made before any line is read: its linenum is 0
    first = True
    match = _ENTRY.match
    while pos < end:
        m = match(text, pos)
        if m is None:
            raise NotFast(f"line {lines.number(pos)}: not an entry of the exporter's layout")
        gc, oc, fl, comments, prefix, ctxt, msgid, msgstr, plural, plurals = m.groups()
        if comments is None:
            if not first:            # the previous entry ended on a msgstr: the next line starts a new entry
                add(entry)
                entry = PoEntry(lines, pos)
            if gc:
                entry.comment = gc[3:-1].replace("\n#. ", "\n")
            if oc:                   # `file:line`, or the whole word when no number follows its last `:`
                entry.occurrences = [(o, "") if not o[-1].isdigit() else _occurrence(o)
                                     for o in oc[3:].replace("\n#: ", "\n").split()]
            if fl:
                entry.flags = [c.strip() for c in fl[3:-1].replace("\n#, ", ",").split(",")]
        else:
            line = seen_line = seen_line + text.count("\n", seen_pos, pos)
            seen_pos = pos
            entry, header, pending = _comments(comments, line, entry, header, first, entries)
            if pending:              # only lines polib skips: the keyword line starts the new entry
                add(entry)
                entry = PoEntry(line + comments.count("\n"))
        if ctxt is not None:
            entry.msgctxt = _string(ctxt, prefix)
        entry.obsolete = 1 if prefix else 0
        entry.msgid = _string(msgid, prefix)
        if msgstr is not None:
            entry.msgstr = _string(msgstr, prefix)
        else:
            entry.msgid_plural = _string(plural, prefix)
            for pm in _PLURAL.finditer(plurals):
                entry.msgstr_plural[int(pm.group(1))] = _string(pm.group(2), prefix)
        first = False
        pos = m.end()
    if not first:
        add(entry)
    return _with_metadata(entries, header)


def _comments(comments: str, line: int, entry: PoEntry, header: str, first: bool, entries: list):
    """polib's handling of comment lines one by one (its split, strip, skips, header and translator comments).

    Returns the entry the lines went to, the header, and whether a new entry is still pending: outside the
    file's first block the first line polib does not skip appends the previous entry to `entries` and starts a
    new one; when every line was skipped, the caller starts it at the keyword line."""
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
            entries.append(entry)
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
    return entry, header, new


def _with_metadata(entries: list[PoEntry], header: str) -> PoFile:
    """polib's last step: the (one) non-obsolete entry with an empty msgid is the header entry, taken out."""
    heads = [e for e in entries if e.msgid == "" and not e.obsolete]
    metadata: dict[str, str] = {}
    fuzzy = 0
    if len(heads) > 1:
        raise NotFast("more than one entry with an empty msgid")
    if heads:
        meta = heads[0]
        entries.remove(meta)
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
