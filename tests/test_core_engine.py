"""The run end to end through the real runner: parse errors, suppressions, versions, cache, pool."""
from pathlib import Path

from odoolint.config import Settings
from odoolint.runner import RunOptions, run
from tests.helpers import lint, rows, write_tree


def test_parse_errors_are_findings_and_the_run_goes_on(tmp_path: Path):
    res = lint(tmp_path, {
        "a/bad.py": "def f(:\n    pass\n",
        "a/ok.py": "x = 1\n",
        "conf/odoo.conf": "[options]\ndb_host = db\ndb_host = other\n",
        "bin.py": b"\x00\x01\x02\x03",
        "latin.xml": b"<odoo>\xe9</odoo>\n",
        "trunc.xml": "<odoo>\n  <record id='x'>\n",
        "docker-compose.yml": "services:\n  odoo: [\n",
    }, select=["PY001", "CNF001", "XML001", "DC001"])
    assert rows(res, tmp_path) == [
        ("a/bad.py", "PY001", 1, 7, "SyntaxError: invalid syntax"),
        ("bin.py", "PY001", 1, 1, "binary file (contains NUL bytes); not analysed"),
        ("conf/odoo.conf", "CNF001", 3, 1,
         "option 'db_host' appears twice in [options]: configparser raises DuplicateOptionError and Odoo does "
         "not catch it, so the server will not start"),
        ("docker-compose.yml", "DC001", 3, 1, "YAML error: expected the node content, but found '<stream end>'"),
        ("latin.xml", "XML001", 1, 7, "not valid utf-8: byte 0xe9 cannot be decoded (invalid continuation byte)"),
        ("trunc.xml", "XML001", 3, 1, "XML syntax error: Premature end of data in tag record line 2"),
    ]
    assert res.errors == []


def test_noqa_forms_and_unused_suppressions(tmp_path: Path):
    res = lint(tmp_path, {
        "a.py": "def f(:  # noqa: PY001\n",
        "b.py": "x = 1  # noqa: PY001\ny = 2  # noqa\n",
        "c.py": "# odoolint: noqa-file: python-parse-error\ndef g(:\n",
        "conf/odoo.conf": "[options]\ndb_host = db\n# noqa: CNF001\ndb_host = other\n",
        "conf/two.conf": "[options]\nworkers = 2\nworkers = 3\n",
    }, select=["PY001", "CNF001", "OL001"])
    assert rows(res, tmp_path) == [
        ("b.py", "OL001", 1, 8, "Unused suppression (PY001)"),
        ("conf/two.conf", "CNF001", 3, 1,
         "option 'workers' appears twice in [options]: configparser raises DuplicateOptionError and Odoo does "
         "not catch it, so the server will not start"),
    ]


def test_unknown_codes_in_noqa_are_reported_only_in_our_namespace(tmp_path: Path):
    res = lint(tmp_path, {"a.py": "x = 1  # noqa: PY999, E501\ny = 2  # noqa: C901\nz = 3  # noqa\n",
                          "conf/odoo.conf": "[options]\n# noqa\nworkers = 2\n"}, select=["OL001"])
    assert rows(res, tmp_path) == [("a.py", "OL001", 1, 8, "Unused suppression (unknown code PY999)"),
                                   ("conf/odoo.conf", "OL001", 2, 1, "Unused suppression (blanket noqa)")]


def test_manifest_versions_that_disagree_leave_no_target(tmp_path: Path):
    res = lint(tmp_path, {
        "addons/a/__manifest__.py": "{'name': 'A', 'version': '17.0.1.0.0'}\n",
        "addons/b/__manifest__.py": "{\n    'name': 'B',\n    'version': '18.0.1.0.0',\n}\n",
    }, select=["OL002"])
    assert res.target is None
    assert rows(res, tmp_path) == [
        ("addons/a/__manifest__.py", "OL002", 1, 27,
         "this manifest's version says Odoo 17.0, but other manifests say otherwise (17.0 (1), 18.0 (1)); no "
         "target version is assumed: pass --odoo-version"),
        ("addons/b/__manifest__.py", "OL002", 3, 17,
         "this manifest's version says Odoo 18.0, but other manifests say otherwise (17.0 (1), 18.0 (1)); no "
         "target version is assumed: pass --odoo-version"),
    ]


