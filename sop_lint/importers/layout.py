"""Reading the official layout (PermenPAN-RB 35/2012) from tables, whatever file they came from.

Each reader turns its file into `Block`s — paragraphs and tables of `Cell`s, one cell
per grid column (a merged cell's other columns are `origin=False` copies) with the
flowchart `Mark`s found in it — and `read_blocks` finds in them the identity table,
the six boxes and the procedure matrices, one `Procedure` per matrix.

A text extraction (`aligned=False`) has lost the grid: its cells are in order, the
role columns are empty, so a row's Mutu Baku cells are taken from its right end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ..names import fold, squash
from ..pack import Pack
from .procedure import Box, Procedure, StepRecord, clean


@dataclass
class Mark:
    """A flowchart symbol (or a typed mark) in a role column."""

    kind: str  # terminator, process, decision, offpage, connector, typed, picture
    label: str = ""
    guess: str | None = None  # set when its column or row had to be guessed


@dataclass
class Cell:
    text: str = ""
    marks: list[Mark] = field(default_factory=list)
    origin: bool = True  # False: covered by a merged cell to the left or above


@dataclass
class Table:
    rows: list[list[Cell]]
    aligned: bool = True


Block = Table | str

INFO_SECTIONS = (
    "Dasar Hukum",
    "Kualifikasi Pelaksana",
    "Keterkaitan",
    "Peralatan/Perlengkapan",
    "Peringatan",
    "Pencatatan dan Pendataan",
)
TRAILING_KEYS = ("Kelengkapan", "Waktu", "Output", "Keterangan")
_NUMBER = re.compile(r"^\(?(\d{1,4})\s*[.)]?$")
_BRANCH = re.compile(r"^(ya|tidak|lanjut)\s*:\s*(\S.*)$", re.IGNORECASE)
_ITEM = re.compile(r"^\s*(?:(\d{1,3})\s*[.)]|[-•*·▪➢]\s)\s*")
_TRAIL = re.compile(r"[\s:.]+$")
SOFT_BREAK = "\u00ad"  # a PDF line end that may fall inside a word (pdf.py)


def header_key(text: str) -> str:
    """A header cell compared with the pack's spellings: no case, spaces, dots, colons
    (a PDF breaks `KELENGKAPAN` into `KELENGK APAN`)."""
    return squash(text).replace(":", "").replace(SOFT_BREAK, "")


class Vocabulary:
    """The spellings of the layout's headings, from the rule pack."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        words = pack.word_lists

        def keys(name: str) -> set[str]:
            return {header_key(word) for word in words.get(name, [])}

        self.number = keys("import:number-header")
        self.activity = keys("import:activity-header")
        self.performer = keys("import:performer-header")
        self.mutu_baku = keys("import:mutu-baku-header")
        self.trailing = {key: keys(f"import:{key.lower()}-header") for key in TRAILING_KEYS}
        self.title_keys = {fold(word) for word in words.get("import:title-key", [])}
        self.agency = [fold(word) for word in words.get("import:agency-words", [])]
        self.marks = {fold(word) for word in words.get("import:performer-marks", [])}
        self.terminators = {fold(word) for word in pack.terminators}
        self.boxes: dict[str, str] = {}  # folded spelling -> canonical box
        for spelling, canonical in pack.section_names.items():
            if canonical in INFO_SECTIONS:
                self.boxes[spelling] = canonical

    def trailing_key(self, text: str) -> str | None:
        key = header_key(text)
        for name, spellings in self.trailing.items():
            if key in spellings:
                return name
        return None

    def box_heading(self, text: str) -> tuple[str, str] | None:
        """(heading as written, rest of the cell) when a cell opens with a box heading,
        exactly or misspelt (`Pencatataa dan Pendataan` stays as written: P002's)."""
        first = text.replace(SOFT_BREAK, "").strip().split("\n", 1)
        words = first[0].split()
        best: tuple[float, int] | None = None
        for spelling in self.boxes:
            count = len(spelling.split())
            if len(words) < count:
                continue
            candidate = _TRAIL.sub("", fold(" ".join(words[:count])))
            if candidate == spelling:
                score = 1.0
            elif len(candidate) >= 8 and candidate[:2] == spelling[:2]:
                score = SequenceMatcher(None, candidate, spelling).ratio()
            else:
                continue
            if score >= 0.85 and (best is None or (score, count) > best):
                best = (score, count)
        if best is None:
            return None
        count = best[1]
        heading = _TRAIL.sub("", " ".join(words[:count]))
        rest = " ".join(words[count:]).lstrip(":").strip()
        if len(first) > 1:
            rest = (rest + "\n" + first[1]).strip()
        return heading, rest


