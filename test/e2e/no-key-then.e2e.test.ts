import { describe, expect, it } from 'vitest';
import { screenshot } from './browser';
import { openInspector, serveInspectorForFile, type ServedInspector } from './served-inspector';
import { postSigned } from '../helpers/flowent-signer';
import { startServe } from '../helpers/spawn-cli';

// Seen installing the package: a call that came while no HMAC key was set (a `replay` run in a
// shell without FLOWENT_HMAC_KEY, a first serve started without one), opened in the inspector of
// a serve that has the key, opened with "Signature not checked: no HMAC key is set. ... What to
// do: Set FLOWENT_HMAC_KEY or enter the key in Settings": untrue beside the key set, and silent
// on replaying the call, the only way to check it. A real serve with the key, a real serve
// without it on the same data folder, Chromium.
const KEY = 'e2e-no-key-then';
let served: ServedInspector;

serveInspectorForFile(
  () => ({ env: { FLOWENT_HMAC_KEY: KEY }, open: false }),
  (s) => (served = s),
);

describe('a call that came while no key was set, opened where one is', () => {
  it('says no key was set when it came, and to replay it', async () => {
    const keyless = await startServe(['--port', '0', '--no-inspector', '--data-dir', served.dataDir], { FLOWENT_HMAC_KEY: '' });
    try {
      expect((await postSigned(keyless.baseUrl, 'send_email', {}, KEY)).status).toBe(200);
      await keyless.waitFor(/send_email {2}no key/);
    } finally {
      keyless.child.kill('SIGTERM');
      await keyless.exited;
    }

    await openInspector(served.page, served.server.inspectorUrl!);
    await served.rows().first().click();
    const verdict = served.page.getByTestId('verdict-line');
    await expect.poll(() => verdict.textContent()).toMatch(/^Signature not checked\./);
    const said = (await verdict.textContent()) ?? '';
    expect(said).not.toMatch(/no HMAC key is set/);
    expect(said).toContain('no HMAC key was set when it arrived');
    expect(said).toMatch(/then replay the call to check it\.$/);
    await screenshot(served.page, 'no-key-then');
    expect(served.pageErrors).toEqual([]);
  });
});
