"""L — legal basis (Dasar Hukum).

Each entry of Dasar Hukum is read as a citation by the front end
(`values/citations.py`). One mistake, one finding: a placeholder entry is
C203's; an entry that repeats an earlier one is only L603 (delete it, and
whatever else is wrong with it goes too); a citation of a revoked regulation
is L602, not also L605; a year that cannot be right at all is L604, not L605.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from ..analysis.citations import FIRST_YEAR
from ..model import Citation, Sop, Span
from ..rule import Context, Finding, Fix, Rule, shorten
from ..values.citations import cites, kind_numbered, written_year

_TENTANG = re.compile(r"\s*\btentang\b", re.IGNORECASE)


def _cited(citation: Citation) -> str:
    """The citation as written, without its title: `Permendagri No. 86 Tahun 2016`."""
    head = _TENTANG.split(citation.text[:300], maxsplit=1)[0].strip().rstrip(".,;")
    return shorten(head, 80)


def _head_span(citation: Citation) -> Span:
    """From the start of the entry to the end of its year, when both are on one line."""
    span, year = citation.span, citation.year_span
    if year is not None and year.line == span.line and year.end_column > span.column:
        return Span(span.line, span.column, span.line, year.end_column)
    return span


class MalformedCitation(Rule):
    """
    ## What it does
    Reports a Dasar Hukum entry that is not a recognisable citation: a
    regulation type the pack knows (Undang-Undang, Peraturan Pemerintah,
    Peraturan Menteri, Perda, Peraturan Bupati, Surat Edaran …) with a number
    and a year. A year inside an old-style number (`PER/21/M.PAN/11/2008`)
    counts. The message says which part is missing; a type that is one
    slip from a known one (`Instuksi Presiden`) gets a did-you-mean.

    Types are a vocabulary (docs/regulations.md): case, spaces, hyphens and
    dots in their names do not count, `Nomor :`, `No.` or no `Nomor` at all,
    `Th.`/`Tahun`, and numbers with letters, dots and slashes are read.

    ## Why is this bad?
    A legal basis that cannot be looked up is no legal basis: `DPA Tahun
    berjalan`, `ISO 9001:2015` or `Peraturan lainnya yang berkaitan` are not
    regulations, and `PP Nomor 61 tentang …` without its year may be any of
    several.

    ## Example
    ```markdown
    ## Dasar Hukum

    1. PP Nomor 61 tentang Pelaksanaan Undang-Undang Keterbukaan Informasi Publik
    2. DPA Tahun berjalan
    ```

    Use instead:
    ```markdown
    ## Dasar Hukum

    1. Peraturan Pemerintah Nomor 61 Tahun 2010 tentang Pelaksanaan Undang-Undang Keterbukaan Informasi Publik
    ```
    """

    code = "L601"
    name = "malformed-citation"
    severity = "warning"
    summary = "a Dasar Hukum entry that is not a recognisable citation"
    summary_id = "butir Dasar Hukum yang bukan kutipan peraturan yang dapat dikenali"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan butir Dasar Hukum yang bukan rujukan peraturan yang dapat
    dikenali: jenis peraturan yang dikenal paket aturan (Undang-Undang,
    Peraturan Pemerintah, Peraturan Menteri, Perda, Peraturan Bupati, Surat
    Edaran …) dengan nomor dan tahun. Tahun di dalam nomor gaya lama
    (`PER/21/M.PAN/11/2008`) ikut dihitung. Pesannya menyebut bagian mana
    yang kurang; jenis yang selisih satu huruf dari jenis yang dikenal
    (`Instuksi Presiden`) mendapat saran "maksud Anda".

    Jenis peraturan adalah kosakata (`docs/regulations.md`): huruf
    besar-kecil, spasi, tanda hubung, dan titik dalam namanya tidak
    diperhitungkan; `Nomor :`, `No.` atau tanpa `Nomor` sama sekali,
    `Th.`/`Tahun`, serta nomor yang memuat huruf, titik, dan garis miring
    dapat dibaca.

    ## Mengapa ini masalah?
    Dasar hukum yang tidak dapat ditelusuri bukanlah dasar hukum: `DPA Tahun
    berjalan`, `ISO 9001:2015` atau `Peraturan lainnya yang berkaitan` bukan
    peraturan, dan `PP Nomor 61 tentang …` tanpa tahunnya bisa berarti salah
    satu dari beberapa peraturan.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "no-type": (
            "`{text}` is not a regulation citation: it names no known regulation type "
            "(Undang-Undang, Peraturan Pemerintah, Peraturan Menteri, Peraturan Daerah …) with a number and a year",
            "`{text}` bukan kutipan peraturan: tidak menyebut jenis peraturan yang dikenal "
            "(Undang-Undang, Peraturan Pemerintah, Peraturan Menteri, Peraturan Daerah …) beserta nomor dan tahunnya",
        ),
        "no-type-near": (
            "`{text}` names no known regulation type; did you mean `{label}`?",
            "`{text}` tidak menyebut jenis peraturan yang dikenal; maksud Anda `{label}`?",
        ),
        "no-number": (
            "`{text}` gives no number: cite it as `{kind} Nomor … Tahun {year}`",
            "`{text}` tidak menyebut nomor: kutip sebagai `{kind} Nomor … Tahun {year}`",
        ),
        "no-year": (
            "`{text}` gives no year: cite it as `{kind} Nomor {number} Tahun …`",
            "`{text}` tidak menyebut tahun: kutip sebagai `{kind} Nomor {number} Tahun …`",
        ),
        "no-year-known": (
            "`{text}` gives no year; did you mean `{label}`?",
            "`{text}` tidak menyebut tahun; maksud Anda `{label}`?",
        ),
        "no-number-year": (
            "`{text}` gives neither number nor year: cite it as `{kind} Nomor … Tahun …`",
            "`{text}` tidak menyebut nomor maupun tahun: kutip sebagai `{kind} Nomor … Tahun …`",
        ),
        "truncated": (
            "the year `{year}` in `{text}` is cut off or mistyped: write all four digits",
            "tahun `{year}` pada `{text}` terpotong atau salah ketik: tulis keempat angkanya",
        ),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        for entry in ctx.facts_for(sop).citations:
            citation = entry.citation
            text = shorten(citation.text, 60)
            if citation.kind is None:
                near = ctx.pack.vocabulary.near_miss(citation.text) if ctx.pack.vocabulary else None
                if near is not None:
                    yield self.report(citation.span, "no-type-near", text=text, label=near)
                else:
                    yield self.report(citation.span, "no-type", text=text)
                continue
            kind = citation.kind_text or citation.kind
            needs_number = kind_numbered(citation.kind, ctx.pack)
            if citation.truncated_year:
                year = written_year(citation.text) or "…"
                yield self.report(citation.year_span or citation.span, "truncated", year=year, text=text)
            elif citation.year is None and (citation.number is None and needs_number):
                yield self.report(citation.span, "no-number-year", text=text, kind=kind)
            elif citation.year is None:
                known = next((row for row in ctx.pack.known if cites(citation, row, ctx.pack)), None)
                if known is not None:
                    yield self.report(citation.span, "no-year-known", text=text, label=known["label"])
                else:
                    yield self.report(citation.span, "no-year", text=text, kind=kind, number=citation.number or "…")
            elif citation.number is None and needs_number:
                yield self.report(citation.span, "no-number", text=text, kind=kind, year=citation.year)


class RevokedRegulation(Rule):
    """
    ## What it does
    Reports a citation of a regulation that the rule pack lists as revoked
    or replaced (`regulations` with status `revoked`, each row with its
    source), naming its replacement. The pack's status is as of its sources' dates, so the
    finding says *possibly* outdated: check JDIH before changing the SOP.

    ## Why is this bad?
    An SOP whose legal basis has been revoked rests on nothing; reviewers
    and auditors check Dasar Hukum first.

    ## Example
    ```markdown
    ## Dasar Hukum

    1. Peraturan Pemerintah Nomor 53 Tahun 2010 tentang Disiplin Pegawai Negeri Sipil
    ```

    Use instead:
    ```markdown
    ## Dasar Hukum

    1. Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil
    ```
    """

    code = "L602"
    name = "revoked-regulation"
    severity = "warning"
    summary = "cites a regulation the pack lists as revoked"
    summary_id = "mengutip peraturan yang tercatat sudah dicabut"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan rujukan peraturan yang oleh paket aturan dicatat sudah
    dicabut atau diganti (`regulations` dengan status `revoked`, setiap
    barisnya dengan sumbernya), dengan menyebut penggantinya. Status dalam
    paket aturan berlaku per tanggal sumber-sumbernya, sehingga temuannya
    menyebut *mungkin* sudah tidak berlaku: periksa JDIH sebelum mengubah
    SOP.

    ## Mengapa ini masalah?
    SOP yang dasar hukumnya sudah dicabut tidak berdasar apa pun; pemeriksa
    dan auditor memeriksa Dasar Hukum lebih dulu.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "`{cited}` is possibly outdated: it was replaced by {replacement}; check JDIH for its current status",
            "`{cited}` mungkin sudah tidak berlaku: telah diganti dengan {replacement}; periksa statusnya di JDIH",
        ),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        for entry in ctx.facts_for(sop).citations:
            if entry.revoked is not None and entry.duplicate_of is None:
                citation = entry.citation
                yield self.report(_head_span(citation), cited=_cited(citation), replacement=entry.revoked["replaced_by"])


class DuplicateCitation(Rule):
    """
    ## What it does
    Reports a Dasar Hukum entry that cites the same regulation (same type,
    number and year) as an earlier one, however each is written
    (`Permenpan No. 53 Tahun 2014` and `Peraturan Menteri PAN-RB Nomor 53
    Tahun 2014` are one regulation).

    ## Why is this bad?
    A repeated entry makes the legal basis look longer than it is and, when
    the two copies differ in title, leaves the reader unsure which is meant.

    ## Example
    ```markdown
    ## Dasar Hukum

    1. Peraturan Menteri PAN-RB Nomor 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja
    2. Permenpan No. 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja
    ```

    Use instead:
    ```markdown
    ## Dasar Hukum

    1. Peraturan Menteri PAN-RB Nomor 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja
    ```
    """

    code = "L603"
    name = "duplicate-citation"
    severity = "warning"
    summary = "the same regulation cited twice"
    summary_id = "peraturan yang sama dikutip dua kali"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan butir Dasar Hukum yang merujuk peraturan yang sama (jenis,
    nomor, dan tahun yang sama) dengan butir sebelumnya, bagaimanapun
    masing-masing ditulis (`Permenpan No. 53 Tahun 2014` dan `Peraturan
    Menteri PAN-RB Nomor 53 Tahun 2014` adalah satu peraturan).

    ## Mengapa ini masalah?
    Butir yang berulang membuat dasar hukum tampak lebih panjang daripada
    sebenarnya dan, bila judul kedua salinan itu berbeda, membuat pembaca
    ragu mana yang dimaksud.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "`{cited}` is cited again (first at line {line}); remove one",
            "`{cited}` dikutip lagi (pertama di baris {line}); hapus salah satunya",
        ),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        for entry in ctx.facts_for(sop).citations:
            if entry.duplicate_of is not None:
                citation = entry.citation
                yield self.report(_head_span(citation), cited=_cited(citation), line=entry.duplicate_of.span.line)


class ImplausibleYear(Rule):
    """
    ## What it does
    Reports a citation whose year is before 1945 or after the current year.
    When the regulation is one the pack knows, the message gives its year.

    ## Why is this bad?
    No regulation of the Republic predates 1945 and none is issued in the
    future: the year is a typo, and the regulation cannot be found by it.

    ## Example
    ```markdown
    ## Dasar Hukum

    1. Peraturan Presiden Nomor 29 Tahun 2041 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah
    ```

    Use instead:
    ```markdown
    ## Dasar Hukum

    1. Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah
    ```
    """

    code = "L604"
    name = "implausible-year"
    severity = "error"
    summary = "a citation's year is before 1945 or after the current year"
    summary_id = "tahun kutipan sebelum 1945 atau sesudah tahun ini"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan rujukan peraturan yang tahunnya sebelum 1945 atau sesudah
    tahun berjalan. Bila peraturan itu dikenal paket aturan, pesannya
    menyebut tahunnya.

    ## Mengapa ini masalah?
    Tidak ada peraturan Republik Indonesia yang lebih tua dari tahun 1945
    dan tidak ada yang diterbitkan di masa depan: tahunnya salah ketik, dan
    peraturannya tidak dapat ditemukan dengan tahun itu.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "early": ("year {year} is before 1945: a typo?", "tahun {year} sebelum 1945: salah ketik?"),
        "future": (
            "year {year} is after this year ({current}): a typo?",
            "tahun {year} sesudah tahun ini ({current}): salah ketik?",
        ),
        "early-known": (
            "year {year} is before 1945; did you mean `{label}`?",
            "tahun {year} sebelum 1945; maksud Anda `{label}`?",
        ),
        "future-known": (
            "year {year} is after this year ({current}); did you mean `{label}`?",
            "tahun {year} sesudah tahun ini ({current}); maksud Anda `{label}`?",
        ),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        for entry in ctx.facts_for(sop).citations:
            citation = entry.citation
            if not entry.implausible or entry.duplicate_of is not None or citation.year is None:
                continue
            key = "early" if citation.year < FIRST_YEAR else "future"
            span = citation.year_span or citation.span
            if entry.known is not None:
                yield self.report(span, key + "-known", year=citation.year, current=ctx.today.year, label=entry.known["label"])
            else:
                yield self.report(span, key, year=citation.year, current=ctx.today.year)


class WrongRegulationYear(Rule):
    """
    ## What it does
    Reports a citation of a regulation the pack knows (`regulations`:
    type, number and, when the citation gives a title, a keyword of it)
    with a year other than the one it was issued in. Without a title, only
    a year one digit off (`2016` for `2017`): type and number alone are
    shared by many regulations. Not when type, number and year name another
    known regulation (a title that does not fit is then L606's).

    ## Why is this bad?
    Type, number and year together name a regulation: with the wrong year
    the citation names another regulation, or none. `Permendagri Nomor 86
    Tahun 2016` is a common slip for 86/2017.

    ## Example
    ```markdown
    ## Dasar Hukum

    1. Permendagri No. 86 Tahun 2016 tentang Perencanaan Pembangunan Daerah
    ```

    Use instead:
    ```markdown
    ## Dasar Hukum

    1. Permendagri No. 86 Tahun 2017 tentang Tata Cara Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah
    ```
    """

    code = "L605"
    name = "wrong-regulation-year"
    severity = "warning"
    fix = "sometimes"  # unsafe: the year of the regulation the pack knows
    summary = "a known regulation cited with the wrong year"
    summary_id = "peraturan yang dikenal dikutip dengan tahun yang salah"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan rujukan peraturan yang dikenal paket aturan (`regulations`:
    jenis, nomor, dan, bila rujukannya menyebut judul, salah satu kata kunci
    judulnya) dengan tahun yang bukan tahun terbitnya. Tanpa judul, hanya
    tahun yang selisih satu angka (`2016` untuk `2017`) yang dilaporkan:
    jenis dan nomor saja dimiliki banyak peraturan. Tidak dilaporkan bila
    jenis, nomor, dan tahunnya menunjuk peraturan lain yang dikenal (judul
    yang tidak cocok menjadi urusan L606).

    ## Mengapa ini masalah?
    Jenis, nomor, dan tahun bersama-sama menunjuk satu peraturan: dengan
    tahun yang salah, rujukan itu menunjuk peraturan lain, atau tidak
    menunjuk apa pun. `Permendagri Nomor 86 Tahun 2016` adalah salah tulis
    yang lazim untuk 86/2017.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "`{cited}` was issued in {year}, not {given}: cite it as `{label}`",
            "`{cited}` terbit tahun {year}, bukan {given}: kutip sebagai `{label}`",
        ),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        for entry in ctx.facts_for(sop).citations:
            citation = entry.citation
            if entry.known is None or entry.implausible or entry.revoked is not None or entry.duplicate_of is not None:
                continue
            cited = f"{citation.kind_text or citation.kind} {citation.number}"
            yield self.report(
                citation.year_span or citation.span,
                cited=cited,
                year=entry.known["year"],
                given=citation.year,
                label=entry.known["label"],
            )

    def make_fix(self, finding: Finding, sop: Sop, ctx: Context) -> Fix | None:
        from ..fixes import span_text, suggestion_fix

        # The year the regulation was issued: unsafe, the citation may name another regulation.
        if span_text(ctx, finding.span) != str(finding.args["given"]):
            return None  # the finding covers more than the year: leave it to the writer
        return suggestion_fix(sop, ctx, self.code, finding.span, str(finding.args["year"]))


class WrongRegulationTitle(Rule):
    """
    ## What it does
    Reports a citation of a regulation the pack knows (type, number and
    year agree) whose title is another known regulation's title, and not
    its own: `Undang-Undang Nomor 23 Tahun 2014 tentang Perlindungan Anak`
    gives UU 23/2014 (Pemerintahan Daerah) the title of UU 23/2002.

    Preview: a title that matches no known regulation is not judged.

    ## Why is this bad?
    Number and title then point at two different regulations: one of them
    is a slip, and the reader cannot tell which regulation the SOP rests on.

    ## Example
    ```markdown
    ## Dasar Hukum

    1. Undang-Undang Nomor 23 Tahun 2014 tentang Perlindungan Anak
    ```

    Use instead:
    ```markdown
    ## Dasar Hukum

    1. Undang-Undang Nomor 35 Tahun 2014 tentang Perubahan atas Undang-Undang Nomor 23 Tahun 2002 tentang Perlindungan Anak
    ```
    """

    code = "L606"
    name = "wrong-regulation-title"
    severity = "warning"
    preview = True
    summary = "a known regulation cited with another regulation's title"
    summary_id = "peraturan yang dikenal dikutip dengan judul peraturan lain"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan rujukan peraturan yang dikenal paket aturan (jenis, nomor,
    dan tahunnya cocok) yang judulnya adalah judul peraturan lain yang
    dikenal, bukan judulnya sendiri: `Undang-Undang Nomor 23 Tahun 2014
    tentang Perlindungan Anak` memberi UU 23/2014 (Pemerintahan Daerah)
    judul UU 23/2002.

    Pratinjau: judul yang tidak cocok dengan peraturan mana pun yang dikenal
    tidak dinilai.

    ## Mengapa ini masalah?
    Nomor dan judulnya lalu menunjuk dua peraturan yang berbeda: salah
    satunya salah tulis, dan pembaca tidak tahu peraturan mana yang menjadi
    dasar SOP.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "`{cited}` is titled `{title}`; `{given}` is the title of {other}",
            "`{cited}` berjudul `{title}`; `{given}` adalah judul {other}",
        ),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        for entry in ctx.facts_for(sop).citations:
            if entry.titled_as is None or entry.duplicate_of is not None or entry.implausible:
                continue
            own, other = entry.titled_as
            citation = entry.citation
            yield self.report(
                _head_span(citation),
                cited=_cited(citation),
                title=shorten(str(own["title"]), 80),
                given=shorten(citation.title or "", 60),
                other=other["label"],
            )
