"""M — identity (Identitas): required fields, dates, the SOP number and the
approver's NIP."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from ..model import DateValue, Field, Identity, Nip, Sop, Span
from ..names import fold
from ..pack import KeySpec, Pack
from ..rule import Context, Finding, Fix, Rule, shorten
from ..values.dates import as_date, date_problem, earliest, format_date, month_name
from ..values.nip import grouped, label, nip_reason, well_grouped
from ..values.spans import sub_span

# The date fields the order and future checks compare (canonical pack names).
CREATED = "Tanggal Pembuatan"
REVISED = "Tanggal Revisi"
EFFECTIVE = "Tanggal Efektif"
NUMBER = "Nomor"

# What `dash_allowed` accepts: a dash of any width means "none" (not revised).
_DASHES = frozenset({"-", "–", "—"})
# A Nomor segment made only of these is a blank left to fill in (`800/.../2023`),
# as is a run of x (`xxx/SOP/2024`; not `XX`, a Roman numeral).
_BLANK_SEGMENT = re.compile(r"[\s.…_\-–—?]*|\s*(?:[xX]{3,}|x{2})\s*")
# A Nomor with no `/` whose number is a placeholder before its year: `… Tahun 2024`.
_PLACEHOLDER_NUMBER = (  # compiled for a Nomor without `/` (`re` keeps it)
    r"(?:nomor\s*:?\s*)?(?P<number>[.…_?]{2,}|…|[xX]{3,}|x{2})\s*(?:tahun\s*)?\d{4}\s*",
    re.IGNORECASE,
)


class MissingIdentityField(Rule):
    """
    ## What it does
    Reports a required Identitas field (Nomor, Tanggal Pembuatan, Tanggal
    Revisi, Tanggal Efektif, Disahkan Oleh, Nama Pengesah, NIP Pengesah) that
    is absent, empty, or only a placeholder such as `-`. A `-` in Tanggal
    Revisi means "not revised" and is fine.

    Only when Identitas is present and has items: a missing or empty
    Identitas is reported once, by C201 or C202.

    ## Why is this bad?
    The identity block is what makes the SOP an official document: without
    its number, dates and approver it cannot be cited, filed or enforced.

    ## Example
    ```markdown
    ## Identitas

    - Nomor: 065/3/DP-B
    - Tanggal Pembuatan: 4 Januari 2021
    - Tanggal Revisi: -
    - Tanggal Efektif: 4 Januari 2021
    - Disahkan Oleh: Kepala Biro Organisasi
    - Nama Pengesah: -
    ```

    Use instead:
    ```markdown
    ## Identitas

    - Nomor: 065/3/DP-B
    - Tanggal Pembuatan: 4 Januari 2021
    - Tanggal Revisi: -
    - Tanggal Efektif: 4 Januari 2021
    - Disahkan Oleh: Kepala Biro Organisasi
    - Nama Pengesah: Rita Hastarita, S.Sos, M.Si
    - NIP Pengesah: 19791208 200003 2 002
    ```
    """

    code = "M101"
    name = "missing-identity-field"
    severity = "error"
    summary = "Identitas lacks a required field, or it is empty or only `-`"
    summary_id = "Identitas tidak memuat kolom wajib, atau kolomnya kosong atau hanya `-`"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan butir Identitas yang wajib (Nomor, Tanggal Pembuatan, Tanggal
    Revisi, Tanggal Efektif, Disahkan Oleh, Nama Pengesah, NIP Pengesah)
    yang tidak ada, kosong, atau hanya berisi pengisi tempat seperti `-`.
    Tanda `-` pada Tanggal Revisi berarti "belum direvisi" dan diterima.

    Diperiksa hanya bila bagian Identitas ada dan berisi butir: Identitas
    yang tidak ada atau kosong dilaporkan sekali, oleh C201 atau C202.

    ## Mengapa ini masalah?
    Bagian identitas itulah yang menjadikan SOP dokumen resmi: tanpa nomor,
    tanggal, dan pengesahnya, SOP tidak dapat dirujuk, diarsipkan, atau
    diberlakukan.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": ("Identitas has no `{field}`", "Identitas tidak memuat `{field}`"),
        "empty": ("`{key}` is empty: fill it in", "`{key}` kosong: isi nilainya"),
        "placeholder": (
            "`{key}` is only `{value}`: fill it in",
            "`{key}` hanya berisi `{value}`: isi nilainya",
        ),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        identity = sop.identity
        if identity is None or not identity.section.items:
            return  # no Identitas is C201's, an empty one C202's
        for spec in ctx.pack.identity_fields:
            if not spec.required:
                continue
            field = identity.field(spec.name)
            if field is None:
                if not _misspelt(identity, spec):
                    yield self.report(identity.section.heading_span, field=spec.name)
            elif not field.value:
                yield self.report(field.key_span, "empty", key=field.key_text, field=spec.name)
            elif _placeholder(field.value, ctx.pack) and not _dash_ok(field.value, spec):
                yield self.report(
                    field.key_span, "placeholder", key=field.key_text, field=spec.name, value=shorten(field.value, 60)
                )


class InvalidDate(Rule):
    """
    ## What it does
    Reports an Identitas date that cannot be read as a date, or that does
    not exist on the calendar (`31 Februari 2021`, `29/02/2023`, a weekday
    that does not match the date), saying why.

    Dates are read as Indonesians write them: `4 Januari 2021`,
    `Senin, 4 Januari 2021`, `04/01/2021`, `04-01-2021` (day first),
    `2021-01-04`, with Indonesian or English month names and the usual
    abbreviations (`Agt`, `Okt`, `Des`, `Jan.`).

    ## Why is this bad?
    A date that does not exist makes the document's validity period
    undefined, and usually hides a typing slip in the day or month.

    ## Example
    ```markdown
    ## Identitas

    - Tanggal Pembuatan: 31 Februari 2021
    ```

    Use instead:
    ```markdown
    ## Identitas

    - Tanggal Pembuatan: 28 Februari 2021
    ```
    """

    code = "M102"
    name = "invalid-date"
    severity = "error"
    summary = "a date that does not parse or does not exist"
    summary_id = "tanggal yang tidak terbaca atau tidak ada"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan tanggal di Identitas yang tidak dapat dibaca sebagai tanggal,
    atau yang tidak ada di kalender (`31 Februari 2021`, `29/02/2023`, nama
    hari yang tidak cocok dengan tanggalnya), dengan menyebut alasannya.

    Tanggal dibaca sebagaimana lazim ditulis di Indonesia: `4 Januari 2021`,
    `Senin, 4 Januari 2021`, `04/01/2021`, `04-01-2021` (hari lebih dulu),
    `2021-01-04`, dengan nama bulan dalam bahasa Indonesia atau Inggris dan
    singkatan yang lazim (`Agt`, `Okt`, `Des`, `Jan.`).

    ## Mengapa ini masalah?
    Tanggal yang tidak ada membuat masa berlaku dokumen tidak jelas, dan
    biasanya menyembunyikan salah ketik pada hari atau bulannya.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "`{key}` `{text}` is not a valid date: {why}",
            "`{key}` `{text}` bukan tanggal yang sah: {why_id}",
        )
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        for key, value, _ in _dates(sop.identity, ctx.pack):
            if value.valid:
                continue
            problem = date_problem(value.text)
            why, why_id = problem if problem else (value.error or "", value.error or "")
            yield self.report(value.span, key=key, text=shorten(value.text, 60), why=why, why_id=why_id)


class IncompleteDate(Rule):
    """
    ## What it does
    Reports an Identitas date that gives only a year (`2022`) or only a
    month and a year (`Januari 2022`), naming what is missing.

    ## Why is this bad?
    An SOP takes effect on a day: with no day, nobody can tell which version
    was in force when, or whether a revision came before an audit.

    ## Example
    ```markdown
    ## Identitas

    - Tanggal Pembuatan: Januari 2022
    ```

    Use instead:
    ```markdown
    ## Identitas

    - Tanggal Pembuatan: 4 Januari 2022
    ```
    """

    code = "M103"
    name = "incomplete-date"
    severity = "warning"
    summary = "a date with only a year, or only a month and year"
    summary_id = "tanggal yang hanya memuat tahun, atau bulan dan tahun"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan tanggal di Identitas yang hanya menyebut tahun (`2022`) atau
    hanya bulan dan tahun (`Januari 2022`), dengan menyebut apa yang kurang.

    ## Mengapa ini masalah?
    SOP mulai berlaku pada suatu hari: tanpa tanggal harinya, tidak ada yang
    dapat memastikan versi mana yang berlaku kapan, atau apakah suatu revisi
    terjadi sebelum audit.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "year": (
            "`{key}` `{text}` gives only the year: add the day and month (e.g. `1 Januari {year}`)",
            "`{key}` `{text}` hanya memuat tahun: tambahkan tanggal dan bulan (misalnya `1 Januari {year}`)",
        ),
        "month": (
            "`{key}` `{text}` gives no day: add it (e.g. `1 {month} {year}`)",
            "`{key}` `{text}` tidak memuat tanggal: tambahkan (misalnya `1 {month} {year}`)",
        ),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        for key, value, _ in _dates(sop.identity, ctx.pack):
            if not value.valid or value.complete:
                continue
            if value.month is None:
                yield self.report(value.span, "year", key=key, text=shorten(value.text, 60), year=value.year)
            else:
                yield self.report(
                    value.span, "month", key=key, text=shorten(value.text, 60), month=month_name(value.month), year=value.year
                )


class DateOrder(Rule):
    """
    ## What it does
    Reports a Tanggal Revisi or Tanggal Efektif earlier than the Tanggal
    Pembuatan. Only complete, valid dates are compared.

    ## Why is this bad?
    An SOP cannot be revised or take effect before it was made: one of the
    dates is wrong, often a day and month swapped or a mistyped year.

    ## Example
    ```markdown
    ## Identitas

    - Tanggal Pembuatan: 4 Januari 2021
    - Tanggal Efektif: 4 Januari 2020
    ```

    Use instead:
    ```markdown
    ## Identitas

    - Tanggal Pembuatan: 4 Januari 2021
    - Tanggal Efektif: 4 Januari 2021
    ```
    """

    code = "M104"
    name = "date-order"
    severity = "error"
    summary = "Tanggal Revisi or Tanggal Efektif earlier than Tanggal Pembuatan"
    summary_id = "Tanggal Revisi atau Tanggal Efektif lebih awal dari Tanggal Pembuatan"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan Tanggal Revisi atau Tanggal Efektif yang lebih awal daripada
    Tanggal Pembuatan. Hanya tanggal yang lengkap dan sah yang dibandingkan.

    ## Mengapa ini masalah?
    SOP tidak mungkin direvisi atau berlaku sebelum dibuat: salah satu
    tanggalnya keliru, sering kali hari dan bulan tertukar atau tahunnya
    salah ketik.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "`{key}` {text} is before Tanggal Pembuatan {created}",
            "`{key}` {text} lebih awal dari Tanggal Pembuatan {created}",
        )
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        dates = {key: (written, value) for written, value, key in _dates(sop.identity, ctx.pack)}
        if CREATED not in dates:
            return
        created = as_date(dates[CREATED][1])
        if created is None:
            return
        for later in (REVISED, EFFECTIVE):
            if later not in dates:
                continue
            written, value = dates[later]
            day = as_date(value)
            if day is not None and day < created:
                yield self.report(
                    value.span, key=written, text=shorten(value.text, 60), created=shorten(dates[CREATED][1].text, 60)
                )


class InvalidNip(Rule):
    """
    ## What it does
    Reports a NIP Pengesah that cannot be a real NIP: not 18 digits, a birth
    date or TMT (month of appointment) that does not exist, a TMT before
    the holder turned 18, a gender digit other than 1 or 2, or serial
    number 000 (Peraturan Kepala BKN 22/2007).

    ## Why is this bad?
    The NIP identifies the official who signed the SOP; a mistyped NIP
    names nobody, or somebody else.

    ## Example
    ```markdown
    ## Identitas

    - NIP Pengesah: 19791208 200003 3 002
    ```

    Use instead:
    ```markdown
    ## Identitas

    - NIP Pengesah: 19791208 200003 2 002
    ```
    """

    code = "M105"
    name = "invalid-nip"
    severity = "error"
    summary = "a NIP that is not 18 digits or holds an impossible date or digit"
    summary_id = "NIP yang bukan 18 angka atau memuat tanggal atau digit yang mustahil"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan NIP Pengesah yang tidak mungkin NIP sebenarnya: tidak 18
    angka, tanggal lahir atau TMT (bulan pengangkatan) yang tidak ada, TMT
    sebelum pemiliknya berusia 18 tahun, angka jenis kelamin selain 1 atau
    2, atau nomor urut 000 (Peraturan Kepala BKN Nomor 22 Tahun 2007).

    ## Mengapa ini masalah?
    NIP menunjukkan pejabat yang menandatangani SOP; NIP yang salah ketik
    tidak menunjuk siapa pun, atau menunjuk orang lain.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": ("NIP `{text}` is not valid: {why}", "NIP `{text}` tidak sah: {why_id}"),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        nip = _nip(sop.identity, ctx.pack)
        if nip is None:
            return
        reason = nip_reason(nip, ctx.today, ctx.pack)
        if reason is not None:
            yield self.report(nip.span, text=shorten(nip.text, 60), why=reason[0], why_id=reason[1])


class FutureDate(Rule):
    """
    ## What it does
    Reports a Tanggal Pembuatan or Tanggal Efektif after today. Tanggal
    Revisi may lie ahead: it can be a planned review date.

    ## Why is this bad?
    An SOP cannot have been made, or be in force, on a day still to come:
    the year is usually mistyped (`2201` for `2021`).

    ## Example
    ```markdown
    ## Identitas

    - Tanggal Pembuatan: 4 Januari 2201
    ```

    Use instead:
    ```markdown
    ## Identitas

    - Tanggal Pembuatan: 4 Januari 2021
    - Tanggal Revisi: 4 Januari 2201
    ```
    """

    code = "M106"
    name = "future-date"
    severity = "warning"
    summary = "Tanggal Pembuatan or Tanggal Efektif after today"
    summary_id = "Tanggal Pembuatan atau Tanggal Efektif sesudah hari ini"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan Tanggal Pembuatan atau Tanggal Efektif yang jatuh sesudah
    hari ini. Tanggal Revisi boleh jatuh di masa depan: bisa jadi itu
    tanggal peninjauan yang direncanakan.

    ## Mengapa ini masalah?
    SOP tidak mungkin sudah dibuat, atau sudah berlaku, pada hari yang belum
    tiba: biasanya tahunnya salah ketik (`2201` untuk `2021`).
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "`{key}` {text} is after today ({today})",
            "`{key}` {text} sesudah hari ini ({today})",
        )
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        for written, value, key in _dates(sop.identity, ctx.pack):
            if key not in (CREATED, EFFECTIVE):
                continue
            # An incomplete date is in the future only when its first possible day is.
            first = earliest(value)
            if first is not None and first > ctx.today:
                yield self.report(value.span, key=written, text=shorten(value.text, 60), today=format_date(ctx.today))


class MalformedSopNumber(Rule):
    """
    ## What it does
    Reports a Nomor with an empty segment: nothing (or only `...` or
    `xxx`) between two `/` (`530/ /01-IND/2019`, `xxx/SOP/2024`), or a `/`
    at its start or end; and a Nomor whose number is only a placeholder
    before its year (`… Tahun 2024`).

    ## Why is this bad?
    An empty segment is a number left unfinished when the SOP was drafted:
    the SOP cannot be cited, and two SOPs may end up with one number.

    ## Example
    ```markdown
    ## Identitas

    - Nomor: 530/ /01-IND/2019
    ```

    Use instead:
    ```markdown
    ## Identitas

    - Nomor: 530 / 12 / 01-IND / 2019
    ```
    """

    code = "M107"
    name = "malformed-sop-number"
    severity = "warning"
    summary = "a Nomor with an empty segment or a placeholder for its number"
    summary_id = "Nomor dengan segmen kosong atau nomor yang hanya isian sementara"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan Nomor dengan ruas kosong: tidak ada apa-apa (atau hanya `...`
    atau `xxx`) di antara dua `/` (`530/ /01-IND/2019`, `xxx/SOP/2024`),
    atau `/` di awal atau akhirnya; dan Nomor yang angkanya hanya pengisi
    tempat di depan tahunnya (`… Tahun 2024`).

    ## Mengapa ini masalah?
    Ruas kosong adalah nomor yang belum selesai diisi saat SOP disusun: SOP
    itu tidak dapat dirujuk, dan dua SOP bisa berakhir dengan satu nomor
    yang sama.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "Nomor `{value}` has an empty segment between `{before}` and `{after}`",
            "Nomor `{value}` memiliki segmen kosong antara `{before}` dan `{after}`",
        ),
        "blank": (
            "Nomor `{value}` has a segment that is only `{segment}`: fill in the number",
            "Nomor `{value}` memiliki segmen yang hanya berisi `{segment}`: isi nomornya",
        ),
        "placeholder": (
            "Nomor `{value}` has only `{segment}` for its number: fill in the number",
            "Nomor `{value}` hanya berisi `{segment}` sebagai nomornya: isi nomornya",
        ),
        "leading": ("Nomor `{value}` starts with `/`", "Nomor `{value}` diawali `/`"),
        "trailing": ("Nomor `{value}` ends with `/`", "Nomor `{value}` diakhiri `/`"),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        if sop.identity is None:
            return
        field = sop.identity.field(NUMBER)
        if field is None or not field.value or _placeholder(field.value, ctx.pack):
            return
        value, span = field.value, field.value_span
        if "/" not in value:
            placeholder = re.compile(*_PLACEHOLDER_NUMBER).fullmatch(value)
            if placeholder is not None:
                where = sub_span(span, placeholder.start("number"), placeholder.end("number"))
                yield self.report(where, "placeholder", value=shorten(value, 60), segment=placeholder["number"])
            return
        slashes = [index for index, char in enumerate(value) if char == "/"]
        # Segment k runs between bounds[k][0] (the `/` before it; -1 at the start)
        # and bounds[k][1] (the `/` after it; len(value) at the end).
        bounds = list(zip([-1, *slashes], [*slashes, len(value)], strict=True))
        blank = [bool(_BLANK_SEGMENT.fullmatch(value[start + 1 : end])) for start, end in bounds]
        last, shown = len(bounds) - 1, shorten(value, 60)
        index = 0
        while index <= last:
            if not blank[index]:
                index += 1
                continue
            first = index
            while index < last and blank[index + 1]:
                index += 1  # a run of blank segments is one mistake: one finding
            start, end = bounds[first][0], bounds[index][1]
            segment = value[start + 1 : end].strip()
            if first == index and segment:
                offset = value.index(segment, start + 1)
                where = sub_span(span, offset, offset + len(segment))
                yield self.report(where, "blank", value=shown, segment=shorten(segment, 60))
            elif first == 0:
                yield self.report(sub_span(span, 0, min(end + 1, len(value))), "leading", value=shown)
            elif index == last:
                yield self.report(sub_span(span, start, len(value)), "trailing", value=shown)
            else:
                before = value[bounds[first - 1][0] + 1 : start].strip()
                after = value[end + 1 : bounds[index + 1][1]].strip()
                where = sub_span(span, start, end + 1)
                yield self.report(where, before=shorten(before, 60), after=shorten(after, 60), value=shown)
            index += 1


class NipSpacing(Rule):
    """
    ## What it does
    Reports a valid NIP that is not written in its four groups,
    `yyyymmdd yyyymm g nnn` (birth date, TMT, gender, serial number), or
    that carries a `NIP.` label copied from a signature block.

    ## Why is this bad?
    Grouped, a NIP can be read and checked at a glance; run together or
    split elsewhere (`19680904 1993081 001`), its digits are easily
    misread or mistyped when copied.

    ## Example
    ```markdown
    ## Identitas

    - NIP Pengesah: 197912082000032002
    ```

    Use instead:
    ```markdown
    ## Identitas

    - NIP Pengesah: 19791208 200003 2 002
    ```

    ## Fix
    `--fix` (and `sop-lint format`) rewrites the NIP in its four groups,
    dropping a `NIP.` label; not when the value runs over several lines or
    holds a comment.
    """

    code = "M108"
    name = "nip-spacing"
    severity = "info"
    summary = "a valid NIP not grouped as `yyyymmdd yyyymm g nnn`"
    summary_id = "NIP sah yang tidak dikelompokkan sebagai `yyyymmdd yyyymm g nnn`"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan NIP yang sah tetapi tidak ditulis dalam empat kelompoknya,
    `yyyymmdd yyyymm g nnn` (tanggal lahir, TMT, jenis kelamin, nomor urut),
    atau yang membawa label `NIP.` yang tersalin dari blok tanda tangan.

    ## Mengapa ini masalah?
    Bila dikelompokkan, NIP dapat dibaca dan diperiksa sekilas; bila ditulis
    menyambung atau dipisah di tempat lain (`19680904 1993081 001`),
    angkanya mudah salah baca atau salah ketik saat disalin.

    ## Perbaikan
    `--fix` (dan `sop-lint format`) menulis ulang NIP dalam empat
    kelompoknya dan membuang label `NIP.`; tidak dilakukan bila isinya
    memanjang ke beberapa baris atau memuat komentar.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "NIP `{text}` is not grouped as `yyyymmdd yyyymm g nnn`: write `{grouped}`",
            "NIP `{text}` tidak dikelompokkan sebagai `yyyymmdd yyyymm g nnn`: tulis `{grouped}`",
        ),
        "label": (
            "NIP `{text}` starts with the label `{label}`: write only the number, `{grouped}`",
            "NIP `{text}` diawali label `{label}`: tulis nomornya saja, `{grouped}`",
        ),
    }
    fix = "always"

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        nip = _nip(sop.identity, ctx.pack)
        if nip is None or nip_reason(nip, ctx.today, ctx.pack) is not None or well_grouped(nip):
            return  # an invalid NIP is M105's
        text = grouped(nip.digits)
        prefix = label(nip, ctx.pack)
        if prefix is not None:
            yield self.report(nip.span, "label", text=shorten(nip.text, 60), label=prefix, grouped=text)
        else:
            yield self.report(nip.span, text=shorten(nip.text, 60), grouped=text)

    def make_fix(self, finding: Finding, sop: Sop, ctx: Context) -> Fix | None:
        from ..fixes import span_fix

        # Only a value on one line with no comment inside can be replaced whole.
        span = finding.span
        if span.line != span.end_line or _has_comment(sop, span):
            return None
        grouped_text = str(finding.args["grouped"])
        return span_fix(sop, ctx, self.code, f"Write the NIP as `{grouped_text}`", span, grouped_text)


# Helpers ---------------------------------------------------------------------


def _placeholder(value: str, pack: Pack) -> bool:
    return fold(value) in pack.placeholders


def _dash_ok(value: str, spec: KeySpec) -> bool:
    return spec.dash_allowed and value.strip() in _DASHES


def _misspelt(identity: Identity, spec: KeySpec) -> bool:
    """Whether P003 already reports this field, as a misspelt key or as an
    item that is not `Key: Value` (`- Nomor 065/3/DP-B`)."""
    if any(field.key is None and field.suggestion == spec.name for field in identity.fields):
        return True
    read = {field.item.span for field in identity.fields}
    spellings = [fold(spelling) for spelling in (spec.name, *spec.aliases)]
    for item in identity.section.items:
        if item.span in read:
            continue
        text = fold(item.text)
        for spelling in spellings:
            if text.startswith(spelling) and (len(text) == len(spelling) or not text[len(spelling)].isalnum()):
                return True
    return False


def _field_at(identity: Identity, span: Span) -> Field | None:
    for field in identity.fields:  # the parser hands the same span on: identity first, it is cheap
        if field.value_span is span:
            return field
    for field in identity.fields:
        if field.value_span == span:
            return field
    return None


def _dates(identity: Identity | None, pack: Pack) -> Iterator[tuple[str, DateValue, str]]:
    """(key as written, date, canonical key) for each date the parser read,
    leaving out placeholders (M101 reports those) and `-` where allowed."""
    if identity is None:
        return
    for key, value in identity.dates.items():
        field = _field_at(identity, value.span)
        if field is not None and _placeholder(field.value, pack):
            continue
        yield (field.key_text if field is not None else key), value, key


def _nip(identity: Identity | None, pack: Pack) -> Nip | None:
    """The NIP to check: none when it is only a placeholder (M101's)."""
    if identity is None or identity.nip is None:
        return None
    field = _field_at(identity, identity.nip.span)
    if field is not None and _placeholder(field.value, pack):
        return None
    return identity.nip


def _has_comment(sop: Sop, span: Span) -> bool:
    start, end = (span.line, span.column), (span.end_line, span.end_column)
    return any((c.span.line, c.span.column) < end and (c.span.end_line, c.span.end_column) > start for c in sop.comments)
