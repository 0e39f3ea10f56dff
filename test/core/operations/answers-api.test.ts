import { afterEach, describe, expect, it } from 'vitest';
import { checkArgs } from '../../../main/core/operations/validate-args';
import { startCore, type RunningCore } from '../../helpers/running-core';

let running: RunningCore | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

const MOCK = JSON.stringify({ body: { result: 'mocked', error: '' } });

describe('the answers contract', () => {
  it('clears every mock, one route, and every route, announcing each change', async () => {
    running = await startCore();
    const { api } = running.core;
    await api.setMock('one', MOCK, 'json');
    await api.setMock(null, MOCK, 'json');
    expect(await api.clearAllMocks()).toEqual({ ok: true, value: { cleared: 2 } });
    expect((await api.getAnswerSettings()).mocks).toEqual([]);

    await api.setForwardTarget('one', 'http://127.0.0.1:9/actions/{action_name}');
    await api.setAnswerMode('two', 'mock');
    await api.setAnswerMode(null, 'forward');
    expect(await api.clearAnswerRoute('one')).toEqual({ ok: true, value: { cleared: true } });
    expect(await api.clearAnswerRoute('one')).toEqual({ ok: true, value: { cleared: false } });
    expect(await api.clearAnswerRoute('Bad-Name')).toMatchObject({ ok: false, code: 'invalid-action' });
    expect((await api.getAnswerSettings()).routes.map((route) => route.action).sort()).toEqual([null, 'two'].sort());
    expect(await api.clearAllAnswerRoutes()).toEqual({ ok: true, value: { cleared: 2 } });
    expect((await api.getAnswerSettings()).routes).toEqual([]);
    expect(running.events.filter((event) => event.type === 'answers-changed').length).toBeGreaterThanOrEqual(8);
  });

  it('checks the new methods’ arguments', () => {
    expect(checkArgs('clearAllMocks', []).ok).toBe(true);
    expect(checkArgs('clearAllMocks', [1]).ok).toBe(false);
    expect(checkArgs('clearAnswerRoute', [null]).ok).toBe(true);
    expect(checkArgs('clearAnswerRoute', ['ok']).ok).toBe(true);
    expect(checkArgs('clearAnswerRoute', ['Bad-Name']).ok).toBe(false);
    expect(checkArgs('clearAllAnswerRoutes', []).ok).toBe(true);
    expect(checkArgs('getAction', ['send_email']).ok).toBe(true);
    expect(checkArgs('getAction', ['Send Email']).ok).toBe(false);
    expect(checkArgs('linkAction', ['a', true]).ok).toBe(true);
    expect(checkArgs('linkAction', ['a', true, 'https://abc.ngrok.app']).ok).toBe(true);
    expect(checkArgs('linkAction', ['a', true, 5]).ok).toBe(false);
  });
});
