import { mkdirSync, writeFileSync, statSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../../main/contract/api';
import type { InspectorServer } from '../../../main/transports/inspector/inspector-server';
import { inspectorTokenFile, rotateInspectorTokenFile } from '../../../main/transports/inspector/inspector-token';
import { EventTickets, TICKET_TTL_MS } from '../../../main/transports/inspector/event-tickets';
import { bigHar } from '../../helpers/big-har';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { openEventStream, startInspectorFor } from '../../helpers/inspector';
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
    expect(await rawGet(`/api/events?ticket=x`, { host: `evil.example:${port}` })).toBe(403);
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
    // A range whose end is before its start is refused, not answered with an empty page.
    const inverted = await callApi('listCalls', [{ since: Date.UTC(2026, 0, 3), until: Date.UTC(2026, 0, 2) }]);
    expect(inverted.status).toBe(400);
    expect(await inverted.json()).toMatchObject({
      code: 'invalid-arguments',
      message: expect.stringMatching(/^listCalls: `until` .* is before `since` .*: the range ends before it starts/),
    });
    const notJson = await fetch(`${base}/api/call/getStatus`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain' },
      body: '[]',
    });
    expect(notJson.status).toBe(415);
  });

  it('streams a hello, then core events in batches', async () => {
    const core = await startInspector();
    const response = await openEventStream(base, TOKEN);
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

describe('HAR upload', () => {
  const upload = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/import-har`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
      body,
    });

  it('imports a HAR far over the API’s 64 KB bound, with its progress told as events', async () => {
    const core = await startInspector();
    const har = bigHar(3 * 1024 * 1024, 'k');
    const reply = (await (await upload(har.text)).json()) as { ok: boolean; value: { ok: boolean; value: { imported: number } } };
    expect(reply).toMatchObject({ ok: true, value: { ok: true, value: { imported: har.entries } } });
    expect((await core.core.api.getStats({})).total).toBe(har.entries);
    const progress = core.events.filter((event) => event.type === 'har-import-progress');
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toEqual({
      type: 'har-import-progress',
      stage: 'entries',
      done: har.entries,
      total: har.entries,
      imported: har.entries,
      skipped: 0,
      notFlowent: 0,
      broken: 0,
      duplicates: 0,
    });
    // Told slice by slice, never call by call: thousands of calls would be thousands of events.
    expect(core.events.filter((event) => event.type === 'call-stored')).toEqual([]);
    const wrong = (await (await upload('{"hello": 1}')).json()) as { value: { ok: boolean; code: string } };
    expect(wrong.value).toMatchObject({ ok: false, code: 'not-har' });
  });

  it('tells a page over its event stream that the file is being read, before the parse holds the core', async () => {
    await startInspector();
    const response = await openEventStream(base, TOKEN);
    const reader = response.body!.getReader();
    let text = '';
    const stages = () =>
      [...text.matchAll(/^data: (\[.*\])$/gm)]
        .flatMap((m) => JSON.parse(m[1] ?? '[]') as CoreEvent[])
        .flatMap((event) => (event.type === 'har-import-progress' ? [event.stage] : []));
    const readUntil = async (done: () => boolean) => {
      while (!done()) {
        const chunk = await reader.read();
        if (chunk.done) break;
        text += new TextDecoder().decode(chunk.value);
      }
    };
    await readUntil(() => text.includes('event: hello'));
    const har = bigHar(3 * 1024 * 1024, 'k');
    const reply = (await (await upload(har.text)).json()) as { value: { ok: boolean } };
    expect(reply.value.ok).toBe(true);
    await readUntil(() => stages().includes('entries'));
    await reader.cancel();
    // The stream's batches keep only the latest progress: told in the same turn as the parse, the
    // reading stage would have waited behind it and been replaced by the first slice's entries.
    expect(stages()[0]).toBe('reading');
    expect(
      stages()
        .slice(1)
        .every((stage) => stage === 'entries'),
    ).toBe(true);
  });

  it('keeps the API’s checks: the token, the Host and Origin, JSON, and a size limit', async () => {
    await startInspector();
    const har = bigHar(100_000, 'k').text;
    expect((await upload(har, { authorization: 'Bearer nope' })).status).toBe(401);
    expect((await upload(har, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await upload(har, { 'content-type': 'text/plain' })).status).toBe(415);
    const url = new URL(base);
    const tooLarge = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: url.port,
          path: '/api/import-har',
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'content-length': 65 * 1024 * 1024 },
        },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write('{"log":');
    });
    expect(tooLarge.status).toBe(413);
    // The command as it must be run: on this history, which is not in the default folder.
    expect(JSON.parse(tooLarge.body)).toMatchObject({
      code: 'too-large',
      message: `HAR imports here are at most 64 MB. Import it with the command, which takes any size: flowent-companion import <file> --data-dir ${running!.dataDir}`,
    });
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

  it('keeps the page itself out of the cache and its assets (named by their content) in it for good', async () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const renderer = join(dir.path, 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Inspector</title>');
    writeFileSync(join(renderer, 'assets', 'AnswersDialog-CmwBE2EL.js'), 'export {}');
    await startInspector(renderer);
    expect((await fetch(`${base}/`)).headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${base}/index.html`)).headers.get('cache-control')).toBe('no-store');
    const asset = await fetch(`${base}/assets/AnswersDialog-CmwBE2EL.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
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
    const first = inspectorTokenFile(dir.path).current();
    expect(first).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(inspectorTokenFile(dir.path).current()).toBe(first);
    expect(statSync(join(dir.path, 'inspector-token')).mode & 0o777).toBe(0o600);
  });

  it('follows a rotation made by another process', () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const token = inspectorTokenFile(dir.path);
    const first = token.current();
    const rotated = rotateInspectorTokenFile(dir.path);
    expect(rotated).not.toBe(first);
    expect(token.current()).toBe(rotated);
    expect(readFileSync(join(dir.path, 'inspector-token'), 'utf8').trim()).toBe(rotated);
  });

  it('is replaced from the page: the old token is refused at once and open streams are told', async () => {
    await startInspector();
    const stream = await openEventStream(base, TOKEN);
    const reader = stream.body!.getReader();
    const rotated = await fetch(`${base}/api/token/rotate`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    const reply = (await rotated.json()) as { ok: boolean; value: { token: string; url: string } };
    expect(reply.value.token).not.toBe(TOKEN);
    expect(reply.value.url).toBe(`${base}/#token=${reply.value.token}`);
    expect(rotated.headers.get('cache-control')).toBe('no-store');
    expect((await callApi('getStatus', [])).status).toBe(401);
    const withNew = await fetch(`${base}/api/call/getStatus`, {
      method: 'POST',
      headers: { authorization: `Bearer ${reply.value.token}`, 'content-type': 'application/json' },
      body: '[]',
    });
    expect(withNew.status).toBe(200);
    let text = '';
    for (let read = await reader.read(); !read.done; read = await reader.read()) text += new TextDecoder().decode(read.value);
    expect(text).toMatch(/event: token-rotated\n/);
  });

  it('is replaced by the rotate-token command: a running inspector refuses the old one and tells open pages', async () => {
    const core = await startInspector();
    const stream = await openEventStream(base, TOKEN);
    const reader = stream.body!.getReader();
    const rotated = rotateInspectorTokenFile(core.dataDir);
    expect((await callApi('getStatus', [])).status).toBe(401);
    const ticket = await fetch(`${base}/api/events/ticket`, { method: 'POST', headers: { authorization: `Bearer ${rotated}` } });
    expect(ticket.status).toBe(200);
    let text = '';
    for (let read = await reader.read(); !read.done; read = await reader.read()) text += new TextDecoder().decode(read.value);
    expect(text).toMatch(/event: token-rotated\n/);
  });
});

