"""MF201-MF222: pylint-odoo's manifest checks and their options, on fixtures of our own."""
from tests.helpers import lint, rows

M = "my_mod/__manifest__.py"
GOOD = ("{'name': 'X', 'version': '17.0.1.0.0', 'license': 'AGPL-3', 'author': 'Me, Odoo Community Association "
        "(OCA)', 'website': 'https://github.com/OCA/x', 'development_status': 'Beta', 'maintainers': ['me'],\n"
        " 'summary': 'One line', 'data': ['views/a.xml'], 'assets': {'web.assets_backend': ['my_mod/static/x.js']}}\n")
BAD = '''{
    'name': 'X',
    'version': '1.0',
    'author': ['Me'],
    'description': 'Long',
    'license': 'OPL-1',
    'category': 'Stuff',
    'website': 'github.com/x',
    'support': 'help',
    'development_status': 'Stable',
    'maintainers': 'me',
    'summary': 'Two\\nlines',
    'data': ['views/a.xml', 'views/b.xml', 'views/a.xml'],
    'assets': {'web.assets_backend': ['https://cdn.example.com/x.js', ('include', 'web._x'),
                                      ('after', 'x', 'http://cdn.example.com/y.js')]},
    'installable': True,
    'auto_install': False,
    'price': 10,
}
'''


def run(tmp_path, manifest, select, extra=None, **kw):
    files = {M: manifest, "my_mod/views/a.xml": "<odoo/>\n", "my_mod/README.rst": "X\n"}
    files.update(extra or {})
    return lint(tmp_path, files, select=select, **kw)


def one(tmp_path, code, manifest=BAD, **kw):
    return [r[2:] for r in rows(run(tmp_path, manifest, [code], **kw), tmp_path)]


def test_a_conforming_manifest_has_no_policy_finding(tmp_path):
    assert rows(run(tmp_path, GOOD, [f"MF2{n:02d}" for n in range(1, 23)]), tmp_path) == []


def test_author_checks(tmp_path):
    assert one(tmp_path, "MF202") == [(4, 5, "The author key in the manifest file must be a string (with comma "
                                       "separated values)")]
    assert one(tmp_path / "b", "MF201", manifest="{'name': 'X', 'author': 'Me', 'license': 'AGPL-3'}\n") == [
        (1, 15, "One of the following authors must be present in manifest: 'Odoo Community Association (OCA)'")]
    # the option, under pylint-odoo's name
    assert one(tmp_path / "c", "MF201", manifest="{'name': 'X', 'author': 'Me', 'license': 'AGPL-3'}\n",
               options={"pylint-odoo": {"manifest-required-authors": ["Me"]}}) == []


def test_keys(tmp_path):
    assert one(tmp_path, "MF203", manifest="{'name': 'X'}\n") == [(1, 1, 'Missing required key "license" in '
                                                                   'manifest file')]
    assert one(tmp_path / "b", "MF204") == [(5, 5, 'Deprecated key "description" in manifest file')]
    assert one(tmp_path / "c", "MF217") == [
        (16, 5, 'Manifest superfluous key "installable". It is the same as the default value: True. Better remove it'),
        (17, 5, 'Manifest superfluous key "auto_install". It is the same as the default value: False. Better '
         'remove it')]


def test_values(tmp_path):
    assert one(tmp_path, "MF205") == [(6, 5, 'License "OPL-1" not allowed in manifest file.')]
    assert one(tmp_path / "a", "MF206", options={"pylint-odoo": {"category-allowed": ["Sales"]}},
               manifest="{'name': 'X', 'category': 'Stuff'}\n") == [
        (1, 15, 'Category "Stuff" not allowed in manifest file.')]
    assert one(tmp_path / "b", "MF209") == [
        (8, 5, 'Website "github.com/x" in manifest key is not a valid URI. URL needs to start with \'http[s]://\'')]
    assert one(tmp_path / "c", "MF210") == [(9, 5, 'Invalid email "help"')]
    assert one(tmp_path / "d", "MF211") == [(10, 5, 'Manifest key development_status "Stable" not allowed. Use one '
                                             'of: Alpha, Beta, Mature, Production/Stable.')]
    assert one(tmp_path / "e", "MF212") == [(11, 5, "The maintainers key in the manifest file must be a list of "
                                             "strings")]


