#!/usr/bin/env node
// Conformance of qoder-lsp with Microsoft's own JSON-RPC/LSP implementation (vscode-jsonrpc and
// vscode-languageserver-protocol, the stack under VS Code's language client). It shares no code with the server
// or with the C# tests, so framing, id handling, cancellation and the lifecycle are checked by a third party.
//
//   node tests/e2e/conformance.mjs <path to qoder-lsp>      (or QODER_LSP_SERVER=<path>)
//
// Prints one JSON summary line on stdout and exits 0 only when every check passed.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');
const lsp = require('vscode-languageserver-protocol/node');

const serverPath = process.argv[2] ?? process.env.QODER_LSP_SERVER;
if (!serverPath) {
  console.error('usage: node conformance.mjs <path to qoder-lsp>');
  process.exit(2);
}

// A bound on each wait, so a hang fails with a message instead of blocking CI; the waits themselves end on events.
const TIMEOUT_MS = Number(process.env.CONFORMANCE_TIMEOUT_MS ?? 20000);
const MODEL = 'conformance-model';
// A provider that cannot answer (nothing listens on the discard port): the server must still report it configured.
const QODER_SECTION = {
  models: {
    providers: { conformance: { type: 'openai', baseUrl: 'http://127.0.0.1:9/v1', timeoutSeconds: 2, maxRetries: 0 } },
    roles: { chat: { provider: 'conformance', model: MODEL } },
  },
};

const started = Date.now();
const checks = [];
function check(name, ok, detail) {
  let text = detail === undefined ? undefined : typeof detail === 'string' ? detail : JSON.stringify(detail);
  if (text !== undefined && text.length > 600 && ok) text = `${text.slice(0, 600)}...`;
  checks.push({ name, ok: Boolean(ok), ...(text === undefined ? {} : { detail: text }) });
  return Boolean(ok);
}

function withTimeout(promise, what, ms = TIMEOUT_MS) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Messages of one kind, with waiters that also see the ones already received. */
class Inbox {
  constructor() { this.items = []; this.waiters = []; }
  push(item) {
    this.items.push(item);
    this.waiters = this.waiters.filter(({ predicate, resolve }) => (predicate(item) ? (resolve(item), false) : true));
  }
  wait(predicate, what) {
    const found = this.items.find(predicate);
    if (found !== undefined) return Promise.resolve(found);
    return withTimeout(new Promise(resolve => this.waiters.push({ predicate, resolve })), what);
  }
}

const home = mkdtempSync(join(tmpdir(), 'qoder-conformance-'));
const workspace = join(home, 'workspace');
mkdirSync(workspace);
// Like the C# harness: a private HOME so the machine's ~/.qoder is never read, and no QODER_* overrides.
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toUpperCase().startsWith('QODER_')));
Object.assign(env, { HOME: home, USERPROFILE: home, XDG_CONFIG_HOME: join(home, '.config') });

