"""The language server: open buffers and watched files feed a LiveProject per project; each change is
linted (debounced while typing, at once on save) and the findings of every open document of that project
are published, with quick fixes, "fix all" as `source.fixAll.odoolint` and hovers with the rule's summary."""
from __future__ import annotations

import asyncio
import logging
import os
from pathlib import Path

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import __version__
from ..config import ConfigError, load_settings
from ..discovery import marked_root
from ..live import LiveProject
from ..model import Applicability, Diagnostic
from ..scope import addon_dir
from ..sources import decode
from . import convert

log = logging.getLogger(__name__)
CONFIG_NAMES = frozenset({"pyproject.toml", ".odoolint.toml"})


class OdoolintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("odoolint", __version__)
        self.projects: dict[Path, LiveProject] = {}
        self.folders: list[Path] = []
        self.debounce = 0.15          # seconds of quiet typing before a buffer is linted again
        self.use_cache = True
        self.pending: dict[str, asyncio.Handle] = {}
        # uri -> the findings last published: (odoolint diagnostic, LSP diagnostic); positions of that text
        self.published: dict[str, tuple[list[tuple[Diagnostic, types.Diagnostic]], convert.Positions]] = {}

    # ---- projects -------------------------------------------------------------------------

    def project_for(self, path: str) -> Optional[LiveProject]:
        p = Path(path).resolve()
        loaded = [r for r in self.projects if r == p.parent or r in p.parents]
        if loaded:
            return self.projects[max(loaded, key=lambda r: len(r.parts))]
        root = marked_root(p.parent)
        if root is None:
            root = next((f for f in self.folders if f in p.parents), None)
        if root is None:      # no project marker, no workspace folder: the file's addons folder, as the CLI does
            addon = addon_dir(str(p))
            root = Path(os.path.dirname(addon) if addon else p.parent)
        try:
            project = LiveProject(root, load_settings(root), use_cache=self.use_cache)
        except ConfigError as exc:
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"odoolint: {exc}"))
            return None
        self.projects[root.resolve()] = project
        return project

    def open_paths(self, project: LiveProject) -> dict[str, str]:
        """path -> uri of every open document of `project`."""
        out = {}
        for uri in list(self.workspace.text_documents):
            path = to_fs_path(uri)
            if path and self.projects.get(self._root_of(path)) is project:
                out[os.path.abspath(path)] = uri
        return out

    def _root_of(self, path: str) -> Optional[Path]:
        p = Path(path).resolve()
        roots = [r for r in self.projects if r in p.parents]
        return max(roots, key=lambda r: len(r.parts)) if roots else None

    # ---- linting and publishing -------------------------------------------------------------

    def relint(self, uri: str) -> None:
        """Lint the buffer of `uri` and publish the findings of every open document of its project."""
        self.pending.pop(uri, None)
        path = to_fs_path(uri)
        if not path:
            return
        project = self.project_for(path)
        if project is None:
            return
        doc = self.workspace.get_text_document(uri)
        data = doc.source.encode("utf-8", "surrogatepass")
        if project.data.get(os.path.abspath(path)) != data or os.path.abspath(path) not in project.refs:
            project.update(path, data)
        self.publish(project)

    def publish(self, project: LiveProject, only: Optional[set[str]] = None) -> None:
        paths = self.open_paths(project)
        if only is not None:
            paths = {p: u for p, u in paths.items() if p in only}
        found = project.diagnostics(paths)
        units = self.workspace.position_codec.client_num_units
        meta = project.registry.meta
        for path, uri in paths.items():
            text = project.text(path)
            if text is None:
                self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
                self.published.pop(uri, None)
                continue
            pos = convert.Positions(text, units)
            pairs = [(d, convert.diagnostic(d, meta(d.code), pos)) for d in found.get(path, [])]
            self.published[uri] = (pairs, pos)
            version = self.workspace.get_text_document(uri).version
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                uri=uri, version=version, diagnostics=[p[1] for p in pairs]))
        for err in project.errors:
            self.window_log_message(types.LogMessageParams(types.MessageType.Error,
                                                           f"odoolint internal failure: {err}"))
        project.errors.clear()

    def schedule(self, uri: str) -> None:
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        if self.debounce <= 0:
            self.relint(uri)
            return
        self.pending[uri] = asyncio.get_event_loop().call_later(self.debounce, self.relint, uri)

    def reload(self, root: Path) -> None:
        """The configuration changed: the project is read again with it."""
        project = self.projects.pop(root, None)
        if project is None:
            return
        paths = self.open_paths_of_root(root)
        for path, uri in paths.items():
            fresh = self.project_for(path)
            if fresh is not None:
                fresh.update(path, self.workspace.get_text_document(uri).source.encode("utf-8", "surrogatepass"))
        for p in {self.projects.get(self._root_of(path)) for path in paths} - {None}:
            self.publish(p)

    def open_paths_of_root(self, root: Path) -> dict[str, str]:
        out = {}
        for uri in list(self.workspace.text_documents):
            path = to_fs_path(uri)
            if path and root in Path(path).resolve().parents:
                out[os.path.abspath(path)] = uri
        return out


server = OdoolintServer()


