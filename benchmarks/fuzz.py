"""Grammar-aware fuzzing of sop-lint: `python -m benchmarks.fuzz --minutes N`.

Valid SOPs are generated from the format (sop-format.md: title, Identitas,
the six information sections, Pelaksana, a Prosedur with performers,
durations, decisions, jumps and loops), then mutated structurally (steps
moved, references re-pointed, sections dropped, keys misspelt, comments and
suppressions inserted, encodings and line endings mixed) and at the byte
level. Every input goes through parse, lint, format and fix in this process,
and these properties are checked:

- no exception escapes, and no rule fails internally;
- format is idempotent, and keeps every word of every value;
- lint after format gives the same findings, but for those format settles;
- fix keeps the activity graph (which activity leads to which) and every
  word of every value it does not rewrite;
- a sample also runs through the command line: exit 0, 1 or 2 only;
- a sample is rendered to HTML: no exception, a whole page that parses;
- a sample is imported, as a generated .docx, .xlsx, .pdf or .txt (whole,
  truncated or damaged): the SOP text written parses, or one clean error.

A failing input is saved (with a `.txt` naming the property) under `--save`
and becomes a regression case in tests/test_fuzz_regressions.py. The CI
budget run is tests/test_fuzz.py.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import re
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sop_lint.engine import Linter, Settings
from sop_lint.fixes import split_text
from sop_lint.fixing import fix_text
from sop_lint.formatter import FormatError, NotUtf8, format_bytes
from sop_lint.model import Sop
from sop_lint.parser import parse_text
from sop_lint.rule import Finding
from sop_lint.writer import ParseFailure, UnsafeChange

TODAY = date(2026, 11, 22)

# --- generating valid SOPs from the format ----------------------------------------------

WORDS = (
    "menyiapkan",
    "memeriksa",
    "menelaah",
    "dokumen",
    "surat",
    "data",
    "kinerja",
    "laporan",
    "arsip",
    "disposisi",
    "paraf",
    "verifikasi",
    "permohonan",
    "berkas",
    "naskah",
    "dinas",
    "rapat",
    "koordinasi",
    "anggaran",
    "perjanjian",
    "evaluasi",
    "pengajuan",
    "tanda",
    "tangan",
    "pimpinan",
    "bagian",
    "bidang",
    "subbagian",
    "pegawai",
    "jabatan",
    "agenda",
    "nota",
    "Sekretaris",
    "Daerah",
    "Gubernur",
    "Bupati",
    "Wali",
    "Kota",
    "perubahan",
    "kegiatan",
    "pelaksanaan",
    "e-SOP",
    "Ñoño",
    "réka",
    "ulang",
    "–",
    "‘kutipan’",
    "data/informasi",
    "2024",
    "triwulan",
    "I",
)
ROLES = [
    ("KARO", "Kepala Biro Organisasi"),
    ("KABAG", "Kepala Bagian Tatalaksana"),
    ("KASUBBAG", "Kepala Subbagian Tata Usaha"),
    ("STAF", "Staf Pelaksana"),
    ("JFT", "Jabatan Fungsional Analis Kebijakan – Ahli Muda"),
    ("", "Arsiparis"),
]
UNITS = ["menit", "jam", "hari", "minggu", "hari kerja", "Menit", "jam kerja"]
CITATIONS = [
    "Peraturan Menteri PAN-RB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP Administrasi Pemerintahan",
    "Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara",
    "Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil",
    "Peraturan Daerah Nomor 8 Tahun 2016 tentang Pembentukan dan Susunan Perangkat Daerah",
]


def _words(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def generate(rng: random.Random) -> str:
    """A complete, valid SOP with a random procedure: most of them small (a few steps and
    roles, which cost the least time an input), one in four up to 14 steps."""
    big = rng.random() < 0.25
    roles = rng.sample(ROLES, rng.randint(1, len(ROLES) if big else 3))
    names = [alias or name for alias, name in roles]
    steps = rng.randint(1, 14) if big else rng.randint(1, 4)
    lines = [f"# {_words(rng, 2, 6).capitalize()}", "", "## Identitas", ""]
    lines += [
        f"- Nomor: {rng.randint(1, 999):03}/{rng.randint(1, 99)}/SOP-{rng.choice(['BO', 'DP', 'TU'])}",
        "- Instansi: Pemerintah Provinsi Kalimantan Barat",
        "- Unit: Sekretariat Daerah, Biro Organisasi",
        f"- Tanggal Pembuatan: {rng.randint(1, 3)} Januari 2021",
        "- Tanggal Revisi: -" if rng.random() < 0.5 else "- Tanggal Revisi: 2022-03-04",
        "- Tanggal Efektif: 04/01/2021",
        "- Disahkan Oleh: Kepala Biro Organisasi",
        "- Nama Pengesah: Rita Hastarita, S.Sos, M.Si",
        "- NIP Pengesah: 19791208 200003 2 002",
        "",
        "## Dasar Hukum",
        "",
    ]
    lines += [f"{i}. {c}" for i, c in enumerate(rng.sample(CITATIONS, rng.randint(1, len(CITATIONS) if big else 2)), 1)]
    for section in ("Kualifikasi Pelaksana", "Keterkaitan", "Peralatan/Perlengkapan", "Peringatan", "Pencatatan dan Pendataan"):
        lines += ["", f"## {section}", ""]
        lines += [f"{i}. {_words(rng, 2, 7)}" for i in range(1, rng.randint(2, 4 if big else 3))]
    lines += ["", "## Pelaksana", ""]
    lines += [f"- {alias}: {name}" if alias else f"- {name}" for alias, name in roles]
    lines += ["", "## Prosedur", ""]
    for number in range(1, steps + 1):
        lines.append(f"{number}. {_words(rng, 2, 9)}")
        if rng.random() < 0.2:
            lines.append(f"   {_words(rng, 1, 5)}")  # a continuation line
        performers = rng.sample(names, 1 if rng.random() < 0.8 else min(2, len(names)))
        lines.append(f"   - Pelaksana: {', '.join(performers)}")
        if 1 < number < steps and rng.random() < 0.25:  # a decision: go on, or back to an earlier step
            lines.append(f"   - Keputusan: {_words(rng, 2, 4)}?")
            lines.append(f"   - Ya: {number + 1}")
            lines.append(f"   - Tidak: {rng.randint(1, number - 1)}")
        elif number < steps and rng.random() < 0.1:
            lines.append(f"   - Lanjut: {number + 1}")
        lines.append(f"   - Kelengkapan: {_words(rng, 1, 3)}")
        low = rng.randint(1, 60)
        waktu = f"{low}-{low + rng.randint(1, 9)}" if rng.random() < 0.2 else str(low)
        lines.append(f"   - Waktu: {waktu} {rng.choice(UNITS)}")
        lines.append(f"   - Output: {_words(rng, 1, 3)}")
        if rng.random() < 0.15:
            lines.append(f"   - Keterangan: {_words(rng, 1, 4)}")
    return "\n".join(lines) + "\n"


# --- structural mutations ----------------------------------------------------------------

_STEP = re.compile(r"^(\d+)\. ")
_REF = re.compile(r"^(\s+- (?:Ya|Tidak|Lanjut): )(\d+)\s*$")


def _step_blocks(lines: list[str]) -> tuple[int, list[tuple[int, int]]]:
    start = next((i for i, line in enumerate(lines) if line.startswith("## Prosedur")), len(lines))
    blocks: list[tuple[int, int]] = []
    for index in range(start, len(lines)):
        if _STEP.match(lines[index]):
            if blocks:
                blocks[-1] = (blocks[-1][0], index)
            blocks.append((index, len(lines)))
    return start, blocks


def move_step(rng: random.Random, lines: list[str]) -> list[str]:
    _, blocks = _step_blocks(lines)
    if len(blocks) < 2:
        return lines
    a, b = rng.sample(range(len(blocks)), 2)
    start, end = blocks[a]
    chunk = lines[start:end]
    rest = lines[:start] + lines[end:]
    insert_at = blocks[b][0] if blocks[b][0] < start else blocks[b][0] - len(chunk)
    return rest[:insert_at] + chunk + rest[insert_at:]


def repoint_reference(rng: random.Random, lines: list[str]) -> list[str]:
    refs = [i for i, line in enumerate(lines) if _REF.match(line)]
    if not refs:
        index = rng.randrange(len(lines))
        return [*lines[: index + 1], f"   - {rng.choice(['Ya', 'Tidak', 'Lanjut'])}: {rng.randint(0, 30)}", *lines[index + 1 :]]
    index = rng.choice(refs)
    match = _REF.match(lines[index])
    assert match is not None
    target = rng.choice([str(rng.randint(0, 20)), "langkah 3", "ke langkah 2", "Selesai", "10" * rng.randint(1, 12), ""])
    return [*lines[:index], match[1] + target, *lines[index + 1 :]]


def drop_section(rng: random.Random, lines: list[str]) -> list[str]:
    heads = [i for i, line in enumerate(lines) if line.startswith("## ")]
    if not heads:
        return lines
    which = rng.randrange(len(heads))
    end = heads[which + 1] if which + 1 < len(heads) else len(lines)
    return lines[: heads[which]] + lines[end:]


def misspell_key(rng: random.Random, lines: list[str]) -> list[str]:
    keyed = [i for i, line in enumerate(lines) if re.match(r"^\s*- [A-Za-z ]+:", line) or line.startswith("## ")]
    if not keyed:
        return lines
    index = rng.choice(keyed)
    line = lines[index]
    letters = [i for i, c in enumerate(line) if c.isalpha()]
    if not letters:
        return lines
    at = rng.choice(letters[:12])
    edit = rng.choice(["drop", "double", "swap", "case", "dot"])
    if edit == "drop":
        line = line[:at] + line[at + 1 :]
    elif edit == "double":
        line = line[:at] + line[at] + line[at:]
    elif edit == "swap" and at + 1 < len(line):
        line = line[:at] + line[at + 1] + line[at] + line[at + 2 :]
    elif edit == "case":
        line = line.upper() if rng.random() < 0.5 else line.lower()
    else:
        line = line.replace(" ", ". ", 1)
    return [*lines[:index], line, *lines[index + 1 :]]


def insert_comment(rng: random.Random, lines: list[str]) -> list[str]:
    index = rng.randrange(len(lines) + 1)
    comment = rng.choice(
        [
            "<!-- catatan penyusun -->",
            "<!-- sop-lint: disable=D503 -->",
            "<!-- sop-lint: disable=S401,R301 -->",
            "<!-- sop-lint: disable-file=L601 -->",
            "<!-- sop-lint: disable=X999 -->",
            "<!-- komentar\n   yang panjang -->",
            "<!--",
            "-->",
        ]
    )
    if rng.random() < 0.3 and index < len(lines) and lines[index].strip():
        return [*lines[:index], lines[index] + " " + comment, *lines[index + 1 :]]
    return [*lines[:index], *comment.split("\n"), *lines[index:]]


def duplicate_or_delete_line(rng: random.Random, lines: list[str]) -> list[str]:
    index = rng.randrange(len(lines))
    if rng.random() < 0.5:
        return [*lines[: index + 1], lines[index], *lines[index + 1 :]]
    return lines[:index] + lines[index + 1 :]


def odd_values(rng: random.Random, lines: list[str]) -> list[str]:
    index = rng.randrange(len(lines))
    junk = rng.choice(
        [
            "   - Waktu: " + "9" * rng.randint(20, 400) + " menit",
            "   - Waktu: 1e309 hari",
            "   - Waktu: 1,5 s.d. 2 jam",
            "   - Pelaksana: " + ", ".join(["KARO"] * rng.randint(2, 30)),
            "- NIP Pengesah: 1979120820000320021234",
            "- Tanggal Efektif: 31 Februari 2021",
            "\t\t- " + _words(rng, 1, 3),
            "    " * rng.randint(1, 40) + "- Ya: 2",
            "## ",
            "# " + _words(rng, 1, 3),
            "1.",
            "10000000000000000000. " + _words(rng, 1, 3),
            "| No | Kegiatan | Pelaksana |",
            "|---|---|---|",
        ]
    )
    return [*lines[:index], junk, *lines[index:]]


MUTATIONS: tuple[Callable[[random.Random, list[str]], list[str]], ...] = (
    move_step,
    repoint_reference,
    drop_section,
    misspell_key,
    insert_comment,
    duplicate_or_delete_line,
    odd_values,
)


def to_bytes(rng: random.Random, text: str) -> bytes:
    """The text as a file might hold it: line endings, BOM, a stray byte now and then."""
    roll = rng.random()
    if roll < 0.1:
        text = text.replace("\n", "\r\n")
    elif roll < 0.13:
        lines = text.split("\n")
        text = "".join(line + rng.choice(["\n", "\r\n"]) for line in lines)
    elif roll < 0.14:
        text = text.replace("\n", "\r")
    data = text.encode("utf-8")
    roll = rng.random()
    if roll < 0.05:
        data = b"\xef\xbb\xbf" + data
    elif roll < 0.08:
        at = rng.randrange(len(data) + 1)
        data = (
            data[:at]
            + rng.choice([b"\x00", b"\xff", b"\xef\xbb\xbf", b"\x0b", "\u2028".encode(), b"\x1b[31m", b"\r"])
            + data[at:]
        )
    elif roll < 0.09:
        data = data[: rng.randrange(len(data) + 1)]
    elif roll < 0.095:
        data = text.encode("utf-16-le")
    return data


# --- documents to import, made from an input ---------------------------------------------

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml"'
    ' ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
    ' Target="word/document.xml"/></Relationships>'
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _rows(text: str) -> list[list[str]]:
    """The input as the rows of a document: a key and its value, a step and its fields."""
    rows = []
    for line in text.splitlines():
        line = line.strip().lstrip("#-").strip()
        if line:
            rows.append([part.strip() for part in re.split(r"(?<=^\d)\.|:", line, maxsplit=1)])
    return rows


def docx_bytes(rows: list[list[str]]) -> bytes:
    from xml.sax.saxutils import escape

    def cell(value: str) -> str:
        return f"<w:tc><w:p><w:r><w:t>{escape(_CONTROL.sub(' ', value))}</w:t></w:r></w:p></w:tc>"

    table = "".join("<w:tr>" + "".join(cell(v) for v in row) + "</w:tr>" for row in rows)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _DOCX_TYPES)
        archive.writestr("_rels/.rels", _DOCX_RELS)
        archive.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>'
                         f"<w:tbl>{table}</w:tbl></w:body></w:document>")  # fmt: skip
    return buffer.getvalue()


def xlsx_bytes(rows: list[list[str]]) -> bytes:
    import openpyxl  # type: ignore[import-untyped]

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append([_CONTROL.sub(" ", value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def pdf_bytes(rows: list[list[str]]) -> bytes:
    """One page of text (Helvetica, Latin-1) with a text layer."""
    lines = ["    ".join(row).encode("latin-1", errors="replace") for row in rows[:60]]
    shown = b" ".join(b"(" + re.sub(rb"([()\\])", rb"\\\1", line) + b") Tj 0 -12 Td" for line in lines)
    content = b"BT /F1 9 Tf 40 800 Td " + shown + b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    start = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start))
    return out.getvalue()


def import_document(rng: random.Random, text: str) -> tuple[str, bytes]:
    """(suffix, bytes): the input as a Word, Excel, PDF or text file, often truncated or
    with bytes overwritten (a damaged download)."""
    rows = _rows(text)
    suffix = rng.choice([".docx", ".xlsx", ".pdf", ".txt"])
    if suffix == ".docx":
        data = docx_bytes(rows)
    elif suffix == ".xlsx":
        data = xlsx_bytes(rows)
    elif suffix == ".pdf":
        data = pdf_bytes(rows)
    else:
        data = "\n".join("\t".join(row) for row in rows).encode("utf-8")
    roll = rng.random()
    if roll < 0.2:
        data = data[: rng.randrange(len(data) + 1)]
    elif roll < 0.4 and data:
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        data = bytes(damaged)
    return suffix, data


def make_input(rng: random.Random) -> bytes:
    lines = generate(rng).split("\n")
    for _ in range(rng.choice([0, 1, 1, 2, 3, 5])):
        lines = rng.choice(MUTATIONS)(rng, lines) or [""]
    return to_bytes(rng, "\n".join(lines))


# --- the properties ----------------------------------------------------------------------


class PropertyFailed(Exception):
    """An input broke a property; the message names it."""


REFERENCE_KEYS = {"Ya", "Tidak", "Lanjut"}  # their numbers change when steps are renumbered


def value_words(sop: Sop) -> Counter[str]:
    """Every word of every value the SOP holds — the title, the items of the information
    sections, identity values, each step's activity and field values (not the keys, which
    a fix may correct; not the step numbers a renumbering changes) — as a multiset."""
    texts: list[str] = [sop.title or ""]
    for section in sop.sections:
        if section.kind == "Prosedur":
            continue
        if sop.identity is not None and section is sop.identity.section:
            texts += [f.value for f in sop.identity.fields]
            continue
        stack = list(section.items)
        while stack:
            item = stack.pop()
            texts.append(item.text)
            stack.extend(item.subs)
    for step in sop.steps:
        texts.append(step.activity)
        texts += [f.value for f in step.fields if f.key not in REFERENCE_KEYS]
        texts += [item.text for item in step.other_subs]
    # Digit groups are joined: M108 spaces a NIP's 18 digits into its four groups.
    joined = (_DIGIT_GAP.sub("", text.casefold()) for text in texts)
    return Counter(word for text in joined for word in re.findall(r"\w+", text))


_DIGIT_GAP = re.compile(r"(?<=\d)\s+(?=\d)")


def activity_graph(sop: Sop) -> set[tuple[str, str]]:
    """Which activity leads to which, by the activities' text; terminators (which a fix
    may remove) are passed through, so a removed `Mulai` keeps its successors' edges."""
    from sop_lint.flow import build_flow

    flow = build_flow(sop)
    steps = sop.steps
    end = "<END>"

    def name(index: int) -> str:
        return end if index >= len(steps) else " ".join(steps[index].activity.split()).casefold()

    def through(index: int, seen: frozenset[int] = frozenset()) -> set[str]:
        if index >= len(steps) or not steps[index].terminator:
            return {name(index)}
        if index in seen:
            return set()
        found: set[str] = set()
        for target in flow.successors[index] or ([index + 1] if not flow.unknown[index] else []):
            found |= through(target, seen | {index})
        return found

    edges: set[tuple[str, str]] = set()
    for index, step in enumerate(steps):
        if step.terminator:
            continue
        if flow.unknown[index]:
            edges.add((name(index), "<UNKNOWN>"))
            continue
        for target in flow.successors[index]:
            edges |= {(name(index), successor) for successor in through(target)}
    return edges


