/**
 * What a HAR export of a history costs: fill-history.ts's calls written as the command's
 * `export --har` writes them (harPlan, then writeHar), every call, and the longest the event
 * loop went without a turn, and the CPU time the process spent (all its threads: the
 * collector's too), which a loaded machine moves less than the wall time. The last round's bytes
 * are checked against the document of the calls read one at a time (`get`), stringified whole as
 * the page's export was.
 *
 *   npx tsx test/bench/export-speed.ts [--calls 10000] [--rounds 5]
 */
import { parseArgs } from 'node:util';
import { callsToHar } from '../../main/core/replay/har-export';
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
    let written: string[] = [];
    let exported: number[] = [];
    for (let round = 1; round <= Number(values.rounds); round++) {
      // The longest the loop went without a turn: what a webhook call waits while serve exports.
      let last = performance.now();
      let longest = 0;
      const ticker = setInterval(() => {
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
      }, 1);
      written = [];
      let bytes = 0;
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      const { ids } = await harPlan(store.calls, { filter: {}, all: true });
      exported = ids;
      const count = await writeHar(store.calls, ids, (chunk) => {
        bytes += Buffer.byteLength(chunk);
        written.push(chunk);
      });
      const ms = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      longest = Math.max(longest, performance.now() - last);
      clearInterval(ticker);
      const perCall = ((ms * 1000) / count).toFixed(0);
      console.log(
        `round ${round}: ${count} calls, ${bytes} bytes in ${ms.toFixed(0)} ms (${perCall} µs a call), ` +
          `CPU ${cpuMs.toFixed(0)} ms (${((cpuMs * 1000) / count).toFixed(0)} µs a call), longest loop wait ${longest.toFixed(1)} ms`,
      );
    }
    const oneByOne = JSON.stringify(callsToHar(exported.map((id) => store.calls.get(id)!)), null, 2);
    console.log(`the same bytes as the calls read one at a time: ${written.join('') === oneByOne ? 'yes' : 'NO'}`);
    store.close();
  } finally {
    dir.remove();
  }
}

void main();
