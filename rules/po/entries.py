"""What the PO rules read of a file's entries, gathered in one pass and kept on the tree for all of them."""
from __future__ import annotations

import re

_MODULE_COMMENT = re.compile(r"(module[s]?): (\w+)")   # odoo/tools/translate.py PoFileReader.__iter__


class PoEntries:
    """The non-obsolete entries of one file and the groups the rules report on.

    `duplicate_msgids` and `duplicate_models` hold only the groups of two entries or more, in the order of their
    first entry (an entry that carries the same `model:` occurrence twice counts twice, as before)."""

    __slots__ = ("active", "duplicate_msgids", "duplicate_models", "python_format", "without_module")

    def __init__(self, pofile):
        active, python_format, without_module = [], [], []
        first_of: dict[str, object] = {}
        msgid_groups: dict[str, list] = {}
        model_first: dict[str, tuple] = {}          # occurrence -> (rank of first sight, its first entry)
        model_groups: dict[str, list] = {}
        match_module = _MODULE_COMMENT.match
        for e in pofile:
            if e.obsolete:
                continue
            active.append(e)
            msgid = e.msgid
            first = first_of.setdefault(msgid, e)
            if first is not e:
                group = msgid_groups.get(msgid)
                if group is None:
                    msgid_groups[msgid] = [first, e]
                else:
                    group.append(e)
            for occurrence, _line in e.occurrences:
                if occurrence.startswith("model:"):
                    seen = model_first.get(occurrence)
                    if seen is None:
                        model_first[occurrence] = (len(model_first), e)
                    else:
                        group = model_groups.get(occurrence)
                        if group is None:
                            model_groups[occurrence] = [seen[1], e]
                        else:
                            group.append(e)
            if e.msgstr and "python-format" in e.flags:
                python_format.append(e)
            if not match_module(e.comment or ""):
                without_module.append(e)
        order = {id(e): i for i, e in enumerate(active)} if msgid_groups else {}
        self.active = active
        self.duplicate_msgids = sorted(msgid_groups.items(), key=lambda kv: order[id(kv[1][0])])
        self.duplicate_models = sorted(model_groups.items(), key=lambda kv: model_first[kv[0]][0])
        self.python_format = python_format
        self.without_module = without_module


def po_entries(ctx) -> PoEntries:
    """The file's PoEntries, computed by the first PO rule that asks (the tree's memo keeps it)."""
    tree = ctx.tree
    memo = getattr(tree, "memo", None)
    if memo is None:
        return PoEntries(getattr(tree, "pofile", None) or ())
    found = memo.get("entries")
    if found is None:
        found = memo["entries"] = PoEntries(tree.pofile)
    return found
