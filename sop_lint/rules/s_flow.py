"""S — steps and flow.

The flow rules (S404, S405) read the graph of `sop_lint.flow` as `Facts.flow`,
built once per file (linear in the steps). A
terminator step (`Mulai`, `Selesai`) is S409's alone: it counts in the
numbering (S401) and stands in the flow, but no other step rule checks it.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from typing import ClassVar

from ..analysis.placeholders import is_blank  # C202 and S408 must agree on what "empty" is
from ..flow import Flow, decision_problem, label_list, step_label
from ..model import Sop, Step
from ..rule import Context, Finding, Fix, Rule, shorten
from ..sequence import longest_increasing


class StepNumbering(Rule):
    """
    ## What it does
    Checks that the steps are numbered 1, 2, 3 … in written order. It finds
    the fewest numbers that are out of place (the longest increasing run of
    the written numbers stays put) and reports each of them once: a number
    out of order, a number used twice, numbers skipped, numbering that does
    not start at 1, and a step with no number at all. Terminator steps
    (`Mulai`, `Selesai`) count in the numbering.

    ## Why is this bad?
    Decisions and `Lanjut` refer to steps by number: with `9` written
    before `7`, a reader cannot tell which step "langkah 9" means, and the
    flowchart drawn from the table goes wrong.

    ## Example
    ```markdown
    ## Prosedur

    1. Menerima surat
    2. Mencatat surat
    9. Mendisposisi surat
    3. Mengarsipkan surat
    ```

    Use instead:
    ```markdown
    ## Prosedur

    1. Menerima surat
    2. Mencatat surat
    3. Mendisposisi surat
    4. Mengarsipkan surat
    ```

    ## Fix
    `--fix` (and `sop-lint format`) numbers the steps 1, 2, 3 … in written
    order and rewrites every `Ya`, `Tidak` and `Lanjut` to the new number of
    the step it named (the first step written with that number), so that
    every reference keeps pointing at the same step. A bullet step gets its
    number. A reference that names no step (S402) keeps its text; when the
    new numbering would make it name a step, nothing is renumbered. Nor is
    anything renumbered when a `Ya`, `Tidak` or `Lanjut` that is not read as
    a reference (`lihat langkah 4`) holds a number that would then name
    another step: the finding carries no fix, and `check --fix -v` says why.
    """

    code = "S401"
    name = "step-numbering"
    severity = "error"
    summary = "step numbers are not 1, 2, 3 … (gap, duplicate, out of order)"
    summary_id = "nomor langkah tidak berurutan 1, 2, 3 … (loncat, ganda, tidak urut)"
    doc_id = """
    ## Apa yang diperiksa
    Memeriksa bahwa langkah-langkah bernomor 1, 2, 3 … sesuai urutan
    tulisnya. Aturan ini mencari sesedikit mungkin nomor yang salah tempat
    (rangkaian naik terpanjang dari nomor-nomor yang ditulis tetap di
    tempatnya) dan melaporkan masing-masing sekali: nomor yang tidak urut,
    nomor yang dipakai dua kali, nomor yang terlompati, penomoran yang tidak
    dimulai dari 1, dan langkah tanpa nomor sama sekali. Langkah penanda
    awal atau akhir (`Mulai`, `Selesai`) ikut dihitung dalam penomoran.

    ## Mengapa ini masalah?
    Keputusan dan `Lanjut` merujuk langkah menurut nomornya: bila `9`
    ditulis sebelum `7`, pembaca tidak tahu langkah mana yang dimaksud
    "langkah 9", dan bagan alir yang digambar dari tabel menjadi salah.

    ## Perbaikan
    `--fix` (dan `sop-lint format`) menomori langkah 1, 2, 3 … sesuai urutan
    tulisnya dan menulis ulang setiap `Ya`, `Tidak` dan `Lanjut` menjadi
    nomor baru langkah yang dirujuknya (langkah pertama yang ditulis dengan
    nomor itu), sehingga setiap rujukan tetap menunjuk langkah yang sama.
    Langkah berpoin mendapat nomornya. Rujukan yang tidak menunjuk langkah
    mana pun (S402) tetap seperti ditulis; bila penomoran baru akan
    membuatnya menunjuk suatu langkah, tidak ada yang dinomori ulang. Tidak
    ada pula yang dinomori ulang bila `Ya`, `Tidak` atau `Lanjut` yang tidak
    dibaca sebagai rujukan (`lihat langkah 4`) memuat nomor yang kemudian
    akan menunjuk langkah lain: temuannya tidak membawa perbaikan, dan
    `check --fix -v` menyebut alasannya.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "order": (
            "step number {number} is out of order: expected {expected}",
            "nomor langkah {number} tidak urut: seharusnya {expected}",
        ),
        "duplicate": (
            "step number {number} is a duplicate (first used at line {line}): expected {expected}",
            "nomor langkah {number} ganda (pertama dipakai di baris {line}): seharusnya {expected}",
        ),
        "gap": ("step {missing} is missing", "langkah {missing} tidak ada"),
        "gaps": ("steps {missing} are missing", "langkah {missing} tidak ada"),
        "start": (
            "step numbering starts at {number}: expected 1",
            "penomoran langkah dimulai dari {number}: seharusnya 1",
        ),
        "unnumbered": (
            "this step has no number: expected `{expected}.`",
            "langkah ini tidak bernomor: seharusnya `{expected}.`",
        ),
    }
    fix = "sometimes"  # declined when renumbering would change what a broken reference names

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        steps = sop.steps
        numbered = [step for step in steps if step.number is not None]
        if not numbered:
            return  # bullets only: S408
        for step in steps:
            if step.number is None:
                yield self.report(step.number_span, "unnumbered", expected=step.index + 1)
        values = [step.number for step in numbered if step.number is not None]
        kept = sorted(longest_increasing(values))  # positions in `numbered`, in order
        kept_set = set(kept)
        kept_at = {values[p]: p for p in kept}
        swapped: set[int] = set()  # duplicates already reported as the later of a pair
        for p, step in enumerate(numbered):
            if p in kept_set or p in swapped:
                continue
            value = values[p]
            q = kept_at.get(value)
            if q is not None and not _kept_between(kept, min(p, q), max(p, q)):
                # A number written twice next to itself: the later one is the duplicate.
                if p < q:
                    kept[bisect.bisect_left(kept, q)] = p
                    kept_set.discard(q)
                    kept_set.add(p)
                    kept_at[value] = p
                    swapped.add(q)
                    first, later = step, numbered[q]
                else:
                    first, later = numbered[q], step
                yield self.report(
                    later.number_span, "duplicate", number=value, line=first.number_span.line, expected=later.index + 1
                )
            else:
                yield self.report(step.number_span, "order", number=value, expected=step.index + 1)
        yield from self._gaps(numbered, values, kept)

    def _gaps(self, numbered: list[Step], values: list[int], kept: list[int]) -> Iterator[Finding]:
        """Numbers skipped between two kept steps, beyond what the steps between them explain."""
        written = sorted(set(values))
        previous_index, previous_value = -1, 0
        for position, p in enumerate(kept):
            step, value = numbered[p], values[p]
            if position == 0 and value != 1 and (value < 1 or value - 1 > step.index):
                yield self.report(step.number_span, "start", number=value)
            elif position and value - previous_value - 1 > step.index - previous_index - 1:
                missing = _missing(written, previous_value, value)
                if missing:
                    text, many = missing
                    yield self.report(step.number_span, "gaps" if many else "gap", missing=text)
            previous_index, previous_value = step.index, value

    def make_fix(self, finding: Finding, sop: Sop, ctx: Context) -> Fix | None:
        from ..fixes import renumber_fix  # only for a file with a finding: not on a clean file's path

        return renumber_fix(sop, ctx)


