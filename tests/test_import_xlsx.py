"""The Excel samples of ../shared/import-samples/: every step, its number, activity, Mutu
Baku and the Pelaksana columns holding its symbol, as read off the sheets (cell values,
and each drawing anchor's `xdr:from`/`xdr:to` cell in xl/drawings/). The unfinished
workbook draws its later steps with pictures of boxes, not shapes: import reads their
column but says so on each of those steps, and a row holding only the Selesai
terminator says that too — nothing is read as a performer without a guess saying why."""

from __future__ import annotations

import pytest

from sop_lint.importers import read_procedures
from sop_lint.importers.output import render_procedure
from sop_lint.pack import builtin_pack

from .conftest import lint, need_shared

# file -> [(title, number of Pelaksana columns, [(No, activity, Kelengkapan, Waktu, Output, columns)])]
WORKBOOKS = {
    "basarnas-bcc-penanganan-informasi-unfinished.xlsx": [
        (
            "Penanganan Informasi Potensi Bencana/Kecelakaan Di Basarnas Command Center (Bcc)",
            11,
            [
                (
                    "1",
                    "Informasi potensi bencana/ kecelakaan secara resmi yang valid",
                    "Berita resmi",
                    "5 menit",
                    "Laporan bencana nasional",
                    (1,),
                ),
                (
                    "2",
                    "Melaporkan informasi potensi bencana/ kecelakaan kepada Kagahar sekaligus menghubungi kantor SAR terkait",
                    "Laporan bencana nasional",
                    "5 menit",
                    "Laporan bencana nasional",
                    (2, 5),
                ),
                (
                    "3",
                    "Kagahar memerintahkan Asisten untuk memetakan area potensi bencana/ kecelakaan dan mendata sumber daya yang tersedia",  # noqa: E501
                    "Laporan bencana nasional",
                    "2 menit",
                    "Laporan bencana nasional",
                    (3,),
                ),
                (
                    "4",
                    "Petugas Komunikasi: membuat radiogram ke kantor SAR terkait potensi bencana/ kecelakaan di wilayah kerjanya Asisten: Memetakan area potensi bencana/ kecelakaan dan mendata sumber daya yang tersedia BSG: Menyiapkan Personel, Alut dan Palsar",  # noqa: E501
                    "Laporan bencana nasional",
                    "30 menit",
                    "Radiogram, pemetaan area bencana, dan data sumber daya yang tersedia dalam bentuk paparan",
                    (2, 4, 6),
                ),
                (
                    "5",
                    "Kagahar melaporkan kepada Pengawas terkait potensi bencana/ kecelakaan",
                    "Berita resmi",
                    "2 menit",
                    "Info awal mengenai bencana nasional yang terjadi",
                    (7,),
                ),
                (
                    "6",
                    "Pengawas melaporkan kepada pimpinan terkait potensi bencana/ kecelakaan",
                    "Info awal mengenai bencana nasional yang terjadi",
                    "2 menit",
                    "Laporan info awal",
                    (8, 9, 10, 11),
                ),
            ],
        ),
        (
            "Penanganan Laporan Bencana Nasional Di Basarnas Command Center (Bcc)",
            15,
            [
                (
                    "1",
                    "Informasi potensi bencana/ kecelakaan secara resmi yang valid",
                    "Berita resmi",
                    "5 menit",
                    "Laporan bencana nasional",
                    (1,),
                ),
                (
                    "2",
                    "Melaporkan informasi potensi bencana/ kecelakaan kepada Kagahar sekaligus menghubungi kantor SAR terkait",
                    "Laporan bencana nasional",
                    "5 menit",
                    "Laporan bencana nasional",
                    (2, 5),
                ),
                (
                    "3",
                    "Kagahar memerintahkan Asisten untuk memetakan area bencana dan mendata sumber daya yang tersedia",
                    "Laporan bencana nasional",
                    "2 menit",
                    "Laporan bencana nasional",
                    (3,),
                ),
                (
                    "4",
                    "Petugas Komunikasi: membuat radiogram ke kantor SAR terkait potensi bencana/ kecelakaan di wilayah kerjanya Asisten: Memetakan area potensi bencana/ kecelakaan dan mendata sumber daya yang tersedia BSG: Menyiapkan Personel, Alut dan Palsar",  # noqa: E501
                    "Laporan bencana nasional",
                    "30 menit",
                    "Radiogram, pemetaan area bencana, dan data sumber daya yang tersedia dalam bentuk paparan",
                    (2, 4, 6),
                ),
                (
                    "5",
                    "Kagahar melaporkan kepada Pengawas terkait potensi bencana/ kecelakaan",
                    "Berita resmi",
                    "2 menit",
                    "Info awal mengenai bencana nasional yang terjadi",
                    (7,),
                ),
                (
                    "6",
                    "Pengawas melaporkan kepada pimpinan terkait potensi bencana/ kecelakaan",
                    "Info awal mengenai bencana nasional yang terjadi",
                    "2 menit",
                    "Laporan info awal",
                    (8, 9, 14, 15),
                ),
                (
                    "8",
                    "SC mengaktifkan orgasnisasi operasi SAR",
                    "Pemetaan area bencana dan data sumber daya yang tersedia dalam bentuk paparan",
                    "1 menit",
                    "Organisasi Operasi SAR",
                    (14,),
                ),
                (
                    "9",
                    "Pembuatan posko bencana dan mengerahkan BSG ke lokasi bencana serta potensi SAR",
                    "Organisasi Operasi SAR",
                    "15 menit",
                    "Posko SAR",
                    (9,),
                ),
                (
                    "10",
                    "Mendata potensi SAR diwilayah terdampak bencana untuk mendukung operasi SAR",
                    "Laporan info awal",
                    "15 menit",
                    "Data potensi SAR di wilayah terdampak",
                    (10,),
                ),
                (
                    "11",
                    "Penyiapan alut, palsar, dan logistik untuk mendukung operasi SAR",
                    "Laporan info awal",
                    "15 menit",
                    "Kesiapan alut",
                    (11,),
                ),
                (
                    "12",
                    "Penyiapan alat komunikasi untuk mendukung operasi SAR",
                    "Laporan info awal",
                    "15 menit",
                    "Kesiapan alkom",
                    (12,),
                ),
                ("13", "Pembuatan Press Release Kabasarnas", "Laporan info awal", "15 menit", "Press Release Kabasarnas", (13,)),
                ("14", "Penyelenggaraan Operasi SAR", "", "", "", (9,)),
            ],
        ),
    ],
    "basarnas-bcc-penerimaan-berita-115.xlsx": [
        (
            "PENERIMAAN BERITA PADA EMERGENCY CALL 115",
            4,
            [
                ("1", "Melaporkan kejadian", "informasi laporan Kejadian", "5 Menit", "informasi laporan Kejadian", (1,)),
                (
                    "2",
                    "Menerima, mencatat dan menginformasikan ke Operator Komunikasi terkait laporan Kejadian",
                    "informasi laporan Kejadian",
                    "5 Menit",
                    "laporan informasi emergency call 115",
                    (2,),
                ),
                (
                    "3",
                    "Menerima, mencatat dan mengkonfirmasi informasi dan melaporkan ke Kagahar terkait laporan Kejadian untuk melakukan Pemeriksaan kebenaran berita",  # noqa: E501
                    "laporan informasi emergency call 115",
                    "5 Menit",
                    "laporan informasi emergency call 115 (paraf petugas emergency call 115)",
                    (3,),
                ),
                (
                    "4",
                    "Melakukan  pemeriksaan kebenaran berita kejadian jika ya lanjut proses penanganan berita jika tidak hanya pencatatan berita.",  # noqa: E501
                    "laporan informasi emergency call 115 (paraf petugas emergency call 115)",
                    "1 Menit",
                    "laporan",
                    (4,),
                ),
                ("5", "Menindaklanjuti Berita, SOP Penanganan Berita", "Laporan", "2 Menit", "Radiogram ke KPP", (3,)),
            ],
        ),
    ],
}


