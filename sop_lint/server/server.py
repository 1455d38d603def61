"""The protocol wiring: documents, debounced lints on one worker thread, and the features.

A change is linted after a pause in typing (`debounce`); the lint runs on the
server's worker thread, so the server keeps answering while a big document is
linted, and a lint whose version is already outdated when its turn comes is
skipped. Diagnostics go out as soon as the lint is done (pushed, or answered to
the client's pull). A request that needs the current version's lint (its
findings and model) waits for it, cutting the pause short, instead of
answering from an older text; completion does not wait.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from .. import __version__
from ..pack import builtin_pack
from . import actions, navigation
from .analysis import Analysis, Linters, analyse, document_path
from .diagnostics import SOURCE, diagnostic, diagnostics
from .positions import Units, column_of, split_lines

log = logging.getLogger(__name__)
T = TypeVar("T")

DEBOUNCE_SECONDS = 0.15
IDLE_COLLECT_SECONDS = 5.0


class Collector:
    """Keeps the cycle collector from walking the models while the server must answer.

    A model is acyclic (reference counting frees it), but a collection walks every
    object the server holds while holding the interpreter lock: 200 ms for a
    5,000-step SOP, so a collection that a keystroke happens to start would block the
    server. So engine work runs with the collector paused, and what it made is then
    moved out of the collector's sight (`gc.freeze`); frozen objects are still freed
    when their last reference goes. Young garbage cycles (the protocol's tasks and
    futures) are collected before each job, which is cheap: only what was made since
    the last freeze is looked at. The few cycles alive when a job ends are frozen with
    its model; a full collection gets them once the server has been idle a while.
    """

    def run(self, function: Callable[..., T], *args: Any) -> T:
        enabled = gc.isenabled()
        gc.collect()
        gc.disable()
        try:
            return function(*args)
        finally:
            gc.freeze()
            if enabled:
                gc.enable()

    def full(self) -> None:
        gc.unfreeze()
        gc.collect()
        gc.freeze()


CONFIG_GLOBS = ("**/sop-lint.toml", "**/.sop-lint.toml", "**/pyproject.toml")


@dataclass(eq=False)
class Document:
    uri: str
    path: str
    version: int | None
    analysis: Analysis | None = None  # the latest lint (of this version or an older one)
    pending: asyncio.Task[None] | None = None  # the latest scheduled lint
    waiting: bool = False  # the pending lint is still in its pause
    waiters: list[asyncio.Future[None]] = field(default_factory=list)
    closed: bool = False

    def wake(self) -> None:
        for waiter in self.waiters:
            if not waiter.done():
                waiter.set_result(None)
        self.waiters.clear()


class SopLintServer(LanguageServer):
    def __init__(self, debounce: float = DEBOUNCE_SECONDS) -> None:
        super().__init__("sop-lint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.debounce = debounce
        self.linters = Linters()
        self.documents: dict[str, Document] = {}
        self.generation = 0  # raised when a configuration file changes
        self.collector = Collector()
        # One thread for all engine work: the parser keeps state in its module.
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sop-lint-worker")
        self.problems: set[str] = set()  # configuration problems already shown
        self.pull = False  # the client asks for diagnostics (textDocument/diagnostic)
        self.idle: asyncio.TimerHandle | None = None

    # --- helpers --------------------------------------------------------------------

    @property
    def units(self) -> Units:
        count: Callable[[str], int] = self.workspace.position_codec.client_num_units
        return count

    def lines_of(self, uri: str) -> list[str]:
        return split_lines(self.workspace.get_text_document(uri).source)

    async def on_worker(self, function: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.worker, self.collector.run, function, *args)

    def collect_when_idle(self) -> None:
        """A full collection (frozen objects too) once nothing has happened for a while."""
        if self.idle is not None:
            self.idle.cancel()
        loop = asyncio.get_running_loop()

        def collect() -> None:
            if any(d.waiting for d in self.documents.values()):
                return
            self.worker.submit(self.collector.full)

        self.idle = loop.call_later(IDLE_COLLECT_SECONDS, collect)

    def schedule(self, document: Document, delay: float) -> None:
        if self.idle is not None:
            self.idle.cancel()
            self.idle = None
        if document.pending is not None and document.waiting:
            document.pending.cancel()
        document.waiting = True
        document.pending = asyncio.get_running_loop().create_task(self._lint_later(document, delay))

    async def _lint_later(self, document: Document, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        if document.pending is asyncio.current_task():
            document.waiting = False
        text = self.workspace.get_text_document(document.uri).source
        version, generation = document.version, self.generation

        def job() -> tuple[Analysis, str | None, list[str]] | None:
            if document.closed or document.version != version:  # outdated before its turn: skip
                return None
            try:
                analysis, problem = analyse(document.uri, version, generation, text, document.path, self.linters)
            except Exception as error:  # a bug must not leave the editor waiting: no findings, and why
                analysis = Analysis(document.uri, version, generation, text, document.path, self.linters.defaults(), [])
                problem = f"internal error: {type(error).__name__}: {error}"
            return analysis, problem, list(analysis.linter.internal_errors)

        done = await self.on_worker(job)
        if done is not None:
            self._linted(document, *done)
        if not any(d.waiting for d in self.documents.values()):
            self.collect_when_idle()

    def _linted(self, document: Document, analysis: Analysis, problem: str | None, internal: list[str]) -> None:
        self._forget_notifications()
        if document.closed or analysis.version != document.version:
            return
        document.analysis = analysis
        if not self.pull:
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    uri=document.uri, version=analysis.version, diagnostics=diagnostics(analysis, self.units)
                )
            )
        document.wake()
        if problem is not None and problem not in self.problems:
            self.problems.add(problem)
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=f"sop-lint: {problem}"))
        for message in internal:
            self._log(f"internal error: {message}")

    def _forget_notifications(self) -> None:
        """pygls 2.1 keeps the finished future of every notification its built-in handlers
        run (didOpen, didChange …) in `_request_futures`, where only a request's answer
        would remove it: one future a keystroke, for ever. A finished future there is
        one of those (a request's is removed when it is answered)."""
        futures: dict[Any, Any] = getattr(self.protocol, "_request_futures", {})
        for key in [key for key, future in futures.items() if future.done()]:
            del futures[key]

    def _log(self, message: str) -> None:
        self.window_log_message(types.LogMessageParams(type=types.MessageType.Error, message=f"sop-lint: {message}"))

    def _current(self, document: Document) -> Analysis | None:
        analysis = document.analysis
        if analysis is None or analysis.version != document.version or analysis.generation != self.generation:
            return None
        return analysis

    async def at(self, uri: str, position: types.Position) -> tuple[Analysis, int, int] | None:
        """The current analysis and the (line, column) of `position` in it, for the
        requests about one place (hover, definition, rename); None for an unknown document."""
        analysis = await self.current(uri)
        if analysis is None:
            return None
        line, column = column_of(analysis.lines, position, self.units)
        return analysis, line, column

    async def current(self, uri: str) -> Analysis | None:
        """The analysis of the document's current text (waiting for it; None for an unknown document)."""
        document = self.documents.get(uri)
        while document is not None and not document.closed:
            found = self._current(document)
            if found is not None:
                return found
            if document.waiting or document.pending is None or document.pending.done():
                self.schedule(document, 0)  # someone waits: no pause
            waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            document.waiters.append(waiter)
            await waiter
        return None

    def relint_all(self) -> None:
        self.linters.clear()
        self.problems.clear()
        self.generation += 1
        for document in self.documents.values():
            self.schedule(document, 0)
        refresh = self.client_capabilities.workspace
        if self.pull and refresh is not None and refresh.diagnostics is not None and refresh.diagnostics.refresh_support:
            self.workspace_diagnostic_refresh(None)

    def today(self, analysis: Analysis) -> date:
        return analysis.linter.today


def make_server(debounce: float = DEBOUNCE_SECONDS) -> SopLintServer:
    server = SopLintServer(debounce)
    _register(server)
    return server


def _register(server: SopLintServer) -> None:
    @server.feature(types.INITIALIZED)
    def initialized(ls: SopLintServer, params: types.InitializedParams) -> None:
        capabilities = ls.client_capabilities
        ls.pull = capabilities.text_document is not None and capabilities.text_document.diagnostic is not None
        workspace = capabilities.workspace
        watched = workspace.did_change_watched_files if workspace is not None else None
        if watched is not None and watched.dynamic_registration:
            options = types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern=glob) for glob in CONFIG_GLOBS]
            )
            registration = types.Registration(
                id="sop-lint-config", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options
            )
            ls.client_register_capability(types.RegistrationParams(registrations=[registration]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files(ls: SopLintServer, params: types.DidChangeWatchedFilesParams) -> None:
        names = {change.uri.rsplit("/", 1)[-1] for change in params.changes}
        if names & {"sop-lint.toml", ".sop-lint.toml", "pyproject.toml"} or not names:
            ls.relint_all()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def configuration(ls: SopLintServer, params: types.DidChangeConfigurationParams) -> None:
        ls.relint_all()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: SopLintServer, params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        document = Document(item.uri, document_path(item.uri), item.version)
        old = ls.documents.get(item.uri)
        if old is not None:
            old.closed = True
        ls.documents[item.uri] = document
        ls.schedule(document, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: SopLintServer, params: types.DidChangeTextDocumentParams) -> None:
        document = ls.documents.get(params.text_document.uri)
        if document is not None:
            document.version = params.text_document.version
            ls.schedule(document, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: SopLintServer, params: types.DidCloseTextDocumentParams) -> None:
        document = ls.documents.pop(params.text_document.uri, None)
        if document is None:
            return
        document.closed = True
        if document.pending is not None and document.waiting:
            document.pending.cancel()
        document.wake()
        if not ls.pull:
            ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=document.uri, diagnostics=[]))

    @server.feature(
        types.TEXT_DOCUMENT_DIAGNOSTIC,
        types.DiagnosticOptions(identifier=SOURCE, inter_file_dependencies=False, workspace_diagnostics=False),
    )
    async def pull_diagnostics(ls: SopLintServer, params: types.DocumentDiagnosticParams) -> types.DocumentDiagnosticReport:
        analysis = await ls.current(params.text_document.uri)
        if analysis is None:
            return types.RelatedFullDocumentDiagnosticReport(items=[])
        result_id = f"{analysis.generation}:{analysis.version}"
        if params.previous_result_id == result_id:
            return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
        return types.RelatedFullDocumentDiagnosticReport(items=diagnostics(analysis, ls.units), result_id=result_id)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL], resolve_provider=True),
    )
    async def code_action(ls: SopLintServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        analysis = await ls.current(params.text_document.uri)
        if analysis is None:
            return None
        only = params.context.only
        units = ls.units

        def wanted(kind: str) -> bool:
            return only is None or any(kind == k or kind.startswith(f"{k}.") for k in only)

        result: list[types.CodeAction] = []
        if wanted(types.CodeActionKind.QuickFix):
            # The quick fixes first (one per fixable finding), then the disable actions.
            found = [
                (finding, diagnostic(finding, analysis, units))
                for finding in actions.findings_for(analysis, params.context.diagnostics, params.range, units)
            ]
            result.extend(fix for f, d in found if (fix := actions.quick_fix(f, analysis, d, units)) is not None)
            for finding, shown in found:
                disable = actions.disable_item(finding, analysis, shown, units)
                if disable is not None:
                    result.append(disable)
                result.append(actions.disable_file(finding, analysis, shown, units))
        if only is not None and wanted(actions.FIX_ALL):
            fix_all = await ls.on_worker(actions.fix_all, analysis, units)
            if fix_all is not None:
                result.append(fix_all)
        elif only is None and _resolves_edits(ls) and analysis.findings:
            # Offered without its edit (computing it is a whole `check --fix`); made when chosen.
            result.append(
                types.CodeAction(
                    title=actions.fix_all_title(analysis),
                    kind=actions.FIX_ALL,
                    data={"uri": analysis.uri, "version": analysis.version},
                )
            )
        return result

    @server.feature(types.CODE_ACTION_RESOLVE)
    async def resolve_action(ls: SopLintServer, action: types.CodeAction) -> types.CodeAction:
        data = action.data if isinstance(action.data, dict) else {}
        uri = data.get("uri")
        if action.kind != actions.FIX_ALL or not isinstance(uri, str):
            return action
        analysis = await ls.current(uri)
        if analysis is None or analysis.version != data.get("version"):
            return action
        edits = await ls.on_worker(actions.fix_all_edits, analysis, ls.units)
        action.edit = types.WorkspaceEdit(changes={uri: edits})
        return action

    @server.feature(types.TEXT_DOCUMENT_FORMATTING)
    async def formatting(ls: SopLintServer, params: types.DocumentFormattingParams) -> list[types.TextEdit] | None:
        analysis = await ls.current(params.text_document.uri)
        if analysis is None:
            return None
        try:
            return await ls.on_worker(actions.format_edits, analysis, ls.today(analysis), ls.units)
        except actions.NotFormatted as error:
            ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=f"sop-lint: {error}"))
            return None

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: SopLintServer, params: types.HoverParams) -> types.Hover | None:
        found = await ls.at(params.text_document.uri, params.position)
        if found is None:
            return None
        analysis, line, column = found
        return navigation.hover(analysis, line, column, ls.units)

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    async def definition(ls: SopLintServer, params: types.DefinitionParams) -> types.Location | None:
        found = await ls.at(params.text_document.uri, params.position)
        if found is None:
            return None
        analysis, line, column = found
        return navigation.definition(analysis, line, column, ls.units)

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    async def document_symbols(ls: SopLintServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol] | None:
        analysis = await ls.current(params.text_document.uri)
        return None if analysis is None else navigation.symbols(analysis, ls.units)

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    async def prepare_rename(ls: SopLintServer, params: types.PrepareRenameParams) -> types.PrepareRenamePlaceholder | None:
        found = await ls.at(params.text_document.uri, params.position)
        if found is None:
            return None
        analysis, line, column = found
        return navigation.prepare_rename(analysis, line, column, ls.units)

    @server.feature(types.TEXT_DOCUMENT_RENAME)
    async def rename(ls: SopLintServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
        found = await ls.at(params.text_document.uri, params.position)
        if found is None:
            return None
        analysis, line, column = found
        return navigation.rename(analysis, line, column, params.new_name, ls.units)

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[":", " ", ","]))
    def completion(ls: SopLintServer, params: types.CompletionParams) -> types.CompletionList:
        # No waiting: the roles and steps of the latest lint do, even a keystroke behind.
        document = ls.documents.get(params.text_document.uri)
        analysis = document.analysis if document is not None else None
        pack = analysis.linter.pack if analysis is not None else builtin_pack()
        items = navigation.completion(analysis, ls.lines_of(params.text_document.uri), params.position, pack, ls.units)
        return types.CompletionList(is_incomplete=False, items=items)


def _resolves_edits(ls: SopLintServer) -> bool:
    text_document = ls.client_capabilities.text_document
    code_action = text_document.code_action if text_document is not None else None
    resolve = code_action.resolve_support if code_action is not None else None
    return resolve is not None and "edit" in resolve.properties
