import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BULK_STOP_AFTER_NOBODY_THERE, type BulkReplaySummary, type CallSelection, type CoreEvent } from '../../../main/contract/api';
import { closedPort, handlerUrl } from '../../helpers/handler-process';
import { startWorld, type ReplayWorld } from './harness';

// A bulk replay to a handler that is not running: a real core on port 0, a real SQLite file,
// and a port that was listened on, then closed, so that nothing listens on it.
let world: ReplayWorld;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

type Progress = Extract<CoreEvent, { type: 'replay-progress' }>;

/** A bulk replay of `selection` to `target` through the contract, one at a time, followed until it ends. */
async function bulk(selection: CallSelection, target: string): Promise<{ summary: BulkReplaySummary; progress: Progress[] }> {
  const { core } = world.running;
  const progress: Progress[] = [];
  const seen: CoreEvent[] = [];
  let follow = (event: CoreEvent) => void seen.push(event);
  const unsubscribe = core.subscribe((event) => follow(event));
  try {
    const started = await core.api.startBulkReplay(selection, { concurrency: 1, resign: false, target });
    if (!started.ok) throw new Error(JSON.stringify(started));
    const { runId } = started.value;
    const summary = await new Promise<BulkReplaySummary>((resolve) => {
      follow = (event) => {
        if (event.type === 'replay-progress' && event.runId === runId) progress.push(event);
        if (event.type === 'replay-finished' && event.runId === runId) resolve(event.summary);
      };
      seen.splice(0).forEach(follow);
    });
    return { summary, progress };
  } finally {
    unsubscribe();
  }
}

async function calls(count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let n = 0; n < count; n++) ids.push(await world.send('ok', { n }));
  return ids;
}

const storedReplays = () => world.store.calls.list({ action: 'ok' }).calls.filter((call) => call.source === 'replay').length;

describe('a bulk replay to a handler nobody runs', () => {
  it(`stops after ${BULK_STOP_AFTER_NOBODY_THERE} refused connections in a row: the rest are not sent, with why`, async () => {
    const ids = await calls(7);
    const port = await closedPort();
    const { summary, progress } = await bulk({ ids }, `http://127.0.0.1:${port}/actions/{action_name}`);
    const noAnswer = {
      cause: 'refused',
      answeredBy: 'forward-error',
      url: `http://127.0.0.1:${port}/actions/ok`,
      behindWebhook: false,
      forwardTarget: null,
      replays: 3,
    };
    expect(summary).toMatchObject({
      total: 7,
      done: 7,
      failed: 3,
      notSent: 4,
      cancelled: false,
      stopped: { sent: 3, left: 4 },
      noAnswer,
    });
    // Three failed replays in the history, not seven; progress told of those sent only.
    expect(storedReplays()).toBe(3);
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3]);
    expect(summary.items.map((item) => item.verdict)).toEqual(['failed', 'failed', 'failed', 'notSent', 'notSent', 'notSent', 'notSent']);
    expect(summary.items.slice(3).map((item) => item.originalId)).toEqual(ids.slice(3));
    for (const item of summary.items.slice(3)) expect(item.refusal).toEqual({ code: 'run-stopped', noAnswer });
    // A window that missed the end reads the same from the runs kept.
    expect((await world.running.core.api.listBulkReplays()).finished[0]?.summary).toEqual(summary);
  });

  it('stops several replays at once too: those in flight finish and are stored, the rest are not sent', async () => {
    const ids = await calls(12);
    const port = await closedPort();
    const { core } = world.running;
    const started = await core.api.startBulkReplay(
      { ids },
      { concurrency: 4, resign: false, target: `http://127.0.0.1:${port}/actions/{action_name}` },
    );
    if (!started.ok) throw new Error(JSON.stringify(started));
    let summary: BulkReplaySummary | undefined;
    await expect
      .poll(async () => {
        summary = (await core.api.listBulkReplays()).finished.find((run) => run.runId === started.value.runId)?.summary;
        return summary;
      })
      .toBeDefined();
    const sent = summary!.stopped!.sent;
    // The third refusal stops the run; at most the three others then in flight finish after it.
    expect(sent).toBeGreaterThanOrEqual(3);
    expect(sent).toBeLessThanOrEqual(6);
    expect(summary).toMatchObject({ done: 12, failed: sent, notSent: 12 - sent, stopped: { sent, left: 12 - sent } });
    expect(storedReplays()).toBe(sent);
    expect(summary!.items.map((item) => item.originalId)).toEqual(ids);
  });

  it('says the one way every failed replay got no answer when too few failed to stop the run', async () => {
    const ids = await calls(2);
    const port = await closedPort();
    const { summary } = await bulk({ ids }, `http://127.0.0.1:${port}/actions/{action_name}`);
    expect(summary).toMatchObject({ done: 2, failed: 2, notSent: 0, stopped: null });
    expect(summary.noAnswer).toEqual({
      cause: 'refused',
      answeredBy: 'forward-error',
      url: `http://127.0.0.1:${port}/actions/ok`,
      behindWebhook: false,
      forwardTarget: null,
      replays: 2,
    });
  });

  it('goes on while an answer comes between the refusals: only refusals in a row stop it', async () => {
    const port = await closedPort();
    const down = `http://127.0.0.1:${port}/actions/down`;
    // Without a target each call goes where its action's forwarding target says: down to the closed port, ok to the handler.
    expect((await world.running.core.api.setForwardTarget('down', down)).ok).toBe(true);
    const ids: number[] = [];
    for (let n = 0; n < 3; n++) ids.push(await world.send('down', { n }), await world.send('down', { n }), await world.send('ok', { n }));
    const { core } = world.running;
    const started = await core.api.startBulkReplay({ ids }, { concurrency: 1, resign: false, target: null });
    if (!started.ok) throw new Error(JSON.stringify(started));
    let summary: BulkReplaySummary | undefined;
    await expect
      .poll(async () => {
        summary = (await core.api.listBulkReplays()).finished.find((run) => run.runId === started.value.runId)?.summary;
        return summary;
      })
      .toBeDefined();
    expect(summary).toMatchObject({ done: 9, passed: 3, failed: 6, notSent: 0, stopped: null });
    // Every failed replay found nothing listening at the one URL: said once for the run all the same.
    expect(summary!.noAnswer).toEqual({
      cause: 'refused',
      answeredBy: 'forward-error',
      url: down,
      behindWebhook: false,
      forwardTarget: null,
      replays: 6,
    });
  });

  it('goes on through answers that fail: a handler that is there answered them', async () => {
    const ids = await calls(5);
    const { summary } = await bulk({ ids }, handlerUrl(world.handler, 'error500'));
    expect(summary).toMatchObject({ done: 5, failed: 5, notSent: 0, stopped: null, noAnswer: null });
    expect(storedReplays()).toBe(5);
  });
});
