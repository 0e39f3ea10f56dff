import { afterEach, expect, it } from 'vitest';
import { importHar, storeOrder } from '../../../main/core/replay/har-import';
import { openStore, type Store } from '../../../main/core/store/open-store';
import { makeTempDir } from '../../helpers/temp-dir';

// A HAR's entries are stored in the order they started, so the imported block reads in time
// order in the list (newest first by arrival in the companion), whatever order the file has.
let opened: { store: Store; remove: () => void } | null = null;
afterEach(async () => {
  await opened?.store.close();
  opened?.remove();
  opened = null;
});

function history(): Store {
  const dir = makeTempDir();
  const store = openStore({ dataDir: dir.path });
  if (!store.ok) throw new Error(JSON.stringify(store));
  opened = { store: store.value, remove: dir.remove };
  return store.value;
}

const entry = (startedDateTime: unknown, n: number) => ({
  ...(startedDateTime === undefined ? {} : { startedDateTime }),
  request: {
    method: 'POST',
    url: 'http://127.0.0.1:8787/actions/send_email',
    headers: [{ name: 'content-type', value: 'application/json' }],
    postData: { text: JSON.stringify({ action_name: 'send_email', parameters: { n }, timestamp: 1 }) },
  },
  response: { status: 200, headers: [], content: { text: '{"result":"ok","error":""}' } },
});

it('stores the entries oldest first; equal times keep the file order', async () => {
  const calls = history().calls;
  const har = {
    log: {
      entries: [
        entry('2026-03-01T10:00:03.000Z', 0),
        entry('2026-03-01T10:00:01.000Z', 1),
        entry('2026-03-01T10:00:02.000Z', 2),
        entry('2026-03-01T10:00:01.000Z', 3),
        entry('2026-03-01T11:00:00.000+01:00', 4),
      ],
    },
  };
  const imported = await importHar(JSON.stringify(har), calls, null);
  if (!imported.ok) throw new Error(JSON.stringify(imported));
  const stored = imported.value.ids.map((id) => calls.get(id)!);
  const n = (call: (typeof stored)[number]) =>
    (JSON.parse(call.requestBody.toString('utf8')) as { parameters: { n: number } }).parameters.n;
  // 11:00+01:00 is 10:00Z: the first of all, read as the time it names, not as text.
  expect(stored.map(n)).toEqual([4, 1, 3, 2, 0]);
  // The list, newest first by id, reads newest to oldest.
  const listed = calls.list({}).calls.map((call) => call.receivedAt);
  expect(listed).toEqual([...listed].sort((a, b) => b - a));
});

it('an entry without a readable time keeps its place; the timed ones are sorted around it', () => {
  const entries = [
    entry('2026-03-01T10:00:05Z', 0),
    entry(undefined, 1),
    entry('2026-03-01T10:00:01Z', 2),
    entry('yesterday', 3),
    entry('2026-03-01T10:00:03Z', 4),
    'not an entry',
  ];
  expect(storeOrder(entries)).toEqual([2, 1, 4, 3, 0, 5]);
  expect(storeOrder([])).toEqual([]);
});

it('tells problems in the file order, with the index the file gives them', async () => {
  const calls = history().calls;
  const broken = (startedDateTime: string) => ({
    startedDateTime,
    request: { method: 'POST', url: 'not a url', headers: [], postData: { text: '{}' } },
  });
  const har = { log: { entries: [broken('2026-03-01T10:00:09Z'), entry('2026-03-01T10:00:05Z', 1), broken('2026-03-01T10:00:01Z')] } };
  const imported = await importHar(JSON.stringify(har), calls, null);
  expect(imported).toMatchObject({
    ok: true,
    value: { imported: 1, problems: [{ path: 'log.entries[0].request.url' }, { path: 'log.entries[2].request.url' }] },
  });
});
