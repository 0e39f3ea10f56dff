import { describe, expect, it } from 'vitest';
import { FakeEdge } from '../../fixtures/ngrok-edge/fake-edge';
import type { RunningCore } from '../../helpers/running-core';
import { callThroughEdge, tunnelFor, waitFor, withEdgeAndCore } from './tunnel-harness';

// The real agent library against an edge that goes away. One process-wide session registry:
// one test at a time, everything killed after each.
let edge: FakeEdge;
let core: RunningCore;
withEdgeAndCore((fresh) => ({ edge, core } = fresh));

/** Quick rebuilds so a test of the whole loop stays within a few seconds. */
const FAST = { reconnectGraceMs: 1_000, backoffBaseMs: 500, backoffMaxMs: 2_000, forwardTimeoutMs: 3_000 };

describe.sequential('NgrokTunnel when the edge goes away', () => {
  it(
    "a short outage: as soon as the agent's connection is back, the provider's own session says the tunnel is bound again",
    { timeout: 30_000 },
    async () => {
      const t = tunnelFor(edge); // default grace (5 s): longer than the agent takes to redial
      const tunnel = t.tunnel;
      const opened = await tunnel.open({ localPort: core.port, authtoken: 'test-token' });
      if (!opened.ok) throw new Error(JSON.stringify(opened));

      await edge.drop(500);
      await waitFor('reconnecting', () => tunnel!.status.state === 'reconnecting', 2_000);
      expect(tunnel.status).toMatchObject({ url: opened.value.url, reason: { code: 'tunnel-connection-lost' } });
      expect(tunnel.status.attempt).toBeUndefined();
      const tookMs = await waitFor('online again', () => tunnel!.status.state === 'online', 8_000);

      expect(t.states()).toEqual(['connecting', 'online', 'reconnecting', 'online']);
      // The agent redials after ~2.5 s; the rebuild follows its `connected` (and 1 s for its own
      // attempt to play out), not the grace (5 s), which would have scheduled attempt 1.
      expect(tookMs).toBeGreaterThan(2_000);
      expect(t.statuses.some((status) => status.attempt !== undefined)).toBe(false);
      // The URL is the one ngrok gave the new session (the stand-in gives each session another).
      expect(edge.boundUrls).toEqual([tunnel.status.url]);
      expect((await callThroughEdge(edge)).status).toBe(200);
    },
  );

  it(
    "the agent's own reconnection refused (a revoked authtoken): offline with ngrok's reason, never online",
    { timeout: 30_000 },
    async () => {
      // The agent says `connected` when its connection is back, then ngrok refuses its authtoken
      // and the agent says nothing more (its next try is minutes away).
      const t = tunnelFor(edge);
      const tunnel = t.tunnel;
      expect((await tunnel.open({ localPort: core.port, authtoken: 'test-token' })).ok).toBe(true);
      edge.rejectAuthWith = 'ERR_NGROK_107';
      await edge.drop(300);
      await waitFor('offline', () => tunnel!.status.state === 'offline', 8_000);
      expect(tunnel.status).toEqual({
        state: 'offline',
        url: null,
        reason: { code: 'tunnel-authtoken-invalid', ngrokCode: 'ERR_NGROK_107' },
      });
      expect(t.states()).toEqual(['connecting', 'online', 'reconnecting', 'offline']);
      expect(edge.boundUrls).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(tunnel.status.state).toBe('offline');
    },
  );

  it(
    'refused for too many sessions after a drop: reconnecting with that reason, and online once ngrok takes it',
    { timeout: 30_000 },
    async () => {
      const t = tunnelFor(edge, { backoffBaseMs: 500, backoffMaxMs: 1_000 });
      const tunnel = t.tunnel;
      expect((await tunnel.open({ localPort: core.port, authtoken: 'test-token' })).ok).toBe(true);
      edge.rejectAuthWith = 'ERR_NGROK_108';
      await edge.drop(300);
      await waitFor('the refusal said', () => tunnel!.status.reason?.code === 'tunnel-too-many-sessions', 8_000);
      expect(tunnel.status).toMatchObject({ state: 'reconnecting', reason: { ngrokCode: 'ERR_NGROK_108' }, attempt: expect.any(Number) });
      expect(
        t
          .states()
          .slice(2)
          .every((state) => state === 'reconnecting'),
      ).toBe(true);

      edge.rejectAuthWith = null; // the other session ended
      await waitFor('online again', () => tunnel!.status.state === 'online', 8_000);
      expect(edge.boundUrls).toEqual([tunnel.status.url]);
      expect((await callThroughEdge(edge)).status).toBe(200);
    },
  );

  it('a long outage: the provider rebuilds the session with backoff, online at the URL ngrok gives it', { timeout: 20_000 }, async () => {
    const t = tunnelFor(edge, FAST);
    const tunnel = t.tunnel;
    const opened = await tunnel.open({ localPort: core.port, authtoken: 'test-token' });
    if (!opened.ok) throw new Error(JSON.stringify(opened));

    await edge.drop(4_000);
    await waitFor('online again', () => tunnel!.status.state === 'online' && tunnel!.status.url !== opened.value.url, 12_000);

    const retries = t.statuses.filter((status) => status.attempt !== undefined);
    expect(retries.length).toBeGreaterThanOrEqual(2);
    expect(retries.map((status) => status.attempt)).toEqual(retries.map((_, i) => i + 1));
    for (const status of retries) {
      expect(status.state).toBe('reconnecting');
      expect(status.nextRetryAt).toBeGreaterThan(0);
    }
    // Attempt 1 follows the lost connection; later ones carry the failure that made them necessary.
    expect(retries[0]!.reason?.code).toBe('tunnel-connection-lost');
    expect(retries[1]!.reason?.code).toBe('tunnel-unreachable');
    // Backoff: 500 ms, 1 s, 2 s (the cap), announced when each wait starts.
    const waits = retries.map((status) => status.nextRetryAt! - status.emittedAt);
    [500, 1_000, 2_000].slice(0, waits.length).forEach((expected, i) => expect(Math.abs(waits[i]! - expected)).toBeLessThan(20));

    expect(edge.boundUrls).toEqual([tunnel.status.url]);
    const answer = await callThroughEdge(edge);
    expect(answer.status).toBe(200);
    expect((await core.core.api.listCalls({})).calls).toHaveLength(1);
  });

  it("the agent's connection coming back brings a scheduled rebuild forward", { timeout: 30_000 }, async () => {
    // Grace (1 s) shorter than the agent's own redial (~2.5 s), first rebuild due at 1 s + 5 s.
    const t = tunnelFor(edge, { ...FAST, backoffBaseMs: 5_000, backoffMaxMs: 5_000 });
    const tunnel = t.tunnel;
    const opened = await tunnel.open({ localPort: core.port, authtoken: 'test-token' });
    if (!opened.ok) throw new Error(JSON.stringify(opened));
    await edge.drop(500);
    await waitFor('a scheduled rebuild', () => tunnel!.status.attempt === 1, 3_000);
    const due = tunnel.status.nextRetryAt!;
    await waitFor('online again', () => tunnel!.status.state === 'online', 6_000);
    expect(Date.now()).toBeLessThan(due);
    expect(t.statuses.filter((status) => status.attempt !== undefined)).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, due - Date.now() + 500)); // past the rebuild that was due
    expect(tunnel.status).toEqual({ state: 'online', url: edge.boundUrls[0], reason: null });
    // The first session, the agent's own again, and the provider's that followed it.
    expect(edge.counters.sessions).toBeGreaterThanOrEqual(3);
    expect((await callThroughEdge(edge)).status).toBe(200);
  });

  it('close while reconnecting stops the retries for good', { timeout: 30_000 }, async () => {
    const t = tunnelFor(edge, FAST);
    const tunnel = t.tunnel;
    expect((await tunnel.open({ localPort: core.port, authtoken: 'test-token' })).ok).toBe(true);
    await edge.drop(2_500);
    await waitFor('a scheduled retry', () => tunnel!.status.attempt !== undefined, 4_000);
    await tunnel.close();
    expect(tunnel.status).toEqual({ state: 'offline', url: null, reason: null });
    const sessions = edge.counters.sessions;
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    expect(edge.counters.sessions).toBe(sessions);
    expect(tunnel.status.state).toBe('offline');
    expect((await callThroughEdge(edge)).status).toBe(404);
  });

  it('gives up, with the reason, when the edge comes back refusing the authtoken', { timeout: 30_000 }, async () => {
    const t = tunnelFor(edge, FAST);
    const tunnel = t.tunnel;
    expect((await tunnel.open({ localPort: core.port, authtoken: 'test-token' })).ok).toBe(true);
    edge.rejectAuthWith = 'ERR_NGROK_107';
    await edge.drop(3_000);
    await waitFor('offline', () => tunnel!.status.state === 'offline', 12_000);
    expect(tunnel.status).toMatchObject({ url: null, reason: { code: 'tunnel-authtoken-invalid', ngrokCode: 'ERR_NGROK_107' } });
  });
});
