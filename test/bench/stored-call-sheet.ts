/**
 * The cost sheet of one stored mock answer: each piece of the work the companion does for a
 * verified, stored call, timed alone in a warm loop (CPU time of this thread, median of
 * several runs), on a real SQLite file with the real schema. The INSERT is timed with every
 * index and trigger of `calls` as shipped, then with each one dropped in turn, then with all
 * of them dropped, at one row per commit (a fixed rate: every call its own transaction) and
 * ten (autocannon's ten connections: one batch per turn).
 *
 *   npx tsx test/bench/stored-call-sheet.ts [--runs 7] [--rows 2000] [--process 5]
 *
 * `--process <s>` (after `npm run build`): then the whole built command under autocannon's
 * load (10 connections, 1 s of warm-up, then <s> s), CPU per answered call by thread, during
 * the load and until the process is idle again (the text indexer's catch-up and the last
 * checkpoints included), and the calls per commit: what the sheet's sum does not explain.
 *
 * What a piece costs alone, warm, is a floor: in the server the same work runs with colder
 * caches, between socket reads and writes, and the GC's and checkpoint thread's work falls
 * on other threads. Compare the sum with the CPU per call the whole process measures
 * (mock-throughput.ts).
 */
import Database from 'better-sqlite3';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { makeTempDir } from '../helpers/temp-dir';
import { load, startCompanion, stop, storedCount, untilIdle } from './bench-kit';
import { threadLines, threads, type ThreadSample } from './thread-cpu';
import { findDuplicateKey, parseJson } from '../../main/core/json/parse-json';
import { checkFlowentBody } from '../../main/core/protocol/call-body';
import { STYLES, verify, hmacHex, CanonicalSet } from '../../main/core/signature';
import { checkCall } from '../../main/core/webhook/call-check';
import { checkHere } from '../../main/core/webhook/call-checker';
import { handleCall, type StoreCall } from '../../main/core/webhook/handle-call';
import type { CapturedRequest } from '../../main/core/webhook/interpret-call';
import { WaitingCalls } from '../../main/core/webhook/waiting-calls';
import { CallAnswerer } from '../../main/core/answers/call-answerer';
import { AnswersRepository } from '../../main/core/store/answers-repository';
import { HandlersRepository } from '../../main/core/store/handlers-repository';
import { CallInserter, summaryOf, type NewCall } from '../../main/core/store/calls-insert';
import { migrate } from '../../main/core/store/migrations';
import { TextIndexer } from '../../main/core/store/text-index';
import { CoreEvents } from '../../main/core/events';
import { formatCallLine, formatCallNotes } from '../../main/cli/format-call';
import type { HeaderPair } from '../../main/contract/api';
import { newLoopToken } from '../../main/core/answers/own-calls';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '7' }, rows: { type: 'string', default: '2000' }, process: { type: 'string', default: '0' } },
});
const RUNS = Number(values.runs);
const ROWS = Number(values.rows);

const KEY = 'bench-key';
const ACTION = 'send_email';
const bodyText = signedBody(flowentPayload(ACTION, { recipient: 'user@example.com', subject: 'Welcome!' }), KEY);
const body = Buffer.from(bodyText);
const rawHeaders: HeaderPair[] = [
  ['Host', '127.0.0.1:1234'],
  ['Content-Type', 'application/json'],
  ['Content-Length', String(body.length)],
];

