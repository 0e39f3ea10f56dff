/**
 * How long the page waits on its "Export HAR" through a real serve: a history of fill-history.ts's
 * calls, the built inspector in Chromium, the button pressed, timed to the download and to the
 * page's word on it (the toast). The page exports at most MAX_SELECTION calls, its cap. Needs
 * `npx electron-vite build` first (the serve and the page are the built ones).
 *
 *   npx tsx test/bench/page-export-wait.ts [--calls 10000] [--rounds 3]
 */
import { parseArgs } from 'node:util';
import { startServe } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { launchBrowser } from '../e2e/browser';
import { fillHistory } from './fill-history';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '3' } } });

async function main(): Promise<void> {
  const dir = makeTempDir('fc-page-export-');
  fillHistory(dir.path, Number(values.calls));
  const server = await startServe(['--port', '0', '--data-dir', dir.path], { FLOWENT_HMAC_KEY: 'bench-key' });
  const browser = await launchBrowser();
  try {
    const page = browser.page;
    // served-inspector.ts's openInspector imports vitest, which a script cannot: its wait, inline.
    await page.goto(server.inspectorUrl ?? '');
    await page.getByRole('listbox', { name: 'Calls' }).getByRole('option').first().waitFor({ timeout: 60_000 });
    for (let round = 1; round <= Number(values.rounds); round++) {
      const downloaded = page.waitForEvent('download', { timeout: 120_000 });
      const pressed = performance.now();
      await page.getByRole('button', { name: 'Export HAR' }).click();
      await downloaded;
      const download = performance.now() - pressed;
      const toast = page.locator('.toast', { hasText: /^Downloaded / }).last();
      await toast.waitFor({ timeout: 120_000 });
      const said = performance.now() - pressed;
      console.log(
        `round ${round}: download after ${download.toFixed(0)} ms, the page said "${await toast.textContent()}" after ${said.toFixed(0)} ms`,
      );
      // The toast goes by itself after a few seconds: the next round's is a new one.
      await toast.waitFor({ state: 'detached', timeout: 30_000 });
    }
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
    await server.exited;
    dir.remove();
  }
}

void main();
