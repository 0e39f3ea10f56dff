import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign } from '../../../main/core/signature';
import { closedPort } from '../../helpers/handler-process';
import { startCore, type RunningCore } from '../../helpers/running-core';
import { startSignatureHandler, type HandlerMode, type SignatureHandler } from '../../helpers/signature-handler-process';
import { hasPython } from '../handler-check/verifier-runners';

// Replays and probes sent to real handler processes (test/fixtures/handlers/signature-handler.py).

const KEY = 'probe-key';
const handlers = new Map<HandlerMode, SignatureHandler>();
let running: RunningCore;

beforeAll(async () => {
  if (!hasPython) return;
  for (const mode of ['python', 'go', 'none'] as const) handlers.set(mode, await startSignatureHandler(mode, KEY));
  running = await startCore({ key: KEY, forwardTarget: handlers.get('python')!.target });
}, 60_000);
afterAll(async () => {
  await running?.close();
  await Promise.all([...handlers.values()].map((handler) => handler.stop()));
});

/** A Flowent call signed in the python style, non-ASCII and unsorted, forwarded to the python handler; its id. */
async function flowentCall(): Promise<number> {
  const body = JSON.stringify({
    action_name: 'greet',
    parameters: { name: 'Renée', city: '北京' },
    timestamp: Math.floor(Date.now() / 1000),
  });
  await running.post('/actions/greet', sign(body, KEY, 'python').body);
  return (await running.core.api.listCalls({ limit: 1 })).calls[0]!.id;
}

describe.skipIf(!hasPython)("replays carry the handler's verdict", () => {
  it('a replay re-signed in the go style is refused by the python handler, stored as a replay with its verdict', async () => {
    const id = await flowentCall();
    expect((await running.core.api.getCall(id))?.handlerSignature).toBe('accepted');
    const replayed = await running.core.api.startBulkReplay({ ids: [id] }, { concurrency: 1, resign: true, target: null, style: 'go' });
    expect(replayed.ok).toBe(true);
    const finished = await new Promise<number>((resolve) => {
      const stop = running.core.subscribe((event) => {
        if (event.type === 'replay-finished') {
          stop();
          resolve(event.summary.items[0]!.replayId!);
        }
      });
    });
    const replay = await running.core.api.getCall(finished);
    expect(replay).toMatchObject({ source: 'replay', originalCallId: id, handlerSignature: 'refused', style: 'go' });
    expect(replay?.handler?.diagnosis?.code).toBe('handler-signature-style-mismatch');
    // Not Flowent's traffic: never counted as a failure.
    const stats = await running.core.api.getStats({});
    const flowentFailures = (await running.core.api.listCalls({ source: 'flowent' })).calls.filter((c) => c.failed).length;
    expect(stats.failures).toBe(flowentFailures);
  });
});

