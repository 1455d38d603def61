"""The VS Code extension (editors/vscode): its manifest, the document selector
its code really hands the language client, and the .vsix that `vsce` packs."""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path
from typing import Any

from tests.conftest import need_program

ROOT = Path(__file__).resolve().parent.parent
EXTENSION = ROOT / "editors" / "vscode"


def manifest() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))
    return loaded


def check_manifest(data: dict[str, Any]) -> None:
    # A language of its own for `*.sop` only: `*.sop.md` stays Markdown (and keeps Markdown's preview).
    languages = data["contributes"]["languages"]
    assert [(lang["id"], lang["extensions"]) for lang in languages] == [("sop", [".sop"])]
    assert not any("filenamePatterns" in lang or "filenames" in lang for lang in languages)
    assert data["activationEvents"] == [
        "onLanguage:sop",
        "onLanguage:markdown",
        "workspaceContains:**/*.sop.md",
        "workspaceContains:**/*.sop",
    ]
    commands = {c["command"]: c["title"] for c in data["contributes"]["commands"]}
    assert commands == {"sop-lint.previewOfficialLayout": "Preview official layout"}
    setting = data["contributes"]["configuration"]["properties"]["sop-lint.path"]
    assert setting["type"] == "string" and setting["default"] == "sop-lint"
    # vscode-languageclient 9 needs VS Code 1.82; 11.x would need 1.91.
    assert data["dependencies"] == {"vscode-languageclient": "9.0.1"}
    assert data["engines"]["vscode"] == "^1.82.0"
    assert data["main"] == "./extension.js"


def test_manifest() -> None:
    check_manifest(manifest())
    assert manifest()["devDependencies"] == {"@vscode/vsce": "3.9.2"}
    lock = json.loads((EXTENSION / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/vscode-languageclient"]["version"] == "9.0.1"
    assert lock["packages"]["node_modules/@vscode/vsce"]["version"] == "3.9.2"


# Loads extension.js with stand-ins for the modules only VS Code provides, and
# prints what it would hand the language client.
_PROBE = """
const Module = require("module");
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === "vscode") return {};
  if (request === "vscode-languageclient/node") return { LanguageClient: class {}, RevealOutputChannelOn: {} };
  return load.call(this, request, parent, isMain);
};
process.stdout.write(JSON.stringify(require(process.argv[1]).SELECTOR));
"""


def test_the_client_is_started_for_sop_files_by_pattern() -> None:
    node = need_program("node")
    run = subprocess.run(
        [node, "-e", _PROBE, str(EXTENSION / "extension.js")], capture_output=True, text=True, timeout=60, check=True
    )
    assert json.loads(run.stdout) == [
        {"scheme": "file", "pattern": "**/*.sop.md"},
        {"scheme": "file", "pattern": "**/*.sop"},
        {"scheme": "untitled", "language": "sop"},
    ]


def test_vsce_packages_the_extension(tmp_path: Path) -> None:
    npm = need_program("npm")
    npx = need_program("npx")
    if not (EXTENSION / "node_modules" / "@vscode" / "vsce").is_dir():
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=EXTENSION, check=True, capture_output=True, timeout=600)
    target = tmp_path / "sop-lint.vsix"
    subprocess.run([npx, "vsce", "package", "-o", str(target)], cwd=EXTENSION, check=True, capture_output=True, timeout=300)
    with zipfile.ZipFile(target) as vsix:
        names = set(vsix.namelist())
        packed = json.loads(vsix.read("extension/package.json"))
        vsixmanifest = vsix.read("extension.vsixmanifest").decode("utf-8")
        client = json.loads(vsix.read("extension/node_modules/vscode-languageclient/package.json"))
    check_manifest(packed)
    assert {"extension/extension.js", "extension/language-configuration.json", "extension/LICENSE.txt"} <= names
    assert client["version"] == "9.0.1"
    assert not any(name.startswith("extension/node_modules/@vscode/vsce/") for name in names)  # a dev dependency
    assert '<Identity Language="en-US" Id="sop-lint" Version="0.1.0" Publisher="sop-lint"' in vsixmanifest
