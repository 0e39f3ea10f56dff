// The command line's numbers: every spelling a help documents is taken, and a refusal names the
// range that is really taken.
import { afterAll, describe, expect, it } from 'vitest';
import { parseFlags } from '../../main/cli/args';
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

describe('a negative number after an option that takes a value is that value', () => {
  // Every option that takes a number, with what the command needs before it reads that option.
  const NUMERIC: [before: string[], option: string][] = [
    [['serve'], '--port'],
    [['serve'], '--inspector-port'],
    [['serve'], '--forward-timeout'],
    [['serve'], '--body-limit'],
    [['serve'], '--keep-calls'],
    [['serve'], '--keep-days'],
    [['serve'], '--keep-size'],
    [['serve'], '--rate-limit'],
    [['calls'], '--limit'],
    [['export', '--har', '-'], '--limit'],
    [['replay', '--action', 'ok'], '--limit'],
    [['replay', '1'], '--concurrency'],
  ];

  it.each(NUMERIC)('%j %s -1 is refused as out of range, as with =-1', async (before, option) => {
    const spaced = await run(...before, option, '-1');
    const joined = await run(...before, `${option}=-1`);
    expect(spaced.stderr).not.toMatch(/ambiguous|Did you forget/);
    expect(spaced.stderr).toContain('"-1"');
    expect(spaced).toEqual(joined);
    expect(spaced.code).toBe(2);
  });

  it('joins long and short options that take a value; not a flag, nor what follows --', () => {
    const options = { seed: { type: 'string' }, count: { type: 'string', short: 'n' }, follow: { type: 'boolean' } } as const;
    expect(parseFlags(['--seed', '-5', '-n', '-3'], options).values).toEqual({ seed: '-5', count: '-3' });
    expect(() => parseFlags(['--follow', '-1'], options)).toThrow(/-1 is not an option of this command/);
    expect(parseFlags(['--', '--seed', '-5'], options, true).positionals).toEqual(['--seed', '-5']);
  });
});
