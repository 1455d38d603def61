"""Import of a 30-step PDF: target under a second (issue 14).

    python benchmarks/import_pdf.py            # 7 runs
    python benchmarks/import_pdf.py --runs 15

The PDF is made once, deterministically, into `.benchmarks/`: a 30-step SOP in the
official layout built by tests/docx_fixtures.py (symbols anchored in the performers'
cells, four roles, decisions), printed to PDF by LibreOffice (`soffice --convert-to
pdf`, needed only to make it). Timed: the whole `sop-lint import FILE -o OUT --force`
process, from outside (median), and inside one process the read and the writing of the
SOP text (median), start-up left out. Plain timers; no timed tests.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sop_lint.importers import read_procedures  # noqa: E402
from sop_lint.importers.output import render_procedure  # noqa: E402
from sop_lint.importers.procedure import Box, Procedure, StepRecord  # noqa: E402
from sop_lint.pack import builtin_pack  # noqa: E402

STEPS = 30
ROLES = ["Kepala Biro", "Kabag", "Kasubbag TU", "Arsiparis"]


def procedure() -> Procedure:
    steps = []
    for number in range(1, STEPS + 1):
        role = ROLES[(number * 7) % len(ROLES)]
        step = StepRecord(
            str(number),
            f"Kegiatan nomor {number} dari prosedur uji",
            [role],
            {"Kelengkapan": "Dokumen", "Waktu": f"{number} menit", "Output": "Draft"},
        )
        if number % 9 == 0:
            step.decision = step.activity
            step.fields["Keterangan"] = f"Ya: ke langkah {number + 1}, Tidak: kembali ke langkah {number - 1}"
        steps.append(step)
    return Procedure(
        title="Prosedur Uji Tiga Puluh Langkah",
        identity=[
            ("Nomor SOP", "1/SOP/2024"),
            ("Tanggal Pembuatan", "4 Januari 2024"),
            ("Tanggal Revisi", "-"),
            ("Tanggal Efektif", "4 Januari 2024"),
            ("Disahkan oleh", "Kepala Biro"),
            ("Nama Pengesah", "Nama Lengkap, S.H."),
            ("NIP Pengesah", "19791208 200003 2 002"),
        ],
        boxes=[
            Box(name, ["Butir satu", "Butir dua"])
            for name in (
                "Dasar Hukum",
                "Kualifikasi Pelaksana",
                "Keterkaitan",
                "Peralatan/Perlengkapan",
                "Peringatan",
                "Pencatatan dan Pendataan",
            )
        ],
        roles=ROLES,
        steps=steps,
    )


def make_pdf(folder: Path) -> Path:
    pdf = folder / "thirty-steps.pdf"
    if pdf.exists():
        return pdf
    from tests.docx_fixtures import build_docx

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("needs LibreOffice (soffice) once, to print the generated .docx to PDF")
    folder.mkdir(parents=True, exist_ok=True)
    docx = build_docx(procedure(), folder / "thirty-steps.docx", "anchored", ["PEMERINTAH PROVINSI CONTOH", "BIRO ORGANISASI"])
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                str(docx),
            ],
            capture_output=True,
            timeout=300,
            check=True,
        )
    return pdf


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    pdf = make_pdf(ROOT / ".benchmarks")
    pack = builtin_pack()
    [imported] = read_procedures(pdf, pack)
    assert len(imported.steps) == STEPS, f"the PDF imports with {len(imported.steps)} steps, not {STEPS}"
    inside = []
    for _ in range(runs):
        start = time.perf_counter()
        for found in read_procedures(pdf, pack):
            render_procedure(found, pack)
        inside.append(time.perf_counter() - start)
    whole = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "sop_lint", "import", "-q", "--force", str(pdf), "-o", f"{out}/x.sop.md"],
                check=True,
                capture_output=True,
            )
            whole.append(time.perf_counter() - start)
    print(f"30-step PDF ({pdf.stat().st_size // 1024} KB, {len(imported.steps)} steps read)")
    print(f"  read + write, in process: median {statistics.median(inside):.3f} s (min {min(inside):.3f})")
    verdict = "met" if statistics.median(whole) < 1 else "NOT met"
    median, fastest = statistics.median(whole), min(whole)
    print(f"  `sop-lint import`, whole process: median {median:.3f} s (min {fastest:.3f}); target < 1 s: {verdict}")


if __name__ == "__main__":
    main()
