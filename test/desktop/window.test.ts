import { describe, expect, it, vi } from 'vitest';
import { pathToFileURL } from 'node:url';

const electron = await vi.hoisted(async () => (await import('./electron-stand-in')).createElectronStandIn());
vi.mock('electron', () => electron.module);

const { DEFAULT_WINDOW_SIZE, createMainWindow, isRendererUrl, rendererTarget } = await import('../../main/desktop/window');

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
    const { webPreferences, show } = openWindow().options as { webPreferences: Record<string, unknown>; show: boolean };
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      disableBlinkFeatures: 'Auxclick',
      preload: '/app/out/preload/index.js',
    });
    expect(show).toBe(false);
  });

  it('opens at the default size, or at a remembered place, and shows only when ready', () => {
    const fresh = openWindow();
    expect(fresh.options).toMatchObject(DEFAULT_WINDOW_SIZE);
    expect(fresh.options).not.toHaveProperty('x');
    expect(fresh.visible).toBe(false);
    fresh.emit('ready-to-show');
    expect([fresh.visible, fresh.maximized]).toEqual([true, false]);

    const bounds = { x: 40, y: 30, width: 1000, height: 700 };
    createMainWindow({ preloadPath: '/p.js', target: fileTarget, state: { bounds, maximized: true } });
    const restored = electron.windows.at(-1)!;
    expect(restored.options).toMatchObject(bounds);
    restored.emit('ready-to-show');
    expect([restored.visible, restored.maximized]).toEqual([true, true]);
  });
});

describe('what the window loads', () => {
  it('loads the built renderer file without a dev server', () => {
    expect(rendererTarget({}, BUILT, false)).toEqual(fileTarget);
    expect(openWindow().loaded).toEqual({ file: BUILT });
  });

  it('loads electron-vite’s dev server when ELECTRON_RENDERER_URL is set', () => {
    const target = rendererTarget({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, BUILT, false);
    expect(openWindow(target).loaded).toEqual({ url: 'http://localhost:5173' });
    for (const url of ['http://127.0.0.1:5173/', 'http://[::1]:5173/'])
      expect(rendererTarget({ ELECTRON_RENDERER_URL: url }, BUILT, false)).toEqual({ kind: 'url', url });
  });

  it('loads the built file in a packaged app, whatever ELECTRON_RENDERER_URL says', () => {
    expect(rendererTarget({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, BUILT, true)).toEqual(fileTarget);
  });

  it.each([
    'https://attacker.example/',
    'http://attacker.example:5173/',
    'https://localhost:5173/',
    'http://localhost.attacker.example/',
    'http://user@localhost:5173/',
    'file:///tmp/page.html',
    'not a url',
  ])('takes no page off this machine’s loopback over http as the dev server: %s', (url) => {
    expect(rendererTarget({ ELECTRON_RENDERER_URL: url }, BUILT, false)).toEqual(fileTarget);
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
