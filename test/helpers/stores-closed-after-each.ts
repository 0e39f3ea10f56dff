import { afterEach } from 'vitest';
import { openStore, type Store } from '../../main/core/store/open-store';
import { makeTempDir } from './temp-dir';

export interface TestStores {
  /** A new empty data folder, removed after the test. */
  freshDir(): string;
  /** A history opened on `dataDir` (a real SQLite file), closed after the test; two on one folder are two connections, as two processes have. */
  open(dataDir: string): Store;
}

/** For a test file whose histories are all closed, and their folders removed, after each test. */
export function storesClosedAfterEach(): TestStores {
  const stores: Store[] = [];
  const dirs: { remove(): void }[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    for (const dir of dirs.splice(0)) dir.remove();
  });
  return {
    freshDir() {
      const dir = makeTempDir();
      dirs.push(dir);
      return dir.path;
    },
    open(dataDir) {
      const opened = openStore({ dataDir });
      if (!opened.ok) throw new Error(JSON.stringify(opened));
      stores.push(opened.value);
      return opened.value;
    },
  };
}
