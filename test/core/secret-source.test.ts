import { describe, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { coresClosedAfterEach } from '../helpers/running-core';

// serve's secrets come from the environment; a value saved from the inspector is "for this
// session only": clearing it goes back to the environment's, it does not leave none at all.
const startCore = coresClosedAfterEach();
const ENV = { FLOWENT_HMAC_KEY: 'key-from-env', NGROK_AUTHTOKEN: 'ngrok-from-env', FLOWENT_API_TOKEN: 'api-from-env' };

async function verdictOfCallSignedWith(core: Awaited<ReturnType<typeof startCore>>, key: string) {
  expect((await core.post('/actions/send_email', signedBody(flowentPayload('send_email'), key))).status).toBe(200);
  return (await core.core.api.listCalls({ limit: 1 })).calls[0]!.verdict;
}

describe("clearing a secret saved for this session (serve's)", () => {
  it('goes back to the HMAC key from FLOWENT_HMAC_KEY, and calls signed with it are valid again', async () => {
    const core = await startCore({ env: ENV, hmacKey: undefined });
    expect((await core.core.api.getStatus()).hmacKey).toMatchObject({ set: true, source: 'environment' });

    expect((await core.core.api.setHmacKey('key-for-this-session')).ok).toBe(true);
    expect((await core.core.api.getStatus()).hmacKey).toMatchObject({ set: true, source: 'session' });
    expect(await verdictOfCallSignedWith(core, 'key-for-this-session')).toBe('valid');

    const cleared = await core.core.api.clearHmacKey();
    expect(cleared.ok && cleared.value.hmacKey).toMatchObject({ set: true, source: 'environment' });
    expect(await verdictOfCallSignedWith(core, 'key-from-env')).toBe('valid');
  });

  it('goes back to NGROK_AUTHTOKEN and FLOWENT_API_TOKEN the same way', async () => {
    const core = await startCore({ env: ENV });
    const { api } = core.core;
    expect((await api.setNgrokAuthtoken('ngrok-for-this-session')).ok).toBe(true);
    expect((await api.getStatus()).ngrokAuthtoken).toEqual({ set: true, source: 'session' });
    const ngrok = await api.clearNgrokAuthtoken();
    expect(ngrok.ok && ngrok.value.ngrokAuthtoken).toEqual({ set: true, source: 'environment' });

    expect((await api.setFlowentApiToken('default', 'api-for-this-session')).ok).toBe(true);
    expect((await api.getAccount()).apiToken).toEqual({ set: true, source: 'session' });
    const token = await api.clearFlowentApiToken('default');
    expect(token.ok && token.value.apiToken).toEqual({ set: true, source: 'environment' });
  });

  it('with nothing in the environment, leaves no secret', async () => {
    const core = await startCore({ key: null });
    expect((await core.core.api.setHmacKey('key-for-this-session')).ok).toBe(true);
    const cleared = await core.core.api.clearHmacKey();
    expect(cleared.ok && cleared.value.hmacKey).toMatchObject({ set: false, source: null });
    expect(await verdictOfCallSignedWith(core, 'key-for-this-session')).toBe('no-key');
  });
});

describe('a blank variable (spaces, a line break read from an empty file) is no secret', () => {
  it('leaves the HMAC key, the ngrok authtoken and the API token unset, and Open tunnel says so without opening anything', async () => {
    const core = await startCore({
      env: { FLOWENT_HMAC_KEY: '  ', NGROK_AUTHTOKEN: ' \r\n', FLOWENT_API_TOKEN: '\t' },
      hmacKey: undefined,
    });
    const { api } = core.core;
    const status = await api.getStatus();
    expect(status.hmacKey).toMatchObject({ set: false, source: null });
    expect(status.ngrokAuthtoken).toEqual({ set: false, source: null });
    expect((await api.getAccount()).apiToken).toEqual({ set: false, source: null });
    expect(await api.openTunnel()).toEqual({ ok: false, code: 'tunnel-no-authtoken' });
    expect(core.events.filter((event) => event.type === 'tunnel-status')).toEqual([]);
    expect(await verdictOfCallSignedWith(core, '  ')).toBe('no-key');
  });
});
