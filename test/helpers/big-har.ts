import { flowentEntry } from './flowent-har';

/**
 * A HAR of signed Flowent calls of about `targetBytes`, as a browser or this app exports them:
 * each entry's body carries `tag-<n>` and padding, so the file reaches its size in entries of
 * about `entryBytes`.
 */
export function bigHar(targetBytes: number, key: string, entryBytes = 2_000): { text: string; entries: number } {
  const padding = 'x'.repeat(Math.max(0, entryBytes - 700));
  const entries: string[] = [];
  let size = 0;
  const started = Date.now() - 60_000;
  for (let n = 0; size < targetBytes; n++) {
    const entry = JSON.stringify(flowentEntry(n, key, started + n, { tag: `tag-${n}`, padding }));
    entries.push(entry);
    size += entry.length + 1;
  }
  return {
    text: `{"log":{"version":"1.2","creator":{"name":"test","version":"1"},"entries":[${entries.join(',')}]}}`,
    entries: entries.length,
  };
}
