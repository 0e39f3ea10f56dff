// An export reads its calls a batch at a time: the file must be the one a read of each call by
// itself makes, in the order asked, holes left out, and a serve's loop must get turns between
// the batches.
import { expect, it } from 'vitest';
import { callsToHar } from '../../../main/core/replay/har-export';
import { harText } from '../../../main/core/replay/har-write';
import type { StoredCall } from '../../../main/core/store/call-rows';
import { useMigratedHistory } from '../../helpers/migrated-history';
import { storedCall } from '../../helpers/new-call';
import { benchCall } from '../../bench/fill-history';

const history = useMigratedHistory();

function fill(count: number): void {
  // Varied calls (actions, verdicts, failures, sources, escaped and long bodies), and a few
  // with no body or a binary one, which a HAR writes as base64.
  history.calls.insert(Array.from({ length: count }, (_, n) => benchCall(n, 1_700_000_000_000 + n * 1000)));
  history.calls.insert([
    storedCall({ requestBody: Buffer.alloc(0), bodySize: 0 }),
    storedCall({ requestBody: Buffer.from([0xff, 0, 0xfe]) }),
  ]);
}

it('writes the bytes of the calls read one at a time, in the order of the ids, leaving out ids with no call', async () => {
  fill(160);
  history.db.prepare('DELETE FROM calls WHERE id % 17 = 0').run();
  // Out of order and past the end, as a selection by ids may be; more than one batch.
  const ids = [...Array.from({ length: 162 }, (_, n) => 162 - n), 40, 500, 3];
  const oneByOne = ids.map((id) => history.calls.get(id)).filter((call): call is StoredCall => call !== null);

  const { text, count } = await harText(history.calls, ids);

  expect(count).toBe(oneByOne.length);
  expect(text).toBe(JSON.stringify(callsToHar(oneByOne), null, 2));
  expect(history.calls.getMany(ids).map((call) => call.id)).toEqual(oneByOne.map((call) => call.id));
});

it('lets the loop turn between batches, so a serve exporting its history still answers calls', async () => {
  fill(300);
  let turns = 0;
  const ticking = setInterval(() => turns++, 0);
  // A timer fires only when the loop gets a turn: an export read in one go would see none.
  const before = turns;
  await harText(
    history.calls,
    Array.from({ length: 302 }, (_, n) => n + 1),
  );
  clearInterval(ticking);
  expect(turns - before).toBeGreaterThanOrEqual(2);
});
