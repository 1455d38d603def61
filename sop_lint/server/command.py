"""`sop-lint lsp`: the language server over standard input and output."""

from __future__ import annotations

import gc
import os
import sys

import click

from ..cli import Command


@click.command("lsp", cls=Command)
@click.option(
    "--debounce",
    type=click.IntRange(min=0),
    default=150,
    show_default=True,
    metavar="MS",
    help="Lint this long after the last change.",
)
def lsp(debounce: int) -> None:
    """Run the language server on standard input and output (for editors)."""
    try:
        from .server import make_server
    except ImportError as error:  # pygls or lsprotocol missing
        raise click.ClickException(f"the language server needs the `lsp` extra (pip install 'sop-lint[lsp]'): {error}") from None
    # The command line runs without the cycle collector (a run ends before garbage
    # matters); a server lives for hours and its tasks and futures make cycles. How the
    # server keeps collections short: `sop_lint.server.server.Collector`.
    gc.enable()
    # The protocol gets a channel of its own on the standard output (pygls closes it at
    # `exit`), and anything else printed goes to standard error: a stray line on the
    # protocol's stream would break it.
    channel = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout = sys.stderr
    make_server(debounce / 1000).start_io(sys.stdin.buffer, channel)
