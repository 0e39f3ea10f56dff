import { describe, expect, it, vi } from 'vitest';
import { CallAnswerer } from '../../../main/core/answers/call-answerer';
import type { MockDefinition } from '../../../main/contract/api';
import { storesClosedAfterEach } from '../../helpers/stores-closed-after-each';

const stores = storesClosedAfterEach();

/** Two connections on one history file: the server's, and another process's (a `mocks` command). */
function twoConnections() {
  const dir = stores.freshDir();
  const server = stores.open(dir);
  const other = stores.open(dir);
  const answerer = new CallAnswerer({
    repository: () => server.answers,
    startupForwardTarget: null,
    forwardTimeoutMs: 1_000,
    fallbackToMock: false,
  });
  return { server, other, answerer };
}

const mock = (result: string): MockDefinition => ({
  selection: 'rules',
  responses: [],
  fallback: { when: [], status: 200, headers: {}, body: { result, error: '' }, delayMs: 0, fault: null },
  answerRegistrationCheck: false,
});
const resultOf = (answerer: CallAnswerer, action: string) =>
  (answerer.route(action).mock?.fallback?.body as { result?: string } | undefined)?.result ?? null;

describe('answerer: resolved routes are kept until a mock or route changes', () => {
  it('does not read the mocks and routes again while nothing changed', () => {
    const { server, answerer } = twoConnections();
    server.answers.setMock('greet', mock('one'));
    expect(resultOf(answerer, 'greet')).toBe('one');
    const reads = vi.spyOn(server.answers, 'getMockRow');
    const routeReads = vi.spyOn(server.answers, 'getRoute');
    for (let i = 0; i < 5; i++) expect(resultOf(answerer, 'greet')).toBe('one');
    expect(reads).not.toHaveBeenCalled();
    expect(routeReads).not.toHaveBeenCalled();
  });

  it('sees changes made through the same connection (the API, the renderer)', () => {
    const { server, answerer } = twoConnections();
    expect(answerer.route('greet')).toMatchObject({ mode: 'mock', mock: null });
    server.answers.setMock(null, mock('default'));
    expect(resultOf(answerer, 'greet')).toBe('default');
    server.answers.setMock('greet', mock('own'));
    expect(resultOf(answerer, 'greet')).toBe('own');
    server.answers.setRoute('greet', { target: 'http://127.0.0.1:9/actions/{action_name}', mode: 'forward' });
    expect(answerer.route('greet')).toMatchObject({ mode: 'forward', target: 'http://127.0.0.1:9/actions/{action_name}' });
    server.answers.setRoute('greet', { mode: 'mock' });
    expect(answerer.route('greet').mode).toBe('mock');
    server.answers.clearMock('greet');
    expect(resultOf(answerer, 'greet')).toBe('default');
    server.answers.clearAllMocks();
    expect(answerer.route('greet').mock).toBeNull();
  });

  it('sees changes committed by another connection, as the mocks and targets commands make them, from the next turn on', async () => {
    const { other, answerer } = twoConnections();
    const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
    expect(answerer.route('greet').mock).toBeNull();
    other.answers.setMock('greet', mock('from the command'));
    // Calls read in one turn share one look at the database.
    expect(answerer.route('greet').mock).toBeNull();
    await nextTurn();
    expect(resultOf(answerer, 'greet')).toBe('from the command');
    other.answers.setMock('greet', mock('changed again'));
    await nextTurn();
    expect(resultOf(answerer, 'greet')).toBe('changed again');
    other.answers.setRoute(null, { target: 'http://127.0.0.1:9/x' });
    await nextTurn();
    expect(answerer.route('greet')).toMatchObject({ mode: 'forward', target: 'http://127.0.0.1:9/x' });
    other.answers.clearAllRoutes();
    await nextTurn();
    expect(answerer.route('greet').mode).toBe('mock');
    other.answers.clearMock('greet');
    await nextTurn();
    expect(answerer.route('greet').mock).toBeNull();
  });
});