@dataclass
class _Row:
    cells: list[Cell]
    table: int | None  # which table (None: a paragraph)
    aligned: bool


@dataclass
class _Matrix:
    number: int
    activity: int
    roles: list[tuple[int, str]]  # column, name
    trailing: list[tuple[int, str]]  # column (aligned) or position from the right (text), key
    aligned: bool
    table: int | None
    steps: list[StepRecord] = field(default_factory=list)
    title: str | None = None
    named: int | None = None  # one Pelaksana column naming the performers (a Markdown table)


def header_name(text: str) -> str:
    """A header cell's name: a PDF's possible word break read as a space (`Kepala` `Biro`)."""
    return join_lines(text.replace(SOFT_BREAK, ""))


def _texts(row: _Row) -> list[str]:
    return [cell.text.strip() if cell.origin else "" for cell in row.cells]


def join_lines(text: str) -> str:
    """A cell's lines as one line: `GUBERNUR` + `/SEKDA` joins without a space, and so do
    the two parts of a word a PDF broke across lines."""
    out = ""
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if out.endswith(SOFT_BREAK):
            out = out[:-1] + line
        elif out and line.startswith(("/", ",", ".")):
            out += line
        else:
            out = f"{out} {line}" if out else line
    return out


class _Reader:
    def __init__(self, blocks: list[Block], pack: Pack, name: str) -> None:
        self.words = Vocabulary(pack)
        self.name = name
        self.rows: list[_Row] = []
        for number, block in enumerate(blocks):
            if isinstance(block, str):
                if block.strip():
                    self.rows.append(_Row([Cell(block)], None, True))
            else:
                self.rows.extend(_Row(row, number, block.aligned) for row in block.rows if row)
        self.identity: list[tuple[str, str]] = []
        self.identity_notes: dict[str, str] = {}
        self.title: str | None = None
        self.header_lines: list[str] = []
        self.boxes: dict[str, Box] = {}
        self.box_order: list[str] = []
        self.matrices: list[_Matrix] = []
        self.loose_titles: list[str] = []
        self.pending: tuple[str, str, int] | None = None  # Disahkan oleh: key, value so far, its column

    # The walk ------------------------------------------------------------------

    def read(self) -> list[Procedure]:
        layout: list[tuple[int, str]] | None = None  # box columns of the current box row
        layout_table: int | None = None
        matrix: _Matrix | None = None
        index = 0
        seen_identity = False
        while index < len(self.rows):
            row = self.rows[index]
            header = self._matrix_header(index)
            if header is not None:
                new, used = header
                if matrix is not None and _same_columns(matrix, new):
                    pass  # the header repeated on a continuation page
                else:
                    if self.loose_titles:
                        new.title = self.loose_titles[-1]
                    matrix = new
                    self.matrices.append(matrix)
                layout = None
                index += used
                continue
            if matrix is not None:
                if row.table is None:  # a paragraph between two tables of one matrix
                    index += 1
                    continue
                if (
                    row.aligned
                    and matrix.aligned
                    and row.table != matrix.table
                    and len(row.cells) != len(self.rows[index - 1].cells)
                ):
                    matrix = None  # another table
                else:
                    matrix.table = row.table
                    self._step_row(matrix, row)
                    index += 1
                    continue
            texts = _texts(row)
            if self.pending is not None and self._approver_continues(row, texts):
                index += 1
                continue
            self._flush_approver()
            if self._identity_row(row, texts, seen_identity):
                seen_identity = True
                index += 1
                continue
            boxes = self._box_row(texts)
            if boxes is not None:
                layout, layout_table = boxes, row.table
                index += 1
                continue
            if layout is not None and self._box_content(row, texts, layout, layout_table):
                index += 1
                continue
            layout = None
            line = join_lines(" ".join(t for t in texts if t))
            if line:
                if not self.matrices and not self.boxes and (row.table is not None or not seen_identity):
                    self.header_lines.append(line)
                self.loose_titles.append(line)
            index += 1
        self._flush_approver()
        return self._procedures()

    # Identity --------------------------------------------------------------------

    def _identity_row(self, row: _Row, texts: list[str], seen: bool) -> bool:
        cells = [t for t in texts if t]
        for position, text in enumerate(cells[:3]):
            key = _TRAIL.sub("", fold(join_lines(text)))
            canonical = self.words.pack.identity_keys.get(key)
            title = key in self.words.title_keys
            if canonical is None and not title:
                continue
            # `No`, `Bagian` … alone on a line are no key before the identity table has begun.
            if key in ("no", "bagian", "bidang", "pemerintah") and position + 1 >= len(cells) and not seen:
                continue
            self.header_lines.extend(cells[:position])  # the agency cell beside the key
            value = "\n".join(cells[position + 1 :])
            written = _TRAIL.sub("", join_lines(text))
            if title:
                self.title = join_lines(value)
            elif canonical == "Disahkan Oleh":
                # The name and the NIP may stand in the rows below, in the value's column (a spreadsheet).
                column = (
                    next((c for c, t in enumerate(texts) if t and t == cells[position + 1]), None)
                    if position + 1 < len(cells)
                    else None
                )
                self.pending = (written, value, column if column is not None else len(texts) - 1)
            else:
                self._identity_value(written, join_lines(value))
            return True
        return False

    def _identity_value(self, key: str, value: str) -> None:
        if re.fullmatch(r"\[image:?[^\]]*\]", value.strip()):  # a picture (a signature, a stamp)
            self.identity.append((key, ""))
            self.identity_notes[key] = f"the `{key}` cell holds a picture ({value.strip()}): its text is not readable"
            return
        self.identity.append((key, value))

    def _approver_continues(self, row: _Row, texts: list[str]) -> bool:
        assert self.pending is not None
        key, value, column = self.pending
        if not row.aligned or not any(texts):
            return False
        folded = [_TRAIL.sub("", fold(t)) for t in texts if t]
        if any(self.words.pack.identity_keys.get(f) or f in self.words.title_keys for f in folded):
            return False
        if any(self.words.box_heading(t) is not None for t in texts if t):
            return False
        below = texts[column] if column < len(texts) else ""
        if below:
            self.pending = (key, f"{value}\n{below}", column)
        self.header_lines.extend(t for c, t in enumerate(texts) if t and c < column)
        return True

    def _flush_approver(self) -> None:
        if self.pending is not None:
            key, value, _ = self.pending
            self.pending = None
            self._approver(key, value)

    def _approver(self, key: str, value: str) -> None:
        """`Disahkan oleh`: the office, a blank for the signature, the name with titles, `NIP. …`."""
        value = value.strip()
        if re.fullmatch(r"\[image:?[^\]]*\]", value):
            self._identity_value(key, value)
            return
        nip = None
        match = re.search(r"\bNIP\b\s*[.:\-]*\s*([\d\s.\-]{8,})", value, re.IGNORECASE)
        if match:
            nip = " ".join(match[1].replace(".", " ").replace("-", " ").split())
            value = value[: match.start()]
        chunks = [c.strip(" ,") for c in re.split(r"\n|\s{2,}|\t", value) if c.strip(" ,")]
        office, name = "", None
        if len(chunks) >= 2:
            office, name = " ".join(chunks[:-1]), chunks[-1]
        elif chunks:
            office = chunks[0]
        self.identity.append((key, office))
        if name is not None:
            self.identity.append(("Nama Pengesah", name))
        if nip is not None:
            self.identity.append(("NIP Pengesah", nip))
        if match and name is None and office:
            self.identity_notes[key] = "the office and the name could not be told apart in the `Disahkan oleh` cell"

    # Boxes ----------------------------------------------------------------------

    def _box_row(self, texts: list[str]) -> list[tuple[int, str]] | None:
        found: list[tuple[int, str]] = []
        for column, text in enumerate(texts):
            if not text:
                continue
            heading = self.words.box_heading(text)
            if heading is None:
                if found:
                    return None
                if len(text) > 0 and column == 0:
                    return None
                continue
            written, rest = heading
            if written in self.boxes:
                return None
            self.boxes[written] = Box(written)
            self.box_order.append(written)
            found.append((column, written))
            if rest:
                self._add_items(written, [rest])
        return found or None

    def _box_content(self, row: _Row, texts: list[str], layout: list[tuple[int, str]], table: int | None) -> bool:
        if row.aligned and table is not None and row.table != table:
            return False
        nonempty = [(c, t) for c, t in enumerate(texts) if t]
        if not nonempty:
            return True
        if len(layout) > 1 and not row.aligned and len(row.cells) < 2 and not _ITEM.match(nonempty[0][1]):
            return False  # a paragraph after the boxes (a title line)
        per_box: dict[str, list[str]] = {}
        for column, text in nonempty:
            box = layout[0][1]
            for start, name in layout:
                if start <= column:
                    box = name
            per_box.setdefault(box, []).append(text)
        for box, parts in per_box.items():
            merged: list[str] = []
            for part in parts:  # a number in a cell of its own, its text in the next
                if merged and re.fullmatch(r"\d{1,3}[.)]?", merged[-1].strip()):
                    merged[-1] = merged[-1].strip().rstrip(".)") + ". " + part
                else:
                    merged.append(part)
            if merged and re.fullmatch(r"\d{1,3}[.)]?", merged[-1].strip()):
                merged.pop()
            self._add_items(box, [" ".join(merged)])
        return True

    def _add_items(self, box_name: str, texts: list[str]) -> None:
        box = self.boxes[box_name]
        for text in texts:
            for line in text.split("\n"):
                line = line.strip()
                if not line:
                    continue
                for piece in _split_numbered(line):
                    marker = _ITEM.match(piece)
                    body = piece[marker.end() :] if marker else piece
                    if marker and marker[1]:
                        box.items.append(body)
                    elif marker:
                        box.items.append(body)
                        box.numbered = False if len(box.items) == 1 else box.numbered
                    elif box.items:
                        box.items[-1] = f"{box.items[-1]} {body}"
                    else:
                        box.items.append(body)
                        box.numbered = False
        if box.items and all(not item.strip() or item.strip() in ("-",) for item in box.items):
            box.items = []

    # The procedure matrix ---------------------------------------------------------

    def _matrix_header(self, index: int) -> tuple[_Matrix, int] | None:
        row = self.rows[index]
        texts = _texts(row)
        keys = [header_key(join_lines(t)) for t in texts]
        number = next((c for c, k in enumerate(keys) if k in self.words.number), None)
        activity = next((c for c, k in enumerate(keys) if k in self.words.activity), None)
        if number is None or activity is None or activity <= number:
            return None
        second = self.rows[index + 1] if index + 1 < len(self.rows) else None
        has_second = False
        if second is not None and second.table == row.table:
            second_texts = _texts(second)
            first_two = second_texts[: activity + 1]
            if all(not t for t in first_two) or (row.aligned and not second.cells[number].origin):
                has_second = any(second_texts)
        sub = _texts(second) if has_second and second is not None else []
        performer = next((c for c, k in enumerate(keys) if k in self.words.performer), None)
        roles: list[tuple[int, str]] = []
        trailing: list[tuple[int, str]] = []
        if row.aligned:
            width = len(texts)
            spans = _spans(row.cells)
            if performer is not None and spans.get(performer, performer + 1) == performer + 1 and not has_second:
                matrix = _Matrix(number, activity, [], [], True, row.table, named=performer)
                for column in range(performer + 1, width):
                    key = self.words.trailing_key(join_lines(texts[column]))
                    if key is not None:
                        matrix.trailing.append((column, key))
                return matrix, 1
            if performer is not None:
                end = spans.get(performer, performer + 1)
                for column in range(performer, end):
                    name = (
                        header_name(sub[column])
                        if column < len(sub) and second is not None and second.cells[column].origin
                        else ""
                    )
                    roles.append((column, name))
                after = end
            else:
                after = activity + 1
                for column in range(activity + 1, width):
                    if (
                        not texts[column]
                        or self.words.trailing_key(texts[column])
                        or header_key(texts[column]) in self.words.mutu_baku
                    ):
                        break
                    roles.append((column, header_name(texts[column])))
                    after = column + 1
            owner = -1
            for column in range(after, width):
                if row.cells[column].origin:
                    owner = column
                top = header_key(texts[owner]) if owner >= 0 else ""
                name = ""
                if top in self.words.mutu_baku or not top:
                    if column < len(sub) and second is not None and second.cells[column].origin:
                        name = sub[column]
                elif row.cells[column].origin:
                    name = texts[column]
                key = self.words.trailing_key(join_lines(name)) if name else None
                if key is not None:
                    trailing.append((column, key))
            used = 2 if has_second else 1
            return _Matrix(number, activity, roles, trailing, True, row.table), used
        # A text extraction: role names from the second row, the trailing names in order.
        start = activity + 1
        if has_second:
            for text in sub[start:]:
                if not text:
                    if roles:
                        break
                    continue
                if self.words.trailing_key(text):
                    break
                roles.append((len(roles), header_name(text)))
        names: list[str] = []
        for text in texts[start:]:
            key = header_key(text)
            if not text or key in self.words.performer:
                continue
            if key in self.words.mutu_baku:
                names.extend(t for t in sub[start:] if t and self.words.trailing_key(t))
            else:
                names.append(text)
        if not names:  # every trailing name in the second row
            names = [t for t in sub[start:] if t and self.words.trailing_key(t)]
        keys_from_right = [self.words.trailing_key(n) for n in names]
        trailing = [(len(names) - i, key) for i, key in enumerate(keys_from_right) if key]
        return _Matrix(number, activity, roles, trailing, False, row.table), (2 if has_second else 1)

    def _step_row(self, matrix: _Matrix, row: _Row) -> None:
        texts = [cell.text if cell.origin else "" for cell in row.cells]
        if matrix.aligned:

            def at(column: int) -> str:
                return texts[column] if column < len(texts) else ""

            number_text = join_lines(at(matrix.number))
            activity = join_lines(at(matrix.activity))
            role_cells = [row.cells[c] if c < len(row.cells) else Cell() for c, _ in matrix.roles]
            values = {key: join_lines(at(column)) for column, key in matrix.trailing}
            if matrix.named is not None:
                named = [n.strip() for n in join_lines(at(matrix.named)).split(",") if n.strip()]
                for name in named:
                    if name not in [n for _, n in matrix.roles]:
                        matrix.roles.append((-1, name))
                role_cells = [Cell("✓") if n in named else Cell() for _, n in matrix.roles]  # as typed marks
        else:
            cells = list(row.cells)
            while cells and not cells[0].text.strip() and not cells[0].marks:
                cells.pop(0)
            if not cells:
                return
            number_text = join_lines(cells[0].text)
            activity = join_lines(cells[1].text) if len(cells) > 1 else ""
            rest = cells[2:]
            depth = max((position for position, _ in matrix.trailing), default=0)
            tail = rest[len(rest) - depth :] if depth and len(rest) >= depth else [Cell()] * (depth - len(rest)) + rest
            role_cells = rest[: max(0, len(rest) - depth)]
            values = {key: join_lines(tail[depth - position].text) for position, key in matrix.trailing}
        empty = _NUMBER.match(number_text) is None and not activity and not any(values.values())
        if empty and not any(cell.marks or cell.text.strip() for cell in role_cells):
            return  # an empty row
        performers: list[str] = []
        notes: list[str] = []
        marks: list[Mark] = []
        branches: dict[str, str] = {}  # `Ya: 3` written beside a symbol (what `render --format docx` writes)
        for position, cell in enumerate(role_cells):
            name = matrix.roles[position][1] if position < len(matrix.roles) else ""
            name = name or f"Pelaksana {position + 1}"
            found = list(cell.marks)
            lines = cell.text.split("\n") if cell.origin else []
            for line in list(lines):
                branch = _BRANCH.match(line.strip())
                if branch and (found or branches):
                    branches[branch[1].capitalize()] = branch[2].strip()
                    lines.remove(line)
            typed = join_lines("\n".join(lines))
            if typed:
                found.append(Mark("typed", typed))
                if fold(typed) not in self.words.marks:
                    notes.append(f"the text `{typed}` in the {name} column is read as its performer mark")
            if found:
                performers.append(name)
                marks.extend(found)
                notes.extend(mark.guess for mark in found if mark.guess)
                ends = [m.label for m in found if m.kind == "terminator" and fold(m.label) in self.words.terminators]
                if ends and len(ends) == len(found):
                    notes.append(f"only the `{ends[0]}` terminator stands in the {name} column: read as this step's performer")
        match = _NUMBER.match(number_text)
        terminator = fold(activity).rstrip(".") in self.words.terminators
        if match is None and terminator:
            return  # the start or the end of the flow: not a step
        if match is None and not number_text and matrix.steps and not performers and activity:
            previous = matrix.steps[-1]  # the rest of a row a page break cut in two
            previous.activity = f"{previous.activity} {activity}"
            for key, value in values.items():
                if value:
                    previous.fields[key] = f"{previous.fields.get(key, '')} {value}".strip()
            return
        if match is None and not number_text and marks and all(m.kind == "offpage" for m in marks):
            return  # an off-page connector row (`bersambung ke halaman 2 (A)`): the page break, not a step
        if match is None and not number_text and not activity and not any(values.values()):
            # Only symbols (a start or an end, a connector of a branch): part of the step above.
            if matrix.steps and any(m.kind != "terminator" for m in marks):
                previous = matrix.steps[-1]
                for name in performers:
                    if name not in previous.performers:
                        previous.performers.append(name)
                        previous.notes.append(f"a symbol in the row below, in the {name} column, is read as part of this step")
            return
        if match is not None:
            number = match[1]
        else:
            number = str(_last_number(matrix) + 1)
            notes.insert(0, f"the No cell is {'empty' if not number_text else f'`{number_text}`'}: numbered {number}")
        if matrix.roles and not performers and not terminator and matrix.aligned:
            notes.append("no symbol or mark in any Pelaksana column: the performer is not known")
        step = StepRecord(number, activity, performers, {k: v for k, v in values.items() if v}, notes=notes)
        if not activity:
            label = next((m.label for m in marks if m.label.strip() and not _NUMBER.match(m.label.strip())), "")
            if label:
                step.activity = label
                notes.append("the activity is the text inside its symbol")
        decision = next((m for m in marks if m.kind == "decision"), None)
        if decision is not None:
            self._decision(step, decision, matrix, branches, row)
        elif "Lanjut" in branches:
            step.next = branches["Lanjut"]
        matrix.steps.append(step)

    def _decision(self, step: StepRecord, mark: Mark, matrix: _Matrix, branches: dict[str, str], row: _Row) -> None:
        label = mark.label.strip()
        step.decision = label if label and not _NUMBER.match(label) else step.activity
        if not label and matrix.aligned and matrix.activity < len(row.cells):
            # The question as a paragraph of its own under the activity, ending in `?`.
            paragraphs = [p.strip() for p in row.cells[matrix.activity].text.split("\n") if p.strip()]
            if len(paragraphs) > 1 and paragraphs[-1].endswith("?"):
                step.decision = paragraphs[-1]
                step.activity = join_lines("\n".join(paragraphs[:-1]))
        step.yes, step.no = branches.get("Ya"), branches.get("Tidak")
        step.next = branches.get("Lanjut")
        remark = step.fields.get("Keterangan", "")
        for attribute, word in (("yes", "ya"), ("no", "tidak")):
            if getattr(step, attribute) is not None:
                continue
            # `Ya: 4`, `Ya ke langkah 4`, `Tidak: kembali ke langkah 2`
            found = re.search(rf"\b{word}\b[\s:=,]*(?:[^\W\d]+\.?\s+){{0,3}}(\d+)", remark, re.IGNORECASE)
            if found:
                setattr(step, attribute, found[1])
        if step.yes is None and step.number is not None:
            step.yes = str(int(step.number) + 1)
            step.field_notes["Ya"] = "the Ya branch is taken as the next step (no target found in the source)"
        if step.no is None:
            step.field_notes["Keputusan"] = "no target of the Tidak branch found in the source"

    # The result -------------------------------------------------------------------

    def _procedures(self) -> list[Procedure]:
        identity = list(self.identity)
        agency, units = self._agency() if identity else ("", [])  # header lines beside an identity table only
        extra: list[tuple[str, str]] = []
        if agency:
            extra.append(("Instansi", agency))
        if units:
            extra.append(("Unit", ", ".join(units)))
        if identity:
            identity[1:1] = extra
        else:
            identity = extra
        boxes = [self.boxes[name] for name in self.box_order]
        procedures: list[Procedure] = []
        matrices = [m for m in self.matrices if m.steps] or self.matrices[:1]
        for matrix in matrices:
            title = self.title
            title_note = None
            if not title:
                title = _title_from(matrix.title) or self.name
                title_note = "no Nama SOP in the source: the title is " + (
                    "the line above the procedure table" if _title_from(matrix.title) else "the file's name"
                )
            roles = [name or f"Pelaksana {i + 1}" for i, (_, name) in enumerate(matrix.roles)]
            steps = matrix.steps
            procedure = Procedure(
                title=title,
                identity=identity,
                identity_notes=dict(self.identity_notes),
                boxes=[Box(b.heading, list(b.items), b.numbered, b.note) for b in boxes],
                roles=roles,
                steps=steps,
                title_note=title_note,
            )
            unnamed = [i + 1 for i, (_, name) in enumerate(matrix.roles) if not name]
            if unnamed:
                procedure.notes.append(f"Pelaksana column(s) {', '.join(map(str, unnamed))} have no name in the header")
            if not matrix.aligned and matrix.roles:
                procedure.notes.append(
                    "a text extraction: the flowchart symbols that placed each step in a Pelaksana column are lost,"
                    " so no step has a Pelaksana"
                )
            procedures.append(procedure)
        if not procedures and (identity or boxes):
            procedures.append(
                Procedure(
                    title=self.title or self.name,
                    identity=identity,
                    identity_notes=dict(self.identity_notes),
                    boxes=boxes,
                    notes=["no procedure table (No, Kegiatan, Pelaksana …) found"],
                    title_note=None if self.title else "no Nama SOP in the source: the title is the file's name",
                )
            )
        return procedures

    def _agency(self) -> tuple[str, list[str]]:
        lines: list[str] = []
        for line in self.header_lines:
            for part in line.split("\n"):
                part = clean(part)
                if part and len(part) < 120 and not _TITLE_LINE.match(part):
                    if lines and (lines[-1].endswith((" DAN", " dan", "&")) or _needs_name(lines[-1])):
                        lines[-1] = f"{lines[-1]} {part}"
                    else:
                        lines.append(part)
        agency = ""
        units: list[str] = []
        for line in lines:
            if not agency and any(fold(line).startswith(word) for word in self.words.agency):
                agency = line
            elif line not in units and line != agency and fold(line) != fold(self.title or ""):
                units.append(line)
        return agency, units


