import { keyFingerprint } from '../../../main/core/replay/learned-style';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReplay } from '../../../main/core/replay';
import type { Har } from '../../../main/core/replay/har-export';
import { openStore, type Store } from '../../../main/core/store/open-store';
import { verify } from '../../../main/core/signature';
import { closedPort } from '../../helpers/handler-process';
import { rawRequest } from '../../helpers/raw-http';
import { makeTempDir } from '../../helpers/temp-dir';
import { KEY, startWorld, type ReplayWorld } from './harness';

/** har-schema ships JSON files and no types. */
const harSchema = createRequire(import.meta.url)('har-schema') as Record<string, Record<string, unknown>>;

function harValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addMetaSchema(draft06);
  for (const [name, schema] of Object.entries(harSchema)) {
    if (name !== 'har') ajv.addSchema(schema);
  }
  const validate = ajv.compile(harSchema.har!);
  return (doc: unknown) => ({ valid: validate(doc) as boolean, errors: ajv.errorsText(validate.errors) });
}

let world: ReplayWorld;

/** The selection's export, read back as the HAR document it is. */
const harOf = async (selection: Parameters<ReplayWorld['api']['exportHar']>[0]): Promise<Har> =>
  JSON.parse((await world.api.exportHar(selection)).text) as Har;
let fresh: { store: Store; remove: () => void } | null = null;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await fresh?.store.close();
  fresh?.remove();
  fresh = null;
  await world.close();
});

function freshHistory(key: string | null) {
  const dir = makeTempDir();
  const opened = openStore({ dataDir: dir.path });
  if (!opened.ok) throw new Error(JSON.stringify(opened));
  fresh = { store: opened.value, remove: dir.remove };
  const store = opened.value;
  return {
    store,
    api: createReplay({
      calls: () => store.calls,
      answers: () => store.answers,
      settings: () => store.settings,
      handlers: () => store.handlers.forKey(() => (key === null ? null : keyFingerprint(key))),
      hmacKey: () => key,
    }),
  };
}

