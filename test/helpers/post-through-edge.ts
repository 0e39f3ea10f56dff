import type { FakeEdge } from '../fixtures/ngrok-edge/fake-edge';
import { flowentPayload, signedBody } from './flowent-signer';
import { rawRequest, type RawResponse } from './raw-http';

/**
 * A signed Flowent call to `action`, posted to the stand-in edge's public side as the internet
 * reaches a tunnel: the edge hands it to the newest bind, which is the companion's tunnel.
 */
export function postThroughEdge(
  edge: Pick<FakeEdge, 'ingressPort'>,
  action: string,
  parameters: Record<string, unknown>,
  key: string,
): Promise<RawResponse> {
  const body = signedBody(flowentPayload(action, parameters), key);
  return rawRequest(
    edge.ingressPort,
    `POST /actions/${action} HTTP/1.1\r\nHost: public.example\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
