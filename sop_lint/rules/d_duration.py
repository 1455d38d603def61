"""D — durations and Mutu Baku (Kelengkapan, Waktu, Output).

Each `Waktu` (and Identitas `Batas Waktu`) gets at most one of D502–D505,
the first that applies: no number (D502), an amount that cannot be a
duration (D505), an unknown unit (D504), no unit (D503). A terminator step
(`Mulai`, `Selesai`) is S409's alone and checked by none of these rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ..analysis.durations import durations_of, invalid_reason, step_minutes, usable_limit
from ..model import Field, Sop, Step
from ..names import closest
from ..rule import Context, Finding, Fix, Rule, shorten
from ..values.durations import format_minutes, parse_duration


def _mutu_baku(step: Step, key: str, ctx: Context) -> tuple[str, Field | None]:
    """Whether a step gives `key`: "given", "empty" (the key with no value),
    "guessed" (a misspelt key or a keyless sub-item, which P003 reports) or "absent"."""
    guessed = False
    for field in step.fields:
        if field.key == key:
            return ("given" if field.value.strip() else "empty"), field
        if field.key is None and field.suggestion == key:
            guessed = True
    if not guessed and key == "Waktu":
        for sub in step.other_subs:  # `- 5 menit` with no `Waktu:`
            duration = parse_duration(sub.text, sub.text_span, ctx.pack)
            guessed = guessed or duration.unit is not None
    return ("guessed" if guessed else "absent"), None


class MissingDuration(Rule):
    """
    ## What it does
    Reports a step with no `Waktu` (Mutu Baku: how long the step takes), or
    a `Waktu:` with nothing after it.

    ## Why is this bad?
    Waktu is part of the Mutu Baku that PermenPAN-RB 35/2012 requires for
    every activity: without it nobody can tell how long the procedure takes
    or whether it keeps its Batas Waktu.

    ## Example
    ```markdown
    ## Prosedur

    1. Menerima surat
       - Pelaksana: Sekretaris
    ```

    Use instead:
    ```markdown
    ## Prosedur

    1. Menerima surat
       - Pelaksana: Sekretaris
       - Waktu: 5 menit
    ```
    """

    code = "D501"
    name = "missing-duration"
    severity = "error"
    summary = "a step with no Waktu"
    summary_id = "langkah tanpa Waktu"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan langkah tanpa `Waktu` (Mutu Baku: lama langkah itu
    dikerjakan), atau `Waktu:` tanpa isi sesudahnya.

    ## Mengapa ini masalah?
    Waktu adalah bagian dari Mutu Baku yang diwajibkan Peraturan Menteri
    PAN-RB Nomor 35 Tahun 2012 untuk setiap kegiatan: tanpanya tidak ada
    yang tahu berapa lama prosedur berlangsung atau apakah Batas Waktu-nya
    terpenuhi.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "step {step} has no Waktu: add e.g. `- Waktu: 15 menit`",
            "langkah {step} tidak memiliki Waktu: tambahkan mis. `- Waktu: 15 menit`",
        ),
        "empty": (
            "the Waktu of step {step} is empty: give a duration, e.g. `15 menit`",
            "Waktu langkah {step} kosong: isi dengan durasi, mis. `15 menit`",
        ),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        for step in sop.steps:
            if step.terminator:
                continue
            state, field = _mutu_baku(step, "Waktu", ctx)
            label = _label(step)
            if state == "absent":
                yield self.report(step.focus_span(), step=label)
            elif state == "empty" and field is not None:
                yield self.report(field.key_span, "empty", step=label)


def _label(step: Step) -> str:
    return str(step.number) if step.number is not None else f"#{step.index + 1}"


class UnquantifiedDuration(Rule):
    """
    ## What it does
    Reports a `Waktu` (or Identitas `Batas Waktu`) that holds no number:
    `Sesuai dengan waktu yang ditentukan`, `segera`.

    ## Why is this bad?
    A duration with no amount cannot be measured, added up or held to
    account: the Mutu Baku exists to make the service time measurable.

    ## Example
    ```markdown
    ## Prosedur

    1. Menyampaikan data kinerja
       - Waktu: Sesuai dengan waktu yang ditentukan
    ```

    Use instead:
    ```markdown
    ## Prosedur

    1. Menyampaikan data kinerja
       - Waktu: Paling lambat 5 hari kerja
    ```
    """

    code = "D502"
    name = "unquantified-duration"
    severity = "warning"
    summary = "a Waktu with no number"
    summary_id = "Waktu tanpa angka"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan `Waktu` (atau `Batas Waktu` di Identitas) yang tidak memuat
    angka: `Sesuai dengan waktu yang ditentukan`, `segera`.

    ## Mengapa ini masalah?
    Lama waktu tanpa angka tidak dapat diukur, dijumlahkan, atau
    dipertanggungjawabkan: Mutu Baku ada untuk membuat waktu layanan dapat
    diukur.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "{key} `{value}` gives no amount of time: write a number and a unit, e.g. `2 hari`",
            "{key} `{value}` tidak menyebut lamanya: tulis angka dan satuan, mis. `2 hari`",
        ),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        for key, duration, problem in ctx.facts_for(sop).durations:
            if problem == self.code:
                yield self.report(duration.span, key=key, value=shorten(duration.text))


class DurationWithoutUnit(Rule):
    """
    ## What it does
    Reports a `Waktu` (or `Batas Waktu`) that is a bare number, with no
    unit: `15`.

    ## Why is this bad?
    `15` may be minutes, hours or days: a reader guesses, and totals
    cannot be computed. Write the unit (`15 menit`).

    ## Example
    ```markdown
    ## Prosedur

    1. Mendisposisi surat
       - Waktu: 15
    ```

    Use instead:
    ```markdown
    ## Prosedur

    1. Mendisposisi surat
       - Waktu: 15 menit
    ```
    """

    code = "D503"
    name = "duration-without-unit"
    severity = "warning"
    fix = "sometimes"  # unsafe: `--unsafe-fixes`
    summary = "a bare number as a duration"
    summary_id = "durasi berupa angka tanpa satuan"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan `Waktu` (atau `Batas Waktu`) yang hanya berupa angka, tanpa
    satuan: `15`.

    ## Mengapa ini masalah?
    `15` bisa berarti menit, jam, atau hari: pembaca menebak, dan jumlahnya
    tidak dapat dihitung. Tuliskan satuannya (`15 menit`).
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "{key} `{value}` has no unit: did you mean `{value} menit`?",
            "{key} `{value}` tidak bersatuan: maksud Anda `{value} menit`?",
        ),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        for key, duration, problem in ctx.facts_for(sop).durations:
            if problem == self.code:
                yield self.report(duration.number_span or duration.span, key=key, value=shorten(duration.text.strip()))

    def make_fix(self, finding: Finding, sop: Sop, ctx: Context) -> Fix | None:
        from ..fixes import span_text, suggestion_fix

        # `15` → `15 menit`: the message's guess, so unsafe (minutes may be hours).
        number = span_text(ctx, finding.span)
        return suggestion_fix(sop, ctx, self.code, finding.span, f"{number} menit") if number else None


class UnknownDurationUnit(Rule):
    """
    ## What it does
    Reports a duration whose unit the pack does not know (`3 lembar`,
    `5 mnit`). Known: detik, menit, jam, hari (kerja), minggu, bulan, tahun
    and their abbreviations and English names (pack: `units`).

    ## Why is this bad?
    A misspelt unit cannot be converted: the step's time is lost from
    every total, and `3 lembar` is no duration at all.

    ## Example
    ```markdown
    ## Prosedur

    1. Menggandakan surat
       - Waktu: 3 lembar
    ```

    Use instead:
    ```markdown
    ## Prosedur

    1. Menggandakan surat
       - Waktu: 15 menit
    ```
    """

    code = "D504"
    name = "unknown-duration-unit"
    severity = "error"
    fix = "sometimes"  # unsafe, when a unit is suggested
    summary = "a duration with a unit the pack does not know"
    summary_id = "durasi dengan satuan yang tidak dikenal"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan lama waktu yang satuannya tidak dikenal paket aturan (`3
    lembar`, `5 mnit`). Yang dikenal: detik, menit, jam, hari (kerja),
    minggu, bulan, tahun, beserta singkatannya dan nama Inggrisnya (paket
    aturan: `units`).

    ## Mengapa ini masalah?
    Satuan yang salah eja tidak dapat dikonversi: waktu langkah itu hilang
    dari setiap jumlah, dan `3 lembar` sama sekali bukan lama waktu.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "unknown time unit `{unit}` in {key} `{value}`: use detik, menit, jam, hari, minggu, bulan or tahun",
            "satuan waktu `{unit}` pada {key} `{value}` tidak dikenal: gunakan detik, menit, jam, hari, minggu, bulan atau tahun",
        ),
        "suggest": (
            "unknown time unit `{unit}` in {key} `{value}`; did you mean `{suggestion}`?",
            "satuan waktu `{unit}` pada {key} `{value}` tidak dikenal; maksud Anda `{suggestion}`?",
        ),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        for key, duration, problem in ctx.facts_for(sop).durations:
            if problem != self.code or duration.unit_text is None:
                continue
            unit, value = shorten(duration.unit_text), shorten(duration.text.strip())
            span = duration.unit_span or duration.span
            suggestion, _ = closest(duration.unit_text, ctx.pack.unit_aliases, cutoff=0.75)
            if suggestion:
                yield self.report(span, "suggest", unit=unit, key=key, value=value, suggestion=suggestion)
            else:
                yield self.report(span, unit=unit, key=key, value=value)

    def make_fix(self, finding: Finding, sop: Sop, ctx: Context) -> Fix | None:
        from ..fixes import suggestion_fix

        # `5 mnit` → `5 menit`: unsafe, the nearest unit is a guess.
        if finding.message != "suggest":
            return None
        return suggestion_fix(sop, ctx, self.code, finding.span, str(finding.args["suggestion"]))


class InvalidDuration(Rule):
    """
    ## What it does
    Reports a duration that cannot be one: zero (`0 menit`), negative
    (`-1 jam`), a range whose end is below its start (`2-1 jam`), or a
    number too large to be read (`1e309 hari`).

    ## Why is this bad?
    Every step takes some time; a zero or negative time, or a reversed
    range, is a typo that corrupts every total computed from it.

    ## Example
    ```markdown
    ## Prosedur

    1. Memaraf surat
       - Waktu: 2-1 jam
    ```

    Use instead:
    ```markdown
    ## Prosedur

    1. Memaraf surat
       - Waktu: 1-2 jam
    ```
    """

    code = "D505"
    name = "invalid-duration"
    severity = "error"
    summary = "a zero or negative duration, or a range whose end is below its start"
    summary_id = "durasi nol atau negatif, atau rentang yang ujungnya lebih kecil dari awalnya"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan lama waktu yang tidak mungkin: nol (`0 menit`), negatif (`-1
    jam`), rentang yang batas akhirnya di bawah batas awalnya (`2-1 jam`),
    atau angka yang terlalu besar untuk dibaca (`1e309 hari`).

    ## Mengapa ini masalah?
    Setiap langkah memakan waktu; waktu nol atau negatif, atau rentang yang
    terbalik, adalah salah ketik yang merusak setiap jumlah yang dihitung
    darinya.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "zero": (
            "{key} `{value}` is zero: every step takes some time",
            "{key} `{value}` bernilai nol: setiap langkah butuh waktu",
        ),
        "negative": ("{key} `{value}` is negative", "{key} `{value}` bernilai negatif"),
        "reversed": (
            "{key} `{value}` ends below its start: did you mean `{swapped}`?",
            "{key} `{value}` berakhir lebih kecil dari awalnya: maksud Anda `{swapped}`?",
        ),
        "too-large": (
            "{key} `{value}` is too large to be a duration",
            "{key} `{value}` terlalu besar untuk sebuah durasi",
        ),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        for key, duration in durations_of(sop):
            reason = invalid_reason(duration) if duration.has_number else None
            if reason is None:
                continue
            span = duration.number_span or duration.span
            value = shorten(duration.text.strip())
            if reason == "reversed":
                swapped = f"{_number(duration.high)}-{_number(duration.low)}"
                if duration.unit_text:
                    swapped += f" {duration.unit_text}"
                yield self.report(span, reason, key=key, value=value, swapped=swapped)
            else:
                yield self.report(span, reason, key=key, value=value)


def _number(value: float | None) -> str:
    if value is None:
        return "?"
    return str(int(value)) if value == int(value) else f"{value:g}".replace(".", ",")


class ExceedsTimeLimit(Rule):
    """
    ## What it does
    Adds up the Waktu along the longest path through the steps, from the
    first step to the end, and reports when it exceeds Identitas
    `Batas Waktu`. Ranges count with their upper bound, a loop counts once,
    and a step with no usable Waktu counts as nothing. Units convert in
    working time (pack: 1 hari = 8 jam, 1 minggu = 5 hari …).

    ## Why is this bad?
    The Batas Waktu is the service promise: steps that together take
    longer break it every time the procedure runs its longest way.

    ## Example
    ```markdown
    ## Identitas

    - Batas Waktu: 1 hari kerja

    ## Prosedur

    1. Menghimpun data
       - Waktu: 1 hari
    2. Menelaah data
       - Waktu: 2 jam
    ```

    Use instead:
    ```markdown
    ## Identitas

    - Batas Waktu: 2 hari kerja

    ## Prosedur

    1. Menghimpun data
       - Waktu: 1 hari
    2. Menelaah data
       - Waktu: 2 jam
    ```
    """

    code = "D506"
    name = "exceeds-time-limit"
    severity = "error"
    summary = "the total of the longest path through the steps exceeds Batas Waktu"
    summary_id = "jumlah waktu jalur terpanjang melebihi Batas Waktu"
    doc_id = """
    ## Apa yang diperiksa
    Menjumlahkan Waktu sepanjang alur terpanjang melalui langkah-langkah,
    dari langkah pertama sampai akhir, dan melaporkannya bila jumlahnya
    melampaui `Batas Waktu` di Identitas. Rentang dihitung dengan batas
    atasnya, perulangan dihitung sekali, dan langkah tanpa Waktu yang dapat
    dipakai dihitung nol. Satuan dikonversi dalam waktu kerja (paket aturan:
    1 hari = 8 jam, 1 minggu = 5 hari …).

    ## Mengapa ini masalah?
    Batas Waktu adalah janji layanan: langkah-langkah yang bersama-sama
    memakan waktu lebih lama melanggarnya setiap kali prosedur berjalan
    melalui alur terpanjangnya.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "the steps take up to {total} along their longest path, more than the Batas Waktu of {limit}",
            "langkah-langkah memakan waktu hingga {total} pada jalur terpanjangnya, melebihi Batas Waktu {limit}",
        ),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        limit = usable_limit(sop)
        if limit is None or limit.minutes_high is None or not sop.steps:
            return
        weights = [_minutes(step) for step in sop.steps]
        total = ctx.facts_for(sop).flow.longest_path(weights)
        # A little slack for float sums (`1/3 jam` three times is one hour).
        if total is not None and total > limit.minutes_high + 1e-6:
            hours = ctx.pack.hours_per_day
            yield self.report(limit.span, total=format_minutes(total, hours), limit=format_minutes(limit.minutes_high, hours))


