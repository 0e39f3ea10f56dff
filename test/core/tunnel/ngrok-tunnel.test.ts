import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { forwardedFor } from '../../../main/core/tunnel/forwarded-for';
import { FakeEdge, TEST_CA_PEM } from '../../fixtures/ngrok-edge/fake-edge';
import { startCore, type RunningCore } from '../../helpers/running-core';
import { callThroughEdge, tunnelFor, waitFor, withEdgeAndCore } from './tunnel-harness';
import { inCliWords } from '../../../main/cli/cli-words';

// The agent library keeps one process-wide session registry: these tests run one at a time
// and kill everything after each.
let edge: FakeEdge;
let core: RunningCore;
withEdgeAndCore((fresh) => ({ edge, core } = fresh));

describe.sequential('NgrokTunnel against the stand-in edge (real agent library)', () => {
  it('opens a public URL and a call from the internet reaches the core and is stored with its verdict', async () => {
    const t = tunnelFor(edge);
    const tunnel = t.tunnel;
    const opened = await tunnel.open({ localPort: core.port, authtoken: 'test-token' });
    expect(opened).toEqual({ ok: true, value: { url: expect.stringMatching(/^https:\/\/t1-[a-z0-9]+\.edge\.test$/) } });
    expect(tunnel.status).toEqual({ state: 'online', url: edge.boundUrls[0], reason: null });
    expect(t.states()).toEqual(['connecting', 'online']);
    expect(edge.counters).toMatchObject({ connections: 1, sessions: 1, binds: 1 });

    const answer = await callThroughEdge(edge);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ result: 'ok', error: '' });

    const page = await core.core.api.listCalls({ limit: 5 });
    expect(page.calls).toHaveLength(1);
    expect(page.calls[0]).toMatchObject({ action: 'send_email', verdict: 'valid', status: 200 });
    const detail = await core.core.api.getCall(page.calls[0]!.id);
    // The agent is the one connecting to our server; the edge names the real caller.
    expect(detail?.remoteAddress).toMatch(/127\.0\.0\.1/);
    expect(forwardedFor(detail!.requestHeaders.flat())).toBe('127.0.0.1');
  });

  it('shows the caller address the edge added, not an X-Forwarded-For the caller forged, and none for a call that came straight in', async () => {
    // The core's own tunnel: it forwards to the webhook server's entry for the tunnel.
    const tunnelled = await startCore({ tunnelProvider: tunnelFor(edge).tunnel, env: { NGROK_AUTHTOKEN: 'test-token' } });
    try {
      expect((await tunnelled.core.api.openTunnel()).ok).toBe(true);
      const answer = await callThroughEdge(edge, 'send_email', {}, 'X-Forwarded-For: 203.0.113.66, 198.51.100.7\r\n');
      expect(answer.status).toBe(200);
      const detail = await tunnelled.core.api.getCall((await tunnelled.core.api.listCalls({ limit: 1 })).calls[0]!.id);
      expect(detail?.requestHeaders).toContainEqual(['X-Forwarded-For', '203.0.113.66, 198.51.100.7, 127.0.0.1']);
      expect(detail?.forwardedFor).toBe('127.0.0.1');

      // Straight to the webhook port (a caller on this machine or the LAN): its X-Forwarded-For is its own say.
      const direct = await tunnelled.post('/actions/send_email', '{}', {
        'content-type': 'application/json',
        'x-forwarded-for': '6.6.6.6',
      });
      expect(direct.status).toBe(400);
      const straight = await tunnelled.core.api.getCall((await tunnelled.core.api.listCalls({ limit: 1 })).calls[0]!.id);
      expect(straight?.requestHeaders).toContainEqual(['x-forwarded-for', '6.6.6.6']);
      expect(straight?.forwardedFor).toBeNull();
    } finally {
      await tunnelled.core.api.closeTunnel();
      await tunnelled.close();
    }
  });

  it('carries a body larger than a muxado window (the edge must wait for WNDINC from the agent)', async () => {
    const tunnel = tunnelFor(edge).tunnel;
    expect((await tunnel.open({ localPort: core.port, authtoken: 'test-token' })).ok).toBe(true);
    const answer = await callThroughEdge(edge, 'send_email', { note: 'x'.repeat(700_000) });
    expect(answer.status).toBe(200);
    const stored = (await core.core.api.listCalls({})).calls[0];
    expect(stored).toMatchObject({ verdict: 'valid' });
    expect(stored!.size).toBeGreaterThan(700_000);
  });

  it('refuses to open without an authtoken (a blank one is none), without contacting ngrok', async () => {
    const tunnelled = await startCore({ tunnelProvider: tunnelFor(edge).tunnel, env: { NGROK_AUTHTOKEN: '  ' } });
    try {
      const opened = await tunnelled.core.api.openTunnel();
      expect(opened).toEqual({ ok: false, code: 'tunnel-no-authtoken' });
      expect(opened.ok ? '' : inCliWords(opened)).toContain('dashboard.ngrok.com/get-started/your-authtoken');
      expect(edge.counters.connections).toBe(0);
    } finally {
      await tunnelled.close();
    }
  });

  it('maps a rejected authtoken (ERR_NGROK_105) to a message the user can act on', async () => {
    edge.rejectAuthWith = 'ERR_NGROK_105';
    const t = tunnelFor(edge);
    const tunnel = t.tunnel;
    const opened = await tunnel.open({ localPort: core.port, authtoken: 'bad-token' });
    expect(opened).toEqual({ ok: false, code: 'tunnel-authtoken-invalid', ngrokCode: 'ERR_NGROK_105' });
    expect(t.states()).toEqual(['connecting', 'offline']);
    expect(tunnel.status.reason?.code).toBe('tunnel-authtoken-invalid');
    expect(edge.counters.sessions).toBe(0);
  });

  it('shows an ERR_NGROK_ code it does not know with the service text, the authtoken it quotes taken out', async () => {
    edge.rejectAuthWith = 'ERR_NGROK_9999';
    const tunnel = tunnelFor(edge).tunnel;
    const opened = await tunnel.open({ localPort: core.port, authtoken: 'AUDITTOKEN_2f9c7e' });
    expect(opened).toMatchObject({ ok: false, code: 'tunnel-rejected', ngrokCode: 'ERR_NGROK_9999' });
    const said = opened.ok ? '' : inCliWords(opened);
    expect(said).toMatch(/ERR_NGROK_9999.*not valid \(test edge\)\. Your authtoken: \[redacted\] Instructions/);
    // Nor in the status the page and the desktop app show.
    expect(JSON.stringify([opened, tunnel.status])).not.toContain('AUDITTOKEN_2f9c7e');
  });

  it('gives up on an edge that never answers Auth after the forward() timeout', async () => {
    edge.silentAuth = true;
    const tunnel = tunnelFor(edge, { forwardTimeoutMs: 1_000 }).tunnel;
    const started = Date.now();
    const opened = await tunnel.open({ localPort: core.port, authtoken: 'test-token' });
    const elapsed = Date.now() - started;
    expect(opened).toEqual({ ok: false, code: 'tunnel-timeout', seconds: 1 });
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(3_000);
    expect(edge.counters.authAttempts).toBe(1);
  });

  it('after a timeout, waits for the stuck attempt to end instead of queueing behind it', { timeout: 10_000 }, async () => {
    // Observed: a forward() stuck in Auth blocks every later forward() and kill() in the
    // library until its connection ends. The provider must not pile sessions up behind it.
    edge.silentAuth = true;
    const tunnel = tunnelFor(edge, { forwardTimeoutMs: 1_000 }).tunnel;
    expect(await tunnel.open({ localPort: core.port, authtoken: 'test-token' })).toMatchObject({ ok: false, code: 'tunnel-timeout' });

    const again = tunnel.open({ localPort: core.port, authtoken: 'test-token' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    edge.silentAuth = false;
    edge.disconnectAgents(); // ends the stuck connection; the edge now answers normally
    const opened = await again;
    expect(opened).toMatchObject({ ok: true });
    expect(edge.counters).toMatchObject({ authAttempts: 2, sessions: 1, binds: 1 });
    expect((await callThroughEdge(edge)).status).toBe(200);
  });

  it('says ngrok cannot be reached when nothing answers at its address', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const t = tunnelFor(edge, { serverAddr: `localhost:${port}`, caCert: TEST_CA_PEM });
    const tunnel = t.tunnel;
    const started = Date.now();
    const opened = await tunnel.open({ localPort: core.port, authtoken: 'test-token' });
    expect(opened).toMatchObject({ ok: false, code: 'tunnel-unreachable' });
    expect(opened.ok ? '' : inCliWords(opened)).toMatch(/^Cannot reach ngrok \(.+\)\. Check your internet connection\.$/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('close: status offline, the edge unbinds, and the public port no longer reaches us', async () => {
    const t = tunnelFor(edge);
    const tunnel = t.tunnel;
    expect((await tunnel.open({ localPort: core.port, authtoken: 'test-token' })).ok).toBe(true);
    expect((await callThroughEdge(edge)).status).toBe(200);

    await tunnel.close();
    expect(tunnel.status).toEqual({ state: 'offline', url: null, reason: null });
    expect(t.states()).toEqual(['connecting', 'online', 'offline']);
    await waitFor('the edge to forget the bind', () => edge.boundUrls.length === 0, 3_000);

    const after = await callThroughEdge(edge);
    expect(after.status).toBe(404);
    expect(after.body).toContain('ERR_NGROK_3200');
    expect((await core.core.api.listCalls({})).calls).toHaveLength(1);
    await tunnel.close(); // twice is fine
    expect(t.states()).toEqual(['connecting', 'online', 'offline']);
  });

  it('open() while open replaces the tunnel', async () => {
    const t = tunnelFor(edge);
    const tunnel = t.tunnel;
    const first = await tunnel.open({ localPort: core.port, authtoken: 'test-token' });
    const second = await tunnel.open({ localPort: core.port, authtoken: 'test-token' });
    expect(first.ok && second.ok).toBe(true);
    await waitFor('one bind left', () => edge.boundUrls.length === 1, 3_000);
    expect(edge.boundUrls).toEqual([second.ok ? second.value.url : '']);
    expect((await callThroughEdge(edge)).status).toBe(200);
  });
});
