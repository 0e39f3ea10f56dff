/**
 * What the thread that answers webhook calls waits for while the page reads the history: the
 * page's own sequence for each filter of the query matrix alone (test/bench/query-kinds.ts), run
 * through the store's API on a fresh connection, step by step: the first page, then the counts
 * (`getStats`) asked again from where each step stopped until exact, with the estimate
 * (`estimateCount`) after the first step when that was not the whole count: the header's, per
 * action when no action is chosen (it feeds the filter bar's action list too), then, with an
 * action chosen, the action list's own count of the other conditions.
 * Every call into the store holds the thread, so the figure that matters is the **longest step**;
 * beside it the longest stretch between two looks at the query budget's clock (about one
 * statement: a window of ids, or 32 of the text index's candidates), the steps and their total.
 *
 * With --drop-cache, each filter's sequence starts right after the operating system's file cache
 * is dropped (Linux, as root): the history read from disk, as after a while of other work.
 * Without it, each sequence is run once first, so every page it reads is in memory.
 * With --deep, also a page of each text term far down the history (below #900,000, #500,000 and
 * #100,000), and a bulk replay's selection of it from there.
 * With --windows, instead: what one window of ids costs, by its size and how far down it reads,
 * warm and from disk: of bodies for a count (read oldest first within the window) and for a page
 * (newest first), and of the filter columns' index for a count.
 *
 * With --pairs, the query matrix's pairs of filters too (an action and another filter: the page's
 * two counts, the header's and the action list's).
 *
 *   flock /tmp/flowent-suite.lock npx tsx test/bench/cold-steps.ts --data-dir <kept folder> [--drop-cache] [--deep] [--pairs] [--match STR] [--windows]
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { ActionEstimate, CallCountQuery, CallFilter } from '../../main/contract/api';
import { DATA_FILES } from '../../main/core/data-folder';
import { CallsRepository } from '../../main/core/store/calls-repository';
import { DEFAULT_QUERY_BUDGET } from '../../main/core/store/id-windows';
import { MAX_SELECTION } from '../../main/contract/api';
import { dropFileCache } from './query-cold';
import { withoutAction } from '../../renderer/src/history/filter-state';
import { matrix, PAGE, pageResult } from './query-kinds';

/** A bulk replay's selection: up to this many calls, the first step of which is timed. */
const REPLAY_SELECTION = MAX_SELECTION;
const DEEP_BELOW = [900_000, 500_000, 100_000];

interface Sequence {
  label: string;
  firstPage: number;
  /** The page's result (its rows, where it stopped) and the exact count. */
  result: string;
  steps: number;
  longestStep: number;
  longestStepAt: string;
  /** The longest time between two looks at the budget's clock within a step. */
  longestStretch: number;
  total: number;
  /** From the first count step to the header's first figure: that step, and the estimate when one was read. */
  firstFigure: number;
  /** The estimate, and how far it is from the exact count (null: none read, or it could not tell). */
  about: { value: number; off: number } | null;
  /** With an action and other conditions: the filter bar's first step and estimate, of the other conditions. */
  barFirstFigure: number | null;
  /** The action list's estimates: how many actions got a figure, of how many have matches, and the worst one's error. */
  actionEstimates: { given: number; of: number; worstOff: number | null } | null;
}

/** A connection whose query budget's clock notes the longest time between two looks. */
function openTimed(file: string) {
  const db = new Database(file, { readonly: true });
  let last = performance.now();
  let longest = 0;
  const clock = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    return now;
  };
  const calls = new CallsRepository(db, { ...DEFAULT_QUERY_BUDGET, clock });
  /** Times one call into the store: the step's time and its longest stretch without a look. */
  const step = <T>(work: () => T): { ms: number; value: T } => {
    longest = 0;
    const started = (last = performance.now());
    const value = work();
    const ended = performance.now();
    longest = Math.max(longest, ended - last);
    return { ms: ended - started, value };
  };
  return { calls, step, longestStretch: () => longest, close: () => db.close() };
}

type Timed = ReturnType<typeof openTimed>;

/**
 * Counts in steps to the exact figure, with the estimate after a first step that was not the whole
 * count; per action too when the query asks, and then how far the worst of the estimates per
 * action that gave a figure is from its exact count.
 */
