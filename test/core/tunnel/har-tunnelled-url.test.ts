import { describe, expect, it } from 'vitest';
import type { Har } from '../../../main/core/replay/har-export';
import { createReplay } from '../../../main/core/replay';
import { keyFingerprint } from '../../../main/core/replay/learned-style';
import { openStore } from '../../../main/core/store/open-store';
import type { FakeEdge } from '../../fixtures/ngrok-edge/fake-edge';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { rawRequest } from '../../helpers/raw-http';
import { startCore, type RunningCore } from '../../helpers/running-core';
import { KEY, tunnelFor, withEdgeAndCore } from './tunnel-harness';

// The agent library keeps one process-wide session registry: these tests run one at a time.
let edge: FakeEdge;
withEdgeAndCore((fresh) => ({ edge } = fresh));

/** A signed call "from the internet" into the edge, naming the Host a caller chose. */
async function callThroughEdgeAs(host: string): Promise<void> {
  const body = signedBody(flowentPayload('send_email', { recipient: 'user@example.com' }), KEY);
  const answer = await rawRequest(
    edge.ingressPort,
    `POST /actions/send_email HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  expect(answer.status).toBe(200);
}

async function exported(companion: RunningCore): Promise<Har> {
  const id = (await companion.core.api.listCalls({ limit: 1 })).calls[0]!.id;
  const har = await companion.core.api.exportHar({ ids: [id] });
  if (!har.ok) throw new Error(JSON.stringify(har));
  return JSON.parse(har.value.text!) as Har;
}

describe.sequential('a tunnelled call in a HAR export', () => {
  it('is written at the companion’s own webhook URL, not at an http:// URL on the Host its caller named', async () => {
    const companion = await startCore({ tunnelProvider: tunnelFor(edge).tunnel, env: { NGROK_AUTHTOKEN: 'test-token' } });
    try {
      expect((await companion.core.api.openTunnel()).ok).toBe(true);
      await callThroughEdgeAs('attacker.example:8080');
      const [entry] = (await exported(companion)).log.entries;
      expect(entry!._viaTunnel).toBe(true);
      expect(entry!.request.url).toBe(`${companion.baseUrl}/actions/send_email`);
      // What the caller sent stays in the headers, for what it is: the caller's say.
      expect(entry!.request.headers).toContainEqual({ name: 'Host', value: 'attacker.example:8080' });

      // Read where no webhook server runs (a history copied elsewhere): no URL on the caller's host either.
      await companion.core.api.closeTunnel();
      const opened = openStore({ dataDir: companion.dataDir });
      if (!opened.ok) throw new Error(JSON.stringify(opened));
      const store = opened.value;
      const offline = createReplay({
        calls: () => store.calls,
        answers: () => store.answers,
        settings: () => store.settings,
        handlers: () => store.handlers.forKey(() => keyFingerprint(KEY)),
        hmacKey: () => KEY,
      });
      try {
        const har = JSON.parse((await offline.exportHar({ ids: [store.calls.lastCallId()] })).text) as Har;
        expect(har.log.entries[0]!.request.url).toBe('http://localhost/actions/send_email');
      } finally {
        await offline.close();
        await store.close();
      }
    } finally {
      await companion.close();
    }
  });
});
