"""R — roles (Pelaksana).

The rules share one reading of the roles, `Facts.roles` (`sop_lint.analysis.roles`):
which spellings are declared, which step references resolve, what a near-miss
most likely means, and which declarations collide.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from ..model import Role, RoleRef, Sop, Span
from ..names import closest, fold, squash
from ..rule import Context, Finding, Fix, Rule

# A role name longer than this is not looked for at the start of an activity.
_ACTOR_MAX_LENGTH = 200


def _names(refs: list[RoleRef]) -> str:
    return ", ".join(f"`{ref.text}`" for ref in refs)


class UndeclaredRole(Rule):
    """
    ## What it does
    Reports a role in a step's `Pelaksana` that is not declared under
    `## Pelaksana`, with the declared role it most likely means. A step
    names a role by its alias or full name, ignoring case and runs of
    spaces, nothing else: a near-miss (`Ka.Subbag TU`, `Kasubag TU` for
    `Kasubbag TU`) is reported, never silently taken for the declared role.
    The guess compares names without dots, spaces or case.

    Only checked when `## Pelaksana` declares at least one role (a missing
    or empty section is C201/C202).

    ## Why is this bad?
    The procedure matrix has one column per declared role: a step whose
    performer matches no column has no place in it, and readers cannot tell
    whether `Kasubag` is the `Kasubbag` above or another office.

    ## Example
    ```markdown
    ## Pelaksana

    - KASUBBAG: Kasubbag TU

    ## Prosedur

    1. Menghimpun data kinerja
       - Pelaksana: Kasubag TU
    ```

    Use instead:
    ```markdown
    ## Pelaksana

    - KASUBBAG: Kasubbag TU

    ## Prosedur

    1. Menghimpun data kinerja
       - Pelaksana: Kasubbag TU
    ```
    """

    code = "R301"
    name = "undeclared-role"
    severity = "error"
    fix = "sometimes"  # unsafe: the suggested role is a guess
    summary = "a step names a role not declared under Pelaksana"
    summary_id = "langkah menyebut pelaksana yang tidak dicantumkan di bagian Pelaksana"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan pelaksana pada `Pelaksana` suatu langkah yang tidak
    dicantumkan di bawah `## Pelaksana`, dengan menyebut pelaksana tercantum
    yang paling mungkin dimaksud. Langkah menyebut pelaksana hanya dengan
    alias atau nama lengkapnya (huruf besar-kecil dan spasi berulang tidak
    diperhitungkan): nama yang hampir sama (`Ka.Subbag TU`, `Kasubag TU`
    untuk `Kasubbag TU`) dilaporkan, tidak pernah diam-diam dianggap
    pelaksana yang tercantum. Tebakannya membandingkan nama tanpa titik,
    spasi, dan huruf besar-kecil.

    Hanya diperiksa bila `## Pelaksana` mencantumkan sedikitnya satu
    pelaksana (bagian yang tidak ada atau kosong adalah urusan C201/C202).

    ## Mengapa ini masalah?
    Matriks prosedur memiliki satu kolom untuk setiap pelaksana yang
    tercantum: langkah yang pelaksananya tidak cocok dengan kolom mana pun
    tidak punya tempat di dalamnya, dan pembaca tidak tahu apakah `Kasubag`
    adalah `Kasubbag` di atas atau jabatan lain.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "role `{role}` is not declared under Pelaksana",
            "pelaksana `{role}` tidak dicantumkan di bagian Pelaksana",
        ),
        "suggest": (
            "role `{role}` is not declared under Pelaksana; did you mean `{suggestion}`?",
            "pelaksana `{role}` tidak dicantumkan di bagian Pelaksana; maksud Anda `{suggestion}`?",
        ),
        "conjunction": (
            "`{role}` is not one declared role; separate the roles with commas: `{suggestion}`",
            "`{role}` bukan satu pelaksana yang dicantumkan; pisahkan pelaksana dengan koma: `{suggestion}`",
        ),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        for problem in ctx.facts_for(sop).roles.undeclared():
            yield self.report(problem.span, problem.message, role=problem.text, suggestion=problem.suggestion)

    def make_fix(self, finding: Finding, sop: Sop, ctx: Context) -> Fix | None:
        from ..fixes import suggestion_fix

        if finding.message != "suggest":
            return None
        return suggestion_fix(sop, ctx, self.code, finding.span, str(finding.args["suggestion"]))


class UnusedRole(Rule):
    """
    ## What it does
    Reports a role declared under `## Pelaksana` that no step names.

    A role a step names by a near-miss (reported by R301 with this role as
    the guess) counts as used. Stays silent while the procedure has no
    steps, while a step has no Pelaksana (R303) or names a role R301 cannot
    guess — the unused role may be the one that step means — and for a role
    that R304/R305 already pair with a used one.

    ## Why is this bad?
    A declared role that performs nothing is either left over from an older
    version or a sign that a step names the wrong performer; either way the
    procedure matrix gets an empty column.

    ## Example
    ```markdown
    ## Pelaksana

    - KARO: Kepala Biro Organisasi
    - Arsiparis

    ## Prosedur

    1. Menandatangani data kinerja
       - Pelaksana: KARO
    ```

    Use instead:
    ```markdown
    ## Pelaksana

    - KARO: Kepala Biro Organisasi
    - Arsiparis

    ## Prosedur

    1. Menandatangani data kinerja
       - Pelaksana: KARO
    2. Mengarsipkan data kinerja
       - Pelaksana: Arsiparis
    ```
    """

    code = "R302"
    name = "unused-role"
    severity = "warning"
    summary = "a declared role no step uses"
    summary_id = "pelaksana yang dicantumkan tetapi tidak dipakai langkah mana pun"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan pelaksana yang dicantumkan di bawah `## Pelaksana` tetapi
    tidak disebut oleh langkah mana pun.

    Pelaksana yang disebut langkah dengan nama yang hampir sama (dilaporkan
    R301 dengan pelaksana ini sebagai tebakannya) dihitung dipakai. Aturan
    ini diam selama prosedur belum memiliki langkah, selama ada langkah
    tanpa Pelaksana (R303) atau yang menyebut pelaksana yang tidak dapat
    ditebak R301 — pelaksana yang tidak dipakai itu mungkin yang dimaksud
    langkah tersebut — dan untuk pelaksana yang sudah dipasangkan R304/R305
    dengan pelaksana yang dipakai.

    ## Mengapa ini masalah?
    Pelaksana tercantum yang tidak melakukan apa pun entah sisa dari versi
    lama, entah tanda bahwa suatu langkah menyebut pelaksana yang salah;
    bagaimanapun, matriks prosedur mendapat kolom kosong.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "role `{role}` is declared but no step names it",
            "pelaksana `{role}` dicantumkan tetapi tidak disebut langkah mana pun",
        )
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        for role in ctx.facts_for(sop).roles.unused():
            yield self.report(role.span, role=role.alias)


class MissingPerformer(Rule):
    """
    ## What it does
    Reports a step with no `Pelaksana`: the key is absent, empty, or only a
    placeholder such as `-`. A terminator step (`Mulai`, `Selesai`) needs
    none (S409 reports it).

    ## Why is this bad?
    Every activity of an SOP is done by someone: a step without a performer
    has no place in the procedure matrix and nobody is accountable for it.

    ## Example
    ```markdown
    ## Prosedur

    1. Menelaah dan mengoreksi data kinerja
       - Waktu: 30 menit
    ```

    Use instead:
    ```markdown
    ## Prosedur

    1. Menelaah dan mengoreksi data kinerja
       - Pelaksana: KABAG
       - Waktu: 30 menit
    ```
    """

    code = "R303"
    name = "missing-performer"
    severity = "error"
    summary = "a step with no Pelaksana"
    summary_id = "langkah tanpa Pelaksana"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan langkah tanpa `Pelaksana`: kuncinya tidak ada, kosong, atau
    hanya berisi pengisi tempat seperti `-`. Langkah penanda awal atau akhir
    (`Mulai`, `Selesai`) tidak memerlukannya (S409 melaporkannya).

    ## Mengapa ini masalah?
    Setiap kegiatan dalam SOP dilakukan oleh seseorang: langkah tanpa
    pelaksana tidak punya tempat di matriks prosedur dan tidak ada yang
    bertanggung jawab atasnya.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": ("step {number} has no Pelaksana", "langkah {number} tidak memiliki Pelaksana"),
        "empty": ("step {number} has an empty Pelaksana", "Pelaksana langkah {number} kosong"),
        "placeholder": (
            "step {number} has no Pelaksana: `{value}` is only a placeholder",
            "langkah {number} tidak memiliki Pelaksana: `{value}` hanya pengisi tempat",
        ),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        roles = ctx.facts_for(sop).roles
        for step in roles.steps:
            if roles.performers(step):
                continue
            span = step.focus_span()
            number = step.number if step.number is not None else step.index + 1
            pelaksana = step.field("Pelaksana")
            if pelaksana is None:
                yield self.report(span, number=number)
            elif pelaksana.value:
                yield self.report(span, "placeholder", number=number, value=pelaksana.value)
            else:
                yield self.report(span, "empty", number=number)


class SimilarRoleNames(Rule):
    """
    ## What it does
    Reports two declared roles whose names (or aliases) differ only
    slightly: at most 2 edits (insert, delete, substitute, swap) apart once
    case, dots and spaces are ignored, both at least 6 characters long. One
    finding per pair, on the later declaration. Names that are the same
    apart from case and spaces are R305.

    ## Why is this bad?
    `Kasubag Perencanaan` and `Kasubbag Perencanaan` are almost always one
    office spelt two ways: the procedure matrix then splits one performer
    into two columns, and steps pick either at random.

    ## Example
    ```markdown
    ## Pelaksana

    - Kasubag Perencanaan
    - Kasubbag Perencanaan
    ```

    Use instead:
    ```markdown
    ## Pelaksana

    - Kabag Perencanaan
    - Kasubbag Perencanaan
    ```
    """

    code = "R304"
    name = "similar-role-names"
    severity = "warning"
    summary = "two declared roles whose names differ only slightly"
    summary_id = "dua pelaksana yang namanya hanya sedikit berbeda"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan dua pelaksana tercantum yang nama (atau aliasnya) hanya
    sedikit berbeda: paling banyak 2 suntingan (sisip, hapus, ganti, tukar)
    setelah huruf besar-kecil, titik, dan spasi diabaikan, dan keduanya
    sedikitnya 6 karakter. Satu temuan untuk setiap pasangan, pada
    pencantuman yang belakangan. Nama yang sama bila huruf besar-kecil dan
    spasi diabaikan adalah urusan R305.

    ## Mengapa ini masalah?
    `Kasubag Perencanaan` dan `Kasubbag Perencanaan` hampir selalu satu
    jabatan yang dieja dua cara: matriks prosedur lalu memecah satu
    pelaksana menjadi dua kolom, dan langkah-langkah memakai salah satunya
    secara acak.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "role `{role}` is very like `{other}` (line {line}): one role spelt two ways?",
            "pelaksana `{role}` sangat mirip dengan `{other}` (baris {line}): satu pelaksana ditulis dua cara?",
        )
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        for pair in ctx.facts_for(sop).roles.similar():
            yield self.report(pair.span, role=pair.text, other=pair.other, line=pair.earlier.span.line)


class DuplicateRole(Rule):
    """
    ## What it does
    Reports a role declared under `## Pelaksana` whose alias or full name
    (ignoring case and runs of spaces) is already declared — also when one
    role's alias is another's full name.

    ## Why is this bad?
    A step that names it could mean either declaration: only the first is
    read, and the second one's column in the procedure matrix stays empty.

    ## Example
    ```markdown
    ## Pelaksana

    - KARO: Kepala Biro Organisasi
    - Arsiparis
    - KARO: Kepala Biro Umum
    ```

    Use instead:
    ```markdown
    ## Pelaksana

    - KARO: Kepala Biro Organisasi
    - Arsiparis
    - KAROUM: Kepala Biro Umum
    ```
    """

    code = "R305"
    name = "duplicate-role"
    severity = "error"
    summary = "the same alias or full name declared twice"
    summary_id = "alias atau nama lengkap pelaksana yang sama dicantumkan dua kali"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan pelaksana yang dicantumkan di bawah `## Pelaksana` yang alias
    atau nama lengkapnya (tanpa memperhatikan huruf besar-kecil dan spasi
    berulang) sudah dicantumkan — juga bila alias satu pelaksana adalah nama
    lengkap pelaksana lain.

    ## Mengapa ini masalah?
    Langkah yang menyebutnya bisa bermaksud salah satu dari kedua
    pencantuman: hanya yang pertama dibaca, dan kolom yang kedua di matriks
    prosedur tetap kosong.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "role `{role}` is declared again (as `{other}` at line {line})",
            "pelaksana `{role}` dicantumkan lagi (sebagai `{other}` di baris {line})",
        )
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        for pair in ctx.facts_for(sop).roles.duplicates():
            yield self.report(pair.span, role=pair.text, other=pair.other, line=pair.earlier.span.line)


class RoleNotInRegistry(Rule):
    """
    ## What it does
    Reports a declared role whose full name (ignoring case and runs of
    spaces) is not in the organisation's role registry (config `roles`),
    with the registry name it most likely means — or, for a spelling the
    registry lists among a name's `aliases`, with that name. Silent when no
    registry is configured.

    ## Why is this bad?
    Across a repository of SOPs one office should carry one name: a
    registry keeps `Kasubbag TU`, `Kasubag TU` and `Kepala Sub Bagian TU`
    from becoming three performers in reports and search.

    ## Example
    With `roles = ["Kepala Biro Organisasi", "Kasubbag TU"]` in the config:
    ```markdown
    ## Pelaksana

    - KARO: Kepala Biro Organisasi
    - KASUBBAG: Kasubag TU
    ```

    Use instead:
    ```markdown
    ## Pelaksana

    - KARO: Kepala Biro Organisasi
    - KASUBBAG: Kasubbag TU
    ```
    """

    code = "R306"
    name = "role-not-in-registry"
    severity = "warning"
    summary = "a role absent from the organisation's role registry"
    summary_id = "pelaksana yang tidak ada di daftar pelaksana organisasi"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan pelaksana tercantum yang nama lengkapnya (tanpa memperhatikan
    huruf besar-kecil dan spasi berulang) tidak ada di daftar peran
    organisasi (konfigurasi `roles`), dengan menyebut nama di daftar itu
    yang paling mungkin dimaksud — atau, untuk ejaan yang tercantum di
    daftar sebagai salah satu `aliases` suatu nama, dengan menyebut nama
    itu. Diam bila tidak ada daftar peran yang diatur.

    ## Mengapa ini masalah?
    Dalam satu repositori SOP, satu jabatan sebaiknya memakai satu nama:
    daftar peran menjaga agar `Kasubbag TU`, `Kasubag TU` dan `Kepala Sub
    Bagian TU` tidak menjadi tiga pelaksana dalam laporan dan pencarian.

    ## Contoh
    Dengan `roles = ["Kepala Biro Organisasi", "Kasubbag TU"]` dalam
    konfigurasi:
    {contoh}

    Sebaiknya:
    {contoh}
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "role `{role}` is not in the organisation's role registry",
            "pelaksana `{role}` tidak ada di daftar pelaksana organisasi",
        ),
        "suggest": (
            "role `{role}` is not in the organisation's role registry; did you mean `{suggestion}`?",
            "pelaksana `{role}` tidak ada di daftar pelaksana organisasi; maksud Anda `{suggestion}`?",
        ),
        "alias": (
            "role `{role}` is another spelling of `{canonical}` in the organisation's role registry; write `{canonical}`",
            "pelaksana `{role}` adalah ejaan lain dari `{canonical}` di daftar pelaksana organisasi; tulis `{canonical}`",
        ),
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        if not ctx.role_registry:
            return
        registry = {fold(name) for name in ctx.role_registry}
        choices: dict[str, str] = {}
        for name in ctx.role_registry:
            choices.setdefault(squash(name), name.strip())
        roles = ctx.facts_for(sop).roles
        repeated = {id(pair.later) for pair in roles.duplicates()}  # R305's
        for role in roles.roles:
            if id(role) in repeated or fold(role.name) in registry:
                continue
            canonical = ctx.role_aliases.get(fold(role.name))
            if canonical is not None:  # a spelling the registry lists as another's
                yield self.report(role.name_span, "alias", role=role.name, canonical=canonical)
                continue
            suggestion, _ = closest(role.name, choices, normalize=squash)
            if suggestion is None:
                yield self.report(role.name_span, role=role.name)
            else:
                yield self.report(role.name_span, "suggest", role=role.name, suggestion=suggestion)


class SinglePerformer(Rule):
    """
    ## What it does
    Reports a procedure of two or more steps that one role performs alone.
    Reported on the `## Pelaksana` heading. Silent while a step lacks a
    performer or names an undeclared one, or a declared role is unused
    (R301, R302, R303 come first).

    ## Why is this bad?
    An SOP Administrasi Pemerintahan describes work that passes between
    pelaksana (PermenPAN-RB 35/2012); a procedure one person does from start
    to end is a work instruction, or its hand-overs are missing.

    ## Example
    ```markdown
    ## Pelaksana

    - KARO: Kepala Biro Organisasi

    ## Prosedur

    1. Menelaah data kinerja
       - Pelaksana: KARO
    2. Menandatangani data kinerja
       - Pelaksana: KARO
    ```

    Use instead:
    ```markdown
    ## Pelaksana

    - KARO: Kepala Biro Organisasi
    - Arsiparis

    ## Prosedur

    1. Menandatangani data kinerja
       - Pelaksana: KARO
    2. Mengarsipkan data kinerja
       - Pelaksana: Arsiparis
    ```
    """

    code = "R307"
    name = "single-performer"
    severity = "info"
    summary = "only one role performs every step"
    summary_id = "hanya satu pelaksana yang melakukan semua langkah"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan prosedur dengan dua langkah atau lebih yang dilakukan sendiri
    oleh satu pelaksana. Dilaporkan pada judul `## Pelaksana`. Diam selama
    ada langkah tanpa pelaksana atau yang menyebut pelaksana yang tidak
    dicantumkan, atau ada pelaksana tercantum yang tidak dipakai (R301,
    R302, R303 didahulukan).

    ## Mengapa ini masalah?
    SOP Administrasi Pemerintahan menguraikan pekerjaan yang berpindah
    antarpelaksana (Peraturan Menteri PAN-RB Nomor 35 Tahun 2012); prosedur
    yang dikerjakan satu orang dari awal sampai akhir adalah instruksi
    kerja, atau serah terimanya belum ditulis.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "`{role}` performs all {steps} steps alone: an SOP AP involves more than one pelaksana",
            "`{role}` melakukan seluruh {steps} langkah sendiri: SOP AP melibatkan lebih dari satu pelaksana",
        )
    }

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        roles = ctx.facts_for(sop).roles
        if roles.section is None or not roles.declared or len(roles.steps) < 2:
            return
        performers: set[int] = set()
        only: Role | None = None
        for step in roles.steps:
            refs = roles.performers(step)
            if not refs:
                return  # R303
            for ref in refs:
                if ref.role is None:
                    return  # R301: the step may name a second role
                performers.add(id(ref.role))
                only = ref.role
            if len(performers) > 1:
                return
        if only is None or roles.unused():
            return  # R302 names the roles that could share the work
        yield self.report(roles.section.heading_span, role=only.alias, steps=len(roles.steps))


class ActivityNamesOtherRole(Rule):
    """
    ## What it does
    Reports a step whose activity text opens with a declared role as its
    actor (`Kabid menerima …`; the role's alias or full name, whole words,
    any case) while the step's `Pelaksana` names other roles only.

    ## Why is this bad?
    The activity and the procedure matrix then disagree about who does the
    step; one of them is wrong, and readers follow either.

    ## Example
    ```markdown
    ## Pelaksana

    - KABAG: Kabag Tatalaksana
    - Arsiparis

    ## Prosedur

    1. Arsiparis mengarsipkan data kinerja
       - Pelaksana: KABAG
    2. Menelaah data kinerja
       - Pelaksana: Arsiparis
    ```

    Use instead:
    ```markdown
    ## Pelaksana

    - KABAG: Kabag Tatalaksana
    - Arsiparis

    ## Prosedur

    1. Arsiparis mengarsipkan data kinerja
       - Pelaksana: Arsiparis
    2. Menelaah data kinerja
       - Pelaksana: KABAG
    ```
    """

    code = "R308"
    name = "activity-names-other-role"
    severity = "warning"
    summary = "the activity text opens with a role other than the step's Pelaksana"
    summary_id = "teks kegiatan diawali pelaksana lain daripada Pelaksana langkah"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan langkah yang uraian kegiatannya diawali pelaksana tercantum
    sebagai pelakunya (`Kabid menerima …`; alias atau nama lengkap pelaksana
    itu, kata utuh, huruf besar atau kecil), sedangkan `Pelaksana` langkah
    itu hanya menyebut pelaksana lain.

    ## Mengapa ini masalah?
    Uraian kegiatan dan matriks prosedur lalu berselisih tentang siapa yang
    melakukan langkah itu; salah satunya keliru, dan pembaca bisa mengikuti
    yang mana saja.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "the activity opens with `{actor}` as its actor, but the step's Pelaksana is {performers}",
            "kegiatan diawali `{actor}` sebagai pelakunya, tetapi Pelaksana langkah ini {performers}",
        )
    }
    preview = True

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        roles = ctx.facts_for(sop).roles
        if not roles.declared:
            return
        spellings = sorted((s for s in roles.by_spelling if len(s) <= _ACTOR_MAX_LENGTH), key=len, reverse=True)
        if not spellings:
            return
        # The longest spelling first, each as whole words with any spacing.
        opening = re.compile(
            "(?:" + "|".join(r"\s+".join(map(re.escape, s.split())) for s in spellings) + r")(?!\w)", re.IGNORECASE
        )
        for step in roles.steps:
            refs = roles.performers(step)
            if not refs or any(ref.role is None for ref in refs):
                continue  # R303 / R301 come first
            match = opening.match(step.activity)
            if match is None:
                continue
            actor = roles.by_fold.get(fold(match[0]))
            if actor is None or any(ref.role is actor for ref in refs):
                continue
            span = step.activity_span
            end = min(span.column + match.end(), span.end_column)
            yield self.report(Span(span.line, span.column, span.line, end), actor=match[0], performers=_names(refs))
