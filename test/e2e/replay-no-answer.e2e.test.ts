import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser';
import { postSigned } from '../helpers/flowent-signer';
import { closedPort, handlerUrl, startHandler } from '../helpers/handler-process';
import { serveForwardingToHandler } from '../helpers/serve-forwarding-to-handler';
import type { ServeProcess } from '../helpers/spawn-cli';

// Seen installing the package: a call replayed from the page to a handler that was down (or that
// never answered) got the verdict "failed: the answer breaks Flowent’s contract" and its cause
// under "Replay problems", though no answer came to break anything. The call's own details head
// it "Your handler never answered", and `replay` prints `failed` and that heading: the replay's
// result now says it so. A real serve forwarding to a real handler process, driven in Chromium.
const KEY = 'e2e-replay-no-answer-key';
let server: ServeProcess;
let page: Page;
let pageErrors: string[];
let rows: () => Locator;

const handler = serveForwardingToHandler(
  startHandler,
  () => ({ env: { FLOWENT_HMAC_KEY: KEY }, args: ['--forward-timeout', '1000'] }),
  (served) => ({ server, page, pageErrors, rows } = served),
);

/** Replays the one stored call to `target` as is, and returns the result's region once it shows the replay, stored as call `id`. */
async function replayTo(target: string, id: number): Promise<Locator> {
  const pane = page.getByRole('complementary', { name: 'Call details' });
  await pane.getByLabel('Replay target URL').fill(target);
  await pane.getByRole('button', { name: 'Replay as is' }).click();
  const result = pane.getByRole('region', { name: 'Replay result' });
  const shown = () => result.textContent({ timeout: 1_000 }).catch(() => '');
  await expect.poll(shown, { timeout: 15_000 }).toMatch(new RegExp(`New call\\s*#${id}\\b`));
  return result;
}

describe.sequential('a replay that got no answer', () => {
  it('says the handler never answered, not that an answer broke the contract', async () => {
    await page.getByRole('region', { name: 'No calls yet' }).waitFor();
    expect((await postSigned(server.baseUrl, 'ok', {}, KEY)).status).toBe(200);
    await expect.poll(() => rows().count()).toBe(1);
    await rows().first().click();

    const down = await replayTo(`http://127.0.0.1:${await closedPort()}/actions/ok`, 2);
    expect(await down.getByTestId('replay-verdict').textContent()).toBe('failed: your handler refused the connection');
    expect(await down.getByLabel('Your handler never answered').textContent()).toMatch(
      /^Your handler never answered: Your handler at http:\/\/127\.0\.0\.1:\d+\/actions\/ok refused the connection/,
    );
    expect(await down.textContent()).not.toMatch(/contract|Replay problems/);
    await screenshot(page, 'replay-no-answer');
  });

  it('a handler that answers nothing in time is said so too', async () => {
    const result = await replayTo(handlerUrl(handler(), 'hang'), 3);
    expect(await result.getByTestId('replay-verdict').textContent()).toBe('failed: your handler did not answer in time');
    expect(await result.textContent()).not.toMatch(/contract|Replay problems/);
  });

  it('an answer that breaks the contract keeps its verdict and heading', async () => {
    const result = await replayTo(handlerUrl(handler(), 'error500'), 4);
    expect(await result.getByTestId('replay-verdict').textContent()).toBe('failed: the answer breaks Flowent’s contract');
    expect(await result.getByLabel('Replay problems').textContent()).toMatch(/^Replay problems: .*answered 500/);
    expect(pageErrors).toEqual([]);
  });
});
