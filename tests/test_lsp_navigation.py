"""Hover, definition, outline, rename and completion over stdio, as VS Code and Neovim see them."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from sop_lint.docs import doc_page
from sop_lint.rules import all_rules
from tests.lsp_support import apply, change, client, copy, diagnostics, open_file, pos, units

__all__ = ["client"]  # the fixture
pytestmark = pytest.mark.asyncio


def at(client: LanguageClient, text: str, needle: str, nth: int = 0, into: int = 0) -> types.Position:
    """The position `into` code points into the `nth` occurrence of `needle`."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    index += into
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return pos(client, text, line, column)


async def opened(client: LanguageClient, tmp_path: Path) -> tuple[str, str]:
    path = copy("navigation.sop.md", tmp_path)
    uri = open_file(client, path)
    assert await diagnostics(client, uri) == []
    return uri, path.read_text(encoding="utf-8")


async def hover_text(client: LanguageClient, uri: str, where: types.Position) -> types.Hover | None:
    return await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=where)
    )


def value(hover: types.Hover | None) -> str:
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    return hover.contents.value


async def test_hover(client: LanguageClient, tmp_path: Path) -> None:
    uri, text = await opened(client, tmp_path)
    # A rule code in a suppression comment: its explain page.
    assert value(await hover_text(client, uri, at(client, text, "D503 -->", into=2))) == doc_page(all_rules()["D503"])
    # A role alias in a step, as written or in another case: its full name, over the alias.
    role = await hover_text(client, uri, at(client, text, "- Pelaksana: KAŠUBAG", into=16))
    assert value(role) == "**KAŠUBAG**: Kepala Sub-Bagian Perizinan — Reklame"
    assert role is not None and role.range is not None
    start = at(client, text, "KAŠUBAG", nth=1)
    assert (role.range.start, role.range.end.character) == (start, start.character + units(client, "KAŠUBAG"))
    lower = await hover_text(client, uri, at(client, text, "kašubag", into=7))  # just after the word
    assert value(lower) == "**KAŠUBAG**: Kepala Sub-Bagian Perizinan — Reklame"
    # A step reference: that step's activity.
    assert (
        value(await hover_text(client, uri, at(client, text, "Ya: langkah 3", into=12)))
        == "**Step 3**: Menandatangani izin reklame"
    )
    assert value(await hover_text(client, uri, at(client, text, "Tidak: langkah 1", into=8))) == (
        "**Step 1**: Menerima berkas permohonan 😀 reklame"
    )
    # Nothing to say over plain text.
    assert await hover_text(client, uri, at(client, text, "Formulir permohonan")) is None


async def test_definition(client: LanguageClient, tmp_path: Path) -> None:
    uri, text = await opened(client, tmp_path)

    async def definition(where: types.Position) -> types.Location:
        found = await client.text_document_definition_async(
            types.DefinitionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=where)
        )
        assert isinstance(found, types.Location)
        return found

    step = await definition(at(client, text, "Ya: langkah 3", into=12))
    assert step.uri == uri
    assert step.range.start == at(client, text, "3. Menandatangani")
    assert step.range.end == at(client, text, "3. Menandatangani izin reklame", into=len("3. Menandatangani izin reklame"))
    role = await definition(at(client, text, "kašubag"))
    assert role.range.start == at(client, text, "KAŠUBAG: Kepala")
    assert role.range.end == at(client, text, "— Reklame", into=len("— Reklame"))


async def test_document_symbols(client: LanguageClient, tmp_path: Path) -> None:
    uri, text = await opened(client, tmp_path)
    found = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert found is not None
    sections = [s for s in found if isinstance(s, types.DocumentSymbol)]
    assert [s.name for s in sections] == [
        "Identitas",
        "Dasar Hukum",
        "Kualifikasi Pelaksana",
        "Keterkaitan",
        "Peralatan/Perlengkapan",
        "Peringatan",
        "Pencatatan dan Pendataan",
        "Pelaksana",
        "Prosedur",
    ]
    procedure = sections[-1]
    assert procedure.kind == types.SymbolKind.Namespace
    assert procedure.selection_range.start == at(client, text, "## Prosedur")
    assert [c.name for c in procedure.children or []] == [
        "1. Menerima berkas permohonan 😀 reklame",
        "2. Memeriksa kelengkapan berkas — teknis",
        "3. Menandatangani izin reklame",
    ]
    assert [(c.name, c.detail) for c in sections[-2].children or []] == [
        ("KAŠUBAG", "Kepala Sub-Bagian Perizinan — Reklame"),
        ("KADIS", "Kepala Dinas"),
        ("Pétugas Loket", None),
    ]
    identity = [c.name for c in sections[0].children or []]
    assert identity[:2] == ["Nomor", "Instansi"] and len(identity) == 10


