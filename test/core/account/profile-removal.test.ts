// A removed profile takes all the companion kept of it: a new profile of the same name would
// check calls against another instance's schemas and call an action missing from them not on
// Flowent, follow the tunnel with and say stale the old links, and count the old requests
// toward Flowent's hourly limit. The Flowent stand-in, a real settings file.
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

  it('removes its links and Gateway request counts: a new profile of the same name inherits neither', async () => {
    const gateway = await startGateway();
    const webhookUrl = 'http://127.0.0.1:9/actions/send_email';
    gateway.storeAction({ name: 'send_email', description: 'Send an email', webhook_url: webhookUrl, json_schema: SCHEMA });
    const companion = service(gateway, { env: { FLOWENT_API_TOKEN_STAGING: API_TOKEN } });
    expect(companion.profiles.save({ name: 'staging', baseUrl: gateway.baseUrl }).ok).toBe(true);
    expect(companion.profiles.setActive('staging').ok).toBe(true);
    expect((await companion.link('send_email', undefined, 'http://127.0.0.1:9')).ok).toBe(true);
    expect(companion.links.forProfile('staging')).toHaveLength(1);
    expect(companion.requestsThisHour('staging')).toBeGreaterThan(0);
    // Another profile's link and count stay.
    expect(companion.profiles.setActive('default').ok).toBe(true);
    expect((await companion.link('send_email', undefined, 'http://127.0.0.1:9')).ok).toBe(true);
    const defaultRequests = companion.requestsThisHour('default');
    expect(defaultRequests).toBeGreaterThan(0);

    expect(companion.profiles.remove('staging')).toEqual({ ok: true, value: { removed: true } });
    expect(companion.profiles.save({ name: 'staging', baseUrl: gateway.baseUrl }).ok).toBe(true);
    expect(companion.links.forProfile('staging')).toEqual([]);
    expect(companion.staleActions([]).map((link) => link.profile)).toEqual(['default']);
    expect(companion.requestsThisHour('staging')).toBe(0);
    expect(companion.links.forProfile('default')).toHaveLength(1);
    expect(companion.requestsThisHour('default')).toBe(defaultRequests);
  });
});
