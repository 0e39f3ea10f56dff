import { describe, expect, it } from 'vitest';
import type { AccountState, ApiFailure, FollowRecord } from '../../../main/contract/api';
import { inPageWords } from '../../../renderer/src/page/page-words';
import { SCHEMA } from '../account/harness';
import { accountRig, eventually } from './account-harness';

type Refusal = { ok: false; code: string };
type Answer<T> = { ok: true; value: T } | Refusal;

describe('linked actions and following the tunnel, through the real core and the inspector', () => {
  it('follows the tunnel automatically: linked actions are re-pointed and the next call reaches the companion', async () => {
    const rig = await accountRig();
    const previous = rig.companion.baseUrl.replace('127.0.0.1', 'localhost');
    const current = rig.companion.baseUrl;
    rig.tunnel.goOnline(previous);
    expect((await rig.call<Answer<unknown>>('registerHere', 'linked_one', 'Linked', SCHEMA, null)).ok).toBe(true);
    expect(await rig.call('setFollowMode', 'auto')).toMatchObject({ ok: true, value: { followMode: 'auto' } });

    rig.tunnel.change({ previous, current });
    const followed = await eventually(() => rig.events.find((event) => event.type === 'actions-followed'), 'actions-followed');
    expect(followed).toMatchObject({
      record: {
        previous,
        current,
        mode: 'auto',
        changes: [
          { action: 'linked_one', from: `${previous}/actions/linked_one`, to: `${current}/actions/linked_one`, outcome: 'updated' },
        ],
      },
    });
    expect(rig.gateway.stored()).toMatchObject([{ name: 'linked_one', webhook_url: `${current}/actions/linked_one` }]);
    const account = await rig.call<AccountState>('getAccount');
    expect(account.links).toMatchObject([{ webhookUrl: `${current}/actions/linked_one` }]);
    expect(account.followHistory).toMatchObject([{ mode: 'auto' }]);
    expect((await rig.gateway.executeAction('linked_one', { recipient: 'a@example.com', subject: 'Hi' })).status).toBe(200);
  });

  it('in "ask" mode proposes, warns that the action went stale, and re-points on applyFollow', async () => {
    const rig = await accountRig();
    const previous = rig.companion.baseUrl.replace('127.0.0.1', 'localhost');
    const current = 'https://new-name.ngrok.app';
    rig.tunnel.goOnline(previous);
    expect((await rig.call<Answer<unknown>>('registerHere', 'linked_one', 'Linked', SCHEMA, null)).ok).toBe(true);
    expect(await rig.call('applyFollow')).toMatchObject({ ok: false, code: 'flowent-nothing-to-follow' });

    rig.tunnel.change({ previous, current });
    const proposed = await eventually(() => rig.events.find((event) => event.type === 'actions-followed'), 'actions-followed');
    expect(proposed).toMatchObject({
      record: { mode: 'ask', changes: [{ action: 'linked_one', outcome: 'proposed', to: `${current}/actions/linked_one` }] },
    });
    expect(rig.gateway.stored()).toMatchObject([{ webhook_url: `${previous}/actions/linked_one` }]);
    const stale = (await rig.call<AccountState>('getAccount')).stale;
    expect(stale).toMatchObject([{ action: 'linked_one', webhookUrl: `${previous}/actions/linked_one` }]);

    const applied = await rig.call<Answer<FollowRecord>>('applyFollow');
    expect(applied).toMatchObject({
      ok: true,
      value: { mode: 'auto', current, changes: [{ outcome: 'updated', to: `${current}/actions/linked_one` }] },
    });
    expect(rig.gateway.stored()).toMatchObject([{ webhook_url: `${current}/actions/linked_one` }]);
    const account = await rig.call<AccountState>('getAccount');
    expect(account.stale).toEqual([]);
    expect(account.followHistory.map((record) => record.mode)).toEqual(['auto', 'ask']);
    expect(await rig.call('applyFollow')).toMatchObject({ ok: false, code: 'flowent-nothing-to-follow' });
  });

  it('links and unlinks an action registered by hand', async () => {
    const rig = await accountRig();
    const input = { name: 'by_hand', description: 'By hand', webhook_url: `${rig.companion.baseUrl}/actions/by_hand`, json_schema: {} };
    expect((await rig.call<Answer<unknown>>('registerAction', input)).ok).toBe(true);
    expect(await rig.call('linkAction', 'by_hand', true)).toMatchObject({ ok: false, code: 'flowent-no-public-url' });
    expect(await rig.call('linkAction', 'by_hand', false)).toMatchObject({
      ok: true,
      value: { value: { action: 'by_hand', webhookUrl: input.webhook_url } },
    });
    expect((await rig.call<AccountState>('getAccount')).links).toHaveLength(1);
    expect(await rig.call('unlinkAction', 'by_hand', 'default')).toEqual({ ok: true, value: { unlinked: true } });
    expect(await rig.call('unlinkAction', 'by_hand', 'default')).toEqual({ ok: true, value: { unlinked: false } });
    // A profile that does not exist is named as one, not taken for "not linked".
    expect(await rig.call('unlinkAction', 'by_hand', 'staging')).toMatchObject({
      ok: false,
      code: 'flowent-unknown-profile',
      name: 'staging',
    });
  });

  it('links without re-pointing only an action that points at this companion, or under a URL given as its', async () => {
    const rig = await accountRig();
    const elsewhere = 'https://handler.example/hooks/by_hand';
    const input = { name: 'by_hand', description: 'By hand', webhook_url: `${rig.companion.baseUrl}/actions/by_hand`, json_schema: {} };
    expect((await rig.call<Answer<unknown>>('registerAction', input)).ok).toBe(true);
    // Pointed at someone else's handler (Flowent checks a URL only at registration).
    expect((await rig.call<Answer<unknown>>('updateAction', 'by_hand', { webhook_url: elsewhere })).ok).toBe(true);
    // The desktop app's "Link to this companion" button: following the tunnel would take over
    // someone else's handler URL.
    const refused = await rig.call('linkAction', 'by_hand', false);
    expect(refused).toEqual({
      ok: false,
      code: 'flowent-action-elsewhere',
      action: 'by_hand',
      webhookUrl: elsewhere,
      companionUrls: [rig.companion.baseUrl],
      profile: 'default',
      profileInUse: true,
    });
    expect(inPageWords(refused as ApiFailure)).toBe(
      `by_hand points at ${elsewhere}, not at this companion (this companion is at ${rig.companion.baseUrl}), so it was not linked. ` +
        'Point it here with Edit › Register here, which links it too.',
    );
    expect((await rig.call<AccountState>('getAccount')).links).toEqual([]);
    // A base URL the user gives as the companion's (a domain of theirs in front of it) is taken.
    expect(await rig.call('linkAction', 'by_hand', false, 'https://handler.example/hooks')).toMatchObject({
      ok: true,
      value: { value: { action: 'by_hand', webhookUrl: elsewhere } },
    });
    expect(rig.gateway.stored()).toMatchObject([{ webhook_url: elsewhere }]);
  });

  it('keeps a linked action linked while its new webhook_url reaches the companion, and unlinks it, saying so, when not', async () => {
    const rig = await accountRig();
    const here = `${rig.companion.baseUrl}/actions/by_hand`;
    const input = { name: 'by_hand', description: 'By hand', webhook_url: here, json_schema: {} };
    expect((await rig.call<Answer<unknown>>('registerAction', input)).ok).toBe(true);
    expect((await rig.call<Answer<unknown>>('linkAction', 'by_hand', false)).ok).toBe(true);
    const linkedUrl = async () => (await rig.call<AccountState>('getAccount')).links.map((link) => link.webhookUrl);

    // Another path on the companion: still linked, to the new URL.
    const moved = `${rig.companion.baseUrl}/actions/by_hand_v2`;
    expect(await rig.call('updateAction', 'by_hand', { webhook_url: moved })).toMatchObject({ ok: true, value: { warnings: [] } });
    expect(await linkedUrl()).toEqual([moved]);
    // A URL given as the companion's: still linked.
    const ownDomain = 'https://companion.example.org/actions/by_hand';
    expect(await rig.call('updateAction', 'by_hand', { webhook_url: ownDomain }, 'https://companion.example.org')).toMatchObject({
      ok: true,
      value: { warnings: [] },
    });
    expect(await linkedUrl()).toEqual([ownDomain]);
    // Someone else's handler: the tunnel must not overwrite it, so the link goes.
    const elsewhere = 'https://handler.example/hooks/by_hand';
    expect(await rig.call('updateAction', 'by_hand', { webhook_url: elsewhere })).toMatchObject({
      ok: true,
      value: {
        value: { webhook_url: elsewhere },
        warnings: [
          `by_hand was linked to this companion; ${elsewhere} is not one of its URLs, so it was unlinked and will not follow the tunnel.`,
        ],
      },
    });
    expect(await linkedUrl()).toEqual([]);
    // A description alone leaves the links as they are.
    expect((await rig.call<Answer<unknown>>('linkAction', 'by_hand', true, rig.companion.baseUrl)).ok).toBe(true);
    expect(await rig.call('updateAction', 'by_hand', { description: 'Still here' })).toMatchObject({ ok: true, value: { warnings: [] } });
    expect(await linkedUrl()).toEqual([here]);
  });

  it('gets one action from Flowent, and re-points a linked action under a base URL it is given', async () => {
    const rig = await accountRig();
    const input = { name: 'by_hand', description: 'By hand', webhook_url: `${rig.companion.baseUrl}/actions/by_hand`, json_schema: {} };
    expect((await rig.call<Answer<unknown>>('registerAction', input)).ok).toBe(true);
    expect(await rig.call('getAction', 'by_hand')).toMatchObject({
      ok: true,
      value: { value: { name: 'by_hand', description: 'By hand' } },
    });
    expect(await rig.call('getAction', 'nope')).toMatchObject({ ok: false, code: 'flowent-action-not-found' });
    const other = rig.companion.baseUrl.replace('127.0.0.1', 'localhost');
    expect(await rig.call('linkAction', 'by_hand', true, other)).toMatchObject({
      ok: true,
      value: { value: { action: 'by_hand', webhookUrl: `${other}/actions/by_hand` } },
    });
    expect(rig.gateway.stored()).toMatchObject([{ name: 'by_hand', webhook_url: `${other}/actions/by_hand` }]);
    expect((await rig.raw('linkAction', ['by_hand', true, 42])).status).toBe(400);
  });
});
