/** What the fake core does for a replay: a new stored call (source `replay`) and its outcome, as the core answers. */
import type {
  ReplayFailure,
  BulkReplayItem,
  BulkReplayOptions,
  BulkReplayRunning,
  BulkReplayStep,
  CallDetail,
  CallSelection,
  CoreEvent,
  HarExport,
  HarImportSummary,
  LearnedStyleInfo,
  ReplayMode,
  ReplayOutcome,
  Result,
  SimulateOutcome,
  SimulateRequest,
  SimulatorAction,
} from '../../main/contract/api';
import { makeCall, matches } from './fake-data';

export interface FakeReplayAnswer {
  status: number;
  body: string;
}

/** The replay as the fake handler answered it: the new call to store and what replayCall reports. */
export function fakeReplay(
  original: CallDetail,
  newId: number,
  mode: ReplayMode | 'edit',
  url: string,
  answer: FakeReplayAnswer,
): { call: CallDetail; outcome: ReplayOutcome } {
  const signedStyle = mode === 'as-is' ? null : 'python';
  const call = makeCall({
    id: newId,
    action: original.action,
    path: original.path,
    source: 'replay',
    originalCallId: original.id,
    answeredBy: 'forward',
    status: answer.status,
    response: { status: answer.status, headers: [['content-type', 'application/json']], body: answer.body },
  });
  const before = original.response.body.split('\n');
  const after = answer.body.split('\n');
  const bodyChanged = original.response.body !== answer.body;
  const lines = bodyChanged
    ? [...before.map((text) => ({ kind: 'removed' as const, text })), ...after.map((text) => ({ kind: 'added' as const, text }))]
    : after.map((text) => ({ kind: 'same' as const, text }));
  const statusChanged = original.response.status !== answer.status;
  const failed = answer.status < 200 || answer.status > 299;
  const outcome: ReplayOutcome = {
    originalId: original.id,
    id: newId,
    mode,
    url,
    signedStyle,
    signatureVerdict: mode === 'as-is' ? original.verdict : 'valid',
    status: answer.status,
    durationMs: 12,
    violations: failed ? [{ code: 'not-2xx', message: `The answer's status is ${answer.status}; Flowent expects 2xx.` }] : [],
    originalViolations: original.violations,
    diff: {
      changed: statusChanged || bodyChanged,
      status: { before: original.response.status, after: answer.status, changed: statusChanged },
      headers: [],
      body: { changed: bodyChanged, json: true, lines },
    },
    verdict: failed ? 'failed' : statusChanged || bodyChanged ? 'changed' : 'passed',
    error: null,
  };
  return { call, outcome };
}

/** What the fake core needs of the bridge that holds it: the stored calls and the event feed. */
export interface FakeReplayHost {
  store: CallDetail[];
  replayAnswer: FakeReplayAnswer;
  respondInfo: { startupForwardTarget: string | null };
  receive(...calls: CallDetail[]): void;
  emit(events: CoreEvent[]): void;
}

interface FakeRun {
  runId: string;
  ids: number[];
  target: string;
  mode: ReplayMode;
  items: BulkReplayItem[];
  cancelled: boolean;
}

/**
 * The core's bulk replay, simulator and HAR side, in memory. A bulk run does not advance by
 * itself: a test calls `advanceBulk(n)` to let n replays finish, as a slow handler would.
 */
export class FakeReplayCore {
  runs: FakeRun[] = [];
  learned: LearnedStyleInfo = { style: 'python', fromCalls: 37, decided: true, keySet: true };
  actions: SimulatorAction[] = [
    {
      action: 'send_email',
      origin: 'flowent',
      calls: 3,
      schema: { type: 'object', properties: { recipient: { type: 'string' }, subject: { type: 'string' } }, required: ['recipient'] },
    },
    { action: 'create_ticket', origin: 'history', calls: 1, schema: null },
  ];
  /**
   * Set to stand for the desktop app, where main answers HAR export/import through save/open
   * dialogs (main/desktop/har-dialogs.ts): the path the user picks (null: Cancel) and the file's text.
   */
  desktopDialog: { savePath: string | null; openText: string | null } | null = null;
  private runCount = 0;

  constructor(private readonly host: FakeReplayHost) {}

  private nextId(): number {
    return Math.max(0, ...this.host.store.map((c) => c.id)) + 1;
  }

