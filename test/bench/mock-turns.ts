/**
 * Builds of the companion by turns, mock answers only: what a change does to the CPU of a
 * stored, verified mock answer, measured against the tree before in the same minutes. Each
 * round runs the bare node:http server once (for the ratio), then every build in an order
 * that rotates from round to round (whichever runs first in a round measures about 10%
 * dearer), each a fresh process and data folder under autocannon (1 s uncounted, then
 * --seconds), CPU from the end of the warm-up until the process is idle again, as
 * mock-throughput.ts counts it.
 *
 *   npm run build && npx tsx test/bench/mock-turns.ts --trees out/main/cli.js,<other tree>/out/main/cli.js
 *     [--rounds 4] [--seconds 5] [--connections 10]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { makeTempDir } from '../helpers/temp-dir';
import { startBare, startCompanion, stop, storedCount } from './bench-kit';
import { median } from './loop-delay';
import { measured } from './throughput-rounds';

const KEY = 'bench-key';
const ACTION = 'send_email';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      trees: { type: 'string' },
      rounds: { type: 'string', default: '4' },
      seconds: { type: 'string', default: '5' },
      connections: { type: 'string', default: '10' },
    },
  });
  if (!values.trees) throw new Error('--trees <cli.js>,<cli.js>: the builds to run by turns');
  const trees = values.trees.split(',');
  const rounds = Number(values.rounds);
  const run = {
    body: signedBody(flowentPayload(ACTION, { recipient: 'user@example.com', subject: 'Welcome!' }), KEY),
    seconds: Number(values.seconds),
    connections: Number(values.connections),
  };
  const path = `/actions/${ACTION}`;
  const bare: number[] = [];
  const byTree = trees.map(() => ({ cpuUs: [] as number[], ratio: [] as number[], rps: [] as number[] }));
  for (let round = 0; round < rounds; round++) {
    console.log(`--- round ${round + 1} of ${rounds}, load average ${loadavg()[0]!.toFixed(2)}`);
    const bareServer = await startBare();
    const bareRun = await measured(bareServer.child, bareServer.baseUrl + path, run);
    await stop(bareServer.child);
    bare.push(bareRun.cpuUs);
    console.log(`bare node:http: ${bareRun.cpuUs.toFixed(0)} µs per call`);
    for (let turn = 0; turn < trees.length; turn++) {
      const at = (round + turn) % trees.length;
      const dir = makeTempDir('fc-bench-turns-');
      const companion = await startCompanion(dir.path, KEY, [], { cli: trees[at] });
      const companionRun = await measured(companion.child, companion.baseUrl + path, run);
      await stop(companion.child);
      const stored = storedCount(dir.path);
      dir.remove();
      const tree = byTree[at]!;
      tree.cpuUs.push(companionRun.cpuUs);
      tree.ratio.push(companionRun.cpuUs / bareRun.cpuUs);
      tree.rps.push(companionRun.result.requests.average);
      console.log(
        `${trees[at]}: ${companionRun.cpuUs.toFixed(0)} µs per call (${(companionRun.cpuUs / bareRun.cpuUs).toFixed(2)}x bare), ` +
          `${companionRun.result.requests.average.toFixed(0)} calls/s, ${stored} stored`,
      );
    }
  }
  console.log(`\nmedians of ${rounds} rounds (bare ${median(bare).toFixed(0)} µs per call):`);
  trees.forEach((name, at) => {
    const tree = byTree[at]!;
    console.log(
      `${name}: ${median(tree.cpuUs).toFixed(0)} µs [${tree.cpuUs.map((us) => us.toFixed(0)).join(' ')}], ` +
        `${median(tree.ratio).toFixed(2)}x bare [${tree.ratio.map((ratio) => ratio.toFixed(2)).join(' ')}], ${median(tree.rps).toFixed(0)} calls/s`,
    );
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
