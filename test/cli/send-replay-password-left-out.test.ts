// A teammate's clone: the answer file from git forwards to a URL whose password it holds as ***,
// and this history folder keeps none for it. send and replay, run in the project, must not send
// "***" as the password (the handler may take it, or lock the account out): they send nothing
// and say how to give the password here, as serve's forwarding error does.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { cleanups, tempDir } = cleanupsPerTest();

/** A handler that takes every call, whatever its credentials: what each call's Authorization was. */
async function handlerTakingAnything(): Promise<{ port: number; authorizations: (string | undefined)[] }> {
  const authorizations: (string | undefined)[] = [];
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      authorizations.push(request.headers.authorization);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"result":"ok","error":""}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.address() as AddressInfo).port, authorizations };
}

it('send and replay in a project whose *** target has no password kept here send nothing and name the command that gives it', async () => {
  const { port, authorizations } = await handlerTakingAnything();
  const root = tempDir('fc-project-');
  const answers = join(root, 'flowent', 'answers');
  mkdirSync(answers, { recursive: true });
  const target = `http://user:***@127.0.0.1:${port}/actions/{action_name}`;
  writeFileSync(join(answers, 'send_email.yaml'), `version: 1\nmode: forward\nforward: ${target}\n`);
  const env = { FLOWENT_COMPANION_DATA_DIR: tempDir(), FLOWENT_HMAC_KEY: 'team-key' };

  const sent = await runCli(['send', 'send_email', '--params', '{"recipient":"a@example.com"}'], env, { cwd: root });
  expect(authorizations).toEqual([]);
  expect(sent.code).toBe(1);
  expect(sent.stdout).toBe('');
  expect(sent.stderr).toBe(
    `flowent-companion send: The forward target for send_email, ${target}, has *** for its password: it is left out of files ` +
      'meant for git (answer files, exports), and this history folder keeps no password for that URL, so nothing was sent. ' +
      'To send it, run "flowent-companion targets set send_email <the URL with its password>" with this history folder ' +
      '(in a project the file keeps ***), or pass --target <url>.\n',
  );

  // A call of the history to replay: one sent to the handler with the password given on the command line.
  const given = await runCli(['send', 'send_email', '--target', `http://user:pw@127.0.0.1:${port}/actions/send_email`], env, { cwd: root });
  expect(given.code).toBe(0);
  const replayed = await runCli(['replay', '1'], env, { cwd: root });
  expect(authorizations).toHaveLength(1);
  expect(replayed.code).toBe(1);
  expect(replayed.stderr).toContain(`The forward target for send_email, ${target}, has *** for its password`);
});
