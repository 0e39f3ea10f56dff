import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../main/contract/api';
import { startCore } from '../helpers/running-core';
import { startServe } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

// serve's header says the history limits and the rate limit in force, the flags' for this run or
// else the stored settings', so that a history that stops growing, or a 429, is no surprise.
const { cleanups, tempDir } = cleanupsPerTest();

/** The header's limits line of a serve started with these flags. */
async function limitsLine(args: string[], dataDir = tempDir()): Promise<string | undefined> {
  const server = await startServe(['--port', '0', '--no-inspector', '--data-dir', dataDir, ...args]);
  cleanups.push(() => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  });
  return /^ {2}Limits: .*$/m.exec(server.stdout())?.[0];
}

/** The header's body limit line of a serve started with these flags. */
async function bodyLimitLine(args: string[]): Promise<string | undefined> {
  const server = await startServe(['--port', '0', '--no-inspector', '--data-dir', tempDir(), ...args]);
  cleanups.push(() => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  });
  return /^ {2}Body limit: .*$/m.exec(server.stdout())?.[0];
}

describe("serve's header", () => {
  it('says the default limits when neither flags nor settings change them', async () => {
    expect(await limitsLine([])).toBe('  Limits:       keeps at most 100,000 calls, 14 days, 1 GB');
  });

  it('says the limits the flags give for the run, a rate given without /s in requests a second', async () => {
    const args = ['--keep-calls', '500', '--keep-days', '0', '--keep-size', '500mb', '--rate-limit', '5'];
    expect(await limitsLine(args)).toBe('  Limits:       keeps at most 500 calls, 500 MB; 5 requests a second per caller');
  });

  it('says the stored settings where no flag is given, and a flag over a stored setting', async () => {
    const dataDir = tempDir();
    const stored = await startCore({ dataDir });
    expect((await stored.core.api.setLimits({ ...DEFAULT_LIMITS, keepCalls: null, keepDays: 3, rateLimitPerSecond: 1 })).ok).toBe(true);
    await stored.close();
    expect(await limitsLine(['--keep-size', '2gb'], dataDir)).toBe(
      '  Limits:       keeps at most 3 days, 2 GB; 1 request a second per caller',
    );
  });

  it('says in a few words that there is none when every limit is off', async () => {
    const args = ['--keep-calls', '0', '--keep-days', '0', '--keep-size', '0', '--rate-limit', '0/s'];
    expect(await limitsLine(args)).toBe('  Limits:       none: keeps every call, answers every caller');
  });

  it("says the largest body a call may have: Flowent's own by default, else --body-limit's", async () => {
    expect(await bodyLimitLine([])).toBe(
      "  Body limit:   1 MB a call, Flowent's own limit (a larger body gets 413; --body-limit changes it)",
    );
    expect(await bodyLimitLine(['--body-limit', '2mb'])).toBe(
      '  Body limit:   2 MB a call (a larger body gets 413; --body-limit changes it)',
    );
    expect(await bodyLimitLine(['--body-limit', '512kb'])).toBe(
      '  Body limit:   512 KB a call (a larger body gets 413; --body-limit changes it)',
    );
  });
});
