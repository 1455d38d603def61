"""`sop-lint init [NAME] [--config]`: a new SOP from the official template, and a
commented configuration file.

The template holds every required section and Identitas key in the official
order (PermenPAN-RB 35/2012), one step with a decision, and comments in
Indonesian saying what goes where. Every value to be written is `...`: the
template lints with exactly the findings that say "fill this in" (M101,
C203, D502 — docs/repository.md lists them), and each one disappears as
the writer fills its place.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from .cli import EXIT_CLEAN, Command, _say, fail
from .messages import reason

SOP_TEMPLATE = """\
<!--
  Templat SOP Administrasi Pemerintahan (Peraturan Menteri PAN-RB Nomor 35 Tahun 2012).
  Ganti setiap `...` dengan isinya; `sop-lint check` menunjukkan yang belum diisi.
  Komentar seperti ini tidak tampil saat SOP ditampilkan; hapus bila tidak diperlukan lagi.
-->
# {title}

## Identitas

<!-- Nomor SOP menurut penomoran naskah dinas instansi, mis. 065/3/DP-B. -->
- Nomor: ...
<!-- Instansi dan unit kerja pemilik SOP, mis. Pemerintah Provinsi Kalimantan Barat; Biro Organisasi. -->
- Instansi: ...
- Unit: ...
<!-- Tanggal ditulis seperti 4 Januari 2021 atau 2021-01-04; Tanggal Revisi `-` bila belum direvisi. -->
- Tanggal Pembuatan: ...
- Tanggal Revisi: -
- Tanggal Efektif: ...
<!-- Jabatan, nama lengkap dengan gelar, dan NIP (18 angka) pejabat yang mengesahkan. -->
- Disahkan Oleh: ...
- Nama Pengesah: ...
- NIP Pengesah: ...
<!-- Tidak wajib: batas waktu seluruh prosedur, mis. `- Batas Waktu: 3 hari kerja`. -->

## Dasar Hukum

<!-- Peraturan yang menjadi dasar prosedur: jenis, nomor, tahun dan tentang apa. -->
1. ...

## Kualifikasi Pelaksana

<!-- Pengetahuan dan keterampilan yang harus dimiliki pelaksana. -->
1. ...

## Keterkaitan

<!-- SOP lain yang terkait dengan prosedur ini, dengan judulnya atau Nomornya; `Tidak ada` bila tidak ada. -->
1. ...

## Peralatan/Perlengkapan

<!-- Alat dan bahan yang diperlukan, mis. komputer, formulir. -->
1. ...

## Peringatan

<!-- Akibat bila SOP tidak dilaksanakan, mis. `Jika SOP tidak dilaksanakan, ...`. -->
1. ...

## Pencatatan dan Pendataan

<!-- Catatan dan dokumen yang disimpan sebagai bukti pelaksanaan, mis. buku agenda. -->
1. ...

## Pelaksana

<!-- Setiap pelaksana: `- SINGKATAN: Nama jabatan lengkap`; langkah menyebut singkatannya. -->
- PELAKSANA-1: ...
- PELAKSANA-2: ...

## Prosedur

<!--
  Setiap langkah: kegiatan, Pelaksana, dan Mutu Baku (Kelengkapan, Waktu, Output).
  Waktu berupa angka dan satuan, mis. `30 menit`, `1-2 hari`.
  Langkah keputusan: Keputusan berisi pertanyaannya, Ya dan Tidak menyebut langkah tujuan.
-->
1. ...
   - Pelaksana: PELAKSANA-1
   - Kelengkapan: ...
   - Waktu: ...
   - Output: ...
2. ...
   - Pelaksana: PELAKSANA-2
   - Keputusan: ...
   - Ya: 3
   - Tidak: 1
   - Kelengkapan: ...
   - Waktu: ...
   - Output: ...
3. ...
   - Pelaksana: PELAKSANA-1
   - Kelengkapan: ...
   - Waktu: ...
   - Output: ...
