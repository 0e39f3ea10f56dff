/// <reference lib="dom" />
// Code passed to page.evaluate runs in the page: these tests need the DOM types too.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser';
import { serveScreenCalls } from './screen-calls';
import type { ServeProcess } from '../helpers/spawn-cli';

// The detail pane as people read it: verdict first, then what is wrong, request and answer,
// and the signature's details last; each kind of call the history holds.
const KEY = 'e2e-screen-key';
let server: ServeProcess;
let page: Page;
let pageErrors: string[];
let rows: () => Locator;

serveScreenCalls(KEY, (served) => ({ server, page, pageErrors, rows } = served));

const pane = () => page.getByRole('complementary', { name: 'Call details' });
const row = (id: number) => page.locator(`[role="option"][data-call-id="${id}"]`);

async function open(id: number): Promise<void> {
  await row(id).click();
  await expect.poll(() => pane().getByTestId('verdict-line').count()).toBe(1);
  await expect.poll(() => pane().locator('.detail-title').textContent()).toBeTruthy();
  await expect.poll(() => page.locator(`[role="option"][data-call-id="${id}"]`).getAttribute('aria-selected')).toBe('true');
}

describe.sequential('the detail pane, in Chromium against a real serve', () => {
  it('shows a wrong-key call’s diagnosis and the start of its body in the first viewport at 1440x900', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await expect.poll(() => rows().count()).toBe(11);
    await open(4);
    const verdict = pane().getByTestId('verdict-line');
    expect(await verdict.textContent()).toMatch(/Invalid signature\..*key is wrong.*What to do:.*HMAC Keys/);
    const body = pane().getByLabel('Request body', { exact: true });
    const [verdictBox, bodyBox] = [await verdict.boundingBox(), await body.boundingBox()];
    expect(verdictBox!.y + verdictBox!.height).toBeLessThanOrEqual(900);
    // The body's first lines, not just its top border.
    expect(bodyBox!.y + 40).toBeLessThanOrEqual(900);
    expect(await body.textContent()).toContain('wrong@example.com');
    await screenshot(page, 'detail-wrong-key-1440');
    // Said once: the verdict line has the diagnosis, the details below do not repeat it.
    expect(
      await pane()
        .getByText(/key is wrong/)
        .count(),
    ).toBe(1);
    // One row for the styles that signed the same bytes; every style is behind a button.
    const folded = pane().getByRole('table', { name: 'Expected signature per style' });
    expect(await folded.locator('tbody tr').count()).toBeLessThan(4);
    await pane()
      .getByRole('button', { name: /Show every style \(13\)/ })
      .click();
    expect(await pane().getByRole('table', { name: 'Every style' }).locator('tbody tr').count()).toBe(13);
  });

  it('a valid call: no wall of crosses and no byte comparison marking the whole text', async () => {
    await open(3);
    expect(await pane().getByTestId('verdict-line').textContent()).toMatch(/^Valid signature/);
    const folded = pane().getByRole('table', { name: 'Expected signature per style' });
    expect(await folded.locator('tbody tr').count()).toBe(1);
    expect(await folded.textContent()).not.toContain('✗');
    expect(await pane().getByTestId('diff-mark').count()).toBe(0);
    expect(await pane().getByRole('combobox', { name: 'Compare with style' }).inputValue()).toBe('');
  });

  it('a registration check: fine, said once, and no crosses', async () => {
    await open(5);
    const verdict = await pane().getByTestId('verdict-line').textContent();
    expect(verdict).toMatch(/registration check arrived without a signature/);
    expect(await pane().locator('table.styles-table').count()).toBe(0);
    expect(await pane().getByTestId('matched-style').textContent()).toBe('Not signed: there is nothing to match.');
    await screenshot(page, 'detail-registration-check');
  });

  it('the Pretty view decodes \\u escapes; Raw keeps the bytes', async () => {
    await open(6);
    expect(await pane().getByLabel('Request body', { exact: true }).textContent()).toContain('"São Paulo"');
    expect(await pane().getByLabel('Request body', { exact: true }).textContent()).toContain('"東京"');
    await pane().getByRole('tab', { name: 'Raw' }).click();
    expect(await pane().getByLabel('Raw request body').textContent()).toContain('S\\u00e3o Paulo');
    await pane().getByRole('tab', { name: 'Pretty' }).click();
  });

  it('a contract problem has its own marker in the list and a box at the top of the pane, with code shown as code', async () => {
    const broken = row(7);
    expect(await broken.locator('.col-status [data-testid="violation-mark"]').count()).toBe(1);
    expect(await broken.locator('.col-verdict [data-testid="violation-mark"]').count()).toBe(0);
    await open(7);
    const box = pane().getByRole('note', { name: 'Contract check' });
    expect(await box.textContent()).toMatch(/Problem with the answer:.*no result/);
    expect(await box.textContent()).not.toContain('`');
    expect(await box.locator('code').first().textContent()).toBe('result');
    const [boxTop, requestTop] = [
      await box.boundingBox(),
      await pane().getByRole('region', { name: 'Request', exact: true }).boundingBox(),
    ];
    expect(boxTop!.y).toBeLessThan(requestTop!.y);
    // Its signature is valid: the answer is why it failed, so the answer's problem opens the details, above the green verdict.
    expect(await pane().getByTestId('verdict-line').textContent()).toMatch(/^Valid signature/);
    expect(boxTop!.y).toBeLessThan((await pane().getByTestId('verdict-line').boundingBox())!.y);
    await screenshot(page, 'detail-contract-problem');
  });

  it('says in a word why a request is not a Flowent call', async () => {
    const badge = (id: number) => row(id).locator('[data-verdict="not-flowent"]');
    const why = { 8: 'body not JSON', 9: 'media type', 10: 'no route', 11: 'body not an object' };
    for (const [id, words] of Object.entries(why)) {
      // The reason alone, whole ("not Flowent: body not JSON" was cut in the 180 px column); its
      // grey, its title and its label say it is not a Flowent call.
      expect(await badge(Number(id)).textContent()).toBe(words);
      expect(await badge(Number(id)).getAttribute('aria-label')).toBe(`not a Flowent call: ${words}`);
      expect(await badge(Number(id)).evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    }
    await open(9);
    const verdict = await pane().getByTestId('verdict-line').textContent();
    expect(verdict).toMatch(/Not a Flowent call \(media type\)\. Content-Type "text\/plain" is not JSON/);
    // Said once: no second problem box, no empty signature section.
    expect(await pane().getByRole('alert', { name: 'Problem' }).count()).toBe(0);
    expect(await pane().getByRole('region', { name: 'Signature' }).count()).toBe(0);
  });

  it('says "no answer" instead of status 0, and shows the date of calls not from today', async () => {
    const unanswered = row(2);
    expect(await unanswered.locator('.col-status').textContent()).toBe('no answer');
    expect(await unanswered.locator('.col-time').textContent()).toMatch(/[A-Za-z]+ \d+ \d\d:\d\d/);
    expect(await row(3).locator('.col-time').textContent()).toMatch(/^\d\d:\d\d:\d\d\.\d{3}$/);
    await open(2);
    expect(await pane().getByRole('region', { name: 'Answer', exact: true }).locator('h3').textContent()).toContain('no answer');
    // The date, then the time once, to the millisecond as the list's clock writes it: not to the second and then the clock again.
    const received = await pane()
      .locator('dl.facts dt')
      .evaluateAll((terms) => terms.find((term) => term.textContent === 'Received')?.nextElementSibling?.textContent);
    expect(received).toMatch(/^[^,]+, \d\d:\d\d:\d\d\.\d{3}$/);
    expect(await unanswered.locator('.col-time').getAttribute('title')).toBe(received);
    // The list keeps arrival order: newest first, by when each call came in.
    const ids = await rows().evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-call-id'))));
    expect(ids).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it('Answers opens on the selected call’s action, lists what answers each action, and says the mode plainly', async () => {
    await open(7);
    await page.keyboard.press('a');
    const dialog = page.getByRole('dialog', { name: 'Answers' });
    await expect.poll(() => dialog.getByRole('combobox', { name: 'Answers for' }).inputValue()).toBe('bad_answer');
    const routes = dialog.getByRole('table', { name: 'What answers each action' });
    await expect.poll(() => routes.textContent()).toContain('bad_answer');
    const line = async (name: string) =>
      (await routes.locator('tr', { has: page.getByRole('button', { name, exact: true }) }).textContent()) ?? '';
    expect(await line('bad_answer')).toMatch(/mock.*its own mock/);
    expect(await line('send_email')).toMatch(/built-in.*\{"result":"ok","error":""\}/);
    expect(await dialog.getByRole('combobox', { name: 'Answer mode' }).locator('option').first().textContent()).toBe(
      'Same as the default: mock, as no forward target is set',
    );
    await routes.getByRole('button', { name: 'Default for all actions' }).click();
    expect(await dialog.getByRole('combobox', { name: 'Answer mode' }).locator('option').first().textContent()).toBe(
      'Not set: mock, as no forward target is set',
    );
    await screenshot(page, 'answers-with-context');
    await dialog.getByRole('button', { name: 'Close answers' }).click();
  });

  it('replays a call to the companion itself in one click, with a coloured verdict', async () => {
    await open(3);
    const before = await rows().count();
    // Without a handler the dead end offers the companion itself.
    await pane().getByRole('button', { name: 'Replay as is' }).click();
    const error = pane().getByRole('alert', { name: 'Replay error' });
    await expect.poll(() => error.textContent()).toMatch(/no handler/);
    await error.getByRole('button', { name: 'Send to this companion instead' }).click();
    expect(await pane().getByLabel('Replay target URL').inputValue()).toBe(`${server.baseUrl}/actions/{action_name}`);
    await pane().getByRole('button', { name: 'Replay as is' }).click();
    const verdict = pane().getByRole('region', { name: 'Replay result' }).getByTestId('replay-verdict');
    await expect.poll(() => verdict.textContent()).toMatch(/^passed|^changed/);
    const colour = await verdict.evaluate((el) => getComputedStyle(el).color);
    const body = await page.evaluate(() => getComputedStyle(document.body).color);
    expect(colour).not.toBe(body);
    // The companion answered it itself: the replay is stored once, not again as the call it received.
    await expect.poll(() => rows().count()).toBe(before + 1);
    const buttons = pane().getByRole('region', { name: 'Replay' }).locator('.button-row button');
    for (const height of await buttons.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height)))
      expect(height).toBeLessThan(34);
    await screenshot(page, 'replay-to-companion');
  });

  it('fits its pane at 1024x700 and 1280x800: the style selects end inside it, nothing scrolls sideways', async () => {
    for (const size of [
      { width: 1024, height: 700 },
      { width: 1280, height: 800 },
    ]) {
      await page.setViewportSize(size);
      // A valid call, a wrong-key call (opens on a comparison), escapes that sign differently per style.
      for (const id of [3, 4, 6]) {
        await open(id);
        if (id === 4)
          await pane()
            .getByRole('button', { name: /Show every style/ })
            .click();
        const edge = (await pane().boundingBox())!;
        // The replay's signing style too: its longest names are as long as the signature's.
        for (const name of ['Style shown', 'Compare with style', 'Signing style']) {
          const box = (await pane().getByRole('combobox', { name }).boundingBox())!;
          expect(box.x, `${name}, call #${id}, ${size.width}px`).toBeGreaterThanOrEqual(edge.x);
          expect(box.x + box.width, `${name}, call #${id}, ${size.width}px`).toBeLessThanOrEqual(edge.x + edge.width);
        }
        const { scroll, client } = await pane().evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
        expect(scroll, `call #${id} at ${size.width}px`).toBeLessThanOrEqual(client);
        if (id === 4) {
          await pane().getByRole('combobox', { name: 'Style shown' }).scrollIntoViewIfNeeded();
          await screenshot(page, `detail-signed-bytes-${size.width}`);
        }
      }
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('simulates a call to the companion itself', async () => {
    const before = await rows().count();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('s');
    const dialog = page.getByRole('dialog', { name: 'Simulate a Flowent call' });
    // The known actions load after the dialog opens and fill the field with the first one:
    // typing before that lands would be mixed with it.
    const actionField = dialog.getByRole('combobox', { name: 'Action' });
    await expect.poll(() => actionField.inputValue()).not.toBe('');
    await actionField.fill('send_email');
    await dialog.locator('.cm-editor').waitFor();
    await dialog.getByRole('button', { name: 'This companion' }).click();
    await dialog.getByRole('button', { name: 'Send' }).click();
    const result = dialog.getByRole('region', { name: 'Simulator result' });
    await expect.poll(() => result.textContent()).toContain(`${server.baseUrl}/actions/send_email`);
    expect(await result.getByLabel('Contract check').textContent()).toContain('meets Flowent’s contract');
    await dialog.getByRole('button', { name: 'Close the simulator' }).click();
    await expect.poll(() => rows().count()).toBe(before + 1);
    expect(pageErrors).toEqual([]);
  });
});