function countInSteps(timed: Timed, note: (what: string, ms: number) => void, name: string, countQuery: CallCountQuery) {
  let firstFigure = 0;
  let total = 0;
  let about: number | null = null;
  const perAction = new Map<string, number>();
  let aboutPerAction: ActionEstimate[] = [];
  for (let query = countQuery, at = 1; ; at++) {
    const stats = timed.step(() => timed.calls.stats(query));
    note(`${name} step ${at}${query.beforeId !== undefined ? ` below #${query.beforeId}` : ''}`, stats.ms);
    if (at === 1) firstFigure = stats.ms;
    total += stats.value.total;
    for (const { action, count } of stats.value.perAction) perAction.set(action, (perAction.get(action) ?? 0) + count);
    if (stats.value.nextBeforeId === null) break;
    if (at === 1) {
      const estimate = timed.step(() => timed.calls.estimate(countQuery));
      note(`${name} estimate`, estimate.ms);
      firstFigure += estimate.ms;
      about = estimate.value.about;
      aboutPerAction = estimate.value.perAction;
    }
    query = { ...countQuery, beforeId: stats.value.nextBeforeId };
  }
  const given = aboutPerAction.filter((a) => a.about !== null);
  const offs = given.map((a) => Math.abs(a.about! - (perAction.get(a.action) ?? 0)) / Math.max(1, perAction.get(a.action) ?? 0));
  const actions = aboutPerAction.length
    ? { given: given.length, of: perAction.size, worstOff: offs.length ? Math.max(...offs) : null }
    : null;
  return { firstFigure, total, about, actions };
}

function runSequence(file: string, label: string, filter: CallFilter, beforeId?: number): Sequence {
  const timed = openTimed(file);
  try {
    const seq: Sequence = {
      label,
      firstPage: 0,
      result: '',
      steps: 0,
      longestStep: 0,
      longestStepAt: '',
      longestStretch: 0,
      total: 0,
      firstFigure: 0,
      about: null,
      barFirstFigure: null,
      actionEstimates: null,
    };
    const note = (what: string, ms: number) => {
      seq.steps++;
      seq.total += ms;
      seq.longestStretch = Math.max(seq.longestStretch, timed.longestStretch());
      if (ms > seq.longestStep) {
        seq.longestStep = ms;
        seq.longestStepAt = what;
      }
    };
    const page = timed.step(() => timed.calls.list({ ...filter, limit: PAGE, beforeId }));
    seq.firstPage = page.ms;
    note('page', page.ms);
    seq.result = pageResult(page.value);
    if (beforeId !== undefined) {
      // A bulk replay of the same filter from there selects its calls in budgeted steps too: the first.
      const selection = timed.step(() => timed.calls.selectReplayableIds(filter, REPLAY_SELECTION, beforeId));
      note('replay selection', selection.ms);
      seq.result += `; ${selection.value.ids.length} selected to replay`;
      return seq;
    }
    // The page's counts (renderer match-counts.ts): the header's, which also feeds the filter bar's
    // action list when no action is chosen; with one chosen, the bar's count of the other
    // conditions after it, its first figures read before the header's exact count.
    const others = withoutAction(filter);
    const barToo = Object.keys(others).length > 0;
    const header = countInSteps(timed, note, 'count', { ...filter, perAction: barToo && filter.action === undefined });
    seq.firstFigure = header.firstFigure;
    seq.actionEstimates = header.actions;
    seq.result += `; ${header.total}`;
    if (header.about !== null) seq.about = { value: header.about, off: header.total ? (header.about - header.total) / header.total : 0 };
    if (barToo && filter.action !== undefined) {
      const bar = countInSteps(timed, note, 'bar count', { ...others, perAction: true });
      seq.barFirstFigure = bar.firstFigure;
      seq.actionEstimates = bar.actions;
    }
    return seq;
  } finally {
    timed.close();
  }
}

const WINDOW_DEPTHS = [900_000, 500_000, 100_000];
/** One window each: a budget of no time reads its first window whole, then stops. */
const BODY_WINDOWS = [256, 512, 1_024, 2_048];
const WINDOW_READS: { label: string; read: (calls: CallsRepository, beforeId: number) => unknown; sizes: number[] }[] = [
  { label: 'bodies, count', read: (calls, beforeId) => calls.stats({ text: 'a', perAction: false, beforeId }), sizes: BODY_WINDOWS },
  { label: 'bodies, page', read: (calls, beforeId) => calls.list({ text: 'zq', limit: PAGE, beforeId }), sizes: BODY_WINDOWS },
  {
    label: 'columns, count',
    read: (calls, beforeId) => calls.stats({ test: false, perAction: false, beforeId }),
    sizes: [1_024, 16_384],
  },
];

function windowCosts(file: string): void {
  console.log('| window | ids | below | warm ms | from disk ms |');
  console.log('|---|---|---|---|---|');
  for (const { label, read, sizes } of WINDOW_READS) {
    for (const size of sizes) {
      for (const below of WINDOW_DEPTHS) {
        const once = () => {
          const db = new Database(file, { readonly: true });
          try {
            const calls = new CallsRepository(db, { ms: 0, firstWindow: size });
            const started = performance.now();
            read(calls, below);
            return performance.now() - started;
          } finally {
            db.close();
          }
        };
        dropFileCache();
        const cold = once();
        const warm = Math.min(once(), once(), once());
        console.log(`| ${label} | ${size} | #${below} | ${fmt(warm)} | ${fmt(cold)} |`);
      }
    }
  }
}

const fmt = (ms: number) => ms.toFixed(1);
const load = () => loadavg()[0]!.toFixed(2);

function main(): void {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      'drop-cache': { type: 'boolean', default: false },
      deep: { type: 'boolean', default: false },
      /** Only the filters whose label contains this. */
      match: { type: 'string' },
      windows: { type: 'boolean', default: false },
      /** The matrix's pairs of filters too (with --match 'action="lookup_order" &': the action list's own counts). */
      pairs: { type: 'boolean', default: false },
    },
  });
  if (!values['data-dir']) throw new Error('--data-dir <a folder filled by scale-bench.ts --keep> is required');
  const file = join(values['data-dir'], DATA_FILES.history);
  if (values.windows) return windowCosts(file);
  const cold = values['drop-cache'];
  const probe = new Database(file, { readonly: true });
  const count = probe.prepare('SELECT count(*) FROM calls').pluck().get() as number;
  probe.close();
  const alone = matrix(count, Date.now()).filter((c) => values.pairs || !c.label.includes(' & '));
  const deep = values.deep
    ? alone.flatMap((c) => (c.filter.text ? DEEP_BELOW.map((below) => ({ ...c, label: `${c.label} below #${below}`, below })) : []))
    : [];
  const cases: { label: string; filter: CallFilter; below?: number }[] = [...alone, ...deep];
  const chosen = cases.filter((c) => !values.match || c.label.includes(values.match));
  // The process's own first query (code loaded and compiled) is not the history's cost.
  runSequence(file, 'warm-up', {}, 1_000);
  console.log(`${chosen.length} sequences on ${count} calls, ${cold ? 'file cache dropped before each' : 'warm'}; load ${load()}`);
  const rows = chosen.map((c) => {
    if (cold) dropFileCache();
    else runSequence(file, c.label, c.filter, c.below);
    return runSequence(file, c.label, c.filter, c.below);
  });
  console.log(`load at end ${load()}`);
  const longest = Math.max(...rows.map((r) => r.longestStep));
  const over = (limit: number) => rows.filter((r) => r.longestStep >= limit).length;
  console.log(
    `longest step ${fmt(longest)} ms; sequences with a step over 100 ms: ${over(100)}, over 200 ms: ${over(200)}; ` +
      `longest stretch between looks ${fmt(Math.max(...rows.map((r) => r.longestStretch)))} ms`,
  );
  console.log(
    '| filter | first page ms | steps | longest step ms | where | longest stretch ms | all steps ms | first figure ms | estimate (off by) | action list first figures ms | action list estimates (worst off by) | page; exact count |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const about = r.about ? `${r.about.value} (${(r.about.off * 100).toFixed(1)}%)` : '–';
    const e = r.actionEstimates;
    const actions = e ? `${e.given} of ${e.of}${e.worstOff === null ? '' : ` (${(e.worstOff * 100).toFixed(1)}%)`}` : '–';
    console.log(
      `| ${r.label} | ${fmt(r.firstPage)} | ${r.steps} | ${fmt(r.longestStep)} | ${r.longestStepAt} | ${fmt(r.longestStretch)} | ${fmt(r.total)} | ` +
        `${fmt(r.firstFigure)} | ${about} | ${r.barFirstFigure === null ? '–' : fmt(r.barFirstFigure)} | ${actions} | ${r.result} |`,
    );
  }
}

main();
