/// <reference lib="dom" />
// Code passed to page.evaluate runs in the page: these tests need the DOM types too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot, type Browser } from './browser';
import { serveInspectorForFile } from './served-inspector';
import { FakeEdge } from '../fixtures/ngrok-edge/fake-edge';
import { useAccountGateway } from '../helpers/account-gateway';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { rawRequest } from '../helpers/raw-http';
import type { ServeProcess } from '../helpers/spawn-cli';

// What the page offers to copy while the tunnel is online, against the stand-in for ngrok's edge
// (and Flowent's, for the actions the account knows).
const KEY = 'e2e-public-url-key';
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

const { gateway, env } = useAccountGateway(KEY, 'api_e2e_public_url');

serveInspectorForFile(
  () => ({ env: { ...env(), NGROK_AUTHTOKEN: 'e2e-token' }, ngrokEdge: edge.serverAddr }),
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

  it('the Public URL panel offers the actions the companion knows; with none, it asks for the name instead of a placeholder to copy', async () => {
    const publicUrl = await openTunnel();
    await page.getByTestId('tunnel-pill').click();
    const dialog = page.getByRole('dialog', { name: 'Public URL' });
    const field = dialog.getByRole('combobox', { name: 'Action' });
    const tunnel = dialog.getByRole('region', { name: 'Tunnel' });
    await dialog.getByTestId('no-known-actions').waitFor();
    expect(await field.inputValue()).toBe('');
    expect(await tunnel.getByTestId('tunnel-action-url-missing').textContent()).toMatch(/^type the action's name above/);
    expect(await tunnel.getByRole('button', { name: 'Copy public action URL' }).count()).toBe(0);
    expect(await dialog.textContent()).not.toContain('<action_name>');
    await screenshot(page, 'public-url-no-known-action');

    // A name typed fills the URL in, ready to copy; one Flowent would refuse is said so.
    await field.fill('Send Email');
    await expect.poll(() => dialog.getByRole('alert', { name: 'Action name problem' }).textContent()).toMatch(/lowercase letters/);
    expect(await tunnel.getByRole('button', { name: 'Copy public action URL' }).count()).toBe(0);
    await field.fill('send_email');
    expect(await tunnel.getByTestId('tunnel-action-url').textContent()).toBe(`${publicUrl}/actions/send_email`);
    await tunnel.getByRole('button', { name: 'Copy public action URL' }).click();
    await expect.poll(clipboard).toBe(`${publicUrl}/actions/send_email`);
    await page.getByRole('button', { name: 'Close public URL panel' }).click();

    // An action registered in Flowent, as the account's Actions list shows it: offered with no call yet.
    gateway().storeAction({
      name: 'lookup_order',
      description: 'Looks up an order',
      webhook_url: `${publicUrl}/actions/lookup_order`,
      json_schema: { type: 'object', properties: { order_id: { type: 'string' } } },
    });
    await page.getByRole('button', { name: 'Account', exact: true }).click();
    const account = page.getByRole('dialog', { name: 'Flowent account' });
    await account.getByRole('tab', { name: 'Actions' }).click();
    await account.getByTestId('action-row-lookup_order').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Close Flowent account' }).click();
    await page.getByTestId('tunnel-pill').click();
    await expect.poll(() => field.inputValue()).toBe('lookup_order');
    expect(await tunnel.getByTestId('tunnel-action-url').textContent()).toBe(`${publicUrl}/actions/lookup_order`);
    expect(await dialog.getByTestId('no-known-actions').count()).toBe(0);
    await page.getByRole('button', { name: 'Close public URL panel' }).click();

    // An action seen in a call through the tunnel comes first: the one being worked on.
    const body = signedBody(flowentPayload('create_ticket', { title: 'Printer on fire' }), KEY);
    const answer = await rawRequest(
      edge.ingressPort,
      `POST /actions/create_ticket HTTP/1.1\r\nHost: ${new URL(publicUrl).host}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    expect(answer.status).toBe(200);
    await expect.poll(() => page.locator('[data-call-id]').count()).toBe(1);
    await page.getByTestId('tunnel-pill').click();
    await expect.poll(() => field.inputValue()).toBe('create_ticket');
    const offered = () =>
      dialog
        .getByTestId('known-actions')
        .locator('option')
        .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(await offered()).toEqual(['create_ticket', 'lookup_order']);
    await page.getByRole('button', { name: 'Close public URL panel' }).click();
  });
});