@pytest.mark.parametrize("name", sorted(WORKBOOKS))
def test_every_step_of_the_workbook(name: str) -> None:
    procedures = read_procedures(need_shared(f"import-samples/{name}"), builtin_pack())
    got = [
        (
            p.title,
            len(p.roles),
            [
                (
                    s.number,
                    s.activity,
                    s.fields.get("Kelengkapan", ""),
                    s.fields.get("Waktu", ""),
                    s.fields.get("Output", ""),
                    tuple(p.roles.index(role) + 1 for role in s.performers),
                )
                for s in p.steps
            ],
        )
        for p in procedures
    ]
    assert got == WORKBOOKS[name]


def test_the_unfinished_flowchart_is_said_not_invented() -> None:
    [_first, second] = read_procedures(
        need_shared("import-samples/basarnas-bcc-penanganan-informasi-unfinished.xlsx"), builtin_pack()
    )
    pictured = {s.number for s in second.steps if any("a picture (not a shape)" in note for note in s.notes)}
    assert pictured == {"5", "6", "8", "9", "10", "11", "12", "13"}
    last = second.steps[-1]
    assert last.notes == ["only the `Selesai` terminator stands in the Direktur Operasi column: read as this step's performer"]
    text = render_procedure(second, builtin_pack())
    assert "14. Penyelenggaraan Operasi SAR <!-- import: only the `Selesai` terminator" in text
    assert {f.code for f in lint(text, preview=False)} >= {"S401", "D501", "C201"}  # 7 is missing; 14 has no Mutu Baku


def test_the_cover_sheet_gives_identity_and_approver() -> None:
    pack = builtin_pack()
    [procedure] = read_procedures(need_shared("import-samples/basarnas-bcc-penerimaan-berita-115.xlsx"), pack)
    identity = dict(procedure.identity)
    assert identity["DISAHKAN OLEH"] == "DIREKTUR KESIAPSIAGAAN"
    assert identity["Nama Pengesah"] == "Noer Isrodin Muchlisin, S.Pd., M.M."
    assert identity["NIP Pengesah"] == "197212241998031002"
    assert identity["Instansi"] == "BADAN NASIONAL PENCARIAN DAN PERTOLONGAN"
    assert procedure.steps[3].decision is not None  # the diamond of step 4
    codes = {f.code for f in lint(render_procedure(procedure, pack), preview=False)}
    assert "P001" not in codes and "M102" in codes  # `Novermber 2024` is kept as written
