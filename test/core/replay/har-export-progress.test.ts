import { expect, it } from 'vitest';
import { flowentHar } from '../../helpers/flowent-har';
import { coresClosedAfterEach } from '../../helpers/running-core';

// The page's export tells how far the core has written the file, a batch of calls at a time,
// as `har-export-progress` events: the page's bar follows them.
const start = coresClosedAfterEach();

it('tells har-export-progress from 0 to every call, a batch at a time, never going back', async () => {
  const core = await start({ key: 'k' });
  const imported = await core.core.api.importHar(flowentHar(120, 'k'));
  expect(imported).toMatchObject({ ok: true, value: { imported: 120 } });
  const exported = await core.core.api.exportHar({ filter: {} });
  expect(exported).toMatchObject({ ok: true, value: { count: 120 } });
  const told = core.events.flatMap((event) => (event.type === 'har-export-progress' ? [[event.done, event.total]] : []));
  expect(told).toEqual([
    [0, 120],
    [50, 120],
    [100, 120],
    [120, 120],
  ]);

  // A limit that leaves calls out counts those written, not those matched.
  const before = core.events.length;
  await core.core.api.exportHar({ filter: {}, limit: 10 });
  const limited = core.events.slice(before).flatMap((event) => (event.type === 'har-export-progress' ? [[event.done, event.total]] : []));
  expect(limited).toEqual([
    [0, 10],
    [10, 10],
  ]);
});
