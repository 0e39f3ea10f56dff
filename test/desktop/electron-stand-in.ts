/**
 * A stand-in for the `electron` module, for tests only: the Electron binary cannot run here.
 * It does no windowing or IPC of its own; it records what main asks of Electron (window
 * options, handlers, app events, keychain calls) and lets a test play Electron's part by
 * firing those handlers. Honest about what it is: nothing here proves Electron behaves so.
 */
import type { IpcEventLike, IpcListener } from '../../main/desktop/ipc';

type Listener = (...args: never[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(name: string, listener: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }
  once(name: string, listener: Listener): this {
    return this.on(name, listener);
  }
  removeListener(name: string, listener: Listener): this {
    this.listeners.set(name, (this.listeners.get(name) ?? []).filter((l) => l !== listener));
    return this;
  }
  emit(name: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(name) ?? []).map((l) => (l as (...a: unknown[]) => unknown)(...args));
  }
}

/** An Electron-like event whose preventDefault is recorded. */
export function fakeEvent<T extends object>(fields: T = {} as T): T & { defaultPrevented: boolean; preventDefault(): void } {
  const event = { ...fields, defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
  return event;
}

let nextContentsId = 1;

export class FakeWebContents extends Emitter {
  readonly id = nextContentsId++;
  readonly sent: Array<[string, ...unknown[]]> = [];
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly session = {
    permissionRequestHandler: null as null | ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void),
    permissionCheckHandler: null as null | ((...args: unknown[]) => boolean),
    setPermissionRequestHandler(handler: NonNullable<typeof this.permissionRequestHandler>) {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: NonNullable<typeof this.permissionCheckHandler>) {
      this.permissionCheckHandler = handler;
    },
  };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export function createElectronStandIn() {
  const calls: string[] = [];
  const windows: FakeBrowserWindow[] = [];

  class FakeBrowserWindow extends Emitter {
    readonly webContents = new FakeWebContents();
    loaded: { url?: string; file?: string } = {};
    visible = false;
    focused = false;
    minimized = false;
    destroyed = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
      calls.push('BrowserWindow');
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
    isMinimized(): boolean {
      return this.minimized;
    }
    restore(): void {
      this.minimized = false;
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    close(): void {
      this.destroyed = true;
      this.webContents.destroyed = true;
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
    getAppPath: () => state.appPath,
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
  const openedExternally: string[] = [];
  const exposed = new Map<string, unknown>();
  const rendererInvokes: Array<[string, ...unknown[]]> = [];
  const rendererSends: Array<[string, ...unknown[]]> = [];
  const ipcRenderer = Object.assign(new Emitter(), {
    invoke(channel: string, ...args: unknown[]) {
      rendererInvokes.push([channel, ...args]);
      return Promise.resolve({ channel, args });
    },
    send(channel: string, ...args: unknown[]) {
      rendererSends.push([channel, ...args]);
    },
  });

  const module = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    ipcRenderer,
    dialog: {
      showErrorBox(title: string, content: string) {
        calls.push('dialog.showErrorBox');
        errorBoxes.push({ title, content });
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
    errorBoxes,
    openedExternally,
    exposed,
    rendererInvokes,
    rendererSends,
    FakeBrowserWindow,
  };
}

export type ElectronStandIn = ReturnType<typeof createElectronStandIn>;
export type FakeBrowserWindow = InstanceType<ElectronStandIn['FakeBrowserWindow']>;
