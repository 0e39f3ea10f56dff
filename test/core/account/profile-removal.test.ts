// A removed profile takes its cached schemas and when its list was fetched with it: a new
// profile of the same name would check calls against another instance's schemas and call an
// action missing from them not on Flowent. The Flowent stand-in, a real settings file.
import { describe, expect, it } from 'vitest';
import { API_TOKEN, SCHEMA, service, startGateway } from './harness';

const PARAMETERS = { recipient: 'a@example.com', subject: 'Hi' };

describe('removing a profile', () => {
  it('removes its cached schemas: a new profile of the same name starts without them', async () => {
    const gateway = await startGateway();
    gateway.storeAction({
      name: 'send_email',
      description: 'Send an email',
      webhook_url: 'http://127.0.0.1:9/actions/send_email',
      json_schema: SCHEMA,
    });
    const companion = service(gateway, { env: { FLOWENT_API_TOKEN_STAGING: API_TOKEN } });
    expect(companion.profiles.save({ name: 'staging', baseUrl: gateway.baseUrl }).ok).toBe(true);
    expect(companion.profiles.setActive('staging').ok).toBe(true);
    expect((await companion.list()).ok).toBe(true);
    expect(companion.validateParameters('send_email', PARAMETERS, 'staging')).toMatchObject({ status: 'checked' });
    expect(companion.actionsListedAt('staging')).not.toBeNull();

    expect(companion.profiles.remove('staging')).toEqual({ ok: true, value: { removed: true } });
    expect(companion.profiles.save({ name: 'staging', baseUrl: gateway.baseUrl }).ok).toBe(true);
    expect(companion.validateParameters('send_email', PARAMETERS, 'staging')).toBeNull();
    expect(companion.actionsListedAt('staging')).toBeNull();
  });
});
