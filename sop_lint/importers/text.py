"""Text extractions of SOP documents (`.txt`, as in the seeds): the grid is lost.

Two shapes are seen. Tabular: one table row per line, its cells separated by tabs
(seeds 000, 002, 004). One cell per line: a tab opens a cell, a line without one goes on
with it, a blank line ends a row (seed 003); there a matrix row runs over several
such rows, so rows are joined from one step number to the next.
"""

from __future__ import annotations

import re

from .layout import Block, Cell, Table, Vocabulary, header_key

_TAGS = re.compile(r"</?(?:b|i|u|strong|em|span)\b[^>]*>", re.IGNORECASE)
_STEP = re.compile(r"^\d{1,4}\s*[.)]?$")


def text_blocks(text: str, words: Vocabulary) -> list[Block]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _TAGS.sub("", re.sub(r"</b> *<b>", "  ", text, flags=re.IGNORECASE))  # two bold runs: two parts of a cell
    lines = text.split("\n")
    tabular = sum(1 for line in lines if line.count("\t") >= 3) >= 3
    rows = _tabular(lines) if tabular else _one_cell_per_line(lines, words)
    return [Table([[Cell(c) for c in row] for row in rows], aligned=False)]


def _tabular(lines: list[str]) -> list[list[str]]:
    return [line.split("\t") for line in lines if line.strip()]


def _one_cell_per_line(lines: list[str], words: Vocabulary) -> list[list[str]]:
    rows: list[list[str]] = []
    row: list[str] = []
    for line in lines:
        if line.startswith(" ") and row:  # a paragraph of its own after a table (a title line)
            rows.append(row)
            row = []
        if not line.strip() and "\t" not in line:
            if row:
                rows.append(row)
            row = []
            continue
        parts = line.split("\t")
        if parts[0] or not row:
            if row:
                row[-1] = f"{row[-1]}\n{parts[0]}" if row[-1] else parts[0]
            else:
                row.append(parts[0])
        row.extend(parts[1:])
    if row:
        rows.append(row)
    return _join_matrix_rows(rows, words)


def _join_matrix_rows(rows: list[list[str]], words: Vocabulary) -> list[list[str]]:
    """In the matrix, the rows between two step numbers are one step's cells."""
    out: list[list[str]] = []
    in_matrix = False
    for row in rows:
        cells = [c.strip() for c in row]
        keys = [header_key(c) for c in cells]
        if any(k in words.number for k in keys) and any(k in words.activity for k in keys):
            in_matrix = True
            out.append(row)
            continue
        first = next((c for c in cells if c), "")
        if in_matrix and out and not _STEP.match(first) and _STEP.match(next((c for c in out[-1] if c.strip()), "").strip()):
            out[-1] = out[-1] + row
            continue
        if in_matrix and _STEP.match(first):
            while row and not row[0].strip():
                row = row[1:]
        out.append(row)
    return out
