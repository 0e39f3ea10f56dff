import { afterEach, describe, expect, it } from 'vitest';
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
});
