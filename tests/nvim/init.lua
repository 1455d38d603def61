-- A real editor as the client: headless Neovim (0.7 or later, built-in LSP client)
-- opens the file given, runs `sop-lint lsp` on it, waits for its diagnostics and
-- writes them as JSON to $SOP_LINT_NVIM_OUT, then quits.
--
--   SOP_LINT_LSP_CMD='["sop-lint", "lsp"]' SOP_LINT_NVIM_OUT=out.json \
--     nvim --headless -n -i NONE -u tests/nvim/init.lua FILE.sop.md
--
-- The setup is the one docs/editors.md gives, with the command from the environment.
local out = assert(vim.env.SOP_LINT_NVIM_OUT, "SOP_LINT_NVIM_OUT is not set")
local cmd = vim.fn.json_decode(vim.env.SOP_LINT_LSP_CMD or '["sop-lint", "lsp"]')

local function finish(status, diagnostics)
  local file = assert(io.open(out, "w"))
  file:write(vim.fn.json_encode({ status = status, diagnostics = diagnostics }))
  file:close()
  vim.cmd(status == "ok" and "qall!" or "cquit!")
end

vim.api.nvim_create_autocmd({ "BufReadPost", "BufNewFile" }, {
  pattern = { "*.sop.md", "*.sop" },
  callback = function(args)
    local id = vim.lsp.start_client({ name = "sop-lint", cmd = cmd, root_dir = vim.fn.getcwd() })
    vim.lsp.buf_attach_client(args.buf, id)
  end,
})

vim.api.nvim_create_autocmd("DiagnosticChanged", {
  callback = function(args)
    local found = vim.diagnostic.get(args.buf)
    if #found == 0 then
      return
    end
    local rows = {}
    for _, d in ipairs(found) do
      local lsp = d.user_data and d.user_data.lsp or {}
      table.insert(rows, {
        lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
        severity = d.severity, message = d.message, code = d.code or lsp.code, source = d.source or lsp.source,
      })
    end
    finish("ok", rows)
  end,
})

vim.defer_fn(function() finish("timeout", {}) end, 30000)
