"""P — parsing and structure."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Field, Section, Sop, Span
from ..rule import Context, Finding, Fix, Rule, shorten
from ..sequence import longest_increasing


class SyntaxErrorRule(Rule):
    """
    ## What it does
    Reports a file that cannot be parsed, at the position where parsing
    failed, saying what was expected there.

    ## Why is this bad?
    Nothing else can be checked in a file sop-lint cannot read: a stray
    sub-item, a second `# ` title or an unclosed comment hides every other
    problem.

    ## Example
    ```markdown
    # Pengumpulan Data Kinerja
    # Pengumpulan Data Kinerja (revisi)
    ```

    Use instead:
    ```markdown
    # Pengumpulan Data Kinerja

    ## Keterangan Revisi
    ```
    """

    code = "P001"
    name = "syntax-error"
    severity = "error"
    summary = "the file cannot be parsed"
    summary_id = "berkas tidak dapat diurai"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan berkas yang tidak dapat diurai, pada posisi tempat penguraian
    gagal, dengan menyebut apa yang seharusnya ada di sana.

    ## Mengapa ini masalah?
    Dalam berkas yang tidak dapat dibaca sop-lint, tidak ada hal lain yang
    bisa diperiksa: satu sub-butir yang salah tempat, judul `# ` kedua, atau
    komentar yang tidak ditutup menyembunyikan semua masalah lainnya.
    """
    messages = {"default": ("cannot parse: {problem}", "tidak dapat diurai: {problem_id}")}
    needs_model = False

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        if ctx.syntax is not None:
            syntax = ctx.syntax
            yield self.report(syntax.span, problem=syntax.message, problem_id=syntax.message_id or syntax.message)


