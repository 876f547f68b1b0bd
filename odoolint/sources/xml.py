"""XML: lxml for structure (entities, DTD and network off) plus a tag scanner over the source
text, so every element and attribute has an exact span and fixes never re-serialise the tree."""
from __future__ import annotations

import re

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from . import ParseFailure, Text, parser

_NAME = re.compile(r"[^\s/>=]+")
_ATTR = re.compile(r"""\s*([^\s=/>"']+)\s*=\s*("[^"]*"|'[^']*')""")
_CLOSE = re.compile(r"\s*(/?)>")
# `_ATTR` repeated, then `_CLOSE`: each attribute can match one way only (its name runs to the blank or `=`, its
# value to the quote), so this matches exactly where the loop over `_ATTR` followed by `_CLOSE` does
_REST = re.compile(r"""(?:\s*[^\s=/>"']+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(/?)>""")


class AttrPos:
    __slots__ = ("name_start", "name_end", "value_start", "value_end", "quote")

    def __init__(self, name_start: int, name_end: int, value_start: int, value_end: int, quote: str):
        self.name_start, self.name_end = name_start, name_end
        self.value_start = value_start      # first character inside the quotes
        self.value_end = value_end          # the closing quote
        self.quote = quote


class ElementPos:
    __slots__ = ("start", "name_end", "start_tag_end", "self_closing", "_attrs", "_text", "end_tag_start", "end")

    def __init__(self, start: int, name_end: int, start_tag_end: int, self_closing: bool, text: str):
        self.start = start                  # offset of '<'
        self.name_end = name_end
        self.start_tag_end = start_tag_end  # offset just after '>'
        self.self_closing = self_closing
        self._attrs: Optional[dict[str, AttrPos]] = None
        self._text = text                   # the source, to read the attributes from when first asked
        self.end_tag_start: Optional[int] = None
        self.end: Optional[int] = None      # offset just after the element's last character

    @property
    def attrs(self) -> dict[str, AttrPos]:
        """Each attribute's position, read from the start tag on first use: the rules ask for a few elements'."""
        found = self._attrs
        if found is None:
            found = self._attrs = _attributes(self._text, self.name_end)[0]
        return found


def _attributes(text: str, k: int) -> tuple[dict[str, AttrPos], int]:
    """The attributes of a start tag from `k` (the end of its name), and where they end."""
    attrs: dict[str, AttrPos] = {}
    while True:
        a = _ATTR.match(text, k)
        if not a:
            return attrs, k
        attrs[a.group(1)] = AttrPos(a.start(1), a.end(1), a.start(2) + 1, a.end(2) - 1, a.group(2)[0])
        k = a.end()


class Comment:
    __slots__ = ("start", "end", "body", "next_element")

    def __init__(self, start: int, end: int, body: str):
        self.start, self.end, self.body = start, end, body
        self.next_element: Optional[int] = None   # index into XmlTree.positions


class XmlTree:
    """The lxml root plus exact source positions for every element, in document order.

    `elements` is the one walk of the tree that the rules share (what `root.iter()` yields, comments and processing
    instructions left out); `of_tag` slices it by tag, so the XML rules, each asking for the `<record>`s or the view
    archs of the file, do not walk the tree again each (the Python side's TreeIndex, for lxml)."""

    def __init__(self, root, text: Text):
        self.root = root
        self.text = text
        self.elements = list(root.iter(tag=_element_tag()))
        self._scanned: Optional[tuple[list[ElementPos], list[Comment]]] = None
        self._pos: Optional[dict] = None
        self._by_tag: Optional[dict[str, list]] = None
        self.memo: dict = {}        # what the XML rule helpers compute once per file (rules/xml/common.py)

    def _scan(self) -> tuple[list[ElementPos], list[Comment]]:
        """The tag scan, on first use (a Python loop over every tag): a file no rule asks a position or a comment
        of skips it. On text lxml accepted it finds what lxml found; should it ever refuse (an exotic DOCTYPE),
        the spans fall back to whole lines."""
        done = self._scanned
        if done is None:
            try:
                done = scan(self.text.text)
            except ParseFailure:
                done = ([], [])
            self._scanned = done
        return done

    @property
    def positions(self) -> list[ElementPos]:
        return self._scan()[0]

    @property
    def comments(self) -> list[Comment]:
        return self._scan()[1]

    def pos(self, el) -> Optional[ElementPos]:
        by = self._pos
        if by is None:
            positions = self.positions
            by = self._pos = dict(zip(self.elements, positions)) if len(self.elements) == len(positions) else {}
        return by.get(el)

    def of_tag(self, tag: str) -> list:
        """The elements whose tag is `tag` (exactly: a namespaced tag is `{uri}name`), in document order: what
        `root.iter(tag)` yields."""
        by = self._by_tag
        if by is None:
            by = self._by_tag = {}
            for el in self.elements:
                t = el.tag
                found = by.get(t)
                if found is None:
                    by[t] = [el]
                else:
                    found.append(el)
        return by.get(tag, [])

    def _fallback(self, el) -> tuple[int, int]:
        line = getattr(el, "sourceline", 1) or 1
        start = self.text.index.offset(line, 1)
        return start, self.text.index.line_end(line)

    def tag_span(self, el):
        """The element's tag name (after '<')."""
        p = self.pos(el)
        if p is None:
            return self.text.index.span(*self._fallback(el))
        return self.text.index.span(p.start + 1, p.name_end)

    def start_tag_span(self, el):
        p = self.pos(el)
        if p is None:
            return self.text.index.span(*self._fallback(el))
        return self.text.index.span(p.start, p.start_tag_end)

    def element_span(self, el):
        p = self.pos(el)
        if p is None:
            return self.text.index.span(*self._fallback(el))
        return self.text.index.span(p.start, p.end if p.end is not None else p.start_tag_end)

    def attr_value_span(self, el, name: str):
        """Span of an attribute's value (inside the quotes), or of the tag if absent."""
        p = self.pos(el)
        a = p.attrs.get(name) if p else None
        if a is None:
            return self.tag_span(el)
        return self.text.index.span(a.value_start, a.value_end)

    def attr_span(self, el, name: str):
        """Span of the whole attribute, from its name to its closing quote."""
        p = self.pos(el)
        a = p.attrs.get(name) if p else None
        if a is None:
            return self.tag_span(el)
        return self.text.index.span(a.name_start, a.value_end + 1)

    def text_span(self, el):
        """Span of an element's text when it has no child elements (e.g. <field>tree,form</field>)."""
        p = self.pos(el)
        if p is None or p.end_tag_start is None:
            return None
        return self.text.index.span(p.start_tag_end, p.end_tag_start)

    def end_tag_name_span(self, el):
        p = self.pos(el)
        if p is None or p.end_tag_start is None:
            return None
        return self.text.index.span(p.end_tag_start + 2, p.end_tag_start + 2 + (p.name_end - p.start - 1))