describe('HAR export and import', () => {
  it('exports valid HAR 1.2 with verdicts in custom fields, credentials redacted, and imports back the same calls', async () => {
    const a = await world.send('ok', { name: 'Renée', html: '<b>' }, 'go');
    await world.running.post('/actions/error500', '{"action_name":"error500","parameters":{},"timestamp":1}', {
      'content-type': 'application/json',
      authorization: 'Bearer secret-token',
      'proxy-authorization': 'Basic c2VjcmV0',
    });
    const replayed = await world.api.replay(a);
    if (!replayed.ok) throw new Error(JSON.stringify(replayed));
    // A replay that got no answer (status 0) is valid HAR too.
    const unanswered = await world.api.replay(a, { target: `http://127.0.0.1:${await closedPort()}/actions/ok` });
    expect(unanswered).toMatchObject({ ok: true, value: { status: 0 } });

    const har = await harOf({ filter: {} });
    const validate = harValidator();
    // The validator is not a rubber stamp: an entry without its required parts fails.
    expect(validate({ log: { version: '1.2', creator: { name: 'x', version: '1' }, entries: [{ request: {} }] } }).valid).toBe(false);
    const check = validate(har);
    expect(check.errors).toBe('No errors');
    expect(check.valid).toBe(true);
    const text = JSON.stringify(har);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('secret-token');
    expect(text).not.toContain('c2VjcmV0');
    const entries = har.log.entries;
    expect(entries).toHaveLength(4);
    expect(entries[3]).toMatchObject({ response: { status: 0 }, _violations: [{ code: 'no-answer' }] });
    expect(entries[0]).toMatchObject({
      _verdict: 'valid',
      _style: 'go',
      _source: 'flowent',
      _violations: [],
      request: { method: 'POST', postData: { mimeType: 'application/json' } },
    });
    expect(entries[1]!.request.headers).toContainEqual({ name: 'authorization', value: '[redacted]' });
    expect(entries[1]).toMatchObject({ _verdict: 'missing', response: { status: 500 } });
    expect(entries[1]!._violations.map((v) => v.code)).toEqual(['not-2xx']);
    expect(entries[2]).toMatchObject({ _source: 'replay', _originalCallId: a });

    const target = freshHistory(KEY);
    const imported = await target.api.importHar(text);
    if (!imported.ok) throw new Error(JSON.stringify(imported));
    expect(imported.value).toMatchObject({ imported: 4, skipped: 0, problems: [] });
    const before = entries.map((e) => world.store.calls.get(e._callId)!);
    const after = imported.value.ids.map((id) => target.store.calls.get(id)!);
    const comparable = (call: (typeof before)[number]) => ({
      body: call.requestBody.toString('base64'),
      action: call.action,
      verdict: call.verdict,
      style: call.style,
      status: call.status,
      answer: call.response.body.toString('utf8'),
      receivedAt: call.receivedAt,
      violations: call.violations,
      failed: call.failed,
      handlerSignature: call.handlerSignature,
      handlerTarget: call.handlerTarget,
      forwardError: call.forwardError,
      mockChoice: call.mockChoice,
      remoteAddress: call.remoteAddress,
    });
    // The handler's verdicts on the signature, answered or not, travel with the calls.
    expect(before.map((call) => call.handlerSignature)).toEqual(['accepted', 'unknown', 'accepted', null]);
    // So do where a call came from and why its handler was not reached.
    expect(before.map((call) => call.remoteAddress)).toEqual(['127.0.0.1', '127.0.0.1', null, null]);
    expect(before[3]!.forwardError).toMatch(/refused the connection/);
    expect(after.map(comparable)).toEqual(before.map(comparable));
    // Flowent's calls come back as imported (not Flowent's traffic to this companion); replays stay replays.
    expect(before.map((call) => call.source)).toEqual(['flowent', 'flowent', 'replay', 'replay']);
    expect(after.map((call) => call.source)).toEqual(['import', 'import', 'replay', 'replay']);
  });

  it('redacts cookies and credential-like headers, in requests and answers, as Copy as cURL leaves them out', async () => {
    const credentials: Record<string, string> = {
      cookie: 'session=s3cr3t-cookie',
      'x-api-key': 'key-s3cr3t-1',
      'x-auth-token': 'tok-s3cr3t-2',
      'x-client-secret': 'sec-s3cr3t-3',
      authorization: 'Bearer s3cr3t-bearer',
    };
    const body = JSON.stringify({ action_name: 'ok', parameters: {}, timestamp: Math.floor(Date.now() / 1000) });
    await world.running.post('/actions/ok', body, { 'content-type': 'application/json', 'x-trace': 'kept', ...credentials });
    const id = world.store.calls.lastCallId();
    const har = await harOf({ ids: [id] });
    const text = JSON.stringify(har);
    for (const value of Object.values(credentials)) expect(text).not.toContain(value);
    const headers = har.log.entries[0]!.request.headers;
    for (const name of Object.keys(credentials)) expect(headers).toContainEqual({ name, value: '[redacted]' });
    expect(headers).toContainEqual({ name: 'x-trace', value: 'kept' });

    const curl = world.api.curlFor(id, { url: 'http://127.0.0.1:1/actions/ok' });
    if (!curl.ok) throw new Error(JSON.stringify(curl));
    for (const value of Object.values(credentials)) expect(curl.value).not.toContain(value);
    expect(curl.value).toContain('x-trace: kept');

    // An answer's Set-Cookie is redacted too.
    const mock = {
      selection: 'rules',
      responses: [],
      fallback: { when: [], status: 200, headers: { 'Set-Cookie': 'sid=answer-s3cr3t' }, body: { result: 'ok', error: '' } },
    };
    expect(await world.running.core.api.setMock('cookie', JSON.stringify(mock), 'json')).toMatchObject({ ok: true });
    expect(await world.running.core.api.setAnswerMode('cookie', 'mock')).toMatchObject({ ok: true });
    await world.running.post('/actions/cookie', body.replace('"ok"', '"cookie"'));
    const answer = (await harOf({ ids: [world.store.calls.lastCallId()] })).log.entries[0]!.response;
    expect(answer.headers).toContainEqual({ name: 'Set-Cookie', value: '[redacted]' });
  });

  // A shared secret in the webhook_url's query is a common way to guard a webhook: it stayed in clear in both.
  it("redacts a token in the call's query, in the HAR's url and queryString and in Copy as cURL, and keeps the rest", async () => {
    const body = JSON.stringify({ action_name: 'ok', parameters: {}, timestamp: Math.floor(Date.now() / 1000) });
    await world.running.post('/actions/ok?token=QSECRET1&api_key=QSECRET2&client_secret=QSECRET3&page=2', body, {
      'content-type': 'application/json',
    });
    const id = world.store.calls.lastCallId();
    const request = (await harOf({ ids: [id] })).log.entries[0]!.request;
    expect(JSON.stringify(request)).not.toMatch(/QSECRET/);
    expect(request.url).toMatch(/\/actions\/ok\?token=\[redacted\]&api_key=\[redacted\]&client_secret=\[redacted\]&page=2$/);
    expect(request.queryString).toEqual([
      { name: 'token', value: '[redacted]' },
      { name: 'api_key', value: '[redacted]' },
      { name: 'client_secret', value: '[redacted]' },
      { name: 'page', value: '2' },
    ]);

    const curl = await world.running.core.api.copyAsCurl(id, false);
    if (!curl.ok) throw new Error(JSON.stringify(curl));
    expect(curl.value).not.toMatch(/QSECRET/);
    expect(curl.value).toContain('/actions/ok?token=[redacted]&api_key=[redacted]&client_secret=[redacted]&page=2');
  });

  it('records where replays and simulated calls were sent as the request URL', async () => {
    const a = await world.send('ok', { a: 1 }, 'python');
    const replayed = await world.api.replay(a);
    if (!replayed.ok) throw new Error(JSON.stringify(replayed));
    const simulated = await world.api.simulate({ action: 'ok', parameters: { b: 2 } });
    if (!simulated.ok) throw new Error(JSON.stringify(simulated));
    const har = await harOf({ ids: [a, replayed.value.id, simulated.value.id] });
    const urls = har.log.entries.map((entry) => entry.request.url);
    expect(urls).toEqual([
      `http://127.0.0.1:${world.running.port}/actions/ok`,
      `http://127.0.0.1:${world.handler.port}/actions/ok`,
      `http://127.0.0.1:${world.handler.port}/actions/ok`,
    ]);
  });

  it('never writes a URL on another host than the Host header named', async () => {
    const body = JSON.stringify({ action_name: 'ok', parameters: {}, timestamp: Math.floor(Date.now() / 1000) });
    await rawRequest(
      world.running.port,
      `POST /actions/ok HTTP/1.1\r\nHost: 127.0.0.1:18787@attacker.example\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    const har = await harOf({ ids: [world.store.calls.lastCallId()] });
    expect(new URL(har.log.entries[0]!.request.url).hostname).not.toBe('attacker.example');
  });

  it('keeps whether a call came through the tunnel, and whether a forwarded registration check would have passed', async () => {
    // A registration check, forwarded to the handler (the world's default target), which accepts it.
    const check = await world.send('ok', {}, 'python', { test: true });
    // A call the tunnel brought in: the edge appended the caller to X-Forwarded-For.
    const body = Buffer.from(JSON.stringify({ action_name: 'ok', parameters: {}, timestamp: Math.floor(Date.now() / 1000) }));
    const receivedAt = Date.now();
    const [tunnelled] = world.store.calls.insert([
      {
        receivedAt,
        method: 'POST',
        path: '/actions/ok',
        remoteAddress: '127.0.0.1',
        viaTunnel: true,
        action: 'ok',
        test: false,
        requestHeaders: [
          ['content-type', 'application/json'],
          ['x-forwarded-for', '203.0.113.66, 198.51.100.7'],
        ],
        requestBody: body,
        bodySize: body.length,
        problem: null,
        problemMessage: null,
        signature: verify(body, KEY, { receivedAt }),
        answeredBy: 'mock',
        response: { status: 200, headers: [], body: Buffer.from('{"result":"ok","error":""}') },
        durationMs: 1,
        source: 'flowent',
        originalCallId: null,
      },
    ]);
    const har = await harOf({ ids: [check, tunnelled!] });
    expect(har.log.entries.map((entry) => [entry._registrationWouldPass, entry._viaTunnel])).toEqual([
      [true, false],
      [null, true],
    ]);

    const target = freshHistory(KEY);
    const imported = await target.api.importHar(JSON.stringify(har));
    if (!imported.ok) throw new Error(JSON.stringify(imported));
    const kept = (id: number) => {
      const call = target.store.calls.get(id)!;
      return { registrationWouldPass: call.registrationWouldPass, viaTunnel: call.viaTunnel };
    };
    expect(imported.value.ids.map(kept)).toEqual([
      { registrationWouldPass: true, viaTunnel: false },
      { registrationWouldPass: null, viaTunnel: true },
    ]);
  });

  it('keeps that a simulated call was spoiled on purpose, and only a call this companion sent', async () => {
    const spoiled = await world.api.simulate({ action: 'ok', parameters: { b: 2 }, wrongSignature: true });
    const signed = await world.api.simulate({ action: 'ok', parameters: { b: 3 } });
    if (!spoiled.ok || !signed.ok) throw new Error(JSON.stringify([spoiled, signed]));
    const har = await harOf({ ids: [spoiled.value.id, signed.value.id] });
    expect(har.log.entries.map((entry) => entry._spoiledSignature)).toEqual([true, false]);
    // A file that says a call of its own was spoiled, without saying this companion sent it, is not believed.
    const claimed = structuredClone(har.log.entries[0]!);
    claimed._source = 'import';
    har.log.entries.push(claimed);

    const target = freshHistory(KEY);
    const imported = await target.api.importHar(JSON.stringify(har));
    if (!imported.ok) throw new Error(JSON.stringify(imported));
    expect(
      imported.value.ids.map((id) => target.store.calls.get(id)).map((call) => [call?.source, call?.verdict, call?.spoiledSignature]),
    ).toEqual([
      ['simulator', 'invalid', true],
      ['import', 'invalid', false],
      ['simulator', 'valid', false],
    ]);
  });

  it('re-verifies imported calls with the current key', async () => {
    await world.send('ok', { a: 1 }, 'python');
    const har = (await world.api.exportHar({ filter: {} })).text;
    expect(await freshHistory('a-different-key').api.importHar(har)).toMatchObject({ ok: true });
    expect(fresh!.store.calls.list({}).calls[0]).toMatchObject({ verdict: 'invalid' });
  });

  it('imports a browser HAR: skips what is not a POST with a body, reports broken entries with where', async () => {
    const target = freshHistory(KEY);
    const browserHar = {
      log: {
        version: '1.2',
        creator: { name: 'Firefox', version: '140' },
        entries: [
          {
            startedDateTime: '2026-01-01T00:00:00.000Z',
            time: 5,
            request: { method: 'GET', url: 'https://example.com/', headers: [] },
            response: { status: 200, headers: [], content: { text: '<html>' } },
          },
          {
            startedDateTime: '2026-01-01T00:00:01.000Z',
            time: 12.5,
            request: {
              method: 'POST',
              url: 'https://hooks.example.com/actions/send_email',
              headers: [{ name: 'Content-Type', value: 'application/json' }],
              postData: { mimeType: 'application/json', text: '{"action_name":"send_email","parameters":{},"timestamp":1,"test":true}' },
            },
            response: { status: 200, headers: [], content: { mimeType: 'application/json', text: '{"result":"ok","error":""}' } },
          },
          { request: { method: 'POST', url: 'http://x/actions/a', headers: 'nope', postData: { text: '{}' } } },
        ],
      },
    };
    const imported = await target.api.importHar(JSON.stringify(browserHar));
    expect(imported).toMatchObject({
      ok: true,
      value: { imported: 1, skipped: 1, problems: [{ path: 'log.entries[2].request.headers' }] },
    });
    expect(target.store.calls.list({}).calls[0]).toMatchObject({
      action: 'send_email',
      test: true,
      verdict: 'unsigned-test',
      source: 'import',
      status: 200,
      durationMs: 12.5,
    });
  });

  it('says what is wrong with a file that is not a HAR', async () => {
    const { api } = freshHistory(KEY);
    // Why, in the words every editor of the app uses for a JSON mistake, with its place.
    expect(await api.importHar('{"log": ')).toEqual({
      ok: false,
      code: 'har-not-json',
      reason: 'the text ends before the JSON does (“}” missing) (line 1, column 9)',
    });
    // Empty is its own failure: JSON.parse's words for it ("Unexpected end of JSON input") say nothing useful.
    for (const empty of ['', ' \n\t', '\uFEFF', '\uFEFF\r\n']) expect(await api.importHar(empty)).toEqual({ ok: false, code: 'har-empty' });
    expect(await api.importHar('[]')).toEqual({ ok: false, code: 'not-har', missing: 'log' });
    expect(await api.importHar('{"log":{"entries":{}}}')).toEqual({ ok: false, code: 'not-har', missing: 'entries' });
  });
});
