import { describe, expect, it } from 'vitest';
import type { CallDetail } from '../../../main/contract/api';
import { sign } from '../../../main/core/signature';
import { coresClosedAfterEach, type RunningCore } from '../../helpers/running-core';

// A history exported as HAR and imported into another comes back as it was listed: a replay
// linked to the call it replayed (which gets another id there), and a call this companion signed
// `go` named go, though its text (keys in order, plain ASCII) is python's too, and python comes
// first among the styles a signature is checked in.
const KEY = 'har-round-trip-key';
const start = coresClosedAfterEach();

type Listed = Pick<CallDetail, 'source' | 'style' | 'action'> & { original: number | null };

/** Each call as the list shows it, oldest first, its original given by position in that list (ids differ between histories). */
async function listed(core: RunningCore): Promise<Listed[]> {
  const ids = (await core.core.api.listCalls({ limit: 100 })).calls.map((call) => call.id).reverse();
  const details = await Promise.all(ids.map((id) => core.core.api.getCall(id)));
  return details.map((call) => ({
    source: call!.source,
    style: call!.style,
    action: call!.action,
    original: call!.originalCallId === null ? null : ids.indexOf(call!.originalCallId),
  }));
}

/** A history of a Flowent call, its replays (as they were, re-signed go) and a call simulated in go; and its HAR. */
async function exportedHistory(): Promise<{ before: Listed[]; text: string; originalOnly: string }> {
  const source = await start({ key: KEY });
  const payload = JSON.stringify({ action_name: 'order', parameters: { item: 'tour' }, timestamp: Math.floor(Date.now() / 1000) });
  expect((await source.post('/actions/order', sign(payload, KEY, 'python').body)).status).toBe(200);
  const original = (await source.core.api.listCalls({ limit: 1 })).calls[0]!.id;
  const own = `${source.baseUrl}/actions/{action_name}`;
  expect((await source.core.api.replayCall(original, 'as-is', own)).ok).toBe(true);
  expect((await source.core.api.replayCall(original, 'resign', own, 'go')).ok).toBe(true);
  const simulated = await source.core.api.simulateCall({
    action: 'order',
    parameters: '{"item":"tour"}',
    seed: 1,
    test: false,
    target: own,
    style: 'go',
  });
  expect(simulated.ok).toBe(true);
  const all = await source.core.api.exportHar({ filter: {}, limit: 100 });
  const first = await source.core.api.exportHar({ ids: [original] });
  if (!all.ok || all.value.text === null || !first.ok || first.value.text === null) throw new Error(JSON.stringify([all, first]));
  return { before: await listed(source), text: all.value.text, originalOnly: first.value.text };
}

describe('a HAR export imported into another history', () => {
  it('keeps each replay linked to its original and the style this companion signed a call with', async () => {
    const { before, text } = await exportedHistory();
    expect(before).toEqual([
      { source: 'flowent', style: 'python', action: 'order', original: null },
      { source: 'replay', style: 'python', action: 'order', original: 0 },
      { source: 'replay', style: 'go', action: 'order', original: 0 },
      { source: 'simulator', style: 'go', action: 'order', original: null },
    ]);
    const target = await start({ key: KEY });
    // Calls already there: the imported ones get other ids than they had.
    for (let n = 0; n < 3; n++) await target.post('/actions/order', '{"action_name":"order"}');
    expect(await target.core.api.importHar(text)).toMatchObject({ ok: true, value: { imported: 4, problems: [] } });
    const imported = (await listed(target))
      .slice(3)
      .map((call) => ({ ...call, original: call.original === null ? null : call.original - 3 }));
    expect(imported).toEqual([{ ...before[0], source: 'import' }, ...before.slice(1)]);
  });

  it('links a replay to its original when the history held the original already (left out as imported before)', async () => {
    const { text, originalOnly } = await exportedHistory();
    const target = await start({ key: KEY });
    expect(await target.core.api.importHar(originalOnly)).toMatchObject({ ok: true, value: { imported: 1 } });
    expect(await target.core.api.importHar(text)).toMatchObject({ ok: true, value: { imported: 3, duplicates: 1 } });
    expect((await listed(target)).map((call) => call.original)).toEqual([null, 0, 0, null]);
  });

  it('names a call by the first style its signature is valid in when the exported style is not one of them', async () => {
    const { text } = await exportedHistory();
    const har = JSON.parse(text) as { log: { entries: Record<string, unknown>[] } };
    for (const entry of har.log.entries) entry._style = 'no-such-style';
    const target = await start({ key: KEY });
    expect(await target.core.api.importHar(JSON.stringify(har))).toMatchObject({ ok: true, value: { imported: 4 } });
    expect((await listed(target)).map((call) => call.style)).toEqual(['python', 'python', 'python', 'python']);
  });
});
