import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_FILES } from '../../main/core/data-folder';
import { keyFingerprint, LEARNED_STYLE_SETTINGS_SCOPE } from '../../main/core/replay/learned-style';
import { flowentPayload, signedAs } from '../helpers/flowent-signer';
import { runCli, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';

// A learned-style tally kept by an older version (version 1: calls per style, no sets) is counted
// again from the newest calls. Commands that only read the history (`calls <id>`) cannot save
// what they count, so each of them counted again, every time, until some writer happened to
// look at the learned style: a writer opening the history now counts it once and saves it.
const KEY = 'kept-once-key';
const env = { FLOWENT_HMAC_KEY: KEY };
const dataDir = makeTempDir();
const TALLY_KEY = `${LEARNED_STYLE_SETTINGS_SCOPE}.${keyFingerprint(KEY)}`;

/** Text past ASCII and keys out of order: Python's and Go's examples sign it differently. */
const telling = (n: number) => flowentPayload('send_email', { zebra: `Zürich ${n}`, apple: n });

/** The history file, opened by the test itself while no companion has it open. */
function withHistory<T>(work: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir.path, DATA_FILES.history));
  try {
    return work(db);
  } finally {
    db.close();
  }
}

function keptTally(): Record<string, unknown> {
  const row = withHistory((db) => db.prepare('SELECT value FROM settings WHERE key = ?').get(TALLY_KEY) as { value: string });
  return JSON.parse(row.value) as Record<string, unknown>;
}

function keepTally(tally: Record<string, unknown>): void {
  withHistory((db) =>
    db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(TALLY_KEY, JSON.stringify(tally)),
  );
}

/** A writer opening the history and closing it again: serve, started and stopped. */
async function openByServe(): Promise<void> {
  const serve: ServeProcess = await startServe(['--port', '0', '--no-inspector', '--data-dir', dataDir.path], env);
  serve.child.kill('SIGTERM');
  await serve.exited;
}

/** The learned style `calls 5` names beside the call, read-only. */
async function learnedNamedBy5(): Promise<string> {
  const shown = await runCli(['calls', '5', '--data-dir', dataDir.path], env);
  expect(shown.code, shown.stderr).toBe(0);
  return /\(learned: ([^)]*)\)/.exec(shown.stdout)?.[1] ?? '';
}

beforeAll(async () => {
  const serve = await startServe(['--port', '0', '--no-inspector', '--data-dir', dataDir.path], env);
  const post = (body: string) =>
    fetch(`${serve.baseUrl}/actions/send_email`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((answer) =>
      answer.arrayBuffer(),
    );
  // #1-#3 signed as the Python example does, #4 plain (every style alike), #5 as the Go example does.
  for (let n = 0; n < 3; n++) await post(signedAs(telling(n), KEY, 'python'));
  await post(signedAs(flowentPayload('send_email', { to: 'a@example.com' }), KEY, 'go'));
  await post(signedAs(telling(9), KEY, 'go'));
  serve.child.kill('SIGTERM');
  await serve.exited;
  // As an older version kept it: the styles each call's engine named, no sets of styles matched.
  keepTally({ version: 1, lastId: 5, calls: 5, matched: { python: 4, go: 1 }, discriminating: { python: 3, go: 1 } });
}, 60_000);

afterAll(() => dataDir.remove());

describe.sequential('a learned-style tally of version 1', () => {
  it('is counted again by a command that only reads, which cannot save it', async () => {
    expect(await learnedNamedBy5()).toBe('python, from 4 calls');
    expect(keptTally()).toMatchObject({ version: 1 });
  });

  it('is counted again and saved once, when a writer opens the history', async () => {
    await openByServe();
    expect(keptTally()).toEqual({ version: 2, lastId: 5, matchedSets: expect.any(Object) });
    expect(Object.values(keptTally().matchedSets as Record<string, number>).reduce((a, b) => a + b)).toBe(5);
  });

  it('is then read as kept by a command that only reads, not counted again', async () => {
    // Marked: a count made again from the calls would say 4 calls, the kept tally says 104.
    const kept = keptTally() as { matchedSets: Record<string, number> };
    const python = Object.keys(kept.matchedSets).find((set) => set.split(' ').includes('python') && !set.includes('go'))!;
    keepTally({ ...kept, matchedSets: { ...kept.matchedSets, [python]: kept.matchedSets[python]! + 100 } });
    expect(await learnedNamedBy5()).toBe('python, from 104 calls');
  });
});
