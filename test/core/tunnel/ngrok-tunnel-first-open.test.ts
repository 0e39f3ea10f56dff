import { describe, expect, it } from 'vitest';
import type { FakeEdge } from '../../fixtures/ngrok-edge/fake-edge';
import type { RunningCore } from '../../helpers/running-core';
import { callThroughEdge, tunnelFor, waitFor, withEdgeAndCore } from './tunnel-harness';

// The real agent library, opened while the stand-in edge is not there yet (a machine with no
// network). One process-wide session registry: one test at a time, everything killed after each.
let edge: FakeEdge;
let core: RunningCore;
withEdgeAndCore((fresh) => ({ edge, core } = fresh), { edgeStartsDown: true });

/** Quick retries so a test of the whole loop stays within a few seconds. */
const FAST = { backoffBaseMs: 500, backoffMaxMs: 2_000, forwardTimeoutMs: 3_000 };

describe.sequential('NgrokTunnel opened without a network', () => {
  it('keeps trying with backoff, says why, and comes up when the edge does', { timeout: 30_000 }, async () => {
    const t = tunnelFor(edge, FAST);
    const tunnel = t.tunnel;
    const opened = await tunnel.open({ localPort: core.port, authtoken: 'test-token' });
    // The first attempt's failure is open()'s answer; the retries follow on the status.
    expect(opened).toMatchObject({ ok: false, code: 'tunnel-unreachable' });
    expect(tunnel.status).toMatchObject({ state: 'reconnecting', url: null, reason: { code: 'tunnel-unreachable' }, attempt: 1 });

    // A retry that fails too schedules the next one, longer.
    await waitFor('a second attempt', () => tunnel.status.attempt === 2, 5_000);
    await edge.up();
    await waitFor('online', () => tunnel.status.state === 'online', 10_000);

    expect(t.states()[0]).toBe('connecting');
    expect(t.states().at(-1)).toBe('online');
    expect(
      t
        .states()
        .slice(1, -1)
        .every((state) => state === 'reconnecting'),
    ).toBe(true);
    const retries = t.statuses.filter((status) => status.attempt !== undefined);
    expect(retries.map((status) => status.attempt)).toEqual(retries.map((_, i) => i + 1));
    const waits = retries.map((status) => status.nextRetryAt! - status.emittedAt);
    [500, 1_000, 2_000].slice(0, waits.length).forEach((expected, i) => expect(Math.abs(waits[i]! - expected)).toBeLessThan(20));
    expect(edge.boundUrls).toEqual([tunnel.status.url]);
    expect((await callThroughEdge(edge)).status).toBe(200);
  });

  it('does not retry a rejected authtoken: it says so and stays offline', { timeout: 30_000 }, async () => {
    edge.rejectAuthWith = 'ERR_NGROK_105';
    await edge.up();
    const t = tunnelFor(edge, FAST);
    const opened = await t.tunnel.open({ localPort: core.port, authtoken: 'revoked-token' });
    expect(opened).toMatchObject({ ok: false, code: 'tunnel-authtoken-invalid', ngrokCode: 'ERR_NGROK_105' });
    expect(t.tunnel.status).toEqual({
      state: 'offline',
      url: null,
      reason: { code: 'tunnel-authtoken-invalid', ngrokCode: 'ERR_NGROK_105' },
    });
    expect(t.statuses.some((status) => status.attempt !== undefined)).toBe(false);
  });

  it('close while retrying the first open stops the retries', { timeout: 30_000 }, async () => {
    const t = tunnelFor(edge, FAST);
    const tunnel = t.tunnel;
    expect((await tunnel.open({ localPort: core.port, authtoken: 'test-token' })).ok).toBe(false);
    await tunnel.close();
    expect(tunnel.status).toEqual({ state: 'offline', url: null, reason: null });
    // Opened again once the edge is there, it is one session: no retry of the closed open raced it.
    await edge.up();
    const reopened = await tunnel.open({ localPort: core.port, authtoken: 'test-token' });
    if (!reopened.ok) throw new Error(JSON.stringify(reopened));
    expect(tunnel.status).toEqual({ state: 'online', url: reopened.value.url, reason: null });
    expect(edge.counters.sessions).toBe(1);
  });
});
