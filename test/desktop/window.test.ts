import { describe, expect, it, vi } from 'vitest';
import { pathToFileURL } from 'node:url';
import { fakeEvent } from './electron-stand-in';

const electron = await vi.hoisted(async () => (await import('./electron-stand-in')).createElectronStandIn());
vi.mock('electron', () => electron.module);

const { buildWindowOptions, createMainWindow, isRendererUrl, rendererTarget } = await import('../../main/desktop/window');

const BUILT = '/app/out/renderer/index.html';
const fileTarget = { kind: 'file', path: BUILT } as const;

function openWindow(target: Parameters<typeof createMainWindow>[0]['target'] = fileTarget) {
  createMainWindow({ preloadPath: '/app/out/preload/index.js', target });
  const win = electron.windows.at(-1);
  if (!win) throw new Error('no window was created');
  return win;
}

describe('window options', () => {
  it('isolates the page: context isolation, sandbox, no Node, no webview, our preload', () => {
    const { webPreferences, show } = buildWindowOptions('/app/out/preload/index.js');
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      preload: '/app/out/preload/index.js',
    });
    expect(show).toBe(false);
  });

  it('creates the window with those options and shows it only when ready', () => {
    const win = openWindow();
    expect(win.options).toEqual(buildWindowOptions('/app/out/preload/index.js'));
    expect(win.visible).toBe(false);
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
  });
});

describe('what the window loads', () => {
  it('loads the built renderer file without a dev server', () => {
    expect(rendererTarget({}, BUILT)).toEqual(fileTarget);
    expect(openWindow().loaded).toEqual({ file: BUILT });
  });

  it('loads electron-vite’s dev server when ELECTRON_RENDERER_URL is set', () => {
    const target = rendererTarget({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, BUILT);
    expect(openWindow(target).loaded).toEqual({ url: 'http://localhost:5173' });
  });

  it('knows its own page and nothing else', () => {
    const own = pathToFileURL(BUILT).href;
    expect(isRendererUrl(own, fileTarget)).toBe(true);
    expect(isRendererUrl(own + '#/calls/3', fileTarget)).toBe(true);
    expect(isRendererUrl('file:///etc/passwd', fileTarget)).toBe(false);
    expect(isRendererUrl('http://localhost:5173/', fileTarget)).toBe(false);
    const dev = { kind: 'url', url: 'http://localhost:5173' } as const;
    expect(isRendererUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isRendererUrl('https://evil.example/', dev)).toBe(false);
    expect(isRendererUrl('not a url', dev)).toBe(false);
  });
});

describe('navigation and new windows', () => {
  it('blocks navigation away from the renderer and allows reloading it', () => {
    const win = openWindow();
    const away = fakeEvent({ url: 'https://example.com/' });
    win.webContents.emit('will-navigate', away);
    expect(away.defaultPrevented).toBe(true);
    const own = fakeEvent({ url: pathToFileURL(BUILT).href });
    win.webContents.emit('will-navigate', own);
    expect(own.defaultPrevented).toBe(false);
  });

  it('denies every new window and opens only http(s) links in the browser', () => {
    const win = openWindow();
    const handler = win.webContents.windowOpenHandler;
    if (!handler) throw new Error('no window-open handler');
    for (const url of ['https://flowent.example/docs', 'http://127.0.0.1:8787/x']) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'garbage']) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
    expect(electron.openedExternally).toEqual(['https://flowent.example/docs', 'http://127.0.0.1:8787/x']);
  });

  it('refuses every permission request and check', () => {
    const { session } = openWindow().webContents;
    const callback = vi.fn();
    session.permissionRequestHandler?.(null, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(session.permissionCheckHandler?.(null, 'notifications')).toBe(false);
  });
});
