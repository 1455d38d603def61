"""`sop-lint stats FILE|DIR [--output-format text|json]`: what a procedure amounts to.

Per SOP: steps and decisions; the roles, each with the steps it performs
(in declaration order; a performer naming no declared role is listed apart);
the total of every step's Waktu and the longest path through the flow graph,
both in working time (the pack's units and hours per day), a range as
low–high; and the longest path against Identitas Batas Waktu where given.

The durations are the parser's, counted as D506 counts them
(`analysis.durations.step_minutes`): a step with no usable Waktu counts as
nothing and is counted apart; a loop counts once (`Flow.longest_path`).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

import click

from .analysis.durations import step_minutes, usable_limit
from .cli import Command
from .flow import build_flow, step_label
from .model import Sop
from .reading import InputError, Inputs
from .values.durations import format_minutes


def _range(low: float | None, high: float | None, hours_per_day: float) -> str | None:
    if low is None or high is None:
        return None
    if abs(high - low) < 1e-9:
        return format_minutes(high, hours_per_day)
    return f"{format_minutes(low, hours_per_day)} – {format_minutes(high, hours_per_day)}"


def sop_stats(sop: Sop, hours_per_day: float) -> dict[str, Any]:
    """The figures of one SOP, as the JSON output gives them (minutes are working minutes)."""
    from .renderers.layout import is_decision

    steps = sop.steps
    flow = build_flow(sop)
    usable = [step_minutes(step) for step in steps]
    lows = [u[0] if u is not None else 0.0 for u in usable]
    highs = [u[1] if u is not None else 0.0 for u in usable]
    longest_low = flow.longest_path(lows)
    longest_high = flow.longest_path(highs)
    roles: list[dict[str, Any]] = []
    for role in sop.roles:
        performed = [step_label(s) for s in steps if any(ref.role is role for ref in s.performers)]
        roles.append({"alias": role.alias, "name": role.name, "steps": performed})
    undeclared: dict[str, list[str]] = {}
    for step in steps:
        for ref in step.performers:
            if ref.role is None:
                undeclared.setdefault(ref.text, []).append(step_label(step))
    limit = usable_limit(sop)
    verdict = None
    if limit is not None and limit.minutes_high is not None and longest_high is not None and longest_low is not None:
        # As D506 judges it: the upper bound of the longest path against the limit.
        if longest_high <= limit.minutes_high + 1e-6:
            verdict = "within"
        elif longest_low <= limit.minutes_high + 1e-6:
            verdict = "may-exceed"
        else:
            verdict = "exceeds"
    time_limit = sop.identity.time_limit if sop.identity is not None else None
    return {
        "title": sop.title,
        "steps": len(steps),
        "decisions": sum(1 for step in steps if is_decision(step)),
        "roles": roles,
        "undeclared_performers": [{"text": text, "steps": labels} for text, labels in undeclared.items()],
        "steps_without_duration": [step_label(s) for s, u in zip(steps, usable, strict=True) if u is None and not s.terminator],
        "total_minutes": [sum(lows), sum(highs)] if steps else None,
        "total": _range(sum(lows), sum(highs), hours_per_day) if steps else None,
        "longest_path_minutes": [longest_low, longest_high] if longest_high is not None else None,
        "longest_path": _range(longest_low, longest_high, hours_per_day),
        "longest_path_is_lower_bound": any(flow.unknown),
        "time_limit": time_limit.text if time_limit is not None else None,
        "time_limit_minutes": limit.minutes_high if limit is not None else None,
        "time_limit_verdict": verdict,
    }


_VERDICTS = {"within": "is within it", "may-exceed": "may exceed it (the range's upper end does)", "exceeds": "exceeds it"}


def text_report(name: str, stats: dict[str, Any]) -> str:
    lines = [f"{name}: {stats['title'] or '(no title)'}"]
    decisions = stats["decisions"]
    lines.append(f"  steps: {stats['steps']} ({decisions} decision{'s' if decisions != 1 else ''})")
    lines.append(f"  roles: {len(stats['roles'])}")
    for role in stats["roles"]:
        label = role["alias"] if role["alias"] == role["name"] else f"{role['alias']} ({role['name']})"
        performed = ", ".join(role["steps"]) if role["steps"] else "no step"
        lines.append(f"    {label}: {performed}")
    for other in stats["undeclared_performers"]:
        lines.append(f"    {other['text']} (not declared): {', '.join(other['steps'])}")
    lines.append(f"  total duration: {stats['total'] or '-'}")
    longest = stats["longest_path"] or "-"
    if stats["longest_path_is_lower_bound"] and stats["longest_path"]:
        longest += " (at least: part of the flow is unknown)"
    lines.append(f"  longest path: {longest}")
    if stats["steps_without_duration"]:
        lines.append(f"  steps without a usable Waktu (counted as 0): {', '.join(stats['steps_without_duration'])}")
    if stats["time_limit"] is not None:
        if stats["time_limit_verdict"] is None:
            lines.append(f"  Batas Waktu: {stats['time_limit']} (not a usable duration)")
        else:
            lines.append(f"  Batas Waktu: {stats['time_limit']}: the longest path {_VERDICTS[stats['time_limit_verdict']]}")
    return "\n".join(lines) + "\n"


@click.command("stats", cls=Command)
@click.argument("paths", nargs=-1)
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text", help="Text, or JSON for tools.")
@click.option("--config", "config_file", default=None, metavar="PATH", help="Use this configuration file.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
def stats(paths: Sequence[str], output_format: str, config_file: str | None, isolated: bool) -> None:
    """Steps, decisions, roles and their steps, total and longest-path duration of each SOP."""
    from .cli import EXIT_CLEAN, EXIT_ERROR, fail

    try:
        inputs = Inputs(tuple(paths), config_file, isolated)
    except InputError as error:
        fail(error)
    hours = inputs.pack.hours_per_day
    failed = False
    records: list[dict[str, Any]] = []
    out = sys.stdout
    for document in inputs.documents():
        if document.sop is None:
            click.echo(f"sop-lint: error: {document.error}", err=True)
            failed = True
            continue
        figures = sop_stats(document.sop, hours)
        if output_format == "json":
            records.append({"path": str(document.path), **figures})
        else:
            out.write(text_report(str(document.path), figures))
    if output_format == "json":
        json.dump(records, out, indent=2, ensure_ascii=False)
        out.write("\n")
    sys.exit(EXIT_ERROR if failed else EXIT_CLEAN)
