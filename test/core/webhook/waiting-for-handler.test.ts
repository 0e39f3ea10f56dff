import { afterEach, describe, expect, it } from 'vitest';
import type { CoreEvent, WaitingCall } from '../../../main/contract/api';
import { postSigned } from '../../helpers/flowent-signer';
import { coresClosedAfterEach } from '../../helpers/running-core';
import { holdingHandler } from '../../helpers/holding-handler';

const KEY = 'waiting-key';
const startCore = coresClosedAfterEach();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A held or slow handler (see holdingHandler), closed after the test, at a target URL with a password in it. */
async function handler(answerAfterMs: number | null) {
  const held = await holdingHandler(answerAfterMs);
  closers.push(held.close);
  return { ...held, url: `http://user:secret@127.0.0.1:${held.port}/actions/{action_name}` };
}

const waitingEvents = (events: CoreEvent[]) => events.filter((event) => event.type === 'call-waiting' || event.type === 'call-wait-ended');

async function until(condition: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a forwarded call waiting on the handler is told of while it waits', () => {
  it('a handler that holds the call: call-waiting after a second, then call-wait-ended just before call-stored', async () => {
    const slow = await handler(null);
    const running = await startCore({ key: KEY, forwardTarget: slow.url });
    const before = Date.now();
    const answered = postSigned(running.baseUrl, 'send_email', { to: 'a@example.com' }, KEY);
    await slow.firstArrived;
    // Told of after the moment, not at once.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(waitingEvents(running.events)).toEqual([]);
    await until(() => waitingEvents(running.events).length > 0);
    const [told] = waitingEvents(running.events) as { type: 'call-waiting'; call: WaitingCall }[];
    expect(Date.now() - before).toBeGreaterThanOrEqual(1_000);
    expect(told?.call).toMatchObject({
      action: 'send_email',
      // Said as serve's lines say a target: the password as ***.
      target: `${slow.url.replace('secret', '***').replace('{action_name}', 'send_email')}`,
    });
    expect(told?.call.receivedAt).toBeGreaterThanOrEqual(before - 5);
    // Told once however long it waits, and nothing stored meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(waitingEvents(running.events)).toHaveLength(1);
    expect((await running.core.api.listCalls({ limit: 5 })).calls).toEqual([]);
    // A page opened now reads it: it is not stored, but the core keeps it while it waits.
    expect(await running.core.api.listWaitingCalls()).toEqual([told?.call]);

    slow.answerAll();
    expect((await answered).status).toBe(200);
    await until(() => running.events.some((event) => event.type === 'call-stored'));
    const order = running.events.filter((event) => event.type !== 'status-changed').map((event) => event.type);
    expect(order.slice(-3)).toEqual(['call-waiting', 'call-wait-ended', 'call-stored']);
    expect(waitingEvents(running.events)[1]).toEqual({ type: 'call-wait-ended', key: told?.call.key });
    // Stored once, as before: the wait changed nothing of what is stored.
    const { calls } = await running.core.api.listCalls({ limit: 5 });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ action: 'send_email', status: 200, answeredBy: 'forward' });
    expect(await running.core.api.listWaitingCalls()).toEqual([]);
  });

  it('names the target the call went to, though the action is pointed elsewhere while it waits', async () => {
    const slow = await handler(null);
    const running = await startCore({ key: KEY, forwardTarget: slow.url });
    const answered = postSigned(running.baseUrl, 'send_email', {}, KEY);
    await slow.firstArrived;
    expect((await running.core.api.setForwardTarget('send_email', 'http://127.0.0.1:9/elsewhere')).ok).toBe(true);
    await until(() => waitingEvents(running.events).length > 0);
    const [told] = waitingEvents(running.events) as { type: 'call-waiting'; call: WaitingCall }[];
    expect(told?.call.target).toBe(`http://user:***@127.0.0.1:${slow.port}/actions/send_email`);
    slow.answerAll();
    expect((await answered).status).toBe(200);
  });

  it('a handler that answers within the moment: no waiting event at all', async () => {
    const quick = await handler(300);
    const running = await startCore({ key: KEY, forwardTarget: quick.url });
    for (let i = 0; i < 3; i++) expect((await postSigned(running.baseUrl, 'send_email', { i }, KEY)).status).toBe(200);
    // Past the moment and a look or two more: nothing is told late either.
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    expect(waitingEvents(running.events)).toEqual([]);
    expect(running.events.filter((event) => event.type === 'call-stored')).toHaveLength(3);
  });

  it('a call still waiting when the companion stops: its wait ends and it is stored, answered 502', async () => {
    const slow = await handler(null);
    const running = await startCore({ key: KEY, forwardTarget: slow.url });
    const answered = postSigned(running.baseUrl, 'send_email', {}, KEY);
    await until(() => waitingEvents(running.events).length === 1);
    await running.core.stop();
    expect((await answered).status).toBe(502);
    expect(waitingEvents(running.events).map((event) => event.type)).toEqual(['call-waiting', 'call-wait-ended']);
    expect(running.events.some((event) => event.type === 'call-stored')).toBe(true);
  });
});
