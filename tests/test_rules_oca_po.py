"""PO rules (PO001 through polib, PO101-PO106) on our own translation files."""
from __future__ import annotations

from tests.helpers import lint, rows

HEAD = ('# Translation of Odoo Server.\nmsgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
GOOD = HEAD + ('#. module: m\n#: model:ir.model.fields,field_description:m.field_x__name\nmsgid "Name"\n'
               'msgstr "Nom"\n\n#. module: m\n#: code:addons/m/models.py:0\n#, python-format\n'
               'msgid "%(count)s orders for {partner}"\nmsgstr "%(count)s commandes pour {partner}"\n')
BAD = HEAD + (
    '#. module: m\n#: model:ir.model.fields,field_description:m.field_x__name\nmsgid "Name"\nmsgstr "Nom"\n\n'
    '#. module: m\n#: model:ir.model.fields,field_description:m.field_x__name\nmsgid "Title"\nmsgstr "Titre"\n\n'
    '#. module: m\n#: code:addons/m/models.py:0\nmsgid "Name"\nmsgstr "Nom complet"\n\n'
    '#. module: m\n#, python-format\nmsgid "%s orders"\nmsgstr "%d commandes"\n\n'
    '#. module: m\n#, python-format\nmsgid "{name} is late"\nmsgstr "{nom} est en retard"\n\n'
    '#: code:addons/m/models.py:0\nmsgid "Orphan"\nmsgstr "Orphelin"\n')


def test_po_rules_positive(tmp_path):
    res = lint(tmp_path, {"m/__manifest__.py": "{'name': 'm'}\n", "m/i18n/fr.po": BAD}, select=["PO"])
    assert not res.errors
    assert rows(res, tmp_path) == [
        ("m/i18n/fr.po", "PO101", 8, 1, "Duplicate PO message definition `Name` in lines 18: Odoo exports terms by "
                                        "msgid and keeps one of them (use `i18n_extra/` for deliberate duplicates)"),
        ("m/i18n/fr.po", "PO102", 8, 1, "Translation for model:ir.model.fields,field_description:m.field_x__name is "
                                        "defined more than once (also in line(s) 13): only the last one is kept"),
        ("m/i18n/fr.po", "PO103", 23, 1, "Translation string cannot be formatted with str % the msgid's variables: "
                                         "TypeError('%d format: a real number is required, not str')"),
        ("m/i18n/fr.po", "PO104", 28, 1, "Translation string cannot be formatted with str.format and the msgid's "
                                         "fields: KeyError('nom')"),
        ("m/i18n/fr.po", "PO105", 31, 1, "Translation entry requires comment `#. module: MODULE`"),
        ("m/i18n/fr.po", "PO106", 1, 1, "Wrong formatting: entries not sorted by msgid, not wrapped at 78 columns, "
                                        "or a msgstr that repeats its msgid"),
    ]


def test_po_rules_negative_and_i18n_extra(tmp_path):
    res = lint(tmp_path, {"m/__manifest__.py": "{'name': 'm'}\n", "m/i18n/fr.po": GOOD}, select=["PO"])
    assert [r[1] for r in rows(res, tmp_path)] == ["PO106"]        # unsorted only
    # duplicates are deliberate in i18n_extra/; the other checks still apply there
    res = lint(tmp_path, {"m/i18n_extra/fr.po": BAD}, select=["PO101", "PO103"])
    assert [r[:3] for r in rows(res, tmp_path)] == [("m/i18n_extra/fr.po", "PO103", 23)]


def test_po_pretty_format_accepts_the_exporters_layout(tmp_path):
    res = lint(tmp_path, {"m/i18n/fr.po": GOOD}, select=["PO106"])
    assert len(rows(res, tmp_path)) == 1
    # the same entries sorted by msgid, as polib writes them: nothing to report
    import polib
    po = polib.pofile(GOOD)
    po.sort(key=lambda e: e.msgid)
    (tmp_path / "m/i18n/fr.po").write_text(str(po), encoding="utf-8")
    assert rows(lint(tmp_path, select=["PO106"]), tmp_path) == []


def test_po_parse_error_is_what_polib_refuses(tmp_path):
    broken = HEAD + '#. module: m\nmsgid "a"\nmsgstr "b" "c\n'
    res = lint(tmp_path, {"m/i18n/fr.po": broken, "m/i18n/de.po": b"msgid \"\xe9\"\nmsgstr \"\"\n",
                          "m/i18n/ok.po": GOOD}, select=["PO001"])
    assert rows(res, tmp_path) == [
        ("m/i18n/de.po", "PO001", 1, 8, "not valid utf-8: byte 0xe9 cannot be decoded (invalid continuation byte)"),
        ("m/i18n/fr.po", "PO001", 8, 1, "polib: Syntax error in po file: unescaped double quote found")]


def test_po_never_opens_a_path_named_by_its_content(tmp_path):
    target = tmp_path / "secret.po"
    target.write_text(GOOD.replace("Nom", "Secret"), encoding="utf-8")
    res = lint(tmp_path, {"m/i18n/fr.po": str(target)}, select=["PO"])
    # the one-line content is parsed as PO text (polib would open the file it names)
    assert [r[1] for r in rows(res, tmp_path) if r[0] == "m/i18n/fr.po"] == ["PO001"]


def test_oca_hooks_disable_in_po(tmp_path):
    disabled = "# oca-hooks:disable=po-requires-module,po-pretty-format\n" + BAD
    res = lint(tmp_path, {"m/i18n/fr.po": disabled}, select=["PO105", "PO106", "PO103", "OL001"])
    assert [r[1] for r in rows(res, tmp_path)] == ["PO103"]