def _minutes(step: Step) -> float:
    """A step's weight for D506: the upper bound of a usable Waktu, else 0."""
    usable = step_minutes(step)
    return usable[1] if usable is not None else 0.0


class MissingRequirements(Rule):
    """
    ## What it does
    Reports a step with no `Kelengkapan` (Mutu Baku: the documents or
    inputs the step needs), or a `Kelengkapan:` with nothing after it.

    ## Why is this bad?
    Whoever performs the step needs to know what to have at hand; the
    Mutu Baku of PermenPAN-RB 35/2012 lists it for every activity.

    ## Example
    ```markdown
    ## Prosedur

    1. Menelaah data
       - Waktu: 30 menit
       - Output: Draft data kinerja
    ```

    Use instead:
    ```markdown
    ## Prosedur

    1. Menelaah data
       - Kelengkapan: Dokumen, data
       - Waktu: 30 menit
       - Output: Draft data kinerja
    ```
    """

    code = "D511"
    name = "missing-requirements"
    severity = "warning"
    summary = "a step with no Kelengkapan"
    summary_id = "langkah tanpa Kelengkapan"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan langkah tanpa `Kelengkapan` (Mutu Baku: dokumen atau masukan
    yang diperlukan langkah itu), atau `Kelengkapan:` tanpa isi sesudahnya.

    ## Mengapa ini masalah?
    Pelaksana langkah perlu tahu apa yang harus disiapkan; Mutu Baku menurut
    Peraturan Menteri PAN-RB Nomor 35 Tahun 2012 mencantumkannya untuk
    setiap kegiatan.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "step {step} has no Kelengkapan: name what the step needs, e.g. `- Kelengkapan: Surat permintaan data`",
            "langkah {step} tidak memiliki Kelengkapan: sebutkan yang dibutuhkan, mis. `- Kelengkapan: Surat permintaan data`",
        ),
        "empty": (
            "the Kelengkapan of step {step} is empty: name what the step needs",
            "Kelengkapan langkah {step} kosong: sebutkan yang dibutuhkan",
        ),
    }
    key: ClassVar[str] = "Kelengkapan"

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        for step in sop.steps:
            if step.terminator:
                continue
            state, field = _mutu_baku(step, self.key, ctx)
            if state == "absent":
                yield self.report(step.focus_span(), step=_label(step))
            elif state == "empty" and field is not None:
                yield self.report(field.key_span, "empty", step=_label(step))


