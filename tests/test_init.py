"""`sop-lint init`: the template parses, lints with exactly the placeholder findings
docs/repository.md lists, and is never written over a file; `init --config` writes a
configuration that loads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sop_lint.config import discover, settings_for
from sop_lint.parser import parse_text

from .cli_runner import invoke, one_error_line
from .conftest import ROOT

DOCS = ROOT / "docs" / "repository.md"


def documented_findings() -> list[str]:
    """The block after "The template lints with exactly these findings" in docs/repository.md."""
    text = DOCS.read_text(encoding="utf-8")
    match = re.search(r"lints with exactly these findings.*?```text\n(.*?)```", text, re.DOTALL)
    assert match, "docs/repository.md lists the template's findings in a ```text block"
    return match[1].splitlines()


def test_template_parses_with_every_section_and_a_decision(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(capsys, "init", "pengumpulan-data")
    assert result.code == 0 and result.err == "Wrote pengumpulan-data.sop.md.\n"
    text = (tmp_path / "pengumpulan-data.sop.md").read_text(encoding="utf-8")
    parsed = parse_text(text)
    assert parsed.problem is None and parsed.sop is not None
    sop = parsed.sop
    assert sop.title == "Pengumpulan Data"
    assert [s.kind for s in sop.sections] == [
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
    assert sop.identity is not None
    keys = [field.key for field in sop.identity.fields]
    assert keys == [
        "Nomor",
        "Instansi",
        "Unit",
        "Tanggal Pembuatan",
        "Tanggal Revisi",
        "Tanggal Efektif",
        "Disahkan Oleh",
        "Nama Pengesah",
        "NIP Pengesah",
    ]
    decisions = [step for step in sop.steps if step.decision is not None]
    assert len(decisions) == 1 and decisions[0].yes is not None and decisions[0].no is not None
    assert len(sop.comments) >= 10  # what goes where, in Indonesian
    assert "Ganti setiap `...` dengan isinya" in text


def test_template_gives_exactly_the_documented_placeholder_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    invoke(capsys, "init", "pengumpulan-data")
    result = invoke(capsys, "check", "--isolated", "--preview", "--no-show-source", "-q", "pengumpulan-data.sop.md")
    assert result.code == 1
    assert result.out.splitlines() == documented_findings()
    assert {line.split()[1] for line in documented_findings()} == {"M101", "C203", "D502"}


def test_filling_the_placeholders_leaves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    invoke(capsys, "init", "x")
    text = (tmp_path / "x.sop.md").read_text(encoding="utf-8")
    filled = {
        "- Nomor: ...": "- Nomor: 065/3/DP-B",
        "- Tanggal Pembuatan: ...": "- Tanggal Pembuatan: 4 Januari 2021",
        "- Tanggal Efektif: ...": "- Tanggal Efektif: 4 Januari 2021",
        "- Disahkan Oleh: ...": "- Disahkan Oleh: Kepala Biro Organisasi",
        "- Nama Pengesah: ...": "- Nama Pengesah: Rita Hastarita, S.Sos",
        "- NIP Pengesah: ...": "- NIP Pengesah: 19791208 200003 2 002",
        "- Waktu: ...": "- Waktu: 30 menit",
    }
    for old, new in filled.items():
        text = text.replace(old, new)
    items = iter(
        [
            "Peraturan Menteri PAN-RB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP",
            "Memahami tata naskah dinas.",
            "SOP Perbaikan Data Kinerja",
            "Komputer",
            "Jika SOP tidak dilaksanakan, data tidak terkumpul.",
            "Buku Agenda",
        ]
    )
    text = re.sub(r"^1\. \.\.\.$", lambda match: f"1. {next(items)}", text, count=6, flags=re.MULTILINE)
    (tmp_path / "x.sop.md").write_text(text, encoding="utf-8")
    result = invoke(capsys, "check", "--isolated", "--no-show-source", "-q", "x.sop.md")
    assert (result.code, result.out) == (0, "")


def test_init_never_writes_over_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ada.sop.md").write_text("# Milik orang lain\n", encoding="utf-8")
    assert one_error_line(invoke(capsys, "init", "ada")) == "ada.sop.md: already exists; not overwritten"
    assert (tmp_path / "ada.sop.md").read_text(encoding="utf-8") == "# Milik orang lain\n"
    assert one_error_line(invoke(capsys, "init", "tidak/ada")) == "tidak/ada.sop.md: no such directory tidak"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["ada.sop.md"]  # no temporary file left


def test_init_without_a_name_prints_the_template(capsys: pytest.CaptureFixture[str]) -> None:
    result = invoke(capsys, "init")
    assert result.code == 0 and result.out.count("\n# ...\n") == 1
    assert parse_text(result.out).sop is not None


def test_init_config_writes_a_configuration_that_loads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke(capsys, "init", "--config").code == 0
    settings = settings_for(discover("."))
    assert (settings.select, settings.fail_on, settings.lang, settings.check_related) == (
        ["P", "M", "C", "R", "S", "D", "L"],
        "warning",
        "id",
        False,
    )
    assert one_error_line(invoke(capsys, "init", "--config")) == "sop-lint.toml: already exists; not overwritten"