/** Microseconds of CPU (this thread's process: user + system) per call of `work`, median of RUNS runs after a warm-up. */
function perCall(work: (i: number) => unknown, iterations: number): number {
  for (let i = 0; i < Math.min(iterations, 2000); i++) work(i);
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = process.cpuUsage();
    for (let i = 0; i < iterations; i++) work(i);
    const used = process.cpuUsage(start);
    samples.push((used.user + used.system) / iterations);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

/** The same for work that awaits (the request handler's promises included). */
async function perCallAsync(work: (i: number) => Promise<unknown>, iterations: number): Promise<number> {
  for (let i = 0; i < Math.min(iterations, 2000); i++) await work(i);
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = process.cpuUsage();
    for (let i = 0; i < iterations; i++) await work(i);
    const used = process.cpuUsage(start);
    samples.push((used.user + used.system) / iterations);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

const lines: [string, number][] = [];
const note = (label: string, us: number) => {
  lines.push([label, us]);
  console.log(`${label.padEnd(78)}${us.toFixed(1).padStart(8)} µs`);
};

/** A fresh history file with the real schema, opened as the companion opens it. */
function freshHistory(dir: string, name: string): Database.Database {
  const db = new Database(join(dir, name));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = FAST');
  // Checkpoints are timed on their own (below), as the checkpoint thread does them.
  db.pragma('wal_autocheckpoint = 0');
  const migrated = migrate(db);
  if (!migrated.ok) throw new Error(`migration failed: ${migrated.code}`);
  return db;
}

async function main(): Promise<void> {
  const dir = makeTempDir('fc-sheet-');
  try {
    console.log(`${body.length}-byte signed body, ${RUNS} runs per piece, median; ${ROWS} rows per INSERT run\n`);
    console.log('-- the request and its signature');
    note(
      'parse the body (parseJson)',
      perCall(() => parseJson(body), 20_000),
    );
    const parsed = parseJson(body);
    if (!parsed.ok) throw new Error('the bench body does not parse');
    note(
      'look for repeated keys',
      perCall(() => findDuplicateKey(parsed.root), 20_000),
    );
    note(
      'check the shape (checkFlowentBody)',
      perCall(() => checkFlowentBody(parsed.root, ACTION), 20_000),
    );
    const receivedAt = Date.now();
    const quick = verify(body, KEY, { receivedAt, stopAtFirstMatch: true }, parsed);
    note(
      `verify up to the first match (matched: ${quick.style})`,
      perCall(() => verify(body, KEY, { receivedAt, stopAtFirstMatch: true }, parsed), 20_000),
    );
    note(
      'verify in every style (the every-style report)',
      perCall(() => verify(body, KEY, { receivedAt, stopAtFirstMatch: false }, parsed), 5_000),
    );
    if (parsed.root.kind === 'object') {
      const root = parsed.root;
      for (const style of STYLES) {
        note(
          `  one style alone: ${style.name} (canonical bytes + HMAC)`,
          perCall(() => hmacHex(KEY, new CanonicalSet(root, body, 'drop').bytes(style)), 10_000),
        );
      }
    }
    const input = { body, pathAction: ACTION, hmacKey: KEY, receivedAt };
    note(
      'the whole check (checkCall: parse, keys, shape, first-match verify)',
      perCall(() => checkCall(input), 20_000),
    );
    note(
      'the whole check with its CheckedCall (checkHere)',
      perCall(() => checkHere(input), 20_000),
    );

    console.log('\n-- the answer');
    const answersDb = freshHistory(dir.path, 'answers.db');
    const answers = new AnswersRepository(answersDb);
    const answerer = new CallAnswerer({
      repository: () => answers,
      startupForwardTarget: null,
      forwardTimeoutMs: 10_000,
      fallbackToMock: false,
    });
    const checked = checkHere(input);
    if (checked.check.kind !== 'checked' || !checked.check.body.ok) throw new Error('the bench body is not a valid call');
    const flowentCall = checked.check.body.call;
    const toAnswer = {
      ...flowentCall,
      body,
      parsed: checked,
      rawHeaders,
      remoteAddress: '127.0.0.1',
      elapsedMs: () => 0.1,
      forwardingTo: null,
    };
    note(
      'choose the mock and make the answer (CallAnswerer.answer, built-in mock)',
      await perCallAsync(() => answerer.answer(toAnswer), 20_000),
    );
    note(
      '  the change stamp (PRAGMA data_version)',
      perCall(() => answersDb.prepare('PRAGMA data_version').pluck().get(), 20_000),
    );

    const captured: NewCall[] = [];
    const capture: StoreCall = (call) => {
      captured[0] = call;
      return Promise.resolve({ ok: true, id: 1 });
    };
    const handlersDb = freshHistory(dir.path, 'handlers.db');
    const deps = {
      calls: null as never,
      hmacKey: () => KEY,
      enforceSignatures: false,
      bodyLimitBytes: 1024 * 1024,
      answerer,
      handlers: new HandlersRepository(handlersDb).forKey(() => 'bench-key'),
      onStored: () => {},
      loopToken: newLoopToken(),
      onInternalError: (error: unknown) => {
        throw error;
      },
      // The server's own: what noting each call in flight costs is part of the handler's.
      waiting: new WaitingCalls({ onWaiting: () => {}, onWaitEnded: () => {} }),
    };
    const request = (): CapturedRequest => ({
      receivedAt: Date.now(),
      startedAt: process.hrtime.bigint(),
      method: 'POST',
      url: `/actions/${ACTION}`,
      httpVersion: '1.1',
      viaTunnel: false,
      rawHeaders,
      remoteAddress: '127.0.0.1',
      body: { kind: 'complete', body, size: body.length },
    });
    note(
      'the request handler, store excepted (handleCall: check, mock, the row object)',
      await perCallAsync(() => handleCall(request(), deps, capture, async (i) => checkHere(i)), 20_000),
    );
    deps.waiting.stop();
    const call = captured[0];
    if (!call) throw new Error('no call was captured');

    console.log('\n-- after the answer: the summary, the event, the call line');
    note(
      'the summary (summaryOf)',
      perCall(() => summaryOf(call, 1), 50_000),
    );
    const summary = summaryOf(call, 1);
    const events = new CoreEvents();
    let written = 0;
    events.subscribe((event) => {
      if (event.type === 'call-stored')
        [formatCallLine(event.call), ...formatCallNotes(event.call)].forEach((line) => (written += line.length));
    });
    note(
      "the event to serve's listener, with its call line formatted",
      perCall(() => events.emit({ type: 'call-stored', call: summary }), 50_000),
    );

    console.log('\n-- the row: INSERT (autocommit: its commit included), per call');
    await insertSheet(dir.path, call);
    if (written === 0) throw new Error('no call line was written');
    if (Number(values.process) > 0) await wholeProcess(Number(values.process));
  } finally {
    dir.remove();
  }
}

/** Indexes and triggers of `calls` that an INSERT maintains, by name. */
const INSERT_UPKEEP: { name: string; drop: string }[] = [
  { name: 'calls_by_action', drop: 'DROP INDEX calls_by_action' },
  { name: 'calls_by_received_at', drop: 'DROP INDEX calls_by_received_at' },
  { name: 'calls_by_verdict', drop: 'DROP INDEX calls_by_verdict' },
  { name: 'calls_by_other_source (partial)', drop: 'DROP INDEX calls_by_other_source' },
  { name: 'calls_by_original_call (partial)', drop: 'DROP INDEX calls_by_original_call' },
  { name: 'calls_by_id_filters', drop: 'DROP INDEX calls_by_id_filters' },
  { name: 'call_counts trigger (calls_count_insert)', drop: 'DROP TRIGGER calls_count_insert' },
];

async function insertSheet(dirPath: string, call: NewCall): Promise<void> {
  const variants: { label: string; drops: string[] }[] = [
    { label: 'as shipped', drops: [] },
    ...INSERT_UPKEEP.map((upkeep) => ({ label: `without ${upkeep.name}`, drops: [upkeep.drop] })),
    { label: 'without any of them (the table alone)', drops: INSERT_UPKEEP.map((upkeep) => upkeep.drop) },
  ];
  const base: Record<number, number> = {};
  let fileNumber = 0;
  for (const batch of [1, 10]) {
    console.log(`  ${batch} row(s) per commit:`);
    for (const variant of variants) {
      const db = freshHistory(dirPath, `insert-${fileNumber++}.db`);
      for (const drop of variant.drops) db.exec(drop);
      const inserter = new CallInserter(db);
      const calls = Array.from({ length: batch }, () => ({ ...call }));
      // A history that already holds some calls, so each index has a few levels.
      const fill = new CallInserter(db);
      db.transaction(() => {
        for (let i = 0; i < 20_000; i += 64) fill.insert(Array.from({ length: 64 }, () => call));
      })();
      db.pragma('wal_checkpoint(TRUNCATE)');
      let checkpointUs = 0;
      const us =
        perCall(() => {
          inserter.insert(calls);
        }, ROWS / batch) / batch;
      if (variant.drops.length === 0) {
        const start = process.cpuUsage();
        db.pragma('wal_checkpoint(TRUNCATE)');
        const used = process.cpuUsage(start);
        // Every insert run since the last checkpoint: the warm-up and RUNS runs.
        checkpointUs = (used.user + used.system) / (Math.min(ROWS / batch, 2000) * batch + RUNS * ROWS);
        base[batch] = us;
      }
      const delta = variant.drops.length === 0 ? '' : ` (saves ${(base[batch]! - us).toFixed(1)} µs)`;
      note(`    ${variant.label}${delta}`, us);
      if (variant.drops.length === 0) {
        // The same rows inside an open transaction: what the commit itself costs, per call.
        db.exec('BEGIN');
        const uncommitted = perCall(() => inserter.insert(calls), ROWS / batch) / batch;
        db.exec('COMMIT');
        note(`      the commit's share (autocommit minus the same inside one open transaction)`, us - uncommitted);
        note('      the checkpoint of those rows (as the checkpoint thread does it), per call', checkpointUs);
        const indexer = new TextIndexer(db);
        const start = process.cpuUsage();
        const indexed = indexer.catchUp();
        const used = process.cpuUsage(start);
        note(`      the text indexer's catch-up, per call (${indexed} calls)`, (used.user + used.system) / indexed);
      }
      db.close();
    }
  }
}

void main();

/** CPU seconds of the process, user and system, summed over its threads. */
function processCpu(samples: Map<string, ThreadSample>): number {
  let total = 0;
  for (const sample of samples.values()) total += sample.user + sample.system;
  return total;
}

/** The built command under autocannon: CPU per call by thread, during the load and until idle. */
async function wholeProcess(seconds: number): Promise<void> {
  console.log(
    `\n-- the whole process (the built command, default mock, autocannon 10 connections, ${seconds} s), load ${loadavg()[0]!.toFixed(2)}`,
  );
  const dataDir = makeTempDir('fc-sheet-process-');
  const companion = await startCompanion(dataDir.path, KEY);
  try {
    const pid = companion.child.pid ?? 0;
    const url = `${companion.baseUrl}/actions/${ACTION}`;
    // load() sends one uncounted second first; the calls counted here are every stored row
    // between the samples, so that second's CPU and calls are both in.
    await load(url, bodyText, 1, 10);
    const storedBefore = storedCount(dataDir.path);
    const before = threads(pid);
    await load(url, bodyText, seconds, 10);
    const loaded = threads(pid);
    await untilIdle(pid);
    const idle = threads(pid);
    const calls = storedCount(dataDir.path) - storedBefore;
    console.log(`${calls} calls stored in ${seconds + 1} s`);
    console.log(`during the load: ${(((processCpu(loaded) - processCpu(before)) * 1e6) / calls).toFixed(0)} µs per call`);
    console.log(threadLines(before, loaded, calls).join('\n'));
    console.log(`until idle again: ${(((processCpu(idle) - processCpu(before)) * 1e6) / calls).toFixed(0)} µs per call`);
    console.log(threadLines(before, idle, calls).join('\n'));
  } finally {
    await stop(companion.child);
    dataDir.remove();
  }
}
