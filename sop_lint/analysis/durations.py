"""The durations of one SOP as the D rules judge them (`Facts.durations`).

Each `Waktu` (and Identitas `Batas Waktu`) gets at most one of D502–D505,
the first that applies: no number (D502), an amount that cannot be a
duration (D505), an unknown unit (D504), no unit (D503).
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from ..model import Duration, Sop, Step


def durations_of(sop: Sop) -> Iterator[tuple[str, Duration]]:
    """Every duration value to judge: each step's Waktu, and Identitas Batas Waktu."""
    if sop.identity is not None and sop.identity.time_limit is not None:
        yield "Batas Waktu", sop.identity.time_limit
    for step in sop.steps:
        if not step.terminator and step.duration is not None and step.duration.text.strip():
            yield "Waktu", step.duration


def invalid_reason(duration: Duration) -> str | None:
    """Why a quantified duration cannot be one (D505), or None."""
    low, high = duration.low, duration.high
    if low is None or high is None:
        return None
    if not (math.isfinite(low) and math.isfinite(high)):
        return "too-large"
    if low < 0 or high < 0:
        return "negative"
    if high < low:
        return "reversed"
    if high == 0:
        return "zero"
    if duration.minutes_high is not None and not math.isfinite(duration.minutes_high):
        return "too-large"
    return None


def duration_problem(duration: Duration) -> str | None:
    """The one D code a duration gets, if any."""
    if not duration.has_number:
        return "D502"
    if invalid_reason(duration):
        return "D505"
    if duration.unit is None and duration.unit_text is not None:
        return "D504"
    if duration.unit is None:
        return "D503"
    return None


def judge_durations(sop: Sop) -> list[tuple[str, Duration, str | None]]:
    """Each duration of `durations_of` with the one D code it gets (`duration_problem`), if any."""
    return [(key, duration, duration_problem(duration)) for key, duration in durations_of(sop)]


def step_minutes(step: Step) -> tuple[float, float] | None:
    """A step's usable Waktu in working minutes as (low, high) — what D506 counts — or
    None when it has none (a terminator, no Waktu, or one D502–D505 reports)."""
    duration = step.duration
    if step.terminator or duration is None or duration.minutes_high is None or duration_problem(duration) is not None:
        return None
    low = duration.minutes_low if duration.minutes_low is not None else duration.minutes_high
    return low, duration.minutes_high


def usable_limit(sop: Sop) -> Duration | None:
    """Identitas Batas Waktu when it is a usable duration (D506 compares with it), else None."""
    limit = sop.identity.time_limit if sop.identity is not None else None
    if limit is None or duration_problem(limit) is not None or limit.minutes_high is None:
        return None
    return limit
