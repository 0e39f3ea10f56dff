// The exit codes the README's table gives, for every command: 2 for a bad flag or value, 1 for
// a failure at run time. Each row is run as a user would type it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process-cli';
import { runCli } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';

const dir = makeTempDir();
const at = (name: string) => join(dir.path, name);
/** A folder with no history in it: commands that need one fail at run time. */
const EMPTY = at('empty');
/** A file where a folder is expected: the history cannot be made there. */
const NOT_A_FOLDER = at('not-a-folder');
/** A history that is not a database. */
const DAMAGED = at('damaged');
let busy: Server;
let busyPort = 0;
let closedPort = 0;

beforeAll(async () => {
  mkdirSync(EMPTY);
  // Folders made for the commands that write to start a history in (one --data-dir names and that is
  // not there is refused first, and the rows would not fail for the reason they name).
  mkdirSync(at('send'));
  mkdirSync(at('import'));
  mkdirSync(at('mocks'));
  mkdirSync(at('targets'));
  writeFileSync(NOT_A_FOLDER, 'a file');
  mkdirSync(DAMAGED);
  writeFileSync(join(DAMAGED, 'history.sqlite'), 'not a database, just text that is long enough to be read as a header');
  writeFileSync(at('bad-mock.json'), '{"status": "two hundred"}');
  writeFileSync(at('not-a-har.har'), '{"log": "no entries"}');
  writeFileSync(at('empty.har'), '\n');
  writeFileSync(at('no-entries.har'), '{"log":{"entries":[]}}');
  writeFileSync(
    at('gets-only.har'),
    JSON.stringify({ log: { version: '1.2', entries: [{ request: { method: 'GET', url: 'http://x/a' } }] } }),
  );
  writeFileSync(at('schema.json'), '{"type": "object"}');
  mkdirSync(at('project'));
  expect((await runInProcess(['init', '--project', at('project')], { env: {}, cwd: dir.path })).code).toBe(0);
  // A history without answers (in a folder made for it: a named folder that is not there is refused).
  mkdirSync(at('no-answers'));
  expect((await runInProcess(['mocks', 'clear', '--all', '--data-dir', at('no-answers')], { env: {}, cwd: dir.path })).code).toBe(0);
  // A project whose action file has a mistake, and a folder of answer files with one.
  mkdirSync(join(at('bad-project'), 'flowent', 'actions'), { recursive: true });
  writeFileSync(join(at('bad-project'), 'flowent', 'actions', 'send_email.yaml'), 'version: 1\ndescription: Send\nnope: 1\n');
  mkdirSync(at('bad-answers'));
  writeFileSync(join(at('bad-answers'), 'send_email.yaml'), 'version: 1\nstatuss: 200\n');
  // An action its mock answers, beside a default that forwards.
  mkdirSync(at('mocked'));
  for (const args of [
    ['targets', 'set', '--default', 'http://127.0.0.1:9/actions/{action_name}'],
    ['targets', 'mode', 'send_email', 'mock'],
  ]) {
    expect((await runInProcess([...args, '--data-dir', at('mocked')], { env: {}, cwd: dir.path })).code).toBe(0);
  }
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  busyPort = (busy.address() as { port: number }).port;
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  closedPort = (closed.address() as { port: number }).port;
  await new Promise((resolve) => closed.close(resolve));
});
afterAll(async () => {
  await new Promise((resolve) => busy.close(resolve));
  dir.remove();
});

const gateway = () => ({ FLOWENT_API_TOKEN: 'token', FLOWENT_BASE_URL: `http://127.0.0.1:${closedPort}/api/v1/gateway` });
const register = (...flags: string[]) => ['actions', 'register', 'send_email', '--schema', `@${at('schema.json')}`, ...flags];

