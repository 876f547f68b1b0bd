"""PO/POT rules (the checks of OCA's `oca-checks-po`), on the entries of sources/po.py.

Odoo reads translations with polib (odoo/tools/translate.py `PoFileReader`, 16.0-19.0): the entries are polib's
(or the fast reader's, equal field by field), so what these rules see is what Odoo loads. They share one pass over
the entries (entries.py).
"""
from __future__ import annotations

import re

from odoolint.model import Finding
from odoolint.registry import rule

from .entries import po_entries
from .format_strings import format_error, printf_error

_SOURCE = "odoo/tools/translate.py `PoFileReader` (16.0-19.0: `polib.pofile(source.read().decode())`)"


def _line_span(ctx, line: int):
    line = max(1, min(line, ctx.index.line_count))
    start = ctx.index.line_start(line)
    return ctx.span(start, start + len(ctx.index.line_text(line)))


def msgid_line(ctx, entry) -> int:
    """Line of the entry's first keyword line (`msgctxt` or `msgid`): polib's `linenum` is its first comment."""
    line = entry.linenum or 1
    last = ctx.index.line_count
    while line < last and ctx.index.line_text(line).lstrip().startswith("#"):
        line += 1
    return line


def _folder(ctx) -> str:
    parts = ctx.relpath.replace("\\", "/").split("/")
    return parts[-2] if len(parts) > 1 else ""


def _short(msgid: str) -> str:
    s = re.sub(r"[\n\t]*", "", msgid[:40]).strip()
    return s + "..." if len(msgid) > 40 else s


@rule("PO101", "po-duplicate-message-definition", summary="The same msgid is translated twice in one PO file",
      kinds=["po"], severity="warning", tags=["correctness", "oca-hooks"], aliases=["po-duplicate-message-definition"],
      what="Reports a msgid (outside `msgctxt`, obsolete entries excluded) that a PO/POT file defines in more than "
           "one entry, once, at the first entry's `msgid` line, with the lines of the others. Files under "
           "`i18n_extra/` are not checked (OCA keeps deliberate duplicates there).",
      why="Odoo's exporter groups terms by msgid (`PoFileWriter.write_rows`), so the next export merges the "
          "entries and one translation is lost; while both exist, code translations keyed by msgid keep only "
          "one of them.",
      before='#. module: m\nmsgid "Name"\nmsgstr "Nom"\n\n#. module: m\nmsgid "Name"\nmsgstr "Nom complet"',
      after='#. module: m\nmsgid "Name"\nmsgstr "Nom"',
      source="odoo/tools/translate.py `PoFileWriter.write_rows` (`grouped_rows.setdefault(src, ...)`, 16.0-19.0); "
             "OCA oca-checks-po `po-duplicate-message-definition`")
def po_duplicate_message(ctx):
    if _folder(ctx) == "i18n_extra":
        return
    for msgid, entries in po_entries(ctx).duplicate_msgids:
        others = ", ".join(str(msgid_line(ctx, e)) for e in entries[1:])
        yield Finding(_line_span(ctx, msgid_line(ctx, entries[0])),
                      f"Duplicate PO message definition `{_short(msgid)}` in lines {others}: Odoo exports "
                      f"terms by msgid and keeps one of them (use `i18n_extra/` for deliberate duplicates)")


@rule("PO102", "po-duplicate-model-definition", summary="Two entries translate the same `model:` occurrence",
      kinds=["po"], severity="warning", tags=["correctness", "oca-hooks"], aliases=["po-duplicate-model-definition"],
      what="Reports a `#: model:<model>,<field>:<module>.<xmlid>` occurrence that more than one (non-obsolete) "
           "entry of the file carries, once, at the first entry's `msgid` line, with the lines of the others.",
      why="Each `model:` occurrence is the translation of one field of one record: Odoo imports every entry "
          "carrying it into that same field, so only the last translation survives.",
      before='#: model:ir.model.fields,field_description:m.field_x__name\nmsgid "Name"\nmsgstr "Nom"\n\n'
             '#: model:ir.model.fields,field_description:m.field_x__name\nmsgid "Title"\nmsgstr "Titre"',
      after='#: model:ir.model.fields,field_description:m.field_x__name\nmsgid "Name"\nmsgstr "Nom"',
      source="odoo/tools/translate.py `PoFileReader.__iter__` (one row per `model:` occurrence, 16.0-19.0); OCA "
             "oca-checks-po `po-duplicate-model-definition`")
def po_duplicate_model(ctx):
    for occurrence, entries in po_entries(ctx).duplicate_models:
        others = ", ".join(str(msgid_line(ctx, e)) for e in entries[1:])
        yield Finding(_line_span(ctx, msgid_line(ctx, entries[0])),
                      f"Translation for {occurrence} is defined more than once (also in line(s) {others}): only "
                      f"the last one is kept")