  private targetFor(action: string | null, target: string | null): Result<string, ReplayFailure> {
    const url = target ?? this.host.respondInfo.startupForwardTarget;
    if (!url) return { ok: false, code: 'no-target', action };
    return { ok: true, value: url.replace('{action_name}', action ?? '') };
  }

  selectIds(selection: CallSelection): number[] {
    if ('ids' in selection) return selection.ids;
    return this.host.store
      .filter((c) => c.source === 'flowent' && c.action !== null && matches(c, selection.filter))
      .map((c) => c.id)
      .sort((a, b) => a - b);
  }

  replayEdited(id: number, parameters: string, target: string | null): Result<ReplayOutcome, ReplayFailure> {
    try {
      const parsed = JSON.parse(parameters) as unknown;
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    } catch {
      return { ok: false, code: 'invalid-parameters' };
    }
    const original = this.host.store.find((c) => c.id === id);
    if (!original) return { ok: false, code: 'call-not-found', id };
    const url = this.targetFor(original.action, target);
    if (!url.ok) return url;
    const { call, outcome } = fakeReplay(original, this.nextId(), 'edit', url.value, this.host.replayAnswer);
    this.host.receive({
      ...call,
      requestBody: JSON.stringify({ action_name: original.action, parameters: JSON.parse(parameters) as unknown }),
    });
    return { ok: true, value: outcome };
  }

  startBulk(selection: CallSelection, options: BulkReplayOptions): Result<{ runId: string; total: number }, ReplayFailure> {
    const ids = this.selectIds(selection);
    if (ids.length === 0) return { ok: false, code: 'nothing-to-replay' };
    const url = options.target ?? this.host.respondInfo.startupForwardTarget;
    if (!url) return { ok: false, code: 'no-target', action: null };
    const runId = `run-${++this.runCount}`;
    this.runs.push({ runId, ids, target: url, mode: options.resign ? 'resign' : 'as-is', items: [], cancelled: false });
    return { ok: true, value: { runId, total: ids.length } };
  }

  /** Lets `count` more replays of the newest run finish, announcing progress (and the end) as the core does. */
  advanceBulk(count: number): void {
    const run = this.runs[this.runs.length - 1];
    if (!run || run.cancelled) return;
    for (let i = 0; i < count && run.items.length < run.ids.length; i++) {
      const original = this.host.store.find((c) => c.id === run.ids[run.items.length]);
      let step: BulkReplayStep;
      if (!original) {
        const refusal = { code: 'call-not-found', id: run.ids[run.items.length]! } as const;
        run.items.push({ originalId: refusal.id, replayId: null, verdict: 'failed', refusal, error: null });
        step = { originalId: refusal.id, result: { ok: false, ...refusal } };
      } else {
        const { call, outcome } = fakeReplay(
          original,
          this.nextId(),
          run.mode,
          run.target.replace('{action_name}', original.action ?? ''),
          this.host.replayAnswer,
        );
        this.host.receive(call);
        run.items.push({ originalId: original.id, replayId: call.id, verdict: outcome.verdict, refusal: null, error: null });
        step = { originalId: original.id, result: { ok: true, value: outcome } };
      }
      this.host.emit([{ type: 'replay-progress', runId: run.runId, ...this.counts(run), step }]);
    }
    if (run.items.length === run.ids.length) this.finish(run);
  }

  cancelBulk(runId: string): Result<{ cancelled: boolean }, ReplayFailure> {
    const run = this.runs.find((r) => r.runId === runId);
    if (!run || run.cancelled || run.items.length === run.ids.length) return { ok: false, code: 'run-not-found', runId };
    run.cancelled = true;
    this.finish(run);
    return { ok: true, value: { cancelled: true } };
  }

  /** Runs neither finished nor cancelled, as the core lists them. */
  running(): BulkReplayRunning[] {
    return this.runs
      .filter((run) => !run.cancelled && run.items.length < run.ids.length)
      .map((run) => ({ runId: run.runId, ...this.counts(run) }));
  }

  private counts(run: FakeRun) {
    const count = (verdict: BulkReplayItem['verdict']) => run.items.filter((item) => item.verdict === verdict).length;
    return { done: run.items.length, total: run.ids.length, passed: count('passed'), changed: count('changed'), failed: count('failed') };
  }

  private finish(run: FakeRun): void {
    this.host.emit([
      { type: 'replay-finished', runId: run.runId, summary: { ...this.counts(run), cancelled: run.cancelled, items: [...run.items] } },
    ]);
  }

