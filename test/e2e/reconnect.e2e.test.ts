import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, screenshot, type Browser } from './browser';
import { postSigned } from '../helpers/flowent-signer';
import { startServe, type ServeProcess } from '../helpers/spawn-cli';
import { steadyPort } from '../helpers/steady-port';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { openInspector } from './served-inspector';
import { missingCallWords } from '../../main/contract/words';

const KEY = 'reconnect-key';
const { cleanups, tempDir } = cleanupsPerTest();

async function serve(args: string[]): Promise<ServeProcess> {
  const server = await startServe(args, { FLOWENT_HMAC_KEY: KEY });
  cleanups.push(() => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  });
  return server;
}

/** A signed create_ticket call to a serve's webhook. */
const send = (base: string, title: string) => postSigned(base, 'create_ticket', { title }, KEY);

/** Whether every part the page loads when first shown (the dialogs, the editor) has been fetched at idle. */
async function laterPartsFetched(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const wanted = [...document.querySelectorAll<HTMLLinkElement>('link[rel="prefetch"]')].map((link) => link.href);
    const fetched = performance
      .getEntriesByType('resource')
      .filter((entry) => (entry as PerformanceResourceTiming).responseStatus === 200)
      .map((entry) => entry.name);
    return wanted.length > 0 && wanted.every((href) => fetched.includes(href));
  });
}

/**
 * A serve on ports kept for a restart (the same args start it again on the same folder and ports),
 * with an inspector open in a browser on it. `beforeOpen` runs on the page before it loads.
 */
async function servedForRestart(beforeOpen?: (page: Page) => Promise<void>) {
  const dataDir = tempDir();
  const [port, inspectorPort] = [await steadyPort(), await steadyPort()];
  const args = ['--port', String(port), '--inspector-port', String(inspectorPort), '--data-dir', dataDir];
  const first = await serve(args);
  const browser: Browser = await launchBrowser();
  cleanups.push(() => browser.close());
  const page = browser.page;
  await beforeOpen?.(page);
  await openInspector(page, first.inspectorUrl!);
  const rows = page.locator('[role="listbox"][aria-label="Calls"] [role="option"]');
  return { args, first, page, rows };
}

it('an open inspector says it is reconnecting while the command is down, then shows the new calls', async () => {
  const { args, first, page, rows } = await servedForRestart();

  await send(first.baseUrl, 'before-restart');
  await expect.poll(() => rows.count()).toBe(1);

  first.child.kill('SIGTERM');
  await first.exited;
  await page.getByText(/reconnecting/i).waitFor({ timeout: 30_000 });
  await screenshot(page, 'reconnecting');

  // Same folder, same ports: the token is kept in the data folder, so the open tab is still authorised.
  const second = await serve(args);
  await send(second.baseUrl, 'after-restart');
  await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(2);
  await expect.poll(() => page.getByText(/reconnecting/i).count(), { timeout: 30_000 }).toBe(0);
  expect(await rows.first().textContent()).toContain('create_ticket');
}, 120_000);

