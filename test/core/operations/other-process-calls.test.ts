import { describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../../main/contract/api';
import { coresClosedAfterEach } from '../../helpers/running-core';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';

// Two cores on one history folder, as the desktop app and a `serve` (two processes, two
// connections): each tells its receivers what the other stores and clears.
const startCore = coresClosedAfterEach();
const KEY = 'two-cores-key';

const callsTold = (events: CoreEvent[]) => events.flatMap((event) => (event.type === 'call-stored' ? [event.call.id] : []));

describe('a core beside another on the same history', () => {
  it('tells the calls the other stores, once, and the other clearing the history', async () => {
    const first = await startCore({ key: KEY });
    const second = await startCore({ key: KEY, dataDir: first.dataDir });
    const sent = await second.post('/actions/send_email', signedBody(flowentPayload('send_email', { to: 'ada' }), KEY));
    expect(sent.status).toBe(200);
    const [stored] = callsTold(second.events);
    await expect.poll(() => callsTold(first.events), { timeout: 5_000 }).toEqual([stored]);

    await first.post('/actions/send_email', signedBody(flowentPayload('send_email', { to: 'bob' }), KEY));
    await expect.poll(() => callsTold(second.events).length, { timeout: 5_000 }).toBe(2);
    expect(callsTold(first.events)).toHaveLength(2);

    expect(await second.core.api.clearHistory()).toMatchObject({ ok: true });
    await expect.poll(() => first.events.some((event) => event.type === 'history-cleared'), { timeout: 5_000 }).toBe(true);
  });
});
