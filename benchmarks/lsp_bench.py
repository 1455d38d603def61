"""Measure the language server (`sop-lint lsp`) against the targets of issue 12.

    python benchmarks/lsp_bench.py            # all three
    python benchmarks/lsp_bench.py --quick    # fewer edits: a smoke test

The real server runs over stdio, driven by a bare JSON-RPC client (no client
library in the timings) with VS Code's push-diagnostics behaviour.

1. latency  a 500-step SOP, one keystroke at a time: from the keystroke to its
            diagnostics, minus the debounce (target: at most 50 ms).
2. blocking a 5,000-step SOP typed into every 40 ms while its lints run: the
            time the server takes to answer a completion request sent after
            each keystroke, i.e. how long the server is unable to answer
            (target: never more than 200 ms).
3. memory   10,000 edits (a character typed and deleted again) of a 25-step
            SOP, each waited for: the server's resident memory after each
            1,000 edits (target: flat).
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # the benchmark corpus, beside this file

DEBOUNCE_MS = 150


class Server:
    """`sop-lint lsp` in a subprocess, with a reader thread that timestamps every message."""

    def __init__(self, debounce_ms: int) -> None:
        command = [sys.executable, "-m", "sop_lint", "lsp", "--debounce", str(debounce_ms)]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 0
        self.responses: dict[int, tuple[float, Any]] = {}
        self.notifications: queue.Queue[tuple[float, dict[str, Any]]] = queue.Queue()
        self.arrived = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                header = stream.readline()
                if not header:
                    return
                if header in (b"\r\n", b"\n"):
                    break
                name, _, value = header.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            message = json.loads(stream.read(length))
            now = time.perf_counter()
            if "id" in message and "method" not in message:
                with self.arrived:
                    self.responses[message["id"]] = (now, message.get("result"))
                    self.arrived.notify_all()
            elif "method" in message and "id" in message:  # a request of the server's: say yes
                self._send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            else:
                self.notifications.put((now, message))

    def _send(self, message: dict[str, Any]) -> float:
        body = json.dumps(message).encode("utf-8")
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        stdin.flush()
        return time.perf_counter()

    def notify(self, method: str, params: Any) -> float:
        return self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float = 60) -> tuple[float, Any]:
        """(seconds until the answer, the answer)."""
        self.next_id += 1
        ident = self.next_id
        sent = self._send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        with self.arrived:
            if not self.arrived.wait_for(lambda: ident in self.responses, timeout):
                raise SystemExit(f"no answer to {method} in {timeout} s")
            received, result = self.responses.pop(ident)
        return received - sent, result

    def diagnostics(self, uri: str, version: int, timeout: float = 60) -> tuple[float, list[Any]]:
        """(arrival time, diagnostics) of the publication for this version."""
        deadline = time.perf_counter() + timeout
        while True:
            arrived, message = self.notifications.get(timeout=max(0.0, deadline - time.perf_counter()))
            params = message.get("params", {})
            if (
                message.get("method") == "textDocument/publishDiagnostics"
                and params.get("uri") == uri
                and params.get("version") == version
            ):
                return arrived, params["diagnostics"]

    def start(self) -> None:
        capabilities = {
            "textDocument": {"publishDiagnostics": {"versionSupport": True}, "synchronization": {"dynamicRegistration": False}},
            "general": {"positionEncodings": ["utf-16"]},
        }
        self.request("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": capabilities})
        self.notify("initialized", {})

    def open(self, uri: str, text: str) -> None:
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
        self.diagnostics(uri, 1)

    def type(self, uri: str, version: int, line: int, character: int, text: str, length: int = 0) -> float:
        change = {
            "range": {"start": {"line": line, "character": character}, "end": {"line": line, "character": character + length}},
            "text": text,
        }
        return self.notify(
            "textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}
        )

    def rss_mb(self) -> float:
        for row in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if row.startswith("VmRSS:"):
                return int(row.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        try:
            self.request("shutdown", None, timeout=10)
            self.notify("exit", None)
            self.process.wait(timeout=10)
        finally:
            if self.process.poll() is None:
                self.process.kill()


def _activity_line(text: str) -> int:
    """The 0-based line of the first step's activity (`1. …`) in the procedure."""
    lines = text.split("\n")
    start = lines.index("## Prosedur")
    return next(i for i in range(start, len(lines)) if lines[i].startswith("1. "))


