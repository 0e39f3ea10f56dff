/** Replay, simulator, HAR export/import, copy as cURL and the learned signing style. */
import type {
  BulkReplayPreview,
  BulkReplayRuns,
  BulkReplayStarted,
  CallSelection,
  CallSummary,
  HandlerEvent,
  HandlerProbe,
  ProbeStepOf,
  LearnedStyleInfo,
  ReplayEvent,
  Refused,
  ReplayFailure,
  ReplayOutcome,
  Result,
  SimulatorAction,
} from '../../contract/api';
import { MAX_SELECTION, type HandlerFailure } from '../../contract/api';
import { EVENT_BATCH_POLICY } from '../event-batcher';
import { FLOWENT_TIMEOUT_MS } from '../protocol/facts';
import { Forwarder } from '../answers/forward';
import type { CallsRepository } from '../store/calls-repository';
import type { AnswerSource } from '../store/answer-store';
import type { KeyedHandlerMemory } from '../store/handlers-repository';
import type { SettingsRepository } from '../store/settings-repository';
import { BulkRuns } from './bulk-runs';
import { replayMany, type BulkOptions } from './bulk-replay';
import { curlFor, type CurlOptions } from './curl';
import { harPlan, harText, selectionLimit, writeHar, type HarSelection } from './har-write';
import { importHar, type ImportSummary } from './har-import';
import { LEARNED_STYLE_SETTINGS_SCOPE, NOTHING_LEARNED, StyleLearner, type LearnedStyle } from './learned-style';
import { targetFor, type OwnWebhook } from './deliver';
import { probeHandler } from './probe';
import { replayCall, type ReplayOptions } from './replay';
import { simulateCall, type SimulateOptions, type SimulateResult } from './simulate';
import { saveLocalSchema, schemaFor, simulatorActions, type ProjectSchemas } from './simulator-actions';

/** The batch's timer and the reading stage's wait start in the same turn: a little more makes the batch go first. */
const READING_TOLD_MARGIN_MS = 10;

export interface ReplaySetup {
  calls: () => CallsRepository;
  answers: () => AnswerSource;
  settings: () => SettingsRepository;
  hmacKey: () => string | null;
  /** What each developer's handler accepted and refused so far. */
  handlers: () => KeyedHandlerMemory;
  /** The companion's webhooks running now (deliver.ts); cURL commands send calls to the first. */
  ownWebhooks?: () => OwnWebhook[];
  startupForwardTarget?: string | null;
  forwardTimeoutMs?: number;
  /** Told about every replayed or simulated call once stored, for the `call-stored` event. */
  onStored?: (call: CallSummary) => void;
  /** Bulk runs' progress and end, imports' and probes' progress, for the core's events. */
  onEvent?: (event: ReplayEvent | HandlerEvent) => void;
  /**
   * A one-shot command's first Ctrl-C: once aborted, a probe of the handler sends no more
   * requests (the one in flight is answered and stored first) and says what it found so far.
   * Each probe can also be stopped on its own (stopProbe, the page's Cancel).
   */
  stopSignal?: AbortSignal;
  /** The history is open to read only: what it learns (the signing style) is not saved. */
  readOnly?: boolean;
  /** The open project's action schemas, which the simulator prefers to any other. */
  projectSchemas?: ProjectSchemas;
}

/** The replay feature, under the contract's replay methods. */
export interface Replay {
  /** Replays one stored call; the replay is stored as a new call (source `replay`). */
  replay(id: number, options?: ReplayOptions): Promise<Result<ReplayOutcome, ReplayFailure>>;
  /** Sends a call that never happened (source `simulator`). */
  simulate(options: SimulateOptions): Promise<Result<SimulateResult, ReplayFailure>>;
  /** The selection's calls as HAR text, and how many it matched: more than written when its limit left some out. */
  exportHar(selection: CallSelection): Promise<{ text: string; count: number; matched: number }>;
  /**
   * Writes the selection's calls as HAR through `write` a batch of calls at a time, so a whole
   * history takes no more memory than a batch; `onWritten` hears how many are written so far.
   */
  writeHar(
    selection: HarSelection,
    write: (chunk: string) => void,
    onWritten?: (written: number, total: number) => void,
  ): Promise<{ count: number; matched: number }>;
  /** Imports in slices, telling its progress through `onEvent` and each stored call through `onStored`. */
  importHar(text: string): Promise<Result<ImportSummary, ReplayFailure>>;
  /** A POSIX shell command that sends the stored call again; re-signed with the learned style unless `style` is given. */
  curlFor(id: number, options?: Omit<CurlOptions, 'key'>): Result<string, ReplayFailure>;
  /** Starts a bulk replay in the background (progress through `onEvent`) of the selection's replayable calls. */
  startBulk(
    selection: CallSelection,
    options: Omit<BulkOptions, 'signal' | 'onProgress'>,
  ): Promise<Result<BulkReplayStarted, ReplayFailure>>;
  /** The calls of a selection a bulk replay takes: the given ids that are stored, or the filter's calls from Flowent naming an action (oldest first). */
  replayableIds(selection: CallSelection): Promise<number[]>;
  /** How many calls of a selection a bulk replay takes, and which of their actions have no target to send them to. */
  previewBulk(selection: CallSelection): Promise<BulkReplayPreview>;
  /** False when no such run is going. */
  cancelBulk(runId: string): boolean;
  /** Bulk runs still going, with their counts so far, and the last few ended, with their summaries. */
  bulkRuns(): BulkReplayRuns;
  /** The learned style for the current key, and whether there is a key. */
  styleInfo(): LearnedStyleInfo;
  /** The style re-signed calls use: the one learned for the current key, else the fallback (from 0 calls). */
  learnedStyle(): LearnedStyle;
  /** Sends a stored call to its handler re-signed in each style and with a wrong signature (probe.ts). */
  probe(id: number, target?: string): Promise<Result<HandlerProbe, HandlerFailure>>;
  /** Stops the probes of call `id` going on (each sends nothing more); false when none was. */
  stopProbe(id: number): boolean;
  /** The probes going on, each call's at its latest step. */
  runningProbes(): ProbeStepOf[];
  simulatorActions(): SimulatorAction[];
  saveSimulatorAction(action: string, schemaText: string | null): Result<SimulatorAction[], ReplayFailure>;
  /** The JSON Schema known for an action (the project's file, defined here, or cached from Flowent), or null. */
  schemaFor(action: string): Record<string, unknown> | null;
  /** Aborts replays in flight. */
  close(): Promise<void>;
}

