// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import type { CoreEvent, DeliveredEvent } from '../../main/contract/api';
import { chooseBridge, readToken } from '../../renderer/src/transport/choose-bridge';
import { createHttpBridge, type EventSourceLike } from '../../renderer/src/transport/http-bridge';
import { FakeBridge, makeCall, summaryOf } from './fake-bridge';
import { renderApp, resetPage } from './harness/render';

afterEach(resetPage);

/** Stands for the browser's EventSource: the test plays the server's side of the stream. */
class FakeEventSource implements EventSourceLike {
  static last: FakeEventSource | null = null;
  listeners = new Map<string, ((e: MessageEvent<string>) => void)[]>();
  closed = false;
  readyState = 1;
  constructor(public url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(type: string, listener: (e: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
  }
  dispatch(type: string, data = ''): void {
    for (const l of this.listeners.get(type) ?? []) l(new MessageEvent(type, { data }));
  }
}

interface Request {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** Plays the headless server's /api/call side by forwarding to a FakeBridge (the core). */
function serverFetch(core: FakeBridge, requests: Request[], token = 'tok') {
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    const headers = init?.headers as Record<string, string>;
    const body = JSON.parse(String(init?.body)) as unknown[];
    requests.push({ url, method: init?.method ?? 'GET', headers, body });
    if (headers.Authorization !== `Bearer ${token}`) {
      // As the inspector answers a wrong token.
      return new Response(
        JSON.stringify({
          ok: false,
          code: 'token',
          message: 'Missing or wrong inspector token. Open the Inspector URL printed by "flowent-companion serve".',
        }),
        { status: 401 },
      );
    }
    const method = url.split('/api/call/')[1] as keyof FakeBridge;
    const fn = core[method] as unknown as (...args: unknown[]) => Promise<unknown>;
    try {
      const value = await fn.apply(core, body);
      return new Response(JSON.stringify({ ok: true, value }), { status: 200 });
    } catch (error) {
      return new Response(JSON.stringify({ ok: false, code: 'internal', message: (error as Error).message }), { status: 500 });
    }
  };
}

describe('createHttpBridge', () => {
  it('POSTs each method to /api/call/<name> with the bearer token and the arguments as a JSON array', async () => {
    const core = new FakeBridge([makeCall({ id: 5 })]);
    const requests: Request[] = [];
    const bridge = createHttpBridge('http://127.0.0.1:9000/', 'tok', { fetch: serverFetch(core, requests) });
    const page = await bridge.listCalls({ limit: 10, verdict: 'valid' });
    expect(page.calls.map((c) => c.id)).toEqual([5]);
    expect(requests[0]).toEqual({
      url: 'http://127.0.0.1:9000/api/call/listCalls',
      method: 'POST',
      headers: { Authorization: 'Bearer tok', 'Content-Type': 'application/json' },
      body: [{ limit: 10, verdict: 'valid' }],
    });
    await bridge.clearHmacKey();
    expect(requests[1]!.body).toEqual([]);
    expect(await bridge.getCall(99)).toBeNull();
    // A Result failure is a value, passed through untouched.
    core.status.canSetHmacKey = false;
    expect(await bridge.setHmacKey('k')).toMatchObject({ ok: false, code: 'key-from-environment' });
  });

  it('turns a transport error reply into an Error with its message', async () => {
    const bridge = createHttpBridge('http://x', 'wrong', { fetch: serverFetch(new FakeBridge(), []) });
    await expect(bridge.getStatus()).rejects.toThrow('Missing or wrong inspector token');
    const broken = createHttpBridge('http://x', 't', {
      fetch: async () => new Response('<html>gateway</html>', { status: 502 }),
    });
    await expect(broken.getStatus()).rejects.toThrow('getStatus failed with HTTP 502');
    const offline = createHttpBridge('http://x', 't', { fetch: async () => Promise.reject(new TypeError('Failed to fetch')) });
    await expect(offline.getStatus()).rejects.toThrow('Cannot reach the companion (Failed to fetch)');
  });

  it('shares one EventSource with the token in its URL and delivers batched events', () => {
    const bridge = createHttpBridge('http://h:1', 'a b', { fetch: fetch, createEventSource: (u) => new FakeEventSource(u) });
    const got: DeliveredEvent[][] = [];
    const off1 = bridge.onEvents((e) => got.push(e));
    const source = FakeEventSource.last!;
    const off2 = bridge.onConnection(() => {});
    expect(FakeEventSource.last).toBe(source);
    expect(source.url).toBe('http://h:1/api/events?token=a%20b');
    const events: CoreEvent[] = [{ type: 'history-cleared' }, { type: 'call-stored', call: summaryOf(makeCall({ id: 3 })) }];
    source.dispatch('message', JSON.stringify(events));
    source.dispatch('message', 'not json');
    expect(got).toEqual([events]);
    off1();
    expect(source.closed).toBe(false);
    off2();
    expect(source.closed).toBe(true);
  });

  it('reports the stream open on every hello, the first one too (the UI reads everything again each time)', () => {
    const bridge = createHttpBridge('http://h', 't', { fetch: fetch, createEventSource: (u) => new FakeEventSource(u) });
    const seen: unknown[] = [];
    bridge.onConnection((e) => seen.push(e));
    const source = FakeEventSource.last!;
    source.dispatch('hello', '{"instance":"a"}');
    source.readyState = 0;
    source.dispatch('error');
    source.readyState = 1;
    source.dispatch('hello', '{"instance":"a"}');
    source.dispatch('hello', '{"instance":"b"}');
    expect(seen).toEqual([{ type: 'open' }, { type: 'reconnecting' }, { type: 'open' }, { type: 'open' }]);
  });
});

describe('choosing a transport', () => {
  it('prefers the desktop bridge, else needs a token from the hash', () => {
    const desktop = new FakeBridge();
    expect(chooseBridge(desktop, 'http://h', '')).toBe(desktop);
    expect(chooseBridge(undefined, 'http://h', '')).toBeNull();
    expect(chooseBridge(undefined, 'http://h', '#token=abc')).not.toBeNull();
    expect(readToken('#token=abc&x=1')).toBe('abc');
    expect(readToken('#other=1')).toBeNull();
  });
});

describe('the inspector over HTTP', () => {
  it('shows a reconnecting banner on stream errors and refetches status, stats and the first page on hello', async () => {
    const core = new FakeBridge([makeCall({ id: 1 })]);
    const requests: Request[] = [];
    const bridge = createHttpBridge('http://127.0.0.1:9000', 'tok', {
      fetch: serverFetch(core, requests),
      createEventSource: (u) => new FakeEventSource(u),
    });
    renderApp(bridge);
    await waitFor(() => expect(document.querySelectorAll('[data-call-id]')).toHaveLength(1));
    const source = FakeEventSource.last!;
    const beforeStream = requests.length;
    expect(requests.map((r) => r.url.split('/').pop()).sort()).toEqual([
      'getAccount',
      'getStats',
      'getStatus',
      'listBulkReplays',
      'listCalls',
    ]);
    // A call stored between the first load and the stream's start: the first hello refetches, so it shows.
    core.store = [makeCall({ id: 1 }), makeCall({ id: 3 })];
    act(() => source.dispatch('hello', '{"instance":"one"}'));
    await waitFor(() => expect(document.querySelectorAll('[data-call-id]')).toHaveLength(2));
    await waitFor(() => expect(requests.length).toBe(beforeStream * 2));
    const initial = requests.length;

    act(() => source.dispatch('message', JSON.stringify([{ type: 'call-stored', call: summaryOf(makeCall({ id: 4 })) }])));
    await waitFor(() => expect(document.querySelectorAll('[data-call-id]')).toHaveLength(3));

    act(() => {
      source.readyState = 0;
      source.dispatch('error');
    });
    await screen.findByText('Connection to the companion lost: reconnecting…');

    // The core restarted with other calls: the hello makes the UI fetch everything again.
    core.store = [makeCall({ id: 40 }), makeCall({ id: 41 }), makeCall({ id: 42 })];
    act(() => source.dispatch('hello', '{"instance":"two"}'));
    expect(screen.queryByText('Connection to the companion lost: reconnecting…')).toBeNull();
    await waitFor(() =>
      expect([...document.querySelectorAll('[data-call-id]')].map((r) => r.getAttribute('data-call-id'))).toEqual(['42', '41', '40']),
    );
    const after = requests
      .slice(initial)
      .map((r) => r.url.split('/').pop())
      .sort();
    expect(after).toEqual(['getAccount', 'getStats', 'getStatus', 'listBulkReplays', 'listCalls']);
    expect(screen.getByLabelText('Call counts').textContent).toContain('3 calls');
  });

  it('says so when the stream is closed for good', async () => {
    const bridge = createHttpBridge('http://127.0.0.1:9000', 'tok', {
      fetch: serverFetch(new FakeBridge([]), []),
      createEventSource: (u) => new FakeEventSource(u),
    });
    renderApp(bridge);
    const source = FakeEventSource.last!;
    act(() => {
      source.readyState = 2;
      source.dispatch('error');
    });
    expect((await screen.findByText(/closed the live connection/)).textContent).toContain('Reload the page');
    expect(screen.queryByText(/reconnecting…/)).toBeNull();
  });

  it('shows the server message of a failed call in the error banner', async () => {
    const core = new FakeBridge([]);
    core.failNext.set('getStatus', 'the store is closed');
    const bridge = createHttpBridge('http://127.0.0.1:9000', 'tok', {
      fetch: serverFetch(core, []),
      createEventSource: (u) => new FakeEventSource(u),
    });
    renderApp(bridge);
    expect((await screen.findByRole('alert')).textContent).toContain('Could not load the companion status: the store is closed');
  });

  it('a refused token gets one screen that says what to do, not a banner per request', async () => {
    const core = new FakeBridge([makeCall({ id: 1 })]);
    const bridge = createHttpBridge('http://127.0.0.1:9000', 'wrong', {
      fetch: serverFetch(core, []),
      createEventSource: (u) => new FakeEventSource(u),
    });
    renderApp(bridge);
    await screen.findByRole('heading', { name: /access token is not accepted/ });
    expect(document.body.textContent).toContain('flowent-companion serve');
    expect(screen.queryAllByRole('alert')).toHaveLength(0);
    expect(document.body.textContent).not.toMatch(/not listening yet|Preparing a sample/);
  });
});

describe('createHttpBridge: answers and tunnel methods', () => {
  it('posts every new method with its arguments and hands back the core Result as is', async () => {
    const core = new FakeBridge([makeCall({ id: 1 })]);
    const requests: Request[] = [];
    const bridge = createHttpBridge('http://127.0.0.1:8787/', 'tok', { fetch: serverFetch(core, requests) });
    const text = '{"status": 200}';
    expect(await bridge.checkMock(text, 'json')).toMatchObject({ ok: true });
    const saved = await bridge.setMock('send_email', '{"status": 99}', 'json');
    expect(saved).toMatchObject({ ok: false, code: 'invalid-mock', errors: [{ path: 'status' }] });
    await bridge.setForwardTarget(null, 'http://localhost:8000/{action_name}');
    await bridge.setAnswerMode('send_email', null);
    await bridge.clearMock(null);
    await bridge.mockFromCall(1);
    expect((await bridge.getAnswerSettings()).mocks.map((m) => m.action)).toEqual(['send_email']);
    expect(await bridge.openTunnel()).toEqual({ ok: true, value: { url: core.tunnelUrl } });
    await bridge.closeTunnel();
    await bridge.setNgrokAuthtoken('t0k');
    await bridge.clearNgrokAuthtoken();
    await bridge.setListenOnAllInterfaces(true);
    expect(requests.map((r) => [r.url.replace('http://127.0.0.1:8787/api/call/', ''), r.body])).toEqual([
      ['checkMock', [text, 'json']],
      ['setMock', ['send_email', '{"status": 99}', 'json']],
      ['setForwardTarget', [null, 'http://localhost:8000/{action_name}']],
      ['setAnswerMode', ['send_email', null]],
      ['clearMock', [null]],
      ['mockFromCall', [1]],
      ['getAnswerSettings', []],
      ['openTunnel', []],
      ['closeTunnel', []],
      ['setNgrokAuthtoken', ['t0k']],
      ['clearNgrokAuthtoken', []],
      ['setListenOnAllInterfaces', [true]],
    ]);
  });
});
