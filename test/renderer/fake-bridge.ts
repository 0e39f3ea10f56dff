/**
 * An in-memory CompanionBridge that follows main/contract/api.ts: it stands for the core
 * (storage, verifier, settings), not for anything the UI does. It records every call and
 * can emit events as the core would.
 */
import {
  MAX_PAGE_SIZE,
  type CallDetail,
  type CallFilter,
  type CallPage,
  type CallQuery,
  type CallStats,
  type CallSummary,
  type CompanionBridge,
  type CoreEvent,
  type CoreStatus,
  type Result,
  type SampleRequest,
} from '../../main/contract/api';

export interface RecordedCall {
  method: string;
  args: unknown[];
}

let nextId = 1;

export function makeCall(patch: Partial<CallDetail> = {}): CallDetail {
  const id = patch.id ?? nextId++;
  const body = patch.requestBody ?? `{"action_name":"send_email","parameters":{"n":${id}},"timestamp":1645123456,"signature":"${'a'.repeat(64)}"}`;
  return {
    id,
    receivedAt: 1_700_000_000_000 + id * 1000,
    method: 'POST',
    path: '/actions/send_email',
    action: 'send_email',
    test: false,
    verdict: 'valid',
    style: 'python',
    status: 200,
    durationMs: 3,
    size: body.length,
    problem: null,
    answeredBy: 'mock',
    source: 'flowent',
    remoteAddress: '127.0.0.1',
    requestHeaders: [['content-type', 'application/json']],
    requestBody: body,
    requestBodyBase64: Buffer.from(body, 'utf8').toString('base64'),
    problemMessage: null,
    signature: {
      verdict: patch.verdict ?? 'valid',
      style: 'python',
      received: 'a'.repeat(64),
      styles: [
        { style: 'python', label: 'Python example', expected: 'a'.repeat(64), matched: true, canonical: '{"a":1}' },
        { style: 'go', label: 'Go example', expected: 'b'.repeat(64), matched: false, canonical: '{"a":2}' },
      ],
      diagnosis: [],
      timestamp: { value: 1645123456, ageSeconds: 2, flag: 'ok' },
    },
    response: { status: 200, headers: [['content-type', 'application/json']], body: '{"result":"ok","error":""}' },
    originalCallId: null,
    ...patch,
  };
}

export function summaryOf(call: CallDetail): CallSummary {
  const { id, receivedAt, method, path, action, test, verdict, style, status, durationMs, size, problem, answeredBy, source } = call;
  return { id, receivedAt, method, path, action, test, verdict, style, status, durationMs, size, problem, answeredBy, source };
}

export function makeStatus(patch: Partial<CoreStatus> = {}): CoreStatus {
  return {
    webhookBaseUrl: 'http://127.0.0.1:8787',
    host: '127.0.0.1',
    port: 8787,
    dataDir: '/home/dev/.flowent-companion',
    enforceSignatures: false,
    bodyLimitBytes: 1_048_576,
    hmacKey: { set: true, masked: 'sk_…9f2a', source: 'keychain' },
    canSetHmacKey: true,
    mode: 'desktop',
    ...patch,
  };
}

function matches(call: CallDetail, f: CallFilter): boolean {
  if (f.action !== undefined && call.action !== f.action) return false;
  if (f.verdict !== undefined && call.verdict !== f.verdict) return false;
  if (f.statusClass !== undefined && `${Math.floor(call.status / 100)}xx` !== f.statusClass) return false;
  if (f.test !== undefined && call.test !== f.test) return false;
  if (f.since !== undefined && call.receivedAt < f.since) return false;
  if (f.until !== undefined && call.receivedAt > f.until) return false;
  if (f.text !== undefined && !call.requestBody.includes(f.text)) return false;
  return true;
}

export class FakeBridge implements CompanionBridge {
  /** Stored calls, any order; the API answers newest (highest id) first. */
  store: CallDetail[] = [];
  status: CoreStatus = makeStatus();
  recorded: RecordedCall[] = [];
  listeners = new Set<(events: CoreEvent[]) => void>();
  /** Make the next call of a method fail as a transport error. */
  failNext = new Map<string, string>();

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
      failures: calls.filter((c) => !['valid', 'unsigned-test'].includes(c.verdict) || c.status < 200 || c.status > 299).length,
      perAction: [...perAction].map(([action, count]) => ({ action, count })),
    };
  }

  async getSampleRequest(action: string): Promise<SampleRequest> {
    this.record('getSampleRequest', [action]);
    const url = `${this.status.webhookBaseUrl}/actions/${action}`;
    const body = `{"action_name":"${action}","parameters":{},"timestamp":1645123456,"signature":"${'c'.repeat(64)}"}`;
    return { url, body, curl: `curl -X POST ${url} -H 'Content-Type: application/json' --data-raw '${body}'`, signed: true };
  }

  async setHmacKey(key: string): Promise<Result<CoreStatus>> {
    this.record('setHmacKey', [key]);
    if (!this.status.canSetHmacKey) return { ok: false, code: 'key-from-environment', message: 'The key comes from FLOWENT_HMAC_KEY.' };
    if (key.trim() === '') return { ok: false, code: 'key-empty', message: 'The key is empty.' };
    this.status = { ...this.status, hmacKey: { set: true, masked: `${key.slice(0, 2)}…${key.slice(-2)}`, source: 'keychain' } };
    this.emit([{ type: 'status-changed', status: structuredClone(this.status) }]);
    return { ok: true, value: structuredClone(this.status) };
  }

  async clearHmacKey(): Promise<Result<CoreStatus>> {
    this.record('clearHmacKey', []);
    this.status = { ...this.status, hmacKey: { set: false, masked: null, source: null } };
    return { ok: true, value: structuredClone(this.status) };
  }

  async clearHistory(): Promise<Result<{ deleted: number }>> {
    this.record('clearHistory', []);
    const deleted = this.store.length;
    this.store = [];
    this.emit([{ type: 'history-cleared' }]);
    return { ok: true, value: { deleted } };
  }

  onEvents(listener: (events: CoreEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(events: CoreEvent[]): void {
    for (const l of this.listeners) l(events);
  }

  /** Stores calls as the core would on arrival, and announces them. */
  receive(...calls: CallDetail[]): void {
    this.store.push(...calls);
    this.emit(calls.map((c) => ({ type: 'call-stored', call: summaryOf(c) })));
  }
}