export function createReplay(deps: ReplaySetup): Replay {
  const forwarder = new Forwarder();
  const learner = new StyleLearner(deps.calls, () => deps.settings().scope(LEARNED_STYLE_SETTINGS_SCOPE), !deps.readOnly);
  const projectSchemas = deps.projectSchemas ?? (() => []);
  const ctx = { ...deps, forwardTimeoutMs: deps.forwardTimeoutMs ?? FLOWENT_TIMEOUT_MS, forwarder, learner };
  const learnedNow = (): LearnedStyle => {
    const key = deps.hmacKey();
    return key ? learner.learnedStyle(key) : NOTHING_LEARNED;
  };
  /** The probes going on, by the call probed: a stop ends each of them (the page's Cancel). */
  const probes = new Map<number, Set<AbortController>>();
  /** Each probed call's latest step, for a page opened while its probe goes on (listProbes). */
  const probeSteps = new Map<number, ProbeStepOf>();
  const probe = async (id: number, target?: string) => {
    const own = new AbortController();
    const going = probes.get(id) ?? new Set();
    probes.set(id, going.add(own));
    // Stopped by its own Cancel, or by the command's Ctrl-C for everything.
    const stopSignal = deps.stopSignal ? AbortSignal.any([deps.stopSignal, own.signal]) : own.signal;
    const onEvent = (event: ReplayEvent | HandlerEvent) => {
      if (event.type === 'probe-progress') {
        const { type: _, ...step } = event;
        probeSteps.set(id, step);
      }
      deps.onEvent?.(event);
    };
    try {
      return await probeHandler({ ...ctx, stopSignal, onEvent }, id, target);
    } finally {
      going.delete(own);
      // Another probe of the same call still going keeps its progress shown.
      if (going.size === 0) {
        probes.delete(id);
        probeSteps.delete(id);
        deps.onEvent?.({ type: 'probe-finished', callId: id });
      }
    }
  };
  /** Each action of the calls once, in the order first met. */
  const actionsOf = (ids: number[]): (string | null)[] => [...new Set(ids.map((id) => deps.calls().summary(id)?.action ?? null))];
  /**
   * Why no call of a run can go anywhere (the first call's refusal), or null when one can. A
   * run with calls of several actions is refused only when none of them has a target: one
   * action with no handler (send_email) refused the whole run, the calls that had one with it;
   * each call that cannot go is now listed "not replayed", with why.
   */
  const everyTargetRefused = (ids: number[], given: string | undefined): Refused<ReplayFailure> | null => {
    let first: Refused<ReplayFailure> | null = null;
    for (const action of actionsOf(ids)) {
      const target = targetFor(ctx, action, given);
      if (target.ok) return null;
      first ??= target;
    }
    return first;
  };
  /** Where this companion's webhook is reached now (its own, or a serve's on the same data folder); null when none runs. */
  const ownWebhookBaseUrl = (): string | null => deps.ownWebhooks?.()[0]?.baseUrl ?? null;
  const runs = new BulkRuns(
    (ids, options) => replayMany(ctx, ids, options),
    (event) => deps.onEvent?.(event),
  );
  return {
    replay: (id, options) => replayCall(ctx, id, options),
    simulate: (options) => simulateCall(ctx, options),
    async exportHar(selection) {
      const { ids, matched } = await harPlan(deps.calls(), selection);
      // One event a batch of calls: the batcher keeps only the latest for a page that lags.
      const told = (done: number, total: number) => deps.onEvent?.({ type: 'har-export-progress', done, total });
      return { ...(await harText(deps.calls(), ids, ownWebhookBaseUrl(), told)), matched };
    },
    async writeHar(selection, write, onWritten) {
      const { ids, matched } = await harPlan(deps.calls(), selection);
      // Nothing to export writes nothing: `export --har -` prints no empty HAR.
      return { count: ids.length === 0 ? 0 : await writeHar(deps.calls(), ids, write, onWritten, ownWebhookBaseUrl()), matched };
    },
    importHar(text) {
      // Tens of thousands of calls in seconds: one progress event per slice, not one event
      // (and one summary read) per call; receivers read the history again at the end. The
      // parse waits out one batch's delay, so receivers hear `reading` before it, not after.
      return importHar(text, deps.calls(), deps.hmacKey(), {
        onProgress: (stage) => deps.onEvent?.({ type: 'har-import-progress', ...stage }),
        readingToldMs: EVENT_BATCH_POLICY.flushMs + READING_TOLD_MARGIN_MS,
      });
    },
    curlFor(id, options = {}) {
      const call = deps.calls().get(id);
      if (!call) return { ok: false, code: 'call-not-found', id };
      const key = deps.hmacKey();
      const style = options.style ?? (options.resign && key ? learner.learnedStyle(key).style : undefined);
      return curlFor(call, { ...options, key, style, webhookBaseUrl: ownWebhookBaseUrl() });
    },
    replayableIds: (selection) => replayableIds(deps.calls(), selection),
    async previewBulk(selection) {
      const ids = await replayableIds(deps.calls(), selection);
      const actions = ids.map((id) => deps.calls().summary(id)?.action ?? null);
      const withoutTarget = [...new Set(actions)].filter(
        (action): action is string => action !== null && !targetFor(ctx, action, undefined).ok,
      );
      // How many calls go unsent, for the page to say how many its run replays (none: it is refused).
      const notSent = actions.filter((action) => action !== null && withoutTarget.includes(action)).length;
      return { calls: ids.length, withoutTarget, notSent };
    },
    async startBulk(selection, options) {
      const ids = await replayableIds(deps.calls(), selection);
      // Ids given that are not in the history are no part of the run: not replayed, so not counted as replays.
      const given = 'ids' in selection ? selection.ids.slice(0, MAX_SELECTION) : [];
      const found = new Set(ids);
      const notFound = given.filter((id) => !found.has(id));
      if (ids.length === 0)
        return given.length > 0 ? { ok: false, code: 'calls-not-found', ids: notFound } : { ok: false, code: 'nothing-to-replay' };
      // Refusals every replay of the run would meet are given once, before the run starts.
      if (options.mode !== undefined && options.mode !== 'as-is' && !deps.hmacKey()) return { ok: false, code: 'no-key', needs: 'resign' };
      const noTarget = everyTargetRefused(ids, options.target);
      if (noTarget) return noTarget;
      return { ok: true, value: { runId: runs.start(ids, options), total: ids.length, notFound } };
    },
    cancelBulk: (runId) => runs.cancel(runId),
    bulkRuns: () => runs.list(),
    styleInfo() {
      const learned = learnedNow();
      return {
        style: learned.style,
        fromCalls: learned.fromCalls,
        toldApartBy: learned.discriminatingCalls,
        contrary: learned.contrary,
        keySet: deps.hmacKey() !== null,
      };
    },
    learnedStyle: () => learnedNow(),
    probe,
    stopProbe(id) {
      const going = probes.get(id);
      if (!going) return false;
      for (const controller of going) controller.abort();
      return true;
    },
    runningProbes: () => [...probeSteps.values()],
    simulatorActions: () => simulatorActions(deps.calls(), deps.settings(), projectSchemas),
    saveSimulatorAction: (action, schemaText) => saveLocalSchema(deps.calls(), deps.settings(), projectSchemas, action, schemaText),
    schemaFor: (action) => schemaFor(deps.calls(), deps.settings(), projectSchemas, action),
    close: () => {
      runs.cancelAll();
      return forwarder.close();
    },
  };
}

/**
 * A filter's replayable calls, oldest first, read in steps within the query budget (a filter
 * that matches little reads the whole history: seconds at 1,000,000 calls), with webhook calls
 * answered between the steps. Given ids: those in the history, in the order given.
 */
async function replayableIds(calls: CallsRepository, selection: CallSelection): Promise<number[]> {
  if ('ids' in selection) return selection.ids.slice(0, MAX_SELECTION).filter((id) => calls.summary(id) !== null);
  const limit = selectionLimit(selection);
  const newestFirst: number[] = [];
  for (let beforeId: number | undefined; ;) {
    const step = calls.selectReplayableIds(selection.filter, limit - newestFirst.length, beforeId);
    newestFirst.push(...step.ids);
    if (newestFirst.length >= limit || step.nextBeforeId === null) return newestFirst.reverse();
    beforeId = step.nextBeforeId;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