class MissingOutput(MissingRequirements):
    """
    ## What it does
    Reports a step with no `Output` (Mutu Baku: what the step produces),
    or an `Output:` with nothing after it.

    ## Why is this bad?
    The output is what the next step receives and what an auditor checks
    the step by; the Mutu Baku of PermenPAN-RB 35/2012 lists it for every
    activity.

    ## Example
    ```markdown
    ## Prosedur

    1. Menelaah data
       - Kelengkapan: Dokumen, data
       - Waktu: 30 menit
    ```

    Use instead:
    ```markdown
    ## Prosedur

    1. Menelaah data
       - Kelengkapan: Dokumen, data
       - Waktu: 30 menit
       - Output: Draft data kinerja
    ```
    """

    code = "D512"
    name = "missing-output"
    severity = "warning"
    summary = "a step with no Output"
    summary_id = "langkah tanpa Output"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan langkah tanpa `Output` (Mutu Baku: apa yang dihasilkan
    langkah itu), atau `Output:` tanpa isi sesudahnya.

    ## Mengapa ini masalah?
    Output adalah apa yang diterima langkah berikutnya dan dasar auditor
    memeriksa langkah itu; Mutu Baku menurut Peraturan Menteri PAN-RB Nomor
    35 Tahun 2012 mencantumkannya untuk setiap kegiatan.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "step {step} has no Output: name what the step produces, e.g. `- Output: Disposisi`",
            "langkah {step} tidak memiliki Output: sebutkan hasilnya, mis. `- Output: Disposisi`",
        ),
        "empty": (
            "the Output of step {step} is empty: name what the step produces",
            "Output langkah {step} kosong: sebutkan hasilnya",
        ),
    }
    key: ClassVar[str] = "Output"
