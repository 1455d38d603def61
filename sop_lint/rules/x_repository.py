"""X — repository rules (several files at once).

Each is a `Rule` like any other (code, name, docs, messages, catalog,
selection, severities, suppressions, baselines); its per-file `check` finds
nothing, and `check_repository` runs once over the facts of every file of a
run after the per-file pass (`sop_lint.repository.repository_findings`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ..model import Sop
from ..repository.facts import Facts
from ..repository.index import Found, Repository, sop_key
from ..rule import Context, Finding, Rule, shorten


class UnknownRelatedSop(Rule):
    """
    ## What it does
    When a directory is linted with `check-related = true`, reports a
    Keterkaitan item that names an SOP no file of the run has: the item is
    compared with every file's title (Nama SOP) and Nomor, ignoring case,
    spacing, punctuation and a leading `SOP`. The message names the title
    that comes closest, if one does. Placeholders (`-`) and `Tidak ada` are
    not looked up.

    ## Why is this bad?
    Keterkaitan tells the reader which other SOPs this one hands over to; a
    name that matches none of them (misspelt, renamed, or never written)
    sends the reader nowhere, and the reviewers' criterion *sinergi satu
    dengan lainnya* cannot be checked.

    ## Example
    ```markdown
    <!-- file: pengumpulan.sop.md -->
    # Pengumpulan Data Kinerja

    ## Keterkaitan

    1. SOP Perbaikan Data Kinerja

    <!-- file: perbaikan.sop.md -->
    # Perbaikan Data Kinerja Pegawai
    ```

    Use instead:
    ```markdown
    <!-- file: pengumpulan.sop.md -->
    # Pengumpulan Data Kinerja

    ## Keterkaitan

    1. SOP Perbaikan Data Kinerja Pegawai

    <!-- file: perbaikan.sop.md -->
    # Perbaikan Data Kinerja Pegawai
    ```
    """

    code = "X701"
    name = "unknown-related-sop"
    severity = "warning"
    summary = "a Keterkaitan item that names no SOP of the linted set"
    summary_id = "butir Keterkaitan yang tidak menyebut SOP mana pun dalam himpunan yang diperiksa"
    doc_id = """
    ## Apa yang diperiksa
    Bila sebuah folder diperiksa dengan `check-related = true`, melaporkan
    butir Keterkaitan yang menyebut SOP yang tidak dimiliki berkas mana pun
    dalam pemeriksaan itu: butir itu dibandingkan dengan judul (Nama SOP)
    dan Nomor setiap berkas, tanpa memperhatikan huruf besar-kecil, spasi,
    tanda baca, dan `SOP` di awalnya. Pesannya menyebut judul yang paling
    mendekati, bila ada. Pengisi tempat (`-`) dan `Tidak ada` tidak dicari.

    ## Mengapa ini masalah?
    Keterkaitan memberi tahu pembaca SOP lain mana yang menerima hasil kerja
    SOP ini; nama yang tidak cocok dengan satu pun (salah eja, sudah
    berganti nama, atau belum pernah ditulis) tidak mengantar pembaca ke
    mana pun, dan kriteria pemeriksa *sinergi satu dengan lainnya* tidak
    dapat diperiksa.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "Keterkaitan names `{text}`, but no SOP linted has that title or Nomor",
            "Keterkaitan menyebut `{text}`, tetapi tidak ada SOP yang diperiksa dengan judul atau Nomor itu",
        ),
        "suggest": (
            "Keterkaitan names `{text}`, but no SOP linted has that title or Nomor; did you mean `{title}` ({path})?",
            "Keterkaitan menyebut `{text}`, tetapi tidak ada SOP yang diperiksa dengan judul atau Nomor itu;"
            " maksud Anda `{title}` ({path})?",
        ),
    }
    repository = True

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        return iter(())  # a repository rule: see check_repository

    def check_repository(self, repo: Repository) -> Iterator[Found]:
        titles = repo.titles()
        suggestions: dict[str, int | None] = {}  # the same unknown name comes back in many files
        for index, (_, facts) in enumerate(repo.files):
            for item in facts.related:
                key = sop_key(item.text)
                if not key or key in titles or repo.is_nothing(item.text):
                    continue
                if key not in suggestions:
                    suggestions[key] = repo.nearest_title(key)
                nearest = suggestions[key]
                if nearest is None:
                    yield index, self.report(item.span, text=shorten(item.text, 60))
                    continue
                path, other = repo.files[nearest]
                assert other.title is not None
                yield index, self.report(item.span, "suggest", text=shorten(item.text, 60), title=other.title.text, path=path)


