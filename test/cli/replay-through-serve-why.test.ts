// `replay` without --target, for an action no answers setting names a handler for, goes through
// the running serve's webhook. The serve knows how it answered (its 502 stands in for a handler
// that refused the connection; its 400 refuses a body); the replaying command sees only a
// status. Its line and its stored replay must say what the serve's own record of the original
// says, not what a 502 or a 400 looks like from outside. The built command, a real serve child.
import { describe, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { runCli, startServe } from '../helpers/spawn-cli';
import { serveForwardingToNobody } from '../helpers/serve-forwarding';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const KEY = 'replay-through-serve-why-key';
const { cleanups, tempDir } = cleanupsPerTest();

interface Listed {
  id: number;
  source: string;
  status: number;
  problem: string | null;
  violations: { code: string; message: string; cause?: string }[];
}

async function listed(dataDir: string): Promise<Listed[]> {
  const out = await runCli(['calls', '--json', '--data-dir', dataDir]);
  return out.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Listed)
    .sort((a, b) => a.id - b.id);
}

describe('replay through a running serve, of calls its handler never answered or it refused', () => {
  it('says what the serve did: the handler refused the connection, the body had no parameters', async () => {
    const dataDir = tempDir();
    const { server, nobody: dead } = await serveForwardingToNobody(dataDir, KEY, cleanups);
    const post = (action: string, payload: Record<string, unknown>) =>
      fetch(`${server.baseUrl}/actions/${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: signedBody(payload, KEY),
      });
    expect((await post('down', flowentPayload('down'))).status).toBe(502);
    expect((await post('send_email', { action_name: 'send_email', timestamp: Math.floor(Date.now() / 1000) })).status).toBe(400);

    const replayed = await runCli(['replay', '1', '2', '--data-dir', dataDir], { FLOWENT_HMAC_KEY: KEY });
    const refusedLine = `Your handler at ${dead}/actions/down refused the connection`;
    // No answer is no violation of the contract: said as serve and calls say it.
    expect(replayed.stdout).toMatch(/^#1 → #3 {2}502 {2}same {2}failed$/m);
    expect(replayed.stdout).toContain(`  Your handler never answered: ${refusedLine}`);
    expect(replayed.stdout).not.toContain(`  ! ${refusedLine}`);
    expect(replayed.stdout).toMatch(/^#2 → #4 {2}400 refused: no parameters {2}same {2}failed$/m);
    expect(replayed.stdout).not.toMatch(/answered 502|answered 400/);
    // The serve's 502 stood in for a handler nobody runs: that replay reached nobody, the refused body reached the serve.
    expect(replayed.stdout).toContain('1 replayed: 0 passed, 0 passed with a changed answer, 1 failed; 1 reached nobody.');
    expect(replayed.code).toBe(1);

    // Each replay stored as the serve stored its original: the same cause, the same refusal.
    const [down, refused, downAgain, refusedAgain] = await listed(dataDir);
    expect(downAgain).toMatchObject({ source: 'replay', status: 502, violations: down!.violations });
    expect(downAgain!.violations).toEqual([expect.objectContaining({ code: 'no-answer', cause: 'refused' })]);
    expect(refusedAgain).toMatchObject({ source: 'replay', status: 400, problem: 'missing-parameters', violations: [] });
    expect(refused).toMatchObject({ problem: 'missing-parameters', violations: [] });

    // Straight to the handler, still down: no answer rather than the serve's 502, the same cause, not a change.
    const straight = await runCli(['replay', '1', '--target', `${dead}/actions/{action_name}`, '--data-dir', dataDir], {
      FLOWENT_HMAC_KEY: KEY,
    });
    expect(straight.stdout).toMatch(
      /^#1 → #5 {2}no answer \(as the original's 502: your handler still cannot be reached\) {2}same {2}failed$/m,
    );
    expect(straight.stdout).not.toContain('502 → no answer');
    expect(straight.code).toBe(1);

    // Its diff says so too: no answer to compare with the serve's 502 in the handler's place.
    const diffed = await runCli(['replay', '1', '--diff', '--target', `${dead}/actions/{action_name}`, '--data-dir', dataDir], {
      FLOWENT_HMAC_KEY: KEY,
    });
    expect(diffed.stdout).toContain(
      "\n    status 502 → no answer (as the original's 502: your handler still cannot be reached)\n0 replayed: 0 passed, 0 passed with a changed answer, 0 failed; 1 reached nobody.",
    );
    expect(diffed.stdout).not.toMatch(/→ 0|header content-type|could not reach your handler/);
  });
});

describe('send through a serve that refuses the call', () => {
  it('says it was refused, and why, and exits 1: a refusal breaks no contract, yet is no pass', async () => {
    const dataDir = tempDir();
    const server = await startServe(['--port', '0', '--no-inspector', '--enforce-signatures', '--data-dir', dataDir], {
      FLOWENT_HMAC_KEY: KEY,
    });
    cleanups.push(() => {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    });
    const sent = await runCli(
      ['send', 'send_email', '--params', '{"to":"a@b.c"}', '--target', `${server.baseUrl}/actions/{action_name}`, '--data-dir', dataDir],
      { FLOWENT_HMAC_KEY: 'not-the-serve-key' },
    );
    expect(sent.stdout).toContain('  verdict: this companion refused the call (401); Flowent treats anything but 2xx as a failed action\n');
    // Why, as the serve's check said it (its key is not the sender's), under the answer.
    expect(sent.stdout).toMatch(/ {2}answer: {2}401 .*\n {2}why: The signature matches none of the 13 known styles: the key is wrong/);
    expect(sent.stdout).not.toContain("meets Flowent's contract");
    expect(sent.code).toBe(1);
    // Stored as the serve stores such a refusal: no contract checked, no "not 2xx" mark.
    const [call] = await listed(dataDir);
    expect(call).toMatchObject({ source: 'simulator', status: 401, violations: [] });
  });
});
