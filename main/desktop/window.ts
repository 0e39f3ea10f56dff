import { BrowserWindow, shell, type BrowserWindowConstructorOptions } from 'electron';
import { pathToFileURL } from 'node:url';

/** Where the renderer comes from: the electron-vite dev server, or the built file. */
export type RendererTarget = { kind: 'url'; url: string } | { kind: 'file'; path: string };

export function rendererTarget(env: NodeJS.ProcessEnv, builtIndexHtml: string): RendererTarget {
  const devUrl = env.ELECTRON_RENDERER_URL;
  return devUrl ? { kind: 'url', url: devUrl } : { kind: 'file', path: builtIndexHtml };
}

/**
 * True when `url` is our renderer page. The dev server is matched by origin (vite serves
 * modules from it); the built page by its exact file path, since every file: URL shares
 * one opaque origin and would otherwise let any local file pass.
 */
export function isRendererUrl(url: string, target: RendererTarget): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (target.kind === 'url') {
    const ours = new URL(target.url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.origin === ours.origin;
  }
  if (parsed.protocol !== 'file:') return false;
  return stripQueryAndHash(parsed) === stripQueryAndHash(pathToFileURL(target.path));
}

function stripQueryAndHash(url: URL): string {
  return url.origin + url.pathname;
}

/** Only plain web links leave the app, and only to the user's browser. */
export function isExternalWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** The window's options, pure so tests can assert the security settings. */
export function buildWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: 'Flowent Companion',
    autoHideMenuBar: true,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      preload: preloadPath,
    },
  };
}

export interface MainWindowOptions {
  preloadPath: string;
  target: RendererTarget;
}

export function createMainWindow({ preloadPath, target }: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow(buildWindowOptions(preloadPath));
  const { webContents } = win;

  win.once('ready-to-show', () => win.show());

  webContents.on('will-navigate', (event) => {
    if (!isRendererUrl(event.url, target)) event.preventDefault();
  });
  // A page must not open windows of its own: web links go to the user's browser.
  webContents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  // The inspector needs no camera, notifications or the like.
  webContents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  webContents.session.setPermissionCheckHandler(() => false);

  if (target.kind === 'url') void win.loadURL(target.url);
  else void win.loadFile(target.path);
  return win;
}
