"""Analyses: what the rules know of one file besides its model.

The model says what the SOP is; an analysis works something out from it
that several rules read — the roles and which references resolve
(`roles`), the flow graph (`sop_lint.flow`), the citations worth checking
(`citations`), the D code of each duration (`durations`), and what counts as
no content (`placeholders`, plain functions). Data flows one way: text →
parse → model → analyses → findings; an analysis never reports a finding and
never reads another file.

`Facts` holds them for one file, each computed on first use and then kept:
rules reach it as `ctx.facts_for(sop)` and read typed attributes (no cache
keyed by strings). The facts are plain records over the model — no context,
no open file, no callables — so a later repository rule can keep them per
file (they pickle).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

    from ..flow import Flow
    from ..model import Duration, Sop
    from ..pack import Pack
    from .citations import CitationEntry
    from .roles import RoleFacts


class Facts:
    """The analyses of one SOP, each worked out on first use."""

    __slots__ = ("sop", "pack", "today", "_roles", "_flow", "_citations", "_durations")  # noqa: RUF023 - the inputs first

    def __init__(self, sop: Sop, pack: Pack, today: date) -> None:
        self.sop = sop
        self.pack = pack
        self.today = today
        self._roles: RoleFacts | None = None
        self._flow: Flow | None = None
        self._citations: list[CitationEntry] | None = None
        self._durations: list[tuple[str, Duration, str | None]] | None = None

    @property
    def roles(self) -> RoleFacts:
        """The declared roles, the step references to them and the collisions (R rules)."""
        if self._roles is None:
            from .roles import RoleFacts

            self._roles = RoleFacts(self.sop, self.pack)
        return self._roles

    @property
    def flow(self) -> Flow:
        """Which step can follow which (S404, S405, D506)."""
        if self._flow is None:
            from ..flow import build_flow

            self._flow = build_flow(self.sop)
        return self._flow

    @property
    def citations(self) -> list[CitationEntry]:
        """The Dasar Hukum citations worth checking, with what the L rules need of each."""
        if self._citations is None:
            from .citations import read_citations

            self._citations = read_citations(self.sop, self.pack, self.today)
        return self._citations

    @property
    def durations(self) -> list[tuple[str, Duration, str | None]]:
        """Every `Waktu` and the `Batas Waktu` with the one D code each gets, if any (D502–D504)."""
        if self._durations is None:
            from .durations import judge_durations

            self._durations = judge_durations(self.sop)
        return self._durations