def test_version_format_follows_target_and_option(tmp_path):
    rx = r"(4\.2|5\.0|6\.0|6\.1|7\.0|8\.0|9\.0|10\.0|11\.0|12\.0|13\.0|14\.0|15\.0|16\.0|17\.0|18\.0|19\.0|20\.0)"
    assert one(tmp_path, "MF207") == [(3, 5, f'Wrong Version Format "1.0" in manifest file. Regex to match: '
                                       f'"{rx}\\.\\d+\\.\\d+\\.\\d+$"')]
    man = "{'name': 'X', 'version': '16.0.1.0.0'}\n"
    assert one(tmp_path / "b", "MF207", manifest=man) == []
    assert one(tmp_path / "c", "MF207", manifest=man, odoo_version="17.0") == [
        (1, 15, 'Wrong Version Format "16.0.1.0.0" in manifest file. Regex to match: "(17\\.0)\\.\\d+\\.\\d+\\.\\d+$"')]


def test_lists_and_assets(tmp_path):
    assert one(tmp_path, "MF208") == [(13, 14, 'The file "views/a.xml" is duplicated in lines 13 from manifest key '
                                       '"data"')]
    assert one(tmp_path / "b", "MF214") == [
        (14, 39, "Asset https://cdn.example.com/x.js should be distributed with module's source code. More info at "
         "https://httptoolkit.com/blog/public-cdn-risks/"),
        (15, 39, "Asset http://cdn.example.com/y.js should be distributed with module's source code. More info at "
         "https://httptoolkit.com/blog/public-cdn-risks/")]


def test_summary_multiline_from_20(tmp_path):
    # no target and no five-part version: the series is unknown and, as in pylint-odoo, the gate is open
    assert one(tmp_path, "MF213") == [
        (12, 5, "Summary in manifest file should be a one-line short description, found newline character")]
    assert one(tmp_path / "a", "MF213", manifest=BAD.replace("'1.0'", "'17.0.1.0.0'")) == []   # its own series
    assert one(tmp_path / "b", "MF213", odoo_version="20.0") == [
        (12, 5, "Summary in manifest file should be a one-line short description, found newline character")]
    assert one(tmp_path / "c", "MF213", odoo_version="19.0") == []


def test_app_checks(tmp_path):
    assert one(tmp_path, "MF215") == [
        (1, 1, 'Missing required key "currency" in manifest file for modules with price.'),
        (1, 1, 'Missing required key "images" in manifest file for modules with price.')]
    assert one(tmp_path / "b", "MF216") == [(7, 5, 'Category "Stuff" not allowed in manifest file for modules with '
                                             'price.')]
    assert one(tmp_path / "c", "MF221") == [(1, 1, "Missing my_mod/static/description/index.html file for modules "
                                             "with price")]
    assert one(tmp_path / "d", "MF220", options={"pylint-odoo": {"odoo-required-files": ["static/icon.png"]}}) == [
        (1, 1, "Missing my_mod/static/icon.png file")]
    assert one(tmp_path / "e", "MF221", manifest=GOOD) == []


def test_folder_checks(tmp_path):
    assert one(tmp_path, "MF219") == [(13, 29, 'File "data": "views/b.xml" not found.')]
    assert one(tmp_path / "b", "MF218") == []
    t = tmp_path / "c"
    t.mkdir()
    assert [r[1:] for r in rows(lint(t, {M: "{'name': 'X'}\n"}, select=["MF218"]), t)] == [
        ("MF218", 1, 1, "Missing ./README.rst file. Template here: "
         "https://github.com/OCA/maintainer-tools/blob/master/template/module/README.rst")]
    man = "{'name': 'X', 'version': '17.0.1.0.0'}\n"
    assert one(tmp_path / "d", "MF222", manifest=man, extra={"my_mod/migrations/17.0.1.1.0/post-migrate.py": "",
                                                             "my_mod/migrations/17.0.0.9.0/post-migrate.py": ""}) == [
        (1, 1, "Manifest version (17.0.1.0.0) is lower than migration scripts (17.0.1.1.0)")]
    assert one(tmp_path / "e", "MF222", manifest=man, extra={"my_mod/migrations/17.0.1.0.0/pre-migrate.py": ""}) == []
