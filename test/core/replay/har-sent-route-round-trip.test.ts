import { describe, expect, it } from 'vitest';
import type { CallDetail } from '../../../main/contract/api';
import { closedPort } from '../../helpers/handler-process';
import { postSigned } from '../../helpers/flowent-signer';
import { coresClosedAfterEach } from '../../helpers/running-core';

// A replay sent to the companion's own webhook, which forwarded it to a handler nobody runs: its
// record keeps that it went through the webhook and to which handler, and an export carries both
// to another history, the handler's password as ***.
const start = coresClosedAfterEach();

const KEY = 'k';

const route = (call: CallDetail) => ({ throughWebhook: call.forward.throughWebhook, webhookForwardedTo: call.forward.webhookForwardedTo });

describe('a replay through the webhook, exported and imported again', () => {
  it('keeps that it went through the webhook and the handler the webhook forwarded it to', async () => {
    const nobody = `127.0.0.1:${await closedPort()}`;
    const core = await start({ key: KEY, forwardTarget: `http://alice:hunter2pass@${nobody}/actions/{action_name}` });
    expect((await postSigned(core.baseUrl, 'send_email', { to: 'a@example.com' }, KEY)).status).toBe(502);
    const replayed = await core.core.api.replayCall(1, 'as-is', `${core.baseUrl}/actions/{action_name}`);
    expect(replayed).toMatchObject({ ok: true });
    const call = (await core.core.api.getCall(2))!;
    expect(route(call)).toEqual({ throughWebhook: true, webhookForwardedTo: `http://alice:***@${nobody}/actions/send_email` });
    // The call from Flowent the webhook forwarded itself: not a sender's record.
    expect(route((await core.core.api.getCall(1))!)).toEqual({ throughWebhook: null, webhookForwardedTo: null });

    const har = await core.core.api.exportHar({ filter: {}, limit: 100 });
    if (!har.ok || har.value.text === null) throw new Error(JSON.stringify(har));
    expect(har.value.text).not.toContain('hunter2pass');
    const target = await start({ key: KEY });
    expect(await target.core.api.importHar(har.value.text)).toMatchObject({ ok: true, value: { imported: 2, problems: [] } });
    const imported = await Promise.all((await target.core.api.listCalls({ limit: 10 })).calls.map((c) => target.core.api.getCall(c.id)));
    expect(imported.map((c) => [c!.source, route(c!)])).toEqual([
      ['replay', route(call)],
      ['import', { throughWebhook: null, webhookForwardedTo: null }],
    ]);
  });
});