# Findings format settles by itself (it renames, reorders, renumbers, drops terminators).
SETTLED_BY_FORMAT = {"P002", "P003", "P008", "S401", "S409", "M108"}
# A vertical tab or form feed is a line break to the parser and a control character to
# P005; format writes it as the newline it was read as, which settles that P005.
LINE_BREAK_CONTROLS = ("U+000B", "U+000C")


def _settled_by_line_breaks(findings: Sequence[Finding]) -> set[str]:
    p005 = [f for f in findings if f.code == "P005"]
    if p005 and all(f.args.get("character") in LINE_BREAK_CONTROLS for f in p005):
        return {"P005"}
    return set()


@dataclass
class Stats:
    inputs: int = 0
    parsed: int = 0
    formatted: int = 0
    fixed: int = 0
    cli_runs: int = 0
    rendered: int = 0
    imported: int = 0  # import inputs whose SOP text was written (and parsed)
    import_refused: int = 0  # import inputs refused with one clean error
    failures: Counter[str] = field(default_factory=Counter)

    def add(self, other: Stats) -> None:
        for name in ("inputs", "parsed", "formatted", "fixed", "cli_runs", "rendered", "imported", "import_refused"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.failures.update(other.failures)


class Fuzzer:
    def __init__(self, save: Path | None = None, cli_every: int = 200, render_every: int = 25, import_every: int = 50) -> None:
        self.linter = Linter(Settings(preview=True, today=TODAY))
        self.pack = self.linter.pack
        self.save = save
        self.cli_every, self.render_every, self.import_every = cli_every, render_every, import_every
        self.stats = Stats()
        self.saved: list[Path] = []

    def check(self, data: bytes) -> None:
        """Run every property on one input; raises PropertyFailed naming the first broken."""
        self.stats.inputs += 1
        linter = self.linter
        linter.internal_errors.clear()
        try:
            linted = linter.lint(data, "fuzz.sop.md")
        except Exception as error:
            raise PropertyFailed(f"lint raised {type(error).__name__}: {error}") from error
        if linter.internal_errors:
            raise PropertyFailed(f"a rule failed: {linter.internal_errors[0]}")
        text = linted.text
        if text is None:
            return
        sop = self._model(text, linted.sop)
        if sop is None:
            return
        self.stats.parsed += 1
        self._format(data, sop, linted.findings)
        self._fix(text, sop)
        if self.stats.parsed % self.render_every == 0:
            self.check_render(sop)

    def _model(self, text: str, linted: Sop | None) -> Sop | None:
        """The model of the text with LF line ends and no BOM: the linter's own parse when
        the text is that already (most inputs), so that it is not parsed twice."""
        body, _, _ = split_text(text)
        return linted if body == text else parse_text(body, self.pack).sop

    def _format(self, data: bytes, sop: Sop, findings: list[Finding]) -> None:
        try:
            once = format_bytes(data, self.pack, TODAY)
        except (NotUtf8, ParseFailure, UnsafeChange, FormatError):
            return  # declined: nothing would be written
        except Exception as error:
            raise PropertyFailed(f"format raised {type(error).__name__}: {error}") from error
        self.stats.formatted += 1
        try:
            twice = format_bytes(once, self.pack, TODAY)
        except Exception as error:
            raise PropertyFailed(f"format of the formatted text failed: {type(error).__name__}: {error}") from error
        if twice != once:
            raise PropertyFailed("format is not idempotent")
        relinted = self.linter.lint(once, "fuzz.sop.md")
        assert relinted.text is not None
        new = self._model(relinted.text, relinted.sop)
        if new is None:
            raise PropertyFailed("the formatted text does not parse")
        lost = value_words(sop) - value_words(new)
        if lost:
            raise PropertyFailed(f"format lost words: {sorted(lost)[:5]}")
        settled = SETTLED_BY_FORMAT | _settled_by_line_breaks(findings)
        before = Counter(f.code for f in findings if f.code not in settled)
        after = Counter(f.code for f in relinted.findings if f.code not in settled)
        if before != after:
            raise PropertyFailed(f"lint after format differs: {sorted((before - after) + (after - before))}")

    def _fix(self, text: str, sop: Sop) -> None:
        try:
            result = fix_text(self.linter, text, "fuzz.sop.md")
        except Exception as error:
            raise PropertyFailed(f"fix raised {type(error).__name__}: {error}") from error
        if not result.changed:
            return
        self.stats.fixed += 1
        new = parse_text(split_text(result.text)[0], self.pack).sop
        if new is None:
            raise PropertyFailed("the fixed text does not parse")
        if activity_graph(new) != activity_graph(sop):
            raise PropertyFailed("fix changed the activity graph")
        terminators = Counter(w for s in sop.steps if s.terminator for w in re.findall(r"\w+", s.activity.casefold()))
        lost = value_words(sop) - value_words(new) - terminators
        if lost:
            raise PropertyFailed(f"fix lost words: {sorted(lost)[:5]}")

    def check_cli(self, data: bytes, folder: Path) -> None:
        """The command line on one input: exit 0, 1 or 2, never a traceback."""
        from sop_lint.cli import run

        self.stats.cli_runs += 1
        path = folder / "cli.sop.md"
        for args in (["check", "--no-cache", str(path)], ["format", "--check", str(path)]):
            path.write_bytes(data)
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = run(args)
            if code not in (0, 1, 2) or "Traceback" in err.getvalue():
                raise PropertyFailed(f"`sop-lint {args[0]}` exited {code}: {err.getvalue()[-200:]}")

    def check_render(self, sop: Sop) -> None:
        """Render to HTML: no exception, and a whole page that parses as HTML (strictly)."""
        import html5lib  # type: ignore[import-untyped]

        from sop_lint.flow import build_flow
        from sop_lint.renderers.html import render_html
        from sop_lint.renderers.layout import DEFAULT_STEPS_PER_PAGE, build_layout

        self.stats.rendered += 1
        try:
            page = render_html(sop, build_layout(sop, build_flow(sop), DEFAULT_STEPS_PER_PAGE), name="fuzz")
        except Exception as error:
            raise PropertyFailed(f"render raised {type(error).__name__}: {error}") from error
        if not page.endswith("</html>\n"):
            raise PropertyFailed("render wrote no whole page")
        try:
            html5lib.HTMLParser(strict=True).parse(page)
        except Exception as error:
            raise PropertyFailed(f"render wrote HTML that does not parse: {error}") from error

    def check_import(self, rng: random.Random, data: bytes, folder: Path) -> None:
        """Import the input as a generated .docx, .xlsx, .pdf or .txt (whole, truncated or
        corrupted): the SOP text written parses, or the file is refused with one error."""
        from sop_lint.importers import read_procedures
        from sop_lint.importers.output import NotParsable, render_procedure

        text = data.decode("utf-8", errors="replace")
        suffix, document = import_document(rng, text)
        path = folder / f"fuzz{suffix}"
        path.write_bytes(document)
        try:
            procedures = read_procedures(path, self.pack)
        except (MemoryError, RecursionError) as error:
            raise PropertyFailed(f"import of {suffix} ran out: {type(error).__name__}") from error
        except Exception:  # the command line says it in one line: "cannot be read (...)"
            self.stats.import_refused += 1
            return
        for procedure in procedures:
            try:
                written = render_procedure(procedure, self.pack)
            except NotParsable as error:
                raise PropertyFailed(f"import of {suffix} wrote text that does not parse: {error}") from error
            except Exception as error:
                raise PropertyFailed(f"import of {suffix} raised {type(error).__name__}: {error}") from error
            if parse_text(written, self.pack).sop is None:
                raise PropertyFailed(f"import of {suffix} wrote text that does not parse")
        self.stats.imported += 1

    def run_one(self, rng: random.Random, folder: Path) -> None:
        data = make_input(rng)
        try:
            self.check(data)
            if self.stats.inputs % self.cli_every == 0:
                self.check_cli(data, folder)
            if self.stats.inputs % self.import_every == 0:
                self.check_import(rng, data, folder)
        except PropertyFailed as failure:
            self.record(data, str(failure))
        except RecursionError as error:
            self.record(data, f"RecursionError: {error}")

    def record(self, data: bytes, failure: str) -> None:
        kind = failure.split(":")[0]
        self.stats.failures[kind] += 1
        if self.save is not None and self.stats.failures[kind] <= 5:
            self.save.mkdir(parents=True, exist_ok=True)
            name = f"fuzz-{len(self.saved):04}"
            (self.save / f"{name}.sop.md").write_bytes(data)
            (self.save / f"{name}.txt").write_text(failure + "\n", encoding="utf-8")
            self.saved.append(self.save / f"{name}.sop.md")


def fuzz(seconds: float, seed: int, save: Path | None, limit: int | None = None) -> Stats:
    import logging
    import tempfile

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings on damaged PDFs are expected

    fuzzer = Fuzzer(save)
    rng = random.Random(seed)
    deadline = time.monotonic() + seconds
    with tempfile.TemporaryDirectory() as folder:
        while time.monotonic() < deadline and (limit is None or fuzzer.stats.inputs < limit):
            fuzzer.run_one(rng, Path(folder))
    return fuzzer.stats


def _worker(job: tuple[float, int, Path | None, int | None]) -> Stats:
    import gc

    gc.disable()  # as the command line does: the linter makes no cycles worth collecting
    return fuzz(*job)


def fuzz_jobs(seconds: float, seed: int, save: Path | None, limit: int | None, jobs: int) -> Stats:
    """`fuzz` in `jobs` processes, worker i seeded `seed + i` and saving under `save/worker-i`
    (so the inputs of a run are reproducible per worker); the counts are summed."""
    if jobs <= 1:
        return _worker((seconds, seed, save, limit))
    from concurrent.futures import ProcessPoolExecutor

    shares = [None if limit is None else limit // jobs + (i < limit % jobs) for i in range(jobs)]
    work = [(seconds, seed + i, None if save is None else save / f"worker-{i}", shares[i]) for i in range(jobs)]
    total = Stats()
    with ProcessPoolExecutor(jobs) as pool:
        for stats in pool.map(_worker, work):
            total.add(stats)
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.fuzz", description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=None, help="stop after this long (default: 1, or none with --inputs)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--inputs", type=int, default=None, help="stop after this many inputs")
    parser.add_argument("--save", type=Path, default=Path("fuzz-failures"), help="where failing inputs are written")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes, worker i seeded SEED+i")
    options = parser.parse_args(argv)
    started = time.monotonic()
    minutes = options.minutes if options.minutes is not None else (1.0 if options.inputs is None else float("inf"))
    stats = fuzz_jobs(minutes * 60, options.seed, options.save, options.inputs, options.jobs)
    elapsed = time.monotonic() - started
    report = {
        "inputs": stats.inputs,
        "parsed": stats.parsed,
        "formatted": stats.formatted,
        "fixed": stats.fixed,
        "cli_runs": stats.cli_runs,
        "rendered": stats.rendered,
        "imported": stats.imported,
        "import_refused": stats.import_refused,
        "jobs": options.jobs,
        "seconds": round(elapsed, 1),
        "inputs_per_second": round(stats.inputs / elapsed, 1) if elapsed else None,
        "failures": dict(stats.failures),
    }
    json.dump(report, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 1 if stats.failures else 0


if __name__ == "__main__":
    sys.exit(main())