it('while the command is down, a call clicked says it cannot be reached (not that it is gone) in one banner; after the restart it loads', async () => {
  const { args, first, page, rows } = await servedForRestart();
  const pane = page.getByRole('complementary', { name: 'Call details' });
  const banners = page.locator('.banners .banner');
  for (const title of ['older', 'newer']) await send(first.baseUrl, title);
  await expect.poll(() => rows.count()).toBe(2);
  const olderId = await rows.nth(1).getAttribute('data-call-id');

  await expect.poll(() => laterPartsFetched(page), { timeout: 15_000 }).toBe(true);
  first.child.kill('SIGTERM');
  await first.exited;
  await page.getByText(/reconnecting/i).waitFor({ timeout: 30_000 });
  await rows.nth(1).click();
  await expect.poll(() => pane.textContent()).toContain(`Call #${olderId} could not be loaded: the companion cannot be reached`);
  expect(await pane.textContent()).not.toContain(missingCallWords(Number(olderId), null));
  // The simulator asks for parameters, which fails, said in the simulator (the banner is behind its
  // overlay); its editor, fetched while the page was idle, opens all the same.
  await page.keyboard.press('s');
  const simulator = page.getByRole('dialog', { name: 'Simulate a Flowent call' });
  await expect
    .poll(() => simulator.getByRole('alert', { name: 'Simulator error' }).textContent())
    .toMatch(/^No parameters were generated: the companion could not be reached\./);
  await expect.poll(() => simulator.locator('.cm-editor').count()).toBe(1);
  expect(await simulator.getByRole('alert', { name: 'Load error' }).count()).toBe(0);
  expect(await rows.count()).toBe(2);
  await page.keyboard.press('Escape');
  const texts = await banners.allTextContents();
  expect(texts).toHaveLength(1);
  // On its own ports and data folder: the command as printed starts this companion again.
  expect(texts[0]).toContain(`start flowent-companion serve ${args.join(' ')} again`);
  await screenshot(page, 'reconnect-call-unreachable');

  await serve(args);
  await expect.poll(() => pane.getByTestId('verdict-line').count(), { timeout: 30_000 }).toBe(1);
  expect(await pane.textContent()).toContain('older');
  await expect.poll(() => banners.count()).toBe(0);
}, 120_000);

it('the Answers dialog first opened while the command is down opens all the same (fetched once idle), says why its settings are missing, and shows them once the command is back', async () => {
  const { args, first, page } = await servedForRestart();
  await expect.poll(() => laterPartsFetched(page), { timeout: 15_000 }).toBe(true);
  first.child.kill('SIGTERM');
  await first.exited;
  await page.getByText(/reconnecting/i).waitFor({ timeout: 30_000 });

  await page.keyboard.press('a');
  const answers = page.getByRole('dialog', { name: 'Answers' });
  const loadError = answers.getByRole('alert', { name: 'Load error' });
  await expect
    .poll(() => loadError.textContent(), { timeout: 15_000 })
    .toBe('The answer settings could not be loaded: the companion could not be reached. They load by themselves once it is running again.');
  await screenshot(page, 'reconnect-answers-settings-missing');

  await serve(args);
  await expect.poll(() => answers.getByLabel(/Mock definition/).count(), { timeout: 30_000 }).toBe(1);
  expect(await loadError.count()).toBe(0);
}, 120_000);

it('a dialog whose code could not be fetched says so above the page; failing again after Try again, it offers the reload that loads it', async () => {
  // The dialog's file cannot be fetched, as when the command is down before the page fetched it.
  const unreachable = '**/assets/AnswersDialog-*.js';
  const { page } = await servedForRestart(async (page) => {
    await page.route(unreachable, (route) => route.abort('connectionrefused'));
  });

  await page.keyboard.press('a');
  const answers = page.getByRole('dialog', { name: 'Answers' });
  const loadError = answers.getByRole('alert', { name: 'Load error' });
  await expect
    .poll(() => loadError.textContent())
    .toBe('The Answers dialog could not be loaded: the companion could not be reached. Try again once it is running again.');
  // Above the page: the dialog's box is where a dialog shows, not below the calls.
  const box = await answers.boundingBox();
  expect(box!.y).toBeLessThan(page.viewportSize()!.height / 2);
  await screenshot(page, 'reconnect-dialog-unloaded');

  await answers.getByRole('button', { name: 'Try again' }).click();
  await expect
    .poll(() => loadError.textContent())
    .toBe(
      'The Answers dialog could not be loaded again. If the companion is running, reload the page: this browser keeps a failed load until then.',
    );

  await page.unroute(unreachable);
  await answers.getByRole('button', { name: 'Reload the page' }).click();
  await page.getByText('No calls yet').waitFor();
  await page.keyboard.press('a');
  await expect.poll(() => answers.getByLabel(/Mock definition/).count(), { timeout: 15_000 }).toBe(1);
}, 120_000);
