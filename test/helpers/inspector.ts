import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_FILES } from '../../main/core/data-folder';
import { InspectorServer } from '../../main/transports/inspector/inspector-server';
import { inspectorTokenFile } from '../../main/transports/inspector/inspector-token';
import type { RunningCore } from './running-core';

/**
 * The browser inspector's HTTP server over a running core, on port 0, with the given token
 * written to the core's data folder (as `serve` keeps it). An internal error fails the test (it
 * must never happen on any input).
 */
export async function startInspectorFor(running: RunningCore, token: string, rendererDir: string | null = null) {
  const { core } = running;
  writeFileSync(join(running.dataDir, DATA_FILES.inspectorToken), `${token}\n`, { mode: 0o600 });
  const inspector = new InspectorServer({
    api: core.api,
    subscribe: (listener) => core.subscribe(listener),
    token: inspectorTokenFile(running.dataDir),
    port: 0,
    rendererDir,
    onInternalError: (error) => {
      throw error;
    },
  });
  const started = await inspector.start();
  if (!started.ok) throw new Error(JSON.stringify(started));
  return { inspector, port: started.value.port, url: started.value.url };
}

/** Reads the event stream of an open inspector: a ticket bought with the token, then the stream with the ticket. */
export async function openEventStream(base: string, token: string): Promise<Response> {
  const bought = await fetch(`${base}/api/events/ticket`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  const reply = (await bought.json()) as { ok: boolean; value?: { ticket: string } };
  if (!reply.ok || !reply.value) throw new Error(`no ticket: HTTP ${bought.status}`);
  return fetch(`${base}/api/events?ticket=${reply.value.ticket}`);
}

/**
 * Calls a running serve's inspector API with no arguments, as the page's buttons do (Open and
 * Close tunnel), and gives the method's value; an answer other than 200 fails the test.
 */
export async function callServeInspector(
  server: { inspectorUrl: string | null },
  method: 'getStatus' | 'openTunnel' | 'closeTunnel',
): Promise<unknown> {
  const token = /#token=([\w-]+)/.exec(server.inspectorUrl ?? '')?.[1];
  const answer = await fetch(`${new URL(server.inspectorUrl!).origin}/api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: '[]',
  });
  if (answer.status !== 200) throw new Error(`${method} answered ${answer.status}: ${await answer.text()}`);
  return ((await answer.json()) as { value: unknown }).value;
}