def _kept_between(kept: list[int], low: int, high: int) -> bool:
    return bisect.bisect_left(kept, high) - bisect.bisect_right(kept, low) > 0


def _missing(written: list[int], low: int, high: int) -> tuple[str, bool] | None:
    """The numbers strictly between low and high that no step has, as `3`, `3, 4` or `3–7`."""
    parts: list[str] = []
    count = 0
    start = low + 1
    i = bisect.bisect_right(written, low)
    while start < high:
        stop = written[i] if i < len(written) and written[i] < high else high
        if stop > start:
            last = stop - 1
            parts.append(str(start) if last == start else f"{start}, {last}" if last == start + 1 else f"{start}–{last}")
            count += last - start + 1
        start = stop + 1
        i += 1
    if not count:
        return None
    return ", ".join(parts), count > 1


class BrokenStepReference(Rule):
    """
    ## What it does
    Reports a `Ya`, `Tidak` or `Lanjut` that names a step number no step
    has, or that is no step reference at all (`langkah -1`). References
    are `7`, `langkah 7` or `ke langkah 7`.

    ## Why is this bad?
    The flow leads nowhere: whoever follows the SOP does not know what
    comes next. Flow analysis treats such a step as unknown, so no
    unreachable-step findings pile up behind this one.

    ## Example
    ```markdown
    ## Prosedur

    1. Menelaah data
       - Keputusan: Data sudah sesuai?
       - Ya: 14
       - Tidak: 2
    2. Memperbaiki data
    ```

    Use instead:
    ```markdown
    ## Prosedur

    1. Menelaah data
       - Keputusan: Data sudah sesuai?
       - Ya: 3
       - Tidak: 2
    2. Memperbaiki data
    3. Mengarsipkan data
    ```
    """

    code = "S402"
    name = "broken-step-reference"
    severity = "error"
    summary = "Ya/Tidak/Lanjut names a step that does not exist"
    summary_id = "Ya/Tidak/Lanjut menunjuk langkah yang tidak ada"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan `Ya`, `Tidak` atau `Lanjut` yang menyebut nomor langkah yang
    tidak dimiliki langkah mana pun, atau yang sama sekali bukan rujukan
    langkah (`langkah -1`). Rujukan ditulis `7`, `langkah 7` atau `ke
    langkah 7`.

    ## Mengapa ini masalah?
    Alurnya tidak menuju ke mana pun: pelaksana SOP tidak tahu apa yang
    berikutnya. Analisis alur memperlakukan langkah seperti itu sebagai
    tidak diketahui, sehingga temuan langkah yang tidak pernah dicapai tidak
    menumpuk di belakang temuan ini.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "beyond": (
            "{key} points to step {target}, but the procedure has {count} steps",
            "{key} menunjuk ke langkah {target}, tetapi prosedur hanya memiliki {count} langkah",
        ),
        "missing": (
            "{key} points to step {target}, but no step has that number",
            "{key} menunjuk ke langkah {target}, tetapi tidak ada langkah bernomor itu",
        ),
        "unreadable": (
            "{key} `{value}` is not a step reference: write a step number, e.g. `7` or `langkah 7`",
            "{key} `{value}` bukan rujukan langkah: tulis nomor langkah, mis. `7` atau `langkah 7`",
        ),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        numbers = sop.step_numbers()
        count = len(sop.steps)
        highest = max(numbers, default=0)
        flow = ctx.facts_for(sop).flow
        for step in sop.steps:
            if step.terminator:
                continue
            for branch in flow.branches[step.index]:
                key, ref = branch.key, branch.ref
                if ref.end or (ref.target is not None and ref.target in numbers):
                    continue
                if ref.target is None:
                    yield self.report(ref.span, "unreadable", key=key, value=shorten(ref.text))
                elif ref.target > max(count, highest):
                    yield self.report(ref.span, "beyond", key=key, target=ref.target, count=count)
                else:
                    yield self.report(ref.span, "missing", key=key, target=ref.target)


