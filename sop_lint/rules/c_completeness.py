"""C — completeness of the information sections."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from ..analysis.placeholders import is_blank, is_placeholder
from ..model import Section, Sop, Span
from ..names import fold
from ..rule import Context, Finding, Rule, shorten

_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[;.!?]")
_TOKEN = re.compile(r"[^\W\d_]+|,")


def _words(text: str, limit: int = 2000) -> list[str]:
    return _WORD.findall(fold(text[:limit]))


def _phrase_in(phrases: list[str], words: list[str]) -> bool:
    joined = f" {' '.join(words)} "
    return any(f" {' '.join(_words(phrase))} " in joined for phrase in phrases)


class _WordSet:
    """A pack word list: whole words, or prefixes written `ketidak*`."""

    def __init__(self, entries: list[str]) -> None:
        self.words = {fold(e) for e in entries if not e.endswith("*")}
        self.prefixes = tuple(fold(e[:-1]) for e in entries if e.endswith("*"))

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and (word in self.words or (bool(self.prefixes) and word.startswith(self.prefixes)))


class MissingSection(Rule):
    """
    ## What it does
    Reports a required section (pack: Identitas, Dasar Hukum, Kualifikasi
    Pelaksana, Keterkaitan, Peralatan/Perlengkapan, Peringatan, Pencatatan
    dan Pendataan, Pelaksana, Prosedur) that the SOP does not have. A
    misspelt heading that P002 can read unambiguously counts as present.

    ## Why is this bad?
    PermenPAN-RB 35/2012 prescribes every one of these parts; an SOP without
    its Dasar Hukum or Peringatan cannot be signed off. A missing Identitas
    is one finding, not one per identity field.

    ## Example
    ```markdown
    # Pengumpulan Data Kinerja

    ## Identitas

    - Nomor: 065/3/DP-B
    ```

    Use instead:
    ```markdown
    # Pengumpulan Data Kinerja

    ## Identitas

    - Nomor: 065/3/DP-B
    - Tanggal Pembuatan: 4 Januari 2021
    - Tanggal Revisi: -
    - Tanggal Efektif: 4 Januari 2021
    - Disahkan Oleh: Kepala Biro Organisasi
    - Nama Pengesah: Rita Hastarita, S.Sos, M.Si
    - NIP Pengesah: 19791208 200003 2 002

    ## Dasar Hukum

    1. Peraturan Menteri PAN-RB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP

    ## Kualifikasi Pelaksana

    1. Mampu berkomunikasi dengan baik.

    ## Keterkaitan

    1. SOP Perbaikan Data Kinerja

    ## Peralatan/Perlengkapan

    1. Komputer dan printer

    ## Peringatan

    - Jika SOP tidak dilaksanakan, data kinerja tidak terkumpul tepat waktu.

    ## Pencatatan dan Pendataan

    - Buku Agenda

    ## Pelaksana

    - KARO: Kepala Biro Organisasi
    - Arsiparis

    ## Prosedur

    1. Menyurati Bagian-Bagian terkait permintaan data kinerja
       - Pelaksana: KARO
       - Kelengkapan: Surat permintaan data
       - Waktu: 20 menit
       - Output: Disposisi
    2. Mengarsipkan data kinerja
       - Pelaksana: Arsiparis
       - Kelengkapan: Dokumen
       - Waktu: 1 jam
       - Output: Arsip
    ```
    """

    code = "C201"
    name = "missing-section"
    severity = "error"
    summary = "a required section is absent"
    summary_id = "bagian wajib tidak ada"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan bagian wajib (paket aturan: Identitas, Dasar Hukum,
    Kualifikasi Pelaksana, Keterkaitan, Peralatan/Perlengkapan, Peringatan,
    Pencatatan dan Pendataan, Pelaksana, Prosedur) yang tidak ada dalam SOP.
    Judul salah eja yang dapat dibaca P002 tanpa keraguan dihitung ada.

    ## Mengapa ini masalah?
    Peraturan Menteri PAN-RB Nomor 35 Tahun 2012 menetapkan setiap bagian
    ini; SOP tanpa Dasar Hukum atau Peringatan tidak dapat disahkan.
    Identitas yang tidak ada menjadi satu temuan, bukan satu temuan untuk
    setiap butir identitas.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": ("required section `{section}` is missing", "bagian wajib `{section}` tidak ada"),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        present = {section.kind for section in sop.sections if section.kind is not None}
        span = sop.title_span or Span(1, 1, 1, 2)
        for spec in ctx.pack.sections:
            if spec.required and spec.name not in present:
                yield self.report(span, section=spec.name)


class EmptySection(Rule):
    """
    ## What it does
    Reports a required section that is present but holds no items (or only
    blank ones). A section whose only item is a placeholder such as `-` is
    C203's, not this rule's.

    ## Why is this bad?
    A heading with nothing under it looks complete at a glance but tells the
    reader nothing: an empty Peringatan is as bad as a missing one.

    ## Example
    ```markdown
    ## Peringatan

    ## Pencatatan dan Pendataan

    - Buku Agenda
    ```

    Use instead:
    ```markdown
    ## Peringatan

    - Jika SOP tidak dilaksanakan, data kinerja tidak terkumpul tepat waktu.

    ## Pencatatan dan Pendataan

    - Buku Agenda
    ```
    """

    code = "C202"
    name = "empty-section"
    severity = "error"
    summary = "a required section is present but has no items"
    summary_id = "bagian wajib ada tetapi tidak berisi butir"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan bagian wajib yang ada tetapi tidak berisi butir (atau hanya
    butir kosong). Bagian yang satu-satunya butirnya pengisi tempat seperti
    `-` adalah urusan C203, bukan aturan ini.

    ## Mengapa ini masalah?
    Judul bagian tanpa isi sekilas tampak lengkap tetapi tidak memberi tahu
    pembaca apa pun: Peringatan yang kosong sama buruknya dengan Peringatan
    yang tidak ada.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": ("section `{section}` is empty", "bagian `{section}` kosong"),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        required = {spec.name for spec in ctx.pack.sections if spec.required}
        for section in _first_sections(sop):
            if section.kind in required and all(is_blank(item) for item in section.items):
                yield self.report(section.heading_span, section=section.kind)


class PlaceholderItem(Rule):
    """
    ## What it does
    Reports an item of an information section (Dasar Hukum … Pencatatan dan
    Pendataan, and Pelaksana) that is only a placeholder: `-`, `—`, `...`,
    `TBD`, `isi`, `belum ada` (pack: `placeholders`).

    ## Why is this bad?
    A placeholder is a reminder that something was never filled in; signed
    and published, it tells the reader the SOP is unfinished.

    ## Example
    ```markdown
    ## Peringatan

    - TBD
    ```

    Use instead:
    ```markdown
    ## Peringatan

    - Jika SOP tidak dilaksanakan, data kinerja tidak terkumpul tepat waktu.
    ```
    """

    code = "C203"
    name = "placeholder-item"
    severity = "warning"
    summary = "an item that is only a placeholder"
    summary_id = "butir yang hanya berisi pengisi tempat"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan butir bagian informasi (Dasar Hukum … Pencatatan dan
    Pendataan, serta Pelaksana) yang hanya berisi pengisi tempat: `-`, `—`,
    `...`, `TBD`, `isi`, `belum ada` (paket aturan: `placeholders`).

    ## Mengapa ini masalah?
    Pengisi tempat adalah pengingat bahwa ada yang belum pernah diisi; bila
    SOP ditandatangani dan diterbitkan, pengisi tempat memberi tahu pembaca
    bahwa SOP itu belum selesai.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "`{text}` in {section} is a placeholder, not content: fill it in or remove it",
            "`{text}` di {section} hanya pengisi tempat, bukan isi: lengkapi atau hapus",
        ),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        information = {spec.name for spec in ctx.pack.sections if spec.type == "information"}
        for section in _first_sections(sop):
            if section.kind not in information:
                continue
            for item in section.items:
                if item.text and is_placeholder(item.text, ctx.pack):
                    yield self.report(item.text_span, text=shorten(item.text), section=section.kind)


class PeringatanNotAWarning(Rule):
    """
    ## What it does
    Reports a Peringatan item that states no consequence of not following
    the SOP: it has no condition of failure (`jika`/`apabila`/`bila` …
    `tidak`, `terlambat`, `salah` …), or it states what happens when the SOP
    *is* followed (`Jika SOP ini dilaksanakan, …`). The word lists are in the
    pack (`word_lists`). Preview: a heuristic.

    ## Why is this bad?
    PermenPAN-RB 35/2012 defines Peringatan as what may go wrong when the
    procedure is not carried out; a motto or a positive statement warns of
    nothing.

    ## Example
    ```markdown
    ## Peringatan

    - Jika SOP ini dilaksanakan, data kinerja terkumpul tepat waktu.
    ```

    Use instead:
    ```markdown
    ## Peringatan

    - Jika SOP ini tidak dilaksanakan, data kinerja tidak terkumpul tepat waktu.
    ```
    """

    code = "C204"
    name = "peringatan-not-a-warning"
    severity = "warning"
    summary = "a Peringatan item that states no consequence of not following the SOP"
    summary_id = "butir Peringatan yang tidak menyebut akibat bila SOP tidak dilaksanakan"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan butir Peringatan yang tidak menyebut akibat bila SOP tidak
    dilaksanakan: butir itu tidak memuat syarat kegagalan
    (`jika`/`apabila`/`bila` … `tidak`, `terlambat`, `salah` …), atau justru
    menyebut apa yang terjadi bila SOP *dilaksanakan* (`Jika SOP ini
    dilaksanakan, …`). Daftar katanya ada di paket aturan (`word_lists`).
    Pratinjau: sebuah heuristik.

    ## Mengapa ini masalah?
    Peraturan Menteri PAN-RB Nomor 35 Tahun 2012 mendefinisikan Peringatan
    sebagai hal yang dapat terjadi bila prosedur tidak dilaksanakan;
    semboyan atau pernyataan positif tidak memperingatkan apa pun.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "this Peringatan states no consequence of not following the SOP (e.g. `Jika SOP ini tidak dilaksanakan, maka …`)",
            "Peringatan ini tidak menyebut akibat bila SOP tidak dilaksanakan "
            "(contoh: `Jika SOP ini tidak dilaksanakan, maka …`)",
        ),
        "positive": (
            "this Peringatan says what happens when the SOP is followed, not when it is not "
            "(e.g. `Jika SOP ini tidak dilaksanakan, maka …`)",
            "Peringatan ini menyebut apa yang terjadi bila SOP dilaksanakan, bukan bila tidak dilaksanakan "
            "(contoh: `Jika SOP ini tidak dilaksanakan, maka …`)",
        ),
    }
    preview = True

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        section = sop.section("Peringatan")
        if section is None:
            return
        lists = ctx.pack.word_lists
        conditions = _WordSet(lists.get("peringatan_conditions", []))
        failures = _WordSet(lists.get("peringatan_failures", []))
        consequences = _WordSet(lists.get("peringatan_consequences", []))
        for item in section.items:
            if not item.text or is_placeholder(item.text, ctx.pack):
                continue  # blank is C202's, a placeholder C203's
            verdict = _warns(item.text, conditions, failures, consequences)
            if verdict is not None:
                yield self.report(item.text_span, verdict)


def _warns(text: str, conditions: _WordSet, failures: _WordSet, consequences: _WordSet) -> str | None:
    """None when the text warns of a failure; else the message key that says why not."""
    folded = fold(text[:2000])
    saw_condition = False
    for sentence in _SENTENCE_END.split(folded):
        tokens = _TOKEN.findall(sentence)
        for index, token in enumerate(tokens):
            if token not in conditions:
                continue
            saw_condition = True
            # The condition runs to its consequence (`maka`, `akan` …), or to
            # the next comma when no consequence word follows.
            rest = tokens[index + 1 :]
            consequence_follows = any(t in consequences for t in rest)
            for following in rest:
                if following in consequences or (following == "," and not consequence_follows):
                    break
                if following in failures:
                    return None
    if saw_condition:
        return "positive"
    words = _WORD.findall(folded)
    # No `jika`: `Keterlambatan data mengakibatkan laporan tertunda` still warns.
    if any(word in failures for word in words) and any(word in consequences for word in words):
        return None
    return "default"


class KeterkaitanNotAnSop(Rule):
    """
    ## What it does
    Reports a Keterkaitan item that names no procedure: it says neither
    `SOP`, `prosedur`, `tata cara` …, nor opens with a process noun such as
    `Penyusunan`, `Pengumpulan`, `Monitoring` or `Evaluasi` (pack:
    `word_lists`). Preview: a heuristic.

    ## Why is this bad?
    Keterkaitan lists the other SOPs this one hands over to or depends on;
    `Lintas bidang` or a unit's name tells the reader nothing to look up.

    ## Example
    ```markdown
    ## Keterkaitan

    1. Lintas bidang
    ```

    Use instead:
    ```markdown
    ## Keterkaitan

    1. SOP Penyusunan Renstra
    2. Penyusunan Laporan Kinerja Individu.
    ```
    """

    code = "C205"
    name = "keterkaitan-not-an-sop"
    severity = "info"
    summary = "a Keterkaitan item that names no procedure"
    summary_id = "butir Keterkaitan yang tidak menyebut prosedur"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan butir Keterkaitan yang tidak menyebut suatu prosedur: butir
    itu tidak memuat `SOP`, `prosedur`, `tata cara` …, dan tidak diawali
    kata benda proses seperti `Penyusunan`, `Pengumpulan`, `Monitoring` atau
    `Evaluasi` (paket aturan: `word_lists`). Pratinjau: sebuah heuristik.

    ## Mengapa ini masalah?
    Keterkaitan mendaftar SOP lain yang menerima hasil kerja SOP ini atau
    yang menjadi tumpuannya; `Lintas bidang` atau nama satuan kerja tidak
    memberi pembaca apa pun untuk dicari.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "`{text}` in Keterkaitan names no procedure (e.g. `SOP Penyusunan Renstra`)",
            "`{text}` di Keterkaitan tidak menyebut prosedur (contoh: `SOP Penyusunan Renstra`)",
        ),
    }
    preview = True

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        section = sop.section("Keterkaitan")
        if section is None:
            return
        lists = ctx.pack.word_lists
        markers = lists.get("keterkaitan_markers", [])
        none_statements = {" ".join(_words(s)) for s in lists.get("none_statements", [])}
        process_words = _WordSet(lists.get("keterkaitan_process_words", []))
        not_process = _WordSet(lists.get("keterkaitan_not_process", []))
        patterns = [re.compile(p + r"$") for p in lists.get("keterkaitan_process_patterns", [])]
        for item in section.items:
            if not item.text or is_placeholder(item.text, ctx.pack):
                continue
            words = _words(item.text)
            if not words or _phrase_in(markers, words) or " ".join(words) in none_statements:
                continue
            first = words[0]
            if first in process_words or (first not in not_process and any(p.match(first) for p in patterns)):
                continue
            yield self.report(item.text_span, text=shorten(item.text))


def _first_sections(sop: Sop) -> Iterator[Section]:
    """Each known section once: a second one is P004's and is not read."""
    seen: set[str] = set()
    for section in sop.sections:
        if section.kind is not None and section.kind not in seen:
            seen.add(section.kind)
            yield section