type Row = [
  command: string,
  kind: 'bad flag' | 'bad value' | 'run-time failure',
  args: () => string[],
  env?: () => NodeJS.ProcessEnv,
  /** Where it runs (default: a folder holding flowent/). */
  cwd?: () => string,
];
const TABLE: Row[] = [
  ['init', 'bad flag', () => ['init', '--nope']],
  ['init', 'bad value', () => ['init', 'somewhere']],
  ['init', 'run-time failure', () => ['init', '--project', at('project')]],
  // A --project path that cannot hold flowent/: more than its last folder missing, or a file.
  ['init', 'bad value', () => ['init', '--project', join(at('nowhere'), 'a', 'b')]],
  ['init', 'bad value', () => ['init', '--project', NOT_A_FOLDER]],
  ['serve', 'bad flag', () => ['serve', '--nope']],
  ['serve', 'bad value', () => ['serve', '--port', 'eighty']],
  ['serve', 'run-time failure', () => ['serve', '--port', String(busyPort), '--no-inspector', '--data-dir', at('serve')]],
  ['serve', 'run-time failure', () => ['serve', '--project', EMPTY, '--no-inspector', '--data-dir', at('serve')]],
  ['serve', 'bad value', () => ['serve', '--project', at('nowhere'), '--no-inspector', '--data-dir', at('serve')]],
  ['calls', 'bad flag', () => ['calls', '--nope']],
  ['calls', 'bad value', () => ['calls', '--limit', '0']],
  ['calls', 'run-time failure', () => ['calls', '--data-dir', EMPTY]],
  ['mocks', 'bad flag', () => ['mocks', 'list', '--nope']],
  ['mocks', 'bad value', () => ['mocks', 'set', 'send_email', '--file', at('bad-mock.json'), '--data-dir', at('mocks')]],
  ['mocks', 'run-time failure', () => ['mocks', 'get', '--default', '--data-dir', EMPTY]],
  // A file in the folder it names has a mistake: fixed in that file, as a mock file is.
  ['mocks', 'bad value', () => ['mocks', 'import', at('bad-answers'), '--data-dir', at('mocks')]],
  // Nothing to work on: no answers stored to export.
  ['mocks', 'run-time failure', () => ['mocks', 'export', at('exported'), '--data-dir', at('no-answers')]],
  ['targets', 'bad flag', () => ['targets', 'list', '--nope']],
  ['targets', 'bad value', () => ['targets', 'set', 'send_email', 'not-a-url', '--data-dir', at('targets')]],
  ['targets', 'run-time failure', () => ['targets', 'list', '--data-dir', EMPTY]],
  ['replay', 'bad flag', () => ['replay', '--nope']],
  ['replay', 'bad value', () => ['replay', '--action', 'send_email', '--since', 'yesterday']],
  ['replay', 'run-time failure', () => ['replay', '99', '--data-dir', at('replay')]],
  ['replay', 'run-time failure', () => ['replay', '99', '--project', EMPTY, '--data-dir', at('replay')]],
  // Nothing to work on, as for export: no calls of the action.
  ['replay', 'run-time failure', () => ['replay', '--action', 'nosuch', '--data-dir', at('replay')]],
  ['send', 'bad flag', () => ['send', 'send_email', '--nope']],
  ['send', 'bad value', () => ['send', 'send_email', '--test', '--target', 'not-a-url']],
  [
    'send',
    'run-time failure',
    () => ['send', 'send_email', '--test', '--target', `http://127.0.0.1:${closedPort}/`, '--data-dir', at('send')],
  ],
  // Nothing to send it to: its mock answers it (serve would never forward it).
  ['send', 'run-time failure', () => ['send', 'send_email', '--test', '--data-dir', at('mocked')]],
  ['export', 'bad flag', () => ['export', '--nope']],
  ['export', 'bad value', () => ['export', '--har', '-', '--limit', '0']],
  ['export', 'run-time failure', () => ['export', '--har', '-', '--data-dir', EMPTY]],
  ['import', 'bad flag', () => ['import', '--nope']],
  ['import', 'bad value', () => ['import', at('not-a-har.har'), '--data-dir', at('import')]],
  ['import', 'bad value', () => ['import', at('empty.har'), '--data-dir', at('import')]],
  // A HAR with not one entry is as empty as an empty file: said on stderr, not counted as 0 calls imported.
  ['import', 'bad value', () => ['import', at('no-entries.har'), '--data-dir', at('import')]],
  ['import', 'run-time failure', () => ['import', at('gets-only.har'), '--data-dir', NOT_A_FOLDER]],
  // Nothing to work on: not one entry is a call.
  ['import', 'run-time failure', () => ['import', at('gets-only.har'), '--data-dir', at('import')]],
  ['actions', 'bad flag', () => ['actions', 'list', '--nope']],
  ['actions', 'bad value', () => [...register('--description', ''), '--webhook-url', 'https://example.com/a'], gateway],
  ['actions', 'bad value', () => [...register('--description', 'Sends'), '--webhook-url', 'example.com/a'], gateway],
  ['actions', 'run-time failure', () => ['actions', 'list', '--data-dir', at('actions')], gateway],
  // Nothing to work on: no flowent/ where it runs.
  ['actions', 'run-time failure', () => ['actions', 'plan', '--data-dir', at('mocks')], gateway, () => EMPTY],
  // A file of the project has a mistake; a --project folder that is not one.
  ['actions', 'bad value', () => ['actions', 'plan', '--project', at('bad-project'), '--data-dir', at('mocks')], gateway],
  ['actions', 'bad value', () => ['actions', 'plan', '--project', at('nowhere'), '--data-dir', at('mocks')], gateway],
  // No flowent/ in a folder --project names is nothing to work on, as in the folder it runs in: one exit, however the folder is named.
  ['actions', 'run-time failure', () => ['actions', 'plan', '--project', EMPTY, '--data-dir', at('mocks')], gateway],
  ['actions', 'run-time failure', () => ['actions', 'apply', '--project', EMPTY, '--data-dir', at('mocks')], gateway],
  ['actions', 'run-time failure', () => ['actions', 'pull', '--project', EMPTY, '--data-dir', at('mocks')], gateway],
  ['actions', 'run-time failure', () => ['actions', 'pull', '--data-dir', at('mocks')], gateway, () => EMPTY],
  ['verifier', 'bad flag', () => ['verifier', 'python', '--nope']],
  ['verifier', 'bad value', () => ['verifier', 'cobol']],
  ['verifier', 'run-time failure', () => ['verifier', 'python', '--data-dir', DAMAGED], () => ({ FLOWENT_HMAC_KEY: 'key' })],
  ['inspector', 'bad flag', () => ['inspector', 'rotate-token', '--nope']],
  ['inspector', 'bad value', () => ['inspector', 'rotate-everything']],
  ['inspector', 'run-time failure', () => ['inspector', 'rotate-token', '--data-dir', join(NOT_A_FOLDER, 'below')]],
];

describe('exit codes', () => {
  it.each(TABLE)('%s, %s', async (command, kind, args, env = () => ({}), cwd = () => at('project')) => {
    const argv = args();
    // serve waits for signals when it starts: it runs as its own process.
    const result = command === 'serve' ? await runCli(argv, env()) : await runInProcess(argv, { env: env(), cwd: cwd() });
    expect(result.code, result.stderr).toBe(kind === 'run-time failure' ? 1 : 2);
    expect(result.stderr + result.stdout).toMatch(/\S/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
