// `replay <id>` without --target goes through the running serve's webhook, which forwards to the
// developer's handler: the replay's line named no handler (the serve's URL was all it was sent to),
// and `calls <id>` said the serve's webhook was "your handler". Each replay's line now names the
// handler the serve said it forwarded to, its password as ***, and the stored replay's details
// name that handler behind the webhook. The built command, a real serve child, a real handler
// child answering 500, a port listened on then closed.
import { describe, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { runCli } from '../helpers/spawn-cli';
import { closedPort, useHandler } from '../helpers/handler-process';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { serveForwardingTo } from '../helpers/serve-forwarding';

const KEY = 'replay-line-behind-serve-key';
const PASSWORD = 'S3CRETpass';
const { cleanups, tempDir } = cleanupsPerTest();
const handler = useHandler();

/** A serve on a fresh data folder forwarding every action to `origin` with a password, and one call of `action` from Flowent through it. */
async function serveWithOneCall(origin: string, action: string) {
  const dataDir = tempDir();
  const withPassword = origin.replace('http://', `http://deploy:${PASSWORD}@`);
  const server = await serveForwardingTo(dataDir, `${withPassword}/actions/{action_name}`, KEY, cleanups);
  await fetch(`${server.baseUrl}/actions/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: signedBody(flowentPayload(action, { n: 1 }), KEY),
  });
  const replayed = await runCli(['replay', '1', '--data-dir', dataDir], { FLOWENT_HMAC_KEY: KEY });
  return { dataDir, server, replayed };
}

describe("a replay through a running serve names the serve's handler", () => {
  it('in its line and in the stored replay, when the handler answers 500', async () => {
    const origin = `http://127.0.0.1:${handler().port}`;
    const { dataDir, server, replayed } = await serveWithOneCall(origin, 'error500');
    const lines = replayed.stdout.trimEnd().split('\n');
    expect(lines[1]).toMatch(/^#1 → #2 {2}500 {2}same {2}1 violation$/);
    expect(lines[2]).toBe(
      `  forwarded to your handler at http://deploy:***@127.0.0.1:${handler().port}/actions/error500, behind this companion's webhook`,
    );
    expect(replayed.stdout + replayed.stderr).not.toContain(PASSWORD);
    expect(replayed.code).toBe(1);

    // The replay's details: the handler answered, behind the serve's webhook it was sent to.
    const details = await runCli(['calls', '2', '--data-dir', dataDir], { FLOWENT_HMAC_KEY: KEY });
    expect(details.stdout).toContain(
      `Answer:  500\n  answered by: your handler\n  Sent to this companion's webhook at ${server.baseUrl}/actions/error500, which forwarded it to your handler at http://deploy:***@127.0.0.1:${handler().port}/actions/error500\n`,
    );
    expect(details.stdout).not.toContain(PASSWORD);
  });

  it('in its line, above how it gave no answer, when nothing listens where the serve forwards', async () => {
    const origin = `http://127.0.0.1:${await closedPort()}`;
    const { dataDir, server, replayed } = await serveWithOneCall(origin, 'down');
    const lines = replayed.stdout.trimEnd().split('\n');
    expect(lines[1]).toMatch(/^#1 → #2 {2}502 {2}same {2}failed$/);
    expect(lines[2]).toBe(
      `  forwarded to your handler at ${origin.replace('http://', 'http://deploy:***@')}/actions/down, behind this companion's webhook`,
    );
    expect(lines[3]).toMatch(/^ {2}Your handler never answered: /);
    expect(replayed.stdout + replayed.stderr).not.toContain(PASSWORD);

    // The replay's details name that handler too, though it never answered: the serve said where it forwarded.
    const details = await runCli(['calls', '2', '--data-dir', dataDir], { FLOWENT_HMAC_KEY: KEY });
    expect(details.stdout).toContain(
      `Answer:  502\n  answered by: this companion's 502 error answer, because your handler refused the connection\n  Sent to this companion's webhook at ${server.baseUrl}/actions/down, which forwarded it to your handler at ${origin.replace('http://', 'http://deploy:***@')}/actions/down\n`,
    );
    expect(details.stdout).not.toContain(PASSWORD);
  });
});
