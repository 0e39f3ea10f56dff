// Credentials written inside a URL (http://user:pw@host/) are left out of what is printed and of
// the files written for others to read (a HAR export, answer files meant for git), as the
// README promises of exports: the password is written as ***.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { cleanups, tempDir } = cleanupsPerTest();

/** A handler that answers every call as Flowent expects. */
async function handler(): Promise<number> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{"result":"ok","error":""}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as AddressInfo).port;
}

it("send's line and the HAR export write the target's password as ***", async () => {
  const dir = tempDir();
  const port = await handler();
  const sent = await runCli(['send', 'acc_a', '--target', `http://user:pw-S3CRET@127.0.0.1:${port}/`, '--data-dir', dir], {
    FLOWENT_HMAC_KEY: 'k',
  });
  expect(sent.code).toBe(0);
  expect(sent.stdout).toContain(`Sent #1 to http://user:***@127.0.0.1:${port}/ (signed`);
  expect(sent.stdout + sent.stderr).not.toContain('S3CRET');

  const exported = await runCli(['export', '--har', '-', '--data-dir', dir]);
  expect(exported.code).toBe(0);
  expect(exported.stdout).not.toContain('S3CRET');
  const entry = (JSON.parse(exported.stdout) as { log: { entries: { request: { url: string }; _forwardTarget: string }[] } }).log
    .entries[0]!;
  expect(entry.request.url).toBe(`http://user:***@127.0.0.1:${port}/`);
  expect(entry._forwardTarget).toBe(`http://user:***@127.0.0.1:${port}/`);
});

it('mocks export writes a forward target without its password, and says so', async () => {
  const dir = tempDir();
  expect((await runCli(['targets', 'set', 'authd', 'https://deploy:S3CRETPASS@127.0.0.1:47106/', '--data-dir', dir])).code).toBe(0);
  expect(
    (await runCli(['targets', 'set', 'tokened', 'https://ghp_S3CRETTOKEN@127.0.0.1:47106/{action_name}', '--data-dir', dir])).code,
  ).toBe(0);
  expect((await runCli(['targets', 'set', 'plain', 'http://127.0.0.1:47106/', '--data-dir', dir])).code).toBe(0);
  const folder = join(dir, 'answers');
  const exported = await runCli(['mocks', 'export', folder, '--data-dir', dir]);
  expect(exported.code).toBe(0);
  expect(readFileSync(join(folder, 'authd.yaml'), 'utf8')).toContain('forward: https://deploy:***@127.0.0.1:47106/');
  expect(readFileSync(join(folder, 'tokened.yaml'), 'utf8')).toContain('forward: https://***@127.0.0.1:47106/{action_name}');
  expect(readFileSync(join(folder, 'plain.yaml'), 'utf8')).toContain('forward: http://127.0.0.1:47106/');
  expect(exported.stdout + exported.stderr).not.toContain('S3CRET');
  // One note per file that lost credentials, none for the plain one.
  const notes = exported.stderr.split('\n').filter((line) => line.includes('is written as ***'));
  expect(notes).toEqual([
    expect.stringContaining(`${join(folder, 'authd.yaml')}: the password in its forward: URL is written as ***`),
    expect.stringContaining(`${join(folder, 'tokened.yaml')}: the password in its forward: URL is written as ***`),
  ]);
});