@server.feature(types.INITIALIZE)
def initialize(ls: OdoolintServer, params: types.InitializeParams) -> None:
    opts = params.initialization_options if isinstance(params.initialization_options, dict) else {}
    if isinstance(opts.get("debounce"), (int, float)):
        ls.debounce = max(0.0, float(opts["debounce"]) / 1000)
    if opts.get("cache") is False:
        ls.use_cache = False
    folders = [to_fs_path(f.uri) for f in params.workspace_folders or []]
    if not folders and params.root_uri:
        folders = [to_fs_path(params.root_uri)]
    ls.folders = [Path(f).resolve() for f in folders if f]


@server.feature(types.INITIALIZED)
async def initialized(ls: OdoolintServer, params: types.InitializedParams) -> None:
    caps = ls.client_capabilities
    dynamic = caps.workspace and caps.workspace.did_change_watched_files and \
        caps.workspace.did_change_watched_files.dynamic_registration
    if not dynamic:
        return
    try:
        await ls.client_register_capability_async(types.RegistrationParams(registrations=[types.Registration(
            id="odoolint-watched-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern="**/*")]))]))
    except Exception as exc:  # noqa: BLE001 - a client that refuses: buffers still work, the disk is not watched
        log.warning("file watching not registered: %s", exc)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: OdoolintServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.relint(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: OdoolintServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: OdoolintServer, params: types.DidSaveTextDocumentParams) -> None:
    pending = ls.pending.pop(params.text_document.uri, None)
    if pending is not None:
        pending.cancel()
    ls.relint(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: OdoolintServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    pending = ls.pending.pop(uri, None)
    if pending is not None:
        pending.cancel()
    ls.published.pop(uri, None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
    path = to_fs_path(uri)
    project = ls.projects.get(ls._root_of(path)) if path else None
    if project is None:
        return
    try:
        disk: Optional[bytes] = Path(path).read_bytes()
    except OSError:
        disk = None
    if project.data.get(os.path.abspath(path)) != disk:   # the closed buffer was not saved: the disk wins
        project.update(path, disk, from_disk=True)
        ls.publish(project)


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: OdoolintServer, params: types.DidChangeWatchedFilesParams) -> None:
    touched: set[int] = set()
    for change in params.changes:
        path = to_fs_path(change.uri)
        if not path:
            continue
        root = ls._root_of(path)
        if root is None:
            continue
        if Path(path).name in CONFIG_NAMES and Path(path).parent == root:
            ls.reload(root)
            continue
        if change.uri in ls.workspace.text_documents:
            continue          # an open buffer is what the user sees: it wins over the disk
        project = ls.projects[root]
        try:
            data: Optional[bytes] = None if change.type == types.FileChangeType.Deleted else Path(path).read_bytes()
        except OSError:
            data = None
        if project.data.get(os.path.abspath(path)) != data:
            project.update(path, data, from_disk=True)
            touched.add(id(project))
    for project in list(ls.projects.values()):
        if id(project) in touched:
            ls.publish(project)


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
    code_action_kinds=[types.CodeActionKind.QuickFix, convert.FIX_ALL_KIND], resolve_provider=False))
def code_action(ls: OdoolintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    entry = ls.published.get(uri)
    if entry is None:
        return []
    pairs, pos = entry
    only = params.context.only
    version = ls.workspace.get_text_document(uri).version
    actions: list[types.CodeAction] = []
    if only is None or any(types.CodeActionKind.QuickFix.startswith(k) for k in only):
        for d, lsp_diag in pairs:
            if _overlaps(lsp_diag.range, params.range):
                action = convert.quick_fix(uri, version, d, lsp_diag, pos)
                if action is not None:
                    actions.append(action)
        actions.sort(key=lambda a: not a.is_preferred)     # safe fixes first, unsafe ones after
    if (only is None or any(convert.FIX_ALL_KIND.startswith(k) for k in only)) and \
            any(d.fix is not None and d.fix.applicability is Applicability.SAFE for d, _ in pairs):
        path = to_fs_path(uri)
        project = ls.project_for(path)
        fixed = project.fix_all(path) if project is not None else None
        if fixed is not None:
            old = project.text(path)
            new = decode(fixed, project.refs[os.path.abspath(path)].kind).text
            actions.append(types.CodeAction(
                title="odoolint: apply all safe fixes", kind=convert.FIX_ALL_KIND,
                edit=convert.whole_edit(uri, version, convert.replace_all(old, new, pos))))
    return actions


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: OdoolintServer, params: types.HoverParams) -> Optional[types.Hover]:
    entry = ls.published.get(params.text_document.uri)
    if entry is None:
        return None
    pairs, _ = entry
    project = ls.project_for(to_fs_path(params.text_document.uri))
    hits = [(d, ld) for d, ld in pairs if _contains(ld.range, params.position)]
    if not hits or project is None:
        return None
    text = "\n\n---\n\n".join(convert.hover_text(project.registry.meta(d.code), d.message) for d, _ in hits)
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
                       range=hits[0][1].range)


def _key(p: types.Position) -> tuple[int, int]:
    return (p.line, p.character)


def _overlaps(a: types.Range, b: types.Range) -> bool:
    return _key(a.start) <= _key(b.end) and _key(b.start) <= _key(a.end)


def _contains(r: types.Range, p: types.Position) -> bool:
    return _key(r.start) <= _key(p) <= _key(r.end)


def main() -> None:
    server.start_io()

