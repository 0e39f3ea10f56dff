import { describe, expect, it } from 'vitest';
import type { FollowRecord } from '../../../main/contract/api';
import { followTunnelEvents } from '../../../main/core/account/follow-tunnel-events';
import { startCore, type RunningCore } from '../../helpers/running-core';
import { otherName, urlChangingTunnel } from '../../helpers/stand-in-tunnels';
import { onCleanup, SCHEMA, service, startGateway, tempDir } from './harness';

async function core(options: Parameters<typeof startCore>[0] = {}): Promise<RunningCore> {
  const running = await startCore({ dataDir: tempDir(), ...options });
  onCleanup(() => running.close());
  return running;
}

describe('registering actions against the companion', () => {
  it('registerHere: Flowent’s registration check reaches the real core, is stored as a test, and the action is linked', async () => {
    const gateway = await startGateway();
    const companion = await core();
    const flowent = service(gateway, { dataDir: companion.dataDir });
    const registered = await flowent.registerHere('send_email', 'Send an email', SCHEMA, companion.baseUrl);
    expect(registered).toMatchObject({
      ok: true,
      value: { created: true, webhookUrl: `${companion.baseUrl}/actions/send_email`, action: { name: 'send_email' } },
    });
    const calls = (await companion.core.api.listCalls({})).calls;
    expect(calls).toMatchObject([{ action: 'send_email', test: true, verdict: 'unsigned-test', status: 200, answeredBy: 'test-check' }]);
    expect(flowent.links.all()).toMatchObject([
      { profile: 'default', action: 'send_email', webhookUrl: `${companion.baseUrl}/actions/send_email` },
    ]);

    // A flow running the action: a signed call the core verifies.
    const executed = await gateway.executeAction('send_email', { recipient: 'a@example.com', subject: 'Hi' });
    expect(executed.status).toBe(200);
    expect((await companion.core.api.listCalls({ test: false })).calls).toMatchObject([
      { action: 'send_email', verdict: 'valid', test: false },
    ]);
  });

  it('a signed registration check is stored as a valid test call', async () => {
    const gateway = await startGateway({ signRegistrationCheck: true, hmacKey: 'test-key' });
    const companion = await core();
    expect((await service(gateway).registerHere('send_email', 'Send', SCHEMA, companion.baseUrl)).ok).toBe(true);
    expect((await companion.core.api.listCalls({})).calls).toMatchObject([{ test: true, verdict: 'valid' }]);
  });

  it('registerHere updates an action that already exists (409 → PUT) and points it here', async () => {
    const gateway = await startGateway();
    const companion = await core();
    const flowent = service(gateway);
    // Registered through the companion, then moved elsewhere by hand.
    expect(
      (
        await flowent.register({
          name: 'send_email',
          description: 'old',
          webhook_url: `${companion.baseUrl}/actions/send_email`,
          json_schema: {},
        })
      ).ok,
    ).toBe(true);
    expect((await flowent.update('send_email', { webhook_url: 'https://old.example/actions/send_email' })).ok).toBe(true);
    const again = await flowent.registerHere('send_email', 'new', SCHEMA, otherName(companion.baseUrl));
    expect(again).toMatchObject({
      ok: true,
      value: { created: false, action: { description: 'new', webhook_url: `${otherName(companion.baseUrl)}/actions/send_email` } },
    });
    expect(gateway.stored()).toMatchObject([{ description: 'new', json_schema: SCHEMA }]);
  });

  it('a webhook answering 500 to the registration check fails registerHere with Flowent’s reason in words', async () => {
    const gateway = await startGateway();
    const companion = await core();
    const mock = await companion.core.api.setMock(
      'send_email',
      JSON.stringify({ answerRegistrationCheck: true, status: 500, body: { result: '', error: 'down' } }),
      'json',
    );
    expect(mock.ok).toBe(true);
    const flowent = service(gateway);
    const failed = await flowent.registerHere('send_email', 'Send', SCHEMA, companion.baseUrl);
    expect(failed).toMatchObject({
      ok: false,
      code: 'flowent-registration-check-failed',
      webhookUrl: `${companion.baseUrl}/actions/send_email`,
      said: expect.stringContaining('returned status 500'),
    });
    expect(flowent.links.all()).toEqual([]);
    expect((await companion.core.api.listCalls({})).calls).toMatchObject([{ test: true, status: 500 }]);
  });

  it('follows the tunnel: the core’s tunnel-url-changed re-points linked actions only, and keeps a history', async () => {
    const gateway = await startGateway();
    const tunnel = urlChangingTunnel();
    const companion = await core({ tunnelProvider: tunnel });
    // Its own settings: the core follows the links in its data folder by itself (mode "ask").
    const flowent = service(gateway);
    const previous = companion.baseUrl;
    const current = otherName(previous);
    expect((await flowent.registerHere('linked_one', 'Linked', SCHEMA, previous)).ok).toBe(true);
    expect(
      (
        await flowent.register({
          name: 'not_linked',
          description: 'By hand',
          webhook_url: `${previous}/actions/not_linked`,
          json_schema: {},
        })
      ).ok,
    ).toBe(true);

    // What the desktop app does with the event (mode 'auto'); 'ask' only proposes.
    const followed = new Promise<FollowRecord>((resolve) =>
      followTunnelEvents((listener) => companion.core.subscribe(listener), flowent, { mode: () => 'auto', onRecord: resolve }),
    );
    expect(await flowent.followTunnel({ previous, current }, 'ask')).toMatchObject({
      mode: 'ask',
      changes: [{ action: 'linked_one', outcome: 'proposed', to: `${current}/actions/linked_one` }],
    });
    expect(gateway.stored().find((action) => action.name === 'linked_one')?.webhook_url).toBe(`${previous}/actions/linked_one`);

    tunnel.change({ previous, current });
    const record = await followed;
    expect(record).toMatchObject({
      previous,
      current,
      mode: 'auto',
      changes: [
        {
          profile: 'default',
          action: 'linked_one',
          from: `${previous}/actions/linked_one`,
          to: `${current}/actions/linked_one`,
          outcome: 'updated',
        },
      ],
    });
    const byName = Object.fromEntries(gateway.stored().map((action) => [action.name, action.webhook_url]));
    expect(byName).toEqual({ linked_one: `${current}/actions/linked_one`, not_linked: `${previous}/actions/not_linked` });
    expect(flowent.links.history().map((entry) => entry.mode)).toEqual(['auto', 'ask']);

    // Flowent's next call goes to the new URL and reaches the companion.
    expect((await gateway.executeAction('linked_one', { recipient: 'a@example.com', subject: 'x' })).status).toBe(200);
  });

  it('warns about linked actions that no longer reach the companion', async () => {
    const gateway = await startGateway();
    const companion = await core();
    const flowent = service(gateway);
    expect((await flowent.registerHere('send_email', 'Send', SCHEMA, companion.baseUrl)).ok).toBe(true);
    expect(flowent.staleActions([companion.baseUrl])).toEqual([]);
    const stale = flowent.staleActions(['https://new.ngrok.app']);
    expect(stale).toMatchObject([{ action: 'send_email', webhookUrl: `${companion.baseUrl}/actions/send_email` }]);
  });
});
