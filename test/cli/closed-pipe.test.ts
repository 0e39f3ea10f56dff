import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVE_READER_GONE } from '../../main/contract/words';
import { bigHar } from '../helpers/big-har';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { runInProcess } from '../helpers/in-process-cli';
import { CLI, startServe } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';

const KEY = 'closed-pipe-key';
const dir = makeTempDir();
const dataDir = join(dir.path, 'data');

/** Runs `flowent-companion <args> | <reader>` in bash; the command's own exit code and stderr. */
function piped(args: string[], reader: string): Promise<{ code: number; stderr: string; read: string }> {
  const quoted = args.map((arg) => `'${arg}'`).join(' ');
  const script = `"${process.execPath}" "${CLI}" ${quoted} 2>"${dir.path}/stderr" | ${reader}; echo "exit:\${PIPESTATUS[0]}" >&2`;
  return new Promise((resolve, reject) => {
    const shell = spawn('bash', ['-c', script]);
    let read = '';
    let status = '';
    shell.stdout.on('data', (chunk) => (read += chunk));
    shell.stderr.on('data', (chunk) => (status += chunk));
    shell.on('error', reject);
    shell.on('close', () => {
      const code = Number(/exit:(\d+)/.exec(status)?.[1] ?? NaN);
      resolve({ code, read, stderr: readFileSync(`${dir.path}/stderr`, 'utf8') });
    });
  });
}

beforeAll(async () => {
  // Enough calls that their lines and their HAR outgrow a pipe's buffer (64 KB): the command
  // is still writing when the reader goes away.
  const har = bigHar(800_000, KEY, 700);
  const file = join(dir.path, 'calls.har');
  writeFileSync(file, har.text);
  // import starts a history only in a folder that is there (a --data-dir naming none is a typo).
  mkdirSync(dataDir);
  const imported = await runInProcess(['import', file, '--data-dir', dataDir], { env: {} });
  expect(imported.code).toBe(0);
  // A mock larger than a pipe's buffer, for "mocks get".
  const mock = join(dir.path, 'big-mock.json');
  writeFileSync(mock, JSON.stringify({ status: 200, body: { result: 'x'.repeat(300_000), error: '' } }));
  expect((await runInProcess(['mocks', 'set', 'send_email', '--file', mock, '--data-dir', dataDir], { env: {} })).code).toBe(0);
}, 60_000);
afterAll(() => dir.remove());

describe('a closed pipe', () => {
  it.each([
    ['calls', ['calls', '--limit', '5000', '--data-dir', dataDir]],
    ['calls --json', ['calls', '--json', '--limit', '5000', '--data-dir', dataDir]],
    ['export --har -', ['export', '--har', '-', '--data-dir', dataDir]],
    ['mocks get', ['mocks', 'get', 'send_email', '--data-dir', dataDir]],
  ])('ends "%s | head" quietly with exit 0', async (_name, args) => {
    const result = await piped(args, 'head -c 100');
    expect(result.read).toHaveLength(100);
    expect(result.stderr).not.toMatch(/EPIPE|Error|^\s+at /m);
    expect(result.code).toBe(0);
  });

  it('stops serve with exit 0 when its reader goes away, saying why on stderr (no stack trace)', async () => {
    const server = await startServe(['--port', '0', '--data-dir', dataDir], { FLOWENT_HMAC_KEY: KEY });
    // The reader goes; the next line serve prints (the call's) finds the pipe closed.
    server.child.stdout.destroy();
    const answer = await fetch(`${server.baseUrl}/actions/send_email`, {
      method: 'POST',
      body: signedBody(flowentPayload('send_email'), KEY),
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(200);
    expect(await server.exited).toBe(0);
    expect(server.output()).not.toMatch(/EPIPE|Error|^\s+at /m);
    // A script that waited with "serve | grep -m1" learns why its webhook server is gone.
    expect(server.output()).toContain(`flowent-companion ${SERVE_READER_GONE}\n`);
  });
});
