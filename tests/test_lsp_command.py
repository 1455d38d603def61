"""`sop-lint lsp` as a program: it speaks the protocol on standard output only
and ends cleanly (exit 0, nothing on standard error) at shutdown and exit."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def _frame(message: dict[str, object]) -> bytes:
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def test_a_session_ends_with_exit_0() -> None:
    messages: list[dict[str, object]] = [
        {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "initialize",
            "params": {"processId": os.getpid(), "rootUri": None, "capabilities": {}},
        },
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None},
        {"jsonrpc": "2.0", "method": "exit", "params": None},
    ]
    run = subprocess.run(
        [sys.executable, "-m", "sop_lint", "lsp"],
        input=b"".join(_frame(m) for m in messages),
        capture_output=True,
        timeout=60,
    )
    assert (run.returncode, run.stderr) == (0, b"")
    # Only framed protocol messages on standard output: the answers to both requests.
    answers = []
    rest = run.stdout
    while rest:
        header, _, rest = rest.partition(b"\r\n\r\n")
        fields = dict(line.split(b": ", 1) for line in header.split(b"\r\n"))
        length = int(fields[b"Content-Length"])
        answers.append(json.loads(rest[:length]))
        rest = rest[length:]
    results = {a["id"]: a for a in answers if "id" in a}
    assert results[1]["result"]["serverInfo"]["name"] == "sop-lint"
    assert results[2]["result"] is None
    capabilities = results[1]["result"]["capabilities"]
    assert capabilities["positionEncoding"] == "utf-16"
    assert capabilities["codeActionProvider"]["codeActionKinds"] == ["quickfix", "source.fixAll.sop-lint"]
    assert capabilities["diagnosticProvider"]["identifier"] == "sop-lint"
