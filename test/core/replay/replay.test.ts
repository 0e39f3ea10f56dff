import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closedPort, rawHeader } from '../../helpers/handler-process';
import { sign } from '../../../main/core/signature';
import { rawRequest } from '../../helpers/raw-http';
import { inCliWords } from '../../../main/cli/cli-words';
import { independentlyMatchedStyles, KEY, startWorld, type ReplayWorld } from './harness';

let world: ReplayWorld;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

async function lastReceived() {
  const received = await world.handler.received();
  return received[received.length - 1]!;
}

describe('replay of a stored call', () => {
  it('as is: the original bytes and headers reach the handler, and the replay is stored as a new call', async () => {
    const id = await world.send('ok', { recipient: 'a@example.com', note: 'Ünïcode <b>' }, 'go');
    const original = await lastReceived();
    const replayed = await world.api.replay(id);
    if (!replayed.ok) throw new Error(JSON.stringify(replayed));
    const received = await world.handler.received();
    expect(received).toHaveLength(2);
    const again = received[1]!;
    expect(again.body.equals(original.body)).toBe(true);
    expect(again.body.equals(world.store.calls.get(id)!.requestBody)).toBe(true);
    expect(rawHeader(again.headers, 'content-type')).toEqual(['application/json']);
    expect(again.url).toBe('/actions/ok');

    const result = replayed.value;
    expect(result.id).toBeGreaterThan(id);
    expect(result).toMatchObject({
      originalId: id,
      mode: 'as-is',
      signedStyle: null,
      status: 200,
      verdict: 'passed',
      violations: [],
      originalViolations: [],
    });
    expect(result.diff.changed).toBe(false);
    expect(world.storedEvents).toEqual([result.id]);
    const stored = world.store.calls.get(result.id)!;
    expect(stored).toMatchObject({
      source: 'replay',
      originalCallId: id,
      status: 200,
      answeredBy: 'forward',
      verdict: 'valid',
      style: 'go',
      checked: true,
    });
    expect(stored.requestBody.equals(original.body)).toBe(true);
    expect(JSON.parse(stored.response.body.toString())).toEqual({ result: 'handled ok', error: '' });
  });

  it('re-signed: a fresh timestamp, signed with the current key in the learned style', async () => {
    // A call with non-ASCII text and unsorted keys, signed Go-style: only Go-family styles match it.
    // An old call (timestamp from 2022): re-signing must freshen it.
    const id = await world.send('ok', { zeta: 'Grüße & <tags>', alpha: 1 }, 'go', { timestamp: 1645123456 });
    await world.send('ok', { plain: 'ascii' }, 'go');
    // Learned from the first call only: every style signs the plain ASCII one alike.
    expect(world.api.styleInfo()).toMatchObject({ style: 'go', fromCalls: 2, toldApartBy: 1 });
    const before = Math.floor(Date.now() / 1000);
    const replayed = await world.api.replay(id, { mode: 'resign' });
    if (!replayed.ok) throw new Error(JSON.stringify(replayed));
    expect(replayed.value.signedStyle).toBe('go');
    const sent = (await world.handler.received())[2]!;
    const body = JSON.parse(sent.body.toString('utf8')) as { timestamp: number; parameters: unknown; signature: string };
    expect(body.timestamp).toBeGreaterThanOrEqual(before);
    expect(body.parameters).toEqual({ zeta: 'Grüße & <tags>', alpha: 1 });
    expect(independentlyMatchedStyles(sent.body, KEY)).toContain('go');
    expect(independentlyMatchedStyles(sent.body, KEY)).not.toContain('python');
    expect(world.store.calls.get(replayed.value.id)).toMatchObject({
      verdict: 'valid',
      source: 'replay',
      signature: { timestamp: { flag: 'ok' } },
    });
  });

  it('re-signed in a style the user picks', async () => {
    const id = await world.send('ok', { b: 'é', a: '<x>' }, 'go');
    const replayed = await world.api.replay(id, { mode: 'resign', style: 'python' });
    if (!replayed.ok) throw new Error(JSON.stringify(replayed));
    const sent = (await world.handler.received())[1]!;
    expect(independentlyMatchedStyles(sent.body, KEY)).toEqual(['python']);
  });

  it('edited: new parameters, re-signed', async () => {
    const id = await world.send('ok', { recipient: 'old@example.com' }, 'python');
    const replayed = await world.api.replay(id, { mode: 'edit', parameters: { recipient: 'new@example.com', count: 3 } });
    if (!replayed.ok) throw new Error(JSON.stringify(replayed));
    const sent = (await world.handler.received())[1]!;
    const body = JSON.parse(sent.body.toString('utf8')) as Record<string, unknown>;
    expect(body.parameters).toEqual({ recipient: 'new@example.com', count: 3 });
    expect(body.action_name).toBe('ok');
    expect(independentlyMatchedStyles(sent.body, KEY).length).toBeGreaterThan(0);
    expect(replayed.value.signatureVerdict).toBe('valid');
    const refused = await world.api.replay(id, { mode: 'edit', parameters: [1, 2] });
    expect(refused).toMatchObject({ ok: false, code: 'invalid-parameters' });
  });

  it("refuses edited parameters that make a call over Flowent's 1 MB, as the simulator does, and sends nothing", async () => {
    const id = await world.send('ok', { recipient: 'a@example.com' });
    const over = await world.api.replay(id, { mode: 'edit', parameters: { blob: 'é'.repeat(300_000) } });
    expect(over).toMatchObject({ ok: false, code: 'over-flowent-limit', limit: 1_048_576 });
    expect(!over.ok && over.code === 'over-flowent-limit' && over.size).toBeGreaterThan(1_048_576);
    expect((await world.handler.received()).length).toBe(1);
    expect(world.store.calls.lastCallId()).toBe(id);
  });

  it('diffs the new answer against the original: status, headers and body per line', async () => {
    const id = await world.send('ok', { x: 1 });
    const target = `http://127.0.0.1:${world.handler.port}/actions/error500`;
    const replayed = await world.api.replay(id, { target });
    if (!replayed.ok) throw new Error(JSON.stringify(replayed));
    const { diff, verdict, violations } = replayed.value;
    expect(verdict).toBe('failed');
    expect(violations.map((v) => v.code)).toEqual(['not-2xx']);
    expect(diff.status).toEqual({ before: 200, after: 500, changed: true });
    expect(diff.headers).toContainEqual({ name: 'x-handler', before: 'yes', after: null });
    expect(diff.body.json).toBe(true);
    expect(diff.body.lines).toContainEqual({ kind: 'removed', text: '  "result": "handled ok",' });
    expect(diff.body.lines).toContainEqual({ kind: 'added', text: '  "error": "database is down"' });
    expect(diff.body.lines.filter((l) => l.kind === 'same').map((l) => l.text)).toEqual(['{', '}']);

    const other = await world.api.replay(id, { target: `http://127.0.0.1:${world.handler.port}/actions/{action_name}_v2` });
    if (!other.ok) throw new Error(JSON.stringify(other));
    expect(other.value).toMatchObject({ verdict: 'changed', violations: [], url: `http://127.0.0.1:${world.handler.port}/actions/ok_v2` });
    expect(other.value.diff.status.changed).toBe(false);
  });

  it('goes to the handler the user chose, whatever Host the original caller sent', async () => {
    const payload = JSON.stringify({ action_name: 'ok', parameters: {}, timestamp: Math.floor(Date.now() / 1000) });
    const body = sign(payload, KEY, 'python').body;
    await rawRequest(
      world.running.port,
      `POST /actions/ok HTTP/1.1\r\nHost: 127.0.0.1:18787@attacker.example\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    const id = world.store.calls.lastCallId();
    for (const mode of ['as-is', 'resign'] as const) {
      const replayed = await world.api.replay(id, { mode });
      if (!replayed.ok) throw new Error(JSON.stringify(replayed));
      expect(replayed.value.url).toBe(`http://127.0.0.1:${world.handler.port}/actions/ok`);
      expect(replayed.value.status).toBe(200);
      const stored = world.store.calls.get(replayed.value.id)!;
      expect(stored.forwardTarget).toBe(replayed.value.url);
      expect(rawHeader(stored.requestHeaders.flat(), 'x-forwarded-host')).toEqual(['127.0.0.1:18787@attacker.example']);
    }
  });

  it('replays an imported call whose headers no HTTP client can send: they are left out and named in the record', async () => {
    const body = JSON.stringify({ action_name: 'ok', parameters: {}, timestamp: Math.floor(Date.now() / 1000) });
    const headers = [
      ['Content-Type', 'application/json'],
      ['Expect', '100-continue'],
      ['Transfer-Encoding', 'chunked'],
      ['Connection', 'Upgrade'],
      ['Upgrade', 'websocket'],
      ['Content-Length', '999'],
      ['bad header', 'x'],
      ['X-Injected', 'a\r\nX-Evil: 1'],
      ['X-Wide', 'π'],
      ['X-Ok', 'kept'],
    ].map(([name, value]) => ({ name, value }));
    const har = {
      log: {
        version: '1.2',
        entries: [
          {
            startedDateTime: new Date().toISOString(),
            request: { method: 'POST', url: 'http://h/actions/ok', headers, postData: { text: body } },
          },
        ],
      },
    };
    const imported = await world.api.importHar(JSON.stringify(har));
    if (!imported.ok) throw new Error(JSON.stringify(imported));
    const replayed = await world.api.replay(imported.value.ids[0]!);
    if (!replayed.ok) throw new Error(JSON.stringify(replayed));
    expect(replayed.value).toMatchObject({ status: 200, error: null });
    const got = await lastReceived();
    expect(rawHeader(got.headers, 'x-ok')).toEqual(['kept']);
    for (const name of ['expect', 'upgrade', 'x-injected', 'x-evil', 'x-wide', 'bad header'])
      expect(rawHeader(got.headers, name), name).toEqual([]);
    const stored = world.store.calls.get(replayed.value.id)!;
    expect(stored.problem).toBe('headers-dropped');
    expect(stored.problemMessage).toMatch(/"bad header" \(not a valid header name\), X-Injected \(its value .*\), X-Wide \(its value/);
    expect(stored.requestHeaders.map(([name]) => name)).not.toContain('bad header');
    // The replay's result says it too (the command prints it from there, without reading the call back).
    expect(replayed.value.notSent).toBe(stored.problemMessage);
  });

  it('an unreachable handler is a failed replay, stored with no answer', async () => {
    const id = await world.send('ok', {});
    const replayed = await world.api.replay(id, { target: `http://127.0.0.1:${await closedPort()}/actions/ok` });
    if (!replayed.ok) throw new Error(JSON.stringify(replayed));
    expect(replayed.value).toMatchObject({ verdict: 'failed', status: 0, notSent: null });
    expect(replayed.value.violations[0]?.code).toBe('no-answer');
    expect(replayed.value.error).toMatch(/refused/);
    expect(world.store.calls.get(replayed.value.id)).toMatchObject({ answeredBy: 'forward-error', status: 0, source: 'replay' });
  });

  it('refuses to replay a call whose body was refused unread (over the limit), instead of sending an empty body', async () => {
    const before = world.store.calls.lastCallId();
    const body = `{"action_name":"ok","parameters":{"x":"${'a'.repeat(1_100_000)}"}}`;
    const response = await world.running.post('/actions/ok', body);
    expect(response.status).toBe(413);
    const id = world.store.calls.lastCallId();
    expect(id).toBeGreaterThan(before);
    const replayed = await world.api.replay(id, { target: world.handler.target });
    expect(replayed).toMatchObject({ ok: false, code: 'body-not-stored', size: body.length });
    expect(await world.handler.received()).toEqual([]);
    expect(world.store.calls.lastCallId()).toBe(id);
  });

  it('refuses to fill {action_name} for a call that names no action, instead of sending it to a made-up one', async () => {
    const response = await world.running.post('/actions', '{"parameters":{},"timestamp":1}');
    expect(response.status).toBe(400);
    const id = world.store.calls.lastCallId();
    expect(world.store.calls.get(id)).toMatchObject({ action: null });
    const replayed = await world.api.replay(id, { target: world.handler.target });
    expect(replayed).toEqual({ ok: false, code: 'no-action-for-target', target: world.handler.target });
    if (replayed.ok) return;
    expect(inCliWords(replayed)).toBe(
      `This call names no action, so {action_name} in ${world.handler.target} cannot be filled. ` +
        "Pass --target <url> with the action's name in place of {action_name}.",
    );
    expect(await world.handler.received()).toEqual([]);
    expect(world.store.calls.lastCallId()).toBe(id);
    // A target without the placeholder needs no action.
    const plain = world.handler.target.replace('{action_name}', 'ok');
    expect(await world.api.replay(id, { target: plain })).toMatchObject({ ok: true, value: { url: plain } });
  });

  it('says what is missing: an unknown call, no key to re-sign with', async () => {
    expect(await world.api.replay(9999)).toMatchObject({ ok: false, code: 'call-not-found' });
    const keyless = await startWorld({ key: null });
    try {
      const id = await keyless.send('ok', {});
      expect(await keyless.api.replay(id, { mode: 'resign' })).toMatchObject({ ok: false, code: 'no-key' });
    } finally {
      await keyless.close();
    }
  });
});
