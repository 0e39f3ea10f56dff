import { clipboard, Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import type { CoreStatus } from '../contract/api';
import { EDGE_SPACE } from '../contract/words';

/**
 * What the tray shows. Built by a provider function so other parts can add their lines
 * later (the tunnel's status, once there is a tunnel) without the tray knowing about them.
 */
export interface TrayStatus {
  /** The URL "Copy Webhook URL" puts on the clipboard; null while nothing listens. */
  webhookUrl: string | null;
  /** Read-only status lines, shown in order at the top of the menu. */
  lines: string[];
}
export type TrayStatusProvider = () => TrayStatus;

/**
 * The core's part of the tray status. The URL copied is the webhook base URL, as the page's
 * header button and its `c` key copy it (README: an action's webhook_url adds
 * `/actions/<action_name>`), so the app hands out one URL wherever it is copied from.
 */
export function coreTrayStatus(status: CoreStatus | null): TrayStatus {
  if (!status?.webhookBaseUrl) return { webhookUrl: null, lines: ['Server: not running'] };
  const webhookUrl = status.webhookBaseUrl;
  const key = hmacKeyLine(status.hmacKey);
  return {
    webhookUrl,
    lines: [`Server: listening on ${status.host}:${status.port ?? '?'}`, `Webhook base URL: ${webhookUrl}`, tunnelLine(status.tunnel), key],
  };
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

function tunnelLine(tunnel: CoreStatus['tunnel']): string {
  switch (tunnel.state) {
    case 'online':
      return `Tunnel: ${tunnel.url ?? 'online'}`;
    case 'connecting':
      return 'Tunnel: connecting';
    case 'reconnecting':
      return 'Tunnel: reconnecting';
    case 'offline':
      return tunnel.reason ? `Tunnel: offline (${tunnel.reason.code})` : 'Tunnel: off';
    default: {
      const unknown: never = tunnel.state;
      return `Tunnel: ${String(unknown)}`;
    }
  }
}

export function buildTrayMenuTemplate(status: TrayStatus, actions: TrayActions): MenuItemConstructorOptions[] {
  const { webhookUrl } = status;
  return [
    ...status.lines.map((label): MenuItemConstructorOptions => ({ label, enabled: false })),
    { type: 'separator' },
    {
      label: 'Copy Webhook URL',
      enabled: webhookUrl !== null,
      click: () => {
        if (webhookUrl !== null) clipboard.writeText(webhookUrl);
      },
    },
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
