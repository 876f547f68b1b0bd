"""`odoolint server` driven end to end by a real LSP client (pytest-lsp) over stdio, on real files.

Open, change (debounced), save, close, watched files, quick fixes applied, "fix all", hover; and the
findings of every file equal those of `odoolint check .`.
"""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.uris import from_fs_path
from pygls.workspace import TextDocument
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from odoolint.config import Settings
from odoolint.runner import RunOptions, run
from tests.helpers import write_tree
from tests.test_partial_runs import CHANGES, PROJECT

SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "odoolint.cli", "server"])


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    write_tree(root, PROJECT)
    (root / "pyproject.toml").write_text('[tool.odoolint]\nselect = ["ALL"]\n')
    return root


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient, workspace: Path):
    lsp_client.registrations = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):
        lsp_client.registrations.extend(params.registrations)

    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=from_fs_path(str(workspace)),
        workspace_folders=[types.WorkspaceFolder(uri=from_fs_path(str(workspace)), name="ws")],
        initialization_options={"debounce": 50, "cache": False}))
    yield
    await lsp_client.shutdown_session()


def uri(root: Path, rel: str) -> str:
    return from_fs_path(str(root / rel))


def open_doc(client: LanguageClient, root: Path, rel: str, text: "str | None" = None) -> str:
    u = uri(root, rel)
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=u, language_id="plaintext", version=1, text=text if text is not None else (root / rel).read_text())))
    return u


def change(client: LanguageClient, u: str, version: int, text: str) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=u, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