async def test_rename_a_role_alias_rewrites_every_use(client: LanguageClient, tmp_path: Path) -> None:
    uri, text = await opened(client, tmp_path)
    where = at(client, text, "kašubag", into=3)
    prepared = await client.text_document_prepare_rename_async(
        types.PrepareRenameParams(text_document=types.TextDocumentIdentifier(uri=uri), position=where)
    )
    assert isinstance(prepared, types.PrepareRenamePlaceholder) and prepared.placeholder == "KAŠUBAG"
    edit = await client.text_document_rename_async(
        types.RenameParams(text_document=types.TextDocumentIdentifier(uri=uri), position=where, new_name="KASUBAG—R")
    )
    assert edit is not None and edit.changes is not None
    new = apply(client, text, list(edit.changes[uri]))
    assert new == text.replace("KAŠUBAG", "KASUBAG—R").replace("kašubag", "KASUBAG—R")
    change(client, uri, new)
    assert await diagnostics(client, uri) == []
    # A role without an alias: its name is what steps use.
    where = at(client, new, "- Pétugas Loket", into=4)
    edit = await client.text_document_rename_async(
        types.RenameParams(text_document=types.TextDocumentIdentifier(uri=uri), position=where, new_name="Petugas Pelayanan")
    )
    assert edit is not None and edit.changes is not None
    newer = apply(client, new, list(edit.changes[uri]))
    assert newer == new.replace("Pétugas Loket", "Petugas Pelayanan")
    # Nothing to rename on plain text.
    plain = await client.text_document_prepare_rename_async(
        types.PrepareRenameParams(text_document=types.TextDocumentIdentifier(uri=uri), position=at(client, new, "Formulir"))
    )
    assert plain is None


async def complete(client: LanguageClient, uri: str, text: str, line: str, after: str) -> tuple[list[types.CompletionItem], str]:
    """Put `line` after the line holding `after`, complete at its end; the items and the new text."""
    index = text.index(after)
    end = text.index("\n", index)
    new = text[:end] + "\n" + line + text[end:]
    change(client, uri, new)
    line_number = new.count("\n", 0, end + 1) + 1
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=pos(client, new, line_number, len(line) + 1)
        )
    )
    items = result.items if isinstance(result, types.CompletionList) else list(result or [])
    return list(items), new


async def test_completion(client: LanguageClient, tmp_path: Path) -> None:
    uri, text = await opened(client, tmp_path)
    # Section names after `## `, replacing what is typed.
    items, _ = await complete(client, uri, text, "## Per", "- Buku Agenda")
    assert [i.label for i in items][:3] == ["Identitas", "Dasar Hukum", "Kualifikasi Pelaksana"] and len(items) == 9
    edit = items[0].text_edit
    assert isinstance(edit, types.TextEdit) and edit.range.start.character == 3 and edit.new_text == "Identitas"
    # Identity keys in Identitas; step keys under a step (not at the margin of Prosedur).
    items, _ = await complete(client, uri, text, "- Tang", "- Batas Waktu")
    assert [i.label for i in items][:4] == ["Nomor", "Instansi", "Unit", "Tanggal Pembuatan"]
    assert items[0].text_edit is not None and items[0].text_edit.new_text == "Nomor: "
    items, _ = await complete(client, uri, text, "   - Wak", "- Output: Izin reklame")
    assert [i.label for i in items] == [
        "Pelaksana",
        "Kelengkapan",
        "Waktu",
        "Output",
        "Keterangan",
        "Keputusan",
        "Ya",
        "Tidak",
        "Lanjut",
    ]
    # Declared roles after `Pelaksana:`, the next one after a comma.
    items, _ = await complete(client, uri, text, "   - Pelaksana: KADIS, Pé", "- Output: Izin reklame")
    assert [(i.label, i.detail) for i in items] == [
        ("KAŠUBAG", "Kepala Sub-Bagian Perizinan — Reklame"),
        ("KADIS", "Kepala Dinas"),
        ("Pétugas Loket", None),
    ]
    edit = items[2].text_edit
    assert isinstance(edit, types.TextEdit)
    assert edit.range.start.character == units(client, "   - Pelaksana: KADIS, ")
    assert edit.range.end.character == units(client, "   - Pelaksana: KADIS, Pé")
    # Step numbers after Ya, Tidak and Lanjut, with their activities.
    items, _ = await complete(client, uri, text, "   - Tidak: ", "- Output: Izin reklame")
    assert [(i.label, i.detail) for i in items] == [
        ("1", "Menerima berkas permohonan 😀 reklame"),
        ("2", "Memeriksa kelengkapan berkas — teknis"),
        ("3", "Menandatangani izin reklame"),
    ]
    # Nothing in a free text.
    items, _ = await complete(client, uri, text, "   - Output: Izin", "- Output: Izin reklame")
    assert items == []
