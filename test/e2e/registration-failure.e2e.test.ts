import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser';
import { useAccountGateway } from '../helpers/account-gateway';
import { startHandler } from '../helpers/handler-process';
import { serveForwardingToHandler } from '../helpers/serve-forwarding-to-handler';
import type { ServeProcess } from '../helpers/spawn-cli';

const KEY = 'e2e-registration-key';
const API_TOKEN = 'api_e2e_registration';
let server: ServeProcess;
let page: Page;
let pageErrors: string[];
let rows: () => Locator;

const dialog = () => page.getByRole('dialog', { name: 'Flowent account' });

const { gateway, env } = useAccountGateway(KEY, API_TOKEN);

serveForwardingToHandler(
  startHandler,
  () => ({
    env: env(),
  }),
  (served) => ({ server, page, pageErrors, rows } = served),
);

/**
 * Whether all of `locator` can be seen now: inside the window and inside every box that clips it
 * (the dialog's own scroll area, the details pane), not only somewhere in the page.
 */
function wholeInView(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    let top = 0;
    let bottom = window.innerHeight;
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (getComputedStyle(p).overflowY === 'visible') continue;
      const clip = p.getBoundingClientRect();
      top = Math.max(top, clip.top);
      bottom = Math.min(bottom, clip.bottom);
    }
    return r.height > 0 && r.top >= top - 1 && r.bottom <= bottom + 1;
  });
}

/** The account dialog's form to register reg_fail here, opened (and connected) if it is not yet. */
async function registerForm(): Promise<Locator> {
  const form = dialog().getByRole('form', { name: 'Register an action' });
  if ((await form.count()) > 0) return form;
  await page.getByRole('button', { name: 'Account', exact: true }).click();
  // The dialog opens on the tab it was left on.
  await dialog().getByRole('tab', { name: 'Account' }).click();
  const connect = dialog().getByRole('button', { name: 'Connect' });
  await expect.poll(() => dialog().getByTestId('api-token-current').textContent(), { timeout: 15_000 }).toContain('FLOWENT_API_TOKEN');
  if ((await dialog().getByTestId('session-expiry').count()) === 0) await connect.click();
  await expect.poll(() => dialog().getByTestId('session-expiry').count(), { timeout: 15_000 }).toBe(1);
  await dialog().getByRole('tab', { name: 'Actions' }).click();
  await dialog().getByRole('button', { name: 'Register an action…' }).click();
  await form.getByLabel('Name').fill('reg_fail');
  await form.getByLabel('Description').fill('Answers its registration check with 400');
  const here = form.getByRole('region', { name: 'Register here' });
  await here.getByRole('combobox', { name: 'Register at' }).selectOption({ label: `This computer ${server.baseUrl}` });
  return form;
}

describe.sequential('a failed registration check, from the inspector', () => {
  for (const [width, height] of [
    [1440, 900],
    [1280, 800],
  ] as const) {
    it(`shows why the check failed where it is seen at once, at ${width}x${height}`, async () => {
      // Opened at the window size where the header has its Account button, then sized for the check.
      await page.setViewportSize({ width: 1440, height: 900 });
      const here = (await registerForm()).getByRole('region', { name: 'Register here' });
      await page.setViewportSize({ width, height });
      const button = here.getByRole('button', { name: 'Register reg_fail here' });
      // As a person gets to it: the dialog scrolled just far enough to show the button, at its foot.
      await button.evaluate((el) => el.scrollIntoView({ block: 'end' }));
      const checksBefore = gateway().registrationChecks.length;
      await button.click();
      const failure = here.getByRole('alert', { name: 'Register here error' });
      await expect.poll(() => failure.textContent(), { timeout: 30_000 }).toMatch(/registration check failed.*status 400/);
      expect(gateway().registrationChecks.length).toBe(checksBefore + 1);
      await expect.poll(() => wholeInView(failure)).toBe(true);
      await screenshot(page, `registration-failed-dialog-${width}`);
    }, 60_000);
  }

  it('the failed check in the history says so on its first screen, at 1440x900 and 1280x800', async () => {
    if ((await dialog().count()) > 0) await page.getByRole('button', { name: 'Close Flowent account' }).click();
    await expect.poll(() => rows().count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    const pane = page.getByRole('complementary', { name: 'Call details' });
    await rows().first().click();
    const result = pane.getByRole('note', { name: 'Registration result' });
    await expect.poll(() => result.textContent(), { timeout: 15_000 }).toMatch(/^Registration of reg_fail: refused by Flowent: .*400/);
    for (const [width, height] of [
      [1440, 900],
      [1280, 800],
    ] as const) {
      await page.setViewportSize({ width, height });
      await expect.poll(() => wholeInView(result)).toBe(true);
      await screenshot(page, `registration-failed-pane-${width}`);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(pageErrors).toEqual([]);
  });
});