const child = spawn(serverPath, ['--stdio'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
let stderr = '';
child.stderr.setEncoding('utf8');
child.stderr.on('data', chunk => { stderr += chunk; });
const exited = new Promise(resolve => {
  child.on('exit', (code, signal) => resolve({ code, signal }));
  child.on('error', error => resolve({ code: null, signal: null, error: error.message }));
});

const protocolErrors = [];
const connection = lsp.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
connection.onError(([error]) => protocolErrors.push(error?.message ?? String(error)));

const configurationRequests = new Inbox();
connection.onRequest(lsp.ConfigurationRequest.type, params => {
  configurationRequests.push(params);
  return params.items.map(item => (item.section === 'qoder' ? QODER_SECTION : null));
});
connection.onRequest(lsp.RegistrationRequest.type, () => null);
connection.onRequest(lsp.WorkDoneProgressCreateRequest.type, () => null);
const logMessages = new Inbox();
connection.onNotification(lsp.LogMessageNotification.type, params => logMessages.push(params));
const statusNotifications = new Inbox();
connection.onNotification('qoder/status', params => statusNotifications.push(params));
connection.listen();

const mentionsModel = status => Array.isArray(status?.models) && status.models.some(model => model.model === MODEL);
const rejection = (uri, versions) => message =>
  typeof message.message === 'string' && message.message.includes('rejected an edit') && message.message.includes(uri) && message.message.includes(versions);
const insert = (uri, version, changes) => ({
  textDocument: { uri, version },
  contentChanges: changes.map(([line, character, text]) => ({ range: { start: { line, character }, end: { line, character } }, text })),
});

async function run() {
  const rootUri = pathToFileURL(workspace).href;
  const init = await withTimeout(connection.sendRequest(lsp.InitializeRequest.type, {
    processId: process.pid,
    clientInfo: { name: 'qoder conformance (vscode-languageserver-protocol)', version: '1' },
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'workspace' }],
    capabilities: {
      general: { positionEncodings: ['utf-16'] },
      workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: false } },
      window: { workDoneProgress: false },
      experimental: { qoder: { status: true } },
    },
  }), 'initialize');
  const capabilities = init?.capabilities ?? {};
  const sync = capabilities.textDocumentSync;
  check('initialize: positionEncoding is utf-16', capabilities.positionEncoding === lsp.PositionEncodingKind.UTF16, capabilities.positionEncoding);
  check('initialize: textDocumentSync.change is incremental (2)', (typeof sync === 'number' ? sync : sync?.change) === lsp.TextDocumentSyncKind.Incremental, sync);
  check('initialize: experimental.qoder.methods lists qoder/status', capabilities.experimental?.qoder?.methods?.includes('qoder/status'), capabilities.experimental);
  check('initialize: serverInfo names qoder-lsp', init?.serverInfo?.name === 'qoder-lsp', init?.serverInfo);

  await connection.sendNotification(lsp.InitializedNotification.type, {});

  const pulled = await configurationRequests.wait(params => params.items.some(item => item.section === 'qoder'), 'workspace/configuration for section qoder');
  check('workspace/configuration: the server pulls the qoder section', true, pulled);
  const applied = await statusNotifications.wait(mentionsModel, `a qoder/status notification with model ${MODEL}`);
  check('workspace/configuration: the answered section is applied (qoder/status notification names its model)', mentionsModel(applied), applied);

  const status = await withTimeout(connection.sendRequest('qoder/status'), 'qoder/status');
  check('qoder/status: answers with a state and the configured model', ['ok', 'warning', 'error'].includes(status?.state) && mentionsModel(status), status);

  // An emoji is two UTF-16 code units and line breaks are CRLF: positions count both the way LSP says.
  const uri = pathToFileURL(join(workspace, 'emoji.txt')).href;
  await connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'plaintext', version: 1, text: 'a😀b\r\nline2\r\n' } });
  await connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 0, character: 3 }, end: { line: 0, character: 4 } }, text: 'B' }],
  });
  await connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, insert(uri, 3, [[1, 5, '!']]));
  // Valid only if the server holds "a😀B" (4 units) and "line2!" (6 units): it refuses edits at positions its text lacks.
  await connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, insert(uri, 4, [[0, 4, 'x'], [1, 6, 'y']]));
  // Deliberately one past the end of "a😀Bx": this one must be refused, which proves the check above can fail.
  await connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, insert(uri, 5, [[0, 6, 'z']]));
  const refused = await logMessages.wait(rejection(uri, '4 -> 5'), 'the rejection of the out-of-range edit (version 5)');
  const earlier = logMessages.items.filter(message => ['1 -> 2', '2 -> 3', '3 -> 4'].some(versions => rejection(uri, versions)(message)));
  check('didOpen/didChange: UTF-16 positions across an emoji and CRLF line breaks are applied exactly', earlier.length === 0 && refused.type === lsp.MessageType.Warning, earlier.length ? earlier : refused);

  // A full-text change resynchronises the document after the refused edit.
  await connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 6 }, contentChanges: [{ text: 'resynced\r\n' }] });
  await connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, insert(uri, 7, [[0, 8, '.']]));
  await connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, insert(uri, 8, [[0, 10, '?']]));
  await logMessages.wait(rejection(uri, '7 -> 8'), 'the rejection of the out-of-range edit (version 8)');
  check('didChange: a full-text change resynchronises the document', !logMessages.items.some(rejection(uri, '6 -> 7')));

  // $/cancelRequest: once before the request is sent (the library then sends the request and at once its cancellation),
  // once while it is in flight. Either answer is right (cancellation is a hint); the session must carry on.
  for (const when of ['before', 'in flight']) {
    const source = new rpc.CancellationTokenSource();
    if (when === 'before') source.cancel();
    const pending = connection.sendRequest('qoder/status', source.token);
    if (when !== 'before') source.cancel();
    let outcome;
    try {
      const result = await withTimeout(pending, `the cancelled qoder/status (${when})`);
      outcome = typeof result?.state === 'string' ? 'result' : `unexpected result ${JSON.stringify(result)}`;
    } catch (error) {
      outcome = error instanceof rpc.ResponseError ? `error ${error.code}` : `exception ${error.message}`;
    }
    check(`$/cancelRequest (${when}): answered with a result or RequestCancelled`, outcome === 'result' || outcome === `error ${lsp.LSPErrorCodes.RequestCancelled}`, outcome);
  }
  await connection.sendNotification('$/cancelRequest', { id: 987654 }); // for a request that never existed
  const afterCancel = await withTimeout(connection.sendRequest('qoder/status'), 'qoder/status after cancellations');
  check('$/cancelRequest: the server keeps serving', typeof afterCancel?.state === 'string', afterCancel);

  let unknown;
  try {
    unknown = `result ${JSON.stringify(await withTimeout(connection.sendRequest('qoder/conformanceNoSuchMethod', { x: 1 }), 'an unknown method'))}`;
  } catch (error) {
    unknown = error instanceof rpc.ResponseError ? error.code : error.message;
  }
  check('unknown method: answered with MethodNotFound (-32601)', unknown === rpc.ErrorCodes.MethodNotFound, unknown);

  const shutdown = await withTimeout(connection.sendRequest(lsp.ShutdownRequest.type), 'shutdown');
  check('shutdown: answers null', shutdown === null || shutdown === undefined, shutdown);
  await connection.sendNotification(lsp.ExitNotification.type);
  const exit = await withTimeout(exited, 'the server to exit after exit');
  check('exit: the process ends with code 0', exit.code === 0, exit);
}

let failure;
try {
  await run();
} catch (error) {
  failure = error?.stack ?? String(error);
  check('the session ran to the end', false, failure);
} finally {
  check('no protocol errors from the client library', protocolErrors.length === 0, protocolErrors);
  connection.dispose();
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await withTimeout(exited, 'the killed server to end', 5000).catch(() => {});
  }
  rmSync(home, { recursive: true, force: true });
}

const failed = checks.filter(c => !c.ok);
const summary = {
  ok: failed.length === 0,
  passed: checks.length - failed.length,
  failed: failed.length,
  durationMs: Date.now() - started,
  server: serverPath,
  checks,
  ...(failed.length ? { stderrTail: stderr.slice(-4000) } : {}),
};
console.log(JSON.stringify(summary));
process.exit(summary.ok ? 0 : 1);
