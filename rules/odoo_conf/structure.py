"""odoo.conf structure as RawConfigParser sees it: the [options] section, inline comments, continuation lines."""
from __future__ import annotations

import re

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule

from . import common
from .template import in_merged_dir

_SRC_LOAD = ("odoo/tools/config.py 16.0/17.0/18.0 `load`, 19.0 `_load_file_options`: "
             "`RawConfigParser()`, `p.items('options')`, `except ConfigParser.NoSectionError: pass`")
# keys whose value Odoo splits on commas and strips (so a newline after a comma is harmless):
# 16.0-18.0 `_parse_config` addons_path/upgrade_path/server_wide_modules/log_handler, 17.0+ db_name (multi-db),
# 19.0 `_check_comma` types (dev_mode, pre_upgrade_scripts)
COMMA_KEYS = frozenset({"addons_path", "upgrade_path", "server_wide_modules", "log_handler", "db_name",
                        "dev_mode", "pre_upgrade_scripts"})
_OPTIONS_LIKE = re.compile(r"^\s*options?\s*$", re.I)
_KEY_LINE = re.compile(r"^([A-Za-z_][A-Za-z0-9_.-]*)\s*[=:]")
# configparser's inline comment syntax (not enabled by Odoo): whitespace then `;`, or whitespace then `#` and
# whitespace (a `#1` inside a value is rarely a comment)
_INLINE = re.compile(r"(?<!\s)\s+(;|#(?=\s|$))")   # (?<!\s): a run of blanks is tried once


@rule("CNF103", "odoo-conf-missing-options-section", summary="odoo.conf without an `[options]` section",
      kinds=["odoo-conf"], severity="error", fix="safe", tags=["deploy", "correctness"],
      what="Reports an odoo.conf that has settings but no `[options]` section (section names are case-sensitive: "
           "`[Options]` is another section), and one whose settings come before any section header. The fix "
           "renames an `[Options]`/`[option]` header, or inserts `[options]` at the top of a file that has none.",
      why="Odoo reads only `items('options')` and catches NoSectionError, so without that exact section the whole "
          "file is silently ignored and Odoo runs on defaults (database manager on, admin password `admin`). Keys "
          "before any header make configparser raise MissingSectionHeaderError, which Odoo does not catch: the "
          "server does not start.",
      before="db_host = db\ndb_user = odoo\n", after="[options]\ndb_host = db\ndb_user = odoo\n",
      source=_SRC_LOAD)
def missing_options_section(ctx):
    tree = ctx.tree
    if tree is None or tree.has_section("options") or in_merged_dir(ctx):
        return               # a conf.d fragment after the one with the header is merged by its generator
    nl = ctx.newline
    first_key_line = None
    for lineno in range(1, ctx.index.line_count + 1):
        text = ctx.index.line_text(lineno).strip()
        if not text or text.startswith(("#", ";")):
            continue
        if text.startswith("["):
            break
        if _KEY_LINE.match(text):
            first_key_line = lineno
        break
    if first_key_line is not None:
        start = ctx.index.line_start(first_key_line)
        yield Finding(ctx.span(start, ctx.index.line_end(first_key_line)),
                      "settings before any section header: configparser raises MissingSectionHeaderError and Odoo "
                      "does not start; add `[options]` as the first line",
                      fix=Fix((ctx.edit(0, 0, "[options]" + nl),), Applicability.SAFE, "Insert `[options]` at the top"))
        return
    sections = [s for s in tree.sections if s.name != "DEFAULT"]
    if not sections:
        return
    near = [s for s in sections if _OPTIONS_LIKE.match(s.name)]
    if near:
        s = near[0]
        line = ctx.index.line_text(s.line)
        col = line.index("[")
        start = ctx.index.line_start(s.line) + col
        end = start + line[col:].index("]") + 1
        yield Finding(ctx.span(s.start, s.end),
                      f"`[{s.name}]` is not `[options]` (section names are case-sensitive): Odoo ignores the whole "
                      f"file and runs on its defaults; rename the header to `[options]`",
                      fix=Fix((ctx.edit(start, end, "[options]"),), Applicability.SAFE,
                              f"Rename `[{s.name}]` to `[options]`"))
        return
    if not tree.options:
        return
    s = sections[0]
    names = ", ".join(f"[{x.name}]" for x in sections)
    yield Finding(ctx.span(s.start, s.end),
                  f"no `[options]` section (found {names}): Odoo ignores the whole file and runs on its defaults; "
                  f"put the settings under an `[options]` header")


