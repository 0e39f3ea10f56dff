import { mkdirSync, writeFileSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../../main/contract/api';
import type { InspectorServer } from '../../../main/transports/inspector/inspector-server';
import { loadOrCreateInspectorToken } from '../../../main/transports/inspector/inspector-token';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { startInspectorFor } from '../../helpers/inspector';
import { startCore, type RunningCore } from '../../helpers/running-core';
import { makeTempDir } from '../../helpers/temp-dir';

const TOKEN = 'x'.repeat(40);
let running: RunningCore | null = null;
let inspector: InspectorServer | null = null;
let base = '';
const dirs: { remove: () => void }[] = [];

afterEach(async () => {
  await inspector?.stop();
  await running?.close();
  dirs.splice(0).forEach((dir) => dir.remove());
  inspector = null;
  running = null;
});

async function startInspector(rendererDir: string | null = null) {
  running = await startCore({ key: 'k' });
  const started = await startInspectorFor(running, TOKEN, rendererDir);
  inspector = started.inspector;
  base = `http://127.0.0.1:${started.port}`;
  expect(started.url).toBe(`${base}/#token=${TOKEN}`);
  return running;
}

const callApi = (method: string, args: unknown[], headers: Record<string, string> = {}) =>
  fetch(`${base}/api/call/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(args),
  });

/** A request with a Host header of our choosing (fetch does not allow setting it). */
function rawGet(path: string, headers: Record<string, string>): Promise<number> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: url.port, path, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('inspector API', () => {
  it('carries the contract over HTTP with the token', async () => {
    const core = await startInspector();
    await core.post('/actions/send_email', signedBody(flowentPayload('send_email'), 'k'));
    const status = await (await callApi('getStatus', [])).json();
    expect(status).toMatchObject({ ok: true, value: { mode: 'headless', hmacKey: { set: true, source: 'environment' } } });
    expect(JSON.stringify(status)).not.toContain('"k"');
    const page = (await (await callApi('listCalls', [{ limit: 10 }])).json()) as { value: { calls: { id: number; verdict: string }[] } };
    expect(page.value.calls.map((c) => c.verdict)).toEqual(['valid']);
    const detail = (await (await callApi('getCall', [page.value.calls[0]?.id])).json()) as {
      value: { signature: { styles: { canonical?: string }[] } };
    };
    expect(detail.value.signature.styles[0]?.canonical).toMatch(/^\{"action_name":"send_email"/);
  });

  it('refuses a missing or wrong token', async () => {
    await startInspector();
    expect((await callApi('getStatus', [], { authorization: '' })).status).toBe(401);
    const wrong = await callApi('getStatus', [], { authorization: `Bearer ${'y'.repeat(40)}` });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { message: string }).message).toMatch(/Inspector URL/);
    expect((await fetch(`${base}/api/events?token=nope`)).status).toBe(401);
  });

  it('refuses another Host (DNS rebinding) and another Origin (cross-site)', async () => {
    await startInspector();
    const port = new URL(base).port;
    expect(await rawGet(`/api/events?token=${TOKEN}`, { host: `evil.example:${port}` })).toBe(403);
    expect(await rawGet('/', { host: `evil.example:${port}` })).toBe(403);
    const crossSite = await callApi('getStatus', [], { origin: 'http://evil.example' });
    expect(crossSite.status).toBe(403);
    expect((await callApi('getStatus', [], { origin: base })).status).toBe(200);
  });

  it('rejects unknown methods and bad arguments with a message', async () => {
    await startInspector();
    expect((await callApi('dropDatabase', [])).status).toBe(404);
    const bad = await callApi('getCall', ['1; DROP TABLE calls']);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/getCall: `id` must be a call id/);
    const badFilter = await callApi('listCalls', [{ verdict: 'sort-of' }]);
    expect(((await badFilter.json()) as { message: string }).message).toMatch(/`verdict` must be one of/);
    const notJson = await fetch(`${base}/api/call/getStatus`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain' },
      body: '[]',
    });
    expect(notJson.status).toBe(415);
  });

  it('streams a hello, then core events in batches', async () => {
    const core = await startInspector();
    const response = await fetch(`${base}/api/events?token=${TOKEN}`);
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    let text = '';
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
    };
    await readUntil(/event: hello\ndata: \{"instance":"[0-9a-f-]{36}"\}\n\n/);
    await Promise.all(Array.from({ length: 20 }, (_, i) => core.post('/actions/burst', signedBody(flowentPayload('burst', { i }), 'k'))));
    await readUntil(/(data: \[.*\]\n\n[^]*){1}/);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await readUntil(/"call-stored"/);
    const batches = [...text.matchAll(/^data: (\[.*\])$/gm)].map((m) => JSON.parse(m[1] ?? '[]') as CoreEvent[]);
    const stored = batches.flat().filter((event) => event.type === 'call-stored');
    // 20 calls arrive in far fewer messages than 20.
    expect(batches.length).toBeLessThan(20);
    expect(stored.length).toBeGreaterThan(0);
    await reader.cancel();
  });
});

describe('inspector page', () => {
  it('serves the built renderer with security headers and nothing outside it', async () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const renderer = join(dir.path, 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Inspector</title>');
    writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir.path, 'secret.txt'), 'outside');
    await startInspector(renderer);
    const page = await fetch(`${base}/`);
    expect(await page.text()).toContain('<title>Inspector</title>');
    expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(`${base}/assets/app.js`)).headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${base}/..%2fsecret.txt`)).status).toBe(404);
    expect((await fetch(`${base}/assets/..%2f..%2fsecret.txt`)).status).toBe(404);
  });

  it('explains a missing build instead of failing', async () => {
    await startInspector(null);
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(503);
    expect(await page.text()).toMatch(/npm run build/);
  });
});

describe('inspector token', () => {
  it('is kept between runs in a file only this user can read', () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const first = loadOrCreateInspectorToken(dir.path);
    expect(first).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(loadOrCreateInspectorToken(dir.path)).toBe(first);
    expect(statSync(join(dir.path, 'inspector-token')).mode & 0o777).toBe(0o600);
  });
});
