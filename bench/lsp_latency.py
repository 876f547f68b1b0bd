#!/usr/bin/env python3
"""Latency of `odoolint server`: from a buffer edit to the published diagnostics, in a 2,000-file workspace.

A real server subprocess is driven over stdio by pygls' LanguageClient. Three documents are open (a
model, a view naming its fields, an odoo.conf beside a compose file); each is edited in turn and the time
from `textDocument/didChange` to the `publishDiagnostics` of that version is measured, with the
debounce set to 0 (the debounce is a pause the user chose, not work). Median of --rounds edits per kind.

    python bench/lsp_latency.py                 # a generated workspace of 2,000 files
    python bench/lsp_latency.py --tree DIR      # your own tree (its first model, view and odoo.conf)
    python bench/lsp_latency.py --from-addons /work/corpus/17.0   # real addons copied until 2,000 files,
                                                # plus a compose file and an odoo.conf
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

MODEL = '''from odoo import api, fields, models


class Thing{n}(models.Model):
    _name = "bench{a}.thing{n}"
    _description = "Thing {n}"
    _inherit = ["mail.thread"]

    name = fields.Char(required=True)
    partner_id = fields.Many2one("res.partner")
    amount = fields.Float()
    line_ids = fields.One2many("bench{a}.thing{n}", "parent_id")
    parent_id = fields.Many2one("bench{a}.thing{n}")
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")

    @api.depends("line_ids.amount")
    def _compute_total(self):
        for rec in self:
            rec.amount = sum(rec.line_ids.mapped("amount"))

    def action_done(self):
        self.write({{"state": "done"}})
        return True
'''
VIEW = '''<?xml version="1.0" encoding="utf-8"?>
<odoo>
  <record id="view_thing{n}_form" model="ir.ui.view">
    <field name="name">bench{a}.thing{n}.form</field>
    <field name="model">bench{a}.thing{n}</field>
    <field name="arch" type="xml">
      <form>
        <header><button name="action_done" type="object" string="Done"/></header>
        <sheet>
          <field name="name"/>
          <field name="partner_id"/>
          <field name="amount"/>
          <field name="state"/>
          <field name="line_ids"><list><field name="name"/><field name="amount"/></list></field>
        </sheet>
      </form>
    </field>
  </record>
  <record id="action_thing{n}" model="ir.actions.act_window">
    <field name="name">Things {n}</field>
    <field name="res_model">bench{a}.thing{n}</field>
    <field name="view_mode">list,form</field>
  </record>
</odoo>
'''
COMPOSE = """services:
  odoo:
    image: odoo:17.0
    volumes: ["./config:/etc/odoo", "data:/var/lib/odoo"]
    depends_on: {db: {condition: service_healthy}}
  db:
    image: postgres:16
    healthcheck: {test: ["CMD", "pg_isready"]}
volumes:
  data:
"""
CONF = "[options]\ndb_host = db\ndb_port = 5432\ndb_user = odoo\nproxy_mode = True\nworkers = 2\n"


def generate(root: Path, files: int = 2000) -> dict[str, Path]:
    """Addons of 25 files (manifest, inits, 10 models, 10 views, access CSV, menus) plus a deployment."""
    per_addon = 25
    addons = max(1, round((files - 2) / per_addon))
    for a in range(addons):
        d = root / f"bench_{a}"
        (d / "models").mkdir(parents=True)
        (d / "views").mkdir()
        (d / "security").mkdir()
        data = [f"views/thing{n}_views.xml" for n in range(10)] + ["security/ir.model.access.csv", "views/menus.xml"]
        (d / "__manifest__.py").write_text(
            f"{{'name': 'Bench {a}', 'version': '17.0.1.0.0', 'license': 'LGPL-3', 'depends': ['mail'],\n"
            f" 'data': {data!r}}}\n")
        (d / "__init__.py").write_text("from . import models\n")
        (d / "models/__init__.py").write_text("".join(f"from . import thing{n}\n" for n in range(10)))
        rows = ["id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink"]
        for n in range(10):
            (d / f"models/thing{n}.py").write_text(MODEL.format(a=a, n=n))
            (d / f"views/thing{n}_views.xml").write_text(VIEW.format(a=a, n=n))
            rows.append(f"access_thing{n},thing{n},model_bench{a}_thing{n},base.group_user,1,1,1,1")
        (d / "security/ir.model.access.csv").write_text("\n".join(rows) + "\n")
        (d / "views/menus.xml").write_text(
            "<odoo>\n" + "".join(f'  <menuitem id="menu_{n}" name="T{n}" action="action_thing{n}"/>\n'
                                 for n in range(10)) + "</odoo>\n")
    (root / "config").mkdir()
    (root / "docker-compose.yml").write_text(COMPOSE)
    (root / "config/odoo.conf").write_text(CONF)
    (root / ".git").mkdir()
    return {"python": root / "bench_0/models/thing3.py", "xml": root / "bench_0/views/thing3_views.xml",
            "odoo.conf": root / "config/odoo.conf"}


def from_addons(src: Path, root: Path, files: int = 2000) -> dict[str, Path]:
    """Real addons (folders with a manifest under `src`, in name order) copied until `files` files, then the
    deployment of the generated workspace (compose file, config/odoo.conf)."""
    import shutil
    count = 0
    for addon in sorted(p.parent for p in src.glob("*/__manifest__.py")):
        if count >= files - 2:
            break
        shutil.copytree(addon, root / addon.name)
        count += sum(1 for p in (root / addon.name).rglob("*") if p.is_file())
    (root / "config").mkdir()
    (root / "docker-compose.yml").write_text(COMPOSE)
    (root / "config/odoo.conf").write_text(CONF)
    (root / ".git").mkdir()
    return pick(root)


def pick(root: Path) -> dict[str, Path]:
    """A model, a view and an odoo.conf of an existing tree."""
    def first(pattern, needle):
        for p in sorted(root.rglob(pattern)):
            try:
                if needle in p.read_text("utf-8", "replace"):
                    return p
            except OSError:
                continue
        raise SystemExit(f"no {pattern} containing {needle!r} under {root}")
    return {"python": first("*.py", "models.Model"), "xml": first("*.xml", "ir.ui.view"),
            "odoo.conf": first("*.conf", "[options]")}


def edits(kind: str, text: str, i: int, facts: bool) -> str:
    """The i-th edit of a kind; odd ones change the text, even ones bring it back (as undo does).

    With `facts`, the edit changes what cross-file rules read (a new field, a new view field, a new conf
    value), so they run again; without, it is the common keystroke (a string, a label, a comment) after
    which only the file's own rules run."""
    if not i % 2:
        return text
    if kind == "python":
        if facts:
            return text + f"\n    bench_field_{i} = fields.Char()\n"
        new = text.replace('"done"})', f'"done{i}"}})', 1)
        return new if new != text else text + f"# edited {i}\n"       # a real tree: a comment
    if kind == "xml":
        if facts:
            return text.replace("<field ", f'<field name="bench_{i}"/><field ', 1)
        new = text.replace('string="Done"', f'string="Done {i}"', 1)
        return new if new != text else text.replace("</odoo>", f"<!-- edited {i} --></odoo>", 1)
    return text + f"limit_time_cpu = {60 + i}\n" if facts else text + f"; edited {i}\n"


