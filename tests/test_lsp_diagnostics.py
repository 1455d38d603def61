"""The language server's diagnostics, fixes and formatting, over stdio, as VS Code and Neovim see them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from sop_lint.engine import Linter
from sop_lint.fixing import fix_text
from sop_lint.formatter import format_text
from sop_lint.pack import builtin_pack
from tests.lsp_support import (
    apply,
    change,
    check_json,
    client,
    copy,
    diagnostics,
    expected,
    open_file,
    pos,
    pulls,
    shown,
    units,
)

__all__ = ["client"]  # the fixture
pytestmark = pytest.mark.asyncio


async def test_open_gives_the_diagnostics_of_check(
    client: LanguageClient, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = copy("defects.sop.md", tmp_path)
    text = path.read_text(encoding="utf-8")
    uri = open_file(client, path)
    found = await diagnostics(client, uri)
    want = check_json(capsys, path)
    assert [f["code"] for f in want] == ["M108", "S402", "D503", "S401", "R301", "R301"]
    assert shown(found) == expected(client, text, want)
    by_code = {d.code: d for d in found}
    # A link to the rule's page, the source, and the second place a finding names.
    assert by_code["D503"].code_description is not None
    assert by_code["D503"].code_description.href.endswith("docs/rules.md#d503-duration-without-unit")
    assert {d.source for d in found} == {"sop-lint"}
    related = by_code["S401"].related_information
    assert related is not None and len(related) == 1
    assert related[0].location.uri == uri
    assert related[0].location.range.start == types.Position(line=53, character=0)  # `2. Memeriksa …`, line 54
    assert related[0].message == "first written here"
    assert by_code["D503"].related_information is None


async def test_positions_count_the_clients_units(client: LanguageClient, tmp_path: Path) -> None:
    """`Staf 😀, Stáf Gudang`: the second role starts after an emoji (2 UTF-16 units, 4 UTF-8 bytes) and an `é`."""
    path = copy("defects.sop.md", tmp_path)
    uri = open_file(client, path)
    found = [d for d in await diagnostics(client, uri) if d.code == "R301"]
    line = "   - Pelaksana: KADIS, Staf 😀, Stáf Gudang"
    second = found[1].range
    assert second.start.line == 62
    if client.encoding == "utf-8":  # type: ignore[attr-defined]
        assert (second.start.character, second.end.character) == (34, 46)
    else:
        assert client.encoding == "utf-16"  # type: ignore[attr-defined]
        assert (second.start.character, second.end.character) == (32, 43)
    assert second.end.character == units(client, line)
    assert found[0].range.end.character == units(client, "   - Pelaksana: KADIS, Staf 😀")


async def test_an_incremental_change_is_applied_in_client_units(client: LanguageClient, tmp_path: Path) -> None:
    path = copy("defects.sop.md", tmp_path)
    text = path.read_text(encoding="utf-8")
    uri = open_file(client, path)
    await diagnostics(client, uri)
    # Type `menit` after `Waktu: 30` (line 60) and a space after the emoji in line 63.
    end_of_30 = pos(client, text, 60, len("   - Waktu: 30") + 1)
    after_emoji = pos(client, text, 63, len("   - Pelaksana: KADIS, Staf 😀") + 1)
    client.versions[uri] += 1  # type: ignore[attr-defined]
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=client.versions[uri]),  # type: ignore[attr-defined]
            content_changes=[
                types.TextDocumentContentChangePartial(range=types.Range(start=after_emoji, end=after_emoji), text=" "),
                types.TextDocumentContentChangePartial(range=types.Range(start=end_of_30, end=end_of_30), text=" menit"),
            ],
        )
    )
    found = await diagnostics(client, uri)
    assert [d.code for d in found] == ["M108", "S402", "S401", "R301", "R301"]
    new_line = "   - Pelaksana: KADIS, Staf 😀 , Stáf Gudang"
    assert found[-1].range.start.character == units(client, new_line[: new_line.index("Stáf")])


async def _actions(
    client: LanguageClient, uri: str, found: types.Diagnostic, only: list[str] | None = None
) -> list[types.CodeAction]:
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=found.range,
            context=types.CodeActionContext(diagnostics=[found], only=only),
        )
    )
    assert result is not None
    return [a for a in result if isinstance(a, types.CodeAction)]


async def test_quick_fix_applies_the_findings_own_edit(client: LanguageClient, tmp_path: Path) -> None:
    path = copy("defects.sop.md", tmp_path)
    text = path.read_text(encoding="utf-8")
    uri = open_file(client, path)
    m108 = next(d for d in await diagnostics(client, uri) if d.code == "M108")
    offered = await _actions(client, uri, m108)
    fixes = [a for a in offered if a.kind == types.CodeActionKind.QuickFix and not a.title.startswith("Disable")]
    assert len(fixes) == 1 and fixes[0].kind == types.CodeActionKind.QuickFix and fixes[0].is_preferred
    assert fixes[0].edit is not None and fixes[0].edit.changes is not None
    fixed = apply(client, text, list(fixes[0].edit.changes[uri]))
    assert fixed == text.replace("NIP Pengesah: 197912082000032002", "NIP Pengesah: 19791208 200003 2 002")
    change(client, uri, fixed)
    assert [d.code for d in await diagnostics(client, uri)] == ["S402", "D503", "S401", "R301", "R301"]
    # D503's fix is the message's guess, unsafe (issue 13): offered, never preferred.
    d503 = next(d for d in await diagnostics(client, uri) if d.code == "D503")
    offered = await _actions(client, uri, d503, only=[types.CodeActionKind.QuickFix])
    assert [a.title for a in offered] == ["Write `30 menit`", "Disable D503 for this item", "Disable D503 for this file"]
    assert not offered[0].is_preferred


async def test_quick_fix_of_a_renumbering_is_the_fixers_edit(client: LanguageClient, tmp_path: Path) -> None:
    """S401's fix is a plan of the fixer (renumber, rewrite references); the quick fix is its edits, as the engine made them."""
    path = copy("defects.sop.md", tmp_path)
    text = path.read_text(encoding="utf-8").replace("- Ya: langkah 3", "- Ya: lihat langkah 2")
    path.write_text(text, encoding="utf-8")
    uri = open_file(client, path)
    s401 = next(d for d in await diagnostics(client, uri) if d.code == "S401")
    finding = next(f for f in Linter().lint(text, str(path)).findings if f.code == "S401")
    assert finding.fix is not None
    offered = await _actions(client, uri, s401, only=[types.CodeActionKind.QuickFix])
    fixes = [a for a in offered if not a.title.startswith("Disable")]
    assert [a.title for a in fixes] == [finding.fix.title]
    assert fixes[0].edit is not None and fixes[0].edit.changes is not None
    fixed = apply(client, text, list(fixes[0].edit.changes[uri]))
    assert fixed == text.replace("\n2. Menandatangani izin usaha", "\n3. Menandatangani izin usaha")
    change(client, uri, fixed)
    assert "S401" not in [d.code for d in await diagnostics(client, uri)]


