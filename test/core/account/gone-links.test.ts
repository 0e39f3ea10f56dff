// A linked action deleted on Flowent by another client (its admin panel, a script) is marked gone
// by the next whole list, not kept as if Flowent had it, and not dropped either; following the
// tunnel skips it and says so once; registering it again clears the mark. The Flowent stand-in,
// deleted through its REST API, a real webhook for its registration check, a real settings file.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { onCleanup, service, startGateway, tempDir } from './harness';
import type { FlowentGateway } from '../../fixtures/flowent-gateway/gateway';
import type { FetchLike } from '../../../main/core/account/token-session';
import type { ActionRegistry } from '../../../main/core/account/action-registry';

/** A webhook that answers 200 to everything (Flowent's registration check included): the companion's URL here. */
async function companionWebhook(): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"result":"ok","error":""}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Deletes the action on Flowent as its admin would: a session of its own and DELETE /actions/<name>. */
async function deleteOnFlowent(gateway: FlowentGateway, name: string): Promise<void> {
  const exchange = await fetch(`${gateway.baseUrl}/token/exchange`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ api_token: 'api_test_token' }),
  });
  const { jwt_token } = (await exchange.json()) as { jwt_token: string };
  const deleted = await fetch(`${gateway.baseUrl}/actions/${name}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${jwt_token}` },
  });
  expect(await deleted.json()).toEqual({ message: 'Action deleted successfully' });
}

/** A companion at `base` with `names` registered there and linked. */
async function linkedHere(gateway: FlowentGateway, base: string, names: string[], more: Parameters<typeof service>[1] = {}) {
  let changes = 0;
  const registry = service(gateway, { companionUrls: () => [base], onLinksChanged: () => (changes += 1), ...more });
  for (const name of names) expect((await registry.registerHere(name, `Does ${name}`, SCHEMA, base)).ok).toBe(true);
  return { registry, changes: () => changes };
}

const SCHEMA = { type: 'object', properties: { city: { type: 'string' } } };

const goneOf = (registry: ActionRegistry) =>
  Object.fromEntries(registry.links.all().map((link) => [link.action, link.gone ? link.gone.at : null]));

/** Node's fetch, with `GET /actions` answered as a first page (a cursor says more follow). */
const pagedListing: FetchLike = async (url, init) => {
  const response = await fetch(url, init);
  if (init?.method !== 'GET' || !url.endsWith('/actions')) return response;
  const answer = (await response.json()) as { actions: unknown[] };
  return new Response(JSON.stringify({ ...answer, next_cursor: 'page-2' }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
};

describe('a linked action Flowent no longer has', () => {
  it('is marked gone by a whole list, kept by a list that says it is partial, and cleared by registering it again', async () => {
    const gateway = await startGateway();
    const base = await companionWebhook();
    const dataDir = tempDir();
    let at = 1_000;
    const { registry, changes } = await linkedHere(gateway, base, ['send_email', 'get_weather'], { dataDir, now: () => at });
    await deleteOnFlowent(gateway, 'get_weather');
    at = 2_000;

    // A first page leaves it out too, but more follow: nothing is judged gone from it.
    const paged = service(gateway, { dataDir, companionUrls: () => [base], fetch: pagedListing });
    expect((await paged.list()).ok).toBe(true);
    expect(goneOf(paged)).toEqual({ send_email: null, get_weather: null });

    expect(await registry.list()).toMatchObject({ ok: true, value: [{ name: 'send_email' }] });
    expect(goneOf(registry)).toEqual({ send_email: null, get_weather: 2_000 });
    expect(changes()).toBe(1);
    // Marked, not dropped, and no longer called stale (no URL would bring Flowent's calls to it).
    expect(registry.links.all().map((link) => link.action)).toEqual(['send_email', 'get_weather']);
    expect(registry.staleActions([])).toMatchObject([{ action: 'send_email' }]);
    // A second list changes nothing: when it was found gone stays.
    at = 3_000;
    expect((await registry.list()).ok).toBe(true);
    expect(goneOf(registry)).toEqual({ send_email: null, get_weather: 2_000 });
    expect(changes()).toBe(1);

    expect((await registry.registerHere('get_weather', 'Does get_weather', SCHEMA, base)).ok).toBe(true);
    expect(goneOf(registry)).toEqual({ send_email: null, get_weather: null });
  });

  it('a plain registration at the companion clears the mark; one elsewhere unlinks it, saying so', async () => {
    const gateway = await startGateway();
    const base = await companionWebhook();
    const elsewhere = await companionWebhook();
    const { registry } = await linkedHere(gateway, base, ['get_weather', 'lookup_order']);
    await deleteOnFlowent(gateway, 'get_weather');
    await deleteOnFlowent(gateway, 'lookup_order');
    expect((await registry.list()).ok).toBe(true);
    expect(Object.values(goneOf(registry)).every((at) => at !== null)).toBe(true);

    const again = { description: 'Weather', json_schema: SCHEMA };
    expect(await registry.register({ name: 'get_weather', webhook_url: `${base}/actions/get_weather`, ...again })).toMatchObject({
      ok: true,
      warnings: [],
    });
    expect(registry.links.find('default', 'get_weather')).toMatchObject({ action: 'get_weather' });
    expect(registry.links.find('default', 'get_weather')?.gone).toBeUndefined();
    const moved = await registry.register({ name: 'lookup_order', webhook_url: `${elsewhere}/actions/lookup_order`, ...again });
    expect(moved.ok && moved.warnings).toEqual([
      `lookup_order was linked to this companion; ${elsewhere}/actions/lookup_order is not one of its URLs, so it was unlinked and will not follow the tunnel.`,
    ]);
    expect(registry.links.find('default', 'lookup_order')).toBeNull();
  });

  it('is skipped by following the tunnel, said once; a 404 met while following marks it the same way', async () => {
    const gateway = await startGateway();
    const first = await companionWebhook();
    const { registry } = await linkedHere(gateway, first, ['send_email', 'get_weather', 'lookup_order']);
    await deleteOnFlowent(gateway, 'get_weather');
    expect((await registry.list()).ok).toBe(true);
    // Deleted after the list: the companion does not know yet.
    await deleteOnFlowent(gateway, 'lookup_order');

    const second = await companionWebhook();
    const moved = await registry.followTunnel({ previous: first, current: second }, 'auto');
    expect(moved.changes.map(({ action, outcome }) => ({ action, outcome }))).toEqual([
      { action: 'send_email', outcome: 'updated' },
      { action: 'get_weather', outcome: 'gone' },
      { action: 'lookup_order', outcome: 'gone' },
    ]);
    expect(registry.links.find('default', 'lookup_order')?.gone).toMatchObject({ followSaid: true });
    const puts = () => gateway.requests.filter((request) => request.method === 'PUT').map((request) => request.path);
    expect(puts()).toEqual(['/api/v1/gateway/actions/send_email', '/api/v1/gateway/actions/lookup_order']);

    // The next change re-points what Flowent has and says nothing of the gone ones, asking nothing of Flowent for them.
    const third = await companionWebhook();
    const again = await registry.followTunnel({ previous: second, current: third }, 'auto');
    expect(again.changes.map(({ action, outcome }) => ({ action, outcome }))).toEqual([{ action: 'send_email', outcome: 'updated' }]);
    expect(puts()).toHaveLength(3);
    const asked = await registry.followTunnel({ previous: third, current: first }, 'ask');
    expect(asked.changes.map(({ action, outcome }) => ({ action, outcome }))).toEqual([{ action: 'send_email', outcome: 'proposed' }]);
  });
});
