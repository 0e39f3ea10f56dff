// A call read whole (what an export writes, what the detail pane shows) is built on one shared
// hidden class. Built by spreading its summary, each call got a class of its own, and each field
// added after the spread another: about 75 µs a call, most of an export's time (BENCHMARKS.md,
// "Export speed"). The engine's own answer is checked, not a time, so the test holds on a busy machine.
import { setFlagsFromString } from 'node:v8';
import { expect, it } from 'vitest';
import { useMigratedHistory } from '../../helpers/migrated-history';
import { benchCall } from '../../bench/fill-history';

setFlagsFromString('--allow-natives-syntax');
// Compiled after the flag is set, so the engine's intrinsic is allowed in it.
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

const history = useMigratedHistory();

it('builds every call read whole on the same hidden class', () => {
  const ids = history.calls.insert(Array.from({ length: 20 }, (_, n) => benchCall(n, 1_700_000_000_000 + n * 1000)));
  const [first, ...rest] = history.calls.getMany(ids);
  expect(rest).toHaveLength(19);
  for (const call of rest) expect(haveSameMap(first!, call)).toBe(true);
});
