"""The fast paths behave exactly like the slow ones they replace."""
import json
import os
from pathlib import Path, PurePath

from hypothesis import given, strategies as st

from odoolint.reporters._common import display_path
from odoolint.reporters.jsonfmt import dump_indented
from tests.helpers import lint, rows

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=20)


@given(_json)
def test_indented_writer_is_json_dumps(value):
    out: list[str] = []
    dump_indented(value, out)
    assert "".join(out) == json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)


def test_display_path_is_the_pathlib_answer(tmp_path: Path):
    cwd = tmp_path / "w"
    for path in [cwd / "a" / "b.py", tmp_path / "other.py", cwd / "x y" / "é.xml"]:
        expected = str(PurePath(path).relative_to(cwd)) if str(path).startswith(str(cwd) + os.sep) else str(path)
        assert display_path(str(path), cwd) == expected
    assert display_path("relative/p.py", cwd) == "relative/p.py"


def test_deeply_nested_python_is_walked_without_recursion_and_in_order(tmp_path: Path):
    """2,500 nested `+` are deeper than Python's recursion limit: the walk has its own stack."""
    src = "x = " + " + ".join(["1"] * 2500) + "\n" + "cr.execute('SELECT %s' % name)\n" \
        "cr.execute('SELECT %s' % other)\n"
    res = lint(tmp_path, {"deep.py": src}, select=["PY401"])
    assert res.errors == []
    # PY401 reports at the execute call, as pylint-odoo's sql-injection does (#11)
    assert [(r[2], r[3]) for r in rows(res, tmp_path)] == [(2, 1), (3, 1)]


def test_escapes_per_folder_is_escapes_per_file(tmp_path: Path):
    """The run's memoised symlink check answers as `escapes()` does, for links to files and to folders, inside
    and outside the project, relative and absolute, chained."""
    from odoolint.safeio import Escapes, escapes
    root, outside = tmp_path / "proj", tmp_path / "out"
    (root / "a" / "b").mkdir(parents=True)
    (outside / "d").mkdir(parents=True)
    (root / "a" / "b" / "f.py").write_text("x")
    (outside / "d" / "g.py").write_text("x")
    (root / "a" / "in_link").symlink_to("b")                      # folder link, relative, inside
    (root / "a" / "out_link").symlink_to(outside / "d")           # folder link, absolute, outside
    (root / "a" / "chain").symlink_to("out_link")                 # link to a link that leaves
    (root / "a" / "b" / "file_link.py").symlink_to("../../../out/d/g.py")
    (root / "a" / "b" / "ok_link.py").symlink_to("f.py")
    (root / "a" / "up").symlink_to("..")                          # loops back into the project
    paths = [root / "a" / "b" / "f.py", root / "a" / "in_link" / "f.py", root / "a" / "out_link" / "g.py",
             root / "a" / "chain" / "g.py", root / "a" / "b" / "file_link.py", root / "a" / "b" / "ok_link.py",
             root / "a" / "up" / "a" / "b" / "f.py", root / "a" / "in_link" / "file_link.py",
             outside / "d" / "g.py"]
    check = Escapes(str(root))
    got = [check(str(p)) for p in paths]
    assert got == [escapes(str(p), str(root)) for p in paths]
    assert got == [False, False, True, True, True, False, False, True, False]
    # the batch form (one lstat per file once its folder is known), twice over so every folder is memoised
    batch = Escapes(str(root))
    many = [str(p) for p in paths] * 2
    assert batch.outside(many) == {str(p) for p, g in zip(paths, got) if g}
    assert set(batch.lstats) == set(check.lstats)


def test_split_by_folder_per_folder_is_the_per_file_answer():
    """Version scopes found folder by folder (stopping at the first folder seen) are those of looking at every
    ancestor of every file, scopes in the same order."""
    from odoolint.model import OdooVersion
    from odoolint.versions import VersionSource, folder_version, split_by_folder

    def per_file(root, sources, paths):
        def ancestors(p):
            out, d = [], os.path.dirname(p)
            while d.startswith(root + os.sep) and d != root:
                out.append(d)
                d = os.path.dirname(d)
            return out
        by_dir = {}
        for s in sources:
            for d in ancestors(s.path):
                by_dir.setdefault(d, set()).add(OdooVersion(s.version.major, 0))
        scopes, seen = {}, set()
        for p in paths:
            for d in ancestors(p):
                if d in seen:
                    continue
                seen.add(d)
                named = folder_version(os.path.basename(d))
                if named is None:
                    continue
                found = by_dir.get(d)
                if not found:
                    scopes[d] = named
                elif len(found) == 1:
                    scopes[d] = next(iter(found))
        if len(set(scopes.values())) < 2:
            return {}, sources
        return scopes, [s for s in sources if not any(s.path.startswith(d + os.sep) for d in scopes)]

    root = "/r"
    paths = ["/r/16.0/a/__manifest__.py", "/r/16.0/a/models/x.py", "/r/17.0/b/__manifest__.py",
             "/r/17.0/b/v18/c/y.py", "/r/odoo-12/z.py", "/r/odoo-12/sub/w.py", "/r/top.py", "/r/17.0/b/views/v.xml",
             "/other/18.0/q.py", "/r/v16-odoo/k/__manifest__.py"]
    sources = [VersionSource("manifest", OdooVersion(16, 0), "/r/16.0/a/__manifest__.py", 3),
               VersionSource("manifest", OdooVersion(17, 0), "/r/17.0/b/__manifest__.py", 3),
               VersionSource("manifest", OdooVersion(15, 0), "/r/v16-odoo/k/__manifest__.py", 3),
               VersionSource("manifest", OdooVersion(14, 0), "/r/v16-odoo/k/__manifest__.py", 9)]
    for ps in (paths, list(reversed(paths)), paths[:2], sorted(paths)):
        got, want = split_by_folder(root, sources, ps), per_file(root, sources, ps)
        assert list(got[0].items()) == list(want[0].items()) and got[1] == want[1]
    assert split_by_folder(root, sources, paths)[0]       # the layout has scopes


def test_comment_offsets_of_a_range_without_hash_do_not_tokenize_and_agree_with_the_whole_file():
    """A fix asks for the comments of its statement: a range without `#` has none and leaves the file
    untokenized; a range with one gives exactly the whole file's comments inside it."""
    import ast
    from types import SimpleNamespace
    from odoolint.rules.python.common import comment_offsets
    src = "a = ['#', 1]  # one\nb = [\n    2,  # two\n]\nc = 3\n"
    ctx = SimpleNamespace(source=src, tree=ast.parse(src))
    b_start, c_start = src.index("b = "), src.index("c = ")
    assert comment_offsets(ctx, c_start, len(src)) == []
    assert not hasattr(ctx.tree, "_odoolint_comments")
    assert comment_offsets(ctx, b_start, c_start) == [src.index("# two")]
    assert comment_offsets(ctx) == [src.index("# one"), src.index("# two")]
    assert comment_offsets(ctx, 0, b_start) == [src.index("# one")]     # the `#` in the string is no comment
