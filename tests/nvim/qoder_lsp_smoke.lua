-- Drives qoder-lsp from a real Neovim (written against Debian's 0.7.2, the oldest we support) and
-- records what happened in a JSON file, so a test can assert on what a third-party client really
-- sends and sees rather than on what we believe it sends.
--
--   QODER_NVIM_CMD=<JSON array: server command> QODER_NVIM_WORKSPACE=<dir> \
--   QODER_NVIM_FILE=<file in that dir> QODER_NVIM_RESULT=<json out> \
--   nvim --headless --clean -u NONE -c 'luafile tests/nvim/qoder_lsp_smoke.lua'
--
-- Exit status 0 only when every check passed; the result file lists the failures either way.
-- The file must start as the four lines of EXPECTED_INITIAL_LINES below.

local result = { failures = {}, log_messages = {}, did_change = {}, statuses = {} }

local function fail(message)
  table.insert(result.failures, message)
end

local function check(condition, message)
  if not condition then
    fail(message)
  end
  return condition
end

local function env(name)
  local value = os.getenv(name)
  if value == nil or value == '' then
    error('environment variable ' .. name .. ' is not set')
  end
  return value
end

local function finish()
  result.ok = #result.failures == 0
  local path = os.getenv('QODER_NVIM_RESULT')
  if path and path ~= '' then
    local file = assert(io.open(path, 'w'))
    file:write(vim.fn.json_encode(result))
    file:close()
  end
  -- cquit sets a non-zero exit status, which is what a shell or CI step looks at.
  vim.cmd(result.ok and 'qall!' or 'cquit! 1')
end

-- UTF-16 length of a byte prefix: Neovim works in bytes, LSP (and this server) in UTF-16 units.
local function utf16_col(line, byte_col)
  local _, utf16 = vim.str_utfindex(line, byte_col)
  return utf16
end

local function rejections()
  local found = {}
  for _, message in ipairs(result.log_messages) do
    if message.text:find('rejected an edit', 1, true) then
      table.insert(found, message.text)
    end
  end
  return found
end

local EXPECTED_INITIAL_LINES = {
  'def greet(name):',
  '    return "hello " + name',
  '',
  'print(greet("world"))',
}

local function request_status(client_id, bufnr, label)
  -- buf_request_sync makes Neovim flush its pending (debounced) didChange first, as it does
  -- before any request, so the server must have applied every edit before it answers this.
  local responses, err = vim.lsp.buf_request_sync(bufnr, 'qoder/status', vim.NIL, 10000)
  local response = responses and responses[client_id]
  if not check(response ~= nil, label .. ': no qoder/status response (' .. tostring(err) .. ')') then
    return nil
  end
  check(response.err == nil, label .. ': qoder/status failed: ' .. vim.inspect(response.err))
  local status = response.result
  if not check(type(status) == 'table', label .. ': qoder/status result is not an object') then
    return nil
  end
  check(vim.tbl_contains({ 'ok', 'warning', 'error' }, status.state), label .. ': bad state ' .. vim.inspect(status.state))
  check(type(status.message) == 'string' and #status.message > 0, label .. ': status has no message')
  check(type(status.models) == 'table', label .. ': status.models is not a list')
  check(type(status.problems) == 'table', label .. ': status.problems is not a list')
  for _, model in ipairs(type(status.models) == 'table' and status.models or {}) do
    check(type(model.role) == 'string' and type(model.availability) == 'string', label .. ': bad model entry ' .. vim.inspect(model))
  end
  table.insert(result.statuses, status)
  return status
end

local function main()
  local cmd = vim.fn.json_decode(env('QODER_NVIM_CMD'))
  local workspace = env('QODER_NVIM_WORKSPACE')
  local file = env('QODER_NVIM_FILE')
  result.nvim_version = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch

  vim.cmd('filetype on')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local initial = vim.api.nvim_buf_get_lines(bufnr, 0, -1, true)
  if not check(vim.deep_equal(initial, EXPECTED_INITIAL_LINES), 'unexpected initial file content: ' .. vim.inspect(initial)) then
    return
  end

  local exited = false
  local client_id = vim.lsp.start_client({
    name = 'qoder-lsp',
    cmd = cmd,
    root_dir = workspace,
    handlers = {
      ['window/logMessage'] = function(_, params)
        table.insert(result.log_messages, { type = params.type, text = params.message })
      end,
      ['window/showMessage'] = function(_, params)
        table.insert(result.log_messages, { type = params.type, text = params.message, shown = true })
      end,
    },
    on_init = function(_, initialize_result)
      result.initialize_result = initialize_result
    end,
    on_exit = function(code, signal)
      result.server_exit = { code = code, signal = signal }
      exited = true
    end,
  })
  if not check(client_id ~= nil, 'vim.lsp.start_client returned nil: the server did not start') then
    return
  end

  -- Record exactly what Neovim puts on the wire for didOpen/didChange (the table the RPC layer encodes).
  local client = vim.lsp.get_client_by_id(client_id)
  local recording = true
  local rpc_notify = client.rpc.notify
  client.rpc.notify = function(method, params)
    if method == 'textDocument/didChange' and recording then
      table.insert(result.did_change, vim.deepcopy(params))
    elseif method == 'textDocument/didOpen' then
      result.did_open = { uri = params.textDocument.uri, version = params.textDocument.version, languageId = params.textDocument.languageId }
    end
    return rpc_notify(method, params)
  end

  check(vim.lsp.buf_attach_client(bufnr, client_id), 'buf_attach_client failed')
  if not check(vim.wait(15000, function() return client.initialized == true or exited end, 10) and client.initialized,
      'the client did not initialize (server exit: ' .. vim.inspect(result.server_exit) .. ')') then
    return
  end

  result.server_capabilities = {
    textDocumentSync = client.server_capabilities.textDocumentSync,
    positionEncoding = client.server_capabilities.positionEncoding,
  }
  result.resolved_incremental = client.resolved_capabilities.text_document_did_change == vim.lsp.protocol.TextDocumentSyncKind.Incremental
  result.resolved_open_close = client.resolved_capabilities.text_document_open_close == true
  check(result.resolved_incremental, 'Neovim did not resolve incremental sync from the server capabilities')
  check(result.resolved_open_close, 'Neovim did not resolve openClose from the server capabilities')
  check(result.did_open ~= nil, 'Neovim did not send didOpen')

  -- Round 1: API edits. A replacement inside a line with a non-ASCII result (bytes != UTF-16 units)
  -- and a whole inserted line holding an astral character (one char, two UTF-16 units).
  local line1 = vim.api.nvim_buf_get_lines(bufnr, 1, 2, true)[1]
  local hello = assert(line1:find('hello', 1, true)) - 1
  vim.api.nvim_buf_set_text(bufnr, 1, hello, 1, hello + #'hello', { 'héllo' })
  vim.api.nvim_buf_set_lines(bufnr, 1, 1, true, { '    """Wave 👋 at someone."""' })
  request_status(client_id, bufnr, 'after round 1')

  -- Round 2: typed in Normal/Insert mode like a user, then a line deletion.
  vim.api.nvim_win_set_cursor(0, { 5, 0 })
  vim.cmd('normal! oprint(greet("ünï 😀 code"))')
  vim.cmd('normal! 4Gdd')
  vim.cmd('normal! ggA  # añadido')
  request_status(client_id, bufnr, 'after round 2')

  result.rejections_before_probe = rejections()
  check(#result.rejections_before_probe == 0, 'the server rejected an edit Neovim sent: ' .. vim.inspect(result.rejections_before_probe))
  check(#result.did_change >= 2, 'expected at least two didChange notifications, saw ' .. #result.did_change)
  for index, notification in ipairs(result.did_change) do
    for _, change in ipairs(notification.contentChanges) do
      check(change.range ~= nil, 'didChange #' .. index .. ' carried a full-text change although the server asked for incremental sync')
    end
  end

  -- Probe the server's copy of the text. The server rejects (and reports) any edit position past
  -- the end of a line or inside a UTF-16 surrogate pair, and a didChange is all or nothing. So a
  -- didChange made of empty inserts at the end of every line Neovim has, followed by one insert in
  -- the middle of the 😀 surrogate pair, is rejected at exactly its last change only if every
  -- server line is at least as long as Neovim's and the 😀 sits exactly where Neovim has it.
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, true)
  result.final_lines = lines
  local changes = {}
  for index, line in ipairs(lines) do
    local position = { line = index - 1, character = utf16_col(line, #line) }
    table.insert(changes, { range = { start = position, ['end'] = position }, text = '' })
  end
  local emoji_line = #lines - 1
  local emoji_byte = assert(lines[#lines]:find('😀', 1, true)) - 1
  local split = { line = emoji_line, character = utf16_col(lines[#lines], emoji_byte) + 1 }
  table.insert(changes, { range = { start = split, ['end'] = split }, text = 'x' })
  result.probe = { changes = #changes, line = split.line, character = split.character }
  result.last_neovim_version = vim.lsp.util.buf_versions[bufnr]
  result.probe.version = result.last_neovim_version + 1
  recording = false
  -- What Neovim 0.7 itself sends now and then (neovim/neovim#18734: a debounced change it has already flushed
  -- fires again): a didChange with no changes at the version the server already has. It changes nothing, so the
  -- server must take it silently; the probe below then shows that it is still at Neovim's last version.
  client.notify('textDocument/didChange', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr), version = result.last_neovim_version },
    contentChanges = {},
  })
  client.notify('textDocument/didChange', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr), version = result.probe.version },
    contentChanges = changes,
  })
  check(vim.wait(10000, function() return #rejections() > 0 end, 10), 'the server did not report the deliberately invalid edit')

  -- One more round trip so any stray rejection the server sent has arrived before we count them.
  request_status(client_id, bufnr, 'after probe')
  result.rejections = rejections()
  check(#result.rejections == 1, 'expected exactly one rejected edit (the probe), saw ' .. vim.inspect(result.rejections))
  local expected = string.format('change %d of %d', #changes, #changes)
  local text = result.rejections[1] or ''
  check(text:find(expected, 1, true) ~= nil, 'the probe was rejected before its last change: ' .. text)
  check(text:find('surrogate pair', 1, true) ~= nil, 'the probe was rejected for another reason: ' .. text)
  -- The version in the message is the server's: it proves Neovim's last didChange was applied.
  local versions = string.format('(version %d -> %d)', result.last_neovim_version, result.probe.version)
  check(text:find(versions, 1, true) ~= nil, 'the server was not at Neovim\'s last version ' .. versions .. ': ' .. text)

  -- stop() sends shutdown, then exit; a clean server exits with status 0.
  vim.lsp.stop_client(client_id)
  check(vim.wait(10000, function() return exited end, 10), 'the server did not exit after shutdown/exit')
  check(result.server_exit ~= nil and result.server_exit.code == 0, 'server exit: ' .. vim.inspect(result.server_exit))
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  fail('script error: ' .. tostring(err))
end
finish()
