/**
 * The native-UI parts of the Electron stand-in (see electron-stand-in.ts): menus, the tray,
 * images, the clipboard, notifications and displays. They record what main asks of them; a
 * test plays the user by calling a recorded menu item's `click`.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface FakeNativeState {
  applicationMenu: FakeMenu | null;
  trays: FakeTray[];
  clipboardText: string | null;
  notifications: Array<{ title: string; body: string }>;
  /** Plays a click on the notification shown last. */
  clickNotification(): void;
  notificationsSupported: boolean;
  displays: Array<{ workArea: { x: number; y: number; width: number; height: number } }>;
}

export class FakeMenu {
  constructor(readonly template: MenuItemConstructorOptions[]) {}
}

/** Finds a menu item by label or role, through submenus. */
export function findMenuItem(template: MenuItemConstructorOptions[], match: string): MenuItemConstructorOptions | undefined {
  for (const item of template) {
    if (item.label === match || item.role === match) return item;
    if (Array.isArray(item.submenu)) {
      const found = findMenuItem(item.submenu, match);
      if (found) return found;
    }
  }
  return undefined;
}

/** Plays a click on a menu item, as Electron would call it. */
export function clickMenuItem(item: MenuItemConstructorOptions | undefined, checked?: boolean): void {
  if (!item?.click) throw new Error(`menu item ${item?.label ?? '(missing)'} has no click handler`);
  const menuItem = { ...item, checked: checked ?? item.checked ?? false };
  (item.click as (menuItem: unknown, win: unknown, event: unknown) => void)(menuItem, undefined, {});
}

export class FakeTray {
  readonly listeners = new Map<string, Array<() => void>>();
  tooltip = '';
  menu: FakeMenu | null = null;
  destroyed = false;
  constructor(readonly image: unknown) {}
  on(name: string, listener: () => void): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: FakeMenu): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export function createFakeNative(calls: string[]) {
  const state: FakeNativeState = {
    applicationMenu: null,
    trays: [],
    clipboardText: null,
    notifications: [],
    clickNotification: () =>
      shown
        .at(-1)
        ?.listeners.get('click')
        ?.forEach((listener) => listener()),
    notificationsSupported: true,
    displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1050 } }],
  };

  class Tray extends FakeTray {
    constructor(image: unknown) {
      super(image);
      state.trays.push(this);
      calls.push('Tray');
    }
  }

  const shown: Notification[] = [];
  class Notification {
    readonly listeners = new Map<string, Array<() => void>>();
    static isSupported(): boolean {
      return state.notificationsSupported;
    }
    constructor(readonly options: { title: string; body: string }) {}
    on(name: string, listener: () => void): this {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      return this;
    }
    show(): void {
      shown.push(this);
      state.notifications.push({ title: this.options.title, body: this.options.body });
    }
  }

  const module = {
    Menu: {
      buildFromTemplate: (template: MenuItemConstructorOptions[]) => new FakeMenu(template),
      setApplicationMenu(menu: FakeMenu | null) {
        calls.push('Menu.setApplicationMenu');
        state.applicationMenu = menu;
      },
    },
    Tray,
    Notification,
    nativeImage: {
      createFromPath: (path: string) => ({
        path,
        resize: (size: { width: number; height: number }) => ({ path, size }),
      }),
    },
    clipboard: {
      writeText(text: string) {
        state.clipboardText = text;
      },
    },
    screen: {
      getAllDisplays: () => state.displays,
    },
  };
  return { state, module };
}