  saveAction(action: string, schema: string | null): Result<SimulatorAction[], ReplayFailure> {
    const others = this.actions.filter((a) => a.action !== action);
    if (schema === null) this.actions = others;
    else {
      let parsed: unknown;
      try {
        parsed = JSON.parse(schema);
      } catch (error) {
        return { ok: false, code: 'invalid-json', what: 'schema', reason: String(error) };
      }
      this.actions = [...others, { action, origin: 'local' as const, calls: 0, schema: parsed as Record<string, unknown> }].sort((a, b) =>
        a.action.localeCompare(b.action),
      );
    }
    return { ok: true, value: structuredClone(this.actions) };
  }

  /** Stands for the seeded generator: every schema property gets a value naming the seed. */
  generate(action: string, seed: number): Result<string, ReplayFailure> {
    const schema = this.actions.find((a) => a.action === action)?.schema;
    const properties = (schema?.properties ?? {}) as Record<string, unknown>;
    return {
      ok: true,
      value: JSON.stringify(Object.fromEntries(Object.keys(properties).map((name) => [name, `${name}-${seed}`])), null, 2),
    };
  }

  simulate(request: SimulateRequest): Result<SimulateOutcome, ReplayFailure> {
    const url = this.targetFor(request.action, request.target);
    if (!url.ok) return url;
    let parameters: unknown = {};
    if (!request.test) {
      try {
        parameters =
          request.parameters === null
            ? JSON.parse(
                this.generate(request.action, request.seed).ok
                  ? (this.generate(request.action, request.seed) as { value: string }).value
                  : '{}',
              )
            : JSON.parse(request.parameters);
      } catch (error) {
        return { ok: false, code: 'invalid-json', what: 'parameters', reason: String(error) };
      }
    }
    const body = JSON.stringify({
      action_name: request.action,
      parameters: request.test ? {} : parameters,
      timestamp: 1_700_000_000,
      ...(request.test ? { test: true } : {}),
    });
    const { status, body: answer } = this.host.replayAnswer;
    const id = this.nextId();
    this.host.receive(
      makeCall({
        id,
        action: request.action,
        path: `/actions/${request.action}`,
        source: 'simulator',
        test: request.test,
        requestBody: body,
        status,
        response: { status, headers: [], body: answer },
      }),
    );
    const failed = status < 200 || status > 299;
    return {
      ok: true,
      value: {
        id,
        url: url.value,
        body,
        signedStyle: request.test ? null : 'python',
        status,
        answer,
        durationMs: 7,
        violations: failed ? [{ code: 'not-2xx', message: `The answer's status is ${status}; Flowent expects 2xx.` }] : [],
        error: null,
      },
    };
  }

  exportHar(selection: CallSelection): Result<HarExport, ReplayFailure> {
    const calls =
      'ids' in selection
        ? this.host.store.filter((c) => selection.ids.includes(c.id))
        : this.host.store.filter((c) => matches(c, selection.filter));
    if (calls.length === 0) return { ok: false, code: 'nothing-to-export' };
    const entries = calls.map((c) => ({
      request: { method: 'POST', url: `http://127.0.0.1:8787${c.path}`, postData: { text: c.requestBody } },
      _callId: c.id,
      _action: c.action,
    }));
    const text = JSON.stringify({ log: { version: '1.2', entries } });
    if (this.desktopDialog) return { ok: true, value: { count: calls.length, text: null, savedTo: this.desktopDialog.savePath } };
    return { ok: true, value: { count: calls.length, text, savedTo: null } };
  }

  importHar(text: string): Result<HarImportSummary, ReplayFailure> {
    let entries: { request?: { postData?: { text?: string } }; _action?: string | null }[];
    try {
      entries = (JSON.parse(text) as { log: { entries: typeof entries } }).log.entries;
      if (!Array.isArray(entries)) throw new Error('no entries');
    } catch {
      return { ok: false, code: 'not-har', missing: 'entries' };
    }
    const ids: number[] = [];
    for (const entry of entries) {
      const id = this.nextId();
      this.host.receive(makeCall({ id, action: entry._action ?? null, requestBody: entry.request?.postData?.text ?? '' }));
      ids.push(id);
    }
    return { ok: true, value: { imported: ids.length, skipped: 0, problems: [], ids, opened: true } };
  }
}