async def test_disable_for_this_item_silences_only_that_finding(client: LanguageClient, tmp_path: Path) -> None:
    path = copy("defects.sop.md", tmp_path)
    text = path.read_text(encoding="utf-8")
    uri = open_file(client, path)
    first_r301 = next(d for d in await diagnostics(client, uri) if d.code == "R301")
    disable = next(a for a in await _actions(client, uri, first_r301) if a.title == "Disable R301 for this item")
    assert disable.edit is not None and disable.edit.changes is not None
    new = apply(client, text, list(disable.edit.changes[uri]))
    assert "   <!-- sop-lint: disable=R301 -->\n   - Pelaksana: KADIS, Staf 😀, Stáf Gudang\n" in new
    change(client, uri, new)
    after = await diagnostics(client, uri)
    assert [d.code for d in after] == ["M108", "S402", "D503", "S401"]  # both R301 of that item, no P006
    # Disabling another code on the same item extends the directive already there.
    s401 = next(d for d in after if d.code == "S401")
    disable = next(a for a in await _actions(client, uri, s401) if a.title == "Disable S401 for this item")
    assert disable.edit is not None and disable.edit.changes is not None
    newer = apply(client, new, list(disable.edit.changes[uri]))
    assert newer.count("sop-lint: disable") == 2
    assert "<!-- sop-lint: disable=S401 -->\n2. Menandatangani izin usaha" in newer
    change(client, uri, newer)
    assert [d.code for d in await diagnostics(client, uri)] == ["M108", "S402", "D503"]


async def test_disable_for_this_file(client: LanguageClient, tmp_path: Path) -> None:
    path = copy("defects.sop.md", tmp_path)
    text = path.read_text(encoding="utf-8")
    uri = open_file(client, path)
    d503 = next(d for d in await diagnostics(client, uri) if d.code == "D503")
    disable = next(a for a in await _actions(client, uri, d503) if a.title == "Disable D503 for this file")
    assert disable.edit is not None and disable.edit.changes is not None
    new = apply(client, text, list(disable.edit.changes[uri]))
    assert new == text + "\n<!-- sop-lint: disable-file=D503 -->\n"
    change(client, uri, new)
    assert [d.code for d in await diagnostics(client, uri)] == ["M108", "S402", "S401", "R301", "R301"]


