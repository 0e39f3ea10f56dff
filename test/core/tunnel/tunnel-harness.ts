import * as ngrok from '@ngrok/ngrok';
import { afterEach, beforeEach } from 'vitest';
import { NgrokTunnel, type NgrokTunnelOptions } from '../../../main/core/tunnel/ngrok-tunnel';
import type { TunnelStatus } from '../../../main/core/tunnel/tunnel-provider';
import { FakeEdge, TEST_CA_PEM } from '../../fixtures/ngrok-edge/fake-edge';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { rawRequest, type RawResponse } from '../../helpers/raw-http';
import { startCore, type RunningCore } from '../../helpers/running-core';

export const KEY = 'test-key';

/** Tunnels made by {@link tunnelFor} in the current test, closed after it. */
const openedThisTest = new Set<NgrokTunnel>();

/**
 * Each test gets a fresh edge stand-in and core (handed to `use`); after it, every tunnel is
 * closed and every agent session killed. The agent library keeps one process-wide session
 * registry, so files using this must run their tests one at a time.
 */
export function withEdgeAndCore(
  use: (fresh: { edge: FakeEdge; core: RunningCore }) => void,
  { edgeStartsDown = false }: { edgeStartsDown?: boolean } = {},
): void {
  let edge: FakeEdge;
  let core: RunningCore;
  beforeEach(async () => {
    // Down: the edge's address is known but nothing listens until edge.up(), as with no network.
    edge = edgeStartsDown ? await FakeEdge.startDown() : await FakeEdge.start();
    core = await startCore();
    use({ edge, core });
  });
  afterEach(async () => {
    for (const tunnel of openedThisTest) await tunnel.close();
    openedThisTest.clear();
    // Stop the edge before killing: a forward() stuck in Auth holds the library (kill() included) until its connection ends.
    await edge.stop();
    await killAll();
    await core.close();
  });
}

/** A provider pointed at the stand-in edge, with every status recorded. */
export function tunnelFor(edge: FakeEdge, options: NgrokTunnelOptions = {}) {
  const tunnel = new NgrokTunnel({ serverAddr: edge.serverAddr, caCert: TEST_CA_PEM, ...options });
  openedThisTest.add(tunnel);
  const statuses: Array<TunnelStatus & { t: number; emittedAt: number }> = [];
  const started = Date.now();
  tunnel.onStatus((status) => statuses.push({ ...status, t: Date.now() - started, emittedAt: Date.now() }));
  return { tunnel, statuses, states: () => statuses.map((status) => status.state) };
}

/** Polls until `predicate` holds; bounded, so a broken tunnel fails the test instead of hanging it. */
export async function waitFor(what: string, predicate: () => boolean, timeoutMs = 8_000): Promise<number> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

/** A signed Flowent call sent "from the internet": into the edge's public port, through the agent. */
export function callThroughEdge(
  edge: FakeEdge,
  action = 'send_email',
  parameters: Record<string, unknown> = { recipient: 'user@example.com' },
  extraHeaders = '',
): Promise<RawResponse> {
  const body = signedBody(flowentPayload(action, parameters), KEY);
  const request =
    `POST /actions/${action} HTTP/1.1\r\nHost: tunnel.edge.test\r\nContent-Type: application/json\r\n${extraHeaders}` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
  return rawRequest(edge.ingressPort, request, 5_000);
}

/** ngrok.kill(), bounded: a kill() behind a stuck session setup would otherwise wait forever. */
export async function killAll(): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([ngrok.kill().catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, 3_000)))]);
  clearTimeout(timer);
}
