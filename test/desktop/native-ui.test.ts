import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { CoreStatus } from '../../main/contract/api';
import { tunnelReasonWords } from '../../main/contract/words';
import { clickMenuItem, findMenuItem } from './electron-stand-in';

const electron = await vi.hoisted(async () => (await import('./electron-stand-in')).createElectronStandIn());
vi.mock('electron', () => electron.module);

const { HELP_LINKS, buildAppMenuTemplate } = await import('../../main/desktop/app-menu');
const { buildTrayMenuTemplate, coreTrayStatus, createTray, trayIconSize } = await import('../../main/desktop/tray');

const STATUS = {
  webhookBaseUrl: 'http://127.0.0.1:8787',
  host: '127.0.0.1',
  port: 8787,
  hmacKey: { set: true, source: 'keychain' },
  tunnel: { state: 'online', url: 'https://abc.ngrok.app', reason: null },
} as CoreStatus;

function menu(platform: NodeJS.Platform, overrides: Partial<Parameters<typeof buildAppMenuTemplate>[0]> = {}) {
  const spies = {
    copyWebhookUrl: vi.fn(),
    openProjectFolder: vi.fn(),
    setNotifyOnFailures: vi.fn<(on: boolean) => void>(),
    openLink: vi.fn<(url: string) => void>(),
  };
  const input = {
    platform,
    appName: 'Flowent Companion',
    isPackaged: true,
    notifyOnFailures: false,
    notificationsSupported: true,
    webhookCopy: { label: 'Copy Webhook URL' },
    ...spies,
    ...overrides,
  };
  return { input: spies, template: buildAppMenuTemplate(input) };
}
const roles = (item: MenuItemConstructorOptions | undefined) =>
  (item?.submenu as MenuItemConstructorOptions[]).map((entry) => entry.role ?? entry.label ?? entry.type);

