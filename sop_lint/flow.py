"""The flow graph of a procedure: which step can follow which.

Nodes are the steps in written order (by `Step.index`) and END, numbered
`len(steps)`. A reference (`Ya`/`Tidak`/`Lanjut`) names the step with that
*written* number, the first one when a number is written twice. A step that
is no decision goes to its `Lanjut` target, else to the step written after
it; the last step goes to END. A decision (`Keputusan`) goes to its `Ya` and
`Tidak` targets.

A step whose flow cannot be known — a reference to no step (S402) or a
decision lacking a branch (S403) — is *unknown*: it may go to every step and
to END, so the mistake already reported causes no S404/S405 behind it (one
mistake, one finding).

Everything is iterative (no recursion over steps: a 3,000-step `Lanjut`
chain must not overflow the stack) and linear in the number of steps and
references. The rules that need the graph read `Facts.flow` (`sop_lint.analysis`), which
builds it once per file; nothing is cached globally.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence

from .model import Sop, Step, StepRef
from .records import Record, field


def step_branches(step: Step) -> list[tuple[str, str, StepRef]]:
    """A step's branches, as (the key of the field written, the attribute it filled:
    `yes`, `no` or `next`, the reference). Which field fills which attribute is the
    pack's (`branch`), read by the parser; the key is the field's, whatever its words."""
    branches: list[tuple[str, str, StepRef]] = []
    for name, ref in (("yes", step.yes), ("no", step.no), ("next", step.next)):
        if ref is not None:
            key = next((f.key or f.key_text for f in step.fields if f.value_span == ref.span), name)
            branches.append((key, name, ref))
    return branches


class Branch(Record):
    """A reference written on a step, resolved."""

    key: str  # the key of the field written ("Ya", "Tidak" or "Lanjut" in the built-in pack)
    branch: str  # the step attribute it was read into: "yes", "no" or "next"
    ref: StepRef
    target: int | None  # the index of the step it names; None when none (S402)
    used: bool = False  # part of the flow (a decision's Lanjut is not)


class Loop(Record):
    """A loop with no way to END: steps that reach each other and nothing else."""

    members: list[int]  # step indices, in written order
    source: int  # the last step of the loop, whose backward reference closes it
    closing: Branch  # that reference

    @property
    def self_only(self) -> bool:
        """One step pointing at itself: S406's, not S405's."""
        return len(self.members) == 1


class Flow(Record):
    steps: list[Step]
    successors: list[list[int]]  # the known successors of each step; END is len(steps)
    unknown: list[bool]  # the step's flow is unknown: it may go anywhere
    branches: list[list[Branch]] = field(default_factory=list)
    _loops: list[Loop] | None = None  # dead_loops(), computed once

    @property
    def end(self) -> int:
        return len(self.steps)

    def reachable(self, extra: Mapping[int, int] | None = None) -> list[bool]:
        """Which steps some path from the first step reaches (`extra`: added edges)."""
        n = len(self.steps)
        seen = [False] * n
        if not n:
            return seen
        extra = extra or {}
        seen[0] = True
        queue = deque([0])
        while queue:
            step = queue.popleft()
            if self.unknown[step]:
                return [True] * n  # it may go to every step
            targets = self.successors[step]
            if step in extra:
                targets = [*targets, extra[step]]
            for target in targets:
                if target < n and not seen[target]:
                    seen[target] = True
                    queue.append(target)
        return seen

    def reaches_end(self) -> list[bool]:
        """Which steps have some path to END (an unknown step may end)."""
        n = len(self.steps)
        predecessors: list[list[int]] = [[] for _ in range(n + 1)]
        for step, targets in enumerate(self.successors):
            for target in targets:
                predecessors[target].append(step)
        done = [False] * (n + 1)
        queue = deque([n, *(step for step in range(n) if self.unknown[step])])
        for node in queue:
            done[node] = True
        while queue:
            node = queue.popleft()
            for step in predecessors[node]:
                if not done[step]:
                    done[step] = True
                    queue.append(step)
        return done[:n]

    def dead_loops(self) -> list[Loop]:
        """Reachable loops with no way to END, one per loop, in written order.

        Only the loops nothing leaves (sink components): a loop whose exits
        all lead into another dead loop is fixed with that one.
        """
        if self._loops is None:
            self._loops = self._dead_loops()
        return self._loops

    def _dead_loops(self) -> list[Loop]:
        n = len(self.steps)
        reach = self.reachable()
        ends = self.reaches_end()
        trapped = [reach[i] and not ends[i] for i in range(n)]
        # Successors of a trapped step are trapped and reachable: the components
        # of the trapped steps are closed under `successors` (END never appears).
        component = _components(self.successors, trapped)
        count = max(component, default=-1) + 1
        members: list[list[int]] = [[] for _ in range(count)]
        leaves = [False] * count
        for step in range(n):
            c = component[step]
            if c < 0:
                continue
            members[c].append(step)
            if any(component[t] != c for t in self.successors[step]):
                leaves[c] = True
        loops: list[Loop] = []
        for c in range(count):
            if leaves[c] or not members[c]:
                continue
            group = members[c]
            inside = set(group)
            last = group[-1]  # its every flow edge stays in the loop, so goes back
            back = [b for b in self.branches[last] if b.used and b.target in inside]
            back.sort(key=lambda b: b.target == last)  # prefer a reference to another step
            loops.append(Loop(group, last, back[0]))
        loops.sort(key=lambda loop: loop.members[0])
        return loops

    def longest_path(self, weights: Sequence[float]) -> float | None:
        """The heaviest path from the first step to END (None when there is none).

        Back edges (found by a depth-first walk from the first step) are left
        out, so a loop counts once. An unknown step may end the procedure:
        the result is then a lower bound of the true longest path.
        """
        n = len(self.steps)
        if not n:
            return None
        state = [0] * n  # 0 unseen, 1 on the walk's path, 2 done
        finished = [-1] * n  # position in post-order
        order: list[int] = []
        state[0] = 1
        stack: list[tuple[int, int]] = [(0, 0)]
        while stack:
            step, i = stack[-1]
            targets = self.successors[step]
            if i < len(targets):
                stack[-1] = (step, i + 1)
                target = targets[i]
                if target < n and state[target] == 0:
                    state[target] = 1
                    stack.append((target, 0))
            else:
                stack.pop()
                state[step] = 2
                finished[step] = len(order)
                order.append(step)
        none = float("-inf")
        best = [none] * n
        for step in order:  # post-order: every forward successor comes first
            options = [0.0] if self.unknown[step] else []
            for target in self.successors[step]:
                if target == n:
                    options.append(0.0)
                elif finished[target] < finished[step]:  # not a back edge
                    options.append(best[target])
            tail = max(options, default=none)
            best[step] = weights[step] + tail if tail != none else none
        return best[0] if best[0] != none else None


def decision_problem(step: Step) -> str | None:
    """Why a step's branching is incomplete (S403), or None when it is not."""
    has_yes, has_no = step.yes is not None, step.no is not None
    if step.decision is not None:
        if not has_yes and not has_no:
            return "neither"
        if not has_yes:
            return "no-yes"
        if not has_no:
            return "no-no"
        return None
    if has_yes or has_no:
        return "not-a-decision"
    return None