class IncompleteDecision(Rule):
    """
    ## What it does
    Reports a decision step (`Keputusan`) that lacks its `Ya` or its
    `Tidak` branch, and a step with `Ya`/`Tidak` but no `Keputusan`.

    ## Why is this bad?
    A decision has two outcomes; with one missing, whoever follows the SOP
    does not know where to go, and the flowchart cannot be drawn.

    ## Example
    ```markdown
    ## Prosedur

    1. Menelaah data
       - Keputusan: Data sudah sesuai?
       - Ya: 2
    2. Mengarsipkan data
    ```

    Use instead:
    ```markdown
    ## Prosedur

    1. Menelaah data
       - Keputusan: Data sudah sesuai?
       - Ya: 2
       - Tidak: 1
    2. Mengarsipkan data
    ```
    """

    code = "S403"
    name = "incomplete-decision"
    severity = "error"
    summary = "a Keputusan step lacking Ya or Tidak, or Ya/Tidak without Keputusan"
    summary_id = "langkah Keputusan tanpa Ya atau Tidak, atau Ya/Tidak tanpa Keputusan"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan langkah keputusan (`Keputusan`) yang tidak memiliki cabang
    `Ya` atau cabang `Tidak`, dan langkah yang memiliki `Ya`/`Tidak` tetapi
    tanpa `Keputusan`.

    ## Mengapa ini masalah?
    Keputusan memiliki dua kemungkinan hasil; bila salah satunya tidak ada,
    pelaksana SOP tidak tahu harus ke mana, dan bagan alirnya tidak dapat
    digambar.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "no-yes": (
            "decision step {step} has no `Ya` branch: add `- Ya: <step>`",
            "langkah keputusan {step} tidak memiliki cabang `Ya`: tambahkan `- Ya: <langkah>`",
        ),
        "no-no": (
            "decision step {step} has no `Tidak` branch: add `- Tidak: <step>`",
            "langkah keputusan {step} tidak memiliki cabang `Tidak`: tambahkan `- Tidak: <langkah>`",
        ),
        "neither": (
            "decision step {step} has neither `Ya` nor `Tidak`: add both branches",
            "langkah keputusan {step} tidak memiliki `Ya` maupun `Tidak`: tambahkan kedua cabang",
        ),
        "not-a-decision": (
            "step {step} has `Ya`/`Tidak` but no `Keputusan`: add the question (`- Keputusan: …?`)",
            "langkah {step} memiliki `Ya`/`Tidak` tetapi tanpa `Keputusan`: tambahkan pertanyaannya (`- Keputusan: …?`)",
        ),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        for step in sop.steps:
            if step.terminator:
                continue
            problem = decision_problem(step)
            if problem is not None:
                yield self.report(step.focus_span(), problem, step=step_label(step))


