-- Headless Neovim (0.7+) end-to-end test of `moltres lsp`:
--   nvim --headless -u NONE -l is not in 0.7, so run: nvim --headless -u NONE -c "luafile Tests/lsp/nvim_test.lua"
-- Environment: MOLTRES_BIN (the binary), MOLTRES_WS (a workspace with moltres.toml and shop.db).
-- Opens a .moltres file, waits for diagnostics, completes a column, runs a query through
-- workspace/executeCommand and checks the rows. Exits non-zero on any failure.

local function fail(message)
  io.stderr:write("nvim test FAILED: " .. message .. "\n")
  vim.cmd("cquit 1")
end

local function check(condition, message)
  if not condition then fail(message) end
end

local ok, err = pcall(function()
  local moltres = assert(os.getenv("MOLTRES_BIN"), "MOLTRES_BIN not set")
  local workspace = assert(os.getenv("MOLTRES_WS"), "MOLTRES_WS not set")
  local path = workspace .. "/nvim_test.moltres"
  local file = assert(io.open(path, "w"))
  file:write('paid = db.table("orders").select().where(col("status") == "paid")\n')
  file:write('paid.select(col("am"))\n')
  file:write('broken = (\n')
  file:close()

  vim.cmd("edit " .. path)
  local buffer = vim.api.nvim_get_current_buf()
  local diagnostics = nil
  local client_id = vim.lsp.start_client({
    name = "moltres",
    cmd = { moltres, "lsp" },
    root_dir = workspace,
    handlers = {
      ["textDocument/publishDiagnostics"] = function(error, result, context, config)
        if result and #result.diagnostics > 0 then diagnostics = result.diagnostics end
        vim.lsp.diagnostic.on_publish_diagnostics(error, result, context, config)
      end,
    },
  })
  check(client_id ~= nil, "could not start the server")
  vim.lsp.buf_attach_client(buffer, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  check(vim.wait(10000, function() return client.initialized end, 20), "server did not initialize")

  -- Diagnostics: the unclosed parenthesis on line 3.
  check(vim.wait(10000, function() return diagnostics ~= nil end, 20), "no diagnostics received")
  local codes = {}
  for _, diagnostic in ipairs(diagnostics) do codes[diagnostic.code] = true end
  check(codes["MOL1002"], "no MOL1002 for the unclosed parenthesis: " .. vim.inspect(vim.tbl_keys(codes)))

  local uri = vim.uri_from_bufnr(buffer)
  local refreshed = client.request_sync("workspace/executeCommand",
    { command = "moltres.refreshSchema", arguments = { {} } }, 10000, buffer)
  check(refreshed and refreshed.result and vim.tbl_contains(refreshed.result.tables, "orders"), "refreshSchema failed")

  -- Completion of a column inside col("am…").
  local completion = client.request_sync("textDocument/completion",
    { textDocument = { uri = uri }, position = { line = 1, character = 18 } }, 10000, buffer)
  check(completion and completion.result, "no completion result: " .. vim.inspect(completion))
  local items = completion.result.items or completion.result
  local labels = {}
  for _, item in ipairs(items) do labels[item.label] = true end
  check(labels["amount"], "column 'amount' not offered: " .. vim.inspect(vim.tbl_keys(labels)))

  -- Run the first statement's query through workspace/executeCommand.
  local run = client.request_sync("workspace/executeCommand", {
    command = "moltres.runQuery",
    arguments = { { uri = uri, position = { line = 0, character = 0 }, limit = 5 } },
  }, 20000, buffer)
  check(run and run.result, "runQuery failed: " .. vim.inspect(run))
  check(run.result.rowCount >= 1 and run.result.rowCount <= 5, "unexpected rowCount " .. tostring(run.result.rowCount))
  local names = {}
  local status_index = nil
  for index, column in ipairs(run.result.columns) do
    names[column.name] = true
    if column.name == "status" then status_index = index end
  end
  check(names["status"] and names["amount"], "unexpected columns " .. vim.inspect(run.result.columns))
  for _, row in ipairs(run.result.rows) do
    check(row[status_index] == "paid", "row not filtered: " .. vim.inspect(row))
  end
  check(type(run.result.sql) == "string" and run.result.sql:find("WHERE"), "no SQL in the result")

  client.stop()
  vim.wait(5000, function() return client.is_stopped() end, 20)
end)

if not ok then fail(tostring(err)) end
io.stdout:write("nvim test passed\n")
vim.cmd("qall!")
