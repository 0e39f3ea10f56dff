import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStore, type Store } from '../../../main/core/store/open-store';
import { Responder } from '../../../main/core/answers/responder';
import type { MockDefinition } from '../../../main/contract/api';
import { makeTempDir } from '../../helpers/temp-dir';

const stores: Store[] = [];
const dirs: { remove(): void }[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  for (const dir of dirs.splice(0)) dir.remove();
});

/** Two connections on one history file: the server's, and another process's (a `mocks` command). */
function twoConnections() {
  const dir = makeTempDir();
  dirs.push(dir);
  const open = () => {
    const opened = openStore({ dataDir: dir.path });
    if (!opened.ok) throw new Error(opened.message);
    stores.push(opened.value);
    return opened.value;
  };
  const server = open();
  const other = open();
  const responder = new Responder({
    repository: () => server.respond,
    startupForwardTarget: null,
    forwardTimeoutMs: 1_000,
    fallbackToMock: false,
  });
  return { server, other, responder };
}

const mock = (result: string): MockDefinition => ({
  selection: 'rules',
  responses: [],
  fallback: { when: [], status: 200, headers: {}, body: { result, error: '' }, delayMs: 0, fault: null },
  answerRegistrationCheck: false,
});
const resultOf = (responder: Responder, action: string) =>
  (responder.route(action).mock?.fallback?.body as { result?: string } | undefined)?.result ?? null;

describe('responder: resolved routes are kept until a mock or route changes', () => {
  it('does not read the mocks and routes again while nothing changed', () => {
    const { server, responder } = twoConnections();
    server.respond.setMock('greet', mock('one'));
    expect(resultOf(responder, 'greet')).toBe('one');
    const reads = vi.spyOn(server.respond, 'getMockRow');
    const routeReads = vi.spyOn(server.respond, 'getRoute');
    for (let i = 0; i < 5; i++) expect(resultOf(responder, 'greet')).toBe('one');
    expect(reads).not.toHaveBeenCalled();
    expect(routeReads).not.toHaveBeenCalled();
  });

  it('sees changes made through the same connection (the API, the renderer)', () => {
    const { server, responder } = twoConnections();
    expect(responder.route('greet')).toMatchObject({ mode: 'mock', mock: null });
    server.respond.setMock(null, mock('default'));
    expect(resultOf(responder, 'greet')).toBe('default');
    server.respond.setMock('greet', mock('own'));
    expect(resultOf(responder, 'greet')).toBe('own');
    server.respond.setRoute('greet', { target: 'http://127.0.0.1:9/actions/{action_name}', mode: 'forward' });
    expect(responder.route('greet')).toMatchObject({ mode: 'forward', target: 'http://127.0.0.1:9/actions/{action_name}' });
    server.respond.setRoute('greet', { mode: 'mock' });
    expect(responder.route('greet').mode).toBe('mock');
    server.respond.clearMock('greet');
    expect(resultOf(responder, 'greet')).toBe('default');
    server.respond.clearAllMocks();
    expect(responder.route('greet').mock).toBeNull();
  });

  it('sees changes committed by another connection, as the mocks and targets commands make them, from the next turn on', async () => {
    const { other, responder } = twoConnections();
    const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
    expect(responder.route('greet').mock).toBeNull();
    other.respond.setMock('greet', mock('from the command'));
    // Calls read in one turn share one look at the database.
    expect(responder.route('greet').mock).toBeNull();
    await nextTurn();
    expect(resultOf(responder, 'greet')).toBe('from the command');
    other.respond.setMock('greet', mock('changed again'));
    await nextTurn();
    expect(resultOf(responder, 'greet')).toBe('changed again');
    other.respond.setRoute(null, { target: 'http://127.0.0.1:9/x' });
    await nextTurn();
    expect(responder.route('greet')).toMatchObject({ mode: 'forward', target: 'http://127.0.0.1:9/x' });
    other.respond.clearAllRoutes();
    await nextTurn();
    expect(responder.route('greet').mode).toBe('mock');
    other.respond.clearMock('greet');
    await nextTurn();
    expect(responder.route('greet').mock).toBeNull();
  });
});
