"""Reading SOP files into models for the commands that start from the model
(`render`, `stats`): the paths walked as `check` walks them, the configuration
found as `check` finds it, one clear line for each file that cannot be read.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from .config import ConfigError, Overrides, discover, excluded, settings_for
from .engine import Settings
from .files import PathError, collect
from .model import Sop
from .pack import Pack, PackError, load_pack
from .parser import parse_text
from .records import Record
from .source import decode


class InputError(Exception):
    """The run cannot start (paths, configuration): one line."""


class Document(Record):
    """One file: its model, or why there is none."""

    __slots__ = ("path", "text", "sop", "error")  # noqa: RUF023 - the fields in order

    path: Path
    text: str
    sop: Sop | None
    error: str | None  # `PATH:LINE:COL: cannot parse (P001): …`, `PATH: cannot read: …`

    def __init__(self, path: Path, text: str, sop: Sop | None, error: str | None) -> None:
        self.path = path
        self.text = text
        self.sop = sop
        self.error = error


class Inputs:
    """The files named on the command line, with the settings that apply to them."""

    def __init__(self, paths: Sequence[str], config_file: str | None = None, isolated: bool = False) -> None:
        try:
            config = discover(paths[0] if paths else ".", config_file, isolated)
            self.settings: Settings = settings_for(config, Overrides())
            self.pack: Pack = load_pack(self.settings.packs, self.settings.hours_per_day)
            self.files = [path for path in collect(paths or (".",)) if not excluded(path, config)]
        except (ConfigError, PackError, PathError) as error:
            raise InputError(str(error)) from None

    def documents(self) -> Iterator[Document]:
        for path in self.files:
            yield read_document(path, self.pack)


def read_document(path: Path, pack: Pack) -> Document:
    try:
        data = path.read_bytes()
    except OSError as error:
        return Document(path, "", None, f"{path}: cannot read: {error.strerror or error}")
    text, problem = decode(data)
    if text is None:
        where = f"{problem.span.line}:{problem.span.column}" if problem is not None else "1:1"
        return Document(path, "", None, f"{path}:{where}: not UTF-8 text (P005)")
    result = parse_text(text, pack)
    if result.sop is None:
        assert result.problem is not None
        span = result.problem.span
        return Document(path, text, None, f"{path}:{span.line}:{span.column}: cannot parse (P001): {result.problem.message}")
    return Document(path, text, result.sop, None)
