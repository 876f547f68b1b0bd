"""Fix application, diffs that git accepts, atomic writes."""
import subprocess
from pathlib import Path

from hypothesis import given, settings, strategies as st

from odoolint.diff import unified
from odoolint.fixes import apply_fixes
from odoolint.model import Applicability, Fix
from odoolint.positions import LineIndex
from odoolint.runner import write_atomic


def _fix(text, start, end, content):
    return Fix((LineIndex(text).edit(start, end, content),), Applicability.SAFE, "f")


def test_overlapping_fixes_keep_the_first_and_duplicates_count_once():
    text = "abcdef"
    new, n = apply_fixes(text, [_fix(text, 0, 3, "X"), _fix(text, 2, 4, "Y"), _fix(text, 4, 5, "Z"),
                                _fix(text, 4, 5, "Z")])
    assert (new, n) == ("XdZf", 2)


def test_a_fix_is_all_its_edits_or_nothing():
    text = "aaaa bbbb cccc"
    idx = LineIndex(text)
    two = Fix((idx.edit(0, 4, "A"), idx.edit(10, 14, "C")), Applicability.SAFE, "two")
    clash = Fix((idx.edit(2, 3, "!"),), Applicability.SAFE, "clash")
    # fixes are taken in order of position: `two` starts first, so the clashing one waits for the next round
    assert apply_fixes(text, [clash, two]) == ("A bbbb C", 1)
    assert apply_fixes(text, [clash]) == ("aa!a bbbb cccc", 1)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab\n\r", max_size=30), st.lists(st.tuples(st.integers(0, 30), st.integers(0, 5),
                                                                      st.sampled_from(["", "x", "yy\n"])),
                                                            max_size=6))
def test_untouched_text_survives_and_edits_land_where_they_point(text, raw):
    fixes = []
    for start, length, content in raw:
        s = min(start, len(text))
        fixes.append(_fix(text, s, min(s + length, len(text)), content))
    new, n = apply_fixes(text, fixes)
    assert n <= len(fixes)
    if n == 0:
        assert new == text


def _git_apply(tmp_path: Path, rel: str, before: bytes, after: bytes) -> bytes:
    repo = tmp_path / "repo"
    (repo / Path(rel).parent).mkdir(parents=True, exist_ok=True)
    (repo / rel).write_bytes(before)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    patch = unified(rel, before.decode(), after.decode())
    (tmp_path / "p.diff").write_bytes(patch.encode())
    subprocess.run(["git", "apply", "--whitespace=nowarn", str(tmp_path / "p.diff")], cwd=repo, check=True)
    return (repo / rel).read_bytes()


def test_diff_is_accepted_by_git_apply_without_final_newline(tmp_path):
    before = b"[options]\ndb_filter = ^%d$\nworkers = 2"
    after = b"[options]\ndbfilter = ^%d$\nworkers = 2"
    patch = unified("conf/odoo.conf", before.decode(), after.decode())
    assert patch.splitlines()[:3] == ["diff --git a/conf/odoo.conf b/conf/odoo.conf", "--- a/conf/odoo.conf",
                                      "+++ b/conf/odoo.conf"]
    assert patch.endswith(" workers = 2\n\\ No newline at end of file\n")
    assert _git_apply(tmp_path, "conf/odoo.conf", before, after) == after


def test_diff_keeps_crlf_lines(tmp_path):
    before = b"<odoo>\r\n  <tree/>\r\n</odoo>\r\n"
    after = b"<odoo>\r\n  <list/>\r\n</odoo>\r\n"
    assert _git_apply(tmp_path, "v.xml", before, after) == after


def test_write_atomic_keeps_mode_and_leaves_no_temporary(tmp_path):
    p = tmp_path / "odoo.conf"
    p.write_bytes(b"old")
    p.chmod(0o640)
    write_atomic(p, b"new")
    assert p.read_bytes() == b"new" and (p.stat().st_mode & 0o777) == 0o640
    assert [x.name for x in tmp_path.iterdir()] == ["odoo.conf"]


def test_a_fix_that_breaks_the_file_is_discarded(tmp_path):
    """The runner re-parses every fixed file; an unparsable result leaves the file untouched."""
    from odoolint.discovery import SourceRef
    from odoolint.model import Diagnostic, Severity
    from odoolint.runner import RunResult, _apply_round

    text = "<odoo><a/></odoo>\n"
    path = str(tmp_path / "v.xml")
    idx = LineIndex(text)
    good = Diagnostic("XML101", "x", "m", path, idx.span(7, 8), Severity.ERROR,
                      Fix((idx.edit(7, 8, "b"),), Applicability.SAFE, "ok"), "xml")
    bad = Diagnostic("XML101", "x", "m", path, idx.span(0, 1), Severity.ERROR,
                     Fix((idx.edit(12, 13, "<"),), Applicability.SAFE, "breaks"), "xml")
    refs = [SourceRef(path, "v.xml", "xml", None, None)]
    current = {path: text.encode()}
    result = RunResult(tmp_path, [], originals=dict(current))
    broken: set = set()
    assert _apply_round([good, bad], refs, current, broken, False, result) == {}
    assert current[path] == text.encode() and broken == {path} and result.fixed == {}
    current = {path: text.encode()}
    assert _apply_round([good], refs, current, set(), False, result) == {path: {"XML101"}}
    assert current[path] == b"<odoo><b/></odoo>\n" and result.fixed == {path: {"XML101": 1}}


def test_adapt_newlines_writes_each_edit_with_the_line_ending_where_it_lands():
    """A fix that writes `\\n` into a CRLF (or lone-CR) line gets that line's ending; the edit, the fix and the
    untouched edits stay the records they were (the fuzzer found `dataclasses.replace` failing on them)."""
    from odoolint.fixes import adapt_newlines
    from odoolint.model import Edit

    text = "a: 1\r\nb: 2\rc: 3\n"
    idx = LineIndex(text)
    crlf, cr, lf = idx.edit(0, 0, "x\ny\n"), idx.edit(6, 6, "z\n"), idx.edit(11, 11, "w\n")
    fix = Fix((crlf, cr, lf), Applicability.SAFE, "add lines")
    out = adapt_newlines(text, fix)
    assert out == Fix((Edit(crlf.span, "x\r\ny\r\n"), Edit(cr.span, "z\r"), lf), Applicability.SAFE, "add lines")
    assert out.edits[2] is lf
    assert adapt_newlines("a\n", Fix((LineIndex("a\n").edit(0, 0, "b\n"),), Applicability.SAFE, "m")).edits[0].content \
        == "b\n"
    assert apply_fixes(text, [out])[0] == "x\r\ny\r\na: 1\r\nz\rb: 2\rw\nc: 3\n"
