"""What the PO rules read of a file's entries, gathered once per file and kept on the tree for all of them."""
from __future__ import annotations

import re

from .format_strings import format_error, printf_error

_MODULE_COMMENT = re.compile(r"(module[s]?): (\w+)")   # odoo/tools/translate.py PoFileReader.__iter__


class PoEntries:
    """The non-obsolete entries of one file and the groups the rules report on.

    `duplicate_msgids` and `duplicate_models` hold only the groups of two entries or more, in the order of their
    first entry (an entry that carries the same `model:` occurrence twice counts twice, as before)."""

    __slots__ = ("_active_entries", "_active", "_scan", "duplicate_msgids", "duplicate_models", "python_format",
                 "without_module")

    def __init__(self, pofile):
        # comprehensions and set sizes first: most files have no duplicate at all, and then no group is built
        active = [e for e in pofile if not e.obsolete]
        self._fill(active)

    def _fill(self, active: list) -> None:
        msgids = [e.msgid for e in active]
        self._active_entries = active
        self.duplicate_msgids = _msgid_groups(active) if len(set(msgids)) < len(msgids) else []
        models = [(occurrence, e) for e in active for occurrence, _line in e.occurrences
                  if occurrence.startswith("model:")]
        self.duplicate_models = _model_groups(models) if len({o for o, _e in models}) < len(models) else []
        self.python_format = [e for e in active if e.msgstr and "python-format" in e.flags]
        match_module = _MODULE_COMMENT.match
        self.without_module = [e for e in active if not match_module(e.comment or "")]

    @classmethod
    def of_scan(cls, scan) -> "PoEntries":
        """The same lists from the fast reader's pass (sources/poreader.PoScan), building only the entries they
        hold: a file with no duplicate and no entry without its module comment builds its python-format entries
        only."""
        self = cls.__new__(cls)
        self._active_entries = None
        self._scan = scan
        quick = scan.quick()
        if quick is not None:
            # the strict layout: every entry has its module comment; the lists are empty when neither msgids nor
            # `model:` files repeat and no python-format translation fails to format (PO103/PO104 report nothing
            # then), which a few passes over the text tell without reading the entries
            ids, models, pairs = quick
            if len(set(ids)) == len(ids) and len(set(models)) == len(models) and \
                    not any(_may_fail(msgid, msgstr) for msgid, msgstr in pairs):
                self.duplicate_msgids, self.duplicate_models, self.without_module, self.python_format = [], [], [], []
                self._active = None
                return self
        act = scan.active()
        msgids = scan.msgids
        ids = [msgids[i] for i in act]
        match_module = _MODULE_COMMENT.match
        comments = scan.comments(act)
        models = scan.occurrence_files("model:", act)
        # the entries of a file share a few comments: each distinct one is matched once
        if len(set(ids)) < len(ids) or len(set(models)) < len(models) or \
                not all(match_module(c) for c in set(comments)):
            self._fill([scan.entry(i) for i in act])    # something to report: the lists from the entries
            return self
        self.duplicate_msgids, self.duplicate_models, self.without_module = [], [], []
        entry = scan.entry
        self.python_format = [entry(i) for i in scan.with_flag("python-format", act) if scan.msgstr(i)]
        self._active = act
        return self

    @property
    def active(self) -> list:
        """The non-obsolete entries (built on first use after `of_scan`)."""
        found = self._active_entries
        if found is None:
            if self._active is None:
                self._active = self._scan.active()
            found = self._active_entries = [self._scan.entry(i) for i in self._active]
        return found


def _may_fail(msgid: str, msgstr: str) -> bool:
    """Whether PO103 or PO104 reports the entry: only a msgid with a `%` or a `{` has arguments to format with."""
    return ("%" in msgid or "{" in msgid) and bool(printf_error(msgid, msgstr) or format_error(msgid, msgstr))


def _msgid_groups(active: list) -> list:
    """(msgid, entries) of each msgid that two entries or more define, in the order of their first entry."""
    first_of: dict[str, object] = {}
    groups: dict[str, list] = {}
    for e in active:
        first = first_of.setdefault(e.msgid, e)
        if first is not e:
            group = groups.get(e.msgid)
            if group is None:
                groups[e.msgid] = [first, e]
            else:
                group.append(e)
    order = {id(e): i for i, e in enumerate(active)}
    return sorted(groups.items(), key=lambda kv: order[id(kv[1][0])])


def _model_groups(models: list) -> list:
    """(occurrence, entries) of each `model:` occurrence seen twice or more, in the order of its first sight."""
    first: dict[str, tuple] = {}                # occurrence -> (rank of first sight, its first entry)
    groups: dict[str, list] = {}
    for occurrence, e in models:
        seen = first.get(occurrence)
        if seen is None:
            first[occurrence] = (len(first), e)
        else:
            group = groups.get(occurrence)
            if group is None:
                groups[occurrence] = [seen[1], e]
            else:
                group.append(e)
    return sorted(groups.items(), key=lambda kv: first[kv[0]][0])


def po_entries(ctx) -> PoEntries:
    """The file's PoEntries, computed by the first PO rule that asks (the tree's memo keeps it)."""
    tree = ctx.tree
    memo = getattr(tree, "memo", None)
    if memo is None:
        return PoEntries(getattr(tree, "pofile", None) or ())
    found = memo.get("entries")
    if found is None:
        scan = getattr(tree, "scan", None)
        found = memo["entries"] = PoEntries.of_scan(scan) if scan is not None else PoEntries(tree.pofile)
    return found
