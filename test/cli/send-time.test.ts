// The time `send` shows (and stores) is the handler's round trip. The HTTP client library loads
// with the first call a command forwards; made to load slowly here, it must not show in the time.
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { handlerAndFolderPerTest } from '../helpers/handler-process';
import { runCli } from '../helpers/spawn-cli';

const SLOW_LOAD = resolve(__dirname, '../helpers/slow-client-load.cjs');
const LOAD_MS = 3_000;
const { handlerAndFolder } = handlerAndFolderPerTest();

it("shows the handler's time, not the client library's load", async () => {
  const { handler, dir } = await handlerAndFolder();
  const env = { FLOWENT_HMAC_KEY: 'send-time-key', NODE_OPTIONS: `--require ${SLOW_LOAD}`, SLOW_CLIENT_LOAD_MS: String(LOAD_MS) };
  const started = performance.now();
  const sent = await runCli(['send', 'send_email', '--params', '{}', '--target', handler.target, '--data-dir', dir.path], env);
  const wholeCommandMs = performance.now() - started;
  expect(sent.code, sent.stderr).toBe(0);
  // The load did happen (the command took that long), and the call's own time does not hold it.
  expect(wholeCommandMs).toBeGreaterThan(LOAD_MS);
  const shown = Number(/time:\s+([\d.]+) ms/.exec(sent.stdout)?.[1]);
  expect(shown).toBeLessThan(LOAD_MS);

  const stored = await runCli(['calls', '--json', '--data-dir', dir.path]);
  const [call] = stored.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { durationMs: number });
  expect(call?.durationMs).toBeLessThan(LOAD_MS);
});
