// The Electron security checklist items the shell owns: CSP header, navigation, new windows,
// webviews and permissions, for every web contents (installed through 'web-contents-created').
import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { fakeEvent, FakeSession, FakeWebContents, tryNavigate } from './electron-stand-in';

const electron = await vi.hoisted(async () => (await import('./electron-stand-in')).createElectronStandIn());
vi.mock('electron', () => electron.module);

const { CONTENT_SECURITY_POLICY, installCspHeader, withCsp } = await import('../../main/desktop/csp');
const { installHardening, restrictPermissions } = await import('../../main/desktop/hardening');
const { isExternalWebLink, openWebLink } = await import('../../main/desktop/external-links');
const { createMainWindow, isRendererUrl } = await import('../../main/desktop/window');

const BUILT = '/app/out/renderer/index.html';
const APP_URL = pathToFileURL(BUILT).href;
const isAppUrl = (url: string) => isRendererUrl(url, { kind: 'file', path: BUILT });
const warn = vi.fn();
installHardening(electron.module.app as never, { isAppUrl, warn });

/** A web contents Electron creates later: a window, a frame's contents, anything. */
function laterContents(): FakeWebContents {
  const contents = new FakeWebContents(new FakeSession());
  electron.module.app.emit('web-contents-created', fakeEvent(), contents);
  return contents;
}

describe('Content-Security-Policy', () => {
  it('is the same policy as the meta tag in renderer/index.html', () => {
    const html = readFileSync('renderer/index.html', 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'self'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/object-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
  });

  it('is added to every response, replacing any policy the server sent, keeping other headers', () => {
    const session = new FakeSession();
    installCspHeader(session);
    const headers = session.respond('http://localhost:5173/', {
      'content-type': ['text/html'],
      'content-security-policy': ['default-src *'],
    });
    expect(headers).toEqual({ 'content-type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(session.respond('http://localhost:5173/src/main.tsx', {})).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(withCsp(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('every web contents, including ones created later', () => {
  it('covers the main window too', () => {
    createMainWindow({ preloadPath: '/p.js', target: { kind: 'file', path: BUILT } });
    const win = electron.windows.at(-1)!;
    expect(tryNavigate(win.webContents, 'will-navigate', 'https://example.com/')).toBe(true);
    expect(win.webContents.windowOpenHandler).not.toBeNull();
  });

  it('may navigate only to the renderer page, in any frame and through redirects', () => {
    const contents = laterContents();
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect'] as const) {
      for (const url of [
        'https://example.com/',
        'http://127.0.0.1:8787/',
        'file:///etc/passwd',
        'javascript:alert(1)',
        'data:text/html,x',
      ]) {
        expect(tryNavigate(contents, event, url), `${event} ${url}`).toBe(true);
      }
      expect(tryNavigate(contents, event, APP_URL)).toBe(false);
      expect(tryNavigate(contents, event, APP_URL + '#/calls/3')).toBe(false);
    }
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/Blocked a navigation to https:\/\/example\.com/));
  });

  it('opens no windows: http(s) links go to the system browser, other schemes nowhere', () => {
    const contents = laterContents();
    const open = contents.windowOpenHandler!;
    const before = electron.openedExternally.length;
    for (const url of ['https://flowent.example/docs', 'http://127.0.0.1:8787/x']) expect(open({ url })).toEqual({ action: 'deny' });
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'vbscript:x', 'garbage', '']) {
      expect(open({ url })).toEqual({ action: 'deny' });
    }
    expect(electron.openedExternally.slice(before)).toEqual(['https://flowent.example/docs', 'http://127.0.0.1:8787/x']);
  });

  it('refuses to attach a <webview>', () => {
    const contents = laterContents();
    const attach = fakeEvent({});
    contents.emit('will-attach-webview', attach, { preload: '/evil.js' }, { src: 'https://evil.example/' });
    expect(attach.defaultPrevented).toBe(true);
  });

  it('denies permission requests and checks, but for clipboard writes by our own page', () => {
    const { session } = laterContents();
    const ask = (permission: string, requestingUrl: string) => {
      const callback = vi.fn();
      session.permissionRequestHandler?.(null, permission, callback, { requestingUrl });
      return callback.mock.calls[0]?.[0] as boolean;
    };
    const check = (permission: string, requestingUrl?: string) =>
      session.permissionCheckHandler?.(null, permission, 'file:///', { requestingUrl });
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown']) {
      expect(ask(permission, APP_URL), permission).toBe(false);
      expect(check(permission, APP_URL), permission).toBe(false);
    }
    expect(ask('clipboard-sanitized-write', APP_URL)).toBe(true);
    expect(check('clipboard-sanitized-write', APP_URL)).toBe(true);
    expect(ask('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(check('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(check('clipboard-sanitized-write', undefined)).toBe(false);
    expect(session.devicePermissionHandler?.({ deviceType: 'usb' })).toBe(false);
  });

  it('the default session gets the same permission rules', () => {
    const session = new FakeSession();
    restrictPermissions(session as never, isAppUrl);
    expect(session.permissionCheckHandler?.(null, 'media', '', { requestingUrl: APP_URL })).toBe(false);
    expect(session.permissionCheckHandler?.(null, 'clipboard-sanitized-write', '', { requestingUrl: APP_URL })).toBe(true);
  });
});

describe('external links', () => {
  it('opens only http(s) links, after checking the scheme', () => {
    const before = electron.openedExternally.length;
    const refused = vi.fn();
    expect(openWebLink('https://flowent.example/', refused)).toBe(true);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'ms-settings:', 'HTTPS//no-colon']) {
      expect(openWebLink(url, refused)).toBe(false);
      expect(isExternalWebLink(url)).toBe(false);
    }
    expect(refused).toHaveBeenCalledTimes(4);
    expect(electron.openedExternally.slice(before)).toEqual(['https://flowent.example/']);
  });
});