def _comment_match(opt):
    if opt.value_end <= opt.value_start:
        return None
    return _INLINE.search(opt.first_line_value)


@rule("CNF104", "odoo-conf-value-contamination", summary="Inline comment or continuation line that becomes part of a value",
      kinds=["odoo-conf"], severity="error", fix="safe", tags=["deploy", "correctness"],
      what="Reports a ` ; comment` or ` # comment` after a value, and an indented line after a key (a continuation "
           "line), in keys whose value is not a comma-separated list. The fix moves an inline comment to its own "
           "line above the key (not for secrets), and un-indents a continuation line that is really a "
           "`key = value` line.",
      why="Odoo's RawConfigParser has no inline comments and joins indented lines to the previous value, so "
          "`dbfilter = ^prod$ ; prod only` is a regex that never matches, `workers = 4 # four` stops the server "
          "(not an integer), and an indented `db_port = 5432` under `db_host` is not a setting at all.",
      before="[options]\ndbfilter = ^prod$ ; prod only\n", after="[options]\n; prod only\ndbfilter = ^prod$\n",
      source=_SRC_LOAD + "; configparser defaults `inline_comment_prefixes=None`, `empty_lines_in_values=True`")
def value_contamination(ctx):
    tree = ctx.tree
    if tree is None or not tree.has_section("options"):
        return
    opts = common.options(ctx)
    nl = ctx.newline
    for key, opt in opts.items():
        m = _comment_match(opt)
        if m:
            cstart = opt.value_start + m.start()
            marker = opt.value_start + m.start(1)
            comment = opt.first_line_value[m.start(1):]
            line_end = ctx.index.line_end(opt.line)
            if key in common.SECRET_KEYS:
                yield Finding(ctx.span(marker, line_end),
                              f"`{m.group(1)} ...` after the `{key}` value is part of the secret Odoo uses "
                              f"(no inline comments in odoo.conf); if it is a comment, move it to its own line")
                continue
            real = opt.first_line_value[:m.start()]
            if re.match(r"[#;]\s*noqa\b", comment, re.I):
                yield Finding(ctx.span(marker, line_end),
                              f"an inline `{comment}` is part of the `{key}` value in odoo.conf (Odoo reads "
                              f"{opt.value!r}); put the noqa comment on its own line above the key",
                              fix=Fix((ctx.edit(ctx.index.line_start(opt.line), ctx.index.line_start(opt.line),
                                                ctx.index.line_text(opt.line)[:opt.key_start - ctx.index.line_start(
                                                    opt.line)] + comment + nl),
                                       ctx.edit(cstart, line_end, "")), Applicability.SAFE,
                                      "Move the noqa comment above the key")
                              if not opt.continuation_lines else None)
                continue
            effect = "Odoo reads the value as " + repr(opt.value if not opt.continuation_lines else opt.first_line_value)
            fix = None
            if not opt.continuation_lines:
                line_start = ctx.index.line_start(opt.line)
                indent = ctx.index.line_text(opt.line)[:opt.key_start - line_start]
                fix = Fix((ctx.edit(line_start, line_start, indent + comment + nl), ctx.edit(cstart, line_end, "")),
                          Applicability.SAFE, f"Move the comment above `{opt.raw_key}`")
            yield Finding(ctx.span(marker, line_end),
                          f"inline comment becomes part of `{key}`: {effect} instead of {real!r}; "
                          f"put the comment on its own line", fix=fix)
        if not opt.continuation_lines or key in COMMA_KEYS or key not in common.union_keys():
            continue         # a key Odoo does not read belongs to an addon, which parses its own value
        for lineno in opt.continuation_lines:
            text = ctx.index.line_text(lineno)
            col = len(text) - len(text.lstrip())
            start = ctx.index.line_start(lineno) + col
            end = ctx.index.line_end(lineno)
            km = _KEY_LINE.match(text.lstrip())
            if km:
                other = km.group(1).lower()
                fix = None
                if other not in opts:
                    fix = Fix((ctx.edit(ctx.index.line_start(lineno), start, ""),), Applicability.SAFE,
                              f"Un-indent the `{other}` line")
                yield Finding(ctx.span(start, end),
                              f"this indented line is a continuation of `{key}`, not a setting: `{other}` is not "
                              f"set and `{key}` gets a second line; remove the indentation", fix=fix)
            else:
                shown = "its value" if key in common.SECRET_KEYS else repr(opt.value)
                yield Finding(ctx.span(start, end),
                              f"this indented line is joined to `{key}` with a newline ({shown}); "
                              f"put the value on one line or remove the indentation")