class UnreachableStep(Rule):
    """
    ## What it does
    Reports each step that no path from the first step reaches: every step
    before it jumps over it (`Lanjut`, `Ya`, `Tidak`).

    A step whose flow is unknown (a broken reference, S402, or a decision
    missing a branch, S403) may go anywhere, and a loop with no way out
    (S405) is assumed to leave where it is written: neither makes the
    steps behind it unreachable as well.

    ## Why is this bad?
    A step nobody reaches is never done: either the jump before it is
    wrong, or the step is left over and misleads the reader.

    ## Example
    ```markdown
    ## Prosedur

    1. Menerima surat
       - Lanjut: 3
    2. Mencatat surat
    3. Mengarsipkan surat
    ```

    Use instead:
    ```markdown
    ## Prosedur

    1. Menerima surat
       - Lanjut: 2
    2. Mencatat surat
    3. Mengarsipkan surat
    ```
    """

    code = "S404"
    name = "unreachable-step"
    severity = "error"
    summary = "a step no path from step 1 reaches"
    summary_id = "langkah yang tidak dapat dicapai dari langkah 1"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan setiap langkah yang tidak dicapai oleh alur mana pun dari
    langkah pertama: setiap langkah sebelumnya melompatinya (`Lanjut`, `Ya`,
    `Tidak`).

    Langkah yang alurnya tidak diketahui (rujukan rusak, S402, atau
    keputusan yang kurang cabang, S403) bisa menuju ke mana saja, dan
    perulangan tanpa jalan keluar (S405) dianggap keluar di tempat ia
    ditulis: keduanya tidak ikut membuat langkah-langkah di belakangnya
    tidak pernah dicapai.

    ## Mengapa ini masalah?
    Langkah yang tidak pernah dicapai tidak pernah dikerjakan: entah
    lompatan sebelumnya salah, entah langkah itu sisa dan menyesatkan
    pembaca.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "step {step} is never reached: no path from the first step leads to it",
            "langkah {step} tidak pernah dicapai: tidak ada alur dari langkah pertama ke langkah ini",
        ),
        "skipped": (
            "step {step} is never reached: step {before} jumps over it (`{key}: {value}`)",
            "langkah {step} tidak pernah dicapai: langkah {before} melompatinya (`{key}: {value}`)",
        ),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        flow = ctx.facts_for(sop).flow
        # A dead loop (S405) is assumed to leave at its end, as if its closing
        # reference were not there: the steps after it are S405's mistake.
        exits = {loop.source: loop.source + 1 for loop in flow.dead_loops()}
        reached = flow.reachable(exits)
        for step in sop.steps:
            if reached[step.index] or step.terminator:
                continue
            before = sop.steps[step.index - 1] if step.index else None
            jump = _jump_over(flow, before) if before is not None and reached[before.index] else None
            if before is not None and jump is not None:
                yield self.report(
                    step.number_span, "skipped", step=step_label(step), before=step_label(before), key=jump[0], value=jump[1]
                )
            else:
                yield self.report(step.number_span, step=step_label(step))