class UnknownSection(Rule):
    """
    ## What it does
    Reports a `## ` heading that is no known section, with the section it
    most likely means. When that guess is unambiguous, every other rule
    reads the section as the guessed one: one mistake, one finding.

    ## Why is this bad?
    A misspelt heading (`Pencatataa dan Pendataan`) looks fine to a reader
    but leaves the section missing for every tool and reviewer that looks
    for it by name.

    ## Example
    ```markdown
    # Pengumpulan Data Kinerja

    ## Pencatataa dan Pendataan

    - Buku Agenda
    ```

    Use instead:
    ```markdown
    # Pengumpulan Data Kinerja

    ## Pencatatan dan Pendataan

    - Buku Agenda
    ```

    ## Fix
    `--fix` renames the heading to the suggested section when the
    suggestion is unambiguous (a comment inside the heading's text keeps
    it as written). `sop-lint format` writes known sections under their
    canonical names (`## DASAR HUKUM` becomes `## Dasar Hukum`) but leaves
    misspelt ones to `--fix`.
    """

    code = "P002"
    name = "unknown-section"
    severity = "warning"
    summary = "a `##` heading that is no known section"
    summary_id = "judul `##` yang bukan bagian yang dikenal"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan judul `## ` yang bukan nama bagian yang dikenal, dengan
    menyebut bagian yang paling mungkin dimaksud. Bila tebakan itu tidak
    meragukan, semua aturan lain membaca bagian tersebut sebagai bagian yang
    ditebak: satu kesalahan, satu temuan.

    ## Mengapa ini masalah?
    Judul yang salah eja (`Pencatataa dan Pendataan`) tampak wajar bagi
    pembaca, tetapi bagi setiap alat dan pemeriksa yang mencarinya menurut
    namanya, bagian itu tidak ada.

    ## Perbaikan
    `--fix` mengganti judul itu menjadi bagian yang disarankan bila sarannya
    tidak meragukan (komentar di dalam teks judul membuatnya tetap seperti
    ditulis). `sop-lint format` menulis bagian yang dikenal dengan nama
    bakunya (`## DASAR HUKUM` menjadi `## Dasar Hukum`), tetapi judul yang
    salah eja diserahkan kepada `--fix`.
    """
    messages = {
        "default": ("unknown section `{title}`", "bagian `{title}` tidak dikenal"),
        "suggest": (
            "unknown section `{title}`; did you mean `{suggestion}`?",
            "bagian `{title}` tidak dikenal; maksud Anda `{suggestion}`?",
        ),
    }
    fix = "sometimes"

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        for section in sop.sections:
            if section.exact:
                continue
            span = section.heading_span
            if section.suggestion:
                yield self.report(span, "suggest", title=section.title, suggestion=section.suggestion)
            else:
                yield self.report(span, title=section.title)

    def make_fix(self, finding: Finding, sop: Sop, ctx: Context) -> Fix | None:
        from ..fixes import heading_fix

        # The sections by heading, once per file (a scan per finding is quadratic in 10^4 sections).
        memo: tuple[Sop, dict[Span, Section]] | None = getattr(self, "_headings", None)
        if memo is None or memo[0] is not sop:
            memo = self._headings = (sop, {s.heading_span: s for s in reversed(sop.sections)})
        section = memo[1].get(finding.span)
        return heading_fix(sop, ctx, section) if section is not None else None


class UnknownKey(Rule):
    """
    ## What it does
    Reports a `Key:` in Identitas or under a step that is no known key
    (with the key it most likely means), and a sub-item of a step that is
    not a `Key: Value` pair at all.

    ## Why is this bad?
    A misspelt key (`Wakt: 5 menit`) is silently not read: the step then
    looks as if it had no Waktu.

    ## Example
    ```markdown
    ## Prosedur

    1. Menerima surat
       - Pelaksna: Sekretaris
    ```

    Use instead:
    ```markdown
    ## Prosedur

    1. Menerima surat
       - Pelaksana: Sekretaris
    ```

    ## Fix
    `--fix` renames the key to the suggested one when the suggestion is
    unambiguous (not when a comment stands in the key). `sop-lint format`
    writes known keys and aliases under their canonical names
    (`Tgl Pembuatan` becomes `Tanggal Pembuatan`) but leaves misspelt ones
    to `--fix`. A sub-item that is not `Key: Value` is not fixed.
    """

    code = "P003"
    name = "unknown-key"
    severity = "warning"
    summary = "an unknown `Key:` in Identitas or a step"
    summary_id = "`Kunci:` yang tidak dikenal di Identitas atau langkah"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan `Kunci:` di Identitas atau di bawah langkah yang bukan kunci
    yang dikenal (dengan menyebut kunci yang paling mungkin dimaksud), dan
    sub-butir langkah yang sama sekali bukan pasangan `Kunci: Isi`.

    ## Mengapa ini masalah?
    Kunci yang salah eja (`Wakt: 5 menit`) diam-diam tidak dibaca: langkah
    itu lalu tampak seolah-olah tidak memiliki Waktu.

    ## Perbaikan
    `--fix` mengganti kunci itu menjadi kunci yang disarankan bila sarannya
    tidak meragukan (tidak bila ada komentar di dalam kunci). `sop-lint
    format` menulis kunci yang dikenal dan aliasnya dengan nama bakunya
    (`Tgl Pembuatan` menjadi `Tanggal Pembuatan`), tetapi kunci yang salah
    eja diserahkan kepada `--fix`. Sub-butir yang bukan `Kunci: Isi` tidak
    diperbaiki.
    """
    messages = {
        "default": ("unknown key `{key}`", "kunci `{key}` tidak dikenal"),
        "suggest": (
            "unknown key `{key}`; did you mean `{suggestion}`?",
            "kunci `{key}` tidak dikenal; maksud Anda `{suggestion}`?",
        ),
        "not-a-field": (
            "`{text}` is not a `Key: Value` item (expected e.g. `- Waktu: 10 menit`)",
            "`{text}` bukan butir `Kunci: Nilai` (contoh: `- Waktu: 10 menit`)",
        ),
        "identity-not-a-field": (
            "`{text}` in Identitas is not a `Key: Value` item (expected e.g. `- Nomor: 065/3/DP-B`)",
            "`{text}` di Identitas bukan butir `Kunci: Nilai` (contoh: `- Nomor: 065/3/DP-B`)",
        ),
    }
    fix = "sometimes"

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        if sop.identity is not None:
            yield from self._fields(sop.identity.fields)
            read = {field.item.span for field in sop.identity.fields}
            for item in sop.identity.section.items:
                if item.span not in read:
                    yield self.report(item.text_span, "identity-not-a-field", text=shorten(item.text))
        for step in sop.steps:
            if step.terminator:
                continue
            yield from self._fields(step.fields)
            for sub in step.other_subs:
                yield self.report(sub.text_span, "not-a-field", text=shorten(sub.text))

    def _fields(self, fields: list[Field]) -> Iterator[Finding]:
        for field in fields:
            if field.exact:
                continue
            if field.suggestion:
                yield self.report(field.key_span, "suggest", key=field.key_text, suggestion=field.suggestion)
            else:
                yield self.report(field.key_span, key=field.key_text)

    def make_fix(self, finding: Finding, sop: Sop, ctx: Context) -> Fix | None:
        from ..fixes import key_fix

        fields = list(sop.identity.fields) if sop.identity else []
        for step in sop.steps:
            fields.extend(step.fields)
        field = next((f for f in fields if f.key_span == finding.span), None)
        return key_fix(sop, ctx, field) if field is not None else None


