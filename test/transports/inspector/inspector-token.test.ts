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

/** One process starting on each round's folder: the token it prints, and the one in force once every opener has made its own. */
const OPENING = `
  const { join } = require('node:path');
  const { inspectorTokenFile } = require(workerData.source);
  const rounds = [];
  for (let round = 0; round < workerData.rounds; round++) {
    together(1 + 2 * round);
    const token = inspectorTokenFile(join(workerData.dir, 'folder-' + round));
    const printed = token.current();
    together(2 + 2 * round);
    rounds.push({ printed, accepted: token.current() });
  }
  parentPort.postMessage(rounds);
`;

it('processes starting at once on a new data folder end with one token, the one each printed', async () => {
  const dir = tempDir();
  // As serve finds each: the folder made, no token yet.
  for (let round = 0; round < ROUNDS; round++) mkdirSync(join(dir, `folder-${round}`));
  const seen = await threadsAtOnce<{ printed: string; accepted: string }[]>(
    OPENERS,
    OPENING,
    { source: SOURCE, dir, rounds: ROUNDS },
    1 + 2 * ROUNDS,
  );
  for (let round = 0; round < ROUNDS; round++) {
    const tokens = new Set(seen.flatMap((opener) => [opener[round]!.printed, opener[round]!.accepted]));
    expect(tokens.size, `round ${round}: ${JSON.stringify(seen.map((opener) => opener[round]))}`).toBe(1);
  }
});
