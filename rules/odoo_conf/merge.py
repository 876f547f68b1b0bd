"""odoo.conf fragments of a `conf.d` folder, linted as the file the generator writes from them.

doodba's `bin/config-generate` (Tecnativa/doodba@373775c) reads every file of `/opt/odoo/common/conf.d` (the
image's fragments) and then of `/opt/odoo/custom/conf.d` (the project's, copied from `odoo/custom/conf.d` by the
`-onbuild` image; Tecnativa/doodba-copier-template@e68870d), each folder in `sorted(os.listdir())` order, into one
`RawConfigParser(strict=False)`: sections merge and a key read later replaces the earlier value. It writes the
result and runs `string.Template(result).substitute(os.environ)` over it. The image ships `60-geoip-ge17.conf` and
`60-geoip-lt17.conf`; each `<version>.Dockerfile` deletes one and renames the other (`rm -f ...-lt17.conf && mv
...-ge17.conf 60-geoip.conf` from 17.0 on, the reverse before), so the target version picks one.

So the value rules of odoo.conf judge the merged result, not each fragment: every file of a merged folder (`conf.d`,
`*.d`) is left out of the per-file run of those rules (`common.options`), and this project rule builds the merged
text (every winning option's lines copied verbatim from the fragment that set it), runs the odoo.conf file rules
over it and reports each finding at the fragment and line of the winning value (a fix edits that fragment).

- Folders merge in name order; a project's `custom/conf.d` merges over the image's folder when the image's folder
  (recognised by doodba's version-selected `*-ge<N>.conf` / `*-lt<N>.conf` pair) is in the same project.
- The merge is partial (no rule about an absent key fires on it) unless it holds both the image's and the custom
  fragments: the image alone is completed by a project's fragments, a project's alone by the image's, and any other
  `*.d` folder by a generator odoolint does not know. Without a target version the geoip pair is left out.
- Placeholders stay unknown: the value rules never judge a `$VAR` value (template.py).

CNF124 itself reports what breaks `config-generate` before Odoo even reads the file: a `$` in a value that
`string.Template.substitute` cannot fill (`ValueError: Invalid placeholder`, or a `KeyError` for a lower-case
`$name` such as the `$pbkdf2` of a hashed `admin_passwd`), in doodba folders only.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from odoolint.engine import FileContext
from odoolint.model import Applicability, Finding, Fix, OdooVersion, Span
from odoolint.registry import REGISTRY, facts, rule
from odoolint.sources import Text
from odoolint.sources.odoo_conf import parse_conf

from . import database, hardening, keys, structure, values  # noqa: F401 - the file rules run over merges
from .template import in_merged_dir_path

MAX_FRAGMENT = 256 * 1024
# file rules that do not judge a merged result: the section header of one fragment is its own business
NOT_ON_MERGE = frozenset({"CNF103"})
_VERSIONED = re.compile(r"-(ge|lt)(\d+)\.conf$")
DOODBA_SRC = ("Tecnativa/doodba@373775c bin/config-generate (RawConfigParser(strict=False).read of "
              "common/conf.d then custom/conf.d, sorted; string.Template(result).substitute(os.environ)), "
              "17.0.Dockerfile/16.0.Dockerfile (`60-geoip-ge17.conf` vs `-lt17`); "
              "Tecnativa/doodba-copier-template@e68870d odoo/custom/conf.d")


@facts("odoo-conf", "odoo_conf_fragment")
def extract(ctx) -> Optional[dict]:
    """The text of a file in a merged folder (`conf.d`): the project phase parses it again to merge it."""
    rel = getattr(ctx, "relpath", None) or str(ctx.path)
    if not in_merged_dir_path(rel) or len(ctx.source) > MAX_FRAGMENT:
        return None
    return {"text": ctx.source}


class MergedContext(FileContext):
    """The merged text of a `conf.d` folder, seen by the odoo.conf file rules like a file."""

    merged = True
    partial = True


@dataclass
class _Block:
    start: int                 # offsets in the merged text
    end: int
    path: str                  # the fragment it was copied from
    text: Text
    origin: int                # offset of `start` in the fragment


@dataclass
class Merge:
    folder: str                # relpath of the (last) folder
    members: list = field(default_factory=list)      # (ProjectFile, Text, tree) in merge order
    partial: bool = True
    doodba: bool = False
    target: Optional[OdooVersion] = None


def _pick_versioned(names: list, target: Optional[OdooVersion]) -> list:
    """doodba's Dockerfiles keep `x-ge17.conf` from 17.0 on and `x-lt17.conf` before; unknown target: neither."""
    out = []
    for item in names:
        m = _VERSIONED.search(posixpath.basename(item[0].relpath))
        if m:
            if target is None:
                continue
            bound = int(m.group(2))
            if (m.group(1) == "ge") != (target.major >= bound):
                continue
        out.append(item)
    return out


