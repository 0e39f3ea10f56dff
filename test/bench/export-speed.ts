/**
 * What a HAR export of a history costs: fill-history.ts's calls written as the command's
 * `export --har` writes them (harPlan, then writeHar), every call, the bytes counted and
 * hashed so two trees' output can be compared, and the longest the event loop waited.
 *
 *   npx tsx test/bench/export-speed.ts [--calls 10000] [--rounds 5]
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { harPlan, writeHar } from '../../main/core/replay/har-write';
import { openStore } from '../../main/core/store/open-store';
import { makeTempDir } from '../helpers/temp-dir';
import { fillHistory } from './fill-history';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '5' } } });
const calls = Number(values.calls);
async function main(): Promise<void> {
  const dir = makeTempDir('fc-export-speed-');
  try {
    fillHistory(dir.path, calls);
    const opened = openStore({ dataDir: dir.path });
    if (!opened.ok) throw new Error(JSON.stringify(opened));
    const store = opened.value;
    for (let round = 1; round <= Number(values.rounds); round++) {
      // The longest the loop went without a turn: what a webhook call waits while serve exports.
      let last = performance.now();
      let longest = 0;
      const ticker = setInterval(() => {
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
      }, 1);
      const hash = createHash('sha256');
      let bytes = 0;
      const started = performance.now();
      const { ids } = await harPlan(store.calls, { filter: {}, all: true });
      const count = await writeHar(store.calls, ids, (chunk) => {
        bytes += Buffer.byteLength(chunk);
        hash.update(chunk);
      });
      const ms = performance.now() - started;
      longest = Math.max(longest, performance.now() - last);
      clearInterval(ticker);
      const perCall = ((ms * 1000) / count).toFixed(0);
      console.log(
        `round ${round}: ${count} calls, ${bytes} bytes in ${ms.toFixed(0)} ms (${perCall} µs a call), longest loop wait ${longest.toFixed(1)} ms, sha256 ${hash.digest('hex').slice(0, 16)}`,
      );
    }
    store.close();
  } finally {
    dir.remove();
  }
}

void main();