def test_lower_tiers_that_disagree_are_reported_and_cli_wins(tmp_path: Path):
    files = {"addons/a/__manifest__.py": "{'name': 'A', 'version': '17.0.1.0.0'}\n",
             "docker-compose.yml": "services:\n  web:\n    image: odoo:18.0\n"}
    res = lint(tmp_path, files, select=["OL002"])
    assert (str(res.target), res.target_origin) == ("17.0", "manifest")
    assert rows(res, tmp_path) == [("docker-compose.yml", "OL002", 3, 17,
                                    "this Odoo image tag says Odoo 18.0, but the manifests say 17.0, which is "
                                    "taken as the target")]
    res = lint(tmp_path, select=["OL002"], odoo_version="19.0")
    assert (str(res.target), rows(res, tmp_path)) == ("19.0", [])


def test_copier_answers_and_image_tags_give_a_target(tmp_path: Path):
    write_tree(tmp_path, {".copier-answers.yml": "odoo_version: 16.0\n", "Dockerfile": "FROM odoo:18.0\n"})
    res = lint(tmp_path, select=["OL002"])
    assert (str(res.target), res.target_origin) == ("16.0", "copier")


def test_cache_gives_the_same_result_and_is_tagged(tmp_path: Path):
    write_tree(tmp_path, {"a.py": "def f(:\n", "b.py": "x = 1\n"})
    cache = tmp_path / "cachedir"
    s = Settings(select=["PY001"], cache_dir=str(cache))
    first = run(RunOptions([tmp_path], s, jobs=1))
    assert (cache / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    second = run(RunOptions([tmp_path], s, jobs=1))
    assert [d.to_dict() for d in first.diagnostics] == [d.to_dict() for d in second.diagnostics]
    (tmp_path / "a.py").write_text("def f():\n    pass\n")
    assert run(RunOptions([tmp_path], s, jobs=1)).diagnostics == []


def test_process_pool_gives_the_same_result_as_one_process(tmp_path: Path):
    files = {f"m{i:03d}.py": ("def f(:\n" if i % 7 == 0 else "x = 1\n") for i in range(80)}
    write_tree(tmp_path, files)
    s = Settings(select=["PY001"])
    one = run(RunOptions([tmp_path], s, jobs=1, no_cache=True))
    two = run(RunOptions([tmp_path], s, jobs=2, no_cache=True))
    assert len(one.diagnostics) == 12
    assert [d.to_dict() for d in one.diagnostics] == [d.to_dict() for d in two.diagnostics]


def test_the_parent_lints_a_share_of_the_files_while_its_worker_lints_the_rest(tmp_path: Path, monkeypatch):
    """With --jobs 2 one worker is forked and this process lints chunks too: some files here, some there, and
    every file once, in the order one process gives."""
    import os
    from odoolint import runner
    write_tree(tmp_path, {f"m{i:03d}.py": ("def f(:\n" if i % 5 == 0 else "x = 1\n") * (1 + i % 9)
                          for i in range(400)})
    here: list[str] = []
    parent, real = os.getpid(), runner._lint_job

    def counted(job, *args):
        if os.getpid() == parent:
            here.append(job[0].path)
        return real(job, *args)

    monkeypatch.setattr(runner, "_lint_job", counted)
    s = Settings(select=["PY001"])
    two = run(RunOptions([tmp_path], s, jobs=2, no_cache=True))
    shared = list(here)
    one = run(RunOptions([tmp_path], s, jobs=1, no_cache=True))
    assert 0 < len(shared) < 400 and len(set(shared)) == len(shared)
    assert len(one.diagnostics) == 80
    assert [d.to_dict() for d in one.diagnostics] == [d.to_dict() for d in two.diagnostics]


def test_bytes_are_hashed_only_when_a_cache_or_a_fix_round_reads_the_digest(tmp_path: Path, monkeypatch):
    """A run with neither a cache nor fixes has no use for the digest of each file's bytes: none is computed
    (with one worker forked too), and the findings are those of a run that hashes."""
    from odoolint import engine, runner
    from odoolint.engine import digest
    write_tree(tmp_path, {f"m{i:03d}.py": ("def f(:\n" if i % 5 == 0 else "x = 1\n") for i in range(80)})
    hashed: list[int] = []
    results: list = []
    real_lint = engine._lint_source

    def lint_counted(*args):
        res = real_lint(*args)
        results.append(res)
        return res

    monkeypatch.setattr(engine, "digest", lambda data: hashed.append(len(data)) or digest(data))
    monkeypatch.setattr(engine, "_lint_source", lint_counted)
    s = Settings(select=["PY001"])
    plain = run(RunOptions([tmp_path], s, jobs=1, no_cache=True))
    assert hashed == [] and len(results) == 80 and {r.digest for r in results} == {""}
    pooled = run(RunOptions([tmp_path], s, jobs=2, no_cache=True))
    assert hashed == []
    cached = run(RunOptions([tmp_path], s, jobs=1))
    assert len(hashed) == 80
    assert results[-1].digest == digest((tmp_path / results[-1].path).read_bytes())
    assert len(plain.diagnostics) == 16
    assert [d.to_dict() for d in plain.diagnostics] == [d.to_dict() for d in pooled.diagnostics] == \
        [d.to_dict() for d in cached.diagnostics]
    (tmp_path / "m001.py").write_text("x = (\n")
    fixed = run(RunOptions([tmp_path], Settings(select=["PY001"]), jobs=1, no_cache=True, fix=True))
    assert len(hashed) > 80 and len(fixed.diagnostics) == 17


def test_process_pool_leaves_the_collector_as_it_found_it(tmp_path: Path):
    """The pool freezes the parent's objects for the fork; a long-lived caller (the language server) must not be
    left with them frozen, or their garbage would never be collected."""
    import gc
    write_tree(tmp_path, {f"m{i:03d}.py": "x = 1\n" for i in range(80)})
    gc.unfreeze()
    run(RunOptions([tmp_path], Settings(select=["PY001"]), jobs=2, no_cache=True))
    assert gc.get_freeze_count() == 0


import pytest  # noqa: E402


@pytest.mark.parametrize("rel,data,code,line,col,message", [
    ("addons/a/security/ir.model.access.csv", b"id,name\n\xff\n", "CSV001", 2, 1,
     "not valid utf-8: byte 0xff cannot be decoded (invalid start byte)"),
    ("addons/a/i18n/fr.po", b"msgid \"\"\n\xc3(\n", "PO001", 2, 1,
     "not valid utf-8: byte 0xc3 cannot be decoded (invalid continuation byte)"),
    (".do/app.yaml", b"name: x\nservices:\n  - name: [\n", "DO001", 4, 1,
     "YAML error: expected the node content, but found '<stream end>'"),
    ("Dockerfile", b"RUN echo hi\n", "DF001", 1, 1, "Dockerfile has no FROM instruction"),
    ("superset/superset_config.py", b"SECRET_KEY = (\n", "SUP001", 1, 14, "SyntaxError: '(' was never closed"),
    (".github/workflows/ci.yml", b"on: push\njobs:\n\t- x\n", "GHA001", 3, 1,
     "YAML error: found character '\\t' that cannot start any token"),
    (".env", b"A=\xff\n", "ENV001", 1, 3, "not valid utf-8: byte 0xff cannot be decoded (invalid start byte)"),
    ("addons/a/__manifest__.py", b"{'name': 'A', 'depends': ['base'] + EXTRA}\n", "MF001", 1, 26,
     "manifest is not a literal: `['base'] + EXTRA` is not a constant (Odoo reads the manifest with "
     "ast.literal_eval)"),
])
def test_each_kind_reports_through_its_parse_error_rule(tmp_path: Path, rel, data, code, line, col, message):
    res = lint(tmp_path, {rel: data}, select=[code])
    assert rows(res, tmp_path) == [(rel, code, line, col, message)]


def test_noqa_for_a_rule_the_target_turns_off_is_not_unused(tmp_path: Path):
    files = {"addons/m/__manifest__.py": "{'name': 'M', 'version': '17.0.1.0.0'}\n",
             "addons/m/views/v.xml": '<odoo>\n  <!-- odoolint: noqa: XML101 -->\n  <record id="v" model="ir.ui.view">'
                                     '<field name="arch" type="xml"><tree/></field></record>\n</odoo>\n'}
    assert rows(lint(tmp_path, files, select=["OL001", "XML101"], odoo_version="17.0"), tmp_path) == []
    assert rows(lint(tmp_path, select=["OL001", "XML101"], odoo_version="18.0"), tmp_path) == []
    (tmp_path / "addons/m/views/v.xml").write_text('<odoo>\n  <!-- odoolint: noqa: XML101 -->\n  <record id="v" '
                                                   'model="ir.ui.view"><field name="arch" type="xml"><list/></field>'
                                                   '</record>\n</odoo>\n')
    assert rows(lint(tmp_path, select=["OL001", "XML101"], odoo_version="18.0"), tmp_path) == [
        ("addons/m/views/v.xml", "OL001", 2, 3, "Unused suppression (XML101)")]


def test_an_unreadable_file_is_a_finding_not_a_traceback(tmp_path: Path):
    write_tree(tmp_path, {})
    (tmp_path / "odoo.conf").symlink_to(tmp_path / "missing.conf")   # unreadable for anyone, root included
    res = lint(tmp_path, select=["CNF001"])
    assert rows(res, tmp_path) == [("odoo.conf", "CNF001", 1, 1, "cannot read the file: No such file or directory")]
    assert res.errors == []
