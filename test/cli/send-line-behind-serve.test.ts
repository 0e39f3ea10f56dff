// `send <action>` without --target goes through the running serve's webhook, which forwards to
// the developer's handler: its lines named only the serve and its --forward setting, not the
// handler the serve said it forwarded this call to. They now name that handler in the shared
// phrase (password as ***), as a replay's line does. The built command, a real serve child, a
// real handler child answering 500, a port listened on then closed.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/spawn-cli';
import { closedPort, useHandler } from '../helpers/handler-process';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { serveForwardingTo } from '../helpers/serve-forwarding';

const KEY = 'send-line-behind-serve-key';
const PASSWORD = 'S3CRETpass';
const { cleanups, tempDir } = cleanupsPerTest();
const handler = useHandler();

/** A serve on a fresh data folder forwarding every action to `origin` with a password, and `send <action>` through it. */
async function sendThroughServe(origin: string, action: string) {
  const dataDir = tempDir();
  const withPassword = origin.replace('http://', `http://deploy:${PASSWORD}@`);
  const server = await serveForwardingTo(dataDir, `${withPassword}/actions/{action_name}`, KEY, cleanups);
  const sent = await runCli(['send', action, '--params', '{"n":1}', '--data-dir', dataDir], { FLOWENT_HMAC_KEY: KEY });
  return { server, sent };
}

describe("send through a running serve names the serve's handler", () => {
  it('under the serve it went through, when the handler answers 500', async () => {
    const origin = `http://127.0.0.1:${handler().port}`;
    const { server, sent } = await sendThroughServe(origin, 'error500');
    const lines = sent.stdout.trimEnd().split('\n');
    expect(lines[1]).toBe(`  via:     the serve at ${server.baseUrl} (no handler is set here)`);
    expect(lines[2]).toBe(
      `  forwarded to your handler at http://deploy:***@127.0.0.1:${handler().port}/actions/error500, behind this companion's webhook`,
    );
    expect(sent.stdout).toMatch(/\n {2}answer: {2}500 /);
    expect(sent.stdout + sent.stderr).not.toContain(PASSWORD);
    expect(sent.code).toBe(1);
  });

  it('under the serve it went through, when nothing listens where the serve forwards', async () => {
    const origin = `http://127.0.0.1:${await closedPort()}`;
    const { sent } = await sendThroughServe(origin, 'down');
    const lines = sent.stdout.trimEnd().split('\n');
    expect(lines[2]).toBe(
      `  forwarded to your handler at ${origin.replace('http://', 'http://deploy:***@')}/actions/down, behind this companion's webhook`,
    );
    expect(sent.stdout).toMatch(/\n {2}answer: {2}502 /);
    expect(sent.stdout + sent.stderr).not.toContain(PASSWORD);
    expect(sent.code).toBe(1);
  });
});
