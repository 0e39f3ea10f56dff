// A failed call's code, from main's IPC handler through the preload to the page's desktop
// bridge, and the page's words for it, the same as over the browser inspector's HTTP.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { API_METHODS, type CompanionApi, type PreloadBridge } from '../../../main/contract/api';
import { InspectorServer } from '../../../main/transports/inspector/inspector-server';
import { inspectorTokenFile } from '../../../main/transports/inspector/inspector-token';
import { registerIpc } from '../../../main/transports/ipc/ipc';
import { requestFailureWords } from '../../../renderer/src/page/request-failure-words';
import { isUnreachable } from '../../../renderer/src/transport/connection';
import { createDesktopBridge } from '../../../renderer/src/transport/desktop-bridge';
import { createHttpBridge } from '../../../renderer/src/transport/http-bridge';
import type { RequestError } from '../../../renderer/src/transport/request-error';
import { makeTempDir } from '../../helpers/temp-dir';

const electron = await vi.hoisted(async () => (await import('../../desktop/electron-stand-in')).createElectronStandIn());
vi.mock('electron', () => electron.module);

const RENDERER = 'http://localhost:5173';

/** The core's failure for a write to a full disk (main/core/store/store-faults.ts refineStoreError). */
const DISK_FULL = Object.assign(new Error('database or disk is full (SQLITE_IOERR_WRITE; no space left)'), { code: 'SQLITE_FULL' });

const api = Object.fromEntries(API_METHODS.map((method) => [method, vi.fn(async () => `${method} value`)])) as unknown as {
  [M in keyof CompanionApi]: ReturnType<typeof vi.fn>;
};
api.clearHistory.mockRejectedValue(DISK_FULL);
/** A failure the core raised without a code of its own. */
const NOT_OPEN = new Error('The core is not open: call open() or listen() first.');
api.getStatus.mockRejectedValue(NOT_OPEN);

const win = new electron.FakeBrowserWindow({});
const trusted = { sender: win.webContents, senderFrame: { url: `${RENDERER}/`, parent: null } };
registerIpc(electron.module.ipcMain, api as unknown as CompanionApi, () => win, {
  subscribe: () => () => {},
  isRendererUrl: (url) => new URL(url).origin === RENDERER,
  warn: () => {},
});

// Plays Electron's ipcRenderer.invoke from our window: arguments and the reply travel as
// structured clones. (A handler's throw would lose its code twice: Electron rejects with a new
// Error of the message alone, and contextBridge drops an Error's own properties, played below.)
electron.module.ipcRenderer.invoke = async (channel: string, ...args: unknown[]) =>
  structuredClone(await electron.module.ipcMain.invoke(channel, trusted, ...structuredClone(args)));

await import('../../../preload/index');

/**
 * Plays contextBridge: what the page gets from the preload's promises is copied, and a copied
 * Error keeps its message but not its own properties (Node's structured clone drops them too).
 */
function acrossContextBridge(bridge: PreloadBridge): PreloadBridge {
  const copied = Object.entries(bridge).map(([name, fn]: [string, (...args: unknown[]) => unknown]) => [
    name,
    (...args: unknown[]) => {
      const result = fn(...args);
      return result instanceof Promise
        ? result.then(
            (value) => structuredClone(value),
            (error: unknown) => Promise.reject(structuredClone(error)),
          )
        : result;
    },
  ]);
  return Object.fromEntries(copied) as PreloadBridge;
}

const desktop = createDesktopBridge(acrossContextBridge(electron.exposed.get('companion') as PreloadBridge));

async function failureOf(call: Promise<unknown>): Promise<RequestError> {
  const error = await call.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof Error)) throw new Error(`the call did not fail: ${String(error)}`);
  return error;
}

describe('a failed call over IPC, on the page', () => {
  it('answers a good call with its value', async () => {
    await expect(desktop.getCall(7)).resolves.toBe('getCall value');
    expect(api.getCall).toHaveBeenCalledWith(7);
  });

  it('keeps the code of an argument refusal, and what is wrong without the method’s name', async () => {
    const error = await failureOf(desktop.getCall(-1));
    expect(error.code).toBe('invalid-arguments');
    expect(error.problem).toMatch(/^`id` must be/);
    expect(error.message).toBe(`getCall: ${error.problem}`);
    expect(api.getCall).not.toHaveBeenCalledWith(-1);
  });

  it('keeps the code of a failure the core raised, with its message', async () => {
    const error = await failureOf(desktop.clearHistory());
    expect(error.code).toBe('SQLITE_FULL');
    expect(error.message).toBe(DISK_FULL.message);
    expect(requestFailureWords(error)).toBe(DISK_FULL.message);
  });
});

describe('a call main never answered', () => {
  it('is one the companion could not be reached for, as over HTTP', async () => {
    const preload = {
      getStatus: () => Promise.reject(new Error("Error invoking remote method 'companion:getStatus': Error: No handler registered")),
    } as unknown as PreloadBridge;
    const error = await failureOf(createDesktopBridge(preload).getStatus());
    expect(isUnreachable(error)).toBe(true);
    expect(error.message).toMatch(/^Cannot reach the companion \(/);
  });
});

describe('the page’s words for a failed call', () => {
  const dataDir = makeTempDir('fc-ipc-page-');
  const token = inspectorTokenFile(dataDir.path);
  const inspector = new InspectorServer({
    api: api as unknown as CompanionApi,
    subscribe: () => () => {},
    token,
    port: 0,
    rendererDir: null,
    onInternalError: () => {},
  });
  let http: CompanionApi;

  beforeAll(async () => {
    const started = await inspector.start();
    if (!started.ok) throw new Error(JSON.stringify(started));
    http = createHttpBridge(`http://127.0.0.1:${started.value.port}`, token.current());
  });
  afterAll(async () => {
    await inspector.stop();
    dataDir.remove();
  });

  it.each([
    ['getCall', [-1]],
    ['getCall', ['7']],
    ['listCalls', [{ limit: 501 }]],
    ['setHmacKey', ['']],
  ] as const)('are the same for %s(%j) refused over IPC and over HTTP', async (method, args) => {
    const call = (bridge: CompanionApi) => (bridge[method] as (...params: unknown[]) => Promise<unknown>)(...args);
    const overIpc = await failureOf(call(desktop));
    const overHttp = await failureOf(call(http));
    expect(overIpc.code).toBe('invalid-arguments');
    expect(overHttp.code).toBe('invalid-arguments');
    expect(requestFailureWords(overIpc)).toBe(requestFailureWords(overHttp));
    expect(requestFailureWords(overIpc)).toMatch(/^the companion refused what this page asked for \(`/);
    expect(requestFailureWords(overIpc)).not.toContain(method);
  });

  it.each([
    ['clearHistory', DISK_FULL, 'SQLITE_FULL'],
    ['getStatus', NOT_OPEN, 'internal'],
  ] as const)('are the core’s own message for a failure %s raised, with its code, over IPC and over HTTP', async (method, thrown, code) => {
    const overIpc = await failureOf(desktop[method]());
    const overHttp = await failureOf(http[method]());
    expect(overHttp.code).toBe(code);
    expect(overHttp.message).toBe(thrown.message);
    expect(overIpc.code).toBe(code);
    expect(requestFailureWords(overHttp)).toBe(thrown.message);
    expect(requestFailureWords(overIpc)).toBe(requestFailureWords(overHttp));
  });
});