class DuplicateSopNumber(Rule):
    """
    ## What it does
    Reports a Nomor that another file of the run also has (compared
    ignoring case, spacing and punctuation), on each of the files, naming
    all the others. A Nomor that is only a placeholder (`-`, `...`) is
    M101's, not a duplicate.

    ## Why is this bad?
    The Nomor is how an SOP is cited in decrees, in Keterkaitan and in the
    monitoring table: two SOPs under one number make every such reference
    ambiguous. It is usually a copied file whose Nomor was not changed.

    ## Example
    ```markdown
    <!-- file: surat-masuk.sop.md -->
    # Pelayanan Surat Masuk

    ## Identitas

    - Nomor: 065/3/DP-B

    <!-- file: surat-keluar.sop.md -->
    # Pelayanan Surat Keluar

    ## Identitas

    - Nomor: 065/3/DP-B
    ```

    Use instead:
    ```markdown
    <!-- file: surat-masuk.sop.md -->
    # Pelayanan Surat Masuk

    ## Identitas

    - Nomor: 065/3/DP-B

    <!-- file: surat-keluar.sop.md -->
    # Pelayanan Surat Keluar

    ## Identitas

    - Nomor: 065/4/DP-B
    ```
    """

    code = "X702"
    name = "duplicate-sop-number"
    severity = "error"
    summary = "two files share a Nomor"
    summary_id = "dua berkas memakai Nomor yang sama"
    doc_id = """
    ## Apa yang diperiksa
    Melaporkan Nomor yang juga dimiliki berkas lain dalam pemeriksaan itu
    (dibandingkan tanpa memperhatikan huruf besar-kecil, spasi, dan tanda
    baca), pada setiap berkasnya, dengan menyebut semua berkas lainnya.
    Nomor yang hanya pengisi tempat (`-`, `...`) adalah urusan M101, bukan
    nomor ganda.

    ## Mengapa ini masalah?
    Nomor adalah cara SOP dirujuk dalam surat keputusan, dalam Keterkaitan,
    dan dalam tabel pemantauan: dua SOP dengan satu nomor membuat setiap
    rujukan seperti itu meragukan. Biasanya ini berkas salinan yang
    Nomor-nya tidak diubah.
    """
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "default": (
            "Nomor `{number}` is also the Nomor of {others}",
            "Nomor `{number}` juga Nomor dari {others}",
        ),
        "many": (
            "Nomor `{number}` is also the Nomor of {others} and {more} more files",
            "Nomor `{number}` juga Nomor dari {others} dan {more} berkas lain",
        ),
    }
    repository = True

    def check(self, sop: Sop, ctx: Context) -> Iterator[Finding]:
        return iter(())  # a repository rule: see check_repository

    def check_repository(self, repo: Repository) -> Iterator[Found]:
        groups: dict[str, list[int]] = {}
        for index, (_, facts) in enumerate(repo.files):
            number = facts.number
            if number is None or repo.is_nothing(number.text):
                continue
            key = sop_key(number.text)
            if key:
                groups.setdefault(key, []).append(index)
        for members in groups.values():
            if len(members) < 2:
                continue
            for index in members:
                number = repo.files[index][1].number
                assert number is not None
                others = [other for other in members if other != index]
                named = ", ".join(f"`{repo.files[other][0]}:{_line(repo.files[other][1])}`" for other in others[:_NAMED])
                if len(others) > _NAMED + 1:  # "and 1 more file" would be longer than its name
                    yield (
                        index,
                        self.report(
                            number.span, "many", number=shorten(number.text, 60), others=named, more=len(others) - _NAMED
                        ),
                    )
                else:
                    yield index, self.report(number.span, number=shorten(number.text, 60), others=named)


_NAMED = 5  # X702 names this many other files, then counts the rest (a Nomor copied into 500 files)


def _line(facts: Facts) -> int:
    return facts.number.span.line if facts.number is not None else 0
