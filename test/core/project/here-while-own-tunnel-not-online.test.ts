import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeEdge, TEST_CA_PEM } from '../../fixtures/ngrok-edge/fake-edge';
import { gatewayForOneTest } from '../../helpers/account-gateway';
import { cleanupsPerTest } from '../../helpers/cleanups-per-test';
import { startCore } from '../../helpers/running-core';

// The companion applying a project itself (the desktop app, or serve's inspector) means its own
// tunnel by `webhook_url: here`: while that tunnel reconnects, here is not its loopback URL.

const { cleanups, tempDir } = cleanupsPerTest();

function projectFolder(root: string): string {
  const dir = join(root, 'flowent');
  mkdirSync(join(dir, 'actions'), { recursive: true });
  writeFileSync(
    join(dir, 'actions', 'send_email.yaml'),
    'version: 1\ndescription: Send an email\njson_schema: {type: object}\nwebhook_url: here\n',
  );
  return dir;
}

describe('webhook_url: here in the companion whose tunnel it is', () => {
  it('is refused while its tunnel reconnects, and is its own URL again once the tunnel is closed', async () => {
    const gateway = await gatewayForOneTest(cleanups, { apiTokens: { 'own-tunnel-token': 'tenant-1' } });
    const edge = await FakeEdge.start();
    cleanups.push(() => edge.stop());
    const companion = await startCore({
      env: { FLOWENT_BASE_URL: gateway.baseUrl, FLOWENT_API_TOKEN: 'own-tunnel-token', NGROK_AUTHTOKEN: 'good-token' },
      ngrokEdge: { serverAddr: edge.serverAddr, caCert: TEST_CA_PEM },
      projectDir: projectFolder(tempDir()),
    });
    cleanups.push(() => companion.close());
    const { api } = companion.core;
    expect(await api.openTunnel()).toMatchObject({ ok: true });

    await edge.drop(120_000);
    await expect.poll(async () => (await api.getStatus()).tunnel.state, { timeout: 10_000 }).toBe('reconnecting');
    expect(await api.planActions(false)).toMatchObject({
      ok: false,
      code: 'companion-tunnel-not-online',
      file: 'actions/send_email.yaml',
      mode: 'headless',
      tunnel: { state: 'reconnecting', reason: { code: 'tunnel-connection-lost' } },
    });
    expect(await api.applyActions(false)).toMatchObject({ ok: false, code: 'companion-tunnel-not-online' });
    expect(gateway.stored()).toEqual([]);

    // Closed by the user: this computer's URL, said with a note on opening it again.
    await api.closeTunnel();
    const applied = await api.applyActions(false);
    expect(applied).toMatchObject({ ok: true });
    expect(applied.ok && applied.value.notes).toEqual([
      `serve's tunnel was closed, so it has no public URL: using ${companion.baseUrl}, which Flowent in the cloud cannot reach. ` +
        'Open it again from the inspector (Public URL > Open tunnel) for a public URL.',
    ]);
    expect(gateway.stored()).toMatchObject([{ webhook_url: `${companion.baseUrl}/actions/send_email` }]);
  }, 60_000);
});
