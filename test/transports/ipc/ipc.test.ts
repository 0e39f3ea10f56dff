import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  API_METHODS,
  IPC_EVENT_CHANNEL,
  IPC_READY_CHANNEL,
  ipcChannelFor,
  type CallSummary,
  type CompanionApi,
  type CoreEvent,
  type CoreStatus,
} from '../../../main/contract/api';
import { registerIpc, type IpcOptions } from '../../../main/transports/ipc/ipc';
import { createElectronStandIn, type FakeBrowserWindow } from '../../desktop/electron-stand-in';

const RENDERER = 'http://localhost:5173';

function call(id: number): CoreEvent {
  return { type: 'call-stored', call: { id } as CallSummary };
}
function status(port: number): CoreEvent {
  return { type: 'status-changed', status: { port } as CoreStatus };
}

function setup(options: Partial<IpcOptions> = {}) {
  const electron = createElectronStandIn();
  const win = new electron.FakeBrowserWindow({});
  let current: FakeBrowserWindow | null = win;
  const api = Object.fromEntries(API_METHODS.map((m) => [m, vi.fn(async () => `${m} result`)])) as unknown as {
    [M in keyof CompanionApi]: ReturnType<typeof vi.fn>;
  };
  const listeners = new Set<(event: CoreEvent) => void>();
  const warn = vi.fn();
  const registration = registerIpc(electron.module.ipcMain, api as unknown as CompanionApi, () => current, {
    subscribe: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    isRendererUrl: (url) => new URL(url).origin === RENDERER,
    warn,
    ...options,
  });
  const trusted = { sender: win.webContents, senderFrame: { url: `${RENDERER}/`, parent: null } };
  const invoke = (method: string, event: unknown, ...args: unknown[]) =>
    electron.module.ipcMain.invoke(ipcChannelFor(method as never), event, ...args);
  const emit = (event: CoreEvent) => listeners.forEach((l) => l(event));
  const ready = (event: unknown = trusted) => electron.module.ipcMain.emit(IPC_READY_CHANNEL, event);
  const batches = () => win.webContents.sent.filter(([ch]) => ch === IPC_EVENT_CHANNEL).map(([, events]) => events as CoreEvent[]);
  return {
    electron,
    win,
    api,
    warn,
    registration,
    trusted,
    invoke,
    emit,
    ready,
    batches,
    listeners,
    setWindow: (w: FakeBrowserWindow | null) => (current = w),
  };
}

describe('IPC handlers', () => {
  it('registers exactly one handler per API method', () => {
    const { electron } = setup();
    expect([...electron.module.ipcMain.handlers.keys()].sort()).toEqual(API_METHODS.map(ipcChannelFor).sort());
  });

  it('passes good arguments to the API and returns its answer', async () => {
    const { api, invoke, trusted } = setup();
    await expect(invoke('listCalls', trusted, { limit: 50, verdict: 'invalid', test: false })).resolves.toEqual({
      ok: true,
      value: 'listCalls result',
    });
    expect(api.listCalls).toHaveBeenCalledWith({ limit: 50, verdict: 'invalid', test: false });
    await invoke('getCall', trusted, 7);
    expect(api.getCall).toHaveBeenCalledWith(7);
    await invoke('getSampleRequest', trusted, 'create_ticket');
    expect(api.getSampleRequest).toHaveBeenCalledWith('create_ticket');
    await invoke('setHmacKey', trusted, 'k3y');
    expect(api.setHmacKey).toHaveBeenCalledWith('k3y');
    await invoke('getStats', trusted, { statusClass: '4xx', source: 'flowent' });
    expect(api.getStats).toHaveBeenCalledWith({ statusClass: '4xx', source: 'flowent' });
    await invoke('getStatus', trusted);
    expect(api.getStatus).toHaveBeenCalledWith();
  });

  it.each([
    ['an unknown page', { url: 'https://evil.example/', parent: null }, 'same'],
    ['a sub-frame of our page', { url: `${RENDERER}/`, parent: {} }, 'same'],
    ['no frame at all', null, 'same'],
    ['another web contents', { url: `${RENDERER}/`, parent: null }, 'other'],
  ])('refuses calls from %s', async (_name, senderFrame, sender) => {
    const { api, invoke, win, warn } = setup();
    const event = { sender: sender === 'same' ? win.webContents : { id: -1 }, senderFrame };
    const refused = { ok: false, failure: { code: 'foreign-sender', message: expect.stringMatching(/refused/) } };
    await expect(invoke('getStatus', event)).resolves.toEqual(refused);
    await expect(invoke('clearHistory', event)).resolves.toEqual(refused);
    expect(api.getStatus).not.toHaveBeenCalled();
    expect(api.clearHistory).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalled();
  });

  it('refuses every call once the window is gone', async () => {
    const { api, invoke, trusted, setWindow } = setup();
    setWindow(null);
    await expect(invoke('getStatus', trusted)).resolves.toMatchObject({ ok: false, failure: { code: 'foreign-sender' } });
    expect(api.getStatus).not.toHaveBeenCalled();
  });

  it.each([
    ['getCall', [-1], /getCall/],
    ['getCall', ['7'], /positive integer/],
    ['getCall', [1.5], /positive integer/],
    ['listCalls', [{ limit: 501 }], /limit/],
    ['listCalls', [{ limit: 0 }], /limit/],
    ['listCalls', [{ bogus: 1 }], /bogus/],
    ['listCalls', ['all'], /object/],
    ['getStats', [{ verdict: 'great' }], /verdict/],
    ['listCalls', [{ source: 'elsewhere' }], /`source` must be one of flowent, replay, simulator, import/],
    ['getSampleRequest', ['Create-Ticket'], /action/],
    ['getSampleRequest', ['a'.repeat(101)], /action/],
    ['setHmacKey', [''], /non-blank/],
    ['setHmacKey', ['  \n'], /non-blank/],
    ['setHmacKey', ['k'.repeat(1025)], /1024/],
    ['setHmacKey', [42], /key/],
    ['clearHistory', ['everything'], /no arguments/],
  ])('refuses %s(%j) with its code and a message, and never calls the API', async (method, args, message) => {
    const { api, invoke, trusted } = setup();
    await expect(invoke(method, trusted, ...args)).resolves.toEqual({
      ok: false,
      failure: { code: 'invalid-arguments', message: expect.stringMatching(message), problem: expect.any(String) },
    });
    expect(api[method as keyof CompanionApi]).not.toHaveBeenCalled();
  });

  it('answers a call the core failed with its code and message, and logs it', async () => {
    const { api, invoke, trusted, warn } = setup();
    const full = Object.assign(new Error('database or disk is full (SQLITE_IOERR_WRITE; no space left)'), { code: 'SQLITE_FULL' });
    api.clearHistory.mockRejectedValueOnce(full);
    await expect(invoke('clearHistory', trusted)).resolves.toEqual({ ok: false, failure: { code: 'SQLITE_FULL', message: full.message } });
    expect(warn).toHaveBeenCalledWith('The clearHistory call failed.', full);
  });

  it('answers a failure with no code of its own with the code the inspector gives it, internal', async () => {
    const { api, invoke, trusted } = setup();
    api.getStatus.mockRejectedValueOnce(new Error('The core is not open: call open() or listen() first.'));
    await expect(invoke('getStatus', trusted)).resolves.toEqual({
      ok: false,
      failure: { code: 'internal', message: 'The core is not open: call open() or listen() first.' },
    });
  });

  it('removes its handlers when disposed', () => {
    const { electron, registration, listeners } = setup();
    registration.dispose();
    expect(electron.module.ipcMain.handlers.size).toBe(0);
    expect(electron.module.ipcMain.listeners.get(IPC_READY_CHANNEL)).toEqual([]);
    expect(listeners.size).toBe(0);
  });
});

