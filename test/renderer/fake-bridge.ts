/**
 * An in-memory CompanionBridge that follows main/contract/api.ts: it stands for the core
 * (storage, verifier, settings), not for anything the UI does. It records every call and
 * can emit events as the core would.
 */
import {
  type AccountFailure,
  type AnswersFailure,
  type ApiFailure,
  type CallsFailure,
  type Failure,
  type HandlerFailure,
  type LimitsFailure,
  type ProjectFailure,
  type Refused,
  type ReplayFailure,
  type StatusFailure,
  DEFAULT_LIMITS,
  type HistoryLimits,
  type LimitsInfo,
  countsAsFailure,
  MAX_PAGE_SIZE,
  type CallDetail,
  type CallFilter,
  type CallPage,
  type CallQuery,
  type CallStats,
  type CompanionBridge,
  type DeliveredEvent,
  type CoreStatus,
  type MockCheck,
  type MockFormat,
  type BulkReplayOptions,
  type BulkReplayRunning,
  type CallSelection,
  type HarExport,
  type HarImportSummary,
  type HandlerProbe,
  type LearnedStyleInfo,
  type VerifierLanguage,
  type ReplayMode,
  type ReplayOutcome,
  type SimulateOutcome,
  type SimulateRequest,
  type SimulatorAction,
  type AnswerMode,
  type AnswerSettings,
  type Result,
  type AnswerRoute,
  type SampleRequest,
  type StoredMock,
  type TunnelStatus,
  type AccountState,
  type ActionCreate,
  type ActionInputCheck,
  type ActionUpdate,
  type FlowentAction,
  type FlowentProfile,
  type FollowMode,
  type FollowRecord,
  type LinkedAction,
  type ParameterCheck,
  type RegisteredHere,
  type Warned,
  type ActionPlan,
  type ApplyOutcome,
  type ProjectState,
  type PullOutcome,
} from '../../main/contract/api';
import { FakeAccount } from './fake-account';
import { fakeCheckMock } from './fake-mock-check';
import { makeStatus, matches, summaryOf } from './fake-data';
import { FakeReplayCore, fakeReplay, type FakeReplayAnswer } from './fake-replay';

export { makeCall, makeStatus, summaryOf } from './fake-data';

export interface RecordedCall {
  method: string;
  args: unknown[];
}

export class FakeBridge implements CompanionBridge {
  /** Stored calls, any order; the API answers newest (highest id) first. */
  store: CallDetail[] = [];
  status: CoreStatus = makeStatus();
  recorded: RecordedCall[] = [];
  listeners = new Set<(events: DeliveredEvent[]) => void>();
  /** Make the next call of a method fail as a transport error. */
  failNext = new Map<string, string>();
  /** Make the next call of a method answer `{ ok: false }` with this failure. */
  refuseNext = new Map<string, ApiFailure>();
  mocks: StoredMock[] = [];
  routes: AnswerRoute[] = [];
  respondInfo = { startupForwardTarget: null as string | null, forwardTimeoutMs: 10_000, fallbackToMock: false };
  /** What the fake handler answers to replays. */
  replayAnswer: FakeReplayAnswer = { status: 200, body: '{"result":"replayed"}' };
  /** Bulk replay, simulator and HAR, in memory (issue 6). */
  replayCore = new FakeReplayCore(this);
  /** The Flowent account and the Gateway behind it (issue 7): see fake-account.ts. */
  readonly flowent = new FakeAccount({
    status: () => this.status,
    calls: () => this.store,
    record: (method, args) => this.record(method, args),
    refusal: (method) => this.refusal(method),
    emit: (events) => this.emit(events),
    receive: (...calls) => this.receive(...calls),
  });
  /** The public URL the next openTunnel binds. */
  tunnelUrl = 'https://quiet-fox-42.ngrok-free.app';

  constructor(calls: CallDetail[] = []) {
    this.store = [...calls];
  }

  private record(method: string, args: unknown[]): void {
    this.recorded.push({ method, args });
    const failure = this.failNext.get(method);
    if (failure !== undefined) {
      this.failNext.delete(method);
      throw new Error(failure);
    }
  }

