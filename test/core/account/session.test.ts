import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { inCliWords } from '../../../main/cli/cli-words';
import { onCleanup, service, startGateway } from './harness';

describe('Flowent session (token exchange)', () => {
  it('exchanges the API token once, keeps the JWT in memory and knows when it expires', async () => {
    const gateway = await startGateway();
    const flowent = service(gateway);
    expect(flowent.expiresAt()).toBeNull();
    const before = Date.now();
    expect((await flowent.list()).ok).toBe(true);
    expect((await flowent.list()).ok).toBe(true);
    expect(gateway.exchanges).toBe(1);
    const expiresAt = flowent.expiresAt() ?? 0;
    expect(expiresAt).toBeGreaterThanOrEqual(before + 86_400_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 86_400_000);
  });

  it('exchanges again shortly before the JWT expires', async () => {
    const gateway = await startGateway({ jwtLifetimeSeconds: 1 });
    const flowent = service(gateway);
    expect((await flowent.list()).ok).toBe(true);
    const first = flowent.expiresAt();
    await new Promise((resolve) => setTimeout(resolve, 950));
    expect((await flowent.list()).ok).toBe(true);
    expect(gateway.exchanges).toBe(2);
    expect(flowent.expiresAt()).toBeGreaterThan(first ?? Infinity);
    // Renewed ahead of time: the stand-in never had to refuse an expired JWT.
    expect(gateway.requests.filter((request) => request.status === 401)).toEqual([]);
  });

  it('on a 401 mid-session exchanges once more and retries the request once', async () => {
    const gateway = await startGateway();
    const flowent = service(gateway);
    expect((await flowent.list()).ok).toBe(true);
    gateway.revokeSessions();
    const listed = await flowent.list();
    expect(listed.ok).toBe(true);
    expect(gateway.exchanges).toBe(2);
    expect(gateway.requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
      'POST /api/v1/gateway/token/exchange 200',
      'GET /api/v1/gateway/actions 200',
      'GET /api/v1/gateway/actions 401',
      'POST /api/v1/gateway/token/exchange 200',
      'GET /api/v1/gateway/actions 200',
    ]);
  });

  it('says in words when the API token is rejected, without retrying forever', async () => {
    const gateway = await startGateway();
    const flowent = service(gateway, { token: 'api_revoked' });
    const listed = await flowent.list();
    expect(listed).toMatchObject({ ok: false, code: 'flowent-api-token-rejected', profile: 'default', variable: 'FLOWENT_API_TOKEN' });
    expect(listed.ok ? '' : inCliWords(listed)).toBe(
      'Flowent rejected the API token. Create a new one in Gateway Management (Flowent admin panel) and set FLOWENT_API_TOKEN.',
    );
    expect(gateway.requests).toHaveLength(1);
  });

  it('names the variable to set when there is no token, and a Gateway that cannot be reached', async () => {
    const gateway = await startGateway();
    expect(await service(gateway, { token: null }).list()).toMatchObject({
      ok: false,
      code: 'flowent-no-api-token',
      variable: 'FLOWENT_API_TOKEN',
    });
    expect(gateway.requests).toHaveLength(0);
    const base = gateway.baseUrl;
    await gateway.stop();
    const offline = await service(gateway).list();
    expect(offline).toMatchObject({ ok: false, code: 'flowent-unreachable', baseUrl: base });
  });

  it('says a Gateway failing the token exchange (5xx) failed, and not that the token may be wrong; a 429 is the rate limit', async () => {
    let status = 503;
    const failing = createServer((_request, response) => {
      const error = status === 429 ? 'Rate limit exceeded' : 'service unavailable';
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error }));
    });
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    onCleanup(() => new Promise<void>((resolve) => failing.close(() => resolve())));
    const baseUrl = `http://127.0.0.1:${(failing.address() as AddressInfo).port}/api/v1/gateway`;
    const flowent = service(await startGateway(), { env: { FLOWENT_BASE_URL: baseUrl } });
    const failed = await flowent.list();
    expect(failed).toMatchObject({ ok: false, code: 'flowent-server-error', status: 503, baseUrl });
    expect(failed.ok ? '' : inCliWords(failed)).toBe(
      `The Flowent Gateway at ${baseUrl} failed (HTTP 503: service unavailable). Try again later.`,
    );
    status = 429;
    expect(await flowent.list()).toMatchObject({ ok: false, code: 'flowent-rate-limited', status: 429 });
  });

  it('keeps one session per profile, each with its own token', async () => {
    const production = await startGateway({ apiTokens: { api_prod: 'tenant-p' } });
    const staging = await startGateway({ apiTokens: { api_staging: 'tenant-s' } });
    const flowent = service(production, {
      token: 'api_prod',
      env: { FLOWENT_BASE_URL: production.baseUrl, FLOWENT_API_TOKEN: 'api_prod', FLOWENT_API_TOKEN_STAGING: 'api_staging' },
    });
    expect(flowent.profiles.save({ name: 'staging', baseUrl: staging.baseUrl }).ok).toBe(true);
    expect((await flowent.list()).ok).toBe(true);
    expect(flowent.profiles.setActive('staging').ok).toBe(true);
    expect(flowent.profile()).toEqual({ name: 'staging', baseUrl: staging.baseUrl });
    expect((await flowent.list()).ok).toBe(true);
    expect([production.exchanges, staging.exchanges]).toEqual([1, 1]);
  });
});
