// Which public URLs count as the tunnel's URL changing (and make linked actions follow): every
// one the tunnel comes online at, against the one it last had, in this run or, after a restart,
// kept in the data folder; never the URL another serve on the folder holds now.
import { describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../../main/contract/api';
import { FakeEdge } from '../../fixtures/ngrok-edge/fake-edge';
import { cleanupsPerTest } from '../../helpers/cleanups-per-test';
import { startCore } from '../../helpers/running-core';
import { startServe } from '../../helpers/spawn-cli';
import { tunnelStandIn } from '../operations/account-harness';

const { cleanups, tempDir } = cleanupsPerTest();

const urlChanges = (events: CoreEvent[]) => events.filter((event) => event.type === 'tunnel-url-changed');

/** A core on `dataDir` whose tunnel comes online where the test says, closed after the test. */
async function companionOn(dataDir: string) {
  const tunnel = tunnelStandIn();
  const companion = await startCore({ dataDir, tunnelProvider: tunnel });
  cleanups.push(() => companion.close());
  return { tunnel, companion };
}

describe('the public URL changing', () => {
  it('is said for a close and open at another URL and across a restart, not for the same URL again', async () => {
    const dataDir = tempDir();
    const first = await companionOn(dataDir);
    first.tunnel.goOnline('https://a.edge.test');
    expect(urlChanges(first.companion.events)).toEqual([]); // nothing before it

    // Closed and opened again at the same URL (a reserved domain): nothing moved.
    await first.tunnel.close();
    first.tunnel.goOnline('https://a.edge.test');
    expect(urlChanges(first.companion.events)).toEqual([]);
    await first.tunnel.close();
    first.tunnel.goOnline('https://b.edge.test');
    expect(urlChanges(first.companion.events)).toEqual([
      { type: 'tunnel-url-changed', previous: 'https://a.edge.test', current: 'https://b.edge.test' },
    ]);

    // A restart on the same data folder (another core: each knows only its own run) knows the URL the tunnel had.
    const again = await companionOn(dataDir);
    again.tunnel.goOnline('https://b.edge.test');
    expect(urlChanges(again.companion.events)).toEqual([]);
    const restarted = await companionOn(dataDir);
    restarted.tunnel.goOnline('https://c.edge.test');
    expect(urlChanges(restarted.companion.events)).toEqual([
      { type: 'tunnel-url-changed', previous: 'https://b.edge.test', current: 'https://c.edge.test' },
    ]);
  });

  it('is not said against the URL of another serve running on the data folder: that tunnel is still there', async () => {
    const dataDir = tempDir();
    const edge = await FakeEdge.start();
    cleanups.push(() => edge.stop());
    const other = await startServe(
      ['--port', '0', '--no-inspector', '--data-dir', dataDir, '--tunnel'],
      { FLOWENT_HMAC_KEY: 'k', NGROK_AUTHTOKEN: 'good-token' },
      { ngrokEdge: edge.serverAddr },
    );
    cleanups.push(async () => {
      if (other.child.exitCode === null) {
        other.child.kill('SIGTERM');
        await other.exited;
      }
    });
    const [, otherUrl] = await other.waitFor(/Tunnel: online\. Public URL: (https:\/\/\S+)\/actions\/<action_name>/);

    // The other serve's URL is the newest the folder kept, and it is live.
    const here = await companionOn(dataDir);
    here.tunnel.goOnline('https://mine.edge.test');
    expect(urlChanges(here.companion.events)).toEqual([]);
    here.tunnel.goOnline('https://mine-again.edge.test');
    expect(urlChanges(here.companion.events)).toEqual([
      { type: 'tunnel-url-changed', previous: 'https://mine.edge.test', current: 'https://mine-again.edge.test' },
    ]);
    expect(otherUrl).not.toMatch(/mine/);
  }, 30_000);
});
