"""Each real PDF of ../shared/import-samples/ imports with every step right: its number,
activity, Mutu Baku (Kelengkapan, Waktu, Output) and the Pelaksana columns that hold its
symbol (1 = the first role column). The expected values were read off the pages
(`pdftoppm -r 80 -png`, looked at cell by cell), as written there — typing slips such as
`hukummebahas`, `Memeriksadan` or `bProduk Huku` included: import transcribes. A word the
page breaks inside a narrow cell (`Penyemp`/`urnaan`) is read whole, as a person reads it.
The documents themselves are never copied into the project (need_shared)."""

from __future__ import annotations

from collections import Counter

import pytest

from sop_lint.importers import read_procedures
from sop_lint.importers.output import render_procedure
from sop_lint.pack import builtin_pack

from .conftest import lint, need_shared

# file -> (number of Pelaksana columns, [(No, activity, Kelengkapan, Waktu, Output, performer columns)])
PDFS = {
    "tubaba-hukum-1-sop-perda.pdf": (
        9,
        [
            ("1", "Usulan Raperda Dari Skpd", "Draft Raperda dan NA", "", "-", (1,)),
            ("2", "Melakukan register koreksi", "Draft Raperda dan NA", "5 menit", "-", (2,)),
            ("3", "Mendisposisi draf perda untuk di koreksi", "Lembar disposisi", "1 jam", "Memo intruksi", (4,)),
            (
                "4",
                "Bagian hukum mengoreksi legal draft dan melakukan harmonisasi yang dilakukan secara berjenjang dari pelaksana kassubag peraturan perundang-undangan dan kabag hukum",  # noqa: E501
                "Draft Raperda dan NA",
                "6 hari",
                "Draft Raperda dan NA",
                (2, 3, 4),
            ),
            (
                "5",
                "Rapat koordinasi skpd dengan bagian hukummebahas naskah akedemik dan konsep raperda",
                "Draft Raperda dan NA",
                "3 hari",
                "Draft Raperda dan NA",
                (1,),
            ),
            (
                "6",
                "Rapat koordinasi antar SKPD dengan asisten dan bagian hukum serta skpd terkait",
                "Draft Raperda dan NA",
                "1 hari",
                "Draft Raperda dan NA",
                (1, 5),
            ),
            ("7", "Perbaikan naskah setelah Rapat Koordinasi", "-", "1 hari", "-", (2,)),
            ("8", "Sosialisasi Pembahasan Raperda", "Draft Raperda dan NA", "1 hari", "Draft Raperda dan NA", (1, 4, 5)),
            (
                "9",
                "Pemantapan Raperda dan Penyempurnaan Raperda",
                "Naskah Raperda dan Naskah",
                "3 hari",
                "Penyempurnaan dari sekda",
                (2,),
            ),
            ("10", "Rapat Banieg Bersama Eksekutif", "Draft Raperda dan NA", "1 hari", "Draft Raperda dan NA", (8,)),
            ("11", "Penetapan Jadwal Pada Banmus DPRD", "Disesuaikan Jadwal DPRD", "1 hari", "-", (8,)),
            ("12", "Penyampaian Raperda ke DPRD", "Draft Raperda dan NA 41 explar", "1 hari", "Draft Raperda dan NA", (7,)),
            (
                "13",
                "Rapat Pembahasan Gabungan Komisi/Pansus Bersama eksekutip",
                "Draft Raperda dan NA",
                "Sesuai dengan jadwal Banmus",
                "Draft Raperda dan NA",
                (8,),
            ),
            ("14", "Persetujuan DPRD", "Keputusan DPRD", "2 hari", "Keputusan DPRD", (8,)),
            (
                "15",
                "Perbaikan Naskah Raperda Oleh Sekretariat DPRD Kabupaten Tulang Bawang Barat",
                "Raperda",
                "1 hari",
                "Raperda",
                (8,),
            ),
            (
                "16",
                "Penyampaian Perda Untuk Mendapatkan Evaluasi/Klarifikasi dari Gubernur",
                "Raperda",
                "1 hari",
                "Raperda",
                (6,),
            ),
            ("17", "Evaluasi/klarifikasi Gubernur", "Raperda", "Menyesuaikan jadwal gubernur", "Hasil Evaluasi", (9,)),
            ("18", "Pebaikan Setelah Evaluasi Gubernur", "Kompter dan Kertas", "2 hari", "Penyempurnaan Raperda", (2,)),
            ("19", "Paraf Koordinasi Raperda", "Raperda", "3 hari", "Raperda", (1, 4, 5, 6)),
            ("20", "Penetapan Perda Oleh Bupati Tulang Bawang Barat", "Perda", "2 hari", "Perda", (7,)),
            ("21", "Pengundangan Perda dalam Lembaran Daerah Oleh Sekretaris Daerah", "Perda", "1 hari", "Perda", (6,)),
            ("22", "Penomoran dan Penggandaan", "Perda", "30 menit", "Perda", (2,)),
            ("23", "Penyerahan Perda pada instansi Plaksana", "Perda", "1 hari", "Perda", (1,)),
        ],
    ),
    "tubaba-hukum-2-sop-perbup.pdf": (
        7,
        [
            ("1", "Usulan SKPD", "Draft Perbup, Data Pendukung, Surat Pengantar dan Nota Dinas", "-", "Naskah", (1,)),
            ("2", "Melakukan register koreksi", "ATK, Draft Perbup", "5 menit", "Draft Perbup Berkoreksi", (2,)),
            ("3", "Mendisposisi draf perbub untuk di koreksi", "Lembar disposisi", "5 menit", "Memo intruksi", (4,)),
            (
                "4",
                "Melakukan koreksi Draft Perbub dan dilakukan Paraf",
                "ATK, Draft Perbup",
                "3 hari",
                "Draft Perbup Berkoreksi",
                (2,),
            ),
            (
                "5",
                "Penelitian dan pengkajian terhadap substansi dan materi yang akan diatur dalam Peraturan Bupati",
                "ATK, Draft Perbub berkoreksi",
                "2 hari",
                "Draft Perbup Berkoreksi",
                (3,),
            ),
            (
                "6",
                "Memeriksadan meneliti dan pengkajian kembali hasil Draft Perbub dan dilakukan paraf",
                "Draft Perbup berkoreksi",
                "1 hari",
                "Draft Perbup Berkoreksi",
                (4,),
            ),
            (
                "7",
                "Menyerahkan hasil koreksi kepada SKPD",
                "Draft Perbup telah terkoreksi",
                "30 menit",
                "Draft Perbup telah diperbaiki sesuai koreksi",
                (2,),
            ),
            (
                "8",
                "Melakukan Hasil Koreksi selanjutnya melaksanakan rapat Koordinasi dengan instansi terkait",
                "Komputer",
                "3 hari",
                "Draft Perbup telah terkoreksi",
                (1,),
            ),
            ("9", "Paraf Koordinasi Kabag Hukum", "Konsep Perbup", "1 hari", "Draft Perbup Paraf Kabag", (4,)),
            ("10", "Paraf Koordinasi Asisten", "Konsep Perbup", "1 hari", "Draft Perbup Paraf assisten", (5,)),
            ("11", "Paraf Koordinasi Sekretaris Daerah", "Konsep Perbup", "1 hari", "Draft Perbup Paraf Sekda", (6,)),
            ("12", "Penetapan Peraturan Bupati", "Konsep Perbup", "2 hari", "Perbup yang telah di paraf", (7,)),
            (
                "13",
                "Pengundangan dalam berita Daerah oleh Sekretaris Daerah",
                "Perbub yang telah di tetapkan",
                "2 hari",
                "Perbup Final",
                (6,),
            ),
            ("14", "Pemberian Nomor dan tanggal penetapan Peraturan Bupati", "Buku Register", "50 Menit", "Perbup Final", (2,)),
            ("15", "Penyerahan Perbub dengan Tanda Terima", "Buku Tanda Terima", "15 Menit", "Arsip Perbup Final", (1,)),
        ],
    ),
    "tubaba-hukum-3-sop-keputusan-bupati.pdf": (
        7,
        [
            ("1", "Usulan SKPD Pemrakarsa", "Draft SK, Data Pendukung, Surat Pengantar dan Nota Dinas", "-", "-", (1,)),
            ("2", "Melakukan register koreksi", "Buku Registrasi", "5 menit", "Draft SK Berkoreksi", (2,)),
            ("3", "Mendisposisi draf SK untuk di koreksi", "Lembar disposisi", "3 jam", "Memo intruksi", (4,)),
            ("4", "Melakukan koreksi Draft SK dan dilakukan Paraf", "ATK, Draft SK", "1 hari", "Draft SK Berkoreksi", (2,)),
            (
                "5",
                "Penelitian dan pengkajian terhadap substansi dan materi yang akan ditetapkan dalam SK Bupati",
                "ATK, Draft SK berkoreksi",
                "1 hari",
                "Draft SK Berkoreksi",
                (3,),
            ),
            ("6", "Memeriksa dan meneliti kembali hasil Draft SK", "Draft SK berkoreksi", "1 hari", "Draft SK Berkoreksi", (4,)),
            (
                "7",
                "Menyerahkan hasil koreksi kepada SKPD",
                "Draft SK telah terkoreksi",
                "30 menit",
                "Draft SK telah diperbaiki sesuai koreksi",
                (2,),
            ),
            (
                "8",
                "Melakukan perbaikan Hasil Koreksi selanjutnya kepala SKPD membubuhkan paraf koordinasi",
                "Draft SK telah terkoreksi",
                "30 menit",
                "Draft SK telah terkoreksi",
                (1,),
            ),
            ("9", "Paraf Koordinasi Kabag Hukum", "Draft SK Paraf Kabag", "1 hari", "Draft SK Paraf Kabag", (4,)),
            (
                "10",
                "Paraf Koordinasi Asisten yang membidangi",
                "Draft SK Paraf assisten",
                "1 hari",
                "Draft SK Paraf assisten",
                (5,),
            ),
            ("11", "Paraf Koordinasi Sekretaris Daerah", "Draft SK Paraf Sekda", "1 hari", "Draft SK Paraf Sekda", (6,)),
            (
                "12",
                "Penandatanganan Keputusan Bupati",
                "SK telah di tandatangani",
                "2 hari",
                "SK yang telah di tandatangani",
                (7,),
            ),
            ("13", "Pemberian Nomor dan tanggal Keputusan Bupati", "Buku Register", "50 Menit", "SK Final", (2,)),
            ("14", "Penyerahan SK dengan Tanda Terima", "Buku Tanda Terima", "15 Menit", "Penyerahan SK", (1,)),
        ],
    ),
    "tubaba-hukum-5-sop-bankum.pdf": (
        5,
        [
            ("1", "Gugatan Perdata/ Tata Usaha Negara", "Surat Gugatan", "1 Hari", "Surat Gugatan", (1,)),
            (
                "2",
                "Penyampaian Gugatan Perdata/Tata Usaha Negara",
                "Disposisi Bupati dan Surat Gugatan",
                "1 Hari",
                "Disposisi Bupati dan Surat Gugatan",
                (4, 5),
            ),
            (
                "3",
                "Penunjukan Kuasa Hukum",
                "Disposisi Bupati, Sekda/assisten dan Surat Gugatan",
                "1 Hari",
                "Disposisi Bupati, Sekda/assisten dan Surat Gugatan",
                (3,),
            ),
            (
                "4",
                "Pembentukan dan Penunjukan Tim Kuasa Hukum",
                "- Disposisi Bupati - Disposisi assisten/Sekda - Disposisi Pembentukan dan penujukan Tim Kuasa Hukum -",
                "7-14 Hari",
                "Pembentukan dan penunjukan Tim Kuasa Hukum : - Izin Bupati - Surat Kuasa",
                (2, 5),
            ),
            ("5", "Rapat Tim Kuasa Hukum", "Alat Bukti", "7-14 Hari", "Alat Bukti", (3, 5)),
            (
                "6",
                "Beracara di Pengadilan",
                "Bahan untuk Jawab Menjawab Para Pihak dan Alat Bukti",
                "160 Hari",
                "Bahan untuk Jawab Menjawab Para Pihak dan Alat Bukti",
                (1, 2),
            ),
        ],
    ),
    "tubaba-hukum-7-sop-jdih.pdf": (
        3,
        [
            (
                "1",
                "Produk Hukum Daerah",
                "Produk Hukum Daerah Dan Peraturan Per-UU Lainnya",
                "10 Menit",
                "Produk Hukum Daerah Dan Peraturan Per-UU Lainnya",
                (1,),
            ),
            (
                "2",
                "Softcopy",
                "Produk Hukum Daerah Dan Peraturan Per-UU Lainnya",
                "10 Menit",
                "Produk Hukum Daerah Dan Peraturan Per-UU Lainnya",
                (2,),
            ),
            (
                "3",
                "Scanner Arsip Produk Hukum ke Hardcopy.",
                "Produk Hukum Daerah Dan Peraturan Per-UU Lainnya",
                "30 Menit",
                "Produk Hukum Daerah Dan Peraturan Per-UU Lainnya",
                (2,),
            ),
            (
                "4",
                "Simpan Dalam Bentuk PDF",
                "Produk Hukum Daerah Dan Peraturan Per-UU Lainnya",
                "10 Menit",
                "Produk Hukum Daerah Dan Peraturan Per-UU Lainnya",
                (2,),
            ),
            (
                "5",
                "Komputer Server masukkan ke website JDIH",
                "Produk Hukum Daerah Dan Peraturan Per-UU Lainnya",
                "30 Menit",
                "Produk Hukum Daerah Dan Peraturan Per-UU Lainnya",
                (2,),
            ),
            (
                "6",
                "Disposisi untuk di Koreksi",
                "Produk Hukum Daerah Dan Peraturan Per-UU Lainnya",
                "30 Menit",
                "Produk Hukum Daerah Dan Peraturan Per-UU Lainnya",
                (3,),
            ),
        ],
    ),
    "tubaba-hukum-8-sop-pencatatan-pustaka-produk-hukum.pdf": (
        2,
        [
            (
                "1",
                "Memberikan informasi tentang bahan yang akan di pinjam",
                "Bahan Pustaka/ Produk Hukum yang dicari",
                "5 menit",
                "Bahan Pustaka/ Produk Hukum yang dicari",
                (1,),
            ),
            (
                "2",
                "Mencabut dan menelusuri bahan Pustaka/ Produk Hukum yang akan dipinjam",
                "Daftar koleksi buku inventarisasi, katalog Produk Hukum",
                "30 menit",
                "Daftar koleksi buku inventarisasi, katalog bProduk Huku",
                (2,),
            ),
            (
                "3",
                "Penyelesaian Administrasi peminjaman",
                "Identitas Peminjam",
                "5 menit",
                "Identitas Peminjam & Produk Hukum yang di pinjam",
                (2,),
            ),
            (
                "4",
                "Pengembalian bahan pinjaman",
                "Pengambilan Produk Hukum yang di pinjam",
                "5 menit",
                "Pengambilan Produk Hukum yang di pinjam",
                (1,),
            ),
            (
                "5",
                "Koleksi yang dipinjam disimpan pada tempat penyimpanan semula",
                "Pengarsipan Kembali",
                "5 menit",
                "Dokumentasi",
                (2,),
            ),
        ],
    ),
    "tubaba-hukum-9-sop-kepustakaan-hukumproduk-hukum.pdf": (
        6,
        [
            (
                "1",
                "Penerimaan Produk Hukum Pusat dan Daerah",
                "Surat pengantar dan Produk Hukum",
                "1-3 Hari",
                "Surat pengantar dan Produk Hukum",
                (1,),
            ),
            ("2", "Disposisi", "Surat pengantar dan Produk Hukum", "1 Hari", "Surat pengantar dan Produk Hukum", (6,)),
            (
                "3",
                "Penerimaan dan penerusan ke kepala bagian",
                "Surat pengantar dan Produk Hukum",
                "1 Hari",
                "Surat pengantar dan Produk Hukum",
                (2, 5),
            ),
            ("4", "Disposisi", "Surat pengantar dan Produk Hukum", "1 Hari", "Surat pengantar dan Produk Hukum", (3, 4)),
            ("5", "Pendokumentasian", "Produk Hukum", "1 Hari", "Produk Hukum", (3,)),
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(PDFS))
def test_every_step_of_the_pdf(name: str) -> None:
    columns, expected = PDFS[name]
    [procedure] = read_procedures(need_shared(f"import-samples/{name}"), builtin_pack())
    assert len(procedure.roles) == columns
    got = [
        (
            s.number,
            s.activity,
            s.fields.get("Kelengkapan", ""),
            s.fields.get("Waktu", ""),
            s.fields.get("Output", ""),
            tuple(procedure.roles.index(role) + 1 for role in s.performers),
        )
        for s in procedure.steps
    ]
    assert got == expected


# What `sop-lint check` then reports on each, preview off (docs/import.md explains them).
FINDINGS = {
    "tubaba-hukum-1-sop-perda.pdf": {"D501": 1, "D502": 2, "M101": 3, "M103": 2, "M107": 1, "S403": 2},
    "tubaba-hukum-2-sop-perbup.pdf": {"D502": 1, "M101": 3, "M103": 2, "M107": 1, "S403": 5},
    "tubaba-hukum-3-sop-keputusan-bupati.pdf": {"D502": 1, "M101": 3, "M103": 2, "M107": 1, "S403": 4},
    "tubaba-hukum-5-sop-bankum.pdf": {"M101": 3, "M103": 2, "M107": 1, "S403": 1},
    "tubaba-hukum-7-sop-jdih.pdf": {"M101": 3, "M103": 2, "M107": 1},
    "tubaba-hukum-8-sop-pencatatan-pustaka-produk-hukum.pdf": {"M101": 3, "M103": 2, "M107": 1, "S403": 1},
    "tubaba-hukum-9-sop-kepustakaan-hukumproduk-hukum.pdf": {"M101": 3, "M103": 2, "M107": 1},
}


@pytest.mark.parametrize("name", sorted(PDFS))
def test_the_imported_pdf_parses_and_its_defects_are_reported(name: str) -> None:
    pack = builtin_pack()
    [procedure] = read_procedures(need_shared(f"import-samples/{name}"), pack)
    text = render_procedure(procedure, pack)
    found = Counter(f.code for f in lint(text, preview=False))
    assert "P001" not in found
    assert found == FINDINGS[name]
