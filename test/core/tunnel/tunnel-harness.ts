import * as ngrok from '@ngrok/ngrok';
import { NgrokTunnel, type NgrokTunnelOptions } from '../../../main/core/tunnel/ngrok-tunnel';
import type { TunnelStatus, UrlChange } from '../../../main/core/tunnel/tunnel-provider';
import { FakeEdge, TEST_CA_PEM } from '../../fixtures/ngrok-edge/fake-edge';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { rawRequest, type RawResponse } from '../../helpers/raw-http';

export const KEY = 'test-key';

/** A provider pointed at the stand-in edge, with every status and URL change recorded. */
export function tunnelFor(edge: FakeEdge, options: NgrokTunnelOptions = {}) {
  const tunnel = new NgrokTunnel({ serverAddr: edge.serverAddr, caCert: TEST_CA_PEM, ...options });
  const statuses: Array<TunnelStatus & { t: number; emittedAt: number }> = [];
  const urlChanges: UrlChange[] = [];
  const started = Date.now();
  tunnel.onStatus((status) => statuses.push({ ...status, t: Date.now() - started, emittedAt: Date.now() }));
  tunnel.onUrlChanged((change) => urlChanges.push(change));
  return { tunnel, statuses, urlChanges, states: () => statuses.map((status) => status.state) };
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
export function callThroughEdge(edge: FakeEdge, action = 'send_email', parameters: Record<string, unknown> = { recipient: 'user@example.com' }): Promise<RawResponse> {
  const body = signedBody(flowentPayload(action, parameters), KEY);
  const request =
    `POST /actions/${action} HTTP/1.1\r\nHost: tunnel.edge.test\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
  return rawRequest(edge.ingressPort, request, 5_000);
}

/** ngrok.kill(), bounded: a kill() behind a stuck session setup would otherwise wait forever. */
export async function killAll(): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    ngrok.kill().catch(() => undefined),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, 3_000))),
  ]);
  clearTimeout(timer);
}
