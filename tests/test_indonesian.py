"""Indonesian first (issue 13, point 5): with `--lang id` everything a person reads
is Indonesian — every rule's messages, the P001 details, the explain pages, the
interface's own words (sop_lint/messages) and the lines that end a run."""

from __future__ import annotations

import re
import string

import pytest

from sop_lint.docs import doc_page, examples, indonesian_doc
from sop_lint.messages import catalog
from sop_lint.rules import all_rules

from .cli_runner import invoke

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]")


def _words(template: str) -> set[str]:
    """The words a person reads: not the `{fields}`, not what is quoted in backticks
    (keys, values, examples), not code (`P001`) or options (`--fix`)."""
    text = re.sub(r"\{[^}]*\}", " ", template)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"--?[a-z-]+", " ", text)
    return {word.lower() for word in _WORD.findall(text)}


# Words of the English templates that are Indonesian too: the SOP's own section names
# and keys, units, the words of regulations (their names are Indonesian), and a few
# shared words. Everything else the English templates use is the list of English words.
SHARED = {
    "ap", "batas", "bulan", "daerah", "data", "detik", "hari", "identitas", "jam", "jdih", "kelengkapan",
    "keterkaitan", "label", "menit", "menteri", "minggu", "nama", "nip", "nomor", "output", "pelaksana",
    "pembuatan", "pemerintah", "peraturan", "peringatan", "prosedur", "sop", "tahun", "tanggal",
    "undang-undang", "waktu", "utf", "info", "dasar", "hukum", "efektif", "revisi", "keputusan", "ya", "tidak",
    "lanjut", "mulai", "selesai", "alias", "digit", "internal", "sub",
    # terms Indonesian offices use as they are
    "baseline", "cache", "path", "markdown", "format", "toml", "json", "mib", "http", "https",
    # the pack's terminator words, which a writer may write as they are (`Start`, `End`)
    "start", "end",
    # Indonesian words the English rule docs use: section, key and office names, regulations
    # (PermenPAN-RB, Perda, Surat Edaran, Peraturan Kepala BKN, UU), and words both languages have
    "administrasi", "baku", "mutu", "dan", "dengan", "oleh", "satu", "lainnya", "disahkan", "pengesah",
    "kepala", "kerja", "kualifikasi", "langkah", "pemerintahan", "pencatatan", "pendataan", "peralatan",
    "perlengkapan", "permenpan-rb", "perda", "bupati", "surat", "edaran", "bkn", "uu", "tmt", "sinergi",
    "audit", "auditor", "status", "per", "windows",
}  # fmt: skip


def _prose(page: str) -> str:
    """A doc page's words: not its fenced examples (SOP text, which the languages share)."""
    return re.sub(r"```.*?```", " ", page, flags=re.DOTALL)


def english_words() -> set[str]:
    words: set[str] = set()
    for rule in all_rules().values():
        for english, _ in rule.messages.values():
            words |= _words(english)
        words |= _words(rule.summary)
        words |= _words(_prose(rule.doc()))
    for key, english in catalog("en").items():
        if not key.startswith("noun."):
            words |= _words(english)
    return words - SHARED


ENGLISH = english_words()


def test_the_list_of_english_words_is_the_templates_and_the_docs_own() -> None:
    assert {"the", "is", "not", "step", "role", "declared", "missing", "did", "you", "mean", "unit"} <= ENGLISH
    # and the words of the rule docs' prose, not of their examples (`Menerima` is a step's activity)
    assert {"reports", "why", "bad", "flowchart", "performer", "misspelt", "reviewers"} <= ENGLISH
    assert "menerima" not in ENGLISH and "pengumpulan" not in ENGLISH
    assert len(ENGLISH) > 600


@pytest.mark.parametrize("code", sorted(all_rules()))
def test_every_indonesian_message_template_has_no_english_word(code: str) -> None:
    rule = all_rules()[code]
    for key, (_, indonesian) in rule.messages.items():
        found = _words(indonesian) & ENGLISH
        assert not found, f"{code} {key}: {sorted(found)} in {indonesian!r}"
    assert not _words(rule.summary_id) & ENGLISH, rule.summary_id


def test_every_rule_renders_its_indonesian_messages_with_its_fields() -> None:
    for code, rule in all_rules().items():
        for key, (english, indonesian) in rule.messages.items():
            # An Indonesian template may read an Indonesian field of its own (`problem_id`, `why_id`).
            fields = {name for _, name, _, _ in string.Formatter().parse(indonesian) if name and not name.endswith("_id")}
            assert fields <= {name for _, name, _, _ in string.Formatter().parse(english) if name}, code
            assert "dideklarasikan" not in indonesian and "ditekan" not in indonesian, (code, key)


