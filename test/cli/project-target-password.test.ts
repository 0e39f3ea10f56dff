// A forward target's password never goes into a project's answer files (they are meant for git):
// `targets set` and the Answers dialog write it as ***, keep it in the history folder, and calls
// are still forwarded with it.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process-cli';
import { startCore } from '../helpers/running-core';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { cleanups, tempDir } = cleanupsPerTest();

const PASSWORD = 's3cret-PW';

/** A handler behind HTTP Basic authentication (user:PASSWORD): 401 without it. What each call's Authorization was. */
async function handlerBehindBasicAuth(): Promise<{ port: number; authorizations: (string | undefined)[] }> {
  const authorizations: (string | undefined)[] = [];
  const expected = `Basic ${Buffer.from(`user:${PASSWORD}`).toString('base64')}`;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      authorizations.push(request.headers.authorization);
      const ok = request.headers.authorization === expected;
      response
        .writeHead(ok ? 200 : 401, { 'content-type': 'application/json' })
        .end(ok ? '{"result":"ok","error":""}' : '{"result":"","error":"unauthorized"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.address() as AddressInfo).port, authorizations };
}

/** The settings rows of the history's SQLite file that hold `secret`, by key: where a password is kept. */
function keptWith(data: string, secret: string): string[] {
  const db = new Database(join(data, 'history.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT key FROM settings WHERE instr(value, ?) > 0').all(secret) as { key: string }[];
    return rows.map((row) => row.key);
  } finally {
    db.close();
  }
}

/**
 * The history's files (the database and its WAL) whose bytes hold `secret`: a deleted row stays in
 * freed space, and a page as it was in the WAL, unless both are overwritten.
 */
function filesHolding(data: string, secret: string): string[] {
  return ['history.sqlite', 'history.sqlite-wal'].filter((name) => {
    const file = join(data, name);
    return existsSync(file) && readFileSync(file).includes(secret);
  });
}

function callBody(action: string): string {
  return JSON.stringify({ action_name: action, parameters: {}, timestamp: Math.floor(Date.now() / 1000) });
}

it('targets set and the Answers dialog write the password as *** in the answer file, and calls are forwarded with it', async () => {
  const { port, authorizations } = await handlerBehindBasicAuth();
  const root = tempDir('fc-project-');
  const answers = join(root, 'flowent', 'answers');
  mkdirSync(answers, { recursive: true });
  const data = tempDir();
  const url = `http://user:${PASSWORD}@127.0.0.1:${port}/actions/{action_name}`;
  const written = `http://user:***@127.0.0.1:${port}/actions/{action_name}`;

  const set = await runInProcess(['targets', 'set', 'send_email', url, '--data-dir', data], { env: {}, cwd: root });
  expect(set).toMatchObject({ code: 0, stderr: '' });
  expect(set.stdout).toBe(`Calls for action send_email are forwarded to ${written} (in flowent/answers/send_email.yaml).\n`);
  const file = readFileSync(join(answers, 'send_email.yaml'), 'utf8');
  expect(file).toContain(`forward: ${written}\n`);
  expect(file).not.toContain(PASSWORD);

  const companion = await startCore({ projectDir: join(root, 'flowent'), dataDir: data });
  cleanups.push(() => companion.close());
  // The Answers dialog saves a target through the same call.
  const saved = await companion.core.api.setForwardTarget('lookup_order', url);
  expect(saved.ok).toBe(true);
  expect(readFileSync(join(answers, 'lookup_order.yaml'), 'utf8')).not.toContain(PASSWORD);
  expect(readFileSync(join(answers, 'lookup_order.yaml'), 'utf8')).toContain(`forward: ${written}\n`);

  for (const action of ['send_email', 'lookup_order']) {
    const answered = await companion.post(`/actions/${action}`, callBody(action));
    expect(answered, action).toMatchObject({ status: 200, json: { result: 'ok' } });
  }
  expect(authorizations).toEqual([expect.stringMatching(/^Basic /), expect.stringMatching(/^Basic /)]);
});

it('a *** target no password is kept for in this history folder is not forwarded, and the error says how to give it here', async () => {
  const { port, authorizations } = await handlerBehindBasicAuth();
  const root = tempDir('fc-project-');
  mkdirSync(join(root, 'flowent', 'answers'), { recursive: true });
  const url = `http://user:${PASSWORD}@127.0.0.1:${port}/actions/{action_name}`;
  expect((await runInProcess(['targets', 'set', 'send_email', url, '--data-dir', tempDir()], { env: {}, cwd: root })).code).toBe(0);

  // A teammate's clone: the file from git, another history folder.
  const companion = await startCore({ projectDir: join(root, 'flowent'), dataDir: tempDir() });
  cleanups.push(() => companion.close());
  expect((await companion.post('/actions/send_email', callBody('send_email'))).status).toBe(502);
  expect(authorizations).toEqual([]);
  const call = await companion.core.api.getCall(1);
  expect(call?.forwardError).toContain(
    'this history folder keeps no password for that URL, so nothing was forwarded. To forward, run ' +
      '"flowent-companion targets set send_email <the URL with its password>" with this history folder',
  );
});

it('targets clear forgets the kept password once no answer file names its URL, and targets set with another URL forgets the old one', async () => {
  const root = tempDir('fc-project-');
  mkdirSync(join(root, 'flowent', 'answers'), { recursive: true });
  const data = tempDir();
  const targets = (...args: string[]) => runInProcess(['targets', ...args, '--data-dir', data], { env: {}, cwd: root });
  const url = `http://user:${PASSWORD}@127.0.0.1:9/actions/{action_name}`;

  expect((await targets('set', 'send_email', url)).code).toBe(0);
  expect((await targets('set', 'lookup_order', url)).code).toBe(0);
  expect(keptWith(data, PASSWORD)).toHaveLength(1);
  // lookup_order's file still names that URL: its password is still needed to forward.
  expect((await targets('clear', 'send_email')).code).toBe(0);
  expect(keptWith(data, PASSWORD)).toHaveLength(1);
  expect((await targets('clear', 'lookup_order')).code).toBe(0);
  expect(keptWith(data, PASSWORD)).toEqual([]);

  // Another URL for the same action: the first one's password is not kept behind it.
  const other = 'http://user:other-PW@127.0.0.1:10/actions/{action_name}';
  expect((await targets('set', 'send_email', url)).code).toBe(0);
  expect((await targets('set', 'send_email', other)).code).toBe(0);
  expect(keptWith(data, PASSWORD)).toEqual([]);
  expect(keptWith(data, 'other-PW')).toHaveLength(1);
  // The default's, cleared with every other target at once.
  expect((await targets('set', '--default', url)).code).toBe(0);
  expect((await targets('clear', '--all')).code).toBe(0);
  expect([...keptWith(data, PASSWORD), ...keptWith(data, 'other-PW')]).toEqual([]);
});

it('a forgotten or replaced password leaves no byte of it in the history file or its WAL, while the companion runs and after', async () => {
  const root = tempDir('fc-project-');
  mkdirSync(join(root, 'flowent', 'answers'), { recursive: true });
  const data = tempDir();
  const companion = await startCore({ projectDir: join(root, 'flowent'), dataDir: data });
  let closed = false;
  cleanups.push(() => (closed ? undefined : companion.close()));
  const withPassword = (password: string) => `http://user:${password}@127.0.0.1:9/actions/{action_name}`;
  // Some calls first, so that the settings' rows are not the only thing in the history.
  for (let n = 0; n < 20; n++) await companion.post('/actions/lookup_order', callBody('lookup_order'));

  // Replaced: the same user and host with another password is the same *** line, kept anew.
  expect((await companion.core.api.setForwardTarget('send_email', withPassword('first-PW-7f3a'))).ok).toBe(true);
  expect(filesHolding(data, 'first-PW-7f3a')).not.toEqual([]);
  expect((await companion.core.api.setForwardTarget('send_email', withPassword('second-PW-9c1e'))).ok).toBe(true);
  expect(keptWith(data, 'second-PW-9c1e')).toHaveLength(1);
  expect(filesHolding(data, 'first-PW-7f3a')).toEqual([]);

  // Forgotten: the target cleared.
  expect((await companion.core.api.clearAnswerRoute('send_email')).ok).toBe(true);
  expect(keptWith(data, 'second-PW-9c1e')).toEqual([]);
  expect(filesHolding(data, 'second-PW-9c1e')).toEqual([]);

  await companion.close();
  closed = true;
  expect([...filesHolding(data, 'first-PW-7f3a'), ...filesHolding(data, 'second-PW-9c1e')]).toEqual([]);
});
