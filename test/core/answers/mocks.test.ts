import { describe, expect, it, vi } from 'vitest';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { openSocket, readAll } from '../../helpers/raw-http';
import { coresClosedAfterEach, startCore, type RunningCore } from '../../helpers/running-core';
import { makeTempDir } from '../../helpers/temp-dir';
import { openStore } from '../../../main/core/store/open-store';
import { openStoreReadOnly } from './stored-call';

const KEY = 'test-key';
const start = coresClosedAfterEach();

const call = (core: RunningCore, action: string, parameters: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  core.post(`/actions/${action}`, signedBody(flowentPayload(action, parameters, extra), KEY));

/** Retries until `read` stops throwing: the row is committed by the writer thread, not at a known moment. */
async function eventually<T>(read: () => T, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return read();
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function set(core: RunningCore, action: string | null, definition: unknown) {
  const outcome = await core.core.api.setMock(action, JSON.stringify(definition), 'json');
  if (!outcome.ok) throw new Error(JSON.stringify(outcome));
  return outcome.value;
}

describe('mocks: templates', () => {
  it('renders the call into the body, with now, uuid, random and json helpers', async () => {
    const core = await start();
    await set(core, 'send_email', {
      status: 201,
      headers: { 'X-Mock': '{{action_name}}' },
      body: {
        result: 'Sent to {{parameters.recipient}} for {{action_name}} at {{timestamp}}',
        error: '',
        meta: '{{now}}|{{uuid}}|{{random 5 7}}',
      },
    });
    const answer = await call(core, 'send_email', { recipient: 'a"b@example.com' });
    expect(answer.status).toBe(201);
    const json = answer.json as { result: string; meta: string };
    expect(json.result).toMatch(/^Sent to a"b@example\.com for send_email at \d{10}$/);
    const [now, uuid, random] = json.meta.split('|');
    expect(Date.parse(now ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(['5', '6', '7']).toContain(random);
    expect((await core.core.api.getCall(1))?.answeredBy).toBe('mock');

    await set(core, 'send_email', { body: '{"result":{{json parameters.user.name}},"error":""}' });
    expect((await call(core, 'send_email', { user: { name: 'Zoë "Z"' } })).json).toEqual({ result: 'Zoë "Z"', error: '' });
  });

  it('renders a templated body for every call, and answers an edited fixed body from the next call on', async () => {
    const core = await start();
    await set(core, 'send_email', { body: { result: '{{uuid}}', error: '' } });
    const first = (await call(core, 'send_email')).json as { result: string };
    const second = (await call(core, 'send_email')).json as { result: string };
    expect(first.result).not.toBe(second.result);

    await set(core, 'send_email', { body: { result: 'fixed one', error: '' } });
    expect((await call(core, 'send_email')).json).toEqual({ result: 'fixed one', error: '' });
    expect((await call(core, 'send_email')).json).toEqual({ result: 'fixed one', error: '' });
    await set(core, 'send_email', { body: { result: 'fixed two', error: '' } });
    expect((await call(core, 'send_email')).json).toEqual({ result: 'fixed two', error: '' });
    await set(core, 'send_email', { body: 'plain text, no template' });
    expect((await call(core, 'send_email')).text).toBe('plain text, no template');
  });

  it("answers 500 in Flowent's shape when a template fails at run time, and records why", async () => {
    const core = await start();
    await set(core, 'send_email', { body: { result: 'Hi {{parameters.user.name}}', error: '' } });
    const answer = await call(core, 'send_email', { recipient: 'x' });
    expect(answer.status).toBe(500);
    expect(answer.json).toEqual({
      result: '',
      error: expect.stringMatching(
        /^Mock template failed: \{\{parameters\.user\.name\}\}: this call has no parameters\.user\.name \(template line 1/,
      ),
    });
    const stored = openStoreReadOnly(core.dataDir).newest();
    expect(stored).toMatchObject({ problem: 'mock-template-failed', answeredBy: 'mock', status: 500 });
    expect(stored.violations.map((v) => v.code)).toEqual(['not-2xx']);
  });

  it("refuses templates that do not compile, with the line and column in the mock's text", async () => {
    const core = await start();
    const text = JSON.stringify({ body: { result: 'line one\n{{#if parameters.x}}never closed', error: '{{nope 1}}' } });
    const outcome = await core.core.api.setMock('a', text, 'json');
    expect(outcome.ok).toBe(false);
    if (outcome.ok || outcome.code !== 'invalid-mock') throw new Error(JSON.stringify(outcome));
    // The template's second line is still the file's first: JSON writes the line break as \n.
    const nope = text.indexOf('{{nope') + 1;
    expect(outcome.errors).toEqual([
      expect.objectContaining({ path: 'body.result', line: 1, message: expect.stringMatching(/template syntax error.*\(line 1\)$/) }),
      expect.objectContaining({
        path: 'body.error',
        line: 1,
        column: nope,
        message: expect.stringMatching(new RegExp(`unknown helper "nope".*\\(line 1, column ${nope}\\)$`)),
      }),
    ]);
  });

  it('refuses {{random}} with numbers that fail every call, and keeps those read from the call', async () => {
    const core = await start();
    const refusal = async (template: string) => {
      const outcome = await core.core.api.setMock('a', JSON.stringify({ body: { result: template, error: '' } }), 'json');
      return outcome.ok ? null : outcome.code === 'invalid-mock' ? outcome.errors : outcome;
    };
    // The template starts at column 20 of {"body":{"result":"…
    expect(await refusal('n = {{random 1}}')).toEqual([
      {
        path: 'body.result',
        line: 1,
        column: 24,
        message: 'random needs two whole numbers, min then max (e.g. {{random 1 100}}), not only 1 (line 1, column 24)',
      },
    ]);
    const refusedWith = async (template: string) => ((await refusal(template)) as { message: string }[] | null)?.[0]?.message;
    expect(await refusedWith('{{random 5 1}}')).toMatch(/, not 5 1 \(line 1, column 20\)$/);
    expect(await refusedWith('{{random 1.5 3}}')).toMatch(/, not 1\.5 3 \(line 1, column 20\)$/);
    expect(await refusedWith('{{#if (random 1 2 3)}}x{{/if}}')).toMatch(/, not 1 2 3 \(line 1, column 26\)$/);
    expect(await refusedWith('{{random}}')).toMatch(/, not nothing \(line 1, column 20\)$/);
    expect(await refusal('{{random 1 100}}')).toBeNull();
    expect(await refusal('{{random parameters.low parameters.high}}')).toBeNull();
  });
});

describe('mocks: what templates cannot reach', () => {
  it("refuses Handlebars' log helper, its internal helpers and decorators, and never writes call data to the log", async () => {
    const core = await start();
    const logged: unknown[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args)),
    );
    try {
      for (const template of [
        '{{log parameters.secret}}',
        '{{log "x" level="error"}}',
        '{{#log parameters.secret}}x{{/log}}',
        '{{helperMissing parameters.secret}}',
        '{{#blockHelperMissing parameters}}x{{/blockHelperMissing}}',
        '{{#*inline "p"}}{{parameters.secret}}{{/inline}}',
      ]) {
        const outcome = await core.core.api.setMock('a', JSON.stringify({ body: { result: template, error: '' } }), 'json');
        expect(outcome.ok, template).toBe(false);
      }
      // A mock stored before these checks existed is refused when it answers, not run.
      const opened = openStore({ dataDir: core.dataDir });
      if (!opened.ok) throw new Error(JSON.stringify(opened));
      const stored = (await set(core, 'a', { body: { result: 'ok', error: '' } })).definition;
      opened.value.answers.setMock('a', {
        ...stored,
        fallback: { ...stored.fallback!, body: { result: '{{log parameters.secret}}', error: '' } },
      });
      opened.value.close();
      const answer = await call(core, 'a', { secret: 'do-not-log-me' });
      expect(answer.json).toEqual({ result: '', error: expect.stringMatching(/^Mock template failed: .*log/) });
      expect(JSON.stringify(logged)).not.toContain('do-not-log-me');
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('keeps the built-ins the documentation names: if, unless, each, with, lookup', async () => {
    const core = await start();
    set(core, 'a', {
      body:
        '{"result":"{{#if parameters.ok}}yes{{/if}}{{#unless parameters.no}}-no{{/unless}}{{#each parameters.list}}{{this}}{{/each}}' +
        '{{#with parameters}}{{name}}{{/with}}{{lookup parameters \'name\'}}","error":""}',
    });
    const answer = await call(core, 'a', { ok: true, no: false, list: [1, 2], name: 'n' });
    expect(answer.json).toEqual({ result: 'yes-no12nn', error: '' });
  });
});

describe('mocks: rules, sequence, random', () => {
  it('picks the first response whose conditions hold, for every operator, else the fallback', async () => {
    const core = await start();
    await set(core, 'route_me', {
      responses: [
        { name: 'vip', when: { path: 'parameters.user.email', contains: '@vip.example' }, body: { result: 'vip', error: '' } },
        { when: { path: '$.parameters.items[0].id', regex: '^A\\d+$' }, body: { result: 'regex', error: '' } },
        {
          when: [
            { path: 'parameters.country', equals: 'FR' },
            { path: 'parameters.vat', exists: true },
          ],
          body: { result: 'equals+exists', error: '' },
        },
        { when: { path: 'parameters.coupon', exists: false }, body: { result: 'no coupon', error: '' } },
        { when: { path: 'parameters.tags', contains: 'urgent' }, body: { result: 'list contains', error: '' } },
      ],
      fallback: { body: { result: 'fallback', error: '' } },
    });
    const result = async (parameters: Record<string, unknown>) =>
      ((await call(core, 'route_me', parameters)).json as { result: string }).result;
    expect(await result({ user: { email: 'amy@vip.example' } })).toBe('vip');
    expect(await result({ items: [{ id: 'A12' }], coupon: 'x' })).toBe('regex');
    expect(await result({ items: [{ id: 'B12' }], coupon: 'x' })).toBe('fallback');
    expect(await result({ country: 'FR', vat: null, coupon: 'x' })).toBe('equals+exists');
    expect(await result({ country: 'FR', coupon: 'x' })).toBe('fallback');
    expect(await result({})).toBe('no coupon');
    expect(await result({ tags: ['later', 'urgent'], coupon: 'x' })).toBe('list contains');
    expect(await result({ tags: ['urgently'], coupon: 'x' })).toBe('fallback');
  });

  it('answers in sequence per action, restarting when the mock changes', async () => {
    const core = await start();
    const sequence = { selection: 'sequence', responses: [{ body: { result: 'one', error: '' } }, { body: { result: 'two', error: '' } }] };
    await set(core, 'seq', sequence);
    await set(core, null, sequence);
    const results = async (action: string, n: number) => {
      const out: string[] = [];
      for (let i = 0; i < n; i++) out.push(((await call(core, action)).json as { result: string }).result);
      return out;
    };
    expect(await results('seq', 3)).toEqual(['one', 'two', 'one']);
    // Another action using the default has its own counter.
    expect(await results('other', 1)).toEqual(['one']);
    await set(core, 'seq', { ...sequence, responses: [...sequence.responses, { body: { result: 'three', error: '' } }] });
    expect(await results('seq', 4)).toEqual(['one', 'two', 'three', 'one']);
  });

  it('answers at random among the responses', async () => {
    const core = await start();
    await set(core, 'dice', { selection: 'random', responses: ['a', 'b', 'c'].map((result) => ({ body: { result, error: '' } })) });
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) seen.add(((await call(core, 'dice')).json as { result: string }).result);
    expect([...seen].sort()).toEqual(['a', 'b', 'c']);
  });

  it('records which mock and which of its answers answered: a named rule, a position, the fallback, a turn, the only answer, the built-in', async () => {
    const core = await start();
    const choice = async (action: string, parameters: Record<string, unknown> = {}) => {
      await call(core, action, parameters);
      const id = (await core.core.api.listCalls({ limit: 1 })).calls[0]!.id;
      return (await core.core.api.getCall(id))?.mockChoice;
    };
    // No mock at all: the built-in answer, said as such.
    expect(await choice('send_email')).toEqual({ mock: 'none', response: { kind: 'built-in' } });
    await set(core, 'send_email', {
      responses: [
        { name: 'vip customer', when: { path: 'parameters.vip', equals: true }, body: { result: 'vip', error: '' } },
        { when: { path: 'parameters.n', exists: true }, body: { result: 'n', error: '' } },
      ],
      fallback: { body: { result: 'fallback', error: '' } },
    });
    expect(await choice('send_email', { vip: true })).toEqual({
      mock: 'action',
      response: { kind: 'response', selection: 'rules', index: 0, name: 'vip customer' },
    });
    expect(await choice('send_email', { n: 1 })).toEqual({
      mock: 'action',
      response: { kind: 'response', selection: 'rules', index: 1, name: null },
    });
    expect(await choice('send_email')).toEqual({ mock: 'action', response: { kind: 'fallback', name: null } });
    // Rules that never hold and no fallback: the built-in answer, from the action's own mock.
    await set(core, 'send_email', { responses: [{ when: { path: 'parameters.never', exists: true }, body: { result: 'x', error: '' } }] });
    expect(await choice('send_email')).toEqual({ mock: 'action', response: { kind: 'built-in' } });
    await set(core, null, { selection: 'sequence', responses: ['one', 'two', 'three'].map((result) => ({ body: { result, error: '' } })) });
    await choice('other');
    await choice('other');
    expect(await choice('other')).toEqual({ mock: 'default', response: { kind: 'response', selection: 'sequence', index: 2, name: null } });
    // One answer and no rules (`status:`/`body:` alone): its only answer, not a fallback no rule held.
    await set(core, 'create_ticket', { status: 200, body: { result: 'created', error: '' } });
    expect(await choice('create_ticket')).toEqual({ mock: 'action', response: { kind: 'only', name: null } });
    // The same written in full, a fallback with no responses: still the only answer there is.
    await set(core, 'create_ticket', { responses: [], fallback: { name: 'always', body: { result: 'created', error: '' } } });
    expect(await choice('create_ticket')).toEqual({ mock: 'action', response: { kind: 'only', name: 'always' } });
    // A registration check gets the registration answer, not the mock: nothing to record.
    await call(core, 'other', {}, { test: true });
    const check = (await core.core.api.listCalls({ limit: 1 })).calls[0]!;
    expect(check.answeredBy).toBe('test-check');
    expect((await core.core.api.getCall(check.id))?.mockChoice).toBeNull();
  });

  it('uses the default mock for actions without their own, and clear goes back to the built-in', async () => {
    const core = await start();
    await set(core, null, { body: { result: 'default', error: '' } });
    expect((await call(core, 'anything')).json).toEqual({ result: 'default', error: '' });
    await core.core.api.clearMock(null);
    expect((await call(core, 'anything')).json).toEqual({ result: 'ok', error: '' });
  });
});

describe('mocks: faults', () => {
  it('delays without blocking other calls', async () => {
    const core = await start();
    await set(core, 'slow', { delayMs: 600 });
    const started = Date.now();
    let slowDone = false;
    const slow = call(core, 'slow').then((answer) => ((slowDone = true), answer));
    const fast = await call(core, 'fast');
    expect(fast.status).toBe(200);
    // Answered while the slow call is still held (however busy the machine is).
    expect(slowDone).toBe(false);
    expect((await slow).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(590);
  });

  it("holds a timeout past Flowent's limit, stores the call first, and stop() closes it", async () => {
    const core = await start();
    await set(core, 'stuck', { fault: 'timeout' });
    const pending = call(core, 'stuck').then(
      () => 'answered',
      () => 'closed',
    );
    // Stored before the hold (while the answer is still held), with the planned duration and the violation.
    const stored = await eventually(() => openStoreReadOnly(core.dataDir).newest());
    expect(stored).toMatchObject({ action: 'stuck', status: 200 });
    expect(stored.durationMs).toBeGreaterThanOrEqual(35_000);
    expect(stored.violations.map((v) => v.code)).toContain('too-slow');
    expect((await call(core, 'other')).status).toBe(200);
    const stopping = Date.now();
    await core.core.stop();
    expect(Date.now() - stopping).toBeLessThan(2_000);
    expect(await pending).toBe('closed');
  });

  it('drops the connection after storing the call', async () => {
    const core = await start();
    await set(core, 'drop_me', { fault: 'drop' });
    const body = signedBody(flowentPayload('drop_me'), KEY);
    const socket = await openSocket(core.port);
    const received = readAll(socket, 3_000);
    socket.write(
      `POST /actions/drop_me HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
    expect(await received).toBe('');
    const stored = openStoreReadOnly(core.dataDir).newest();
    expect(stored).toMatchObject({ action: 'drop_me', status: 0, answeredBy: 'mock' });
    expect(stored.violations.map((v) => v.code)).toEqual(['no-answer']);
  });

  it('answers a non-JSON body or a 500 on demand, and flags them', async () => {
    const core = await start();
    await set(core, 'html', { fault: 'non-json' });
    await set(core, 'boom', { fault: { type: 'error', message: 'payment provider down' } });
    const html = await call(core, 'html');
    expect(html.status).toBe(200);
    expect(html.text).toMatch(/^<html>/);
    expect(
      openStoreReadOnly(core.dataDir)
        .newest()
        .violations.map((v) => v.code),
    ).toEqual(['not-json']);
    const boom = await call(core, 'boom');
    expect(boom.status).toBe(500);
    expect(boom.json).toEqual({ result: '', error: 'payment provider down' });
    expect(
      openStoreReadOnly(core.dataDir)
        .newest()
        .violations.map((v) => v.code),
    ).toEqual(['not-2xx']);
  });

  it('flags a mock that breaks the contract in the words a developer acts on', async () => {
    const core = await start();
    await set(core, 'bad', { body: { result: 5, error: 'oops' } });
    await call(core, 'bad');
    expect(
      openStoreReadOnly(core.dataDir)
        .newest()
        .violations.map((v) => v.message),
    ).toEqual([
      'the mock answered 200 but `result` is a number; Flowent expects a string (use JSON.stringify for structured data).',
      'the mock answered 200 with a non-empty `error` ("oops"); on success `error` must be "" (or answer non-2xx for a failure).',
    ]);
  });
});

describe('mocks: registration checks, copies and restarts', () => {
  it('answers registration checks with the built-in success unless the mock opts in', async () => {
    const core = await start();
    await set(core, 'reg', { status: 503, body: { result: '', error: 'down' } });
    const check = () =>
      core.post('/actions/reg', JSON.stringify({ action_name: 'reg', parameters: {}, timestamp: 1645123456, test: true }));
    expect((await check()).json).toEqual({ result: 'Test successful for action: reg', error: '' });
    expect(openStoreReadOnly(core.dataDir).newest().answeredBy).toBe('test-check');
    await set(core, 'reg', { answerRegistrationCheck: true, status: 503, body: { result: '', error: 'down' } });
    expect((await check()).status).toBe(503);
    expect(openStoreReadOnly(core.dataDir).newest()).toMatchObject({ answeredBy: 'mock', test: true });
  });

  it("takes mock text in the contract's shapes (checkMock, setMock)", async () => {
    const core = await start();
    const { api } = core.core;
    expect(await api.checkMock('status: 200\nbody: {result: "{{uuid}}", error: ""}\n', 'yaml')).toMatchObject({
      ok: true,
      definition: { fallback: { status: 200 } },
    });
    expect(await api.checkMock('{"status": "x"}', 'json')).toMatchObject({ ok: false, errors: [{ path: 'status' }] });
    const saved = await api.setMock('texty', '{"body":{"result":"from text","error":""}}', 'json');
    expect(saved).toMatchObject({ ok: true, value: { action: 'texty' } });
    expect(core.events).toContainEqual({ type: 'answers-changed' });
    expect((await call(core, 'texty')).json).toEqual({ result: 'from text', error: '' });
    expect(await api.setMock('texty', 'status: 99', 'yaml')).toMatchObject({
      ok: false,
      code: 'invalid-mock',
      errors: [{ path: 'status', line: 1 }],
    });
  });

  it('makes a mock from a stored answer, which then answers the same', async () => {
    const core = await start();
    // The stored answer contains "{{braces}}": the copy must answer it literally, not as a template.
    await set(core, 'copy_me', { status: 202, headers: { 'X-Trace': 'abc' }, body: { result: 'has \\{{braces}}', error: '' } });
    await call(core, 'copy_me');
    const id = (await core.core.api.listCalls({ limit: 1 })).calls[0]!.id;
    const made = await core.core.api.mockFromCall(id);
    expect(made.ok).toBe(true);
    // Made, not written: it is shown as its definition, in JSON that saves back to the same mock.
    if (made.ok) {
      expect(made.value.format).toBe('json');
      expect(await core.core.api.checkMock(made.value.text, 'json')).toEqual({ ok: true, definition: made.value.definition, warnings: [] });
    }
    const again = await call(core, 'copy_me');
    expect(again.status).toBe(202);
    expect(again.json).toEqual({ result: 'has {{braces}}', error: '' });
    expect(await core.core.api.mockFromCall(9999)).toMatchObject({ ok: false, code: 'call-not-found' });
  });

  it('a mock made from an answer that breaks the contract is checked as one: the editor warns where it does', async () => {
    const core = await start();
    await set(core, 'bad_result', { status: 200, body: { result: 5, error: '' } });
    await call(core, 'bad_result');
    const id = (await core.core.api.listCalls({ limit: 1 })).calls[0]!.id;
    const made = await core.core.api.mockFromCall(id);
    if (!made.ok) throw new Error(made.code);
    expect(await core.core.api.checkMock(made.value.text, 'json')).toMatchObject({
      ok: true,
      warnings: [{ path: 'fallback.body.result', message: expect.stringContaining('`result` is a number; Flowent expects a string') }],
    });
  });

  it('keeps a mock as it was written, YAML comments and key order included, beside what it means', async () => {
    const core = await start();
    const yaml =
      '# Answers for VIPs first\nresponses:\n  - name: vip customer   # the rule people look for\n    when: {path: parameters.vip, equals: true}\n    body: {result: vip, error: ""}\nselection: rules\n';
    const saved = await core.core.api.setMock('send_email', yaml, 'yaml');
    expect(saved).toMatchObject({ ok: true, value: { text: yaml, format: 'yaml' } });
    const [stored] = (await core.core.api.getAnswerSettings()).mocks;
    expect(stored).toMatchObject({ action: 'send_email', text: yaml, format: 'yaml', definition: { selection: 'rules' } });
    expect(stored?.definition.responses[0]?.name).toBe('vip customer');
    const json = '{\n  "body": {"result": "json", "error": ""}\n}';
    await core.core.api.setMock('send_email', json, 'json');
    expect((await core.core.api.getAnswerSettings()).mocks[0]).toMatchObject({ text: json, format: 'json' });
  });

  it('keeps mocks and targets across a restart', async () => {
    const dir = makeTempDir();
    const first = await startCore({ dataDir: dir.path });
    await set(first, 'kept', { body: { result: 'still here', error: '' } });
    await first.core.api.setForwardTarget('elsewhere', 'http://127.0.0.1:9/x');
    await first.close();
    const second = await startCore({ dataDir: dir.path });
    try {
      expect((await call(second, 'kept')).json).toEqual({ result: 'still here', error: '' });
      expect(await second.core.api.getAnswerSettings()).toMatchObject({
        mocks: [expect.objectContaining({ action: 'kept' })],
        routes: [expect.objectContaining({ action: 'elsewhere', mode: 'forward', target: 'http://127.0.0.1:9/x' })],
      });
    } finally {
      await second.close();
      dir.remove();
    }
  });
});
