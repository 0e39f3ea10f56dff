import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edgeSpaceWords } from '../../main/contract/words';
import { runInProcess } from '../helpers/in-process-cli';
import { makeTempDir } from '../helpers/temp-dir';

const dir = makeTempDir();
const dataDir = join(dir.path, 'data');
const har = join(dir.path, 'calls.har');
// Nobody listens on port 1: the call is signed, sent, refused and stored all the same.
const NOBODY = 'http://127.0.0.1:1/actions/{action_name}';
// A CI secret read from a file or pasted into a settings page often ends with a line break.
const KEY_WITH_NEWLINE = { FLOWENT_HMAC_KEY: 'edge-space-key\n' };
const CLEAN_KEY = { FLOWENT_HMAC_KEY: 'edge-space-key' };
const note = (command: string) => `flowent-companion ${command}: ${edgeSpaceWords('FLOWENT_HMAC_KEY', 'used as it is')}\n`;

beforeAll(async () => {
  mkdirSync(dataDir);
  const sent = await runInProcess(['send', 'send_email', '--target', NOBODY, '--data-dir', dataDir], { env: CLEAN_KEY });
  expect(sent.stdout).toMatch(/^Sent #1 /);
  expect((await runInProcess(['export', '--har', har, '--data-dir', dataDir], { env: CLEAN_KEY })).code).toBe(0);
});
afterAll(() => dir.remove());

describe('a FLOWENT_HMAC_KEY with a line break at its end', () => {
  it('is said on stderr by send, which signs with it as it is (serve says it in its banner)', async () => {
    const result = await runInProcess(['send', 'send_email', '--target', NOBODY, '--data-dir', dataDir], { env: KEY_WITH_NEWLINE });
    expect(result.stderr).toContain(note('send'));
    expect(result.stdout).not.toContain('line break');
    // The note changes nothing else: the call is sent and its outcome decides the exit code.
    expect(result.stdout).toMatch(/^Sent #\d+ /);
    expect(result.code).toBe(1);
  });

  it('is said by replay when it signs (--resign), not when it sends the stored bytes as they were', async () => {
    const resigned = await runInProcess(['replay', '1', '--resign', '--target', NOBODY, '--data-dir', dataDir], { env: KEY_WITH_NEWLINE });
    expect(resigned.stderr).toContain(note('replay'));
    const asIs = await runInProcess(['replay', '1', '--target', NOBODY, '--data-dir', dataDir], { env: KEY_WITH_NEWLINE });
    expect(asIs.stderr).not.toContain('line break');
  });

  it('is said by import, whose verdicts are checked with it', async () => {
    const into = join(dir.path, 'another machine');
    mkdirSync(into);
    const result = await runInProcess(['import', har, '--data-dir', into], { env: KEY_WITH_NEWLINE });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(note('import'));
  });

  it('is not said for a key without one', async () => {
    const result = await runInProcess(['send', 'send_email', '--target', NOBODY, '--data-dir', dataDir], { env: CLEAN_KEY });
    expect(result.stderr).not.toContain('line break');
  });
});
