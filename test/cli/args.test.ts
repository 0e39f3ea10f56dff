// The command line's numbers: every spelling a help documents is taken, and a refusal names the
// range that is really taken.
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process-cli';
import { makeTempDir } from '../helpers/temp-dir';

const dir = makeTempDir();
afterAll(() => dir.remove());

/** Runs a command line in this process; commands refused here stop before any server or history. */
const run = (...argv: string[]) => runInProcess(argv, { env: {}, cwd: dir.path });

describe('serve --keep-* and --rate-limit: 0 means no limit, so refusals say the range starts at 0', () => {
  it.each([
    ['--keep-days', '1.5', '--keep-days must be a whole number from 0 (no limit) to 36500, not "1.5".'],
    ['--keep-calls', '1.5', '--keep-calls must be a whole number from 0 (no limit) to 1000000000, not "1.5".'],
    ['--rate-limit', '2000000/s', '--rate-limit must be a whole number from 0 (no limit) to 1000000, not "2000000".'],
  ])('%s %s', async (flag, value, message) => {
    const refused = await run('serve', '--port', '0', '--data-dir', dir.path, flag, value);
    expect(refused.stderr).toContain(message);
    expect(refused.code).toBe(2);
  });

  it('still says "from 1" where 0 is not taken', async () => {
    expect((await run('calls', '--limit', '0')).stderr).toContain('--limit must be a whole number from 1 to 10000, not "0".');
  });
});