describe.skipIf(!hasPython)("a probe of the handler's verifier", () => {
  it('the python handler: it checks signatures, accepts the ASCII-escaping styles and refuses go; the probe calls are stored as replays', async () => {
    const id = await flowentCall();
    const probed = await running.core.api.probeHandler(id, null);
    if (!probed.ok) throw new Error(JSON.stringify(probed));
    const probe = probed.value;
    expect(probe).toMatchObject({ probedCallId: id, finding: { code: 'checks-signatures', stylesAlike: false }, checksSignatures: true });
    expect(probe.url).toBe(handlers.get('python')!.target.replace('{action_name}', 'greet'));
    const verdictOf = (style: string) => probe.rows.find((row) => row.styles.includes(style))?.handler;
    expect(verdictOf('python')).toBe('accepted');
    expect(verdictOf('sorted+ascii')).toBe('accepted');
    expect(verdictOf('go')).toBe('refused');
    expect(probe.rows.flatMap((row) => row.styles).sort()).toHaveLength(13);
    expect(probe.wrongSignature).toMatchObject({ styles: [], handler: 'refused', status: 401, evidence: '401 "Invalid signature"' });
    expect(probe.stylesAccepted).toEqual(expect.arrayContaining(['python', 'sorted+ascii']));
    expect(probe.stylesAccepted).not.toContain('go');
    // The calls so far are python-signed, and tell the styles apart: that style is named as this Flowent's.
    expect(probe.finding).toMatchObject({ flowent: { style: 'python', accepted: true } });
    // Raw shared python's request (its bytes) and matched a refused one too: the requests that show it.
    const raw = probe.finding.code === 'checks-signatures' && !probe.finding.stylesAlike ? probe.finding.notVerified : [];
    expect(raw).toEqual([
      {
        style: 'raw',
        shownBy: {
          acceptedIn: probe.rows.find((row) => row.styles.includes('python'))!.callId,
          bytesOf: 'python',
          refusedIn: expect.any(Number) as number,
        },
      },
    ]);

    // Every probe request is a stored replay of the probed call, none counted as Flowent's failure.
    const ids = [...probe.rows.map((row) => row.callId), probe.wrongSignature.callId];
    for (const callId of ids) {
      expect(await running.core.api.getCall(callId)).toMatchObject({ source: 'replay', originalCallId: id, answeredBy: 'forward' });
    }
    // Only the request the probe spoiled on purpose is stored as such: the others are signed right.
    expect(await running.core.api.getCall(probe.wrongSignature.callId)).toMatchObject({ verdict: 'invalid', spoiledSignature: true });
    for (const row of probe.rows) expect((await running.core.api.getCall(row.callId))?.spoiledSignature).toBe(false);

    // What the probe found is now what is known about the handler, and a later call is judged by it.
    const after = await flowentCall();
    const known = (await running.core.api.getCall(after))!.handler!.known;
    expect(known.stylesRefused).toContain('go');
    // Each request was sent in its style's key order, so only "keys as sent, ASCII escapes" fits all it accepted.
    expect(known.stylesAccepted).toEqual(['python']);
    expect(known.refusedUnverified).toBe(1);
    // The probe's finding and what is known agree: no style it names as accepted is one the
    // handler refused a request valid in (raw matches every request's own bytes, so it is).
    expect(known.stylesRefused).toContain('raw');
    expect(probe.stylesAccepted.filter((style) => known.stylesRefused.includes(style))).toEqual([]);
  });

  it('the handler that checks nothing: a security problem', async () => {
    const id = await flowentCall();
    const probed = await running.core.api.probeHandler(id, handlers.get('none')!.target);
    if (!probed.ok) throw new Error(JSON.stringify(probed));
    // Its answer to the wrong signature, and the style a verifier should accept: this Flowent's.
    expect(probed.value).toMatchObject({
      finding: { code: 'accepts-wrong-signature', evidence: '200', flowentStyle: 'python' },
      checksSignatures: false,
    });
    expect(probed.value.wrongSignature.handler).toBe('accepted');
  });

  it('the go handler accepts the go style', async () => {
    const id = await flowentCall();
    const probed = await running.core.api.probeHandler(id, handlers.get('go')!.target);
    if (!probed.ok) throw new Error(JSON.stringify(probed));
    expect(probed.value.finding.code).toBe('checks-signatures');
    expect(probed.value.stylesAccepted).toContain('go');
    expect(probed.value.stylesAccepted).not.toContain('python');
  });

  it('a handler that cannot be reached: said so, after one request', async () => {
    const id = await flowentCall();
    const before = (await running.core.api.listCalls({ limit: 1 })).calls[0]!.id;
    const probed = await running.core.api.probeHandler(id, `http://127.0.0.1:${await closedPort()}/actions/{action_name}`);
    if (!probed.ok) throw new Error(JSON.stringify(probed));
    expect(probed.value).toMatchObject({ finding: { code: 'unreachable' }, checksSignatures: null });
    expect(probed.value.rows).toHaveLength(1);
    expect(probed.value.rows[0]!.handler).toBeNull();
    // The forwarding's own words (where, why, what to do), as the request's row has them.
    expect(probed.value.finding).toEqual({ code: 'unreachable', evidence: probed.value.rows[0]!.evidence });
    expect(probed.value.rows[0]!.evidence).toMatch(
      /^your handler at http:\/\/127\.0\.0\.1:\d+\/actions\/greet refused the connection: nothing is listening on 127\.0\.0\.1:\d+\. Start your handler, or check the port\.$/i,
    );
    expect((await running.core.api.listCalls({ limit: 5 })).calls.filter((call) => call.id > before)).toHaveLength(1);
  });

  it('refuses what it cannot probe, saying why', async () => {
    const registration = JSON.stringify({ action_name: 'greet', parameters: {}, timestamp: 1, test: true });
    await running.post('/actions/greet', registration);
    const test = (await running.core.api.listCalls({ limit: 1 })).calls[0]!.id;
    expect(await running.core.api.probeHandler(test, null)).toMatchObject({ ok: false, code: 'probe-registration-check' });
    expect(await running.core.api.probeHandler(999_999, null)).toMatchObject({ ok: false, code: 'call-not-found' });
    expect(await running.core.api.probeHandler(test, 'ftp://x')).toMatchObject({ ok: false, code: 'invalid-target' });
  });
});
