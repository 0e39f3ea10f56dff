// @vitest-environment happy-dom
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetch } from 'undici';
import { beforeEach, describe, expect, it } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import { API_METHODS, type CoreEvent, type DeliveredEvent, type PreloadBridge } from '../../../main/contract/api';
import { chooseBridge } from '../../../renderer/src/transport/choose-bridge';
import { hasPageRequests } from '../../../renderer/src/transport/connection';
import { createHttpBridge } from '../../../renderer/src/transport/http-bridge';
import { rotateInspectorTokenFile } from '../../../main/transports/inspector/inspector-token';
import { closedPort } from '../../helpers/handler-process';
import { callSummary } from '../call-summary';
import { INSPECTOR_TOKEN, useCompanion, type Companion } from '../harness/companion';
import { ScriptedEventSource } from '../harness/scripted-event-source';
import { renderApp } from '../harness/render';

/** Node's fetch: the page's global one here is happy-dom's, with a browser's CORS rules. */
const nodeFetch = fetch as unknown as typeof globalThis.fetch;

// The browser inspector's transport against the real inspector server over a real core, as
// `serve` runs them (the headless command: secrets from the environment).
const companion = useCompanion({ mode: 'headless' });

/** The browser bridge over the real inspector, with the stream's side played by the test. */
async function scriptedBridge(c: Companion, token = INSPECTOR_TOKEN) {
  return c.browserBridge({ token, createEventSource: (u) => new ScriptedEventSource(u), retryMs: 0 });
}

/** The stream the bridge has opened, once it has bought its ticket. */
async function openedSource(): Promise<ScriptedEventSource> {
  await waitFor(() => expect(ScriptedEventSource.last).not.toBeNull());
  return ScriptedEventSource.last!;
}

const ticketOf = (source: ScriptedEventSource) => new URL(source.url).searchParams.get('ticket');

beforeEach(() => {
  ScriptedEventSource.last = null;
});

const methodsCalled = (c: Companion, from = 0) => c.inspectorRequests.slice(from).map((r) => r.method);
const listedIds = () => [...document.querySelectorAll('[data-call-id]')].map((r) => Number(r.getAttribute('data-call-id')));

