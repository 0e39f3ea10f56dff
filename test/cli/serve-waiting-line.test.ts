import { describe, expect, it } from 'vitest';
import { postSigned } from '../helpers/flowent-signer';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { startServe, type ServeProcess } from '../helpers/spawn-cli';
import { holdingHandler } from '../helpers/holding-handler';

const KEY = 'serve-waiting-key';
const { cleanups, tempDir } = cleanupsPerTest();

/** A held or slow handler (see holdingHandler), closed after the test. */
async function handler(answerAfterMs: number | null) {
  const held = await holdingHandler(answerAfterMs);
  cleanups.push(held.close);
  return { ...held, target: `http://127.0.0.1:${held.port}/hooks/{action_name}` };
}

async function serveForwardingTo(target: string): Promise<ServeProcess> {
  const args = ['--port', '0', '--no-inspector', '--data-dir', tempDir(), '--forward', target, '--forward-timeout', '20000'];
  const server = await startServe(args, { FLOWENT_HMAC_KEY: KEY });
  cleanups.push(async () => {
    if (server.child.exitCode !== null) return;
    server.child.kill('SIGTERM');
    await server.exited;
  });
  return server;
}

const WAITING = /waiting for your handler/g;

describe("serve's line for a call its handler keeps waiting", () => {
  it('is printed once, a moment after the call came, and the call line follows when the handler answers', async () => {
    const slow = await handler(null);
    const server = await serveForwardingTo(slow.target);
    const answered = postSigned(server.baseUrl, 'send_email', { to: 'a@example.com' }, KEY);
    const [line] = await server.waitFor(/^.*waiting for your handler.*$/m, 5_000);
    expect(line).toMatch(
      new RegExp(
        `^\\d\\d:\\d\\d:\\d\\d  send_email  waiting for your handler at http://127\\.0\\.0\\.1:${slow.port}/hooks/send_email \\(1 s so far, 20 s at most\\) \\.\\.\\.$`,
      ),
    );
    // Not again every second it goes on waiting.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(server.stdout().match(WAITING)).toHaveLength(1);

    slow.answerAll();
    expect((await answered).status).toBe(200);
    await server.waitFor(/send_email {2}valid \(python\) {2}200/);
    const lines = server.stdout().split('\n');
    const waitingAt = lines.findIndex((printed) => printed.includes('waiting for your handler'));
    const storedAt = lines.findIndex((printed) => /send_email {2}valid \(python\) {2}200/.test(printed));
    expect(waitingAt).toBeGreaterThan(-1);
    expect(storedAt).toBeGreaterThan(waitingAt);
    // The same received time leads both lines.
    expect(lines[storedAt]?.slice(0, 8)).toBe(lines[waitingAt]?.slice(0, 8));
  });

  it('says nothing of waiting for a handler that answers within the moment', async () => {
    const quick = await handler(200);
    const server = await serveForwardingTo(quick.target);
    expect((await postSigned(server.baseUrl, 'send_email', {}, KEY)).status).toBe(200);
    await server.waitFor(/send_email {2}valid \(python\) {2}200/);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(server.stdout()).not.toMatch(WAITING);
  });
});
