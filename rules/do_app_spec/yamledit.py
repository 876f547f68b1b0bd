"""Small YAML helpers shared by the DO app spec and GitHub Actions rules.

Edits keep every other byte of the file: a value is replaced in place, a new key is inserted as a
line of its own at the indentation of its sibling keys. Flow-style mappings (`{a: 1}`) get no edit.
"""
from __future__ import annotations

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from odoolint.sources import yamltree as yt


def key_node(mapping, key: str):
    kn, _ = yt.get_pair(mapping, key)
    return kn


def insert_key(text: str, mapping, line: str, newline: str) -> Optional[tuple[int, str]]:
    """(offset, content) that adds `line` (e.g. "shell: bash") as a new key of a block mapping.

    The new key goes on its own line just before the first key that starts its own line, at that
    key's column; when every key shares the `- ` line of a sequence item, it goes after the last
    value if that value is a scalar. None when no edit keeps the YAML intact (flow style, nested
    last value, tabs).
    """
    if not yt.is_map(mapping) or mapping.flow_style or not mapping.value:
        return None
    keys = [k for k, _ in mapping.value]
    col = keys[0].start_mark.column
    if "\n" in line:   # nested lines are indented relative to the new key
        line = line.replace("\n", newline + " " * col)
    for k in keys:
        start = k.start_mark.index
        ls = text.rfind("\n", 0, start) + 1
        prefix = text[ls:start]
        if prefix.strip() == "" and "\t" not in prefix:
            if k.start_mark.column != col:
                return None
            return ls, " " * col + line + newline
    last = mapping.value[-1][1]
    if not yt.is_scalar(last):
        return None
    end = last.end_mark.index
    if last.style in ("|", ">"):
        if last.end_mark.column == 0:
            return end, " " * col + line + newline
        return end, newline + " " * col + line
    le = text.find("\n", end)
    if le < 0:
        le = len(text)
    elif le > 0 and text[le - 1] == "\r":
        le -= 1
    return le, newline + " " * col + line


def compose(text: str):
    """The first document of `text`, or None if it no longer parses."""
    import yaml

    try:
        loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        docs = list(yaml.compose_all(text, Loader=loader_cls))
    except Exception:  # noqa: BLE001 - an edit that breaks the YAML is simply not offered
        return None
    return docs[0] if docs else None


def node_at(root, path):
    """Follow mapping keys (str) and sequence indices (int) from `root`."""
    node = root
    for step in path:
        if isinstance(step, int):
            items = yt.seq(node)
            if step >= len(items):
                return None
            node = items[step]
        else:
            node = yt.get(node, step)
        if node is None:
            return None
    return node


def edit_keeps(text: str, start: int, end: int, content: str, path, check) -> bool:
    """Apply one edit to a copy of the text and confirm the node at `path` passes `check`."""
    new = text[:start] + content + text[end:]
    root = compose(new)
    if root is None:
        return False
    node = node_at(root, path)
    return node is not None and bool(check(node))


def as_int(node) -> Optional[int]:
    value = yt.scalar(node)
    if value is None:
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        return None