_TITLE_LINE = re.compile(r"^(\[image|LAMPIRAN|SOP\b|STANDAR OPERASIONAL|STANDAR OPERSIONAL)", re.IGNORECASE)


def _needs_name(line: str) -> bool:
    """`PEMERINTAH KABUPATEN` goes on with the regency's name on the next line."""
    return bool(re.search(r"\b(KABUPATEN|PROVINSI|KOTA|Kabupaten|Provinsi|Kota)$", line))


def _title_from(line: str | None) -> str | None:
    if not line:
        return None
    title = re.sub(r"^(STANDAR OPERA?SIONAL PROSEDUR|SOP)\s*(\(SOP\))?\s*", "", line, flags=re.IGNORECASE).strip()
    return title.title() if title.isupper() else title or None


def _spans(cells: list[Cell]) -> dict[int, int]:
    """Where each merged cell of a row ends (exclusive)."""
    ends: dict[int, int] = {}
    column = 0
    while column < len(cells):
        end = column + 1
        while end < len(cells) and not cells[end].origin:
            end += 1
        ends[column] = end
        column = end
    return ends


def _same_columns(old: _Matrix, new: _Matrix) -> bool:
    return [fold(n) for _, n in old.roles] == [fold(n) for _, n in new.roles] and old.trailing == new.trailing


def _last_number(matrix: _Matrix) -> int:
    for step in reversed(matrix.steps):
        if step.number and step.number.isdigit():
            return int(step.number)
    return 0


def _split_numbered(line: str) -> list[str]:
    """`1. a 2. b` → two items: a number splits only where the list goes on (1, 2, 3 …),
    so `Nomor 53 Tahun 2014.` and `PP 12.` stay inside their item."""
    first = re.match(r"\s*(\d{1,3})\s*[.)]\s+", line)
    if first is None:
        return [line]
    expected = int(first[1]) + 1
    pieces: list[str] = []
    start = 0
    position = first.end()
    while True:
        found = re.compile(rf"(?:^|\s){expected}\s*[.)]\s+").search(line, position)
        if found is None:
            break
        cut = found.start() + (1 if line[found.start()].isspace() else 0)
        pieces.append(line[start:cut].strip())
        start, position, expected = cut, found.end(), expected + 1
    pieces.append(line[start:].strip())
    return pieces


def read_blocks(blocks: list[Block], pack: Pack, name: str) -> list[Procedure]:
    """The procedures in a document's blocks (one per procedure matrix)."""
    return _Reader(blocks, pack, name).read()