async def measure(root: Path, docs: dict[str, Path], rounds: int) -> dict[str, list[float]]:
    client = LanguageClient("odoolint-bench", "1")
    arrived: dict[tuple[str, int], float] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams):
        arrived.setdefault((params.uri, params.version), time.perf_counter())

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params):
        return None

    await client.start_io(sys.executable, "-m", "odoolint.cli", "server")
    await client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(), root_uri=from_fs_path(str(root)),
        workspace_folders=[types.WorkspaceFolder(uri=from_fs_path(str(root)), name="bench")],
        initialization_options={"debounce": 0}))
    client.initialized(types.InitializedParams())
    uris, texts = {}, {}
    started = time.perf_counter()
    for kind, path in docs.items():
        uris[kind] = from_fs_path(str(path))
        texts[kind] = path.read_text("utf-8", "replace")
        client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
            uri=uris[kind], language_id="plaintext", version=1, text=texts[kind])))
    for kind in docs:
        await _wait(arrived, uris[kind], 1, timeout=600)
    print(f"workspace loaded and first diagnostics in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    out: dict[str, list[float]] = {}
    version = 1
    for facts in (False, True):
        for i in range(1, rounds + 1):
            for kind in docs:
                version += 1
                t0 = time.perf_counter()
                client.text_document_did_change(types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uris[kind], version=version),
                    content_changes=[types.TextDocumentContentChangeWholeDocument(
                        text=edits(kind, texts[kind], i, facts))]))
                t1 = await _wait(arrived, uris[kind], version)
                label = f"{kind}, {'facts change' if facts else 'a keystroke'}"
                out.setdefault(label, []).append((t1 - t0) * 1000)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return out


async def _wait(arrived, uri: str, version: int, timeout: float = 30.0) -> float:
    end = time.perf_counter() + timeout
    while (uri, version) not in arrived:
        if time.perf_counter() > end:
            raise SystemExit(f"no diagnostics for {uri} version {version}")
        await asyncio.sleep(0.0005)
    return arrived[(uri, version)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tree", type=Path, help="an existing tree instead of the generated one")
    ap.add_argument("--from-addons", type=Path, help="a folder of real addons to copy (e.g. a corpus series)")
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=30)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.tree:
            root, docs = args.tree.resolve(), pick(args.tree.resolve())
        elif args.from_addons:
            root = Path(tmp) / "ws"
            root.mkdir()
            docs = from_addons(args.from_addons.resolve(), root, args.files)
        else:
            root = Path(tmp) / "ws"
            root.mkdir()
            docs = generate(root, args.files)
        n = sum(1 for p in root.rglob("*") if p.is_file())
        results = asyncio.run(measure(root, docs, args.rounds))
    print(f"{n} files, {args.rounds} edits per kind, re-lint + publish (ms):")
    print("| edit | median | p90 | max |\n|---|---|---|---|")
    for kind, times in results.items():
        times.sort()
        p90 = times[min(len(times) - 1, int(len(times) * 0.9))]
        print(f"| {kind} | {statistics.median(times):.1f} | {p90:.1f} | {times[-1]:.1f} |")


if __name__ == "__main__":
    main()