def merges(project) -> list[Merge]:
    folders: dict[str, list] = {}
    for pf, data in project.facts("odoo_conf_fragment"):
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            continue
        text = Text(data["text"], "utf-8", b"")
        try:
            tree = parse_conf(text, pf.path)
        except Exception:  # noqa: BLE001 - the per-file run reports the parse error
            continue
        folders.setdefault(posixpath.dirname(pf.relpath), []).append((pf, text, tree))
    images = {d for d, items in folders.items()
              if any(_VERSIONED.search(posixpath.basename(pf.relpath)) for pf, _, _ in items)}
    out = []
    for folder, items in sorted(folders.items()):
        items.sort(key=lambda it: posixpath.basename(it[0].relpath))
        target = project.target_for(items[0][0].path)
        custom = folder == "custom/conf.d" or folder.endswith("/custom/conf.d")
        doodba = custom or folder in images
        if folder in images:
            out.append(Merge(folder, _pick_versioned(items, target), True, True, target))
            continue
        if custom and images:
            image = sorted(images)[0]
            base = sorted(folders[image], key=lambda it: posixpath.basename(it[0].relpath))
            # the image's fragments first, the project's over them; the image's own merge reports the image's
            members = _pick_versioned(base, target) + items
            out.append(Merge(folder, members, target is None, True, target))
            continue
        out.append(Merge(folder, items, True, doodba, target))
    return out


def merged_text(m: Merge) -> tuple[str, list[_Block]]:
    """The merged file: sections in order of first appearance, each winning option's lines copied verbatim."""
    sections: dict[str, tuple] = {}             # name -> (pf, text, ConfSection)
    winners: dict[str, dict[str, tuple]] = {}   # section -> key -> (pf, text, ConfOption)
    for pf, text, tree in m.members:
        for s in tree.sections:
            sections.setdefault(s.name, (pf, text, s))
            winners.setdefault(s.name, {})
        for o in tree.options:
            table = winners.setdefault(o.section, {})
            table.pop(o.key, None)              # a key read later is written where configparser keeps it: last
            table[o.key] = (pf, text, o)
    parts: list[str] = []
    blocks: list[_Block] = []
    pos = 0

    def add(pf, text: Text, first: int, last: int):
        nonlocal pos
        a = text.index.line_start(first)
        b = text.index.line_end(last)
        chunk = text.text[a:b] + "\n"
        parts.append(chunk)
        blocks.append(_Block(pos, pos + len(chunk), pf.path, text, a))
        pos += len(chunk)

    for name, (pf, text, s) in sections.items():
        add(pf, text, s.line, s.line)
        for _key, (opf, otext, o) in winners.get(name, {}).items():
            add(opf, otext, o.line, o.end_line or o.line)
    return "".join(parts), blocks


def _block(blocks: list[_Block], offset: int, end: bool) -> Optional[_Block]:
    for b in blocks:
        if (b.start < offset <= b.end) if end else (b.start <= offset < b.end):
            return b
    if not end and blocks and offset == blocks[-1].end:
        return blocks[-1]
    return None


def _map_span(blocks, span: Span) -> Optional[tuple[_Block, Span]]:
    s, e = span.start.offset, span.end.offset
    b = _block(blocks, s, False)
    if b is None:
        return None
    be = b if e == s else _block(blocks, e, True)
    if be is not b:
        e = b.end - 1       # a span that runs into the next copied block ends with its own line
    length = len(b.text.text)
    return b, b.text.index.span(min(length, b.origin + s - b.start), min(length, b.origin + max(s, e) - b.start))


def _map_fix(blocks, fix: Optional[Fix]) -> tuple[Optional[str], Optional[Fix]]:
    """The fix on the fragment that holds every edit, or None when its edits span fragments."""
    if fix is None:
        return None, None
    edits, path = [], None
    for ed in fix.edits:
        s, e = ed.span.start.offset, ed.span.end.offset
        b = _block(blocks, s, False)
        be = b if e == s else _block(blocks, e, True)
        if b is None or be is not b or (path is not None and b.path != path):
            return None, None
        path = b.path
        edits.append(b.text.index.edit(b.origin + s - b.start, b.origin + e - b.start, ed.content))
    return path, Fix(tuple(edits), fix.applicability, fix.message)


def _file_rules(target):
    for code, r in sorted(REGISTRY.rules.items()):
        m = r.meta
        if m.scope == "file" and "odoo-conf" in m.kinds and code not in NOT_ON_MERGE and m.applies_to(target):
            yield r


# `string.Template`'s pattern (Python 3): `$$`, `$name`/`${name}` (case-insensitive identifiers), else invalid
_TEMPLATE = re.compile(r"\$(?:(?P<escaped>\$)|(?P<named>[_a-zA-Z][_a-zA-Z0-9]*)|\{(?P<braced>[_a-zA-Z][_a-zA-Z0-9]*)\}"
                       r"|(?P<invalid>))")


