import { BrowserWindow } from 'electron';
import { pathToFileURL } from 'node:url';
import type { WindowState } from './desktop-settings';

/** Where the renderer comes from: the electron-vite dev server, or the built file. */
export type RendererTarget = { kind: 'url'; url: string } | { kind: 'file'; path: string };

/**
 * The dev server is taken only from an unpackaged app, and only on this machine's loopback over
 * plain http (as electron-vite serves it): the page it names gets the whole IPC API, so a
 * packaged app, or any other origin, loads the built file whatever the environment says.
 */
export function rendererTarget(env: NodeJS.ProcessEnv, builtIndexHtml: string, isPackaged: boolean): RendererTarget {
  const devUrl = env.ELECTRON_RENDERER_URL;
  return devUrl && !isPackaged && isLoopbackHttpUrl(devUrl) ? { kind: 'url', url: devUrl } : { kind: 'file', path: builtIndexHtml };
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLoopbackHttpUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname) && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
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

export interface MainWindowOptions {
  preloadPath: string;
  target: RendererTarget;
  /** Where the window was last time, already checked against the current displays. */
  state?: WindowState | null;
}

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 };

/**
 * The main window. Its web preferences are written out here, literally, so that reviewers
 * and Electronegativity see them where the window is made. Navigation, new windows, webviews
 * and permissions are locked down for every web contents by hardening.ts.
 */
export function createMainWindow({ preloadPath, target, state = null }: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    ...(state ? state.bounds : DEFAULT_WINDOW_SIZE),
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
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click would otherwise open links without going through the window-open handler's checks.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      preload: preloadPath,
    },
  });

  win.once('ready-to-show', () => {
    if (state?.maximized) win.maximize();
    win.show();
  });

  if (target.kind === 'url') void win.loadURL(target.url);
  else void win.loadFile(target.path);
  return win;
}
