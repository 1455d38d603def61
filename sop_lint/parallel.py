"""Linting many files: the results cache, then worker processes for the rest.

`lint_paths` reads each file, takes what the cache holds, and lints the
others — in this process when they are few (a pre-commit run of one or two
files must not pay for processes), else in `--jobs` worker processes (by
default one per core this process may use). Workers return findings as
plain tuples (`cache.encode`), never models — and, when asked, the file's
facts for the repository rules (`sop_lint.repository.facts`, as tuples
too); results come back in the
order of the paths, whatever the number of workers, so the output is the
same with `--jobs 1` and `--jobs 8`.

Where `fork` is the way processes start (Linux), the workers are forked
from this process with the rules, the pack and the files already in memory,
and take chunks of files from it over pipes as they finish the last one:
starting one costs about a millisecond. Elsewhere (Windows, macOS) a
standard process pool of freshly started interpreters does the work.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .files import read_source

if TYPE_CHECKING:
    from .cache import Cache, Record
    from .engine import Linter, Settings
    from .repository.facts import Facts
    from .rule import Finding

PARALLEL_MIN_FILES = 8  # fewer files than this are linted in this process
# A worker gives one file this much CPU time, then the system ends it (SIGXCPU-like, by
# SIGVTALRM): the file is reported as an internal error and the others are still linted.
# A real SOP takes well under a second; the size limit's largest, tens of seconds.
FILE_CPU_SECONDS = 300
BATCH_FILES = 2000  # files read into memory at once
_HEADER = 8  # bytes of a length prefix on the pipes

# (findings, internal errors, facts as plain data or None) of one file
Result = tuple[list["Finding"], list[str], Any]
# what a worker sends back for one file
WireResult = tuple[list["Record"], list[str], Any]


def default_jobs() -> int:
    """The cores this process may use."""
    counted = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if counted is not None:
        return max(1, counted() or 1)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def lint_one(linter: Linter, path: str, data: bytes, with_facts: bool = False) -> Result:
    """Lint one file; a crash of the linter is this file's internal error, not the run's end.

    `with_facts`: also read the file's facts (as plain data) from the same parse.
    """
    before = len(linter.internal_errors)
    facts: Any = None
    try:
        result = linter.lint(data, path)
        findings = result.findings
        if with_facts:
            from .repository.facts import Facts, facts_of, to_wire

            sop, text = result.sop, result.text
            facts = to_wire(facts_of(sop, text) if sop is not None and text is not None else Facts())
    except Exception as error:  # reported; the other files are still linted
        findings = []
        linter.internal_errors.append(f"{path}: {type(error).__name__}: {error}")
    errors = linter.internal_errors[before:]
    del linter.internal_errors[before:]
    return findings, errors, facts


def lint_paths(
    linter: Linter,
    paths: list[Path],
    jobs: int | None = None,
    cache: Cache | None = None,
    on_file: Callable[[], None] | None = None,
    facts: list[Facts | None] | None = None,
) -> Iterator[tuple[Path, list[Finding] | None, str | None]]:
    """(path, findings, None) for each path in order, or (path, None, why) for one that cannot be read.

    Internal errors (a rule that failed) go to `linter.internal_errors`, in path order.
    `facts`: when given, each file's facts (None for an unreadable one) are appended
    to it just before the file is yielded.
    """
    jobs = jobs or default_jobs()
    for start in range(0, len(paths), BATCH_FILES):
        yield from _batch(linter, paths[start : start + BATCH_FILES], jobs, cache, on_file, facts)


def _batch(
    linter: Linter,
    paths: list[Path],
    jobs: int,
    cache: Cache | None,
    on_file: Callable[[], None] | None,
    facts: list[Facts | None] | None,
) -> Iterator[tuple[Path, list[Finding] | None, str | None]]:
    with_facts = facts is not None
    done = on_file or (lambda: None)
    unreadable: dict[int, str] = {}
    results: list[Result | None] = [None] * len(paths)
    keys: list[str | None] = [None] * len(paths)
    todo: list[int] = []
    items: list[tuple[str, bytes]] = []
    for index, path in enumerate(paths):
        try:
            data = read_source(path)
        except OSError as error:
            unreadable[index] = str(error.strerror or error)
            done()
            continue
        if cache is not None:
            keys[index] = key = cache.key(data, str(path))
            cached = cache.get_entry(key, str(path), with_facts)
            if cached is not None:
                results[index] = (cached[0], [], cached[1])
                done()
                continue
        todo.append(index)
        items.append((str(path), data))
    for index, result in zip(todo, _lint_items(linter, items, jobs, done, with_facts), strict=True):
        results[index] = result
        entry = keys[index]
        if cache is not None and entry is not None and not result[1]:  # a failed rule: not cached
            from .cache import encode

            cache.put(entry, [encode(finding) for finding in result[0]], result[2])
    if with_facts:
        from .repository.facts import from_wire
    for index, (path, outcome) in enumerate(zip(paths, results, strict=True)):
        if outcome is None:
            if facts is not None:
                facts.append(None)
            yield path, None, unreadable[index]
            continue
        linter.internal_errors.extend(outcome[1])
        if facts is not None:
            facts.append(from_wire(outcome[2]) if outcome[2] is not None else None)
        yield path, outcome[0], None


def _lint_items(
    linter: Linter, items: list[tuple[str, bytes]], jobs: int, done: Callable[[], None], with_facts: bool = False
) -> list[Result]:
    jobs = min(jobs, len(items))
    if jobs < 2 or len(items) < PARALLEL_MIN_FILES:
        results = []
        for path, data in items:
            results.append(lint_one(linter, path, data, with_facts))
            done()
        return results
    if _can_fork():
        return _forked(linter, items, jobs, done, with_facts)
    return _pooled(linter.settings, items, jobs, done, with_facts)


def _can_fork() -> bool:
    # fork is safe on Linux; on macOS the system libraries may not survive it.
    return sys.platform.startswith("linux") and hasattr(os, "fork")


# --- forked workers (Linux) ---------------------------------------------------------


def _chunks(count: int, jobs: int) -> list[tuple[int, int]]:
    """Ranges of files for the workers to take in turn: large while much is left (the
    pipes stay quiet), smaller and smaller towards the end, so the workers finish together."""
    chunks: list[tuple[int, int]] = []
    start = 0
    while start < count:
        size = max(1, min(64, (count - start) // (jobs * 2)))
        chunks.append((start, start + size))
        start += size
    return chunks


def _forked(
    linter: Linter, items: list[tuple[str, bytes]], jobs: int, done: Callable[[], None], with_facts: bool = False
) -> list[Result]:
    import gc
    import selectors

    from .cache import decode

    chunks = _chunks(len(items), jobs)
    results: list[Result | None] = [None] * len(items)
    sys.stdout.flush()  # a child must not write this process's buffered output again
    sys.stderr.flush()
    gc.freeze()  # the children do not copy every page to touch its objects' GC links
    workers: dict[int, tuple[int, int, int]] = {}  # result pipe -> (pid, task pipe, chunk number)
    selector = selectors.DefaultSelector()
    next_chunk = 0
    try:
        for _ in range(jobs):
            task_read, task_write = os.pipe()
            result_read, result_write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child
                code = 1
                try:
                    os.close(task_write)
                    os.close(result_read)
                    for fd in list(workers):  # the other workers' pipes are not this child's
                        os.close(fd)
                        os.close(workers[fd][1])
                    _worker(linter, items, chunks, task_read, result_write, with_facts)
                    code = 0
                finally:
                    os._exit(code)
            os.close(task_read)
            os.close(result_write)
            workers[result_read] = (pid, task_write, -1)
            selector.register(result_read, selectors.EVENT_READ)
            if next_chunk < len(chunks) and _send(task_write, next_chunk):
                workers[result_read] = (pid, task_write, next_chunk)
                next_chunk += 1
        busy = {fd for fd, (_, _, chunk) in workers.items() if chunk >= 0}
        while busy:
            for event, _ in selector.select():
                fd = int(event.fd)
                pid, task_write, chunk = workers[fd]
                blob = _receive(fd)
                if blob is None:  # the worker died: its chunk is redone below, here
                    selector.unregister(fd)
                    busy.discard(fd)
                    continue
                start, _ = chunks[chunk]
                for offset, (records, errors, facts) in enumerate(_unpack(blob)):
                    results[start + offset] = ([decode(record) for record in records], errors, facts)
                    done()
                if next_chunk < len(chunks) and _send(task_write, next_chunk):
                    workers[fd] = (pid, task_write, next_chunk)
                    next_chunk += 1
                else:  # nothing left, or the worker has gone: what it did not take is done below
                    busy.discard(fd)
    finally:
        for fd, (pid, task_write, _) in workers.items():
            for pipe in (task_write, fd):
                with contextlib.suppress(OSError):
                    os.close(pipe)  # end of tasks: the worker leaves
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        selector.close()
        gc.unfreeze()
    # Whatever a dead worker left undone (and chunks never handed out, if all died): each
    # file in a process of its own, so that the one that killed the worker is named.
    finished: list[Result] = []
    for index, outcome in enumerate(results):
        if outcome is None:
            outcome = _isolated(linter, *items[index], with_facts)
            done()
        finished.append(outcome)
    return finished


def _isolated(linter: Linter, path: str, data: bytes, with_facts: bool) -> Result:
    """Lint one file in a forked process of its own: if it dies or passes the time limit,
    the file is one internal error (and this process lives on)."""
    import signal

    from .cache import decode

    result_read, result_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        code = 1
        try:
            os.close(result_read)
            signal.setitimer(signal.ITIMER_VIRTUAL, FILE_CPU_SECONDS)
            _worker_file(linter, path, data, result_write, with_facts)
            code = 0
        finally:
            os._exit(code)
    os.close(result_write)
    try:
        blob = _receive(result_read)
    finally:
        os.close(result_read)
        _, status = os.waitpid(pid, 0)
    if blob is not None and os.waitstatus_to_exitcode(status) == 0:
        ((records, errors, facts),) = _unpack(blob)
        return [decode(record) for record in records], errors, facts
    code = os.waitstatus_to_exitcode(status)
    if code == -signal.SIGVTALRM:
        why = f"took more than the {FILE_CPU_SECONDS} s of CPU time a file may take"
    elif code < 0:
        why = f"its process was killed by {signal.Signals(-code).name}"
    else:
        why = f"its process exited with status {code}"
    return [], [f"{path}: {why}; the other files were linted"], None


def _worker_file(linter: Linter, path: str, data: bytes, out: int, with_facts: bool) -> None:
    from .cache import encode

    findings, errors, facts = lint_one(linter, path, data, with_facts)
    _write_all(out, _pack([([encode(finding) for finding in findings], errors, facts)]))


def _worker(
    linter: Linter, items: list[tuple[str, bytes]], chunks: list[tuple[int, int]], tasks: int, out: int, with_facts: bool
) -> None:
    import signal

    from .cache import encode

    signal.signal(signal.SIGVTALRM, signal.SIG_DFL)  # the time limit ends the process

    while True:
        header = _read_exactly(tasks, _HEADER)
        if header is None:
            return
        start, end = chunks[int.from_bytes(header, "little")]
        wire: list[WireResult] = []
        for path, data in items[start:end]:
            signal.setitimer(signal.ITIMER_VIRTUAL, FILE_CPU_SECONDS)  # past it, the worker ends
            findings, errors, facts = lint_one(linter, path, data, with_facts)
            wire.append(([encode(finding) for finding in findings], errors, facts))
        _write_all(out, _pack(wire))


def _pack(wire: list[WireResult]) -> bytes:
    try:
        body = b"M" + marshal.dumps(wire)
    except ValueError:  # a finding argument marshal cannot carry
        import pickle

        body = b"P" + pickle.dumps(wire, protocol=pickle.HIGHEST_PROTOCOL)
    return len(body).to_bytes(_HEADER, "little") + body


def _unpack(blob: bytes) -> list[WireResult]:
    if blob[:1] == b"M":
        loaded: list[WireResult] = marshal.loads(blob[1:])
        return loaded
    import pickle

    unpickled: list[WireResult] = pickle.loads(blob[1:])
    return unpickled


def _send(fd: int, chunk: int) -> bool:
    """Hand a worker a chunk; False if it has gone."""
    try:
        _write_all(fd, chunk.to_bytes(_HEADER, "little"))
    except OSError:  # BrokenPipeError: it died
        return False
    return True


def _receive(fd: int) -> bytes | None:
    header = _read_exactly(fd, _HEADER)
    if header is None:
        return None
    return _read_exactly(fd, int.from_bytes(header, "little"))


def _read_exactly(fd: int, size: int) -> bytes | None:
    parts: list[bytes] = []
    while size:
        part = os.read(fd, min(size, 1 << 20))
        if not part:
            return None
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


# --- a process pool (Windows, macOS) ----------------------------------------------------

_POOL_LINTER: Linter | None = None


def _pool_init(settings: Settings) -> None:
    global _POOL_LINTER
    from .engine import Linter

    _POOL_LINTER = Linter(settings)


def _pool_lint(items: list[tuple[str, bytes]], with_facts: bool = False) -> list[WireResult]:
    from .cache import encode

    assert _POOL_LINTER is not None
    wire: list[WireResult] = []
    for path, data in items:
        findings, errors, facts = lint_one(_POOL_LINTER, path, data, with_facts)
        wire.append(([encode(finding) for finding in findings], errors, facts))
    return wire


def _pooled(
    settings: Settings, items: list[tuple[str, bytes]], jobs: int, done: Callable[[], None], with_facts: bool = False
) -> list[Result]:
    import functools
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from .cache import decode

    chunks = [items[start:end] for start, end in _chunks(len(items), jobs)]
    results: list[Result] = []
    context: Any = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_pool_init, initargs=(settings,)) as pool:
        for wire in pool.map(functools.partial(_pool_lint, with_facts=with_facts), chunks):
            for records, errors, facts in wire:
                results.append(([decode(record) for record in records], errors, facts))
                done()
    return results