  // The test names a failure of the method's feature; the compiler cannot check which method it set.
  private refusal<F extends Failure>(method: string): Refused<F> | null {
    const refusal = this.refuseNext.get(method);
    if (!refusal) return null;
    this.refuseNext.delete(method);
    return { ok: false, ...refusal } as unknown as Refused<F>;
  }

  callsTo(method: string): unknown[][] {
    return this.recorded.filter((r) => r.method === method).map((r) => r.args);
  }

  async getStatus(): Promise<CoreStatus> {
    this.record('getStatus', []);
    return structuredClone(this.status);
  }

  async listCalls(query: CallQuery): Promise<CallPage> {
    this.record('listCalls', [query]);
    const limit = Math.min(query.limit ?? 100, MAX_PAGE_SIZE);
    const sorted = this.store
      .filter((c) => matches(c, query) && (query.beforeId === undefined || c.id < query.beforeId))
      .sort((a, b) => b.id - a.id);
    const page = sorted.slice(0, limit);
    const last = page[page.length - 1];
    return { calls: page.map(summaryOf), nextBeforeId: sorted.length > limit && last ? last.id : null };
  }

  async getCall(id: number): Promise<CallDetail | null> {
    this.record('getCall', [id]);
    const call = this.store.find((c) => c.id === id);
    return call ? structuredClone(call) : null;
  }

  async getStats(filter: CallFilter): Promise<CallStats> {
    this.record('getStats', [filter]);
    const calls = this.store.filter((c) => matches(c, filter));
    const perAction = new Map<string, number>();
    for (const c of calls) if (c.action) perAction.set(c.action, (perAction.get(c.action) ?? 0) + 1);
    return {
      total: calls.length,
      failures: calls.filter(countsAsFailure).length,
      perAction: [...perAction].map(([action, count]) => ({ action, count })),
      countedUpTo: this.store.reduce((newest, c) => Math.max(newest, c.id), 0),
    };
  }

  async getSampleRequest(action: string): Promise<SampleRequest> {
    this.record('getSampleRequest', [action]);
    const url = `${this.status.webhookBaseUrl}/actions/${action}`;
    const body = `{"action_name":"${action}","parameters":{},"timestamp":1645123456,"signature":"${'c'.repeat(64)}"}`;
    return { url, body, curl: `curl -X POST ${url} -H 'Content-Type: application/json' --data-raw '${body}'`, signed: true };
  }

  async setHmacKey(key: string): Promise<Result<CoreStatus, StatusFailure>> {
    this.record('setHmacKey', [key]);
    const refused = this.refusal<StatusFailure>('setHmacKey');
    if (refused) return refused;
    if (!this.status.canSetHmacKey) return { ok: false, code: 'secret-read-only', secret: 'hmac-key', variable: 'FLOWENT_HMAC_KEY' };
    this.status = { ...this.status, hmacKey: { set: true, masked: `${key.slice(0, 2)}…${key.slice(-2)}`, source: 'keychain' } };
    this.emit([{ type: 'status-changed', status: structuredClone(this.status) }]);
    return { ok: true, value: structuredClone(this.status) };
  }

  async clearHmacKey(): Promise<Result<CoreStatus, StatusFailure>> {
    this.record('clearHmacKey', []);
    this.status = { ...this.status, hmacKey: { set: false, masked: null, source: null } };
    return { ok: true, value: structuredClone(this.status) };
  }

  async clearHistory(): Promise<Result<{ deleted: number }, CallsFailure>> {
    this.record('clearHistory', []);
    const deleted = this.store.length;
    this.store = [];
    this.emit([{ type: 'history-cleared' }]);
    return { ok: true, value: { deleted } };
  }

  async getAnswerSettings(): Promise<AnswerSettings> {
    this.record('getAnswerSettings', []);
    return structuredClone({ mocks: this.mocks, routes: this.routes, ...this.respondInfo });
  }

  async checkMock(text: string, format: MockFormat): Promise<MockCheck> {
    this.record('checkMock', [text, format]);
    return fakeCheckMock(text, format);
  }

