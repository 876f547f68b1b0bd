"""How a data file lays out its start tags, and rewriting one start tag's attributes that way.

OCA's files are formatted by prettier's XML plugin (`printWidth: 88`): a start tag stays on one line when that line
fits the print width, otherwise every attribute goes on its own line, one indentation unit deeper, and the `>` or
`/>` on a line of its own. A fix that changes attributes (`attrs` becoming `invisible="..." readonly="..."`, a
rename to `column_invisible`) writes the tag the way the file's formatter would, so the next formatter run changes
nothing and the diff reads like the human's migration. A file not laid out that way keeps its own layout: new
attributes go where the old one was, on their own lines when the element already has one attribute per line, and a
line is only made longer than the file's longest line when nothing else fits.
"""
from __future__ import annotations

from collections import Counter
from typing import NamedTuple, Optional

from .common import escape_attr
from .layout import self_closing_end

PRETTIER_WIDTH = 88      # OCA's .prettierrc.yml printWidth


class TagLayout(NamedTuple):
    width: Optional[int]     # the print width the file's start tags follow (prettier layout), or None
    unit: str                # one indentation step of the attribute lines
    longest: int             # the file's longest line


class _Tag(NamedTuple):
    indent: Optional[str]    # whitespace before `<` when the tag starts its line, else None
    single: bool             # the whole start tag is on one line
    prettier: bool           # multi-line with every attribute and the closing bracket on lines of their own
    unit: Optional[str]      # attribute indentation minus tag indentation (prettier form only)
    parts: tuple             # raw attribute texts in source order
    close: str               # "/>" or ">"
    suffix: str              # what follows the start tag on its last line


def _tag(ctx, p) -> Optional[_Tag]:
    src, idx = ctx.source, ctx.index
    attrs = list(p.attrs.values())
    # the scanner fell back (an attribute it could not read): leave the layout alone
    tail_start = attrs[-1].value_end + 1 if attrs else p.name_end
    tail = src[tail_start:p.start_tag_end]
    if tail.strip() not in ("/>", ">"):
        return None
    close = tail.strip()
    first, last = idx.position(p.start).line, idx.position(p.start_tag_end - 1).line
    prefix = src[idx.line_start(first):p.start]
    indent = prefix if not prefix.strip() else None
    suffix = src[p.start_tag_end:idx.line_end(last)]
    parts = tuple(src[a.name_start:a.value_end + 1] for a in attrs)
    prettier, unit = False, None
    if first != last and indent is not None and attrs:
        gaps = [src[p.name_end:attrs[0].name_start]]
        gaps += [src[a.value_end + 1:b.name_start] for a, b in zip(attrs, attrs[1:])]
        ws = tail[:len(tail) - len(close)]
        if all("\n" in g and not g.strip() for g in gaps) and "\n" in ws and ws.rsplit("\n", 1)[1] == indent:
            lead = {g.rsplit("\n", 1)[1] for g in gaps}
            if len(lead) == 1:
                (att,) = lead
                if att.startswith(indent) and len(att) > len(indent):
                    prettier, unit = True, att[len(indent):]
    return _Tag(indent, first == last, prettier, unit, parts, close, suffix)


def _one_line(head: str, parts, close: str, spaced: str) -> str:
    end = (spaced if close == "/>" else ">")
    return head + "".join(" " + part for part in parts) + end


def _infer_unit(ctx) -> str:
    steps = Counter()
    prev = None
    for line in ctx.source.splitlines():
        if not line.strip():
            continue
        ind = line[: len(line) - len(line.lstrip())]
        if prev is not None and len(ind) > len(prev) and ind.startswith(prev):
            steps[ind[len(prev):]] += 1
        prev = ind
    return steps.most_common(1)[0][0] if steps else "    "


