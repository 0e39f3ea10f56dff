/// <reference lib="dom" />
// Code passed to evaluate runs in the page: this test needs the DOM types too.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { closedPort, handlerUrl, startHandler, useHandler } from '../helpers/handler-process';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { runCli } from '../helpers/spawn-cli';
import { screenshot } from './browser';
import { inView } from './in-view';
import { serveInspectorForFile } from './served-inspector';

// "Why did this call fail", at a glance, in a laptop's window: a history with a failure of each
// kind, each row saying its reason in words and each call's details opening on why, above the
// fold. A body too large to read is listed under its path, which had no place to break: at
// 1024 px "/actions/upload_file" was cut to "/actions/uplo…".
const KEY = 'e2e-why-it-failed-key';
let page: Page;
let rows: () => Locator;
const handler = useHandler(startHandler);

/** Each failure, oldest first: its action (the path for the body too large), the row's reason, and the detail's first words. */
const FAILURES = [
  { listed: 'send_email', reason: 'wrong key?', why: 'Invalid signature.' },
  { listed: 'create_invoice', reason: 'not 2xx', why: 'Problem with the answer:' },
  { listed: 'charge_card', reason: 'no listener', why: 'Your handler never answered:' },
  { listed: 'slow_report', reason: 'timed out', why: 'Your handler never answered:' },
  { listed: 'lookup_order', reason: 'no result', why: 'Problem with the answer:' },
  { listed: 'register_user', reason: 'not 2xx', why: "Your handler must answer Flowent's registration check" },
  { listed: '/actions/upload_file', reason: 'body too large', why: 'Not a Flowent call (body too large).' },
] as const;

serveInspectorForFile(
  () => ({
    env: { FLOWENT_HMAC_KEY: KEY },
    // A handler that hangs is given up on in 1.5 s, not Flowent's 30.
    args: ['--forward-timeout', '1500'],
    prepare: async (server) => {
      const dataDir = /History: +(.+)\/history\.sqlite/.exec(server.output())![1]!;
      const cli = async (args: string[]) => {
        const done = await runCli([...args, '--data-dir', dataDir], { FLOWENT_HMAC_KEY: KEY });
        if (done.code !== 0) throw new Error(`${args.join(' ')} failed: ${done.stderr}`);
      };
      const targets: [string, string][] = [
        ['create_invoice', handlerUrl(handler(), 'error500')],
        ['charge_card', `http://127.0.0.1:${await closedPort()}/actions/charge_card`],
        ['slow_report', handlerUrl(handler(), 'hang')],
        ['register_user', handlerUrl(handler(), 'refuses_signatures')],
      ];
      for (const [action, url] of targets) await cli(['targets', 'set', action, url]);
      // A mock whose answer has no `result`: Flowent's contract broken by the mock itself.
      const mock = join(dataDir, 'no-result.json');
      writeFileSync(mock, JSON.stringify({ status: 200, body: { error: '' } }));
      await cli(['mocks', 'set', 'lookup_order', '--file', mock]);
      const post = (action: string, body: string) =>
        fetch(`${server.baseUrl}/actions/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await post('send_email', signedBody(flowentPayload('send_email', { to: 'ada@example.com' }), 'not-the-key'));
      for (const action of ['create_invoice', 'charge_card', 'slow_report', 'lookup_order'])
        await post(action, signedBody(flowentPayload(action), KEY));
      await post('register_user', JSON.stringify({ ...flowentPayload('register_user'), test: true }));
      await post('upload_file', signedBody(flowentPayload('upload_file', { blob: 'x'.repeat(1_100_000) }), KEY));
    },
  }),
  (served) => ({ page, rows } = served),
);

/** What of `element`'s text is not shown: the pixels it runs past its box, across and down. */
function cutOff(element: Locator): Promise<{ across: number; down: number }> {
  return element.evaluate((box) => ({ across: box.scrollWidth - box.clientWidth, down: box.scrollHeight - box.clientHeight }));
}

describe.sequential('why a call failed, at a glance', () => {
  for (const [width, height] of [
    [1024, 640],
    [1280, 720],
  ] as const) {
    it(`at ${width}x${height} each failing row says its reason whole, and its details open on why`, async () => {
      await page.setViewportSize({ width, height });
      await expect.poll(() => rows().count()).toBe(FAILURES.length);
      await screenshot(page, `why-it-failed-list-${width}`);
      for (const [index, failure] of FAILURES.entries()) {
        const row = page.locator(`[data-call-id="${index + 1}"]`);
        const name = row.locator('.col-action > span[title]');
        expect(await name.textContent()).toBe(failure.listed);
        expect(await cutOff(name), failure.listed).toEqual({ across: 0, down: 0 });
        const reason = row.getByText(failure.reason, { exact: true });
        expect(await reason.isVisible(), failure.reason).toBe(true);
        expect(await cutOff(reason), failure.reason).toEqual({ across: 0, down: 0 });

        await row.click();
        const pane = page.getByRole('complementary', { name: 'Call details' });
        await expect.poll(() => pane.getByTestId('call-id').textContent()).toBe(`#${index + 1}`);
        const why = pane.locator('.detail-head + *');
        expect(await why.textContent()).toContain(failure.why);
        expect(await inView(why), `#${index + 1}: ${failure.why}`).toBe(true);
      }
    }, 60_000);
  }
});