describe('events to the renderer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('queues events until the renderer is ready, then delivers them all in order', () => {
    const { emit, ready, batches } = setup();
    emit(call(1));
    emit(call(2));
    vi.advanceTimersByTime(1000);
    expect(batches()).toEqual([]);
    ready();
    expect(batches()).toEqual([[call(1), call(2)]]);
  });

  it('ignores a ready signal from a foreign frame', () => {
    const { emit, ready, batches, win } = setup();
    emit(call(1));
    ready({ sender: win.webContents, senderFrame: { url: 'https://evil.example/', parent: null } });
    vi.advanceTimersByTime(100);
    expect(batches()).toEqual([]);
  });

  it('batches live events: one message per 50 ms, or at once when 500 are waiting', () => {
    const { emit, ready, batches } = setup();
    ready();
    emit(call(1));
    emit(call(2));
    expect(batches()).toEqual([]);
    vi.advanceTimersByTime(49);
    expect(batches()).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(batches()).toEqual([[call(1), call(2)]]);
    for (let id = 3; id <= 1202; id++) emit(call(id));
    expect(batches().map((b) => b.length)).toEqual([2, 500, 500]);
    vi.advanceTimersByTime(50);
    expect(batches().map((b) => b.length)).toEqual([2, 500, 500, 200]);
    const ids = batches()
      .flat()
      .map((e) => (e.type === 'call-stored' ? e.call.id : 0));
    expect(ids).toEqual(Array.from({ length: 1202 }, (_, i) => i + 1));
  });

  it('bounds the queue of a window not ready yet: what the page can read again gives way to a resync marker', () => {
    const { emit, ready, batches, registration } = setup({ eventPolicy: { maxQueue: 4 } });
    emit(status(1));
    for (let id = 1; id <= 6; id++) emit(call(id));
    emit(status(2));
    ready();
    expect(batches()).toEqual([[{ type: 'resync' }, call(5), call(6), status(2)]]);
    expect(registration.events.dropped).toBe(5);
    // Live again: batched as usual.
    emit(call(7));
    vi.advanceTimersByTime(50);
    expect(batches().at(-1)).toEqual([call(7)]);
  });

  it('holds events while the page reloads, and delivers them once it is ready again', () => {
    const { emit, ready, batches, registration } = setup();
    ready();
    registration.events.pause();
    emit(call(1));
    vi.advanceTimersByTime(100);
    expect(batches()).toEqual([]);
    ready();
    expect(batches()).toEqual([[call(1)]]);
  });

  it('keeps events while the window is gone and delivers them to the next window once it is ready', () => {
    const { emit, ready, batches, electron, setWindow } = setup();
    ready();
    setWindow(null);
    emit(call(1));
    vi.advanceTimersByTime(50);
    expect(batches()).toEqual([]);
    const next = new electron.FakeBrowserWindow({});
    setWindow(next);
    emit(call(2));
    vi.advanceTimersByTime(50);
    expect(next.webContents.sent).toEqual([]);
    ready({ sender: next.webContents, senderFrame: { url: `${RENDERER}/`, parent: null } });
    expect(next.webContents.sent).toEqual([[IPC_EVENT_CHANNEL, [call(1), call(2)]]]);
  });
});