def _jump_over(flow: Flow, step: Step) -> tuple[str, str] | None:
    """The `Lanjut` by which `step` goes elsewhere than to the step written after it."""
    used = [branch for branch in flow.branches[step.index] if branch.used]
    if len(used) == 1 and used[0].branch == "next":
        return used[0].key, shorten(used[0].ref.text.strip())
    return None


class NoExit(Rule):
    """
    ## What it does
    Reports a loop with no way out: steps that lead only to each other and
    never to the end of the procedure. One finding per loop, on the
    backward reference (to an earlier or the same step) that closes it,
    naming the steps caught in it. A single step pointing at itself is
    S406's.

    ## Why is this bad?
    Whoever follows the SOP goes round forever: the procedure can never be
    finished. Usually a decision lacks the branch that leaves the loop, or
    a `Lanjut` points back where it should point forward.

    ## Example
    ```markdown
    ## Prosedur

    1. Menyusun draft
    2. Memeriksa draft
    3. Memperbaiki draft
       - Lanjut: 2
    4. Mengarsipkan draft
    ```

    Use instead:
    ```markdown
    ## Prosedur

    1. Menyusun draft
    2. Memeriksa draft
       - Keputusan: Draft sudah benar?
       - Ya: 4
       - Tidak: 3
    3. Memperbaiki draft
       - Lanjut: 2
    4. Mengarsipkan draft
    ```
    """

    code = "S405"
    name = "no-exit"
    severity = "error"
    summary = "a loop with no way out: steps that reach each other but never the end"
    summary_id = "perulangan tanpa jalan keluar: langkah yang saling menuju tetapi tidak pernah sampai ke akhir"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan perulangan tanpa jalan keluar: langkah-langkah yang hanya
    saling menuju dan tidak pernah sampai ke akhir prosedur. Satu temuan
    untuk setiap perulangan, pada rujukan mundur (ke langkah sebelumnya atau
    ke langkah yang sama) yang menutupnya, dengan menyebut langkah-langkah
    yang terjebak di dalamnya. Satu langkah yang menunjuk dirinya sendiri
    adalah urusan S406.

    ## Mengapa ini masalah?
    Pelaksana SOP berputar tanpa akhir: prosedurnya tidak pernah bisa
    selesai. Biasanya sebuah keputusan tidak memiliki cabang yang keluar
    dari perulangan, atau sebuah `Lanjut` menunjuk mundur padahal seharusnya
    maju.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "steps {steps} loop with no way to the end: `{key}` of step {source} leads back to step {target} "
            "and no step in the loop leaves it",
            "langkah {steps} berputar tanpa jalan ke akhir prosedur: `{key}` langkah {source} kembali ke langkah {target} "
            "dan tidak ada langkah yang keluar dari perulangan",
        ),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        flow = ctx.facts_for(sop).flow
        for loop in flow.dead_loops():
            if loop.self_only:
                continue  # S406
            target = loop.closing.target
            assert target is not None
            yield self.report(
                loop.closing.ref.span,
                steps=label_list([sop.steps[i] for i in loop.members]),
                key=loop.closing.key,
                source=step_label(sop.steps[loop.source]),
                target=step_label(sop.steps[target]),
            )


