import type { MenuItemConstructorOptions } from 'electron';

/** Help menu links; opened in the system browser after the http(s) check in external-links.ts. */
export const HELP_LINKS: ReadonlyArray<{ label: string; url: string }> = [
  { label: 'Flowent Documentation', url: 'https://docs.flowent.chat' },
  { label: 'Your ngrok Authtoken', url: 'https://dashboard.ngrok.com/get-started/your-authtoken' },
];

export interface AppMenuInput {
  platform: NodeJS.Platform;
  appName: string;
  /** Developer tools only in a development build. */
  isPackaged: boolean;
  notifyOnFailures: boolean;
  /** False where the desktop shows no notifications (`Notification.isSupported()`): the setting could not work. */
  notificationsSupported: boolean;
  /**
   * The label of the URL copyWebhookUrl copies, the tray's first (Copy Public URL while the tunnel
   * is online); null while the server is not running, when there is none to copy.
   */
  webhookCopy: { label: string } | null;
  copyWebhookUrl(): void;
  /** Asks for a project folder (flowent/) whose files then hold the answers and actions. */
  openProjectFolder(): void;
  setNotifyOnFailures(on: boolean): void;
  openLink(url: string): void;
}

/**
 * The application menu, built from Electron's roles so every platform gets its native
 * shortcuts (roles carry their accelerators: Cmd/Ctrl+C, Cmd/Ctrl+Q, ...). The macOS layout
 * (app menu first, Window menu with `front`) is used on macOS; elsewhere Quit sits in File.
 * Items that cannot work now are disabled; rebuild it when the status changes, as the tray is.
 */
export function buildAppMenuTemplate(input: AppMenuInput): MenuItemConstructorOptions[] {
  const mac = input.platform === 'darwin';
  const appMenu: MenuItemConstructorOptions = {
    label: input.appName,
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open Project Folder...', accelerator: 'CmdOrCtrl+O', click: () => input.openProjectFolder() },
      { type: 'separator' },
      // No accelerator: the window's own single-key shortcut (c) copies it, and the combinations
      // left free are taken elsewhere (Ctrl+Shift+C opens the element picker in browsers).
      { label: input.webhookCopy?.label ?? 'Copy Webhook URL', enabled: input.webhookCopy !== null, click: () => input.copyWebhookUrl() },
      {
        label: 'Notify on Failed Calls',
        type: 'checkbox',
        enabled: input.notificationsSupported,
        checked: input.notificationsSupported && input.notifyOnFailures,
        click: (item) => input.setNotifyOnFailures(item.checked),
      },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? ([{ role: 'pasteAndMatchStyle' }] as const) : []),
      { role: 'delete' },
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'reload' },
      { role: 'forceReload' },
      ...(input.isPackaged ? [] : ([{ role: 'toggleDevTools' }] as const)),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const window: MenuItemConstructorOptions = {
    role: 'window',
    submenu: mac
      ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'zoom' }, { role: 'close' }],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: HELP_LINKS.map(({ label, url }) => ({ label, click: () => input.openLink(url) })),
  };
  return [...(mac ? [appMenu] : []), file, edit, view, window, help];
}
