import type { App, Session, WebContents } from 'electron';
import { openWebLink } from './external-links';

export interface HardeningOptions {
  /** True when a URL is our renderer page (window.ts `isRendererUrl`). */
  isAppUrl(url: string): boolean;
  warn?: (message: string) => void;
}

/**
 * The one permission granted: writing to the clipboard (Chromium asks for it before every
 * `navigator.clipboard.writeText`, which the inspector's copy buttons use), and only to our
 * own page. Everything else (camera, notifications, geolocation, clipboard reading, ...) is
 * refused, both when a page asks and when it merely checks.
 */
const GRANTED_TO_APP = new Set(['clipboard-sanitized-write']);

export function isPermissionGranted(permission: string, requestingUrl: string | undefined, isAppUrl: (url: string) => boolean): boolean {
  return GRANTED_TO_APP.has(permission) && requestingUrl !== undefined && isAppUrl(requestingUrl);
}

/** Permission requests, checks and device access for one session. */
export function restrictPermissions(session: Session, isAppUrl: (url: string) => boolean): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionGranted(permission, details.requestingUrl, isAppUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    isPermissionGranted(permission, details.requestingUrl, isAppUrl),
  );
  session.setDevicePermissionHandler(() => false);
}

/**
 * Hardens one web contents: it may navigate only to our renderer page, may not open windows
 * (http(s) links go to the system browser instead) and may not attach a <webview>.
 */
export function hardenWebContents(contents: WebContents, options: HardeningOptions): void {
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const keepOnApp = (event: { url: string; preventDefault(): void }, what: string): void => {
    if (options.isAppUrl(event.url)) return;
    event.preventDefault();
    warn(`Blocked ${what} to ${event.url.slice(0, 100)}.`);
  };
  contents.on('will-navigate', (event) => keepOnApp(event, 'a navigation'));
  // Sub-frames too: will-navigate covers only the main frame.
  contents.on('will-frame-navigate', (event) => keepOnApp(event, 'a frame navigation'));
  contents.on('will-redirect', (event) => keepOnApp(event, 'a redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    warn('Blocked a <webview>.');
  });
  contents.setWindowOpenHandler(({ url }) => {
    openWebLink(url, warn);
    return { action: 'deny' };
  });
}

/**
 * Applies the hardening to every web contents the app will ever create (windows, frames,
 * anything added later), so nothing depends on remembering to call it. Install before the
 * first window.
 */
export function installHardening(app: App, options: HardeningOptions): void {
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, options);
    restrictPermissions(contents.session, options.isAppUrl);
  });
}