def file_layout(ctx) -> TagLayout:
    """The layout the file's start tags follow (computed once per parsed file)."""
    cached = ctx.tree.__dict__.get("_tag_layout")
    if cached is not None:
        return cached
    spaced = self_closing_end(ctx.source)
    singles, collapsed, units, consistent = [], [], Counter(), True
    for p in ctx.tree.positions:
        if not p.attrs:
            continue
        t = _tag(ctx, p)
        if t is None or t.indent is None:
            continue
        if t.single:
            singles.append(len(t.indent) + len(ctx.source[p.start:p.start_tag_end]) + len(t.suffix.rstrip()))
            continue
        if not t.prettier:
            consistent = False
            break
        units[t.unit] += 1
        if not any("\n" in part for part in t.parts):
            head = ctx.source[p.start:p.name_end]
            collapsed.append(len(t.indent) + len(_one_line(head, t.parts, t.close, spaced)) + len(t.suffix.rstrip()))
    longest = max((len(line.rstrip()) for line in ctx.source.splitlines()), default=0)
    width = None
    if consistent and units:
        # prettier at OCA's width, allowing a few lines committed without running it (often the very lines a
        # migration rewrites); otherwise the width the file's tags show, if any is consistent with them
        misfits = sum(n > PRETTIER_WIDTH for n in singles) + sum(n <= PRETTIER_WIDTH for n in collapsed)
        lo, hi = max(singles, default=0), min(collapsed, default=None)
        if misfits <= (len(singles) + sum(units.values())) // 10:
            width = PRETTIER_WIDTH
        elif hi is None or lo < hi:
            width = lo
    unit = units.most_common(1)[0][0] if units else _infer_unit(ctx)
    layout = TagLayout(width, unit, longest)
    ctx.tree.__dict__["_tag_layout"] = layout
    return layout


def render(name: str, value: str, quote: str) -> str:
    return f"{name}={quote}{escape_attr(value, quote)}{quote}"


def _text(item, quote: str) -> str:
    return item if isinstance(item, str) else render(item[0], item[1], quote)


def text_element(ctx, start: int, tag: str, attrs: list, text: str, quote: str = '"') -> str:
    """`<tag a="v">text</tag>` (attributes as `(name, value)`, text already escaped) for an element that starts
    its line at `start`, broken as prettier breaks it when the file follows a print width and the line would be
    longer: `<tag` / one attribute per line / `>text</tag>`."""
    lay = file_layout(ctx)
    idx = ctx.index
    line = idx.position(start).line
    indent = ctx.source[idx.line_start(line):start]
    parts = [render(n, v, quote) for n, v in attrs]
    one = f"<{tag}" + "".join(" " + part for part in parts) + f">{text}</{tag}>"
    if lay.width is None or indent.strip() or len(indent) + len(one) <= lay.width or "\n" in text:
        return one
    nl = ctx.newline
    return f"<{tag}" + "".join(nl + indent + lay.unit + part for part in parts) + nl + indent + f">{text}</{tag}>"


def rewrite_attributes(ctx, el, replace: dict) -> Optional[list]:
    """Edits that replace attributes of `el`'s start tag, laid out as the file lays out its tags.

    `replace` maps an attribute name to the list of attributes written in its place, each a `(name, value)` pair
    (value unescaped) or a string written as is; an empty list removes it. The other attributes are kept as
    written. None when the start tag cannot
    be read exactly (the caller reports without a fix)."""
    p = ctx.tree.pos(el)
    if p is None or any(name not in p.attrs for name in replace):
        return None
    t = _tag(ctx, p)
    if t is None:
        return None
    src, nl = ctx.source, ctx.newline
    lay = file_layout(ctx)
    parts = []
    for name, a in p.attrs.items():
        if name in replace:
            parts += [_text(item, a.quote) for item in replace[name]]
        else:
            parts.append(src[a.name_start:a.value_end + 1])
    head = src[p.start:p.name_end]
    if t.indent is not None and lay.width is not None and (t.single or t.prettier):
        one = _one_line(head, parts, t.close, self_closing_end(src))
        if not any("\n" in part for part in parts) and \
                len(t.indent) + len(one) + len(t.suffix.rstrip()) <= lay.width:
            new = one
        else:
            step = t.unit or lay.unit
            new = head + "".join(nl + t.indent + step + part for part in parts) + nl + t.indent + t.close
        return [ctx.edit(p.start, p.start_tag_end, new)]
    return _in_place(ctx, p, t, replace, lay)


def _in_place(ctx, p, t: _Tag, replace: dict, lay: TagLayout) -> list:
    """Keep the tag's own layout: the new attributes where the old one was, each on its own line when the
    replaced attribute started its line (one attribute per line, at its column), else side by side (a converted
    `attrs` is shorter than the domain it replaces, so this never makes the line longer than the file's longest
    one)."""
    src, idx, nl = ctx.source, ctx.index, ctx.newline
    edits = []
    for name, new in replace.items():
        a = p.attrs[name]
        if not new:
            start = a.name_start
            while start > p.name_end and src[start - 1] in " \t\r\n":
                start -= 1
            edits.append(ctx.edit(start, a.value_end + 1, ""))
            continue
        before = src[idx.line_start(idx.position(a.name_start).line):a.name_start]
        sep = nl + before if not before.strip() else " "
        edits.append(ctx.edit(a.name_start, a.value_end + 1, sep.join(_text(item, a.quote) for item in new)))
    return edits
