import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_FILES } from '../../../main/core/data-folder';
import type { NewCall } from '../../../main/core/store/calls-insert';
import { startBackgroundCheckpoint } from '../../../main/core/store/background-checkpoint';
import { WAL_KEPT_BYTES } from '../../../main/core/store/open-store';
import { storedCall } from '../../helpers/new-call';
import { storesClosedAfterEach } from '../../helpers/stores-closed-after-each';

const stores = storesClosedAfterEach();

/** Call n: a body of 3,000 bytes, so 200 calls fill about 300 pages. */
function call(n: number): NewCall {
  return storedCall({ requestBody: Buffer.alloc(3000, 0x61 + (n % 26)), bodySize: 3000 });
}

async function until(check: () => boolean, timeoutMs = 20_000): Promise<boolean> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

describe('WAL checkpoints on a background thread', () => {
  it('copies committed calls into the database file while the writer never reaches its own checkpoint size', async () => {
    const dir = stores.freshDir();
    const store = stores.open(dir);
    const databaseFile = join(dir, DATA_FILES.history);
    const sizeBefore = statSync(databaseFile).size;
    // About 300 pages: far below the writer's own 8,192-page auto-checkpoint.
    store.calls.insert(Array.from({ length: 200 }, (_, n) => call(n)));
    // Only a checkpoint writes pages into the database file itself.
    expect(await until(() => statSync(databaseFile).size > sizeBefore + 200 * 3000)).toBe(true);
    expect(store.calls.lastCallId()).toBe(200);
  });

  it('cuts the WAL back once a burst is checkpointed, instead of keeping the size of the burst on disk', async () => {
    const dir = stores.freshDir();
    const store = stores.open(dir);
    const wal = join(dir, `${DATA_FILES.history}-wal`);
    // One transaction of about 15 MB: the WAL grows to hold it whole.
    store.calls.insert(Array.from({ length: 5000 }, (_, n) => call(n)));
    expect(statSync(wal).size).toBeGreaterThan(WAL_KEPT_BYTES * 2);
    // Once checkpointed, the next write starts the WAL over, and cuts it back.
    expect(
      await until(() => {
        store.calls.insert([call(0)]);
        return statSync(wal).size <= WAL_KEPT_BYTES;
      }),
    ).toBe(true);
  });

  it('says when the thread cannot run, so the writer checkpoints on its own again', async () => {
    const dir = stores.freshDir();
    let why: string | null = null;
    const checkpoints = startBackgroundCheckpoint({
      file: join(dir, 'history.sqlite'),
      intervalMs: 50,
      nativeBinding: join(dir, 'missing.node'),
      onUnavailable: (reason) => {
        why = reason;
      },
    });
    expect(await until(() => why !== null)).toBe(true);
    expect(why).toMatch(/missing\.node|Cannot find|could not/i);
    await checkpoints.stop();
  });
});