def test_the_interface_catalogs_hold_the_same_keys_and_fields() -> None:
    en, id_ = catalog("en"), catalog("id")
    assert set(en) == set(id_)
    for key in en:
        fields = [{name for _, name, _, _ in string.Formatter().parse(text) if name} for text in (en[key], id_[key])]
        assert fields[0] == fields[1], key
    for key, text in id_.items():
        if not key.startswith(("noun.", "docs.columns")):
            assert not _words(text) & ENGLISH - {"pratinjau"}, (key, text)


@pytest.mark.parametrize("code", sorted(all_rules()))
def test_explain_lang_id_of_every_rule_is_indonesian(code: str, capsys: pytest.CaptureFixture[str]) -> None:
    result = invoke(capsys, "explain", code, "--lang", "id")
    assert result.code == 0
    assert result.out == doc_page(all_rules()[code], "id")
    prose = _prose(result.out).replace(f"{code} {all_rules()[code].name}", " ")  # the rule's own name
    found = _words(prose) & ENGLISH
    assert not found, f"{code}: {sorted(found)}"
    assert "**Tingkat:**" in result.out and "## Pesan" in result.out
    # the rule's doc is there, in Indonesian, with the English page's examples
    assert "\n## Apa yang diperiksa\n" in result.out and "\n## Mengapa ini masalah?\n" in result.out
    assert all(example in result.out for example in examples(all_rules()[code]))


S401_ID = """\
# S401 step-numbering

**Tingkat:** galat · **Perbaikan:** kadang tersedia (--fix) · **Tahap:** stabil

Nomor langkah tidak berurutan 1, 2, 3 … (loncat, ganda, tidak urut).

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

## Pesan
- nomor langkah … tidak urut: seharusnya …
- nomor langkah … ganda (pertama dipakai di baris …): seharusnya …
- langkah … tidak ada
- langkah … tidak ada
- penomoran langkah dimulai dari …: seharusnya 1
- langkah ini tidak bernomor: seharusnya `….`

## Contoh
```markdown
## Prosedur

1. Menerima surat
2. Mencatat surat
9. Mendisposisi surat
3. Mengarsipkan surat
```

Sebaiknya:
```markdown
## Prosedur

1. Menerima surat
2. Mencatat surat
3. Mendisposisi surat
4. Mengarsipkan surat
```

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


def test_explain_s401_lang_id_page(capsys: pytest.CaptureFixture[str]) -> None:
    """The whole page: the doc's sections in Indonesian around the messages and the shared
    examples, in the English page's order (the examples before `## Perbaikan`)."""
    result = invoke(capsys, "explain", "S401", "--lang", "id")
    assert result.code == 0 and result.err == ""
    assert result.out == S401_ID


def test_the_summary_severity_words_do_not_collide_with_the_sops_peringatan(capsys: pytest.CaptureFixture[str]) -> None:
    text = "# T\n\n## Prosedur\n\n1. a\n   - Waktu: 15\n"
    result = invoke(capsys, "--isolated", "--lang", "id", "--no-show-source", "--select", "D503,P001", "-", stdin=text.encode())
    assert result.out.splitlines()[-1] == "Ditemukan 1 temuan (1 perhatian) dalam 1 berkas; 1 lagi dengan --unsafe-fixes."
    assert "peringatan" not in result.out.lower().replace("--unsafe-fixes", "")


def test_p001_details_in_indonesian(capsys: pytest.CaptureFixture[str]) -> None:
    cases = {
        "x\n# T\n": "teks sebelum judul pertama: awali berkas dengan judul `# ` (Nama SOP)",
        "# T\n# U\n": "judul `# ` kedua: SOP hanya punya satu judul (Nama SOP); gunakan `## ` untuk bagian",
        "# T\n<!-- x\n": "komentar tidak ditutup: `<!--` tidak pernah diakhiri `-->`",
    }
    for text, detail in cases.items():
        result = invoke(capsys, "--isolated", "--lang", "id", "--no-show-source", "-q", "-", stdin=text.encode())
        assert result.out.splitlines()[0].split(" P001 [error] ")[1] == f"tidak dapat diurai: {detail}", text


def test_exit_2_lines_in_indonesian(capsys: pytest.CaptureFixture[str], tmp_path_factory: pytest.TempPathFactory) -> None:
    missing = tmp_path_factory.mktemp("none") / "tidak-ada"
    assert invoke(capsys, "--lang", "id", "-", "a.sop.md").err == (
        "sop-lint: galat: `-` (masukan standar) tidak dapat digabung dengan path lain\n"
    )
    assert invoke(capsys, "explain", "Z999", "--lang", "id").err == (
        "sop-lint: galat: aturan `Z999` tidak dikenal; `sop-lint rules` menampilkan daftarnya\n"
    )
    result = invoke(capsys, "--lang=id", "--isolated", "--output-file", str(missing / "x" / "\0"), str(missing))
    assert result.code == 2 and result.err.startswith("sop-lint: galat: ")


