import { describe, expect, it, vi } from 'vitest';
import {
  API_METHODS,
  IPC_EVENT_CHANNEL,
  IPC_READY_CHANNEL,
  IPC_SHOW_FAILED_CALLS_CHANNEL,
  ipcChannelFor,
  type CoreEvent,
  type PreloadBridge,
} from '../../main/contract/api';

const electron = await vi.hoisted(async () => (await import('./electron-stand-in')).createElectronStandIn());
vi.mock('electron', () => electron.module);

await import('../../preload/index');
const bridge = electron.exposed.get('companion') as PreloadBridge;
const invoke = electron.module.ipcRenderer.invoke;
const deliver = (events: unknown) => electron.module.ipcRenderer.emit(IPC_EVENT_CHANNEL, { sender: 'main' }, events);

describe('preload', () => {
  it('exposes exactly the contract, as window.companion, and nothing of ipcRenderer', () => {
    expect([...electron.exposed.keys()]).toEqual(['companion']);
    expect(Object.keys(bridge).sort()).toEqual([...API_METHODS, 'onEvents', 'onShowFailedCalls'].sort());
    for (const value of Object.values(bridge)) {
      expect(typeof value).toBe('function');
      expect(value).not.toBe(electron.module.ipcRenderer);
    }
  });

  it('sends each method over its own channel with its arguments', async () => {
    await bridge.getCall(42);
    await bridge.listCalls({ limit: 10 });
    await bridge.getStatus();
    await bridge.setHmacKey('k');
    expect(electron.rendererInvokes).toEqual([
      [ipcChannelFor('getCall'), 42],
      [ipcChannelFor('listCalls'), { limit: 10 }],
      [ipcChannelFor('getStatus')],
      [ipcChannelFor('setHmacKey'), 'k'],
    ]);
    for (const method of API_METHODS) {
      electron.rendererInvokes.length = 0;
      await (bridge[method] as () => Promise<unknown>)();
      expect(electron.rendererInvokes[0]?.[0]).toBe(ipcChannelFor(method));
    }
  });

  it('hands main’s reply to the page as it came, a failure with its code included', async () => {
    const reply = { ok: false, failure: { code: 'invalid-arguments', message: 'getCall: `id` …', problem: '`id` …' } };
    electron.module.ipcRenderer.invoke = async () => reply;
    try {
      await expect(bridge.getCall(-1)).resolves.toBe(reply);
    } finally {
      electron.module.ipcRenderer.invoke = invoke;
    }
  });

  it('signals ready once, when the first listener is attached, and fans batches out to listeners', () => {
    expect(electron.rendererSends).toEqual([]);
    const first = vi.fn();
    const second = vi.fn();
    const offFirst = bridge.onEvents(first);
    bridge.onEvents(second);
    expect(electron.rendererSends).toEqual([[IPC_READY_CHANNEL]]);
    const batch: CoreEvent[] = [{ type: 'history-cleared' }];
    deliver(batch);
    expect(first).toHaveBeenCalledWith(batch);
    expect(second).toHaveBeenCalledWith(batch);
    expect(first.mock.calls[0]).toHaveLength(1); // never the IPC event object
    offFirst();
    deliver(batch);
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(2);
    deliver('not a batch');
    expect(second).toHaveBeenCalledTimes(2);
  });

  it('passes main’s request to list the failed calls to the page, keeping one that came before the page listened', () => {
    const askFailedCalls = () => electron.module.ipcRenderer.emit(IPC_SHOW_FAILED_CALLS_CHANNEL, { sender: 'main' });
    askFailedCalls();
    const listener = vi.fn();
    const off = bridge.onShowFailedCalls(listener);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([]); // never the IPC event object
    askFailedCalls();
    expect(listener).toHaveBeenCalledTimes(2);
    off();
    askFailedCalls();
    expect(listener).toHaveBeenCalledTimes(2);
    // Kept for the next listener, once.
    const next = vi.fn();
    bridge.onShowFailedCalls(next);
    bridge.onShowFailedCalls(vi.fn());
    expect(next).toHaveBeenCalledTimes(1);
  });
});
