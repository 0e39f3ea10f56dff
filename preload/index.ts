// The page's only door to main. Sandboxed: it may require nothing but 'electron'; the
// contract below is bundled in by electron-vite. ipcRenderer itself is never exposed.
import { contextBridge, ipcRenderer } from 'electron';
import {
  API_METHODS,
  IPC_EVENT_CHANNEL,
  IPC_READY_CHANNEL,
  IPC_SHOW_FAILED_CALLS_CHANNEL,
  ipcChannelFor,
  type ApiMethod,
  type DeliveredEvent,
  type IpcInvoker,
  type IpcInvokers,
  type PreloadBridge,
} from '../main/contract/api';

/** Main's reply passes as it came: plain data, so its failure's code reaches the page (an Error's would not). */
function invoker<M extends ApiMethod>(method: M): IpcInvoker<M> {
  const channel = ipcChannelFor(method);
  return (...args) => ipcRenderer.invoke(channel, ...args) as ReturnType<IpcInvoker<M>>;
}

// One invoker per API method, generated from the contract's list (which the contract proves
// complete); the bridge object below is then checked against PreloadBridge as a whole.
const invokers = Object.fromEntries(API_METHODS.map((method) => [method, invoker(method)])) as IpcInvokers;

const listeners = new Set<(events: DeliveredEvent[]) => void>();
let readySent = false;

ipcRenderer.on(IPC_EVENT_CHANNEL, (_event, events: unknown) => {
  if (!Array.isArray(events)) return;
  for (const listener of listeners) listener(events as DeliveredEvent[]);
});

const failedCallsListeners = new Set<() => void>();
/** Asked before the page listened (its first render is still to come): kept for its first listener. */
let failedCallsAsked = false;

ipcRenderer.on(IPC_SHOW_FAILED_CALLS_CHANNEL, () => {
  if (failedCallsListeners.size === 0) failedCallsAsked = true;
  for (const listener of failedCallsListeners) listener();
});

const bridge: PreloadBridge = {
  ...invokers,
  onEvents(listener) {
    listeners.add(listener);
    // Main holds events back until this signal, so attaching the first listener first
    // means none are lost in between.
    if (!readySent) {
      readySent = true;
      ipcRenderer.send(IPC_READY_CHANNEL);
    }
    return () => {
      listeners.delete(listener);
    };
  },
  onShowFailedCalls(listener) {
    failedCallsListeners.add(listener);
    if (failedCallsAsked) {
      failedCallsAsked = false;
      listener();
    }
    return () => {
      failedCallsListeners.delete(listener);
    };
  },
};

contextBridge.exposeInMainWorld('companion', bridge);