def lint_ms(steps: int, runs: int = 5) -> float:
    """The yardstick: the median time of `Linter.lint_text` on the same SOP, in this process."""
    from sop_lint.engine import Linter

    linter, text = Linter(), corpus.sop(0, steps)
    linter.lint_text(text, "yardstick.sop.md")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        linter.lint_text(text, "yardstick.sop.md")
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def latency(edits: int) -> list[float]:
    server = Server(DEBOUNCE_MS)
    try:
        server.start()
        text, uri = corpus.sop(0, 500), "file:///bench/latency.sop.md"
        server.open(uri, text)
        line = _activity_line(text)
        results = []
        for version in range(2, edits + 2):
            sent = server.type(uri, version, line, 3, "x")
            arrived, _ = server.diagnostics(uri, version)
            results.append((arrived - sent) * 1000 - DEBOUNCE_MS)
        return results
    finally:
        server.stop()


def blocking(keystrokes: int) -> tuple[list[float], float]:
    """Answer times of completion requests sent while typing into a 5,000-step SOP, and
    the time from the last keystroke to its diagnostics."""
    server = Server(DEBOUNCE_MS)
    try:
        server.start()
        text, uri = corpus.sop(0, 5000), "file:///bench/blocking.sop.md"
        server.open(uri, text)
        line = _activity_line(text)
        answers = []
        version = 1
        for index in range(keystrokes):
            version += 1
            sent = server.type(uri, version, line, 3 + index, "x")
            elapsed, _ = server.request(
                "textDocument/completion",
                {"textDocument": {"uri": uri}, "position": {"line": line + 1, "character": 5}},
            )
            answers.append(elapsed * 1000)
            # Every fifth keystroke waits out the debounce, so lints start and run while typing goes on.
            time.sleep(0.04 if index % 5 else DEBOUNCE_MS / 1000 + 0.03)
        arrived, _ = server.diagnostics(uri, version)
        return answers, (arrived - sent) * 1000
    finally:
        server.stop()


def memory(edits: int, every: int) -> list[tuple[int, float]]:
    server = Server(0)
    try:
        server.start()
        text, uri = corpus.sop(0, 25), "file:///bench/memory.sop.md"
        server.open(uri, text)
        line = _activity_line(text)
        samples = [(0, server.rss_mb())]
        for version in range(2, edits + 2):
            if version % 2 == 0:
                server.type(uri, version, line, 3, "x")
            else:
                server.type(uri, version, line, 3, "", length=1)
            server.diagnostics(uri, version)
            if version % 50 == 0:  # the model's features too
                server.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
            if (version - 1) % every == 0:
                samples.append((version - 1, server.rss_mb()))
        return samples
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer edits")
    options = parser.parse_args()

    edits = 10 if options.quick else 40
    found = latency(edits)
    print(
        f"1. latency, 500 steps, {edits} keystrokes: beyond the {DEBOUNCE_MS} ms debounce "
        f"median {statistics.median(found):.1f} ms, max {max(found):.1f} ms (target <= 50 ms); "
        f"the lint alone takes {lint_ms(500):.1f} ms here (load average {os.getloadavg()[0]:.1f})"
    )

    answers, last = blocking(25 if options.quick else 100)
    print(
        f"2. blocking, 5,000 steps, {len(answers)} keystrokes: completion answered in median "
        f"{statistics.median(answers):.1f} ms, max {max(answers):.1f} ms (target <= 200 ms); "
        f"diagnostics {last:.0f} ms after the last keystroke"
    )

    total = 1000 if options.quick else 10000
    samples = memory(total, total // 10)
    listed = ", ".join(f"{n}: {mb:.1f}" for n, mb in samples)
    first = samples[1][1]
    print(
        f"3. memory, {total} edits (edits: MB resident): {listed}; "
        f"growth after the first {samples[1][0]} edits {samples[-1][1] - first:+.1f} MB (target: flat)"
    )


if __name__ == "__main__":
    main()
