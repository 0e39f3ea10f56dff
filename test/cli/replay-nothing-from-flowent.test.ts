import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process-cli';
import { makeTempDir } from '../helpers/temp-dir';

const dir = makeTempDir();
afterAll(() => dir.remove());

describe('replay --action with no call from Flowent to send again', () => {
  it('says so on stderr under the command name, with why its simulated calls do not count and how to replay them, and exits 1', async () => {
    const dataDir = join(dir.path, 'ci data');
    mkdirSync(dataDir);
    const env = { FLOWENT_HMAC_KEY: 'nothing-from-flowent-key' };
    // A CI job's own simulated call of the action: stored, but not Flowent's (port 1: nobody there).
    const sent = await runInProcess(['send', 'send_email', '--target', 'http://127.0.0.1:1/x', '--data-dir', dataDir], { env });
    expect(sent.stdout).toMatch(/^Sent #1 /);

    const result = await runInProcess(['replay', '--action', 'send_email', '--target', 'http://127.0.0.1:1/x', '--data-dir', dataDir], {
      env,
    });

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'flowent-companion replay: No calls from Flowent of action send_email to replay: only the calls Flowent sent (received or ' +
        'imported) are replayed, not simulated calls or replays. Change --action or --since, or replay a call by its id ' +
        // The list command names the same history, quoted for the shell.
        `("flowent-companion calls --action send_email --data-dir '${dataDir}'" lists them).\n`,
    );
  });
});