class DuplicateSection(Rule):
    """
    ## What it does
    Reports a section that appears a second time (aliases count: `Peran`
    after `Pelaksana` is a duplicate).

    ## Why is this bad?
    Only the first is read; what the second says is lost to every check,
    and readers cannot tell which one holds.

    ## Example
    ```markdown
    ## Peringatan

    - Jika SOP tidak dilaksanakan, data terlambat.

    ## Peringatan

    - Jika data salah, laporan ditolak.
    ```

    Use instead:
    ```markdown
    ## Peringatan

    - Jika SOP tidak dilaksanakan, data terlambat.
    - Jika data salah, laporan ditolak.
    ```
    """

    code = "P004"
    name = "duplicate-section"
    severity = "error"
    summary = "a section appears twice"
    summary_id = "bagian muncul dua kali"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan bagian yang muncul untuk kedua kalinya (alias ikut dihitung:
    `Peran` sesudah `Pelaksana` adalah bagian ganda).

    ## Mengapa ini masalah?
    Hanya bagian yang pertama dibaca; isi bagian kedua luput dari semua
    pemeriksaan, dan pembaca tidak tahu mana yang berlaku.
    """
    messages = {
        "default": (
            "section `{kind}` appears again (first at line {first}); merge them",
            "bagian `{kind}` muncul lagi (pertama di baris {first}); gabungkan",
        )
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        first: dict[str, int] = {}
        for section in sop.sections:
            if section.kind is None:
                continue
            if section.kind in first:
                yield self.report(section.heading_span, kind=section.kind, first=first[section.kind])
            else:
                first[section.kind] = section.heading_span.line


class NotUtf8(Rule):
    """
    ## What it does
    Reports a file that is not valid UTF-8, at the first byte that is not,
    naming the encoding it was most likely saved in; and, in a UTF-8 file,
    each line holding a control character (a NUL, an escape: the C0
    characters but tab, line feed and carriage return; the pack's
    `word_lists.control_characters`), at the first one on the line.

    ## Why is this bad?
    SOPs copied out of Word are often saved as Windows-1252: their accented
    letters and dashes turn to garbage on every other machine and forge. A
    control character is invisible in an editor yet is part of the value it
    stands in: a NUL in an activity cuts it short in many programs.

    ## Example
    ```markdown
    # Pengumpulan Data
    ```
    (saved as Windows-1252 with an `é` in it)

    Use instead:
    ```markdown
    # Pengumpulan Data
    ```
    (saved as UTF-8)
    """

    code = "P005"
    name = "not-utf8"
    severity = "error"
    summary = "the file is not valid UTF-8"
    summary_id = "berkas bukan UTF-8 yang sah"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan berkas yang bukan UTF-8 yang sah, pada bita pertama yang
    tidak sah, dengan menyebut pengodean yang paling mungkin dipakai saat
    berkas disimpan; dan, pada berkas UTF-8, setiap baris yang memuat
    karakter kendali (karakter C0 seperti U+0000 dan U+001B, selain U+0009,
    U+000A dan U+000D; daftar `word_lists.control_characters` dalam paket
    aturan), pada karakter kendali pertama di baris itu.

    ## Mengapa ini masalah?
    SOP yang disalin dari pengolah kata sering tersimpan sebagai
    Windows-1252: huruf beraksen dan tanda pisahnya menjadi karakter kacau
    di setiap komputer dan layanan repositori lain. Karakter kendali tidak
    terlihat di penyunting, padahal menjadi bagian dari isi tempat ia
    berada: U+0000 dalam sebuah kegiatan memotong teksnya di banyak program.

    ## Contoh
    {contoh}
    (disimpan sebagai Windows-1252, dengan sebuah `é` di dalamnya)

    Sebaiknya:
    {contoh}
    (disimpan sebagai UTF-8)
    """
    messages = {
        "default": ("the file is not UTF-8 (it looks like binary data)", "berkas bukan UTF-8 (tampaknya data biner)"),
        "guess": (
            "the file is not UTF-8; it looks like {encoding}: save it as UTF-8",
            "berkas bukan UTF-8; tampaknya {encoding}: simpan sebagai UTF-8",
        ),
        "control": (
            "the text holds a control character ({character}): remove it",
            "teks memuat karakter kendali ({character}): hapus",
        ),
    }
    needs_model = False

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        if ctx.encoding is not None:
            if ctx.encoding.encoding:
                yield self.report(ctx.encoding.span, "guess", encoding=ctx.encoding.encoding)
            else:
                yield self.report(ctx.encoding.span)
        elif ctx.text:
            controls = ctx.pack.word_lists.get("control_characters", [])
            if controls and any(c in ctx.text for c in controls):
                yield from self._controls(ctx.text, controls)

    def _controls(self, text: str, controls: list[str]) -> Iterator[Finding]:
        pattern = re.compile("[" + "".join(re.escape(c) for c in controls) + "]")
        for number, line in enumerate(text.split("\n"), 1):
            found = pattern.search(line)
            if found is not None:
                at = found.start() + 1 - (number == 1 and line.startswith("\ufeff"))
                span = Span(number, at, number, at + 1)
                yield self.report(span, "control", character=f"U+{ord(found[0]):04X}")