def test_fix_and_format_lines_in_indonesian(capsys: pytest.CaptureFixture[str]) -> None:
    text = b"# T\n\n## Prosedur\n\n1. a\n3. b\n"
    result = invoke(capsys, "--isolated", "--lang", "id", "--select", "S401", "--diff", "-", stdin=text)
    assert result.err == "1 temuan akan diperbaiki dalam 1 berkas.\n"


def test_the_indonesian_guide_is_linked_first_and_its_examples_parse() -> None:
    from sop_lint.parser import parse_text

    from .conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_link = re.search(r"\]\(([^)]+)\)", readme)
    assert first_link is not None and first_link[1] == "docs/id/panduan.md"
    guide = (ROOT / "docs" / "id" / "panduan.md").read_text(encoding="utf-8")
    for heading in ("## Memulai", "## Menulis setiap bagian", "## Membaca temuan", "sop-lint init"):
        assert heading in guide
    examples = re.findall(r"```markdown\n(.*?)```", guide, re.DOTALL)
    assert len(examples) >= 4
    for example in examples:
        text = example if example.startswith("# ") else "# Contoh\n\n" + example
        assert parse_text(text).problem is None, example


def test_help_lang_id_is_indonesian_where_click_allows(capsys: pytest.CaptureFixture[str]) -> None:
    import click

    from sop_lint.cli import main
    from sop_lint.messages.id import HELP

    for name in ("check", "format", "rules", "explain"):
        command = main.commands[name]
        options = [p.name for p in command.params if isinstance(p, click.Option) and p.help]
        assert f"command.{name}" in HELP and all(option in HELP for option in options), name
    for text in HELP.values():
        assert not _words(text) & ENGLISH - {"atomik"}, text
    result = invoke(capsys, "check", "--lang", "id", "--help")
    assert result.code == 0
    assert "  Memeriksa berkas dan folder SOP (bawaan: folder kerja).\n" in result.out
    assert "Tampilkan pengaturan yang berlaku" in result.out and "Rule codes" not in result.out
    english = invoke(capsys, "check", "--help").out  # and the English texts are back
    assert "  Lint SOP files and directories (default: the current directory).\n" in english