describe('event stream', () => {
  it('never takes the token in its URL: a single-use ticket opens it, with the security headers', async () => {
    await startInspector();
    expect((await fetch(`${base}/api/events?token=${TOKEN}`)).status).toBe(401);
    const bought = await fetch(`${base}/api/events/ticket`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    const { value } = (await bought.json()) as { value: { ticket: string } };
    expect(value.ticket).not.toContain(TOKEN);
    const controller = new AbortController();
    const stream = await fetch(`${base}/api/events?ticket=${value.ticket}`, { signal: controller.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(stream.headers.get('x-content-type-options')).toBe('nosniff');
    expect(stream.headers.get('x-frame-options')).toBe('DENY');
    expect(stream.headers.get('referrer-policy')).toBe('no-referrer');
    expect(stream.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    controller.abort();
    const again = await fetch(`${base}/api/events?ticket=${value.ticket}`);
    expect(again.status).toBe(401);
    expect(((await again.json()) as { message: string }).message).toMatch(/fresh ticket/);
  });

  it('refuses a ticket past its lifetime', () => {
    let now = 1_000;
    const tickets = new EventTickets(() => now);
    const late = tickets.issue();
    const fresh = tickets.issue();
    now += TICKET_TTL_MS;
    expect(tickets.redeem(late)).toBe(false);
    const inTime = tickets.issue();
    now += TICKET_TTL_MS - 1;
    expect(tickets.redeem(inTime)).toBe(true);
    expect(tickets.redeem(fresh)).toBe(false);
  });
});