class UnusedSuppression(Rule):
    """
    ## What it does
    Reports a `<!-- sop-lint: disable=… -->` comment that suppressed
    nothing, or that names a rule that does not exist.

    ## Why is this bad?
    A stale suppression hides the next real problem of that kind at that
    place, and a misspelt code suppresses nothing at all.

    ## Example
    ```markdown
    # Pengumpulan Data Kinerja

    <!-- sop-lint: disable=P002 -->
    ## Peringatan
    ```

    Use instead:
    ```markdown
    # Pengumpulan Data Kinerja

    ## Peringatan
    ```

    The suppressions themselves are applied by the engine; this rule only
    names the ones left over.
    """

    code = "P006"
    name = "unused-suppression"
    severity = "warning"
    summary = "a `sop-lint: disable` comment that suppressed nothing"
    summary_id = "komentar `sop-lint: disable` yang tidak mengecualikan apa pun"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan komentar `<!-- sop-lint: disable=… -->` yang tidak
    mengecualikan temuan apa pun, atau yang menyebut aturan yang tidak ada.

    ## Mengapa ini masalah?
    Pengecualian yang sudah usang menyembunyikan masalah sejenis berikutnya
    yang sungguh ada di tempat itu, dan kode yang salah eja sama sekali
    tidak mengecualikan apa pun.

    ## Contoh
    {contoh}

    Sebaiknya:
    {contoh}

    Pengecualiannya sendiri diterapkan oleh mesin sop-lint; aturan ini hanya
    menyebut pengecualian yang tersisa tanpa guna.
    """
    messages = {
        "default": (
            "`{code}` is suppressed here but nothing reports it",
            "`{code}` dikecualikan di sini tetapi tidak ada temuannya",
        ),
        "unknown": (
            "`{code}` in a suppression comment is no rule code or name",
            "`{code}` dalam komentar penekan bukan kode atau nama aturan",
        ),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        return iter(())  # the engine reports these: only it knows what was suppressed


class MissingTitle(Rule):
    """
    ## What it does
    Reports an SOP with no `# ` title (Nama SOP).

    ## Why is this bad?
    The title is the SOP's name: indexes, the Keterkaitan of other SOPs and
    the signed document all refer to it.

    ## Example
    ```markdown
    ## Identitas

    - Nomor: 065/3/DP-B
    ```

    Use instead:
    ```markdown
    # Pengumpulan Data Kinerja

    ## Identitas

    - Nomor: 065/3/DP-B
    ```
    """

    code = "P007"
    name = "missing-title"
    severity = "error"
    summary = "no `# ` title (Nama SOP)"
    summary_id = "tidak ada judul `# ` (Nama SOP)"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan SOP yang tidak memiliki judul `# ` (Nama SOP).

    ## Mengapa ini masalah?
    Judul adalah nama SOP: daftar SOP, Keterkaitan SOP lain, dan dokumen
    yang ditandatangani semuanya merujuk kepadanya.
    """
    messages = {
        "default": ("the SOP has no `# ` title (Nama SOP)", "SOP tidak memiliki judul `# ` (Nama SOP)"),
        "empty": ("the `# ` title is empty", "judul `# ` kosong"),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        if sop.title is None:
            if sop.title_span is not None:
                yield self.report(sop.title_span, "empty")
            else:
                from ..model import Span

                yield self.report(Span(1, 1, 1, 2))


class SectionOrder(Rule):
    """
    ## What it does
    Reports a section that comes before one it should follow in the
    official order (Identitas, Dasar Hukum, Kualifikasi Pelaksana,
    Keterkaitan, Peralatan/Perlengkapan, Peringatan, Pencatatan dan
    Pendataan, Pelaksana, Prosedur).

    ## Why is this bad?
    Reviewers read SOPs in the layout of PermenPAN-RB 35/2012; a section out
    of place is easy to miss.

    ## Example
    ```markdown
    ## Dasar Hukum

    1. Peraturan Daerah Nomor 8 Tahun 2016 tentang Perangkat Daerah

    ## Identitas

    - Nomor: 065/3/DP-B
    ```

    Use instead:
    ```markdown
    ## Identitas

    - Nomor: 065/3/DP-B

    ## Dasar Hukum

    1. Peraturan Daerah Nomor 8 Tahun 2016 tentang Perangkat Daerah
    ```

    ## Fix
    `--fix` (and `sop-lint format`) puts the sections in the official order
    by a stable sort: each section moves with the comments just before its
    heading, and a section sop-lint does not know moves with the known
    section before it.
    """

    code = "P008"
    name = "section-order"
    severity = "info"
    summary = "sections not in the official order"
    summary_id = "urutan bagian tidak sesuai urutan resmi"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan bagian yang letaknya mendahului bagian yang seharusnya ada di
    depannya menurut urutan resmi (Identitas, Dasar Hukum, Kualifikasi
    Pelaksana, Keterkaitan, Peralatan/Perlengkapan, Peringatan, Pencatatan
    dan Pendataan, Pelaksana, Prosedur).

    ## Mengapa ini masalah?
    Pemeriksa membaca SOP menurut susunan Peraturan Menteri PAN-RB Nomor 35
    Tahun 2012; bagian yang salah letak mudah terlewat.

    ## Perbaikan
    `--fix` (dan `sop-lint format`) menyusun bagian-bagian menurut urutan
    resmi dengan pengurutan stabil: setiap bagian berpindah bersama komentar
    yang tepat di atas judulnya, dan bagian yang tidak dikenal sop-lint ikut
    berpindah bersama bagian dikenal yang ada di atasnya.
    """
    messages = {
        "before": (
            "section `{kind}` is out of the official order: put it before `{other}`",
            "bagian `{kind}` tidak sesuai urutan resmi: letakkan sebelum `{other}`",
        ),
        "after": (
            "section `{kind}` is out of the official order: put it after `{other}`",
            "bagian `{kind}` tidak sesuai urutan resmi: letakkan sesudah `{other}`",
        ),
    }
    fix = "always"

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        order = {name: index for index, name in enumerate(ctx.pack.section_order())}
        firsts: dict[str, Section] = {}
        for section in sop.sections:
            if section.kind in order:
                firsts.setdefault(section.kind or "", section)  # a second one is P004's
        known = list(firsts.values())
        ranks = [order[s.kind or ""] for s in known]
        in_order = longest_increasing(ranks)  # the fewest sections that need to move
        for index, section in enumerate(known):
            if index in in_order:
                continue
            kept = sorted(in_order)
            later = [i for i in kept if ranks[i] > ranks[index]]
            earlier = [i for i in kept if ranks[i] < ranks[index]]
            # A section out of place stands after one it should precede, or before one it should follow:
            # name that one (saying "before X" of a section already before X would not help).
            if later and (later[0] < index or not earlier):
                yield self.report(section.heading_span, "before", kind=section.kind, other=known[later[0]].kind)
            else:
                yield self.report(section.heading_span, "after", kind=section.kind, other=known[earlier[-1]].kind)

    def make_fix(self, finding: Finding, sop: Sop, ctx: Context) -> Fix | None:
        from ..fixes import order_fix

        return order_fix(sop, ctx)


class DuplicateKey(Rule):
    """
    ## What it does
    Reports a key given twice in Identitas or in one step. Aliases count:
    `Tanggal Efektif` and `Tanggal Pengesahan` are one key.

    ## Why is this bad?
    Only the first value is read; two values for one field contradict each
    other and the reader cannot tell which holds.

    ## Example
    ```markdown
    ## Identitas

    - Tanggal Efektif: 4 Januari 2021
    - Tanggal Pengesahan: 5 Januari 2021
    ```

    Use instead:
    ```markdown
    ## Identitas

    - Tanggal Efektif: 4 Januari 2021
    ```
    """

    code = "P009"
    name = "duplicate-key"
    severity = "error"
    summary = "a key given twice in Identitas or in one step"
    summary_id = "kunci yang sama diberikan dua kali di Identitas atau satu langkah"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan kunci yang diberikan dua kali di Identitas atau dalam satu
    langkah. Alias ikut dihitung: `Tanggal Efektif` dan `Tanggal Pengesahan`
    adalah satu kunci.

    ## Mengapa ini masalah?
    Hanya isi yang pertama dibaca; dua isi untuk satu butir saling
    bertentangan dan pembaca tidak tahu mana yang berlaku.
    """
    messages = {
        "default": (
            "`{key}` is given again (as `{first}` at line {line}); only the first is read",
            "`{key}` diberikan lagi (sebagai `{first}` di baris {line}); hanya yang pertama dibaca",
        )
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        if sop.identity is not None:
            yield from self._duplicates(sop.identity.fields)
        for step in sop.steps:
            yield from self._duplicates(step.fields)

    def _duplicates(self, fields: list[Field]) -> Iterator[Finding]:
        seen: dict[str, Field] = {}
        for field in fields:
            if field.key is None:
                continue
            if field.key in seen:
                first = seen[field.key]
                yield self.report(field.key_span, key=field.key, first=first.key_text, line=first.key_span.line)
            else:
                seen[field.key] = field