def test_exit_2_config_error_in_indonesian_by_option_and_by_the_configs_lang(
    capsys: pytest.CaptureFixture[str], tmp_path: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # type: ignore[arg-type]
    (tmp_path / "sop-lint.toml").write_text('selct = ["P"]\n', encoding="utf-8")  # type: ignore[operator]
    result = invoke(capsys, "--lang", "id", ".")
    assert (result.code, result.err) == (2, "sop-lint: galat: sop-lint.toml: kunci `selct` tidak dikenal; maksudnya `select`?\n")
    english = invoke(capsys, ".")
    assert english.err == "sop-lint: error: sop-lint.toml: unknown key `selct`; did you mean `select`?\n"
    # The configuration is broken, yet its own `lang` says the error.
    (tmp_path / "sop-lint.toml").write_text('lang = "id"\npreview = 1\n', encoding="utf-8")  # type: ignore[operator]
    assert (
        invoke(capsys, ".").err == "sop-lint: galat: sop-lint.toml: `preview` harus berupa `true` atau `false`, bukan angka (1)\n"
    )
    assert invoke(capsys, "--lang", "en", ".").err == (
        "sop-lint: error: sop-lint.toml: `preview` must be true or false, not a number (1)\n"
    )


def test_click_usage_errors_in_indonesian(capsys: pytest.CaptureFixture[str]) -> None:
    assert invoke(capsys, "explain", "--lang", "id").err == "sop-lint: galat: Argumen belum diberikan: 'RULE'.\n"
    assert invoke(capsys, "check", "--lang", "id", "--fail-on", "x").err == (
        "sop-lint: galat: Nilai tidak sah untuk '--fail-on': 'x' bukan salah satu dari 'error', 'warning', 'info'.\n"
    )
    assert invoke(capsys, "check", "--fail-on", "x").err == (
        "sop-lint: error: Invalid value for '--fail-on': 'x' is not one of 'error', 'warning', 'info'.\n"
    )


@pytest.mark.parametrize("command", ["render", "import", "init", "lsp", "stats", "roles", "report", "merge-results", "clean"])
def test_help_of_every_subcommand_is_indonesian(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    result = invoke(capsys, command, "--help", "--lang", "id")
    assert result.code == 0 and result.out.startswith(f"Penggunaan: sop-lint {command} [OPTIONS]")
    assert "\nOpsi:\n" in result.out and "  -h, --help" in result.out
    prose = re.sub(r"^\s*(-\S+(, )?)+( [A-Z_\[\]|a-z.-]+)?", " ", result.out.split("\n", 1)[1], flags=re.MULTILINE)  # the flags
    prose = re.sub(r"\[[a-z|]+\]|\b[A-Z_]{2,}\b", " ", prose)  # choices and metavars
    found = _words(prose) & ENGLISH - {"atomik"}
    assert not found, (command, sorted(found))
    assert "Show this message and exit." in invoke(capsys, command, "--help").out  # English stays English


def test_render_help_in_indonesian_exactly(capsys: pytest.CaptureFixture[str]) -> None:
    out = invoke(capsys, "render", "--help", "--lang", "id").out
    assert "  -o, --output OUT          Folder keluaran (atau berkas, untuk satu masukan).\n" in out
    assert "  -h, --help                Tampilkan bantuan ini, lalu keluar.\n" in out
    assert "Show this message and exit." in invoke(capsys, "render", "--help").out  # English stays English


def test_one_indonesian_word_for_a_term_across_rules_and_catalog() -> None:
    from sop_lint.messages.id import GLOSSARY, HELP

    texts = [(code, indonesian) for code, rule in all_rules().items() for _, indonesian in rule.messages.values()]
    texts += [(code, rule.summary_id) for code, rule in all_rules().items()]
    texts += [*catalog("id").items(), *HELP.items()]
    for term, (word, banned, elsewhere) in GLOSSARY.items():
        for where, text in texts:
            for synonym in banned:
                if where not in elsewhere:
                    assert not re.search(rf"\b{synonym}\b", text, re.IGNORECASE), (term, word, synonym, where, text)
    assert GLOSSARY["declared"][0] == "dicantumkan" and "dinyatakan" in GLOSSARY["declared"][1]


def test_init_and_render_exit_2_lines_in_indonesian(
    capsys: pytest.CaptureFixture[str], tmp_path: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # type: ignore[arg-type]
    assert invoke(capsys, "render", "--lang", "id").err == "sop-lint: galat: `render` memerlukan berkas atau folder\n"
    (tmp_path / "A.sop.md").write_text("x", encoding="utf-8")  # type: ignore[operator]
    result = invoke(capsys, "init", "A", "--lang", "id")
    assert (result.code, result.err) == (2, "sop-lint: galat: A.sop.md: sudah ada; tidak ditimpa\n")


def test_sarif_in_indonesian_describes_every_rule_by_its_indonesian_doc() -> None:
    from sop_lint.output import sarif

    for code, rule in all_rules().items():
        descriptor = sarif.rule_descriptor(rule, "id")
        assert descriptor["help"]["markdown"] == indonesian_doc(rule)
        first = descriptor["fullDescription"]["text"]  # the first paragraph of `## Apa yang diperiksa`
        assert first.startswith(("Melaporkan ", "Memeriksa ", "Menjumlahkan ", "Bila ")), (code, first)
        assert first in " ".join(rule.doc_id.split()) and "Mengapa" not in first, code
    s401 = sarif.rule_descriptor(all_rules()["S401"], "id")["fullDescription"]["text"]
    assert s401 == (
        "Memeriksa bahwa langkah-langkah bernomor 1, 2, 3 … sesuai urutan tulisnya. Aturan ini mencari sesedikit mungkin "
        "nomor yang salah tempat (rangkaian naik terpanjang dari nomor-nomor yang ditulis tetap di tempatnya) dan "
        "melaporkan masing-masing sekali: nomor yang tidak urut, nomor yang dipakai dua kali, nomor yang terlompati, "
        "penomoran yang tidak dimulai dari 1, dan langkah tanpa nomor sama sekali. Langkah penanda awal atau akhir "
        "(`Mulai`, `Selesai`) ikut dihitung dalam penomoran."
    )


def test_the_top_level_help_in_indonesian(capsys: pytest.CaptureFixture[str]) -> None:
    out = invoke(capsys, "--help", "--lang", "id").out
    assert out.startswith(
        "Penggunaan: sop-lint [OPTIONS] COMMAND [ARGS]...\n\n  sop-lint: pemeriksa Standar Operasional Prosedur"
    )
    assert "\nPerintah:\n" in out and "  --version       Tampilkan versi, lalu keluar.\n" in out
    assert "  render         Tata letak SOP resmi" in out
    assert invoke(capsys, "--help").out.startswith("Usage: sop-lint [OPTIONS] COMMAND [ARGS]...\n")
