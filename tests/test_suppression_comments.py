"""Suppression comments of Python files are found without tokenizing when the parse tree tells strings apart,
and exactly as the tokenizer finds them (odoolint/suppressions.py `_py_comments`)."""
import ast

from odoolint.sources import decode
from odoolint.suppressions import _comments

CASES = {
    "plain": "x = 1  # noqa: PY101\n# pylint: disable=print-used\nprint(x)\n",
    "hash in a string first": "s = '#' + 'noqa'  # noqa: PY1\n",
    "pragma quoted by a docstring": 'def f():\n    """Write # noqa: X to silence it."""\n    return 1  # NOQA\n',
    "joined strings around a comment": "x = ('a'  # noqa: PY2\n     'b')\n",
    "non-ascii code before the comment": "nom = 'é' + \"ü\"  # pylint: disable=W8103\n",
    "marker in code, not in a comment": "noqa = 1\npylint = noqa  # another comment\n",
    "crlf": "x = 1  # noqa\r\ny = 2\r\n",
    "f-string": "v = f'{a}#{b}'  # noqa: PY3\n",
}


def _tokenized(text):
    return [c for c in _comments("python", text) if any(n in c[2].lower() for n in ("noqa", "pylint"))]


def test_comments_found_from_the_tree_match_the_tokenizer():
    for name, src in CASES.items():
        text = decode(src.encode("utf-8"), "python")
        tree = ast.parse(text.text)
        fast = list(_comments("python", text, tree, ("noqa", "pylint")))
        assert fast == _tokenized(text), name
    text = decode(CASES["plain"].encode(), "python")
    assert list(_comments("python", text, ast.parse(text.text), ("noqa", "pylint"))) == [
        (1, 8, "# noqa: PY101"), (2, 1, "# pylint: disable=print-used")]


def test_markers_are_looked_for_in_the_decoded_bytes():
    """`extract` reads the markers from the file's bytes when it has them: a byte order mark, a non-ASCII text,
    mixed case and the Kelvin sign (the one non-ASCII letter that lowers to an ASCII one) change nothing."""
    from odoolint.sources import parse
    from odoolint.suppressions import extract

    def lines(data, kind="python"):
        text = decode(data, kind)
        tree = parse(kind, text, "f")
        return [(s.start_line, s.end_line, s.codes) for s in extract(kind, text, tree, data)] == \
            [(s.start_line, s.end_line, s.codes) for s in extract(kind, text, tree)], \
            [(s.start_line, s.codes) for s in extract(kind, text, tree, data)]

    assert lines(b"\xef\xbb\xbfx = 1  # NoQA: PY101\n") == (True, [(1, ("PY101",))])
    assert lines("nom = 'é'  # noqa\n".encode()) == (True, [(1, None)])
    assert lines("# oca-hoo\u212as:disable=po-requires-module\nmsgid \"a\"\nmsgstr \"b\"\n".encode(), "po") == \
        (True, [])
    assert lines(b"# oca-hooks:disable=po-requires-module\nmsgid \"a\"\nmsgstr \"b\"\n", "po") == \
        (True, [(1, ("po-requires-module",))])
    assert lines("<a>\n<!-- odoolint: noqa -->\n<b/>\n</a>\n".encode("utf-16"), "xml") == (True, [(3, None)])


def test_po_markers_read_from_the_bytes_as_written():
    """A PO file's `noqa` is case-insensitive, its `oca-hooks:disable=` only counts as written: the PO gate tests the
    bytes for both without lowering for the Kelvin sign, and finds what the text's own reading finds."""
    from odoolint.sources import parse
    from odoolint.suppressions import extract

    def found(src: str):
        data = src.encode()
        text = decode(data, "po")
        tree = parse("po", text, "f.po")
        with_bytes = [(s.start_line, s.end_line, s.codes) for s in extract("po", text, tree, data)]
        assert with_bytes == [(s.start_line, s.end_line, s.codes) for s in extract("po", text, tree)]
        return [(first, codes) for first, _last, codes in with_bytes]

    entry = 'msgid "a"\nmsgstr "b"\n'
    assert found("# NOQA: PO101\n" + entry) == [(1, ("PO101",))]
    assert found("# noqa: PO101 \u212a\n" + entry) == [(1, ("PO101",))]
    assert found("# OCA-HOOKS:disable=po-requires-module\n" + entry) == []
    assert found("# x\u212a oca-hooks:disable=po-requires-module\n" + entry) == [(1, ("po-requires-module",))]
    assert found("# nothing here\n" + entry) == []
