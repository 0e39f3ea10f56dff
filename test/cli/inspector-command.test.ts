import { afterEach, expect, it } from 'vitest';
import { runCli, startServe } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

const getStatus = (origin: string, token: string) =>
  fetch(`${origin}/api/call/getStatus`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '[]',
  });

it('inspector rotate-token: a running serve refuses the old token at once and accepts the one printed', async () => {
  const dir = makeTempDir();
  cleanups.push(dir.remove);
  const server = await startServe(['--port', '0', '--data-dir', dir.path]);
  cleanups.push(() => server.child.kill('SIGKILL'));
  const page = new URL(server.inspectorUrl!);
  const oldToken = page.hash.replace('#token=', '');
  expect((await getStatus(page.origin, oldToken)).status).toBe(200);

  const rotated = await runCli(['inspector', 'rotate-token', '--data-dir', dir.path]);
  expect(rotated.code).toBe(0);
  const printed = /Inspector: +(http:\/\/127\.0\.0\.1:\d+\/#token=([A-Za-z0-9_-]+))/.exec(rotated.stdout);
  expect(printed?.[1]).toBeDefined();
  expect(new URL(printed![1]!).origin).toBe(page.origin);
  expect(printed![2]).not.toBe(oldToken);
  expect((await getStatus(page.origin, oldToken)).status).toBe(401);
  expect((await getStatus(page.origin, printed![2]!)).status).toBe(200);

  expect((await runCli(['inspector', 'rotate'])).code).toBe(2);
});
