// main/index.ts launched afresh in each test, on the Electron stand-in and fake cores. A test file
// hands `electron` and createCore to the factories here, then calls freshDesktop() before each
// launch (or desktopInNewDataFolderEachTest once) so that the next import of main/index.ts meets a
// new stand-in:
//   const { electronOfThisTest, fakeCreateCore } = await vi.hoisted(() => import('./desktop-per-test'));
//   vi.mock('electron', electronOfThisTest);
//   vi.mock('../../main/core/create-core', fakeCreateCore);
// A test file that launches main/index.ts once, with the real core, keeps its own stand-in and
// takes its folders from desktopInNewFolder.
import { afterAll, afterEach, beforeEach, expect, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result, StartFailure } from '../../main/contract/api';
import type { CoreOptions } from '../../main/core/core-options';
import { clickMenuItem, createElectronStandIn, findMenuItem, type ElectronStandIn, type FakeBrowserWindow } from './electron-stand-in';
import { createFakeCore, type FakeCore } from './fake-core';

type ListenResult = Result<{ host: string; port: number; baseUrl: string }, StartFailure>;

export interface DesktopOfThisTest {
  /** The stand-in the `electron` module is for main/index.ts's current import. */
  electron: ElectronStandIn;
  /** The fake cores createCore made since freshDesktop(), in order. */
  cores: FakeCore[];
  /** What each fake core's listen answers, and what its stop waits for before it is done. */
  coreHooks: { startResult(): ListenResult; stopped: Promise<void> };
}

const LISTENING: ListenResult = { ok: true, value: { host: '127.0.0.1', port: 8787, baseUrl: 'http://127.0.0.1:8787' } };

// On globalThis, not in this module: vi.resetModules() drops this module from the registry too, and a
// factory or a test that imported it again would otherwise hold a second desktop nobody else sees.
const holder = globalThis as { desktopOfThisTest?: DesktopOfThisTest };
export const desktop: DesktopOfThisTest = (holder.desktopOfThisTest ??= {
  electron: null as unknown as ElectronStandIn,
  cores: [],
  coreHooks: { startResult: () => LISTENING, stopped: Promise.resolve() },
});

/** A new stand-in, no cores, cores that listen and stop at once, and main/index.ts to be imported anew. */
export function freshDesktop(): DesktopOfThisTest {
  desktop.electron = createElectronStandIn();
  desktop.cores = [];
  desktop.coreHooks = { startResult: () => LISTENING, stopped: Promise.resolve() };
  vi.resetModules();
  return desktop;
}

/** vi.mock factory for `electron`: getters, so each launch reads the stand-in of its moment. */
export function electronOfThisTest(): ElectronStandIn['module'] {
  const keys = Object.keys(createElectronStandIn().module) as Array<keyof ElectronStandIn['module']>;
  const getters = keys.map((key) => [key, { get: () => desktop.electron.module[key], enumerable: true }]);
  return Object.defineProperties({}, Object.fromEntries(getters)) as ElectronStandIn['module'];
}

/** vi.mock factory for main/core/create-core: each createCore makes a fake core, kept in desktop.cores. */
export function fakeCreateCore(): { createCore(options: CoreOptions): FakeCore } {
  return {
    createCore: (options) => {
      const core = createFakeCore(options, { calls: desktop.electron.calls, ...desktop.coreHooks });
      desktop.cores.push(core);
      return core;
    },
  };
}

/**
 * Imports main/index.ts and waits until it shows its window, or its tray (made after the window):
 * the core it made and its window.
 */
export async function launch(shown: 'window' | 'tray' = 'window'): Promise<{ core: FakeCore; win: FakeBrowserWindow }> {
  await import('../../main/index');
  await vi.waitFor(() => expect(shown === 'tray' ? desktop.electron.native.trays : desktop.electron.windows).toHaveLength(1));
  const [core] = desktop.cores;
  const [win] = desktop.electron.windows;
  if (!core || !win) throw new Error('main/index.ts made no core or no window');
  return { core, win };
}

/** Clicks Quit in the tray's menu, as the person would. */
export function quitFromTray(): void {
  clickMenuItem(findMenuItem(desktop.electron.native.trays[0]?.menu?.template ?? [], 'Quit'));
}

/**
 * For a test file whose every test starts from nothing: before each, a fresh desktop whose data
 * folder (FLOWENT_COMPANION_DATA_DIR) is a new temp folder and whose page is the built one; after
 * each, the environment restored and the folder removed. Gives the running test's data folder.
 */
export function desktopInNewDataFolderEachTest(prefix: string): () => string {
  let dataDir = '';
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), prefix));
    freshDesktop();
    vi.unstubAllEnvs();
    vi.stubEnv('FLOWENT_COMPANION_DATA_DIR', dataDir);
    vi.stubEnv('ELECTRON_RENDERER_URL', undefined);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return () => dataDir;
}

/**
 * For a test file that launches main/index.ts once, on its own stand-in `electron` and the real
 * core: a new temp folder whose data/ is the data folder (FLOWENT_COMPANION_DATA_DIR) and app/ the
 * app's path, and the built page; after the file's tests, the environment restored and the folder
 * removed. Gives the folder.
 */
export function desktopInNewFolder(electron: ElectronStandIn, prefix: string): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  vi.stubEnv('FLOWENT_COMPANION_DATA_DIR', join(root, 'data'));
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined);
  electron.state.appPath = join(root, 'app');
  afterAll(() => {
    vi.unstubAllEnvs();
    rmSync(root, { recursive: true, force: true });
  });
  return root;
}
