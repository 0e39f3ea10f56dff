import { describe, expect, it } from 'vitest';
import type { BulkReplaySummary } from '../../../main/contract/api';
import { endedRunToast, endedRunWords, runEndCauseWords } from '../../../main/contract/words';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { closedPort } from '../../helpers/handler-process';
import { coresClosedAfterEach } from '../../helpers/running-core';

// A bulk replay to "This companion" (the core's own webhook) that forwards to a handler nobody
// runs: the webhook answers each replay 502 in the handler's place, and says so itself. The run
// must stop as one sent straight to the handler does, and the page's words must name the handler
// behind the webhook. A real core on port 0, a real SQLite file, a port listened on then closed.
const KEY = 'bulk-behind-webhook-key';
const startCore = coresClosedAfterEach();

describe("a bulk replay through a companion's webhook to a handler nobody runs", () => {
  it('stops after 3, and the page says none was replayed and who was not there', async () => {
    const closed = `http://127.0.0.1:${await closedPort()}/actions/{action_name}`;
    const running = await startCore({ key: KEY, forwardTarget: closed });
    for (let n = 0; n < 5; n++)
      expect((await running.post('/actions/down', signedBody(flowentPayload('down', { n }), KEY))).status).toBe(502);
    const ids = (await running.core.api.listCalls({ limit: 10 })).calls.map((call) => call.id).reverse();

    const webhook = `${running.baseUrl}/actions/{action_name}`;
    const started = await running.core.api.startBulkReplay({ ids }, { concurrency: 1, resign: false, target: webhook });
    if (!started.ok) throw new Error(JSON.stringify(started));
    let summary: BulkReplaySummary | undefined;
    await expect
      .poll(async () => {
        summary = (await running.core.api.listBulkReplays()).finished.find((run) => run.runId === started.value.runId)?.summary;
        return summary;
      })
      .toBeDefined();

    const url = `${running.baseUrl}/actions/down`;
    expect(summary).toMatchObject({
      total: 5,
      failed: 3,
      notSent: 2,
      stopped: { sent: 3, left: 2 },
      noAnswer: { cause: 'refused', answeredBy: 'forward-error', url, behindWebhook: true, replays: 3 },
    });
    expect(summary!.items.slice(0, 3).map((item) => item.answer?.status)).toEqual([502, 502, 502]);
    expect(endedRunWords(summary!)).toBe('Stopped: 0 of 5 calls replayed, 3 reached nobody, 2 not sent.');
    expect(endedRunToast(summary!)).toBe(
      `Bulk replay stopped: your handler behind this companion's webhook at ${url} refused the connection (nothing is listening)`,
    );
    expect(runEndCauseWords(summary!)).toBe(
      `Stopped after 3 calls: your handler behind this companion's webhook at ${url} refused the connection (nothing is listening). 2 calls not sent. Start your handler, or point the action's forwarding target elsewhere, and run again.`,
    );
  });
});
