// Credentials written inside a URL (http://user:pw@host/) are left out of what is printed and of
// the files written for others to read (a HAR export, answer files meant for git), as the
// README promises of exports: the password is written as ***.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli, startServe } from '../helpers/spawn-cli';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
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

const HANDLER_PASSWORD = 'pw-S3CRET';
/** A handler URL with credentials in it, on `port`. */
const withPassword = (port: number, path = '/') => `http://user:${HANDLER_PASSWORD}@127.0.0.1:${port}${path}`;
const redacted = (port: number, path = '/') => `http://user:***@127.0.0.1:${port}${path}`;

it('targets set, targets list and targets list --json print a stored target without its password', async () => {
  const dir = tempDir();
  const set = await runCli(['targets', 'set', 'send_email', withPassword(47107, '/actions/{action_name}'), '--data-dir', dir]);
  expect(set.code, set.stderr).toBe(0);
  expect(set.stdout).toContain(`Calls for action send_email are forwarded to ${redacted(47107, '/actions/{action_name}')}.`);
  const listed = await runCli(['targets', 'list', '--data-dir', dir]);
  expect(listed.stdout).toContain(`send_email  forward  ${redacted(47107, '/actions/{action_name}')}`);
  const json = await runCli(['targets', 'list', '--json', '--data-dir', dir]);
  expect(JSON.parse(json.stdout)).toMatchObject({ action: 'send_email', target: redacted(47107, '/actions/{action_name}') });
  for (const run of [set, listed, json]) expect(run.stdout + run.stderr).not.toContain(HANDLER_PASSWORD);
});

// (The handler's own report, `Handler: ... (at <url>)`, is stored without credentials.)
it("serve's header and calls <id> (and --json) say the handler's URL without its password, while the call still reaches it", async () => {
  const dir = tempDir();
  const port = await handler();
  const serve = await startServe(['--port', '0', '--no-inspector', '--forward', withPassword(port), '--data-dir', dir], {
    FLOWENT_HMAC_KEY: 'k',
  });
  cleanups.push(async () => {
    serve.child.kill('SIGTERM');
    await serve.exited;
  });
  expect(serve.output()).toContain(`every action: forwarded to ${redacted(port)} (--forward, for this run)`);
  const answer = await fetch(`${serve.baseUrl}/actions/send_email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: signedBody(flowentPayload('send_email'), 'k'),
  });
  expect(answer.status).toBe(200);
  await serve.waitFor(/send_email .*200/);

  const inFull = await runCli(['calls', '1', '--data-dir', dir]);
  expect(inFull.code, inFull.stderr).toBe(0);
  // Who answered, then where the call went, in the page's sentence: the URL is said once, there.
  expect(inFull.stdout).toMatch(
    new RegExp(`^Answer: {2}200\n {2}answered by: your handler\n {2}Forwarded to ${escaped(redacted(port))}$`, 'm'),
  );
  const json = await runCli(['calls', '1', '--json', '--data-dir', dir]);
  expect(JSON.parse(json.stdout)).toMatchObject({ forward: { target: redacted(port) } });
  for (const run of [inFull, json]) expect(run.stdout + run.stderr).not.toContain(HANDLER_PASSWORD);
  expect(serve.output()).not.toContain(HANDLER_PASSWORD);
});

it('replay --probe-styles says the handler it probed without its password', async () => {
  const dir = tempDir();
  const port = await handler();
  const env = { FLOWENT_HMAC_KEY: 'k' };
  expect((await runCli(['send', 'send_email', '--target', withPassword(port), '--data-dir', dir], env)).code).toBe(0);
  const probed = await runCli(['replay', '1', '--probe-styles', '--target', withPassword(port), '--data-dir', dir], env);
  expect(probed.stdout).toContain(`Probed your handler at ${redacted(port)} with call #1:`);
  expect(probed.stdout + probed.stderr).not.toContain(HANDLER_PASSWORD);
});

it('send, refused with two serves running, names what each forwards to without the password', async () => {
  const dir = tempDir();
  const port = await handler();
  for (let i = 0; i < 2; i++) {
    const serve = await startServe(['--port', '0', '--no-inspector', '--forward', withPassword(port), '--data-dir', dir], {
      FLOWENT_HMAC_KEY: 'k',
    });
    cleanups.push(async () => {
      serve.child.kill('SIGTERM');
      await serve.exited;
    });
  }
  const refused = await runCli(['send', 'send_email', '--data-dir', dir], { FLOWENT_HMAC_KEY: 'k' });
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain(`forwards send_email to ${redacted(port)} (its --forward)`);
  expect(refused.stdout + refused.stderr).not.toContain(HANDLER_PASSWORD);
});

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