describe('application menu', () => {
  it('on macOS: app menu first, then File, Edit, View, Window, Help, built from roles', () => {
    const { template } = menu('darwin');
    expect(template.map((item) => item.label ?? item.role)).toEqual(['Flowent Companion', 'File', 'Edit', 'View', 'window', 'help']);
    expect(roles(template[0])).toEqual([
      'about',
      'separator',
      'services',
      'separator',
      'hide',
      'hideOthers',
      'unhide',
      'separator',
      'quit',
    ]);
    expect(roles(template[1])).toContain('close');
    expect(roles(template[2])).toEqual(['undo', 'redo', 'separator', 'cut', 'copy', 'paste', 'pasteAndMatchStyle', 'delete', 'selectAll']);
    expect(roles(template[4])).toEqual(['minimize', 'zoom', 'separator', 'front']);
  });

  it('elsewhere: no app menu, Quit in File, and the same edit and view roles', () => {
    const { template } = menu('linux');
    expect(template.map((item) => item.label ?? item.role)).toEqual(['File', 'Edit', 'View', 'window', 'help']);
    expect(roles(template[0])).toContain('quit');
    expect(roles(template[1])).toEqual(['undo', 'redo', 'separator', 'cut', 'copy', 'paste', 'delete', 'selectAll']);
    expect(roles(template[2])).toEqual([
      'reload',
      'forceReload',
      'separator',
      'resetZoom',
      'zoomIn',
      'zoomOut',
      'separator',
      'togglefullscreen',
    ]);
  });

  it('offers developer tools only in a development build', () => {
    expect(findMenuItem(menu('linux').template, 'toggleDevTools')).toBeUndefined();
    expect(findMenuItem(menu('linux', { isPackaged: false }).template, 'toggleDevTools')).toBeDefined();
  });

  it('has its own items: copy the webhook URL (no key of its own: the window has c), the notification setting', () => {
    const { template, input } = menu('win32', { notifyOnFailures: true });
    const copy = findMenuItem(template, 'Copy Webhook URL');
    expect(copy?.accelerator).toBeUndefined();
    clickMenuItem(copy);
    expect(input.copyWebhookUrl).toHaveBeenCalled();
    const notify = findMenuItem(template, 'Notify on Failed Calls');
    expect(notify).toMatchObject({ type: 'checkbox', checked: true, enabled: true });
    clickMenuItem(notify, false);
    expect(input.setNotifyOnFailures).toHaveBeenCalledWith(false);
  });

  it('disables what cannot work: copying while nothing listens, the notification setting where there are none', () => {
    const { template } = menu('linux', { webhookCopy: null, notificationsSupported: false, notifyOnFailures: true });
    expect(findMenuItem(template, 'Copy Webhook URL')).toMatchObject({ enabled: false });
    expect(findMenuItem(template, 'Notify on Failed Calls')).toMatchObject({ enabled: false, checked: false });
  });

  it('Help links go through the link opener (which checks the scheme), one per link', () => {
    const { template, input } = menu('linux');
    const help = template.at(-1)?.submenu as MenuItemConstructorOptions[];
    expect(help.map((item) => item.label)).toEqual(HELP_LINKS.map((link) => link.label));
    help.forEach((item) => clickMenuItem(item));
    expect(input.openLink.mock.calls.map(([url]) => url)).toEqual(HELP_LINKS.map((link) => link.url));
    for (const { url } of HELP_LINKS) expect(url).toMatch(/^https:\/\//);
  });
});

describe('tray', () => {
  const OFFLINE = { ...STATUS, tunnel: { state: 'offline', url: null, reason: null } } as CoreStatus;

  it('shows the server status and the webhook base URL from the core status, the URL the page copies', () => {
    expect(coreTrayStatus(OFFLINE)).toEqual({
      copies: [{ label: 'Copy Webhook URL', url: STATUS.webhookBaseUrl }],
      lines: ['Server: listening on 127.0.0.1:8787', 'Webhook base URL: http://127.0.0.1:8787', 'Tunnel: off', 'HMAC key: set (keychain)'],
    });
    expect(coreTrayStatus(null)).toEqual({ copies: [], lines: ['Server: not running'] });
    // A key the keychain cannot read back is said so (Settings says what to do), not "not set".
    const unreadable = { ...STATUS, hmacKey: { set: false, source: null, unreadable: true as const } };
    expect(coreTrayStatus(unreadable).lines.at(-1)).toBe('HMAC key: saved but unreadable (open Settings)');
    expect(coreTrayStatus({ ...STATUS, hmacKey: { set: false, source: null } }).lines.at(-1)).toBe('HMAC key: not set');
    expect(coreTrayStatus({ ...STATUS, webhookBaseUrl: null })).toEqual({ copies: [], lines: ['Server: not running'] });
  });

  it('while the tunnel is online, offers the public URL first, and this computer’s labelled as local', () => {
    const actions = { open: vi.fn(), quit: vi.fn() };
    const template = buildTrayMenuTemplate(coreTrayStatus(STATUS), actions);
    expect(template.map((item) => item.label ?? item.type)).toEqual([
      'Server: listening on 127.0.0.1:8787',
      'Public URL: https://abc.ngrok.app',
      'Local URL: http://127.0.0.1:8787 (this computer only)',
      'Tunnel: online',
      'HMAC key: set (keychain)',
      'separator',
      'Copy Public URL',
      'Copy Local URL',
      'Open Flowent Companion',
      'separator',
      'Quit',
    ]);
    clickMenuItem(findMenuItem(template, 'Copy Public URL'));
    expect(electron.native.clipboardText).toBe('https://abc.ngrok.app');
    clickMenuItem(findMenuItem(template, 'Copy Local URL'));
    expect(electron.native.clipboardText).toBe(STATUS.webhookBaseUrl);
    // Reconnecting, the last public URL reaches nothing: this computer's is the one to copy.
    const reconnecting = { ...STATUS, tunnel: { state: 'reconnecting', url: 'https://abc.ngrok.app', reason: null } } as CoreStatus;
    expect(coreTrayStatus(reconnecting).copies).toEqual([{ label: 'Copy Webhook URL', url: STATUS.webhookBaseUrl }]);
    expect(coreTrayStatus(reconnecting).lines).toContain('Tunnel: reconnecting');
  });

  it('says why the tunnel is offline in the words the page’s Public URL panel uses, not by its code', () => {
    const reason = { code: 'tunnel-authtoken-invalid', ngrokCode: 'ERR_NGROK_107' } as const;
    const refused = { ...STATUS, tunnel: { state: 'offline', url: null, reason } } as CoreStatus;
    const line = coreTrayStatus(refused).lines.find((label) => label.startsWith('Tunnel:'));
    expect(line).toBe(`Tunnel: offline: ${tunnelReasonWords(reason)}`);
    expect(line).toBe(
      'Tunnel: offline: ngrok rejected the authtoken: it is well formed but not valid (reset or revoked?) (ERR_NGROK_107).',
    );
  });

  it('menu: status lines (not clickable), Copy Webhook URL, Open, Quit', () => {
    const actions = { open: vi.fn(), quit: vi.fn() };
    const template = buildTrayMenuTemplate(coreTrayStatus(OFFLINE), actions);
    expect(template.map((item) => item.label ?? item.type)).toEqual([
      'Server: listening on 127.0.0.1:8787',
      'Webhook base URL: http://127.0.0.1:8787',
      'Tunnel: off',
      'HMAC key: set (keychain)',
      'separator',
      'Copy Webhook URL',
      'Open Flowent Companion',
      'separator',
      'Quit',
    ]);
    expect(template.slice(0, 4).every((item) => item.enabled === false)).toBe(true);
    clickMenuItem(findMenuItem(template, 'Copy Webhook URL'));
    expect(electron.native.clipboardText).toBe(STATUS.webhookBaseUrl);
    clickMenuItem(findMenuItem(template, 'Open Flowent Companion'));
    clickMenuItem(findMenuItem(template, 'Quit'));
    expect([actions.open.mock.calls.length, actions.quit.mock.calls.length]).toEqual([1, 1]);
  });

  it('cannot copy a URL while nothing listens', () => {
    const template = buildTrayMenuTemplate(coreTrayStatus(null), { open: vi.fn(), quit: vi.fn() });
    const copy = findMenuItem(template, 'Copy Webhook URL');
    expect(copy?.enabled).toBe(false);
    expect(copy?.click).toBeUndefined();
  });

  it('takes its lines from a provider, so a tunnel line can be added later, and refreshes on demand', () => {
    let status = coreTrayStatus(null);
    const tray = createTray({
      iconPath: '/icon.png',
      platform: 'linux',
      getStatus: () => ({ ...status, lines: [...status.lines, 'Tunnel: not set up'] }),
      actions: { open: vi.fn(), quit: vi.fn() },
    });
    const fake = electron.native.trays.at(-1)!;
    expect(fake.image).toEqual({ path: '/icon.png', size: { width: 22, height: 22 } });
    expect(fake.menu?.template.map((item) => item.label)).toContain('Tunnel: not set up');
    status = coreTrayStatus(STATUS);
    tray.refresh();
    expect(fake.menu?.template[0]?.label).toBe('Server: listening on 127.0.0.1:8787');
    expect(fake.tooltip).toBe('Flowent Companion\nServer: listening on 127.0.0.1:8787');
    tray.destroy();
    expect(fake.destroyed).toBe(true);
    expect([trayIconSize('darwin'), trayIconSize('win32')]).toEqual([16, 16]);
  });
});
