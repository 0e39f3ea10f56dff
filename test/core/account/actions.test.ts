import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { onCleanup, SCHEMA, service, startGateway, tempDir } from './harness';
import { checkActionInput } from '../../../main/core/account/action-validation';
import { RequestCounter } from '../../../main/core/account/request-counter';
import { openStore } from '../../../main/core/store/open-store';
import { inCliWords } from '../../../main/cli/cli-words';

/** A webhook that answers every request with `status` (Flowent's registration check included). */
async function webhook(status: number): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ result: 'ok', error: '' })));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const input = (name: string, url: string) => ({
  name,
  description: 'Send an email',
  webhook_url: `${url}/actions/${name}`,
  json_schema: SCHEMA,
});

describe('Flowent action registry', () => {
  it('registers, lists, gets, updates and deletes', async () => {
    const gateway = await startGateway();
    const flowent = service(gateway);
    const url = await webhook(200);
    const registered = await flowent.register(input('send_email', url));
    expect(registered).toMatchObject({
      ok: true,
      value: { name: 'send_email', webhook_url: `${url}/actions/send_email`, json_schema: SCHEMA },
    });
    expect(await flowent.list()).toMatchObject({ ok: true, value: [{ name: 'send_email' }] });
    expect(await flowent.get('send_email')).toMatchObject({ ok: true, value: { description: 'Send an email' } });
    expect(await flowent.update('send_email', { description: 'Send a mail' })).toMatchObject({
      ok: true,
      value: { description: 'Send a mail' },
    });
    expect(await flowent.delete('send_email')).toEqual({ ok: true, value: { message: 'Action deleted successfully' }, warnings: [] });
    expect(gateway.stored()).toEqual([]);
  });

  it('refuses what Flowent would refuse before sending anything, every problem at once', async () => {
    const gateway = await startGateway();
    const flowent = service(gateway);
    const refused = await flowent.register({
      name: 'Send-Email',
      description: '',
      webhook_url: 'not a url',
      json_schema: { type: 'banana' },
    });
    expect(refused.ok).toBe(false);
    const message = refused.ok ? '' : inCliWords(refused);
    expect(message).toContain('"Send-Email" is not an action name');
    expect(message).toContain('description must be 1-500 characters');
    expect(message).toContain('webhook_url must be an absolute URL');
    // The value and the names allowed, once: not Ajv's three readings of `type` ("data/type must be ...").
    expect(message).toContain(
      'json_schema is not a valid JSON Schema: json_schema.type must be one of "array", "boolean", "integer", "null", "number", "object", "string", not "banana".',
    );
    expect(await flowent.update('send_email', { description: 'x'.repeat(501) })).toMatchObject({
      ok: false,
      code: 'flowent-invalid-input',
    });
    expect(await flowent.get('BAD NAME')).toMatchObject({ ok: false, code: 'flowent-invalid-input' });
    expect(gateway.requests).toEqual([]);
  });

  it('warns (without blocking) about an http webhook on a production Gateway', () => {
    expect(checkActionInput(input('send_email', 'http://example.com'), { partial: false, production: true })).toEqual({
      problems: [],
      warnings: [expect.stringContaining('plain http: Flowent asks for https in production')],
    });
    expect(checkActionInput(input('send_email', 'https://example.com'), { partial: false, production: true }).warnings).toEqual([]);
    expect(checkActionInput(input('send_email', 'http://example.com'), { partial: false, production: false }).warnings).toEqual([]);
  });

  it('the stand-in answers bad input as Flowent documents it: 400 with error and details', async () => {
    const gateway = await startGateway();
    const exchange = await fetch(`${gateway.baseUrl}/token/exchange`, {
      method: 'POST',
      body: JSON.stringify({ api_token: 'api_test_token' }),
    });
    const { jwt_token: jwt } = (await exchange.json()) as { jwt_token: string };
    const response = await fetch(`${gateway.baseUrl}/actions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${jwt}` },
      body: JSON.stringify({ name: 'x' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'Invalid request format', details: "Field 'description' is required" });
  });

  it('puts 400 (with details), 404 and 409 in words', async () => {
    const gateway = await startGateway();
    const flowent = service(gateway);
    const url = await webhook(200);
    expect((await flowent.register(input('send_email', url))).ok).toBe(true);
    const conflict = await flowent.register(input('send_email', url));
    expect(conflict).toMatchObject({
      ok: false,
      code: 'flowent-action-exists',
      status: 409,
      action: 'send_email',
    });
    expect(conflict.ok ? '' : inCliWords(conflict)).toContain('An action "send_email" already exists on Flowent');
    expect(await flowent.get('nope')).toMatchObject({
      ok: false,
      code: 'flowent-action-not-found',
      status: 404,
      action: 'nope',
    });
    expect(await flowent.delete('nope')).toMatchObject({ ok: false, status: 404 });
    // The stand-in refuses a schema our local check lets through only when Flowent is stricter: use its action limit instead.
    const limited = await startGateway({ maxActions: 1 });
    const second = service(limited);
    expect((await second.register(input('one', url))).ok).toBe(true);
    expect(await second.register(input('two', url))).toMatchObject({
      ok: false,
      code: 'flowent-bad-request',
      status: 400,
      action: 'two',
      details: 'a tenant can register at most 1 actions',
    });
    const refused = await second.register(input('two', url));
    expect(refused.ok ? '' : inCliWords(refused)).toBe(
      'Flowent refused "two": action limit reached (a tenant can register at most 1 actions).',
    );
  });

  it('fails the registration with a clear message when the webhook answers 500', async () => {
    const gateway = await startGateway();
    const flowent = service(gateway);
    const url = await webhook(500);
    const failed = await flowent.register(input('send_email', url));
    expect(failed).toMatchObject({ ok: false, code: 'flowent-registration-check-failed', status: 400 });
    expect(failed.ok ? '' : inCliWords(failed)).toBe(
      `Flowent's registration check failed: your webhook at ${url}/actions/send_email returned status 500. ` +
        'Before registering, Flowent POSTs {"test": true} to the webhook_url and needs a 2xx answer: it was reached and answered 500, ' +
        'so make what answers there (your handler, or the companion\'s mock for the action) answer {"test": true} with a 2xx, then try again.',
    );
    expect(gateway.stored()).toEqual([]);
  });

  it('counts requests per hour across runs and warns near the limit', async () => {
    const store = openStore({ dataDir: tempDir() });
    if (!store.ok) throw new Error(JSON.stringify(store));
    onCleanup(store.value.close);
    const settings = store.value.settings.scope('flowent');
    let now = 1_000_000;
    const counter = new RequestCounter(settings, 'default', () => now);
    for (let i = 0; i < 899; i++) expect(counter.record()).toBeNull();
    expect(counter.record()).toBe("900 of Flowent's 1000 Gateway requests per hour used from this machine.");
    for (let i = 0; i < 100; i++) counter.record();
    expect(counter.record()).toMatch(/^1001 Gateway requests .* over Flowent's limit of 1000/);
    // Another run on the same settings sees the same count; an hour later it is gone.
    expect(new RequestCounter(settings, 'default', () => now).count()).toBe(1001);
    now += 3_600_001;
    expect(counter.count()).toBe(0);
  });
});
