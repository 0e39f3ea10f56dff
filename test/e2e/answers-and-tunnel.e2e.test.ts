import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser';
import { serveInspectorForFile } from './served-inspector';
import { FakeEdge } from '../fixtures/ngrok-edge/fake-edge';
import { postSigned } from '../helpers/flowent-signer';
import { postThroughEdge } from '../helpers/post-through-edge';
import type { ServeProcess } from '../helpers/spawn-cli';

const KEY = 'e2e-answers-key';
let edge: FakeEdge;
let server: ServeProcess;
let page: Page;
let rows: () => Locator;

beforeAll(async () => {
  edge = await FakeEdge.start();
});
afterAll(async () => {
  await edge?.stop();
});

serveInspectorForFile(
  () => ({
    env: {
      FLOWENT_HMAC_KEY: KEY,
      NGROK_AUTHTOKEN: 'e2e-token',
    },
    ngrokEdge: edge.serverAddr,
  }),
  (served) => ({ server, page, rows } = served),
);

const postLocal = (action: string, parameters: Record<string, unknown>) => postSigned(server.baseUrl, action, parameters, KEY);

/** The Answers dialog, opened from the header unless it is open already. */
async function answersDialog(): Promise<Locator> {
  const dialog = page.getByRole('dialog', { name: 'Answers' });
  if ((await dialog.count()) === 0) await page.getByRole('button', { name: 'Answers' }).click();
  return dialog;
}

describe.sequential('answers and the public URL, from the inspector', () => {
  it('opens the tunnel from the UI; a call from the internet arrives through it', async () => {
    await page.getByTestId('tunnel-pill').click();
    const tunnel = page.getByRole('region', { name: 'Tunnel' });
    await tunnel.getByRole('button', { name: 'Open tunnel' }).click();
    await expect.poll(() => page.getByTestId('tunnel-pill').getAttribute('data-state')).toBe('online');
    const publicUrl = await page.getByTestId('tunnel-url').textContent();
    expect(publicUrl).toMatch(/^https:\/\//);
    await screenshot(page, 'tunnel-online');

    const answer = await postThroughEdge(edge, 'send_email', { recipient: 'far@example.com' }, KEY);
    expect(answer.status).toBe(200);
    await page.getByRole('button', { name: 'Close public URL panel' }).click();
    await expect.poll(() => rows().count()).toBe(1);
    await rows().first().click();
    await expect.poll(() => page.getByTestId('forwarded-for').textContent()).toMatch(/127\.0\.0\.1|\d+\.\d+\.\d+\.\d+/);

    await page.getByTestId('tunnel-pill').click();
    await page.getByRole('region', { name: 'Tunnel' }).getByRole('button', { name: 'Close tunnel' }).click();
    await expect.poll(() => page.getByTestId('tunnel-pill').getAttribute('data-state')).toBe('offline');
    await page.getByRole('button', { name: 'Close public URL panel' }).click();
  });

  it('edits the default mock in the editor; the next call gets the templated answer', async () => {
    const dialog = await answersDialog();
    await dialog.getByRole('table', { name: 'What answers each action' }).getByRole('button', { name: 'Default for all actions' }).click();
    const mock = dialog.getByRole('region', { name: 'Mock' });
    await mock.getByRole('button', { name: 'Insert example' }).click();
    await mock.getByRole('button', { name: 'Save mock' }).click();
    // Stored once the dialog says so: a call sent before that would still get the old answer.
    await expect.poll(() => page.getByTestId('mock-stored').textContent()).toMatch(/^A mock is stored for every action/);
    await screenshot(page, 'answers-dialog');

    const answer = await postLocal('send_email', { recipient: 'ada@example.com' });
    expect(await answer.json()).toEqual({ result: 'Sent to ada@example.com', error: '' });
  });

  it('shows the problems of a broken mock and refuses to save it', async () => {
    const dialog = await answersDialog();
    const editor = dialog.getByRole('textbox', { name: 'Mock definition (JSON)' });
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('{"selection": "sometimes", "responses": []}');
    await dialog.getByRole('region', { name: 'Mock' }).getByRole('button', { name: 'Save mock' }).click();
    // Said once: the alert says the mock was not saved, the list says why.
    await expect
      .poll(() => page.getByRole('alert', { name: 'Mock error' }).textContent())
      .toBe('The mock was not saved: it has a problem, listed below.');
    await expect.poll(() => dialog.getByRole('list', { name: 'Mock problems' }).textContent()).toMatch(/selection/);
    // The problems are in view in the dialog, above the editor, not below the fold.
    const [problem, box] = [await dialog.getByRole('list', { name: 'Mock problems' }).boundingBox(), await dialog.boundingBox()];
    expect(problem!.y + problem!.height).toBeLessThanOrEqual(box!.y + box!.height);
    await screenshot(page, 'mock-error');
    // A template's problem is placed where it is in the editor's text, not inside the template.
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(
      '{\n  "status": 200,\n  "body": {\n    "error": "",\n    "result": "Ticket {{shout parameters.title}}"\n  }\n}',
    );
    await expect
      .poll(() => dialog.getByRole('list', { name: 'Mock problems' }).textContent())
      .toMatch(/unknown helper "shout" .*\(line 5, column 23\)$/);
    expect(await dialog.locator('.cm-lintRange-error').allTextContents()).toEqual(['"Ticket {{shout parameters.title}}"']);
    // Closing asks first about the unsaved text, naming it; discarding it closes.
    await page.getByRole('button', { name: 'Close answers' }).click();
    const ask = dialog.getByRole('group', { name: 'Confirm discarding unsaved changes' });
    await expect.poll(() => ask.textContent()).toContain('Unsaved changes to the default mock: discard them and close');
    await screenshot(page, 'mock-close-confirm');
    await ask.getByRole('button', { name: 'Discard and close' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    // The stored mock is unchanged.
    const answer = await postLocal('send_email', { recipient: 'bob@example.com' });
    expect(await answer.json()).toEqual({ result: 'Sent to bob@example.com', error: '' });
  });

  it('turns a stored answer into a mock with one click', async () => {
    await expect.poll(() => rows().count()).toBeGreaterThanOrEqual(3);
    await rows().first().click();
    await page.getByRole('button', { name: 'Make a mock from this answer' }).click();
    // Opened with that call selected, Answers is about its action.
    const dialog = await answersDialog();
    await expect.poll(() => dialog.getByRole('combobox', { name: 'Answers for' }).inputValue()).toBe('send_email');
    await expect.poll(() => page.getByTestId('mock-stored').textContent()).toMatch(/^A mock is stored for send_email/);
    await page.getByRole('button', { name: 'Close answers' }).click();
    const answer = await postLocal('send_email', { recipient: 'someone-else@example.com' });
    // The copied answer is literal: the stored call's answer, not the template.
    expect(await answer.json()).toEqual({ result: 'Sent to bob@example.com', error: '' });
  });
});
