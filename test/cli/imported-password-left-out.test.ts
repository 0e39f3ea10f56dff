// An answer file's forward: URL written by `mocks export` has *** for its password (the files are
// meant for git). Read back, by `mocks import` or by `serve --project`, that *** must never take
// the real password's place: the import keeps the stored password or stores nothing, and serve
// forwards nothing to such a URL, saying why.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli, startServe } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { callAction } from '../helpers/project-calls';

const { cleanups, tempDir } = cleanupsPerTest();

const MOCK = 'body: {result: "mocked", error: ""}\n';

/** A handler that answers every call as Flowent expects, and counts them. */
async function handler(): Promise<{ port: number; calls: () => number }> {
  let calls = 0;
  const server = createServer((request, response) => {
    calls++;
    request.resume();
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{"result":"ok","error":""}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.address() as AddressInfo).port, calls: () => calls };
}

/** The target stored for `action` in the history's SQLite file, as it is (the commands print it without its password). */
function storedTarget(data: string, action: string): string | undefined {
  const db = new Database(join(data, 'history.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT target FROM routes WHERE action = ?').get(action) as { target: string } | undefined)?.target;
  } finally {
    db.close();
  }
}

/** A history with a mock for send_email and create_ticket forwarded to `target`. */
async function historyForwardingTo(target: string): Promise<string> {
  const data = tempDir();
  writeFileSync(join(data, 'mock.yaml'), MOCK);
  expect((await runCli(['mocks', 'set', 'send_email', '--file', join(data, 'mock.yaml'), '--data-dir', data])).code).toBe(0);
  expect((await runCli(['targets', 'set', 'create_ticket', target, '--data-dir', data])).code).toBe(0);
  return data;
}

describe('mocks import of a forward: URL whose password an export left out', () => {
  it('keeps the stored password of the target it was exported from', async () => {
    const url = 'http://alice:hunter2pass@127.0.0.1:9/actions/{action_name}';
    const data = await historyForwardingTo(url);
    const folder = join(data, 'exported');
    expect((await runCli(['mocks', 'export', folder, '--data-dir', data])).code).toBe(0);

    const imported = await runCli(['mocks', 'import', folder, '--data-dir', data]);
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout).toBe(`Imported 1 mock and 1 forwarding setting from ${folder}.\n`);
    expect(storedTarget(data, 'create_ticket')).toBe(url);
  });

  it('stores nothing, naming the file and what to run, when no stored target has the same URL', async () => {
    const source = await historyForwardingTo('http://alice:hunter2pass@127.0.0.1:9/actions/{action_name}');
    const folder = join(source, 'exported');
    expect((await runCli(['mocks', 'export', folder, '--data-dir', source])).code).toBe(0);

    // Another history: none stored, then one to another host (the same user, so only the host differs).
    for (const stored of [null, 'http://alice:other@127.0.0.2:9/actions/{action_name}']) {
      const data = tempDir();
      if (stored !== null) expect((await runCli(['targets', 'set', 'create_ticket', stored, '--data-dir', data])).code).toBe(0);
      const imported = await runCli(['mocks', 'import', folder, '--data-dir', data]);
      expect(imported).toMatchObject({ code: 1, stdout: '' });
      expect(imported.stderr).toBe(
        'flowent-companion mocks: nothing was imported.\n' +
          `  ${join(folder, 'create_ticket.yaml')}: the password in its forward: URL is *** (left out when it was exported), ` +
          'and the history has no target for action create_ticket with the same URL to take it from. ' +
          'Run "flowent-companion targets set create_ticket <the URL with its password>", then import again: the import keeps a stored password.\n',
      );
      // All or nothing: not even the mock of the other file was stored.
      expect((await runCli(['mocks', 'list', '--json', '--data-dir', data])).stdout).toBe('');
      expect(storedTarget(data, 'create_ticket')).toBe(stored ?? undefined);
    }
  });

  it('imports once the target is set with its password, as the refusal says', async () => {
    const url = 'http://alice:hunter2pass@127.0.0.1:9/actions/{action_name}';
    const source = await historyForwardingTo(url);
    const folder = join(source, 'exported');
    expect((await runCli(['mocks', 'export', folder, '--data-dir', source])).code).toBe(0);
    const data = tempDir();
    expect((await runCli(['mocks', 'import', folder, '--data-dir', data])).code).toBe(1);

    expect((await runCli(['targets', 'set', 'create_ticket', url, '--data-dir', data])).code).toBe(0);
    expect((await runCli(['mocks', 'import', folder, '--data-dir', data])).code).toBe(0);
    expect(storedTarget(data, 'create_ticket')).toBe(url);
  });
});

describe('serve --project with an answer file whose forward: URL has *** for its password', () => {
  it('forwards nothing to it, and says why at start and in the call', async () => {
    const { port, calls } = await handler();
    const root = tempDir();
    const answers = join(root, 'flowent', 'answers');
    mkdirSync(answers, { recursive: true });
    const target = `http://alice:***@127.0.0.1:${port}/actions/{action_name}`;
    writeFileSync(join(answers, 'create_ticket.yaml'), `version: 1\nforward: ${target}\n`);
    const data = tempDir();
    const server = await startServe(['--port', '0', '--data-dir', data, '--project', root]);
    cleanups.push(async () => {
      server.child.kill('SIGTERM');
      await server.exited;
    });
    expect(server.output()).toContain(
      `  Answers:      create_ticket: not forwarded: ${target} (from flowent/answers/create_ticket.yaml) has *** for its password, ` +
        'and this history folder keeps none for that URL; calls get a 502 until "targets set" gives it here\n',
    );

    const answered = await callAction(server.baseUrl, 'create_ticket');
    expect(answered.status).toBe(502);
    // The caller (Flowent, in the cloud) is not told the handler's address; the call's record is.
    const error = (JSON.parse(answered.body) as { error: string }).error;
    expect(error).toBe(
      "Flowent Companion has no usable address of your handler for this action, so nothing was forwarded. See this call in Flowent Companion's history for the details and what to do.",
    );
    const listed = await runCli(['calls', '--json', '--data-dir', data]);
    expect((JSON.parse(listed.stdout.trim().split('\n')[0]!) as { forwardError: string }).forwardError).toBe(
      `The forward target for create_ticket, ${target}, has *** for its password: it is left out of files meant for git ` +
        '(answer files, exports), and this history folder keeps no password for that URL, so nothing was forwarded. To forward, ' +
        'run "flowent-companion targets set create_ticket <the URL with its password>" with this history folder (in a project ' +
        'the file keeps ***), or have the handler take its credentials another way.',
    );
    expect(calls()).toBe(0);
  });
});