class SelfReference(Rule):
    """
    ## What it does
    Reports a `Ya`, `Tidak` or `Lanjut` that points at its own step.

    ## Why is this bad?
    A step cannot follow itself: the procedure either stalls there
    forever or the reference is a typo for a neighbouring step.

    ## Example
    ```markdown
    ## Prosedur

    1. Menerima surat
       - Lanjut: 1
    2. Mencatat surat
    ```

    Use instead:
    ```markdown
    ## Prosedur

    1. Menerima surat
       - Lanjut: 2
    2. Mencatat surat
    ```
    """

    code = "S406"
    name = "self-reference"
    severity = "error"
    summary = "a step whose branch points at itself"
    summary_id = "langkah yang cabangnya menunjuk dirinya sendiri"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan `Ya`, `Tidak` atau `Lanjut` yang menunjuk langkahnya sendiri.

    ## Mengapa ini masalah?
    Langkah tidak dapat menjadi langkah berikutnya bagi dirinya sendiri:
    prosedurnya macet di sana selamanya, atau rujukannya salah ketik untuk
    langkah di dekatnya.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "`{key}` of step {step} points at step {step} itself",
            "`{key}` langkah {step} menunjuk ke langkah {step} itu sendiri",
        ),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        numbers = sop.step_numbers()
        flow = ctx.facts_for(sop).flow
        for step in sop.steps:
            if step.terminator:
                continue
            for branch in flow.branches[step.index]:
                ref = branch.ref
                if ref.target is not None and numbers.get(ref.target) is step:
                    yield self.report(ref.span, key=branch.key, step=step_label(step))


class EmptyActivity(Rule):
    """
    ## What it does
    Reports a step with no activity text: a number and sub-items, but
    nothing saying what is done.

    ## Why is this bad?
    The activity is the step: without it, the performer, the time and the
    output describe nothing.

    ## Example
    ```markdown
    ## Prosedur

    1.
       - Pelaksana: Sekretaris
       - Waktu: 5 menit
    ```

    Use instead:
    ```markdown
    ## Prosedur

    1. Menerima surat masuk
       - Pelaksana: Sekretaris
       - Waktu: 5 menit
    ```
    """

    code = "S407"
    name = "empty-activity"
    severity = "error"
    summary = "a step with no activity text"
    summary_id = "langkah tanpa uraian aktivitas"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan langkah tanpa uraian kegiatan: ada nomor dan sub-butir,
    tetapi tidak ada yang menyebut apa yang dikerjakan.

    ## Mengapa ini masalah?
    Uraian kegiatan adalah langkah itu sendiri: tanpanya, pelaksana, waktu,
    dan output tidak menggambarkan apa pun.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "step {step} has no activity: say what is done (e.g. `{step}. Menerima surat masuk`)",
            "langkah {step} tidak memiliki uraian aktivitas: tuliskan apa yang dilakukan (mis. `{step}. Menerima surat masuk`)",
        ),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        for step in sop.steps:
            if not step.activity.strip():
                yield self.report(step.number_span, step=step_label(step))


class NoSteps(Rule):
    """
    ## What it does
    Reports a Prosedur that holds text but no numbered steps (a paragraph,
    or a bullet list). An empty Prosedur is C202's.

    ## Why is this bad?
    The steps are the SOP: without numbered steps there is no flow to
    follow, to draw as a flowchart, or to check.

    ## Example
    ```markdown
    ## Prosedur

    Surat diterima, dicatat, lalu diarsipkan.
    ```

    Use instead:
    ```markdown
    ## Prosedur

    1. Menerima surat
    2. Mencatat surat
    3. Mengarsipkan surat
    ```
    """

    code = "S408"
    name = "no-steps"
    severity = "error"
    summary = "a Prosedur with no steps"
    summary_id = "Prosedur tanpa langkah"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan Prosedur yang berisi teks tetapi tidak memiliki langkah
    bernomor (sebuah paragraf, atau daftar berpoin). Prosedur yang kosong
    adalah urusan C202.

    ## Mengapa ini masalah?
    Langkah-langkah itulah SOP-nya: tanpa langkah bernomor tidak ada alur
    untuk diikuti, digambar sebagai bagan alir, atau diperiksa.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "Prosedur has no numbered steps: write each step as `1. activity`",
            "Prosedur tidak memiliki langkah bernomor: tulis setiap langkah sebagai `1. aktivitas`",
        ),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        section = sop.section("Prosedur")
        if section is None or all(is_blank(item) for item in section.items):
            return  # absent is C201's, empty C202's
        if not any(step.number is not None for step in sop.steps):
            yield self.report(section.heading_span)


