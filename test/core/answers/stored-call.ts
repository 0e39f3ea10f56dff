import { openStore } from '../../../main/core/store/open-store';
import type { StoredCall } from '../../../main/core/store/call-rows';

/** Reads stored calls with every issue-4 field, through a second connection (WAL allows it). */
export function openStoreReadOnly(dataDir: string) {
  return {
    newest(): StoredCall {
      const opened = openStore({ dataDir });
      if (!opened.ok) throw new Error(JSON.stringify(opened));
      try {
        const id = opened.value.calls.list({ limit: 1 }).calls[0]?.id;
        const call = id === undefined ? null : opened.value.calls.get(id);
        if (!call) throw new Error('no call stored');
        return call;
      } finally {
        opened.value.close();
      }
    },
  };
}
