"""A deterministic corpus of realistic, valid SOPs for the benchmarks.

    python benchmarks/corpus.py OUT                 # OUT/bulk/: 1,000 SOPs of 25 steps
    python benchmarks/corpus.py OUT --big           # OUT/big/: one SOP each of 250 … 20,000 steps
    python benchmarks/corpus.py OUT --files 50 --steps 10

The same arguments always give the same bytes (a seeded random generator,
no dates taken from the clock), so figures from two machines or two
commits are comparable. Every SOP has the whole syntax of
`fixtures/good/complete.sop.md` — Identitas, Dasar Hukum with citations that
wrap onto a second line, roles with aliases, steps with Pelaksana,
Kelengkapan, Waktu, Output, decisions with Ya/Tidak loops, comments,
multi-line activities — and lints clean with the built-in rule set.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

BULK_FILES = 1000
BULK_STEPS = 25
BIG_STEPS = (250, 1000, 5000, 20000)
SEED = 20261122

_TOPICS = [
    "Pengumpulan Data Kinerja",
    "Penyusunan Rencana Kerja",
    "Pelayanan Surat Masuk",
    "Pengelolaan Arsip Dinamis",
    "Penyusunan Laporan Keuangan",
    "Pengadaan Barang Persediaan",
    "Verifikasi Surat Pertanggungjawaban",
    "Penerbitan Izin Reklame",
    "Monitoring dan Evaluasi Program",
    "Penyusunan Standar Pelayanan",
    "Pembinaan Kepegawaian",
    "Pengelolaan Pengaduan Masyarakat",
]
_UNITS = [
    "Sekretariat Daerah, Biro Organisasi, Bagian Tatalaksana",
    "Dinas Komunikasi dan Informatika, Bidang Aplikasi Informatika",
    "Badan Kepegawaian Daerah, Bidang Mutasi",
    "Badan Keuangan Daerah, Bidang Akuntansi",
    "Dinas Penanaman Modal dan PTSP, Bidang Perizinan",
]
_SIGNERS = ["Rita Hastarita, S.Sos, M.Si", "Ahmad Fauzi, S.H., M.H.", "Dewi Lestari, S.E.", "Budi Santoso, S.Kom"]
_PROVINCES = ["Kalimantan Barat", "Jambi", "Lampung", "Sumatera Barat", "Jawa Tengah", "Nusa Tenggara Barat"]
_MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
# Current, correctly dated regulations (none revoked, none with a known other year).
_CITATIONS = [
    (
        "Peraturan Menteri PAN-RB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan",
        "Standar Operasional Prosedur Administrasi Pemerintahan",
    ),
    (
        "Peraturan Menteri PAN-RB Nomor 53 Tahun 2014 tentang Petunjuk Teknis",
        "Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu",
    ),
    ("Undang-Undang Nomor 23 Tahun 2014 tentang", "Pemerintahan Daerah"),
    (
        "Peraturan Pemerintah Nomor 61 Tahun 2010 tentang Pelaksanaan",
        "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik",
    ),
    (
        "Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017 tentang Tata Cara",
        "Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah",
    ),
    ("Peraturan Daerah Nomor 8 Tahun 2016 tentang Pembentukan dan Susunan", "Perangkat Daerah"),
    (
        "Peraturan Gubernur Nomor 102 Tahun 2021 tentang Kedudukan, Susunan",
        "Organisasi, Tugas dan Fungsi serta Tata Kerja Perangkat Daerah",
    ),
]
# (alias, full name): no two names within two edits of each other.
_ROLES = [
    ("KADIS", "Kepala Dinas"),
    ("SEKDIS", "Sekretaris Dinas"),
    ("KABID", "Kepala Bidang Pelayanan"),
    ("KASUBBAG", "Kasubbag Umum dan Kepegawaian"),
    ("KASI", "Kepala Seksi Pengolahan Data"),
    ("ANALIS", "Analis Kebijakan"),
    ("", "Arsiparis"),
    ("", "Pengadministrasi Umum"),
]
_VERBS = [
    "Menerima",
    "Memeriksa",
    "Menelaah",
    "Mengoreksi",
    "Menyusun",
    "Memverifikasi",
    "Mendisposisikan",
    "Mengagendakan",
    "Menandatangani",
    "Menggandakan",
    "Mengirimkan",
    "Mengarsipkan",
    "Merekapitulasi",
    "Mengunggah",
]
_OBJECTS = [
    "surat permohonan",
    "berkas persyaratan",
    "data dan informasi kinerja",
    "konsep nota dinas",
    "laporan bulanan",
    "dokumen pendukung",
    "rekapitulasi hasil verifikasi",
    "draft keputusan",
    "lembar disposisi",
]
_TAILS = [
    "dari Bagian-Bagian terkait",
    "sesuai ketentuan yang berlaku",
    "untuk diteruskan kepada pimpinan",
    "melalui aplikasi persuratan elektronik",
    "beserta lampirannya",
]
_INPUTS = ["Surat permohonan", "Dokumen, data", "Berkas persyaratan", "Nota dinas", "Lembar disposisi", "Formulir isian"]
_OUTPUTS = ["Disposisi", "Draft laporan", "Berkas terverifikasi", "Surat keluar", "Data kinerja", "Arsip", "Nota dinas"]
_QUESTIONS = ["Berkas sudah lengkap?", "Data sudah sesuai?", "Konsep disetujui?", "Persyaratan terpenuhi?"]
# (text, minutes) — durations in the pack's units
_DURATIONS = [
    ("10 menit", 10),
    ("15 menit", 15),
    ("20 menit", 20),
    ("30 menit", 30),
    ("45 menit", 45),
    ("1 jam", 60),
    ("1,5 jam", 90),
    ("2 jam", 120),
    ("1-2 jam", 120),
    ("1 s.d. 2 jam", 120),
    ("1 hari kerja", 480),
]


def _date(rng: random.Random, year_low: int, year_high: int) -> tuple[int, int, int]:
    return rng.randint(year_low, year_high), rng.randint(1, 12), rng.randint(1, 28)


def _nip(rng: random.Random) -> str:
    year, month, day = _date(rng, 1965, 1990)
    tmt_year = rng.randint(year + 20, min(year + 30, 2020))
    return f"{year}{month:02}{day:02} {tmt_year}{rng.randint(1, 12):02} {rng.randint(1, 2)} {rng.randint(1, 999):03}"


def _roles(rng: random.Random) -> list[tuple[str, str]]:
    return rng.sample(_ROLES, rng.randint(4, 6))


def _activity(rng: random.Random) -> list[str]:
    """An activity, sometimes wrapped onto a second line, sometimes with a comment."""
    text = f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_TAILS)}"
    roll = rng.random()
    if roll < 0.2:
        return [text, f"untuk {rng.choice(_OBJECTS)} periode berjalan"]
    if roll < 0.3:
        return [f"{text} <!-- {rng.choice(['dicek ulang', 'lihat catatan rapat', 'oleh pejabat yang ditunjuk'])} -->"]
    return [text]


def sop(index: int, steps: int, seed: int = SEED) -> str:
    """One SOP of `steps` steps; `index` varies the content."""
    rng = random.Random(seed * 1_000_003 + index * 7919 + steps)
    roles = _roles(rng)
    names = [alias or name for alias, name in roles]
    made = _date(rng, 2015, 2022)
    revised = (made[0] + 1, made[1], made[2])
    lines = [f"# {rng.choice(_TOPICS)} {index + 1}", ""]
    if rng.random() < 0.5:
        lines += ["<!-- Disusun oleh Tim Penyusun SOP; ditinjau setiap tahun. -->", ""]
    lines += [
        "## Identitas",
        "",
        f"- Nomor: {rng.randint(1, 999):03}/{index + 1}/{rng.choice(['DP-B', 'ORG', 'BKD', 'KOMINFO'])}/{made[0]}",
        f"- Instansi: Pemerintah Provinsi {rng.choice(_PROVINCES)}",
        f"- Unit: {rng.choice(_UNITS)}",
        f"- Tanggal Pembuatan: {made[2]} {_MONTHS[made[1] - 1]} {made[0]}",
        f"- Tanggal Revisi: {revised[0]}-{revised[1]:02}-{revised[2]:02}",
        f"- Tanggal Efektif: {made[2]:02}/{made[1]:02}/{made[0]}",
        "- Disahkan Oleh: Kepala Biro Organisasi",
        f"- Nama Pengesah: {rng.choice(_SIGNERS)}",
        f"- NIP Pengesah: {_nip(rng)}",
        "- Batas Waktu: {limit}",
        "",
        "## Dasar Hukum",
        "",
    ]
    for number, (first, second) in enumerate(rng.sample(_CITATIONS, rng.randint(2, 4)), 1):
        lines += [f"{number}. {first}", f"   {second}"]
    lines += [
        "",
        "## Kualifikasi Pelaksana",
        "",
        "1. Memahami peraturan perundang-undangan terkait bidang tugas.",
        "2. Mampu mengoperasikan komputer dan aplikasi perkantoran.",
        "",
        "## Keterkaitan",
        "",
        f"1. SOP {rng.choice(_TOPICS)}",
        f"2. SOP {rng.choice(_TOPICS)}",
        "",
        "## Peralatan/Perlengkapan",
        "",
        "1. Alat Tulis Kantor",
        "2. Komputer dan printer",
        "",
        "## Peringatan",
        "",
        "- Jika SOP tidak dilaksanakan, pelayanan tidak selesai tepat waktu.",
        "",
        "## Pencatatan dan Pendataan",
        "",
        "- Buku Agenda, Nota Dinas",
        "",
        "## Pelaksana",
        "",
    ]
    lines += [f"- {alias}: {name}" if alias else f"- {name}" for alias, name in roles]
    lines += ["", "## Prosedur", ""]
    total = 0
    for number in range(1, steps + 1):
        # Every role performs some step: the first steps go round the roles.
        performers = [names[(number - 1) % len(names)]] if number <= len(names) else [rng.choice(names)]
        if number > len(names) and rng.random() < 0.15:
            performers.append(rng.choice([n for n in names if n != performers[0]]))
        duration, minutes = rng.choice(_DURATIONS)
        total += minutes
        activity = _activity(rng)
        lines.append(f"{number}. {activity[0]}")
        lines += [f"   {more}" for more in activity[1:]]
        lines.append(f"   - Pelaksana: {', '.join(performers)}")
        # A decision loops back a little way; its Ya goes on, so the loop has a way out.
        if 2 < number < steps and rng.random() < 0.12:
            lines += [
                f"   - Keputusan: {rng.choice(_QUESTIONS)}",
                f"   - Ya: langkah {number + 1}",
                f"   - Tidak: ke langkah {rng.randint(max(1, number - 3), number - 1)}",
            ]
        lines += [
            f"   - Kelengkapan: {rng.choice(_INPUTS)}",
            f"   - Waktu: {duration}",
            f"   - Output: {rng.choice(_OUTPUTS)}",
        ]
        if rng.random() < 0.1:
            lines.append(
                f"   - Keterangan: {rng.choice(['Tiap akhir triwulan', 'Dapat melalui surel', 'Paling lambat hari Jumat'])}"
            )
    limit = f"{total // 480 + 2} hari kerja"
    return "\n".join(lines).replace("{limit}", limit) + "\n"


def write_bulk(folder: Path, files: int = BULK_FILES, steps: int = BULK_STEPS) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(files):
        path = folder / f"sop-{index:04}.sop.md"
        _write(path, sop(index, steps))
        paths.append(path)
    return paths


def write_big(folder: Path, sizes: tuple[int, ...] = BIG_STEPS) -> dict[int, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for steps in sizes:
        path = folder / f"big-{steps:05}.sop.md"
        _write(path, sop(0, steps))
        paths[steps] = path
    return paths


def _write(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    # Rewrite only what changed: an unchanged corpus keeps its files (and their times).
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the folder to write into")
    parser.add_argument("--files", type=int, default=BULK_FILES)
    parser.add_argument("--steps", type=int, default=BULK_STEPS)
    parser.add_argument("--big", action="store_true", help="write the single big files instead")
    options = parser.parse_args()
    if options.big:
        for steps, path in write_big(options.out / "big").items():
            print(f"{path}: {steps} steps")
    else:
        paths = write_bulk(options.out / "bulk", options.files, options.steps)
        print(f"{options.out / 'bulk'}: {len(paths)} files of {options.steps} steps")


if __name__ == "__main__":
    main()