@rule("PO103", "po-python-parse-printf", summary="Translation that `%` formatting with the source's arguments breaks",
      kinds=["po"], severity="error", tags=["correctness", "oca-hooks"], aliases=["po-python-parse-printf"],
      what="For translated entries flagged `python-format`, builds dummy arguments from the msgid's `%s`, `%d`, "
           "`%(name)s` placeholders and reports the entry when the msgid formats with them but the msgstr does "
           "not (a placeholder missing, added, renamed or mistyped), at its `msgid` line.",
      why="Odoo formats the translated string with the caller's arguments (`_('%s orders') % n`): in that "
          "language the call raises TypeError/KeyError/ValueError, so the action fails only for those users.",
      before='#, python-format\nmsgid "%(count)s orders"\nmsgstr "%(cuenta)s pedidos"',
      after='#, python-format\nmsgid "%(count)s orders"\nmsgstr "%(count)s pedidos"',
      source="odoo/tools/translate.py `_` / `GettextAlias` (the translated source is %-formatted by the caller; "
             "16.0-19.0); OCA oca-checks-po `po-python-parse-printf`")
def po_python_printf(ctx):
    for e in po_entries(ctx).python_format:
        err = printf_error(e.msgid, e.msgstr)
        if err:
            yield Finding(_line_span(ctx, msgid_line(ctx, e)),
                          f"Translation string cannot be formatted with str % the msgid's variables: {err}")


@rule("PO104", "po-python-parse-format", summary="Translation that `str.format` with the source's arguments breaks",
      kinds=["po"], severity="error", tags=["correctness", "oca-hooks"], aliases=["po-python-parse-format"],
      what="For translated entries flagged `python-format` whose msgid has no `%` placeholder problem, builds "
           "dummy arguments from the msgid's `{}`, `{0}`, `{name}` fields and reports the entry when the msgid "
           "formats with them but the msgstr does not, at its `msgid` line.",
      why="Code that calls `.format()` on the translated string raises IndexError/KeyError in that language.",
      before='#, python-format\nmsgid "{name} is late"\nmsgstr "{nombre} llega tarde"',
      after='#, python-format\nmsgid "{name} is late"\nmsgstr "{name} llega tarde"',
      source="odoo/tools/translate.py `_` (16.0-19.0; 18.0+ `env._` formats keyword arguments); OCA "
             "oca-checks-po `po-python-parse-format`")
def po_python_format(ctx):
    for e in po_entries(ctx).python_format:
        if not printf_error(e.msgid, e.msgstr):
            err = format_error(e.msgid, e.msgstr)
            if err:
                yield Finding(_line_span(ctx, msgid_line(ctx, e)),
                              f"Translation string cannot be formatted with str.format and the msgid's fields: "
                              f"{err}")


@rule("PO105", "po-requires-module", summary="Translation entry without its `#. module:` comment",
      kinds=["po"], severity="error", tags=["correctness", "oca-hooks"], aliases=["po-requires-module"],
      what="Reports an entry (obsolete ones excluded) whose extracted comments do not start with "
           "`module: <name>` or `modules: <names>`, at the entry's first line.",
      why="Odoo's reader takes the module of every entry from that comment: `re.match(r\"(module[s]?): (\\w+)\", "
          "entry.comment)` then `match.groups()`, so one entry without it makes loading the language raise.",
      before='msgid "Name"\nmsgstr "Nom"', after='#. module: my_module\nmsgid "Name"\nmsgstr "Nom"',
      source="odoo/tools/translate.py `PoFileReader.__iter__` (16.0-19.0); OCA oca-checks-po "
             "`po-requires-module`")
def po_requires_module(ctx):
    for e in po_entries(ctx).without_module:
        yield Finding(_line_span(ctx, e.linenum or 1), "Translation entry requires comment `#. module: MODULE`")


def pretty_text(ctx) -> str:
    """The file as the hooks' formatter writes it: entries sorted by msgid, msgstr equal to msgid cleared
    (except in `i18n_extra/`), wrapped at 78 columns by polib. Works on a fresh parse: the shared tree stays."""
    from odoolint.sources.po import parse_po_text

    po = parse_po_text(ctx.tree.text)
    po.sort(key=lambda e: e.msgid)
    if _folder(ctx) != "i18n_extra":
        for e in po:
            if e.msgid == e.msgstr:
                e.msgstr = ""
    return str(po)


@rule("PO106", "po-pretty-format", summary="PO file not in the layout Odoo's exporter writes",
      kinds=["po"], severity="info", tags=["style", "oca-hooks"], aliases=["po-pretty-format"], default_enabled=False,
      what="Reports (once, at line 1) a PO/POT file that differs from its normalised form: entries sorted by "
           "msgid, lines wrapped at 78 columns by polib, and a msgstr equal to its msgid cleared (outside "
           "`i18n_extra/`). Off by default, as OCA's repository template disables it.",
      why="Files in the exporter's layout keep diffs small when translations are exported again or merged "
          "from Weblate; nothing breaks otherwise.",
      before='msgid "b"\nmsgstr ""\n\nmsgid "a"\nmsgstr "a"', after='msgid "a"\nmsgstr ""\n\nmsgid "b"\nmsgstr ""',
      source="odoo/tools/translate.py `PoFileWriter` (polib, sorted terms, 16.0-19.0); OCA oca-checks-po "
             "`po-pretty-format`; oca-addons-repo-template .pre-commit-config.yaml `--disable=po-pretty-format`")
def po_pretty_format(ctx):
    if getattr(ctx.tree, "scan", None) is None and getattr(ctx.tree, "pofile", None) is None:
        return      # (a fast reader's scan is a parsed file: its entries are not built for this)
    if pretty_text(ctx) != ctx.tree.text:
        yield Finding(_line_span(ctx, 1), "Wrong formatting: entries not sorted by msgid, not wrapped at 78 "
                                          "columns, or a msgstr that repeats its msgid")