describe('createHttpBridge', () => {
  it('POSTs each method to /api/call/<name> with the bearer token and the arguments as a JSON array', async () => {
    const c = companion();
    await c.send('send_email');
    const bridge = await c.browserBridge();
    const page = await bridge.listCalls({ limit: 10, verdict: 'valid' });
    expect(page.calls.map((call) => call.id)).toEqual([1]);
    expect(c.inspectorRequests[0]).toMatchObject({
      url: `${c.inspectorUrl}/api/call/listCalls`,
      headers: { Authorization: `Bearer ${INSPECTOR_TOKEN}`, 'Content-Type': 'application/json' },
      args: [{ limit: 10, verdict: 'valid' }],
    });
    await bridge.getStatus();
    expect(c.inspectorRequests[1]!.args).toEqual([]);
    expect(await bridge.getCall(99)).toBeNull();
    // A Result failure is a value, passed through untouched.
    const refused = await bridge.setMock('send_email', '{"status": 99}', 'json');
    expect(refused).toEqual(await c.api.setMock('send_email', '{"status": 99}', 'json'));
    expect(refused.ok).toBe(false);
  });

  it('turns a transport error reply into an Error with its message', async () => {
    const c = companion();
    const wrong = await c.browserBridge({ token: 'wrong' });
    await expect(wrong.getStatus()).rejects.toThrow('Missing or wrong inspector token');
    // A proxy in front of the companion answering with a page of its own.
    const proxy = createServer((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<html>gateway</html>');
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const broken = createHttpBridge(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, 't', { fetch: nodeFetch });
      await expect(broken.getStatus()).rejects.toThrow('getStatus failed with HTTP 502');
      const offline = createHttpBridge(`http://127.0.0.1:${await closedPort()}`, 't', { fetch: nodeFetch });
      await expect(offline.getStatus()).rejects.toThrow(/^Cannot reach the companion \(/);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('shares one EventSource, opened with a single-use ticket bought with the token (never the token itself)', async () => {
    const c = companion();
    const bridge = await scriptedBridge(c);
    const got: DeliveredEvent[][] = [];
    const off1 = bridge.onEvents((e) => got.push(e));
    const off2 = bridge.onConnection(() => {});
    const source = await openedSource();
    expect(c.ticketRequests).toEqual([{ authorization: `Bearer ${INSPECTOR_TOKEN}` }]);
    expect(source.url.split('?')[0]).toBe(`${c.inspectorUrl}/api/events`);
    expect(ticketOf(source)).toMatch(/^[\w-]{16,}$/);
    expect(source.url).not.toContain(INSPECTOR_TOKEN);
    // The ticket the inspector sold opens its real stream.
    const stream = await fetch(source.url);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    await stream.body?.cancel();
    const events: CoreEvent[] = [{ type: 'history-cleared' }, { type: 'call-stored', call: callSummary({ id: 3 }) }];
    source.dispatch('message', JSON.stringify(events));
    source.dispatch('message', 'not json');
    expect(got).toEqual([events]);
    off1();
    expect(source.closed).toBe(false);
    off2();
    expect(source.closed).toBe(true);
  });

  it('reports the stream open on every hello, and reopens a broken stream with a new ticket', async () => {
    const c = companion();
    const bridge = await scriptedBridge(c);
    const seen: unknown[] = [];
    bridge.onConnection((e) => seen.push(e));
    const first = await openedSource();
    first.dispatch('hello', '{"instance":"a"}');
    first.dispatch('error');
    // The browser would retry with the spent ticket, which is refused: the bridge closes it and buys another.
    expect(first.closed).toBe(true);
    await waitFor(() => expect(ScriptedEventSource.last).not.toBe(first));
    const second = ScriptedEventSource.last!;
    expect(c.ticketRequests).toHaveLength(2);
    expect(ticketOf(second)).not.toBe(ticketOf(first));
    second.dispatch('hello', '{"instance":"b"}');
    expect(seen).toEqual([{ type: 'open' }, { type: 'reconnecting' }, { type: 'open' }]);
  });

  it('stops for good when the token is refused or replaced', async () => {
    const c = companion();
    const refused = await scriptedBridge(c, 'wrong');
    const refusals: unknown[] = [];
    refused.onConnection((e) => refusals.push(e));
    await waitFor(() => expect(refusals).toEqual([{ type: 'denied', message: expect.stringMatching(/wrong inspector token/) }]));
    expect(ScriptedEventSource.last).toBeNull();

    const bridge = await scriptedBridge(c);
    const seen: unknown[] = [];
    bridge.onConnection((e) => seen.push(e));
    const source = await openedSource();
    source.dispatch('token-rotated', '{}');
    source.dispatch('error');
    expect(source.closed).toBe(true);
    expect(seen).toEqual([{ type: 'rotated' }]);
    expect(c.ticketRequests.filter((t) => t.authorization === `Bearer ${INSPECTOR_TOKEN}`)).toHaveLength(1);
  });

  it('receives the real server-sent stream: a call stored by the core reaches the page', async () => {
    const c = companion();
    renderApp(await c.browserBridge());
    await waitFor(() => expect(methodsCalled(c)).toContain('listCalls'));
    await c.send('send_email');
    await waitFor(() => expect(listedIds()).toEqual([1]));
  });
});

describe('choosing a transport', () => {
  it('prefers the desktop bridge, else needs a token', async () => {
    const preload = {
      ...Object.fromEntries(API_METHODS.map((method) => [method, async () => ({ ok: true, value: `${method} value` })])),
      onEvents: () => () => {},
      onShowFailedCalls: () => () => {},
    } as unknown as PreloadBridge;
    const desktop = chooseBridge(preload, 'http://h', null);
    // The preload's replies, unwrapped: the page gets the value, not main's reply.
    await expect(desktop?.getStatus()).resolves.toBe('getStatus value');
    expect(desktop && hasPageRequests(desktop)).toBe(true);
    expect(chooseBridge(undefined, 'http://h', null)).toBeNull();
    expect(chooseBridge(undefined, 'http://h', 'abc')).not.toBeNull();
  });
});

describe('the inspector over HTTP', () => {
  it('shows a reconnecting banner on stream errors and refetches status, stats and the first page on hello', async () => {
    const c = companion();
    await c.send('send_email');
    renderApp(await scriptedBridge(c));
    await waitFor(() => expect(listedIds()).toEqual([1]));
    const source = await openedSource();
    const firstLoad = [
      'getAccount',
      'getProject',
      'getStats',
      'getStatus',
      'listBulkReplays',
      'listCalls',
      'listProbes',
      'listWaitingCalls',
    ];
    await waitFor(() => expect(methodsCalled(c).sort()).toEqual(firstLoad));
    const beforeStream = c.inspectorRequests.length;
    // A call stored between the first load and the stream's start: the first hello refetches, so it shows.
    await c.send('send_email');
    act(() => source.dispatch('hello', '{"instance":"one"}'));
    await waitFor(() => expect(listedIds()).toEqual([2, 1]));
    await waitFor(() => expect(c.inspectorRequests.length).toBe(beforeStream * 2));
    const initial = c.inspectorRequests.length;

    await c.send('send_email');
    const stored = (await c.api.listCalls({})).calls[0]!;
    act(() => source.dispatch('message', JSON.stringify([{ type: 'call-stored', call: stored }])));
    await waitFor(() => expect(listedIds()).toEqual([3, 2, 1]));

    act(() => source.dispatch('error'));
    await screen.findByText('Connection to the companion lost: reconnecting…');
    await waitFor(() => expect(ScriptedEventSource.last).not.toBe(source));

    // Meanwhile the history was cleared and other calls came: the hello makes the UI fetch everything again.
    await c.api.clearHistory();
    for (let n = 0; n < 3; n++) await c.send('create_ticket');
    const now = (await c.api.listCalls({})).calls.map((call) => call.id);
    act(() => ScriptedEventSource.last!.dispatch('hello', '{"instance":"two"}'));
    expect(screen.queryByText('Connection to the companion lost: reconnecting…')).toBeNull();
    await waitFor(() => expect(listedIds()).toEqual(now));
    await waitFor(() => expect(methodsCalled(c, initial).sort()).toEqual(firstLoad));
    expect(screen.getByLabelText('Call counts').textContent).toContain('3 calls');
  });

  it('says the token was changed when the real stream tells so (rotated as the command does), on one screen', async () => {
    const c = companion();
    renderApp(await c.browserBridge());
    // The first load, then the refetch the stream's hello starts: no request of the page is in flight.
    await waitFor(() => expect(methodsCalled(c).filter((m) => m === 'listCalls')).toHaveLength(2));
    await waitFor(() => {
      expect(methodsCalled(c).filter((m) => m === 'listBulkReplays')).toHaveLength(2);
      expect(c.inspectorRequests.every((r) => r.answered)).toBe(true);
    });
    rotateInspectorTokenFile(c.dataDir);
    await screen.findByRole('heading', { name: 'The access token was changed' });
    expect(document.body.textContent).toContain('inspector rotate-token');
    // What serve prints when its token changes: the advice names the line the user can find.
    expect(document.body.textContent).toContain('ends in (the access token was changed)');
    expect(document.body.textContent).not.toContain('printed when it started');
    expect(screen.queryByText(/reconnecting…/)).toBeNull();
  });

  it('says in one banner that the companion cannot be reached, what to do, and the last read that failed', async () => {
    const c = companion();
    const bridge = await scriptedBridge(c);
    // The companion went away between the page's load and its first reads: each of them fails.
    await c.stopInspector();
    renderApp(bridge);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/Last failed: Could not .*: Cannot reach the companion \(/));
    // On this page's port (not the default's here): as printed, serve listens where the page reconnects.
    expect(screen.getByRole('alert').textContent).toContain(`start flowent-companion serve --inspector-port ${window.location.port} again`);
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });

  it('a refused token gets one screen that says what to do, not a banner per request', async () => {
    const c = companion();
    await c.send('send_email');
    renderApp(await scriptedBridge(c, 'wrong'));
    await screen.findByRole('heading', { name: /access token is not accepted/ });
    expect(document.body.textContent).toContain('flowent-companion serve');
    expect(screen.queryAllByRole('alert')).toHaveLength(0);
    expect(document.body.textContent).not.toMatch(/not listening yet|Preparing a sample/);
  });
});

describe('createHttpBridge: answers and tunnel methods', () => {
  it('posts every method with its arguments and hands back the core Result as is', async () => {
    const c = companion();
    await c.send('send_email');
    const bridge = await c.browserBridge();
    const text = '{"status": 200}';
    expect(await bridge.checkMock(text, 'json')).toMatchObject({ ok: true });
    const saved = await bridge.setMock('send_email', '{"status": 99}', 'json');
    expect(saved).toMatchObject({ ok: false, errors: [{ path: 'status' }] });
    await bridge.setForwardTarget(null, 'http://localhost:8000/{action_name}');
    await bridge.setAnswerMode('send_email', null);
    await bridge.clearMock(null);
    await bridge.mockFromCall(1);
    expect((await bridge.getAnswerSettings()).mocks.map((m) => m.action)).toEqual(['send_email']);
    // No ngrok authtoken in this environment: the core refuses, and the refusal comes back as a value.
    const opened = await bridge.openTunnel();
    expect(opened.ok).toBe(false);
    await bridge.closeTunnel();
    await bridge.setNgrokAuthtoken('t0k');
    expect((await c.api.getStatus()).ngrokAuthtoken).toMatchObject({ set: true });
    await bridge.clearNgrokAuthtoken();
    await bridge.setListenOnAllInterfaces(true);
    expect((await c.api.getStatus()).listeningOnAllInterfaces).toBe(true);
    // No project folder is open: the actions as code are refused with the core's own failure.
    expect(await bridge.getProject()).toEqual({
      dir: null,
      problems: [],
      stale: [],
      answers: [],
      actions: [],
      versions: {},
      contractWarnings: [],
    });
    for (const ask of [
      (api: typeof c.api) => api.planActions(false),
      (api: typeof c.api) => api.applyActions(false),
      (api: typeof c.api) => api.pullActions(false, true),
    ]) {
      const refused = await ask(bridge);
      expect(refused).toEqual(await ask(c.api));
      expect(refused).toMatchObject({ ok: false, code: 'no-project' });
    }
    expect(c.inspectorRequests.map((r) => [r.method, r.args])).toEqual([
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
      ['getProject', []],
      ['planActions', [false]],
      ['applyActions', [false]],
      ['pullActions', [false, true]],
    ]);
  });
});