  async setMock(action: string | null, text: string, format: MockFormat): Promise<Result<StoredMock, AnswersFailure>> {
    this.record('setMock', [action, text, format]);
    const checked = fakeCheckMock(text, format);
    if (!checked.ok) {
      return { ok: false, code: 'invalid-mock', errors: checked.errors };
    }
    const stored: StoredMock = { action, definition: checked.definition, text, format, updatedAt: Date.now() };
    this.mocks = [...this.mocks.filter((m) => m.action !== action), stored];
    this.emit([{ type: 'answers-changed' }]);
    return { ok: true, value: structuredClone(stored) };
  }

  async clearMock(action: string | null): Promise<Result<{ cleared: boolean }, AnswersFailure>> {
    this.record('clearMock', [action]);
    const before = this.mocks.length;
    this.mocks = this.mocks.filter((m) => m.action !== action);
    this.emit([{ type: 'answers-changed' }]);
    return { ok: true, value: { cleared: this.mocks.length < before } };
  }

  async clearAllMocks(): Promise<Result<{ cleared: number }, AnswersFailure>> {
    this.record('clearAllMocks', []);
    const cleared = this.mocks.length;
    this.mocks = [];
    this.emit([{ type: 'answers-changed' }]);
    return { ok: true, value: { cleared } };
  }

  async mockFromCall(callId: number): Promise<Result<StoredMock, AnswersFailure>> {
    this.record('mockFromCall', [callId]);
    const call = this.store.find((c) => c.id === callId);
    if (!call) return { ok: false, code: 'call-not-found', id: callId };
    if (!call.action) return { ok: false, code: 'call-without-action', id: callId, wanted: 'mock' };
    const checked = fakeCheckMock(JSON.stringify({ status: call.response.status, body: call.response.body }));
    if (!checked.ok) return { ok: false, code: 'invalid-mock', errors: checked.errors };
    const text = `${JSON.stringify(checked.definition, null, 2)}\n`;
    const stored: StoredMock = { action: call.action, definition: checked.definition, text, format: 'json', updatedAt: Date.now() };
    this.mocks = [...this.mocks.filter((m) => m.action !== call.action), stored];
    this.emit([{ type: 'answers-changed' }]);
    return { ok: true, value: stored };
  }

  private route(action: string | null, patch: Partial<AnswerRoute>): AnswerRoute {
    const old = this.routes.find((r) => r.action === action) ?? { action, mode: null, target: null, updatedAt: 0 };
    const next = { ...old, ...patch, updatedAt: Date.now() };
    this.routes = [...this.routes.filter((r) => r.action !== action), next];
    this.emit([{ type: 'answers-changed' }]);
    return structuredClone(next);
  }

