// The schemas cached from Flowent's list of actions follow that list: an action deleted on
// Flowent by another client is no longer checked against its old schema once a whole list
// leaves it out, but a list that says it is partial prunes nothing. The Flowent stand-in, a
// real settings file.
import { describe, expect, it } from 'vitest';
import { SCHEMA, service, startGateway, tempDir } from './harness';
import type { FlowentGateway } from '../../fixtures/flowent-gateway/gateway';
import type { FetchLike } from '../../../main/core/account/token-session';

function seed(gateway: FlowentGateway, ...names: string[]): void {
  for (const name of names)
    gateway.storeAction({ name, description: 'Send an email', webhook_url: `http://127.0.0.1:9/actions/${name}`, json_schema: SCHEMA });
}

const PARAMETERS = { recipient: 'a@example.com', subject: 'Hi' };

/** Node's fetch, with `GET /actions` answered as `rewrite` makes it over the stand-in's answer. */
function rewritingListing(rewrite: (answer: { actions: { name: string }[] }) => unknown): FetchLike {
  return async (url, init) => {
    const response = await fetch(url, init);
    if (init?.method !== 'GET' || !url.endsWith('/actions')) return response;
    const answer = (await response.json()) as { actions: { name: string }[] };
    return new Response(JSON.stringify(rewrite(answer)), { status: response.status, headers: { 'content-type': 'application/json' } });
  };
}

describe('the schemas cached from a list of actions', () => {
  it('drop an action deleted on Flowent by another client at the next whole list', async () => {
    const gateway = await startGateway();
    seed(gateway, 'send_email', 'lookup_order');
    let at = 1_000;
    const companion = service(gateway, { now: () => at });
    expect((await companion.list()).ok).toBe(true);
    expect(companion.validateParameters('lookup_order', PARAMETERS)).toMatchObject({ status: 'checked' });

    const otherClient = service(gateway, { dataDir: tempDir() });
    expect((await otherClient.delete('lookup_order')).ok).toBe(true);
    at = 2_000;
    expect(await companion.list()).toMatchObject({ ok: true, value: [{ name: 'send_email' }] });

    // No schema after a list fetched then: its calls are not on Flowent, not checked against the old one.
    expect(companion.validateParameters('lookup_order', PARAMETERS)).toBeNull();
    expect(companion.actionsListedAt()).toBe(2_000);
    expect(companion.validateParameters('send_email', PARAMETERS)).toMatchObject({ status: 'checked', schema: { fetchedAt: 2_000 } });
  });

  it('keep what a list that says it is partial, or carries no list, leaves out', async () => {
    const gateway = await startGateway();
    seed(gateway, 'send_email', 'lookup_order');
    const dataDir = tempDir();
    let at = 1_000;
    expect((await service(gateway, { dataDir, now: () => at }).list()).ok).toBe(true);
    at = 2_000;

    const paged = service(gateway, {
      dataDir,
      now: () => at,
      fetch: rewritingListing(({ actions }) => ({ actions: actions.slice(0, 1), next_cursor: 'page-2' })),
    });
    const first = await paged.list();
    expect(first.ok && first.value.map((action) => action.name)).toEqual(['send_email']);
    expect(paged.validateParameters('lookup_order', PARAMETERS)).toMatchObject({ status: 'checked', schema: { fetchedAt: 1_000 } });
    // When the last whole list was fetched stays: what a part leaves out may be on Flowent now.
    expect(paged.actionsListedAt()).toBe(1_000);

    const counted = service(gateway, { dataDir, fetch: rewritingListing(({ actions }) => ({ actions: actions.slice(1), total: 2 })) });
    expect((await counted.list()).ok).toBe(true);
    const without = service(gateway, { dataDir, fetch: rewritingListing(() => ({ items: [] })) });
    expect((await without.list()).ok).toBe(true);
    expect(without.validateParameters('send_email', PARAMETERS)).toMatchObject({ status: 'checked' });
    expect(without.validateParameters('lookup_order', PARAMETERS)).toMatchObject({ status: 'checked' });
    expect(without.actionsListedAt()).toBe(1_000);
  });
});
