import { join } from 'node:path';
import { expect, it } from 'vitest';
import { handlerAndFolderPerTest, rawHeader } from '../helpers/handler-process';
import { runCli, startServe } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';

const { cleanups, handlerAndFolder } = handlerAndFolderPerTest();

it('a replayed imported call leaves out the credentials the export redacted and says so', async () => {
  const { handler, dir } = await handlerAndFolder();
  const imported = makeTempDir();
  cleanups.push(imported.remove);
  // A call with credentials, stored by a serve that answers it itself, exported (redacted) and imported elsewhere.
  const serve = await startServe(['--port', '0', '--no-inspector', '--data-dir', dir.path]);
  await fetch(`${serve.baseUrl}/actions/ok`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer real', cookie: 'session=1', 'x-api-key': 'k', 'x-kept': 'yes' },
    body: JSON.stringify({ action_name: 'ok', parameters: {}, timestamp: Math.floor(Date.now() / 1000) }),
  });
  serve.child.kill('SIGTERM');
  await serve.exited;
  const har = join(imported.path, 'calls.har');
  expect((await runCli(['export', '--har', har, '--data-dir', dir.path])).code).toBe(0);
  expect((await runCli(['import', har, '--data-dir', imported.path])).code).toBe(0);

  const replay = await runCli(['replay', '1', '--target', handler.target, '--data-dir', imported.path]);
  expect(replay.code).toBe(0);
  const [sent] = await handler.received();
  for (const name of ['authorization', 'cookie', 'x-api-key']) expect(rawHeader(sent!.headers, name), name).toEqual([]);
  expect(rawHeader(sent!.headers, 'x-kept')).toEqual(['yes']);
  const note = replay.stdout.replace(/\s+/g, ' ');
  expect(note).toContain(
    'note: Not sent, because the file this call was imported from has their values redacted ("[redacted]", as exports write credentials): authorization, cookie, x-api-key. The call went without them, so a handler that checks them refuses it.',
  );
  // The note is the replay's record's (the page's details show it): the record has the problem.
  const stored = JSON.parse((await runCli(['calls', '--json', '--limit', '1', '--data-dir', imported.path])).stdout) as object;
  expect(stored).toMatchObject({ source: 'replay', problem: 'headers-dropped' });
  // calls <id> says it with where the call went, as the page's Forwarding note does: not as a problem with the request.
  const inFull = await runCli(['calls', '2', '--data-dir', imported.path]);
  expect(inFull.stdout).not.toMatch(/^ {2}problem: /m);
  expect(inFull.stdout).toContain(
    `  Forwarded to ${handler.target.replace('{action_name}', 'ok')}\n  Not sent, because the file this call was imported from has their values redacted ("[redacted]", as exports write credentials): authorization, cookie, x-api-key. The call went without them, so a handler that checks them refuses it.\n`,
  );
});
