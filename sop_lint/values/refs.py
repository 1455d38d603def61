"""Step references: `7`, `langkah 7`, `ke langkah 7`, `langkah ke-7`, `ke-7`,
`kembali ke langkah 2`, `step 7`, `no. 4`, `7 (Menandatangani)`.

The words are the rule pack's (`step_references` in rules/builtin.json): a
reference is an optional lead (`ke`, `kembali ke`, `lanjut ke`, `menuju`,
`diteruskan ke` …), an optional step word (`langkah`, `step`, `no.` …), an
optional ordinal (`ke-`), the number, and an optional note in brackets. A pack
adds words to any of the three; nothing here lists them.

A branch target may also be the end of the procedure: one of the pack's
`ends` (`Selesai`, `Proses selesai`, `Akhir`), with an optional lead and note
(`lanjut ke Selesai`, `Selesai (proses berakhir)`): `end=True`, `target=None`,
and the flow goes to the end.

A reference that is none of these (`langkah -1`, `lihat langkah 4`, a number
of ten digits or more) parses with `target=None`: rule S402 reports it, and
flow analysis treats the step's flow as unknown.
"""

from __future__ import annotations

import re

from ..model import Span, StepRef
from ..pack import Pack, builtin_pack


def _alternatives(words: list[str]) -> str:
    """The words as one regex alternation, longest first; a space stands for any run of spaces."""
    escaped = (r"\s+".join(re.escape(part) for part in word.split()) for word in sorted(words, key=len, reverse=True))
    return "|".join(escaped)


def step_ref_pattern(pack: Pack) -> re.Pattern[str]:
    """The pattern of a whole reference, made from the pack's words once per pack."""
    pattern: re.Pattern[str] | None = pack.compiled.get("step_ref")
    if pattern is None:
        leads, words, ordinals = (_alternatives(w) for w in (pack.step_ref_leads, pack.step_ref_words, pack.step_ref_ordinals))
        pattern = pack.compiled["step_ref"] = re.compile(
            (rf"(?:(?:{leads})\s+)?" if leads else "")  # `ke langkah 2`, `kembali ke langkah 2`
            + (rf"(?:{words})?\s*" if words else "")  # `langkah 2`, `no. 2`
            + (rf"(?:(?:{ordinals})\s*-?\s*)?" if ordinals else "")  # `langkah ke-7`, `ke-7`
            + r"(\d{1,9})\.?"  # at most nine digits: int() on a 2 MB number is slow and pointless
            + r"(?:\s*\([^()]*\))?$",  # `7 (Menandatangani)`: a note on which step that is
            re.IGNORECASE,
        )
    return pattern


def end_pattern(pack: Pack) -> re.Pattern[str] | None:
    """The pattern of a branch target that means the end (`Selesai`, `lanjut ke Selesai`,
    `Selesai (proses berakhir)`), from the pack's `ends`; None when it has none."""
    if "step_ref_end" not in pack.compiled:
        ends, leads = _alternatives(pack.step_ref_ends), _alternatives(pack.step_ref_leads)
        pack.compiled["step_ref_end"] = (
            re.compile(
                (rf"(?:(?:{leads})\s+)?" if leads else "") + rf"(?:{ends})\.?(?:\s*\([^()]*\))?\.?$",
                re.IGNORECASE,
            )
            if ends
            else None
        )
    pattern: re.Pattern[str] | None = pack.compiled["step_ref_end"]
    return pattern


def parse_step_ref(text: str, span: Span, pack: Pack | None = None) -> StepRef:
    # Whitespace runs made single first: the optional spaces around the words cannot
    # then trade a long run among themselves (quadratic backtracking on a hostile value).
    pack = pack or builtin_pack()
    value = " ".join(text.split())
    match = step_ref_pattern(pack).match(value)
    if match:
        return StepRef(text, span, int(match[1]))
    ends = end_pattern(pack)
    return StepRef(text, span, None, end=ends is not None and ends.match(value) is not None)
