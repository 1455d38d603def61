"""A procedure written as a GitHub-style Markdown table (`| No | Kegiatan | … |`).

In a `.sop.md` whose `## Prosedur` is such a table (P010 reports it), the table is
replaced by numbered steps and everything else of the file is kept as written: the file
is converted in place. In any other `.md`, the table (with the `# ` title above it, if
any) becomes a new SOP file.
"""

from __future__ import annotations

import re

from ..names import fold
from ..pack import Pack
from . import ImportFailure
from .layout import Cell, Table, read_blocks
from .procedure import Procedure, StepRecord, _role_line, _step_lines

_ROW = re.compile(r"^\s{0,3}\|")
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def split_row(line: str) -> list[str]:
    """A table row's cells (`\\|` is a pipe inside a cell)."""
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    return [cell.replace("\\|", "|").strip() for cell in re.split(r"(?<!\\)\|", body)]


def _tables(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last+1) line indexes of each table."""
    found: list[tuple[int, int]] = []
    index = 0
    while index < len(lines):
        if _ROW.match(lines[index]) and lines[index].count("|") >= 2:
            start = index
            while index < len(lines) and _ROW.match(lines[index]):
                index += 1
            found.append((start, index))
        else:
            index += 1
    return found


def _table(lines: list[str]) -> Table:
    rows = [split_row(line) for line in lines if not _SEPARATOR.match(line)]
    width = max(len(row) for row in rows)
    return Table(
        [
            [Cell(cell.replace("<br>", "\n").replace("<br/>", "\n")) for cell in row] + [Cell() for _ in range(width - len(row))]
            for row in rows
        ]
    )


def _section_of(lines: list[str], index: int) -> str | None:
    for line in reversed(lines[:index]):
        match = _HEADING.match(line)
        if match and len(match[1]) == 2:
            return match[2]
        if match and len(match[1]) == 1:
            return None
    return None


def markdown_procedures(text: str, pack: Pack, name: str) -> list[Procedure]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    tables = _tables(lines)
    if not tables:
        raise ImportFailure("no Markdown table (`| No | Kegiatan | … |`) found")
    title = next((m[2] for line in lines if (m := _HEADING.match(line)) and len(m[1]) == 1), None)
    procedures: list[Procedure] = []
    for start, end in tables:
        found = read_blocks([_table(lines[start:end])], pack, name)
        for procedure in found:
            if not procedure.steps:
                continue
            if title:
                procedure.title, procedure.title_note = title, None
            procedures.append(procedure)
    if not procedures:
        raise ImportFailure("no table with a No and a Kegiatan (or Aktivitas, Uraian Prosedur) column found")
    return procedures


def convert_in_place(text: str, pack: Pack) -> str | None:
    """A `.sop.md` whose Prosedur is a table, with the table written as steps (None: the
    file has no such table). Everything else stays as written."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    for start, end in _tables(lines):
        section = _section_of(lines, start)
        if section is None or pack.section_names.get(fold(section)) != "Prosedur":
            continue
        found = read_blocks([_table(lines[start:end])], pack, "")
        if not found or not found[0].steps:
            raise ImportFailure(
                f"the table in `## {section}` (line {start + 1}) has no No and Kegiatan columns to read steps from"
            )
        procedure = found[0]
        steps: list[str] = []
        for step in procedure.steps:
            steps.extend(_step_lines(step))
        replaced = lines[:start] + steps + lines[end:]
        declared = any(
            (m := _HEADING.match(line)) and len(m[1]) == 2 and pack.section_names.get(fold(m[2])) == "Pelaksana" for line in lines
        )
        roles = _roles(procedure.steps)
        if roles and not declared:
            heading = next(i for i in range(start - 1, -1, -1) if _HEADING.match(lines[i]))
            replaced[heading:heading] = ["## Pelaksana", "", *(_role_line(role) for role in roles), ""]
        return "\n".join(replaced)
    return None


def _roles(steps: list[StepRecord]) -> list[str]:
    seen: list[str] = []
    for step in steps:
        for role in step.performers:
            if role not in seen:
                seen.append(role)
    return seen