  async setForwardTarget(action: string | null, url: string | null): Promise<Result<AnswerRoute, AnswersFailure>> {
    this.record('setForwardTarget', [action, url]);
    if (url !== null && !/^https?:\/\//.test(url)) return { ok: false, code: 'invalid-target', url, problem: 'not-http' };
    return { ok: true, value: this.route(action, url === null ? { target: null } : { target: url, mode: 'forward' }) };
  }

  async setAnswerMode(action: string | null, mode: AnswerMode | null): Promise<Result<AnswerRoute, AnswersFailure>> {
    this.record('setAnswerMode', [action, mode]);
    return this.refusal('setAnswerMode') ?? { ok: true, value: this.route(action, { mode }) };
  }

  async clearAnswerRoute(action: string | null): Promise<Result<{ cleared: boolean }, AnswersFailure>> {
    this.record('clearAnswerRoute', [action]);
    const before = this.routes.length;
    this.routes = this.routes.filter((r) => r.action !== action);
    this.emit([{ type: 'answers-changed' }]);
    return { ok: true, value: { cleared: this.routes.length < before } };
  }

  async clearAllAnswerRoutes(): Promise<Result<{ cleared: number }, AnswersFailure>> {
    this.record('clearAllAnswerRoutes', []);
    const cleared = this.routes.length;
    this.routes = [];
    this.emit([{ type: 'answers-changed' }]);
    return { ok: true, value: { cleared } };
  }

  /** Like the core without a project folder: no project, and actions as code refused with the core's words. */
  async getProject(): Promise<ProjectState> {
    this.record('getProject', []);
    return { dir: null, problems: [] };
  }

  planActions(prune: boolean): Promise<Result<ActionPlan, ProjectFailure>> {
    return this.noProject('planActions', prune);
  }

  applyActions(prune: boolean): Promise<Result<ApplyOutcome, ProjectFailure>> {
    return this.noProject('applyActions', prune);
  }

  pullActions(prune: boolean): Promise<Result<PullOutcome, ProjectFailure>> {
    return this.noProject('pullActions', prune);
  }

  private async noProject(method: string, prune: boolean): Promise<Refused<ProjectFailure>> {
    this.record(method, [prune]);
    return { ok: false, code: 'no-project' };
  }

  /** Moves the tunnel as the core's status machine would, announcing each state. */
  setTunnel(tunnel: TunnelStatus): void {
    this.status = { ...this.status, tunnel };
    this.emit([{ type: 'tunnel-status', status: structuredClone(tunnel) }]);
  }

  async openTunnel(): Promise<Result<{ url: string }, StatusFailure>> {
    this.record('openTunnel', []);
    const refused = this.refusal<StatusFailure>('openTunnel');
    if (refused) return refused;
    if (!this.status.ngrokAuthtoken.set) return { ok: false, code: 'tunnel-no-authtoken' };
    this.setTunnel({ state: 'connecting', url: null, reason: null });
    this.setTunnel({ state: 'online', url: this.tunnelUrl, reason: null });
    return { ok: true, value: { url: this.tunnelUrl } };
  }

  async closeTunnel(): Promise<Result<{ closed: true }, StatusFailure>> {
    this.record('closeTunnel', []);
    this.setTunnel({ state: 'offline', url: null, reason: null });
    return { ok: true, value: { closed: true } };
  }

  async setNgrokAuthtoken(token: string): Promise<Result<CoreStatus, StatusFailure>> {
    this.record('setNgrokAuthtoken', [token]);
    const refused = this.refusal<StatusFailure>('setNgrokAuthtoken');
    if (refused) return refused;
    if (!this.status.canSetNgrokAuthtoken)
      return { ok: false, code: 'secret-read-only', secret: 'ngrok-authtoken', variable: 'NGROK_AUTHTOKEN' };
    this.status = { ...this.status, ngrokAuthtoken: { set: true, source: 'keychain' } };
    return { ok: true, value: structuredClone(this.status) };
  }

  async clearNgrokAuthtoken(): Promise<Result<CoreStatus, StatusFailure>> {
    this.record('clearNgrokAuthtoken', []);
    this.status = { ...this.status, ngrokAuthtoken: { set: false, source: null } };
    return { ok: true, value: structuredClone(this.status) };
  }

  async setListenOnAllInterfaces(on: boolean): Promise<Result<CoreStatus, StatusFailure>> {
    this.record('setListenOnAllInterfaces', [on]);
    const refused = this.refusal<StatusFailure>('setListenOnAllInterfaces');
    if (refused) return refused;
    this.status = { ...this.status, listeningOnAllInterfaces: on, host: on ? '0.0.0.0' : '127.0.0.1' };
    return { ok: true, value: structuredClone(this.status) };
  }

  async replayCall(id: number, mode: ReplayMode, target: string | null): Promise<Result<ReplayOutcome, ReplayFailure>> {
    this.record('replayCall', [id, mode, target]);
    const refused = this.refusal<ReplayFailure>('replayCall');
    if (refused) return refused;
    const original = this.store.find((c) => c.id === id);
    if (!original) return { ok: false, code: 'call-not-found', id };
    const url = target ?? this.respondInfo.startupForwardTarget;
    if (!url) return { ok: false, code: 'no-target', action: original.action };
    const newId = Math.max(0, ...this.store.map((c) => c.id)) + 1;
    const { call, outcome } = fakeReplay(original, newId, mode, url.replace('{action_name}', original.action ?? ''), this.replayAnswer);
    this.receive(call);
    return { ok: true, value: outcome };
  }

  async copyAsCurl(id: number, resign: boolean): Promise<Result<string, ReplayFailure>> {
    this.record('copyAsCurl', [id, resign]);
    const call = this.store.find((c) => c.id === id);
    if (!call) return { ok: false, code: 'call-not-found', id };
    const body = resign ? call.requestBody.replace(/"signature":"[^"]*"/, '"signature":"resigned"') : call.requestBody;
    return { ok: true, value: `curl -X POST 'http://127.0.0.1:8787${call.path}' --data-binary '${body}'` };
  }

  private replayMethod<T>(method: string, args: unknown[], run: () => Result<T, ReplayFailure> | T): Promise<T | Result<T, ReplayFailure>> {
    this.record(method, args);
    return Promise.resolve(this.refusal(method) ?? run());
  }

  replayEdited(id: number, parameters: string, target: string | null): Promise<Result<ReplayOutcome, ReplayFailure>> {
    return this.replayMethod('replayEdited', [id, parameters, target], () =>
      this.replayCore.replayEdited(id, parameters, target),
    ) as Promise<Result<ReplayOutcome, ReplayFailure>>;
  }

  async countReplayable(selection: CallSelection): Promise<number> {
    this.record('countReplayable', [selection]);
    return this.replayCore.selectIds(selection).length;
  }

  startBulkReplay(selection: CallSelection, options: BulkReplayOptions): Promise<Result<{ runId: string; total: number }, ReplayFailure>> {
    return this.replayMethod('startBulkReplay', [selection, options], () => this.replayCore.startBulk(selection, options)) as Promise<
      Result<{ runId: string; total: number }, ReplayFailure>
    >;
  }

  cancelBulkReplay(runId: string): Promise<Result<{ cancelled: boolean }, ReplayFailure>> {
    return this.replayMethod('cancelBulkReplay', [runId], () => this.replayCore.cancelBulk(runId)) as Promise<
      Result<{ cancelled: boolean }, ReplayFailure>
    >;
  }

  async listBulkReplays(): Promise<BulkReplayRunning[]> {
    this.record('listBulkReplays', []);
    return this.replayCore.running();
  }

  probeHandler(callId: number, target: string | null): Promise<Result<HandlerProbe, HandlerFailure>> {
    return this.replayMethod('probeHandler', [callId, target], () => ({
      ok: false,
      code: 'no-target',
      action: null,
    })) as Promise<Result<HandlerProbe, HandlerFailure>>;
  }

  getVerifierSnippet(language: VerifierLanguage, style: string): Promise<Result<string, HandlerFailure>> {
    return this.replayMethod('getVerifierSnippet', [language, style], () => ({
      ok: true,
      value: `verifier in ${language} for ${style}\n`,
    })) as Promise<Result<string, HandlerFailure>>;
  }

  async getLearnedStyle(): Promise<LearnedStyleInfo> {
    this.record('getLearnedStyle', []);
    return { ...this.replayCore.learned };
  }

  async listSimulatorActions(): Promise<SimulatorAction[]> {
    this.record('listSimulatorActions', []);
    return structuredClone(this.replayCore.actions);
  }

  saveSimulatorAction(action: string, schema: string | null): Promise<Result<SimulatorAction[], ReplayFailure>> {
    return this.replayMethod('saveSimulatorAction', [action, schema], () => this.replayCore.saveAction(action, schema)) as Promise<
      Result<SimulatorAction[], ReplayFailure>
    >;
  }

  generateParameters(action: string, seed: number): Promise<Result<string, ReplayFailure>> {
    return this.replayMethod('generateParameters', [action, seed], () => this.replayCore.generate(action, seed)) as Promise<
      Result<string, ReplayFailure>
    >;
  }

  simulateCall(request: SimulateRequest): Promise<Result<SimulateOutcome, ReplayFailure>> {
    return this.replayMethod('simulateCall', [request], () => this.replayCore.simulate(request)) as Promise<
      Result<SimulateOutcome, ReplayFailure>
    >;
  }

  exportHar(selection: CallSelection): Promise<Result<HarExport, ReplayFailure>> {
    return this.replayMethod('exportHar', [selection], () => this.replayCore.exportHar(selection)) as Promise<
      Result<HarExport, ReplayFailure>
    >;
  }

  importHar(text: string | null): Promise<Result<HarImportSummary, ReplayFailure>> {
    return this.replayMethod('importHar', [text], () =>
      text !== null
        ? this.replayCore.importHar(text)
        : this.replayCore.desktopDialog
          ? this.replayCore.desktopDialog.openText === null
            ? { ok: true as const, value: { imported: 0, skipped: 0, problems: [], ids: [], opened: false } }
            : this.replayCore.importHar(this.replayCore.desktopDialog.openText)
          : { ok: false as const, code: 'no-file', message: 'Give the HAR file’s contents to import (choose a .har file).' },
    ) as Promise<Result<HarImportSummary, ReplayFailure>>;
  }

  getAccount(): Promise<AccountState> {
    return this.flowent.getAccount();
  }
  saveProfile(profile: FlowentProfile): Promise<Result<AccountState, AccountFailure>> {
    return this.flowent.saveProfile(profile);
  }
  deleteProfile(name: string): Promise<Result<AccountState, AccountFailure>> {
    return this.flowent.deleteProfile(name);
  }
  setActiveProfile(name: string): Promise<Result<AccountState, AccountFailure>> {
    return this.flowent.setActiveProfile(name);
  }
  setFlowentApiToken(profile: string, token: string): Promise<Result<AccountState, AccountFailure>> {
    return this.flowent.setFlowentApiToken(profile, token);
  }
  clearFlowentApiToken(profile: string): Promise<Result<AccountState, AccountFailure>> {
    return this.flowent.clearFlowentApiToken(profile);
  }
  connectFlowent(): Promise<Result<AccountState, AccountFailure>> {
    return this.flowent.connectFlowent();
  }
  listActions(): Promise<Result<Warned<FlowentAction[]>, AccountFailure>> {
    return this.flowent.listActions();
  }
  getAction(name: string): Promise<Result<Warned<FlowentAction>, AccountFailure>> {
    return this.flowent.getAction(name);
  }
  checkAction(input: Partial<ActionCreate>, partial: boolean): Promise<ActionInputCheck> {
    return this.flowent.checkAction(input, partial);
  }
  registerAction(input: ActionCreate): Promise<Result<Warned<FlowentAction>, AccountFailure>> {
    return this.flowent.registerAction(input);
  }
  updateAction(name: string, changes: ActionUpdate): Promise<Result<Warned<FlowentAction>, AccountFailure>> {
    return this.flowent.updateAction(name, changes);
  }
  deleteAction(name: string): Promise<Result<{ message: string }, AccountFailure>> {
    return this.flowent.deleteAction(name);
  }
  registerHere(
    name: string,
    description: string,
    schema: Record<string, unknown>,
    baseUrl: string | null,
  ): Promise<Result<Warned<RegisteredHere>, AccountFailure>> {
    return this.flowent.registerHere(name, description, schema, baseUrl);
  }
  linkAction(name: string, repoint: boolean): Promise<Result<Warned<LinkedAction>, AccountFailure>> {
    return this.flowent.linkAction(name, repoint);
  }
  unlinkAction(name: string): Promise<Result<{ unlinked: boolean }, AccountFailure>> {
    return this.flowent.unlinkAction(name);
  }
  setFollowMode(mode: FollowMode): Promise<Result<AccountState, AccountFailure>> {
    return this.flowent.setFollowMode(mode);
  }
  applyFollow(): Promise<Result<FollowRecord, AccountFailure>> {
    return this.flowent.applyFollow();
  }
  checkParameters(callId: number): Promise<Result<ParameterCheck, AccountFailure>> {
    return this.flowent.checkParameters(callId);
  }

  /** The history's limits as the core keeps them: the defaults until set. */
  limits: HistoryLimits = { ...DEFAULT_LIMITS };
  async getLimits(): Promise<LimitsInfo> {
    this.record('getLimits', []);
    return {
      current: this.limits,
      fixedForThisRun: [],
      defaults: DEFAULT_LIMITS,
      usage: { calls: this.store.length, bytes: 4096 * this.store.length },
    };
  }
  async setLimits(limits: HistoryLimits): Promise<Result<LimitsInfo, LimitsFailure>> {
    this.record('setLimits', [limits]);
    this.limits = limits;
    return { ok: true, value: await this.getLimits() };
  }

  onEvents(listener: (events: DeliveredEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Delivers one batch, as a transport would. */
  emit(events: DeliveredEvent[]): void {
    for (const l of this.listeners) l(events);
  }

  /** Stores calls as the core would on arrival, and announces them. */
  receive(...calls: CallDetail[]): void {
    this.store.push(...calls);
    this.emit(calls.map((c) => ({ type: 'call-stored', call: summaryOf(c) })));
  }
}
