import { describe, expect, it } from 'vitest';
import type { BulkReplaySummary } from '../../../main/contract/api';
import { endedRunToast, endedRunWords, runEndCauseWords } from '../../../main/contract/words';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { closedPort } from '../../helpers/handler-process';
import { holdingHandler } from '../../helpers/holding-handler';
import { coresClosedAfterEach, type RunningCore } from '../../helpers/running-core';

// A bulk replay to "This companion" (the core's own webhook) that forwards to a handler that
// gives no answer: the webhook answers each replay in the handler's place (502, 504), and says
// so itself, with where it forwarded. A run to a handler nobody runs must stop as one sent
// straight to it does; one to a handler too slow does not stop, as a direct one does not; the
// page's words name the handler, at its own address, password left out. A real core on port 0,
// a real SQLite file, a port listened on then closed, a handler that holds every call.
const KEY = 'bulk-behind-webhook-key';
const startCore = coresClosedAfterEach();

/** Sends `calls` calls of `action` as Flowent would, each answered `status` by the webhook in the handler's place. */
async function sentByFlowent(running: RunningCore, action: string, calls: number, status: number): Promise<void> {
  for (let n = 0; n < calls; n++)
    expect((await running.post(`/actions/${action}`, signedBody(flowentPayload(action, { n }), KEY))).status).toBe(status);
}

/** Replays every stored call through the webhook, oldest first, one at a time; the run's summary once it ended. */
async function replayedThroughWebhook(running: RunningCore): Promise<BulkReplaySummary> {
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
  return summary!;
}

describe("a bulk replay through a companion's webhook to a handler that gives no answer", () => {
  it('nobody runs: stops after 3, and the page says none was replayed and which handler was not there, without its password', async () => {
    const port = await closedPort();
    const running = await startCore({ key: KEY, forwardTarget: `http://ada:s3cret@127.0.0.1:${port}/actions/{action_name}` });
    await sentByFlowent(running, 'down', 5, 502);
    const summary = await replayedThroughWebhook(running);

    const url = `${running.baseUrl}/actions/down`;
    const handler = `http://ada:***@127.0.0.1:${port}/actions/down`;
    expect(summary).toMatchObject({
      total: 5,
      failed: 3,
      notSent: 2,
      stopped: { sent: 3, left: 2 },
      noAnswer: { cause: 'refused', answeredBy: 'forward-error', url, behindWebhook: true, forwardTarget: handler, replays: 3 },
    });
    expect(JSON.stringify(summary)).not.toContain('s3cret');
    expect(summary.items.slice(0, 3).map((item) => item.answer?.status)).toEqual([502, 502, 502]);
    expect(endedRunWords(summary)).toBe('Stopped: 0 of 5 calls replayed, 3 reached nobody, 2 not sent.');
    expect(endedRunToast(summary)).toBe(
      `Bulk replay stopped: your handler at ${handler}, behind this companion's webhook, refused the connection (nothing is listening)`,
    );
    expect(runEndCauseWords(summary)).toBe(
      `Stopped after 3 calls: your handler at ${handler}, behind this companion's webhook, refused the connection (nothing is listening). 2 calls not sent. Start your handler, or point the action's forwarding target elsewhere, and run again.`,
    );
  });

  it('two handlers nobody runs, taking turns: no three in a row at one handler, so it goes on, as a run straight to them does', async () => {
    const [portA, portB] = [await closedPort(), await closedPort()];
    const running = await startCore({ key: KEY });
    await running.core.api.setForwardTarget('down_a', `http://127.0.0.1:${portA}/actions/{action_name}`);
    await running.core.api.setForwardTarget('down_b', `http://127.0.0.1:${portB}/actions/{action_name}`);
    for (let n = 0; n < 3; n++) for (const action of ['down_a', 'down_b']) await sentByFlowent(running, action, 1, 502);
    const summary = await replayedThroughWebhook(running);

    expect(summary).toMatchObject({ total: 6, failed: 6, notSent: 0, stopped: null });
    // Not one handler: the webhook they all went through is named, and no handler wrongly.
    expect(summary.noAnswer).toEqual({
      cause: 'refused',
      answeredBy: 'forward-error',
      url: running.baseUrl,
      behindWebhook: true,
      forwardTarget: null,
      replays: 6,
    });
  });

  it('too slow: sends every call, as a run straight to it does, and the end names the handler that did not answer in time', async () => {
    const slow = await holdingHandler(null);
    try {
      const running = await startCore({
        key: KEY,
        forwardTarget: `http://127.0.0.1:${slow.port}/actions/{action_name}`,
        forwardTimeoutMs: 300,
      });
      await sentByFlowent(running, 'slow', 4, 504);
      const summary = await replayedThroughWebhook(running);

      const handler = `http://127.0.0.1:${slow.port}/actions/slow`;
      expect(summary).toMatchObject({
        total: 4,
        failed: 4,
        notSent: 0,
        stopped: null,
        noAnswer: { cause: 'timeout', behindWebhook: true, forwardTarget: handler, replays: 4 },
      });
      expect(summary.items.map((item) => item.answer?.status)).toEqual([504, 504, 504, 504]);
      expect(runEndCauseWords(summary)).toBe(
        `All 4 failed replays: your handler at ${handler}, behind this companion's webhook, did not answer in time.`,
      );
    } finally {
      await slow.close();
    }
  });
});