def _element_tag():
    from lxml import etree
    return etree.Element


def scan(text: str) -> tuple[list[ElementPos], list[Comment]]:
    """Find every start/end tag and comment; raises ParseFailure on a malformed tag."""
    positions: list[ElementPos] = []
    comments: list[Comment] = []
    stack: list[int] = []
    pending_comments: list[Comment] = []
    pos, n = 0, len(text)
    find = text.find
    while True:
        i = find("<", pos)
        if i < 0:
            break
        nxt = text[i + 1:i + 2]          # the character after '<' tells the markup apart
        if nxt == "!" and text.startswith("<!--", i):
            j = find("-->", i + 4)
            if j < 0:
                raise ParseFailure("unterminated comment")
            c = Comment(i, j + 3, text[i + 4:j])
            comments.append(c)
            pending_comments.append(c)
            pos = j + 3
            continue
        if nxt == "!" and text.startswith("<![CDATA[", i):
            j = find("]]>", i)
            pos = (j + 3) if j >= 0 else n
            continue
        if nxt == "?":
            j = find("?>", i)
            pos = (j + 2) if j >= 0 else n
            continue
        if nxt == "!":
            depth, k = 0, i + 2
            while k < n:
                ch = text[k]
                if ch == "[":
                    depth += 1
                elif ch == "]":
                    depth -= 1
                elif ch == ">" and depth <= 0:
                    break
                k += 1
            pos = k + 1
            continue
        if nxt == "/":
            j = find(">", i)
            if j < 0:
                raise ParseFailure("unterminated end tag")
            if stack:
                p = positions[stack.pop()]
                p.end_tag_start = i
                p.end = j + 1
            pos = j + 1
            continue
        m = _NAME.match(text, i + 1)
        if not m:
            pos = i + 1
            continue
        k = m.end()
        el = ElementPos(i, k, 0, False, text)
        c = _REST.match(text, k)      # the attributes and the tag's end at once (what `_attributes` then reads)
        if c is None:
            k = _attributes(text, k)[1]
            j = find(">", k)
            if j < 0:
                raise ParseFailure("unterminated start tag")
            k, closing = j + 1, text[j - 1] == "/"
        else:
            k, closing = c.end(), bool(c.group(1))
        el.start_tag_end = k
        el.self_closing = closing
        if closing:
            el.end = k
        idx = len(positions)
        positions.append(el)
        for pc in pending_comments:
            pc.next_element = idx
        pending_comments = []
        if not closing:
            stack.append(idx)
        pos = k
    return positions, comments


def _xml_parser():
    from lxml import etree
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_blank_text=False, remove_comments=False)


@parser("xml")
def parse_xml(text: Text, path: str) -> XmlTree:
    from lxml import etree

    data = text.encode(text.text)
    try:
        root = etree.fromstring(data, _xml_parser())
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (1, 1)
        msg = re.sub(r", line \d+, column \d+$", "", exc.msg or "malformed XML")
        raise ParseFailure(f"XML syntax error: {msg}", line, column) from None
    except (ValueError, MemoryError) as exc:
        raise ParseFailure(f"XML cannot be parsed: {exc}") from None
    if root is None:
        raise ParseFailure("empty XML document")
    return XmlTree(root, text)