"""

CONFIG_TEMPLATE = """\
# Konfigurasi sop-lint untuk repositori SOP ini.
# Setiap kunci dijelaskan dalam dokumentasi sop-lint (docs/integrations.md);
# baris yang diawali `#` tidak berlaku: hapus `#` untuk memakainya.

# Keluarga aturan yang dijalankan (P struktur, M identitas, C kelengkapan, R pelaksana,
# S langkah, D waktu, L dasar hukum); `sop-lint rules` mendaftar semuanya.
select = ["P", "M", "C", "R", "S", "D", "L"]
# Aturan yang tidak dijalankan:
# ignore = ["D511", "D512"]

# Keluar dengan status 1 bila ada temuan setingkat ini atau lebih berat: error, warning, info.
fail-on = "warning"

# Berkas dan folder yang tidak diperiksa (relatif terhadap berkas ini):
# exclude = ["arsip/**"]

# Daftar peran organisasi untuk R306 (`sop-lint roles DIR --write-registry roles.toml` membuatnya):
# roles = "roles.toml"

# Aturan repositori: Keterkaitan harus menyebut SOP yang ada (X701), Nomor tidak boleh
# dipakai dua berkas (X702).
check-related = false

# Jam kerja sehari, untuk menjumlah Waktu dalam hari, minggu, bulan:
# hours-per-day = 8

# Aturan pratinjau (heuristik): false atau true.
preview = false

# Bahasa pesan: id atau en.
lang = "id"

# Temuan lama yang dicatat dengan `sop-lint check --write-baseline sop-lint-baseline.json`:
# baseline = "sop-lint-baseline.json"

# Tingkat per aturan:
# [severity]
# D503 = "error"

# Aturan yang tidak dijalankan untuk sebagian berkas:
# [per-file-ignores]
# "draft/**" = ["C", "M101"]
"""

CONFIG_NAME = "sop-lint.toml"
_NAME_WORDS = re.compile(r"[-_\s]+")


def sop_text(title: str = "...") -> str:
    return SOP_TEMPLATE.format(title=title)


def title_of(name: str) -> str:
    """The title a file name suggests: `pengumpulan-data` -> `Pengumpulan Data`."""
    stem = Path(name).name
    for suffix in (".sop.md", ".sop", ".md"):
        stem = stem.removesuffix(suffix)
    words = [word for word in _NAME_WORDS.split(stem) if word]
    return " ".join(word[:1].upper() + word[1:] for word in words) or "..."


def file_name(name: str) -> Path:
    return Path(name if name.endswith((".sop.md", ".sop")) else name + ".sop.md")


def _create(path: Path, text: str) -> None:
    """Write a new file; never over an existing one."""
    from .writer import create_atomic

    if path.exists() or path.is_symlink():
        fail(_say("init.exists", path=path))
    if not path.parent.is_dir():
        fail(_say("init.no_directory", path=path, directory=path.parent))
    try:
        create_atomic(path, text.encode("utf-8"))
    except FileExistsError:
        fail(_say("init.exists", path=path))
    except OSError as error:
        fail(_say("run.cannot_write", path=path, reason=reason(error)))


@click.command("init", cls=Command)
@click.argument("name", required=False)
@click.option("--config", "config", is_flag=True, help=f"Write a commented {CONFIG_NAME} here instead.")
def init(name: str | None, config: bool) -> None:
    """A new SOP from the official template (NAME.sop.md; without NAME, to standard output)."""
    if config:
        if name is not None:
            fail(_say("init.config_and_name"))
        _create(Path(CONFIG_NAME), CONFIG_TEMPLATE)
        click.echo(f"Wrote {CONFIG_NAME}.", err=True)
        sys.exit(EXIT_CLEAN)
    if name is None:
        sys.stdout.write(sop_text())
        sys.exit(EXIT_CLEAN)
    path = file_name(name)
    _create(path, sop_text(title_of(name)))
    click.echo(f"Wrote {path}.", err=True)
    sys.exit(EXIT_CLEAN)
