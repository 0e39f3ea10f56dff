import { createServer, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser';
import { seriousAxeViolations } from './axe';
import { serveInspectorForFile } from './served-inspector';
import { postSigned } from '../helpers/flowent-signer';
import type { ServeProcess } from '../helpers/spawn-cli';

// A call forwarded to a handler that keeps it waiting is stored only when the handler answers:
// meanwhile the list shows it at its top as waiting, its seconds counting, whatever the filter.
const KEY = 'e2e-waiting-key';
let server: ServeProcess;
let page: Page;
let rows: () => Locator;

/** The handler: holds every call until `answerAll`. */
const holding: ServerResponse[] = [];
let handler: Server;
let handlerPort = 0;
function answerAll(): void {
  for (const response of holding.splice(0)) {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"result":"sent","error":""}');
  }
}
beforeAll(async () => {
  handler = createServer((request, response) => {
    request.resume();
    request.on('end', () => holding.push(response));
  });
  await new Promise<void>((resolve) => handler.listen(0, '127.0.0.1', resolve));
  handlerPort = (handler.address() as { port: number }).port;
});
afterAll(async () => {
  answerAll();
  handler.closeAllConnections();
  await new Promise<void>((resolve) => handler.close(() => resolve()));
});

serveInspectorForFile(
  () => ({ env: { FLOWENT_HMAC_KEY: KEY }, args: ['--forward', `http://127.0.0.1:${handlerPort}/actions/{action_name}`] }),
  (served) => ({ server, page, rows } = served),
);

const waitingRows = () => page.getByRole('list', { name: 'Calls waiting for your handler' }).getByRole('listitem');

describe.sequential('a call waiting for the handler, on the page', () => {
  it('is shown at the top while the handler keeps it, seconds counting, and gives way to its stored row', async () => {
    await page.getByRole('region', { name: 'No calls yet' }).waitFor();
    const answered = postSigned(server.baseUrl, 'send_email', { to: 'a@example.com' }, KEY);
    const row = waitingRows().first();
    await row.waitFor();
    expect(await waitingRows().count()).toBe(1);
    await expect.poll(() => row.textContent()).toMatch(/^\d\d:\d\d:\d\d\.\d{3}send_emailwaiting for your handler \([12] s\)$/);
    expect(await row.getAttribute('title')).toContain(`your handler at http://127.0.0.1:${handlerPort}/actions/send_email`);
    // Nothing is stored yet: the empty state stays, under the waiting row.
    expect(await page.getByRole('region', { name: 'No calls yet' }).count()).toBe(1);
    expect(await rows().count()).toBe(0);
    await expect.poll(() => row.textContent()).toMatch(/\(3 s\)$/);
    await screenshot(page, 'waiting-for-handler');

    answerAll();
    expect((await answered).status).toBe(200);
    await expect.poll(() => rows().first().getAttribute('data-call-id')).toBe('1');
    expect(await waitingRows().count()).toBe(0);
  });

  it('shows above the stored rows, and whatever the filter: it is not stored', async () => {
    const answered = postSigned(server.baseUrl, 'send_email', { n: 2 }, KEY);
    await waitingRows().first().waitFor();
    // Above the list's rows, under its headings.
    const waitingBox = await waitingRows().first().boundingBox();
    const firstRowBox = await rows().first().boundingBox();
    expect(waitingBox && firstRowBox && waitingBox.y < firstRowBox.y).toBe(true);
    await screenshot(page, 'waiting-above-rows');
    // Its colours read, and the list with it is still a list of calls to screen readers.
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByRole('combobox', { name: 'Status' }).selectOption('3xx');
    await page.getByRole('region', { name: 'No matching calls' }).waitFor();
    expect(await waitingRows().count()).toBe(1);

    answerAll();
    expect((await answered).status).toBe(200);
    await expect.poll(() => waitingRows().count()).toBe(0);
    await page.getByRole('combobox', { name: 'Status' }).selectOption('');
    await expect.poll(() => rows().first().getAttribute('data-call-id')).toBe('2');
  });

  it('a page opened while a call waits shows it: the wait is read, not only heard of', async () => {
    const answered = postSigned(server.baseUrl, 'send_email', { n: 3 }, KEY);
    await waitingRows().first().waitFor();
    await page.reload();
    const row = waitingRows().first();
    await row.waitFor();
    expect(await waitingRows().count()).toBe(1);
    await expect.poll(() => row.textContent()).toMatch(/send_emailwaiting for your handler \(\d s\)$/);
    expect(await row.getAttribute('title')).toContain(`your handler at http://127.0.0.1:${handlerPort}/actions/send_email`);

    answerAll();
    expect((await answered).status).toBe(200);
    await expect.poll(() => waitingRows().count()).toBe(0);
    await expect.poll(() => rows().first().getAttribute('data-call-id')).toBe('3');
  });
});
