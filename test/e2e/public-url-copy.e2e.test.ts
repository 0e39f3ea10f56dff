/// <reference lib="dom" />
// Code passed to page.evaluate runs in the page: these tests need the DOM types too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot, type Browser } from './browser';
import { serveInspectorForFile } from './served-inspector';
import { FakeEdge } from '../fixtures/ngrok-edge/fake-edge';
import type { ServeProcess } from '../helpers/spawn-cli';

// What the page offers to copy while the tunnel is online, against the stand-in for ngrok's edge.
let edge: FakeEdge;
let server: ServeProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  edge = await FakeEdge.start();
});
afterAll(async () => {
  await edge?.stop();
});

serveInspectorForFile(
  () => ({ env: { NGROK_AUTHTOKEN: 'e2e-token' }, ngrokEdge: edge.serverAddr }),
  (served) => ({ server, browser, page } = served),
);

const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
const header = (): Locator => page.getByRole('banner');

/** Opens the tunnel from the Public URL panel and closes the panel: the public URL. */
async function openTunnel(): Promise<string> {
  await page.getByTestId('tunnel-pill').click();
  await page.getByRole('region', { name: 'Tunnel' }).getByRole('button', { name: 'Open tunnel' }).click();
  await expect.poll(() => page.getByTestId('tunnel-pill').getAttribute('data-state')).toBe('online');
  const url = (await page.getByTestId('tunnel-url').textContent())!;
  await page.getByRole('button', { name: 'Close public URL panel' }).click();
  return url;
}

describe.sequential('the URLs the page offers to copy', () => {
  it('the header shows and copies the public URL while the tunnel is online, and c copies what it shows; the panel has the local one', async () => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    // Wide enough for the header's label (it gives way to the URL in narrower windows).
    await page.setViewportSize({ width: 1700, height: 900 });
    expect(await page.getByTestId('webhook-url-label').textContent()).toBe('Webhook base URL');
    expect(await page.getByTestId('webhook-base-url').getAttribute('title')).toBe(server.baseUrl);

    const publicUrl = await openTunnel();
    expect(publicUrl).toMatch(/^https:\/\//);
    await expect.poll(() => page.getByTestId('webhook-url-label').textContent()).toBe('Public URL');
    expect(await page.getByTestId('webhook-base-url').getAttribute('title')).toBe(publicUrl);
    expect(await header().textContent()).not.toContain('Webhook base URL');
    expect(await header().textContent()).not.toContain('127.0.0.1');
    await screenshot(page, 'header-public-url');

    await header().getByRole('button', { name: 'Copy public URL' }).click();
    await expect.poll(clipboard).toBe(publicUrl);
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await page.locator('.app-name').click();
    await page.keyboard.press('c');
    await expect.poll(clipboard).toBe(publicUrl);
    // This computer's own, for a call sent from here, is a click away, and said to be local.
    await page.getByTestId('tunnel-pill').click();
    const tunnel = page.getByRole('region', { name: 'Tunnel' });
    expect(await tunnel.getByTestId('tunnel-local-url').textContent()).toBe(server.baseUrl);
    await tunnel.getByRole('button', { name: 'Copy local URL' }).click();
    await expect.poll(clipboard).toBe(server.baseUrl);
    await page.getByRole('button', { name: 'Close public URL panel' }).click();

    // Closed, the tunnel's URL reaches nothing: the header is back to this computer's.
    await page.getByTestId('tunnel-pill').click();
    await page.getByRole('region', { name: 'Tunnel' }).getByRole('button', { name: 'Close tunnel' }).click();
    await expect.poll(() => page.getByTestId('tunnel-pill').getAttribute('data-state')).toBe('offline');
    await page.getByRole('button', { name: 'Close public URL panel' }).click();
    await expect.poll(() => page.getByTestId('webhook-url-label').textContent()).toBe('Webhook base URL');
    await page.locator('.app-name').click();
    await page.keyboard.press('c');
    await expect.poll(clipboard).toBe(server.baseUrl);
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});