def _dollar_findings(ctx, tree):
    """The first `$` of the merged text that `string.Template.substitute` cannot fill (it stops there)."""
    for o in tree.options:
        value = ctx.source[o.value_start:o.value_end]
        for mt in _TEMPLATE.finditer(value):
            if mt.group("escaped") is not None:
                continue
            name = mt.group("named") or mt.group("braced")
            if name is not None and not any(c.islower() for c in name):
                continue          # `$PGUSER`: a variable of the container's environment
            a = o.value_start + mt.start()
            b = o.value_start + mt.end()
            shown = "its value" if o.key in ("admin_passwd", "db_password", "smtp_password") else f"`{o.key}`"
            if name is None:
                msg = (f"`$` in {shown} is not a valid `string.Template` placeholder: doodba's config-generate "
                       f"stops with \"ValueError: Invalid placeholder\" and the container does not start; write "
                       f"`$$` for a literal `$`")
                fix = Fix((ctx.edit(a, a + 1, "$$"),), Applicability.SAFE, "Write `$$` for a literal `$`")
            else:
                msg = (f"`{mt.group()}` in {shown} is read as the environment variable `{name}` by doodba's "
                       f"config-generate (`string.Template.substitute`): unless the container has it, generation "
                       f"stops with KeyError and the container does not start; write `$$` for a literal `$`")
                fix = Fix((ctx.edit(a, a + 1, "$$"),), Applicability.UNSAFE, "Write `$$` for a literal `$`")
            yield Finding(ctx.span(a, b), msg, fix=fix)
            return


@rule("CNF124", "odoo-conf-fragment-dollar", summary="`$` in a doodba conf.d fragment that config-generate cannot fill",
      kinds=["odoo-conf"], severity="error", fix="safe", tags=["deploy", "correctness"], project=True,
      reports=("CNF101", "CNF102", "CNF104", "CNF106", "CNF107", "CNF108", "CNF109", "CNF110", "CNF111",
               "CNF112", "CNF113", "CNF114", "CNF115", "CNF116", "CNF117", "CNF118", "CNF119", "CNF120", "CNF121",
               "CNF122", "CNF123"),
      what="Merges the odoo.conf fragments of every `conf.d` (or other `*.d`) folder as doodba's `config-generate` "
           "does (name order; a project's `custom/conf.d` over the image's fragments; the geoip fragment of the "
           "target version) and runs the odoo.conf rules over the merged result, each finding at the fragment and "
           "line that set the winning value: a bad value that a later fragment overrides is not reported, a typo'd "
           "key or a bad value in the last fragment is. The merge is partial (no absent-key rule fires) unless "
           "the image's and the project's fragments are both there. Under its own code it reports a `$` in a "
           "value of a doodba folder (`custom/conf.d` or the image's) that `string.Template.substitute` cannot "
           "fill: `$` followed by anything but a name, `{name}` or `$`, and a lower-case `$name` (the `$pbkdf2` of "
           "a hashed admin_passwd) that no container environment defines. The fix writes `$$` (safe for an "
           "invalid placeholder, unsafe for a `$name`).",
      why="config-generate runs when the container starts; `string.Template.substitute` raises ValueError on an "
          "invalid placeholder and KeyError on a name missing from the environment, so the entrypoint fails and "
          "Odoo never starts. The merged file is what Odoo reads, so only its winning values matter.",
      before="[options]\nadmin_passwd = $pbkdf2-sha512$600000$salt$hash\n",
      after="[options]\nadmin_passwd = $$pbkdf2-sha512$600000$salt$hash\n",
      source=DOODBA_SRC + "; Python string.Template (`$$` escape, `substitute` raises KeyError/ValueError)")
def merged_fragments(project):
    seen: set = set()
    for m in merges(project):
        if not m.members:
            continue
        text, blocks = merged_text(m)
        mtext = Text(text, "utf-8", b"")
        try:
            tree = parse_conf(mtext, m.folder)
        except Exception:  # noqa: BLE001 - a fragment's own parse error is reported on it
            continue
        first = m.members[-1][0]
        ctx = MergedContext(first.path, posixpath.join(m.folder, "(merged)"), "odoo-conf", mtext, tree, m.target,
                            None, None, project.options)
        ctx.partial = m.partial
        found = [(r.meta.code, f) for r in _file_rules(m.target) for f in (r.check(ctx) or ())]
        if m.doodba:
            found += [("CNF124", f) for f in _dollar_findings(ctx, tree)]
        for code, f in found:
            mapped = _map_span(blocks, f.span)
            if mapped is None:
                continue
            b, span = mapped
            fix_path, fix = _map_fix(blocks, f.fix)
            if fix_path is not None and fix_path != b.path:
                fix = None
            key = (code, b.path, span.start.offset, f.message)
            if key in seen:
                continue        # the image's fragment, in the image's merge and under a project's
            seen.add(key)
            yield Finding(span, f.message, fix=fix, path=b.path, severity=f.severity, code=code)

