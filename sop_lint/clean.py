"""`sop-lint clean`: remove the results cache (`.sop-lint-cache/` next to the
configuration, else in the working directory, or `SOP_LINT_CACHE_DIR`; and the
user's cache folder, used when the project's cannot be written), as `ruff clean`.

Only a folder that sop-lint made is removed: one holding its `CACHEDIR.TAG`. A
folder of that name without the tag is someone else's, and is left alone.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click

from .cli import Command


def _ours(folder: Path) -> bool:
    from .cache import _TAG

    try:
        return (folder / "CACHEDIR.TAG").read_text(encoding="utf-8") == _TAG
    except (OSError, UnicodeDecodeError):
        return False


@click.command(cls=Command)
@click.option("--config", "config_file", default=None, metavar="PATH", help="Use this configuration file.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--lang", type=click.Choice(["en", "id"]), default=None, help="Message language (default: config, else en).")
@click.option("-q", "--quiet", is_flag=True, help="Say nothing when done.")
def clean(config_file: str | None, isolated: bool, lang: str | None, quiet: bool) -> None:
    """Remove the results cache."""
    from .cache import default_folder, user_folder
    from .cli import EXIT_CLEAN, EXIT_ERROR, _configuration
    from .messages import say

    config = _configuration(".", config_file, isolated)
    language = lang or config.lang or "en"
    project = default_folder(config.root)
    failed = False
    for folder in dict.fromkeys((project, user_folder())):
        if not _ours(folder):
            if folder == project and not quiet:
                click.echo(say(language, "clean.none", path=folder))
            continue
        try:
            shutil.rmtree(folder)
        except OSError as error:
            message = say(language, "clean.failed", path=folder, reason=error.strerror or error)
            click.echo(say(language, "run.error", message=message), err=True)
            failed = True
            continue
        if not quiet:
            click.echo(say(language, "clean.removed", path=folder))
    sys.exit(EXIT_ERROR if failed else EXIT_CLEAN)
