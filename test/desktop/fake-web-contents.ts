/**
 * Parts of the Electron stand-in (see electron-stand-in.ts): an event emitter, Electron-like
 * events, web contents and sessions. They record what main asks of them and let a test play
 * Chromium's part by firing the handlers.
 */

type Listener = (...args: never[]) => unknown;

export class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(name: string, listener: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }
  once(name: string, listener: Listener): this {
    return this.on(name, listener);
  }
  removeListener(name: string, listener: Listener): this {
    this.listeners.set(
      name,
      (this.listeners.get(name) ?? []).filter((l) => l !== listener),
    );
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

type PermissionRequestHandler = (
  wc: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl?: string },
) => void;
type PermissionCheckHandler = (wc: unknown, permission: string, origin: string, details: { requestingUrl?: string }) => boolean;

/** A session's permission handlers and header hook, recorded for tests to call. */
export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  devicePermissionHandler: ((details: unknown) => boolean) | null = null;
  headersReceived: Array<
    (
      details: { url: string; responseHeaders?: Record<string, string | string[]> },
      callback: (response: { responseHeaders?: Record<string, string | string[]> }) => void,
    ) => void
  > = [];
  readonly webRequest = {
    onHeadersReceived: (listener: FakeSession['headersReceived'][number]) => {
      this.headersReceived.push(listener);
    },
  };
  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void {
    this.devicePermissionHandler = handler;
  }
  /** Plays Chromium receiving a response: runs the header hooks, returns the headers the page sees. */
  respond(url: string, responseHeaders: Record<string, string | string[]>): Record<string, string | string[]> {
    let headers = responseHeaders;
    for (const listener of this.headersReceived) {
      listener({ url, responseHeaders: headers }, (response) => (headers = response.responseHeaders ?? headers));
    }
    return headers;
  }
}

export class FakeWebContents extends Emitter {
  readonly id = nextContentsId++;
  readonly sent: Array<[string, ...unknown[]]> = [];
  destroyed = false;
  /** Plays the page's `beforeunload` listener cancelling the unload (the page has unsaved work). */
  pageCancelsUnload = false;
  /** Plays a renderer that never answers `beforeunload` (hung): no unload ever goes through. */
  pageHung = false;
  reloads = 0;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  constructor(readonly session: FakeSession = new FakeSession()) {
    super();
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /**
   * Plays Chromium asking the page's `beforeunload` before a reload or close; `proceed` runs if
   * it may unload. As in Electron the answer comes back later (from the renderer process): a
   * page that cancels is met with `will-prevent-unload`, whose preventDefault lets it unload
   * anyway; without that the unload is silently called off.
   */
  beforeUnload(proceed: () => void): void {
    if (this.pageHung) return;
    if (!this.pageCancelsUnload) return proceed();
    setTimeout(() => {
      if (this.destroyed) return;
      const event = fakeEvent();
      this.emit('will-prevent-unload', event);
      if (event.defaultPrevented) proceed();
    }, 0);
  }
  /** webContents.reload(): the page is asked first. */
  reload(): void {
    this.beforeUnload(() => {
      this.reloads++;
      this.emit('did-start-loading');
    });
  }
}

/** Plays the navigation events Chromium sends a web contents; returns whether each was refused. */
export function tryNavigate(
  contents: FakeWebContents,
  event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect',
  url: string,
): boolean {
  const attempt = fakeEvent({ url });
  contents.emit(event, attempt);
  return attempt.defaultPrevented;
}