class NumberedTerminator(Rule):
    """
    ## What it does
    Reports a step whose whole activity is `Mulai`, `Selesai`, `Start` or
    `End` (pack: `terminators`). Such a step is checked by no other step
    rule: it needs no Pelaksana, Waktu, Kelengkapan or Output.

    ## Why is this bad?
    Start and end are terminators, not activities: the flowchart draws
    them itself. As numbered steps they shift every step number by one and
    invite empty Pelaksana and Waktu cells.

    ## Example
    ```markdown
    ## Prosedur

    1. Mulai
    2. Menerima surat
    3. Selesai
    ```

    Use instead:
    ```markdown
    ## Prosedur

    1. Menerima surat
    ```

    ## Fix
    `--fix` removes the step (with its sub-items; its comments stay) and
    renumbers the others, rewriting every reference to them; a reference to
    the removed step is rewritten to the step it led to. Not fixed: a
    terminator with `Keputusan`, `Ya`, `Tidak` or `Lanjut` of its own, and a
    `Selesai` that ends the procedure while a decision, or a `Lanjut` of a
    step that would not be the last one, refers to it (there is no way to
    write "go to the end"). A `Lanjut` to it from the step that becomes the
    last one is dropped: the last step ends the procedure. Nor is it removed
    when the steps after it cannot be renumbered (see S401).
    """

    code = "S409"
    name = "numbered-terminator"
    severity = "warning"
    summary = "a step whose whole activity is Mulai/Selesai/Start/End"
    summary_id = "langkah yang seluruh aktivitasnya Mulai/Selesai/Start/End"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan langkah yang seluruh uraian kegiatannya `Mulai`, `Selesai`,
    `Start` atau `End` (paket aturan: `terminators`). Langkah seperti itu
    tidak diperiksa oleh aturan langkah lain mana pun: langkah itu tidak
    memerlukan Pelaksana, Waktu, Kelengkapan, atau Output.

    ## Mengapa ini masalah?
    Awal dan akhir adalah penanda, bukan kegiatan: bagan alir menggambarnya
    sendiri. Sebagai langkah bernomor, keduanya menggeser setiap nomor
    langkah satu angka dan mengundang sel Pelaksana dan Waktu yang kosong.

    ## Perbaikan
    `--fix` menghapus langkah itu (beserta sub-butirnya; komentarnya tetap)
    dan menomori ulang langkah lainnya, dengan menulis ulang setiap rujukan
    kepadanya; rujukan ke langkah yang dihapus ditulis ulang menjadi langkah
    yang dituju oleh langkah itu. Tidak diperbaiki: penanda yang memiliki
    `Keputusan`, `Ya`, `Tidak` atau `Lanjut` sendiri, dan `Selesai` yang
    mengakhiri prosedur sementara sebuah keputusan, atau `Lanjut` dari
    langkah yang tidak akan menjadi langkah terakhir, merujuk kepadanya
    (tidak ada cara menulis "menuju akhir"). `Lanjut` kepadanya dari langkah
    yang menjadi langkah terakhir dibuang: langkah terakhir mengakhiri
    prosedur. Langkah itu juga tidak dihapus bila langkah-langkah sesudahnya
    tidak dapat dinomori ulang (lihat S401).
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "`{text}` is a terminator, not an activity: remove this step (the flowchart draws start and end)",
            "`{text}` adalah penanda awal atau akhir, bukan aktivitas: hapus langkah ini (bagan alir menggambar awal dan akhir)",
        ),
    }
    fix = "sometimes"  # declined when the terminator carries branches or is a jump target

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        for step in sop.steps:
            if step.terminator:
                yield self.report(step.activity_span, text=step.activity)

    def make_fix(self, finding: Finding, sop: Sop, ctx: Context) -> Fix | None:
        from ..fixes import terminator_fix

        step = next((step for step in sop.steps if step.activity_span == finding.span), None)
        return terminator_fix(sop, ctx, step) if step is not None else None
