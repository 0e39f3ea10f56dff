/**
 * A stand-in for the `electron` module, for tests only: the Electron binary cannot run here.
 * It does no windowing or IPC of its own; it records what main asks of Electron (window
 * options, handlers, app events, sessions, menus, the tray, keychain calls) and lets a test
 * play Electron's part by firing those handlers. Honest about what it is: nothing here proves
 * Electron behaves so; the parts mirror Electron's documented API shapes.
 */
import type { IpcReply } from '../../main/contract/api';
import type { IpcEventLike, IpcListener } from '../../main/transports/ipc/ipc';
import { replyValue } from '../../renderer/src/transport/desktop-bridge';
import { createFakeNative } from './fake-native';
import { Emitter, fakeEvent, FakeSession, FakeWebContents } from './fake-web-contents';

export { fakeEvent, FakeSession, FakeWebContents, tryNavigate } from './fake-web-contents';
export { clickMenuItem, findMenuItem } from './fake-native';

export function createElectronStandIn() {
  const calls: string[] = [];
  const windows: FakeBrowserWindow[] = [];
  const defaultSession = new FakeSession();
  const native = createFakeNative(calls);

  class FakeBrowserWindow extends Emitter {
    readonly webContents = new FakeWebContents(defaultSession);
    loaded: { url?: string; file?: string } = {};
    visible = false;
    focused = false;
    minimized = false;
    maximized = false;
    destroyed = false;
    bounds: { x: number; y: number; width: number; height: number };
    constructor(readonly options: Record<string, unknown>) {
      super();
      const { x = 100, y = 100, width = 800, height = 600 } = options as Partial<FakeBrowserWindow['bounds']>;
      this.bounds = { x, y, width, height };
      windows.push(this);
      calls.push('BrowserWindow');
      // Electron announces every new web contents, a window's included.
      app.emit('web-contents-created', fakeEvent(), this.webContents);
    }
    getNormalBounds() {
      return { ...this.bounds };
    }
    isMaximized(): boolean {
      return this.maximized;
    }
    maximize(): void {
      this.maximized = true;
    }
    /** Plays the user dragging the window. */
    moveTo(bounds: Partial<FakeBrowserWindow['bounds']>): void {
      this.bounds = { ...this.bounds, ...bounds };
      this.emit(bounds.width !== undefined || bounds.height !== undefined ? 'resize' : 'move');
    }
    loadURL(url: string): Promise<void> {
      this.loaded = { url };
      return Promise.resolve();
    }
    loadFile(file: string): Promise<void> {
      this.loaded = { file };
      return Promise.resolve();
    }
    show(): void {
      this.visible = true;
    }
    focus(): void {
      this.focused = true;
    }
    isFocused(): boolean {
      return this.focused;
    }
    isMinimized(): boolean {
      return this.minimized;
    }
    restore(): void {
      this.minimized = false;
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    /** As Electron: 'close' (preventDefault keeps the window), then the page's beforeunload, then 'closed'. */
    close(): void {
      const event = fakeEvent();
      this.emit('close', event);
      if (event.defaultPrevented) return;
      this.webContents.beforeUnload(() => this.destroy());
    }
    /** As Electron: gone at once, without 'close' or asking the page; 'closed' still comes. */
    destroy(): void {
      if (this.destroyed) return;
      this.destroyed = true;
      this.webContents.destroyed = true;
      calls.push('BrowserWindow.destroy');
      this.emit('closed');
    }
  }

  const ipcMain = Object.assign(new Emitter(), {
    handlers: new Map<string, IpcListener>(),
    handle(channel: string, handler: IpcListener) {
      // Electron refuses a second handler on one channel; so does the stand-in.
      if (ipcMain.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      ipcMain.handlers.set(channel, handler);
    },
    removeHandler(channel: string) {
      ipcMain.handlers.delete(channel);
    },
    /** Plays a renderer's `ipcRenderer.invoke`: the handler's throw becomes a rejection. */
    invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
      const handler = ipcMain.handlers.get(channel);
      if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`));
      return new Promise((resolve) => resolve(handler(event as IpcEventLike, ...args)));
    },
    /**
     * Plays a call from the page: `invoke`, then the page's desktop bridge's reading of main's
     * reply (renderer/src/transport/desktop-bridge.ts): its value, or an Error with its code.
     */
    call(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
      return ipcMain.invoke(channel, event, ...args).then((reply) => replyValue(reply as IpcReply<unknown>));
    },
  });

  const state = {
    lockGranted: true,
    exitCode: null as number | null,
    appPath: '/nonexistent-app-path',
    paths: { userData: '/nonexistent-user-data', home: '/nonexistent-home' } as Record<string, string>,
    encryptionAvailable: true,
    storageBackend: 'gnome_libsecret',
  };

  const app = Object.assign(new Emitter(), {
    requestSingleInstanceLock: () => state.lockGranted,
    whenReady: () => Promise.resolve(),
    getPath: (name: string) => state.paths[name] ?? `/nonexistent-${name}`,
    setPath: (name: string, path: string) => {
      state.paths[name] = path;
    },
    getAppPath: () => state.appPath,
    name: 'Flowent Companion',
    isPackaged: false,
    quit() {
      calls.push('app.quit');
      const event = fakeEvent();
      app.emit('before-quit', event);
      if (!event.defaultPrevented) calls.push('quit-proceeded');
    },
    exit(code = 0) {
      calls.push(`app.exit(${code})`);
      state.exitCode = code;
    },
  });

  const errorBoxes: Array<{ title: string; content: string }> = [];
  const dialogsShown: Array<{ kind: 'save' | 'open'; parent: unknown; options: Record<string, unknown> }> = [];
  const dialogAnswers = { save: [] as (string | null)[], open: [] as (string | null)[], messageBox: [] as number[] };
  const messageBoxes: Array<{ parent: unknown; options: Record<string, unknown> }> = [];
  const openedExternally: string[] = [];
  const exposed = new Map<string, unknown>();
  const rendererInvokes: Array<[string, ...unknown[]]> = [];
  const rendererSends: Array<[string, ...unknown[]]> = [];
  const ipcRenderer = Object.assign(new Emitter(), {
    invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      rendererInvokes.push([channel, ...args]);
      return Promise.resolve({ channel, args });
    },
    send(channel: string, ...args: unknown[]) {
      rendererSends.push([channel, ...args]);
    },
  });

  const module = {
    ...native.module,
    session: { defaultSession },
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    ipcRenderer,
    dialog: {
      showErrorBox(title: string, content: string) {
        calls.push('dialog.showErrorBox');
        errorBoxes.push({ title, content });
      },
      /**
       * Plays the user: the next button index in `dialogAnswers.messageBox`; with none queued,
       * the box is dismissed (Esc), which Electron answers with `cancelId`. (window, options) or (options).
       */
      showMessageBoxSync(...args: unknown[]): number {
        const options = args[args.length - 1] as Record<string, unknown>;
        calls.push('dialog.showMessageBoxSync');
        messageBoxes.push({ parent: args.length > 1 ? args[0] : null, options });
        return dialogAnswers.messageBox.shift() ?? (typeof options.cancelId === 'number' ? options.cancelId : 0);
      },
      /** Plays the user: the next path in `dialogAnswers.save` (null: Cancel). */
      showSaveDialog(...args: unknown[]) {
        const options = args[args.length - 1] as Record<string, unknown>;
        dialogsShown.push({ kind: 'save', parent: args.length > 1 ? args[0] : null, options });
        const filePath = dialogAnswers.save.shift() ?? null;
        return Promise.resolve(filePath === null ? { canceled: true, filePath: '' } : { canceled: false, filePath });
      },
      /** Plays the user: the next path in `dialogAnswers.open` (null: Cancel). */
      showOpenDialog(...args: unknown[]) {
        const options = args[args.length - 1] as Record<string, unknown>;
        dialogsShown.push({ kind: 'open', parent: args.length > 1 ? args[0] : null, options });
        const filePath = dialogAnswers.open.shift() ?? null;
        return Promise.resolve(filePath === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [filePath] });
      },
    },
    shell: {
      openExternal(url: string) {
        openedExternally.push(url);
        return Promise.resolve();
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => state.encryptionAvailable,
      getSelectedStorageBackend: () => state.storageBackend,
      // Not encryption, just visibly not the plain text, and reversible.
      encryptString: (plain: string) => Buffer.from('sealed:' + [...plain].reverse().join('')),
      decryptString: (sealed: Buffer) => {
        const text = sealed.toString();
        if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
        return [...text.slice('sealed:'.length)].reverse().join('');
      },
    },
    contextBridge: {
      exposeInMainWorld(key: string, value: unknown) {
        exposed.set(key, value);
      },
    },
  };

  return {
    module: { ...module, default: module },
    state,
    calls,
    windows,
    native: native.state,
    defaultSession,
    errorBoxes,
    dialogsShown,
    dialogAnswers,
    messageBoxes,
    openedExternally,
    exposed,
    rendererInvokes,
    rendererSends,
    FakeBrowserWindow,
  };
}

export type ElectronStandIn = ReturnType<typeof createElectronStandIn>;
export type FakeBrowserWindow = InstanceType<ElectronStandIn['FakeBrowserWindow']>;
