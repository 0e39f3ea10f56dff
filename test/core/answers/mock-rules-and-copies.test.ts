import { describe, expect, it } from 'vitest';
import { coresClosedAfterEach, startCore } from '../../helpers/running-core';
import { makeTempDir } from '../../helpers/temp-dir';
import { openStoreReadOnly } from './stored-call';
import { call, setMock } from './signed-mock-calls';

const start = coresClosedAfterEach();

describe('mocks: rules, sequence, random', () => {
  it('picks the first response whose conditions hold, for every operator, else the fallback', async () => {
    const core = await start();
    await setMock(core, 'route_me', {
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
    await setMock(core, 'seq', sequence);
    await setMock(core, null, sequence);
    const results = async (action: string, n: number) => {
      const out: string[] = [];
      for (let i = 0; i < n; i++) out.push(((await call(core, action)).json as { result: string }).result);
      return out;
    };
    expect(await results('seq', 3)).toEqual(['one', 'two', 'one']);
    // Another action using the default has its own counter.
    expect(await results('other', 1)).toEqual(['one']);
    await setMock(core, 'seq', { ...sequence, responses: [...sequence.responses, { body: { result: 'three', error: '' } }] });
    expect(await results('seq', 4)).toEqual(['one', 'two', 'three', 'one']);
  });

  it('answers at random among the responses', async () => {
    const core = await start();
    await setMock(core, 'dice', { selection: 'random', responses: ['a', 'b', 'c'].map((result) => ({ body: { result, error: '' } })) });
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
    await setMock(core, 'send_email', {
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
    await setMock(core, 'send_email', {
      responses: [{ when: { path: 'parameters.never', exists: true }, body: { result: 'x', error: '' } }],
    });
    expect(await choice('send_email')).toEqual({ mock: 'action', response: { kind: 'built-in' } });
    await setMock(core, null, {
      selection: 'sequence',
      responses: ['one', 'two', 'three'].map((result) => ({ body: { result, error: '' } })),
    });
    await choice('other');
    await choice('other');
    expect(await choice('other')).toEqual({ mock: 'default', response: { kind: 'response', selection: 'sequence', index: 2, name: null } });
    // One answer and no rules (`status:`/`body:` alone): its only answer, not a fallback no rule held.
    await setMock(core, 'create_ticket', { status: 200, body: { result: 'created', error: '' } });
    expect(await choice('create_ticket')).toEqual({ mock: 'action', response: { kind: 'only', name: null } });
    // The same written in full, a fallback with no responses: still the only answer there is.
    await setMock(core, 'create_ticket', { responses: [], fallback: { name: 'always', body: { result: 'created', error: '' } } });
    expect(await choice('create_ticket')).toEqual({ mock: 'action', response: { kind: 'only', name: 'always' } });
    // A registration check gets the registration answer, not the mock: nothing to record.
    await call(core, 'other', {}, { test: true });
    const check = (await core.core.api.listCalls({ limit: 1 })).calls[0]!;
    expect(check.answeredBy).toBe('test-check');
    expect((await core.core.api.getCall(check.id))?.mockChoice).toBeNull();
  });

  it('uses the default mock for actions without their own, and clear goes back to the built-in', async () => {
    const core = await start();
    await setMock(core, null, { body: { result: 'default', error: '' } });
    expect((await call(core, 'anything')).json).toEqual({ result: 'default', error: '' });
    await core.core.api.clearMock(null);
    expect((await call(core, 'anything')).json).toEqual({ result: 'ok', error: '' });
  });
});

describe('mocks: registration checks, copies and restarts', () => {
  it('answers registration checks with the built-in success unless the mock opts in', async () => {
    const core = await start();
    await setMock(core, 'reg', { status: 503, body: { result: '', error: 'down' } });
    const check = () =>
      core.post('/actions/reg', JSON.stringify({ action_name: 'reg', parameters: {}, timestamp: 1645123456, test: true }));
    expect((await check()).json).toEqual({ result: 'Test successful for action: reg', error: '' });
    expect(openStoreReadOnly(core.dataDir).newest().answeredBy).toBe('test-check');
    await setMock(core, 'reg', { answerRegistrationCheck: true, status: 503, body: { result: '', error: 'down' } });
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
    await setMock(core, 'copy_me', { status: 202, headers: { 'X-Trace': 'abc' }, body: { result: 'has \\{{braces}}', error: '' } });
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
    await setMock(core, 'bad_result', { status: 200, body: { result: 5, error: '' } });
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
    await setMock(first, 'kept', { body: { result: 'still here', error: '' } });
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
