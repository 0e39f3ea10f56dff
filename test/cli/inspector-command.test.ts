import { expect, it } from 'vitest';
import { runCli, startServe } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { cleanups, tempDir } = cleanupsPerTest();

/** A serve with its inspector on a new data folder, both gone after the test. */
async function serveOnNewFolder() {
  const dir = tempDir();
  const server = await startServe(['--port', '0', '--data-dir', dir]);
  cleanups.push(() => void server.child.kill('SIGKILL'));
  return { dir, server };
}

const getStatus = (origin: string, token: string) =>
  fetch(`${origin}/api/call/getStatus`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '[]',
  });

it('inspector rotate-token: a running serve refuses the old token at once and accepts the one printed', async () => {
  const { dir, server } = await serveOnNewFolder();
  const page = new URL(server.inspectorUrl!);
  const oldToken = page.hash.replace('#token=', '');
  expect((await getStatus(page.origin, oldToken)).status).toBe(200);

  const rotated = await runCli(['inspector', 'rotate-token', '--data-dir', dir]);
  expect(rotated.code).toBe(0);
  const printed = /Inspector: +(http:\/\/127\.0\.0\.1:\d+\/#token=([A-Za-z0-9_-]+))/.exec(rotated.stdout);
  expect(printed?.[1]).toBeDefined();
  expect(new URL(printed![1]!).origin).toBe(page.origin);
  expect(printed![2]).not.toBe(oldToken);
  expect((await getStatus(page.origin, oldToken)).status).toBe(401);
  expect((await getStatus(page.origin, printed![2]!)).status).toBe(200);

  expect((await runCli(['inspector', 'rotate'])).code).toBe(2);
});

it('a running serve prints its new Inspector URL whenever its access token changes: by rotate-token, or from the page', async () => {
  const { dir, server } = await serveOnNewFolder();
  const page = new URL(server.inspectorUrl!);
  const escaped = page.origin.replace(/[.]/g, '\\.');
  const changedLine = (token: string) => new RegExp(`Inspector: +${escaped}/#token=${token} \\(the access token was changed\\)\\n`);

  const rotated = await runCli(['inspector', 'rotate-token', '--data-dir', dir]);
  const byCommand = /#token=([A-Za-z0-9_-]+)/.exec(rotated.stdout)![1]!;
  await server.waitFor(changedLine(byCommand), 10_000);

  // The page's "Change access token…" (Settings): the same route the page calls.
  const answer = await fetch(`${page.origin}/api/token/rotate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${byCommand}`, 'content-type': 'application/json' },
    body: '[]',
  });
  expect(answer.status).toBe(200);
  const fromPage = ((await answer.json()) as { value: { token: string } }).value.token;
  await server.waitFor(changedLine(fromPage), 10_000);
  expect((await getStatus(page.origin, fromPage)).status).toBe(200);
  // One line per change, not one per look at the token file.
  expect(server.stdout().match(/the access token was changed/g)).toHaveLength(2);
});

it('inspector rotate-token on a data folder that is not there names the folder to create, not a file to choose; exit 1', async () => {
  const missing = `${tempDir()}/missing/below`;
  expect(await runCli(['inspector', 'rotate-token', '--data-dir', missing])).toEqual({
    code: 1,
    stdout: '',
    stderr: `flowent-companion inspector: cannot write the token: the folder ${missing} does not exist. Create it first, or name another with --data-dir.\n`,
  });
});
