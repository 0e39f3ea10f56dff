import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cleanupsPerTest } from '../../helpers/cleanups-per-test';
import { threadsAtOnce } from '../../helpers/threads-at-once';

// The app and serve (or two serves of a CI job) started at once on a new data folder each print
// an inspector URL with the token they read or made. All must end with the same token: when
// each made its own, the last file replaced the others' and the URLs they had printed were
// refused. Threads stand for the processes, round after round (the race is not met every time).
const OPENERS = 4;
const ROUNDS = 30;
const SOURCE = join(__dirname, '../../../main/transports/inspector/inspector-token.ts');

const { tempDir } = cleanupsPerTest();

/** One process starting: the token it prints, and the one in force once every opener has made its own. */
const OPENING = `
  const { inspectorTokenFile } = require(workerData.source);
  const token = inspectorTokenFile(workerData.dataDir);
  const printed = token.current();
  together(1);
  parentPort.postMessage({ printed, accepted: token.current() });
`;

it('processes starting at once on a new data folder end with one token, the one each printed', async () => {
  const dir = tempDir();
  for (let round = 1; round <= ROUNDS; round++) {
    // As serve finds it: the folder made, no token yet.
    const dataDir = join(dir, `folder-${round}`);
    mkdirSync(dataDir);
    const seen = await threadsAtOnce<{ printed: string; accepted: string }>(OPENERS, OPENING, { source: SOURCE, dataDir });
    const tokens = new Set(seen.flatMap(({ printed, accepted }) => [printed, accepted]));
    expect(tokens.size, `round ${round}: ${JSON.stringify(seen)}`).toBe(1);
  }
});
