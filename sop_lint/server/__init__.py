"""The language server (`sop-lint lsp`): the linter, the formatter and the fixer
inside an editor, over the Language Server Protocol (pygls + lsprotocol).

- `positions`: the model's spans (1-based, code points) to protocol ranges
  (0-based, in the negotiated units: UTF-16 unless the client offers another).
- `analysis`: one lint of one version of a document (findings and model),
  and the linters per configuration file.
- `diagnostics`, `actions`, `navigation`: what the features answer, as pure
  functions of an analysis.
- `server`: the protocol wiring, debouncing and the worker thread.
- `command`: the `lsp` subcommand.

Nothing here is imported by `check`: the subcommand loads it on demand.
"""