async def until(client: LanguageClient, u: str, predicate, timeout: float = 20.0):
    """Wait for the diagnostics of `u` to satisfy `predicate`; fail with what was published."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while loop.time() < end:
        diags = client.diagnostics.get(u)
        if diags is not None and predicate(diags):
            return diags
        await asyncio.sleep(0.02)
    raise AssertionError(f"diagnostics of {u}: {client.diagnostics.get(u)}")


def summary(diags) -> list[tuple]:
    return sorted((d.code, d.range.start.line + 1, d.range.start.character + 1, d.message) for d in diags)


def cli_rows(root: Path, rel: str) -> list[tuple]:
    full = run(RunOptions([root], Settings(select=["ALL"]), no_cache=True, jobs=1))
    return sorted((d.code, d.span.start.line, d.span.start.column, d.message)
                  for d in full.diagnostics if d.path == str(root / rel))


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    doc = TextDocument("file:///x", text)
    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        doc.apply_change(types.TextDocumentContentChangePartial(range=e.range, text=e.new_text))
    return doc.source


@pytest.mark.asyncio
@pytest.mark.parametrize("rel", ["my_mod/views/views.xml", "my_mod/views/list.xml", "config/odoo.conf",
                                 "my_mod/__manifest__.py", "my_mod/security/ir.model.access.csv",
                                 "other_mod/__manifest__.py", "docker-compose.yml"])
async def test_open_publishes_what_the_whole_project_run_reports(client: LanguageClient, workspace: Path, rel):
    u = open_doc(client, workspace, rel)
    diags = await until(client, u, lambda d: len(d) > 0)
    assert summary(diags) == cli_rows(workspace, rel)
    d = diags[0]
    assert d.source == "odoolint"
    assert d.code_description.href.endswith("#" + d.code.lower())
    # the rule's own severity, mapped as LSP names it (error, warning, information)
    from odoolint.registry import load_rules
    expected = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
                "info": types.DiagnosticSeverity.Information}[load_rules().meta(d.code).severity.value]
    assert d.severity == expected


@pytest.mark.asyncio
@pytest.mark.parametrize("rel", sorted(CHANGES))
async def test_a_changed_buffer_publishes_what_the_whole_project_run_reports_with_the_change(
        client: LanguageClient, workspace: Path, rel):
    """The Done-when of #9 for the server: a view, conf or compose file changed in the editor (not saved) is
    published as `check .` reports it once the change is on disk."""
    old, new = CHANGES[rel]
    text = (workspace / rel).read_text()
    before = cli_rows(workspace, rel)
    u = open_doc(client, workspace, rel)
    await until(client, u, lambda d: summary(d) == before)
    change(client, u, 2, text.replace(old, new, 1))
    (workspace / rel).write_text(text.replace(old, new, 1))     # the whole-project run needs it on disk
    expected = cli_rows(workspace, rel)
    assert expected != before
    await until(client, u, lambda d: summary(d) == expected)


@pytest.mark.asyncio
async def test_a_view_is_checked_against_the_models_as_they_are_in_the_editor(client: LanguageClient,
                                                                              workspace: Path):
    view = open_doc(client, workspace, "my_mod/views/list.xml")
    await until(client, view, lambda d: ("XML204", 4) in {(x.code, x.range.start.line + 1) for x in d})
    model_rel = "my_mod/models/thing.py"
    model_text = (workspace / model_rel).read_text()
    model = open_doc(client, workspace, model_rel)
    # the model gains the field in the buffer only (not saved): the view's finding goes away
    change(client, model, 2, model_text.replace("    name = fields.Char()\n",
                                                "    name = fields.Char()\n    nme = fields.Char()\n"))
    await until(client, view, lambda d: "XML204" not in {x.code for x in d})
    # closing the unsaved buffer brings the disk back, and the finding with it
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(
        uri=model)))
    await until(client, view, lambda d: "XML204" in {x.code for x in d})


@pytest.mark.asyncio
async def test_watched_files_update_the_project(client: LanguageClient, workspace: Path):
    view = open_doc(client, workspace, "my_mod/views/list.xml")
    await until(client, view, lambda d: "XML204" in {x.code for x in d})
    assert [r.method for r in client.registrations] == ["workspace/didChangeWatchedFiles"]
    model = workspace / "my_mod/models/thing.py"
    model.write_text(model.read_text().replace("    name = fields.Char()\n",
                                               "    name = fields.Char()\n    nme = fields.Char()\n"))
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[types.FileEvent(
        uri=from_fs_path(str(model)), type=types.FileChangeType.Changed)]))
    await until(client, view, lambda d: "XML204" not in {x.code for x in d})


@pytest.mark.asyncio
async def test_quick_fix_applied_then_saved(client: LanguageClient, workspace: Path):
    rel = "my_mod/views/list.xml"
    text = (workspace / rel).read_text()
    u = open_doc(client, workspace, rel)
    diags = await until(client, u, lambda d: "XML101" in {x.code for x in d})
    tree = next(d for d in diags if d.code == "XML101")
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=u), range=tree.range,
        context=types.CodeActionContext(diagnostics=[tree], only=[types.CodeActionKind.QuickFix])))
    quick = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
    assert quick and quick[0].is_preferred and "XML101" in quick[0].title
    edits = quick[0].edit.document_changes[0].edits
    fixed = apply_edits(text, edits)
    assert fixed == text.replace("<tree>", "<list>").replace("</tree>", "</list>")
    change(client, u, 2, fixed)
    diags = await until(client, u, lambda d: "XML101" not in {x.code for x in d})
    assert [d.code for d in diags] == ["XML204"]
    (workspace / rel).write_text(fixed)
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(
        uri=u)))
    await asyncio.sleep(0.3)
    assert [d.code for d in client.diagnostics[u]] == ["XML204"]


@pytest.mark.asyncio
async def test_fix_all_equals_the_command_line_fix(client: LanguageClient, workspace: Path):
    rel = "my_mod/views/views.xml"
    text = (workspace / rel).read_text().replace('<form>', '<tree><field name="name"/></tree><form>', 1)
    u = open_doc(client, workspace, rel, text)
    await until(client, u, lambda d: "XML101" in {x.code for x in d})
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=u),
        range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
        context=types.CodeActionContext(diagnostics=[], only=["source.fixAll"])))
    assert [a.kind for a in actions] == ["source.fixAll.odoolint"]
    fixed = apply_edits(text, actions[0].edit.document_changes[0].edits)
    expected = run(RunOptions([], Settings(select=["ALL"]), fix=True, stdin_filename=str(workspace / rel),
                              stdin_data=text.encode(), no_cache=True, jobs=1))
    assert fixed == next(iter(expected.fixed_data.values())).decode()
    assert "<tree>" not in fixed


@pytest.mark.asyncio
async def test_odoo_conf_edit_and_hover(client: LanguageClient, workspace: Path):
    rel = "config/odoo.conf"
    u = open_doc(client, workspace, rel)
    diags = await until(client, u, lambda d: "DEP101" in {x.code for x in d})
    dep = next(d for d in diags if d.code == "DEP101")
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=u), position=dep.range.start))
    assert hover.contents.value.startswith("**DEP101** `compose-odoo-db-host-unresolvable`")
    assert "docs/rules.md#dep101" in hover.contents.value
    change(client, u, 2, (workspace / rel).read_text().replace("db_host = postgres", "db_host = db"))
    await until(client, u, lambda d: "DEP101" not in {x.code for x in d})
