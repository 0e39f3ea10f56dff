import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { printedCount } from '../helpers/printed-count';
import { startServe, type ServeProcess } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { launchBrowser, type Browser } from './browser';

const BUILT_RENDERER = resolve(__dirname, '../../out/renderer/index.html');

/** What one end-to-end file drives: a real `serve`, its data folder, and Chromium on its inspector. */
export interface ServedInspector {
  server: ServeProcess;
  browser: Browser;
  page: Page;
  dataDir: string;
  /** Uncaught errors in the page: a crash unmounts the app, so a test can demand there are none. */
  pageErrors: string[];
  /** The rows of the history list. */
  rows(): Locator;
}

export interface ServeSetup {
  /** Flags besides --port 0 and --data-dir (added here). */
  args?: string[];
  env?: NodeJS.ProcessEnv;
  /** A stand-in for ngrok's edge for the tunnel (`FakeEdge.serverAddr`). */
  ngrokEdge?: string;
  /** A script node loads before serve (`ServeOptions.preload`), to put it in a situation (a full history). */
  preload?: string;
  /** Open the inspector page right away (default true). */
  open?: boolean;
  /** Runs once `serve` listens, before the page opens (e.g. calls the history should start with). */
  prepare?: (server: ServeProcess) => Promise<void>;
}

/**
 * For a whole test file: starts `serve` on a fresh data folder and Chromium, hands them to
 * `use`, and stops both after the file. `setup` is read when the file starts, after the
 * `beforeAll` hooks registered before this call (e.g. a handler whose URL goes in `--forward`).
 */
export function serveInspectorForFile(setup: () => ServeSetup, use: (served: ServedInspector) => void): void {
  const dataDir = makeTempDir();
  let server: ServeProcess | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!existsSync(BUILT_RENDERER)) throw new Error('The renderer is not built: run "npm run build" (npm test does it first).');
    const { args = [], env = {}, ngrokEdge, preload, open = true, prepare } = setup();
    server = await startServe(['--port', '0', '--data-dir', dataDir.path, ...args], env, { ngrokEdge, preload });
    if (!server.inspectorUrl) throw new Error(`serve printed no inspector URL:\n${server.output()}`);
    await prepare?.(server);
    browser = await launchBrowser();
    const page = browser.page;
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    if (open) await openInspector(page, server.inspectorUrl);
    const rows = () => page.locator('[role="listbox"][aria-label="Calls"] [role="option"]');
    use({ server, browser, page, dataDir: dataDir.path, pageErrors, rows });
  }, 90_000);
  // A failed test must not take the next ones with it: a dialog it left open would hide
  // every control they wait for, and they would all time out instead of the one that failed.
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && browser) await backToMainScreen(browser.page);
  });
  afterAll(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
    await server?.exited;
    dataDir.remove();
  });
}

/**
 * Opens the inspector and waits until it is ready to be used: the companion's status is
 * shown (the header has the webhook URL) and the history's first page is in (rows, or the
 * empty state). A test that starts earlier races the page's own first requests.
 */
export async function openInspector(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('webhook-base-url').waitFor();
  await page
    .getByRole('listbox', { name: 'Calls' })
    .getByRole('option')
    .or(page.getByRole('region', { name: /^No calls yet$|^No matching calls$/ }))
    .first()
    .waitFor();
}

/** Closes whatever dialog, menu or editor is open, as Esc does for a person. */
export async function backToMainScreen(page: Page): Promise<void> {
  for (let i = 0; i < 4 && (await page.locator('[role="dialog"], [role="menu"]').count()) > 0; i++) {
    await page.keyboard.press('Escape');
  }
}

/** How many calls the page's header says the history holds, as written there (`1,204`). */
export async function shownCallTotal(page: Page): Promise<number> {
  return printedCount(await page.locator('[aria-label="Call counts"] strong').first().textContent());
}