def build_flow(sop: Sop) -> Flow:
    steps = sop.steps
    index_of = {number: step.index for number, step in sop.step_numbers().items()}
    flow = Flow(steps, [], [])
    for step in steps:
        branches: list[Branch] = []
        for key, name, ref in step_branches(step):
            target = len(steps) if ref.end else index_of.get(ref.target) if ref.target is not None else None
            branches.append(Branch(key, name, ref, target))
        flow.branches.append(branches)
        targets: list[int] = []
        unknown = decision_problem(step) is not None
        if not unknown:
            if step.decision is not None:
                used = [b for b in branches if b.branch != "next"]
            elif step.next is not None:
                used = [b for b in branches if b.branch == "next"]
            else:
                used = []
                targets.append(step.index + 1)  # the next written step, or END after the last
            for branch in used:
                branch.used = True
                if branch.target is None:
                    unknown = True
                elif branch.target not in targets:
                    targets.append(branch.target)
        flow.successors.append([] if unknown else targets)
        flow.unknown.append(unknown)
    return flow


def step_label(step: Step) -> str:
    """How messages name a step: its written number, or `#position` when it has none."""
    return str(step.number) if step.number is not None else f"#{step.index + 1}"


def label_list(steps: Sequence[Step], limit: int = 8) -> str:
    """`2, 3, 4` — or `2, 3, 4, … 3000 (2999 steps)` for a long list."""
    labels = [step_label(step) for step in steps[:limit]]
    if len(steps) > limit:
        return f"{', '.join(labels)}, … {step_label(steps[-1])} ({len(steps)})"
    return ", ".join(labels)


def _components(successors: list[list[int]], members: list[bool]) -> list[int]:
    """Strongly connected components of the member steps (iterative Tarjan).

    Component ids for members, -1 for the rest. Edges leaving the members
    are ignored.
    """
    n = len(members)
    component = [-1] * n
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    counter = 0
    count = 0
    for root in range(n):
        if not members[root] or index[root] != -1:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        work: list[tuple[int, int]] = [(root, 0)]
        while work:
            node, i = work[-1]
            targets = successors[node]
            if i < len(targets):
                work[-1] = (node, i + 1)
                target = targets[i]
                if target >= n or not members[target]:
                    continue
                if index[target] == -1:
                    index[target] = low[target] = counter
                    counter += 1
                    stack.append(target)
                    on_stack[target] = True
                    work.append((target, 0))
                elif on_stack[target]:
                    low[node] = min(low[node], index[target])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                while True:
                    member = stack.pop()
                    on_stack[member] = False
                    component[member] = count
                    if member == node:
                        break
                count += 1
    return component
