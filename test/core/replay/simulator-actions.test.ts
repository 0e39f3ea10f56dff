import { describe, expect, it } from 'vitest';
import { SchemaCache } from '../../../main/core/account/parameter-check';
import { ACCOUNT_SETTINGS_SCOPE } from '../../../main/core/account/types';
import { simulatorActions } from '../../../main/core/replay/simulator-actions';
import { openStore, type Store } from '../../../main/core/store/open-store';
import { cleanupsPerTest } from '../../helpers/cleanups-per-test';

const SCHEMA = { type: 'object', properties: { title: { type: 'string' } }, required: ['title'] };
const { cleanups, tempDir } = cleanupsPerTest();

function freshStore(): Store {
  const opened = openStore({ dataDir: tempDir() });
  if (!opened.ok) throw new Error(JSON.stringify(opened));
  // Closed before its folder is removed: pushed after tempDir's removal, so undone first.
  cleanups.push(() => opened.value.close());
  return opened.value;
}

/** What listing the actions in Flowent leaves behind: their schemas cached for a profile, in the account's settings. */
function cacheFromFlowent(store: Store, profile: string, names: string[]): void {
  new SchemaCache(store.settings.scope(ACCOUNT_SETTINGS_SCOPE), profile).remember(
    names.map((name) => ({
      id: name,
      tenant_id: 't',
      name,
      description: name,
      json_schema: SCHEMA,
      webhook_url: 'https://example.com',
      created_at: '',
      updated_at: '',
    })),
  );
}

describe('actions the simulator offers', () => {
  it('include every action whose schema was cached from Flowent for the active profile, never called nor linked', () => {
    const store = freshStore();
    cacheFromFlowent(store, 'default', ['create_ticket', 'send_email']);
    cacheFromFlowent(store, 'staging', ['staging_only']);
    const actions = simulatorActions(store.calls, store.settings, () => []);
    expect(actions.map((a) => a.action)).toEqual(['create_ticket', 'send_email']);
    expect(actions[0]).toMatchObject({ action: 'create_ticket', origin: 'flowent', calls: 0, schema: SCHEMA });
  });

  it('is empty on a fresh history', () => {
    expect(
      (() => {
        const store = freshStore();
        return simulatorActions(store.calls, store.settings, () => []);
      })(),
    ).toEqual([]);
  });
});
