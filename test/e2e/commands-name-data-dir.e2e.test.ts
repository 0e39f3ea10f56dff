import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, type Browser } from './browser';
import { openInspector, serveInspectorForFile } from './served-inspector';
import type { ServeProcess } from '../helpers/spawn-cli';

// Commands the page tells a person to run, against a serve on a data folder that is not the
// default one: as printed, they must work on this companion's folder, not start another.
let server: ServeProcess;
let browser: Browser;
let page: Page;
let dataDir: string;

serveInspectorForFile(
  () => ({ env: { FLOWENT_HMAC_KEY: 'e2e-data-dir-key' } }),
  (served) => ({ server, browser, page, dataDir } = served),
);

describe.sequential('the commands the page suggests name the data folder', () => {
  it('the Project dialog, with no project open: serve and init on this folder', async () => {
    await page.getByRole('button', { name: 'Project' }).click();
    const dialog = page.getByRole('dialog', { name: 'Project' });
    await expect.poll(() => dialog.textContent()).toContain('No project folder is open');
    const text = await dialog.textContent();
    expect(text).toContain(`flowent-companion serve --data-dir ${dataDir}`);
    expect(text).toContain(`flowent-companion init --data-dir ${dataDir}`);
    await page.getByRole('button', { name: 'Close project' }).click();
  });

  it('a page whose token was changed: rotate-token and serve on this folder', async () => {
    const other = await browser.context.newPage();
    try {
      await openInspector(other, server.inspectorUrl!);
      await page.keyboard.press(',');
      const settings = page.getByRole('dialog', { name: 'Settings' });
      await settings.getByRole('button', { name: 'Change access token…' }).click();
      await settings.getByRole('button', { name: 'Change the token' }).click();
      await other.getByRole('heading', { name: 'The access token was changed' }).waitFor();
      const text = await other.locator('main').textContent();
      expect(text).toContain(`the output of flowent-companion inspector rotate-token --data-dir ${dataDir}`);
      expect(text).toContain(`start it again with flowent-companion serve --data-dir ${dataDir} and open`);
      expect(await other.getByTestId('data-dir-note').count()).toBe(0);
      await screenshot(other, 'token-rotated-data-dir');
    } finally {
      await other.close();
    }
    // This page went on with the new token.
    await page.getByTestId('webhook-base-url').waitFor();
  });

  it('a page opened with a wrong token knows no folder: it says to give the commands the one the companion was started with', async () => {
    const stranger = await browser.context.newPage();
    try {
      await stranger.goto(`${new URL(server.inspectorUrl!).origin}/#token=not-the-token`);
      await stranger.getByRole('heading', { name: 'This page’s access token is not accepted' }).waitFor();
      expect(await stranger.getByTestId('data-dir-note').textContent()).toMatch(
        /started with --data-dir, give these commands the same one/,
      );
      expect(await stranger.locator('main').textContent()).not.toContain(dataDir);
    } finally {
      await stranger.close();
    }
  });

  // This serve has --port 0 and --inspector-port 0: the banner said "(same inspector port)" beside
  // a command without it, which started a serve on 8788 that this page never reconnected to.
  it('the connection lost: serve again on this folder, webhook port and inspector port', async () => {
    const webhookPort = new URL(server.baseUrl).port;
    const inspectorPort = new URL(server.inspectorUrl!).port;
    server.child.kill('SIGTERM');
    await server.exited;
    const banner = page.getByRole('status', { name: 'Connection lost' }).or(page.getByRole('alert', { name: 'Connection lost' }));
    await banner.first().waitFor({ timeout: 30_000 });
    expect(await banner.first().textContent()).toContain(
      `start flowent-companion serve --port ${webhookPort} --inspector-port ${inspectorPort} --data-dir ${dataDir} again: this page reconnects`,
    );
    await screenshot(page, 'connection-lost-data-dir');
  });
});
