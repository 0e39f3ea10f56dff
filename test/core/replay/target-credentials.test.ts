import { afterEach, describe, expect, it } from 'vitest';
import { rawHeader, startHandler, type HandlerProcess } from '../../helpers/handler-process';
import { startInspectorFor } from '../../helpers/inspector';
import { startCore, type RunningCore } from '../../helpers/running-core';
import { sign } from '../../../main/core/signature';

const KEY = 'target-credentials-key';
const TOKEN = 'inspector-token-for-target-credentials';
const basic = (pair: string) => `Basic ${Buffer.from(pair).toString('base64')}`;

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function world(options: { forwardTarget?: (handler: HandlerProcess) => string } = {}) {
  const handler = await startHandler();
  cleanups.push(() => handler.stop());
  const running: RunningCore = await startCore({
    key: KEY,
    ...(options.forwardTarget && { forwardTarget: options.forwardTarget(handler) }),
  });
  cleanups.push(() => running.close());
  const { port, inspector } = await startInspectorFor(running, TOKEN);
  cleanups.push(() => inspector.stop());
  const send = async (action: string) => {
    const body = sign(
      JSON.stringify({ action_name: action, parameters: {}, timestamp: Math.floor(Date.now() / 1000) }),
      KEY,
      'python',
    ).body;
    expect((await running.post(`/actions/${action}`, body)).status).toBe(200);
    const { calls } = await running.core.api.listCalls({ limit: 1 });
    return calls[0]!.id;
  };
  // The inspector API as the page asks it: over HTTP, with the token.
  const getCallText = async (id: number) => {
    const answer = await fetch(`http://127.0.0.1:${port}/api/call/getCall`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify([id]),
    });
    expect(answer.status).toBe(200);
    return answer.text();
  };
  const lastAuthorization = async () => rawHeader((await handler.received()).at(-1)!.headers, 'authorization');
  return { handler, running, send, getCallText, lastAuthorization };
}

describe("a forward target's credentials", () => {
  it('reach the handler on each call and each replay to the saved target, and are not in the call read back', async () => {
    const { handler, running, send, getCallText, lastAuthorization } = await world();
    const saved = `http://user:targetPWsecret@127.0.0.1:${handler.port}/actions/{action_name}`;
    expect((await running.core.api.setForwardTarget(null, saved)).ok).toBe(true);

    const id = await send('send_email');
    expect(await lastAuthorization()).toEqual([basic('user:targetPWsecret')]);
    const text = await getCallText(id);
    expect(text).not.toContain('targetPWsecret');
    expect(JSON.parse(text)).toMatchObject({
      ok: true,
      value: { forward: { target: `http://user:***@127.0.0.1:${handler.port}/actions/send_email` } },
    });

    // Replayed without a target: to the target saved now, with its password, not to the call's masked record.
    const replayed = await running.core.api.replayCall(id, 'as-is', null);
    if (!replayed.ok) throw new Error(JSON.stringify(replayed));
    expect(replayed.value.status).toBe(200);
    expect(await lastAuthorization()).toEqual([basic('user:targetPWsecret')]);
    expect(await getCallText(replayed.value.id)).not.toContain('targetPWsecret');

    // Replayed to a typed target: with the typed credentials.
    const typed = `http://other:typedPWsecret@127.0.0.1:${handler.port}/actions/send_email`;
    const toTyped = await running.core.api.replayCall(id, 'resign', typed);
    if (!toTyped.ok) throw new Error(JSON.stringify(toTyped));
    expect(await lastAuthorization()).toEqual([basic('other:typedPWsecret')]);
    expect(await getCallText(toTyped.value.id)).not.toContain('typedPWsecret');
  });

  it('of a `serve --forward` given for one run reach the handler, and are not kept with the calls', async () => {
    const { running, send, getCallText, lastAuthorization } = await world({
      forwardTarget: (h) => `http://tokenONLYsecret@127.0.0.1:${h.port}/actions/{action_name}`,
    });
    const id = await send('lookup');
    expect(await lastAuthorization()).toEqual([basic('tokenONLYsecret:')]);
    expect(await getCallText(id)).not.toContain('tokenONLYsecret');
    const replayed = await running.core.api.replayCall(id, 'as-is', null);
    if (!replayed.ok) throw new Error(JSON.stringify(replayed));
    expect(await lastAuthorization()).toEqual([basic('tokenONLYsecret:')]);
  });
});