async def test_fix_all_is_check_fix(client: LanguageClient, tmp_path: Path) -> None:
    path = copy("defects.sop.md", tmp_path)
    # An unreadable reference keeps its text, so the duplicate number can be renumbered (S401's fix).
    text = path.read_text(encoding="utf-8").replace("- Ya: langkah 3", "- Ya: lihat langkah 2")
    path.write_text(text, encoding="utf-8")
    uri = open_file(client, path)
    assert [d.code for d in await diagnostics(client, uri)] == ["M108", "S402", "D503", "S401", "R301", "R301"]
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
            context=types.CodeActionContext(diagnostics=[], only=["source.fixAll.sop-lint"]),
        )
    )
    assert result is not None and len(result) == 1
    action = result[0]
    assert isinstance(action, types.CodeAction) and action.kind == "source.fixAll.sop-lint"
    assert action.edit is not None and action.edit.changes is not None
    fixed = apply(client, text, list(action.edit.changes[uri]))
    assert fixed == fix_text(Linter(), text, str(path)).text
    assert "NIP Pengesah: 19791208 200003 2 002" in fixed and "\n3. Menandatangani izin usaha" in fixed
    change(client, uri, fixed)
    assert [d.code for d in await diagnostics(client, uri)] == ["S402", "D503", "R301", "R301"]


async def test_fix_all_offered_unasked_is_resolved_when_chosen(client: LanguageClient, tmp_path: Path) -> None:
    """Without `only`, a client that resolves edits gets fix-all without its edit (a whole `check --fix`), made on resolve."""
    path = copy("defects.sop.md", tmp_path)
    text = path.read_text(encoding="utf-8")
    uri = open_file(client, path)
    d503 = next(d for d in await diagnostics(client, uri) if d.code == "D503")
    lazy = [a for a in await _actions(client, uri, d503) if a.kind == "source.fixAll.sop-lint"]
    capabilities = client.capabilities.text_document.code_action  # type: ignore[union-attr]
    if capabilities is None or capabilities.resolve_support is None or "edit" not in capabilities.resolve_support.properties:
        assert lazy == []
        return
    assert len(lazy) == 1 and lazy[0].edit is None
    resolved = await client.code_action_resolve_async(lazy[0])
    assert resolved.edit is not None and resolved.edit.changes is not None
    assert apply(client, text, list(resolved.edit.changes[uri])) == fix_text(Linter(), text, str(path)).text


async def test_formatting_is_sop_lint_format(client: LanguageClient, tmp_path: Path) -> None:
    path = copy("unformatted.sop.md", tmp_path)
    text = path.read_text(encoding="utf-8")
    uri = open_file(client, path)
    await diagnostics(client, uri)
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=uri), options=types.FormattingOptions(tab_size=4, insert_spaces=True)
        )
    )
    assert edits
    formatted = apply(client, text, list(edits))
    assert formatted != text
    assert formatted == format_text(text, builtin_pack(), date.today())
    change(client, uri, formatted)
    await diagnostics(client, uri)
    again = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=uri), options=types.FormattingOptions(tab_size=4, insert_spaces=True)
        )
    )
    assert again is not None and list(again) == []


async def test_formatting_a_text_that_does_not_parse_says_why(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "broken.sop.md"
    path.write_text("# Judul\n\n<!-- never closed\n", encoding="utf-8")
    uri = open_file(client, path)
    assert [d.code for d in await diagnostics(client, uri)] == ["P001"]
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=uri), options=types.FormattingOptions(tab_size=4, insert_spaces=True)
        )
    )
    assert edits is None
    assert client.messages[-1].type == types.MessageType.Warning
    assert (
        client.messages[-1].message.startswith("sop-lint: 3:1: ")
        and "cannot parse (P001); not formatted" in client.messages[-1].message
    )


async def test_a_config_change_relints_open_documents(client: LanguageClient, tmp_path: Path) -> None:
    path = copy("defects.sop.md", tmp_path)
    uri = open_file(client, path)
    assert "D503" in [d.code for d in await diagnostics(client, uri)]
    config = tmp_path / "sop-lint.toml"
    config.write_text('ignore = ["D503"]\n\n[severity]\nR301 = "warning"\n', encoding="utf-8")
    refreshes = client.diagnostic_refresh_count
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Created)])
    )
    after = await diagnostics(client, uri, after=1)
    assert [d.code for d in after] == ["M108", "S402", "S401", "R301", "R301"]
    assert [d.severity for d in after if d.code == "R301"] == [types.DiagnosticSeverity.Warning] * 2
    if pulls(client) and client.capabilities.workspace.diagnostics:  # type: ignore[union-attr]
        assert client.diagnostic_refresh_count == refreshes + 1
    # A broken configuration: said once, and the defaults are used.
    config.write_text('ignore = ["D5O3"]\n', encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)])
    )
    after = await diagnostics(client, uri, after=2)
    assert "D503" in [d.code for d in after]
    assert client.messages[-1].type == types.MessageType.Error
    assert "sop-lint.toml" in client.messages[-1].message and "D5O3" in client.messages[-1].message
