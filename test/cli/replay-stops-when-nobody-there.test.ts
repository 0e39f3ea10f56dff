import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign } from '../../main/core/signature';
import { closedPort } from '../helpers/handler-process';
import { startCore, type RunningCore } from '../helpers/running-core';
import { runCli } from '../helpers/spawn-cli';

// `replay --action` to a handler that is not running, through the built command: a real core's
// SQLite file holding Flowent's calls, and a port that was listened on, then closed.
const KEY = 'cli-replay-down-key';
const CALLS = 8;
let running: RunningCore;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  running = await startCore({ key: KEY });
  for (let n = 0; n < CALLS; n++) {
    const payload = JSON.stringify({ action_name: 'send_email', parameters: { n }, timestamp: Math.floor(Date.now() / 1000) });
    await running.post('/actions/send_email', sign(payload, KEY, 'python').body);
  }
  env = { FLOWENT_HMAC_KEY: KEY, FLOWENT_COMPANION_DATA_DIR: running.dataDir };
});
afterAll(async () => {
  await running.close();
});

describe('flowent-companion replay to a handler nobody runs', () => {
  it('stops after 3 refused connections, ends with one line that says why and what to do, and exits 1', async () => {
    const port = await closedPort();
    const result = await runCli(
      ['replay', '--action', 'send_email', '--since', '1h', '--target', `http://127.0.0.1:${port}/actions/{action_name}`],
      env,
    );
    const lines = result.stdout.trimEnd().split('\n');
    // Three replays sent, each with its line; the five left are not listed one by one.
    expect(lines.filter((line) => /^#\d+ → #\d+ {2}200 → no answer {2}changed {2}failed$/.test(line))).toHaveLength(3);
    expect(result.stdout).not.toMatch(/not sent: /);
    // Counted as the page counts them: none of the three sent reached a handler.
    expect(lines.at(-2)).toBe('0 replayed: 0 passed, 0 passed with a changed answer, 0 failed; 3 reached nobody, 5 not sent.');
    expect(lines.at(-1)).toBe(
      `Stopped after 3 calls: your handler at http://127.0.0.1:${port}/actions/send_email refused the connection (nothing is listening). 5 calls not sent. Start your handler and run again.`,
    );
    expect(result.code).toBe(1);
    // Three failed replays in the history, not eight.
    const replays = (await running.core.api.listCalls({ source: 'replay', limit: 100 })).calls;
    expect(replays).toHaveLength(3);
  });
});
