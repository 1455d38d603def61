"""`check --show-settings`: the settings a run would use, after the configuration
file and the command line, in the configuration's own TOML keys (as ruff's
`--show-settings`), so that a person can see why a rule runs or a file is left out."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from . import REPOSITORY_URL

if TYPE_CHECKING:
    from .config import Config
    from .pipeline import Pipeline


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(str(k))} = {_toml(v)}" for k, v in value.items()) + " }" if value else "{}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    if value is None:
        return '""'
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def show(config: Config, pipeline: Pipeline) -> str:
    from .cache import default_folder

    settings = pipeline.linter.settings
    rows: list[tuple[str, Any]] = [
        ("configuration", config.name),
        ("rules", [rule.code for rule in pipeline.linter.active]),
        ("select", settings.select if settings.select is not None else ["(default)"]),
        ("extend-select", settings.extend_select),
        ("ignore", settings.ignore),
        ("per-file-ignores", settings.per_file_ignores),
        ("severity", settings.severity),
        ("preview", settings.preview),
        ("fail-on", settings.fail_on),
        ("lang", settings.lang),
        ("exclude", config.exclude),
        ("packs", [str(pack) for pack in settings.packs]),
        ("roles", str(config.roles) if config.roles is not None else None),
        ("hours-per-day", settings.hours_per_day if settings.hours_per_day is not None else pipeline.linter.pack.hours_per_day),
        ("check-related", settings.check_related),
        ("baseline", str(config.baseline) if config.baseline is not None else None),
        ("repository-url", config.repository_url or REPOSITORY_URL),
        ("cache", str(default_folder(settings.project_root))),
    ]
    return "".join(f"{key} = {_toml(value)}\n" for key, value in rows)
