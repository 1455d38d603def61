"""What the language-server tests share: the real server over stdio, the
capability snapshots of VS Code and Neovim that pytest-lsp ships, and helpers
that speak in the positions the client negotiated (UTF-16 for VS Code, UTF-8
for Neovim 0.11), computed here independently of the server's own code."""

from __future__ import annotations

import asyncio
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from tests.cli_runner import invoke

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "lsp"
CLIENTS = ("visual-studio-code", "neovim")
SERVER = [sys.executable, "-m", "sop_lint", "lsp", "--debounce", "10"]
TIMEOUT = 20.0


def _record_publications(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
    """Every publication with its version (pytest-lsp keeps only the latest diagnostics)."""
    client.diagnostics[params.uri] = params.diagnostics
    client.published.setdefault(params.uri, []).append(params)  # type: ignore[attr-defined]


def _accept_registration(client: LanguageClient, params: types.RegistrationParams) -> None:
    """As an editor does: take the server's dynamic registrations (file watchers)."""
    client.registrations.extend(params.registrations)  # type: ignore[attr-defined]


def _make_client() -> LanguageClient:
    client = LanguageClient(converter_factory=default_converter)
    ours = {
        types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _record_publications,
        types.CLIENT_REGISTER_CAPABILITY: _accept_registration,
    }
    register_lsp_features(client, DEFAULT_CLIENT_FEATURES | ours)
    client.published = {}  # type: ignore[attr-defined]
    client.registrations = []  # type: ignore[attr-defined]
    return client


@pytest_lsp.fixture(  # type: ignore[untyped-decorator]  # pytest-lsp's decorator is untyped
    params=CLIENTS, config=ClientServerConfig(server_command=SERVER, client_factory=_make_client)
)
async def client(request: pytest.FixtureRequest, lsp_client: LanguageClient) -> Any:
    result = await lsp_client.initialize_session(types.InitializeParams(capabilities=client_capabilities(request.param)))
    lsp_client.encoding = result.capabilities.position_encoding or "utf-16"  # type: ignore[attr-defined]
    lsp_client.versions = {}  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


def pulls(client: LanguageClient) -> bool:
    capabilities = client.capabilities
    return (
        capabilities is not None and capabilities.text_document is not None and capabilities.text_document.diagnostic is not None
    )


def units(client: LanguageClient, text: str) -> int:
    encoding = client.encoding  # type: ignore[attr-defined]
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-32":
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def pos(client: LanguageClient, text: str, line: int, column: int) -> types.Position:
    """The protocol position of 1-based (line, column in code points) of `text`."""
    line_text = text.split("\n")[line - 1].removesuffix("\r")
    return types.Position(line=line - 1, character=units(client, line_text[: column - 1]))


def offset(client: LanguageClient, text: str, where: types.Position) -> int:
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: where.line])
    counted = 0
    line_text = lines[where.line] if where.line < len(lines) else ""
    for index, char in enumerate(line_text):
        if counted >= where.character:
            return start + index
        counted += units(client, char)
    return start + len(line_text)


def apply(client: LanguageClient, text: str, edits: list[types.TextEdit]) -> str:
    placed = sorted(
        ((offset(client, text, e.range.start), offset(client, text, e.range.end), e.new_text) for e in edits), reverse=True
    )
    for start, end, new in placed:
        text = text[:start] + new + text[end:]
    return text


def copy(name: str, folder: Path) -> Path:
    target = folder / name
    shutil.copyfile(DATA / name, target)
    return target


def open_file(client: LanguageClient, path: Path) -> str:
    uri = path.as_uri()
    client.versions[uri] = 1  # type: ignore[attr-defined]
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="markdown", version=1, text=path.read_text(encoding="utf-8")
            )
        )
    )
    return uri


def change(client: LanguageClient, uri: str, text: str) -> None:
    client.versions[uri] += 1  # type: ignore[attr-defined]
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=client.versions[uri]),  # type: ignore[attr-defined]
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def diagnostics(client: LanguageClient, uri: str, after: int = 0) -> list[types.Diagnostic]:
    """The diagnostics of the document's current version: pulled, or waited for.
    `after`: for a push client, how many publications of this version to skip (a re-lint)."""
    version = client.versions[uri]  # type: ignore[attr-defined]
    if pulls(client):
        report = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
        return list(report.items)
    published = client.published  # type: ignore[attr-defined]

    async def wait() -> list[types.Diagnostic]:
        while True:
            found = [p for p in published.get(uri, []) if p.version == version]
            if len(found) > after:
                return list(found[after].diagnostics)
            await asyncio.sleep(0.01)

    return await asyncio.wait_for(wait(), TIMEOUT)


def check_json(capsys: pytest.CaptureFixture[str], path: Path, *options: str) -> list[dict[str, Any]]:
    result = invoke(capsys, "check", "--output-format", "json", *options, str(path))
    assert result.code in (0, 1), result.err
    findings: list[dict[str, Any]] = json.loads(result.out)["findings"]
    return findings


SEVERITY = {"error": 1, "warning": 2, "info": 3}


def expected(client: LanguageClient, text: str, findings: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [
        (
            f["code"],
            f["message"],
            SEVERITY[f["severity"]],
            pos(client, text, f["line"], f["column"]),
            pos(client, text, f["end_line"], f["end_column"]),
        )
        for f in findings
    ]


def shown(found: list[types.Diagnostic]) -> list[tuple[Any, ...]]:
    return [(d.code, d.message, d.severity.value if d.severity else None, d.range.start, d.range.end) for d in found]
