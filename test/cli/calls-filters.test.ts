import { describe, expect, it } from 'vitest';
import { VERDICTS } from '../../main/contract/names-and-limits';
import { runCli } from '../helpers/spawn-cli';
import { useThreeCallHistory } from './three-calls-history';

// `calls --since/--verdict/--status`: the page's filters, read through the core's.
const calls = useThreeCallHistory();
const ids = (text: string) => [...text.matchAll(/^#(\d+) /gm)].map((match) => Number(match[1]));

describe('calls --since, --verdict, --status', () => {
  it('filter as replay and export --since do, and as the page filters verdict and status', async () => {
    expect(ids((await calls('--since', '1h')).stdout)).toEqual([3, 2, 1]);
    const later = await calls('--since', '2999-01-01T00:00:00Z');
    expect(later.code).toBe(0);
    expect(ids(later.stdout)).toEqual([]);
    expect(later.stderr).toMatch(/^No calls stored in .*history\.sqlite since 2999-01-01T00:00:00Z\./);
    expect(ids((await calls('--verdict', 'invalid')).stdout)).toEqual([2]);
    expect(ids((await calls('--verdict', 'valid', '--status', '2xx')).stdout)).toEqual([1]);
    expect(ids((await calls('--status', '4xx')).stdout)).toEqual([3]);
    const json = await calls('--status', '2xx', '--json');
    expect(
      json.stdout
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { id: number }).id),
    ).toEqual([2, 1]);
  });

  it.each([
    [['--since', 'yesterday'], /--since must be an ISO 8601 time/],
    [['--verdict', 'nope'], new RegExp(`--verdict must be one of ${VERDICTS.join(', ')}, not "nope"`)],
    [['--status', '404'], /--status must be one of 2xx, 3xx, 4xx, 5xx, not "404"/],
  ])('%j exits 2', async (args, message) => {
    const result = await calls(...args);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
  });

  it('lists them in its help', async () => {
    const help = await runCli(['calls', '--help']);
    expect(help.stdout).toMatch(/^ {2}--since <time> {5}Only calls since an ISO 8601 time or a span \(30m, 1h, 2d\)$/m);
    expect(help.stdout).toMatch(/^ {2}--verdict <v> +Only calls whose signature verdict is /m);
    expect(help.stdout).toMatch(/^ {2}--status <class> +Only calls answered 2xx, 3xx, 4xx or 5xx/m);
  });
});
