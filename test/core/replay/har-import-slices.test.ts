import { expect, it } from 'vitest';
import { bigHar } from '../../helpers/big-har';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { coresClosedAfterEach } from '../../helpers/running-core';

// A big HAR is imported in slices: calls arriving meanwhile are answered before the import
// ends, and the import tells its progress.
const start = coresClosedAfterEach();

it('answers a call that arrives during a big import before the import ends', async () => {
  const core = await start({ key: 'k' });
  const har = bigHar(6 * 1024 * 1024, 'k');
  let importEnded = false;
  const importing = core.core.api.importHar(har.text).then((result) => {
    importEnded = true;
    return result;
  });
  // Wait for the import to be under way (its first slice is stored), then call.
  await expect.poll(() => core.events.some((event) => event.type === 'har-import-progress'), { timeout: 30_000 }).toBe(true);
  const answer = await core.post('/actions/send_email', signedBody(flowentPayload('send_email'), 'k'));
  expect(answer.status).toBe(200);
  expect(importEnded).toBe(false);
  const imported = await importing;
  expect(imported).toMatchObject({ ok: true, value: { imported: har.entries, problems: [] } });
  const stages = core.events.flatMap((event) => (event.type === 'har-import-progress' ? [event.stage] : []));
  // Reading (the parse) first, once; then the entries, slice by slice.
  expect(stages[0]).toBe('reading');
  expect(stages.slice(1).every((stage) => stage === 'entries')).toBe(true);
  const progress = core.events.flatMap((event) => (event.type === 'har-import-progress' && event.stage === 'entries' ? [event.done] : []));
  expect(progress).toEqual([...progress].sort((a, b) => a - b));
  expect(progress.at(-1)).toBe(har.entries);
  expect((await core.core.api.getStats({})).total).toBe(har.entries + 1);
}, 120_000);
