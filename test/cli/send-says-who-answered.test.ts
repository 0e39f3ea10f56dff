// `send` (and `replay`) to the webhook of a running serve prints what Flowent would have received from it:
// when that serve's forwarding got no answer from the handler, the serve still answered (its
// mock with --fallback-to-mock, else a 502), and that answer is what send shows, in the words
// `calls` uses for the same stored call, never "none".
import { describe, expect, it } from 'vitest';
import { postSigned } from '../helpers/flowent-signer';
import { runCli, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const KEY = 'send-says-who-answered-key';
const { cleanups, tempDir } = cleanupsPerTest();

/** A handler address nothing listens on. */
const NOWHERE = 'http://127.0.0.1:9/actions/{action_name}';

async function serve(args: string[]): Promise<ServeProcess> {
  const server = await startServe(['--port', '0', '--no-inspector', '--forward', NOWHERE, ...args], { FLOWENT_HMAC_KEY: KEY });
  cleanups.push(() => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  });
  return server;
}

describe('send to a serve whose handler gives no answer', () => {
  it("shows the mock's 200 and why the mock answered, as calls does", async () => {
    const dataDir = tempDir();
    const server = await serve(['--fallback-to-mock', '--data-dir', dataDir]);
    const sent = await runCli(
      ['send', 'send_email', '--params', '{}', '--target', `${server.baseUrl}/actions/{action_name}`, '--data-dir', dataDir],
      { FLOWENT_HMAC_KEY: KEY },
    );
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).not.toContain('answer:  none');
    expect(sent.stdout).toMatch(/\n {2}answer: {2}200 \{.*\}\n {11}from the mock: your handler gave no answer\n/);
    expect(sent.stdout).toContain('\n  forwarding failed: Your handler at http://127.0.0.1:9/actions/send_email refused the connection');
    expect(sent.stdout).toContain("verdict: the answer meets Flowent's contract");

    // The same words on the stored call's line.
    const listed = await runCli(['calls', '--data-dir', dataDir]);
    expect(listed.stdout).toContain('200 from the mock: your handler gave no answer');
    expect(listed.stdout).toContain('  forwarding failed: Your handler at http://127.0.0.1:9/actions/send_email refused the connection');
  });

  it("shows the serve's 502 without the fallback", async () => {
    const dataDir = tempDir();
    const server = await serve(['--data-dir', dataDir]);
    const sent = await runCli(
      ['send', 'send_email', '--params', '{}', '--target', `${server.baseUrl}/actions/{action_name}`, '--data-dir', dataDir],
      { FLOWENT_HMAC_KEY: KEY },
    );
    expect(sent.code).toBe(1);
    expect(sent.stdout).not.toContain('answer:  none');
    expect(sent.stdout).toMatch(/\n {2}answer: {2}502 \{.*\}\n/);
    expect(sent.stdout).not.toContain('from the mock');
    // The handler never answered the serve: said as calls says it, not as a violation of what an answer breaks.
    expect(sent.stdout).toContain(
      '\n  verdict: no answer to check; Flowent treats that as a failed action\n  Your handler never answered: Your handler at http://127.0.0.1:9/actions/send_email refused the connection',
    );
    expect(sent.stdout).not.toContain('violation');
  });
});

describe('send straight to a handler that is not running', () => {
  it('says why once, and does not call it a violation of the contract (nothing answered to check)', async () => {
    const sent = await runCli(['send', 'send_email', '--params', '{}', '--target', NOWHERE, '--data-dir', tempDir()], {
      FLOWENT_HMAC_KEY: KEY,
    });
    expect(sent.code).toBe(1);
    const refused = 'Your handler at http://127.0.0.1:9/actions/send_email refused the connection';
    expect(sent.stdout).toContain(`\n  answer:  none: ${refused}`);
    expect(sent.stdout.split(refused)).toHaveLength(2);
    expect(sent.stdout).toContain('\n  verdict: no answer to check; Flowent treats that as a failed action\n');
    expect(sent.stdout).not.toContain('violation');
  });
});

describe('replay to a serve whose handler gives no answer', () => {
  it('says the mock answered the replay, and why, as calls does', async () => {
    const dataDir = tempDir();
    const server = await serve(['--fallback-to-mock', '--data-dir', dataDir]);
    expect((await postSigned(server.baseUrl, 'send_email', {}, KEY)).status).toBe(200);
    const replayed = await runCli(['replay', '1', '--target', `${server.baseUrl}/actions/{action_name}`, '--data-dir', dataDir], {
      FLOWENT_HMAC_KEY: KEY,
    });
    expect(replayed.code, replayed.stderr).toBe(0);
    expect(replayed.stdout).toContain('#1 → #2  200 from the mock: your handler gave no answer  same  ok\n');
    expect(replayed.stdout).toContain(
      '\n  forwarding failed: Your handler at http://127.0.0.1:9/actions/send_email refused the connection',
    );
    // Passed, but no handler was tested: the summary says so under its counts.
    expect(replayed.stdout).toContain(
      '\n1 replayed: 1 passed, 0 passed with a changed answer, 0 failed.\n1 replay answered from the mock: your handler gave no answer.\n',
    );
  });
});
