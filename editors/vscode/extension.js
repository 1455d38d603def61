// sop-lint for VS Code: runs `sop-lint lsp` for *.sop.md and *.sop files, and
// previews the official layout (`sop-lint render`) of the current SOP.
//
// The documents are selected by pattern, not by language: a *.sop.md file stays
// Markdown (with its preview and outline) and gets sop-lint's diagnostics,
// fixes, formatting, hover and completion on top. A *.sop file is the `sop`
// language this extension contributes.
"use strict";

const vscode = require("vscode");
const { LanguageClient, RevealOutputChannelOn } = require("vscode-languageclient/node");
const { execFile } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const SELECTOR = [
  { scheme: "file", pattern: "**/*.sop.md" },
  { scheme: "file", pattern: "**/*.sop" },
  { scheme: "untitled", language: "sop" },
];
const SOP_FILE = /\.sop(\.md)?$/i;
const RENDER_TIMEOUT_MS = 60000;

let client = null;
const previews = new Map(); // document URI -> webview panel

// `sop-lint.path`, with `${workspaceFolder}` standing for the first workspace folder.
function program() {
  const configured = (vscode.workspace.getConfiguration("sop-lint").get("path") || "").trim();
  if (!configured) {
    return "sop-lint";
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return folder ? configured.split("${workspaceFolder}").join(folder) : configured;
}

async function startClient(context) {
  const command = program();
  const serverOptions = { command, args: ["lsp"] };
  const clientOptions = {
    documentSelector: SELECTOR,
    // A change of a configuration file re-lints the open SOPs.
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{sop-lint.toml,.sop-lint.toml,pyproject.toml}"),
    },
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  };
  client = new LanguageClient("sop-lint", "sop-lint", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    client = null;
    vscode.window.showErrorMessage(
      `sop-lint: cannot start \`${command} lsp\` (${error.message || error}). ` +
        "Install sop-lint with its language server (pip install 'sop-lint[lsp]') or set `sop-lint.path`."
    );
  }
}

async function stopClient() {
  if (client) {
    const running = client;
    client = null;
    await running.stop();
  }
}

function escapeHtml(text) {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

function errorPage(file, message) {
  const hint = /no such command|No such command/.test(message)
    ? "<p>This sop-lint has no <code>render</code> command yet: upgrade sop-lint.</p>"
    : "";
  return (
    '<!DOCTYPE html><html><head><meta charset="utf-8">' +
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';\">" +
    "<style>body{font-family:var(--vscode-font-family);padding:1em}pre{white-space:pre-wrap}</style></head><body>" +
    `<h2>The official layout of ${escapeHtml(path.basename(file))} cannot be shown</h2>` +
    `<pre>${escapeHtml(message)}</pre>${hint}</body></html>`
  );
}

// `sop-lint render FILE --format html -o TEMP.html`, read back: the rendered page, or why not.
function render(file) {
  const target = path.join(os.tmpdir(), `sop-lint-preview-${process.pid}-${Date.now()}.html`);
  return new Promise((resolve) => {
    execFile(
      program(),
      ["render", file, "--format", "html", "-o", target],
      { timeout: RENDER_TIMEOUT_MS, cwd: path.dirname(file) },
      (error, _stdout, stderr) => {
        if (error) {
          const message = (stderr || "").trim() || error.message;
          resolve({ ok: false, text: message });
          return;
        }
        fs.readFile(target, "utf8", (readError, html) => {
          fs.rm(target, { force: true }, () => {});
          resolve(readError ? { ok: false, text: `cannot read the rendered page: ${readError.message}` } : { ok: true, text: html });
        });
      }
    );
  });
}

async function refresh(panel, file) {
  const result = await render(file);
  panel.webview.html = result.ok ? result.text : errorPage(file, result.text);
  if (!result.ok) {
    vscode.window.showErrorMessage(`sop-lint: render failed for ${path.basename(file)}: ${result.text.split("\n")[0]}`);
  }
}

async function previewOfficialLayout(resource) {
  const uri = resource instanceof vscode.Uri ? resource : vscode.window.activeTextEditor?.document.uri;
  if (!uri || uri.scheme !== "file" || !SOP_FILE.test(uri.fsPath)) {
    vscode.window.showErrorMessage("sop-lint: open a saved SOP (*.sop.md or *.sop) to preview its official layout.");
    return;
  }
  const key = uri.toString();
  let panel = previews.get(key);
  if (panel) {
    panel.reveal(vscode.ViewColumn.Beside, true);
  } else {
    panel = vscode.window.createWebviewPanel(
      "sop-lint.preview",
      `Layout: ${path.basename(uri.fsPath)}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: false, localResourceRoots: [] }
    );
    previews.set(key, panel);
    panel.onDidDispose(() => previews.delete(key));
  }
  await refresh(panel, uri.fsPath);
}

async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand("sop-lint.previewOfficialLayout", previewOfficialLayout),
    // The preview follows the file on disk: refreshed on save.
    vscode.workspace.onDidSaveTextDocument((document) => {
      const panel = previews.get(document.uri.toString());
      if (panel) {
        refresh(panel, document.uri.fsPath);
      }
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("sop-lint.path")) {
        await stopClient();
        await startClient(context);
      }
    })
  );
  await startClient(context);
}

function deactivate() {
  return stopClient();
}

module.exports = { activate, deactivate, SELECTOR };
