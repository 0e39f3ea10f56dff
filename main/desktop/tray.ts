import { clipboard, Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import { hereFactsOf, type CoreStatus } from '../contract/api';
import { EDGE_SPACE, tunnelReasonWords, tunnelRetryWords } from '../contract/words';

/** A URL the tray (and the File menu) can put on the clipboard, with its menu item's label. */
export interface UrlCopy {
  label: string;
  url: string;
}

/**
 * What the tray shows. Built by a provider function so other parts can add their lines
 * without the tray knowing about them.
 */
export interface TrayStatus {
  /** The URLs to copy, the one to give Flowent first; none while nothing listens. */
  copies: UrlCopy[];
  /** Read-only status lines, shown in order at the top of the menu. */
  lines: string[];
}
export type TrayStatusProvider = () => TrayStatus;

/** Disabled in its place while there is nothing to copy: the item says what the tray can copy once the server runs. */
const NOTHING_TO_COPY = 'Copy Webhook URL';

/**
 * The core's part of the tray status. What is copied first is the webhook base URL to give
 * Flowent, as the page's header button and its `c` key copy it (README: an action's webhook_url
 * adds `/actions/<action_name>`): the tunnel's public URL while it is online (Flowent in the
 * cloud cannot reach 127.0.0.1), with this computer's beside it, labelled as such; else this
 * computer's. The app hands out one URL wherever it is copied from.
 */
export function coreTrayStatus(status: CoreStatus | null): TrayStatus {
  if (!status?.webhookBaseUrl) return { copies: [], lines: ['Server: not running'] };
  const local = status.webhookBaseUrl;
  const key = hmacKeyLine(status.hmacKey);
  const server = `Server: listening on ${status.host}:${status.port ?? '?'}`;
  const { publicUrl } = hereFactsOf(status);
  if (publicUrl) {
    return {
      copies: [
        { label: 'Copy Public URL', url: publicUrl },
        { label: 'Copy Local URL', url: local },
      ],
      lines: [server, `Public URL: ${publicUrl}`, `Local URL: ${local} (this computer only)`, tunnelLine(status.tunnel), key],
    };
  }
  return {
    copies: [{ label: 'Copy Webhook URL', url: local }],
    lines: [server, `Webhook base URL: ${local}`, tunnelLine(status.tunnel), key],
  };
}

/** The URL the File menu's copy item gives (the tray's first), with its label; null while nothing listens. */
export function urlToGive(status: TrayStatus): UrlCopy | null {
  return status.copies[0] ?? null;
}

/**
 * The key's line: a saved key the keychain cannot read is no key for checking, but is not "not
 * set" either; a key with a space or line break at an edge is set, but said so, as serve and the
 * page say it: signatures made with the key without it do not match.
 */
function hmacKeyLine(key: CoreStatus['hmacKey']): string {
  if (key.set) return `HMAC key: set (${key.source ?? 'unknown source'}${key.edgeSpace ? `; ${EDGE_SPACE}` : ''})`;
  return key.unreadable ? 'HMAC key: saved but unreadable (open Settings)' : 'HMAC key: not set';
}

export interface TrayActions {
  open(): void;
  quit(): void;
}

/** The tunnel's state; why it is offline in the words the page's Public URL panel starts with (what to do is there). */
function tunnelLine(tunnel: CoreStatus['tunnel']): string {
  switch (tunnel.state) {
    case 'online':
      return 'Tunnel: online';
    case 'connecting':
      return 'Tunnel: connecting';
    case 'reconnecting':
      return `Tunnel: ${tunnelRetryWords(tunnel).doing}`;
    case 'offline':
      return tunnel.reason ? `Tunnel: offline: ${tunnelReasonWords(tunnel.reason)}` : 'Tunnel: off';
    default: {
      const unknown: never = tunnel.state;
      return `Tunnel: ${String(unknown)}`;
    }
  }
}

export function buildTrayMenuTemplate(status: TrayStatus, actions: TrayActions): MenuItemConstructorOptions[] {
  const copies: MenuItemConstructorOptions[] =
    status.copies.length === 0
      ? [{ label: NOTHING_TO_COPY, enabled: false }]
      : status.copies.map(({ label, url }) => ({ label, click: () => clipboard.writeText(url) }));
  return [
    ...status.lines.map((label): MenuItemConstructorOptions => ({ label, enabled: false })),
    { type: 'separator' },
    ...copies,
    { label: 'Open Flowent Companion', click: () => actions.open() },
    { type: 'separator' },
    { label: 'Quit', click: () => actions.quit() },
  ];
}

/**
 * Told once, the first time the window is closed while the tray icon is there (Windows, Linux):
 * closing the window no longer quits, and the person must know the companion still receives calls.
 */
export const KEEPS_RUNNING_NOTICE = {
  title: 'Flowent Companion is still running',
  body: 'It keeps receiving webhook calls, and the tunnel stays open. Open it from the tray icon or by starting it again; Quit in the tray menu stops it.',
};

export interface CompanionTray {
  /** Rebuilds the menu from the provider; call when the status changes. */
  refresh(): void;
  destroy(): void;
}

/** Tray icons are small; the app icon is 512 px. macOS menu bars are 22 pt, Windows uses 16 px. */
export function trayIconSize(platform: NodeJS.Platform): number {
  return platform === 'linux' ? 22 : 16;
}

export function createTray(input: {
  iconPath: string;
  platform: NodeJS.Platform;
  getStatus: TrayStatusProvider;
  actions: TrayActions;
}): CompanionTray {
  const size = trayIconSize(input.platform);
  const tray = new Tray(nativeImage.createFromPath(input.iconPath).resize({ width: size, height: size }));
  // Windows and most Linux trays open the app on a click; macOS opens the menu.
  if (input.platform !== 'darwin') tray.on('click', () => input.actions.open());
  const refresh = (): void => {
    const status = input.getStatus();
    tray.setToolTip(['Flowent Companion', ...status.lines.slice(0, 1)].join('\n'));
    tray.setContextMenu(Menu.buildFromTemplate(buildTrayMenuTemplate(status, input.actions)));
  };
  refresh();
  return { refresh, destroy: () => tray.destroy() };
}
