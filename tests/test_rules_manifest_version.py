"""MF101 manifest-version-series: exact findings, messages per target and the prefix-only fix."""
import pytest

from tests.helpers import lint, rows

MANIFEST = '''# header comment
{
    "name": "X",
    "version": "17.0.1.2.0",  # keep me
    'license': 'LGPL-3',
}
'''


def _lint(tmp_path, text, version, **kw):
    files = None if text is None else {"my_mod/__manifest__.py": text, "my_mod/__init__.py": ""}
    return lint(tmp_path, files, odoo_version=version, select=["MF101"], **kw)


def test_19_message_and_position(tmp_path):
    r = _lint(tmp_path, MANIFEST, "19.0")
    assert rows(r, tmp_path) == [("my_mod/__manifest__.py", "MF101", 4, 16,
                                  "version '17.0.1.2.0' does not name the 19.0 series: installable=False: the "
                                  "module silently disappears from the apps list")]
    assert r.diagnostics[0].severity.value == "error"


@pytest.mark.parametrize("target", ["17.0", "18.0"])
def test_17_18_message(tmp_path, target):
    text = MANIFEST.replace("17.0.1.2.0", "16.0.1.2.0")
    r = _lint(tmp_path, text, target)
    assert rows(r, tmp_path) == [("my_mod/__manifest__.py", "MF101", 4, 16,
                                  f"version '16.0.1.2.0' does not name the {target} series: ValueError at load: "
                                  "the server refuses the module")]


def test_16_prefix_warning(tmp_path):
    r = _lint(tmp_path, MANIFEST.replace("17.0.1.2.0", "15.0.1.0.0"), "16.0")
    assert rows(r, tmp_path) == [("my_mod/__manifest__.py", "MF101", 4, 16,
                                  "version '15.0.1.0.0' does not start with 16.0: Odoo 16.0 prefixes it and loads "
                                  "the module as version '16.0.15.0.1.0.0'")]
    assert r.diagnostics[0].severity.value == "warning"


@pytest.mark.parametrize("version", ["19.0.1.2.0", "1.0", "1.0.3", "19.0.1.0"])
def test_accepted_versions(tmp_path, version):
    assert rows(_lint(tmp_path, MANIFEST.replace("17.0.1.2.0", version), "19.0"), tmp_path) == []


def test_not_installable_is_skipped(tmp_path):
    text = MANIFEST.replace("'license'", "'installable': False, 'license'")
    assert rows(_lint(tmp_path, text, "19.0"), tmp_path) == []


def test_no_target_no_finding(tmp_path):
    # without --odoo-version the target comes from the manifest itself, which then agrees with it
    assert rows(_lint(tmp_path, MANIFEST, None), tmp_path) == []


def test_six_parts(tmp_path):
    r = _lint(tmp_path, MANIFEST.replace("17.0.1.2.0", "19.0.1.2.0.1"), "19.0")
    assert rows(r, tmp_path) == [("my_mod/__manifest__.py", "MF101", 4, 16,
                                  "version '19.0.1.2.0.1' must have 2 to 5 numeric parts: Odoo 19.0 raises "
                                  "ValueError at load ('invalid manifest'): the server refuses the module")]
    assert r.diagnostics[0].fix is None
    r = _lint(tmp_path, MANIFEST.replace("17.0.1.2.0", "18.0.1.2.0.1"), "18.0")
    assert rows(r, tmp_path)[0][4] == ("version '18.0.1.2.0.1' is not `x.y`, `x.y.z`, `18.0.x.y` or `18.0.x.y.z`: "
                                       "Odoo 18.0 raises ValueError at load: the server refuses the module")


def test_four_part_without_series_has_no_fix(tmp_path):
    r = _lint(tmp_path, MANIFEST.replace("17.0.1.2.0", "1.0.0.1"), "19.0")
    assert [d.fix for d in r.diagnostics] == [None]


def test_fix_migration_resets_the_module_version_and_is_idempotent(tmp_path):
    """17.0 -> 19.0 is a migration: `19.0.1.0.0` (OCA's convention), only the string's content changes."""
    text = MANIFEST.replace("\n", "\r\n")
    _lint(tmp_path, text, "19.0", fix=True)
    p = tmp_path / "my_mod/__manifest__.py"
    assert p.read_bytes() == text.replace("17.0.1.2.0", "19.0.1.0.0").encode()
    r = _lint(tmp_path, None, "19.0", fix=True)
    assert rows(r, tmp_path) == [] and p.read_bytes() == text.replace("17.0.1.2.0", "19.0.1.0.0").encode()


def test_fix_keeps_single_quotes(tmp_path):
    text = "{'name': 'X', 'version': '18.0.2.0.0', 'license': 'LGPL-3'}\n"
    _lint(tmp_path, text, "19.0", fix=True)
    assert (tmp_path / "my_mod/__manifest__.py").read_text() == text.replace("18.0.2.0.0", "19.0.1.0.0")


def test_fix_four_parts_migrated_to_five(tmp_path):
    text = "{'name': 'X', 'version': '16.0.3.1', 'license': 'LGPL-3'}\n"
    _lint(tmp_path, text, "17.0", fix=True)
    assert (tmp_path / "my_mod/__manifest__.py").read_text() == text.replace("16.0.3.1", "17.0.1.0.0")


def test_fix_backport_rewrites_only_the_prefix(tmp_path):
    """A newer series linted for an older target (a backport) keeps the module's own x.y.z."""
    text = "{'name': 'X', 'version': '19.0.2.1.0', 'license': 'LGPL-3'}\n"
    r = _lint(tmp_path, text, "18.0", fix=True)
    assert (tmp_path / "my_mod/__manifest__.py").read_text() == text.replace("19.0.2.1.0", "18.0.2.1.0")
    assert not _lint(tmp_path, None, "18.0", fix=True).fixed
