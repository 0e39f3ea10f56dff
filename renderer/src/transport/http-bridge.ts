import type { ApiMethod, CompanionApi, CompanionBridge, DeliveredEvent } from '../../../main/contract/api';
import type { ConnectionAware, ConnectionEvent } from './connection';

/** The slice of EventSource this bridge uses, so tests can hand in a stand-in. */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
  /** 2 (CLOSED) when the browser gave up reconnecting. */
  readonly readyState?: number;
}

export interface HttpBridgeOptions {
  fetch?: typeof fetch;
  createEventSource?: (url: string) => EventSourceLike;
}

/** The code the inspector answers a missing, wrong or expired token with. */
const TOKEN_REFUSED = 'token';

type Args<M extends ApiMethod> = Parameters<CompanionApi[M]>;
type Value<M extends ApiMethod> = Awaited<ReturnType<CompanionApi[M]>>;

interface WireReply {
  ok?: unknown;
  value?: unknown;
  code?: unknown;
  message?: unknown;
}

/**
 * The browser inspector's bridge: every API method is `POST /api/call/<method>` with the
 * arguments as a JSON array; events come over one shared EventSource that is opened with
 * the first subscriber and closed with the last.
 */
export function createHttpBridge(baseUrl: string, token: string, options: HttpBridgeOptions = {}): CompanionBridge & ConnectionAware {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const openSource = options.createEventSource ?? ((url: string) => new EventSource(url) as unknown as EventSourceLike);
  const root = baseUrl.replace(/\/+$/, '');

  async function call<M extends ApiMethod>(method: M, args: Args<M>): Promise<Value<M>> {
    let response: Response;
    try {
      response = await doFetch(`${root}/api/call/${method}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(args),
      });
    } catch (error) {
      throw new Error(`Cannot reach the companion (${describe(error)})`, { cause: error });
    }
    let reply: WireReply | null;
    try {
      reply = (await response.json()) as WireReply;
    } catch {
      reply = null;
    }
    if (response.ok && reply && reply.ok === true) return reply.value as Value<M>;
    const message =
      reply && typeof reply.message === 'string' && reply.message ? reply.message : `${method} failed with HTTP ${response.status}`;
    const error = new Error(message) as Error & { code?: string };
    if (reply && typeof reply.code === 'string') error.code = reply.code;
    if (response.status === 401 && error.code === TOKEN_REFUSED) emitConnection({ type: 'denied', message });
    throw error;
  }

  const eventListeners = new Set<(events: DeliveredEvent[]) => void>();
  const connectionListeners = new Set<(event: ConnectionEvent) => void>();
  let source: EventSourceLike | null = null;

  function emitConnection(event: ConnectionEvent): void {
    for (const listener of connectionListeners) listener(event);
  }

  function ensureSource(): void {
    if (source) return;
    const es = openSource(`${root}/api/events?token=${encodeURIComponent(token)}`);
    source = es;
    es.addEventListener('message', (event) => {
      let events: unknown;
      try {
        events = JSON.parse(event.data);
      } catch {
        return;
      }
      if (!Array.isArray(events)) return;
      for (const listener of eventListeners) listener(events as DeliveredEvent[]);
    });
    es.addEventListener('hello', () => {
      // Events reach the page only from a hello on. The first one closes the gap between the
      // page's first load and the stream's start (a call stored in between would be missing);
      // a later one follows a reconnection or a restart of the core. Either way the UI refetches.
      emitConnection({ type: 'open' });
    });
    // EventSource retries by itself after a network error, but not after an HTTP error
    // answer (a refused token): then it is CLOSED and only a reload helps.
    es.addEventListener('error', () => emitConnection({ type: es.readyState === 2 ? 'closed' : 'reconnecting' }));
  }

  function releaseSource(): void {
    if (eventListeners.size > 0 || connectionListeners.size > 0 || !source) return;
    source.close();
    source = null;
  }

  return {
    getStatus: () => call('getStatus', []),
    listCalls: (query) => call('listCalls', [query]),
    getCall: (id) => call('getCall', [id]),
    getStats: (filter) => call('getStats', [filter]),
    getSampleRequest: (action) => call('getSampleRequest', [action]),
    setHmacKey: (key) => call('setHmacKey', [key]),
    clearHmacKey: () => call('clearHmacKey', []),
    clearHistory: () => call('clearHistory', []),
    getAnswerSettings: () => call('getAnswerSettings', []),
    checkMock: (text, format) => call('checkMock', [text, format]),
    setMock: (action, text, format) => call('setMock', [action, text, format]),
    clearMock: (action) => call('clearMock', [action]),
    clearAllMocks: () => call('clearAllMocks', []),
    mockFromCall: (callId) => call('mockFromCall', [callId]),
    setForwardTarget: (action, url) => call('setForwardTarget', [action, url]),
    setAnswerMode: (action, mode) => call('setAnswerMode', [action, mode]),
    clearAnswerRoute: (action) => call('clearAnswerRoute', [action]),
    clearAllAnswerRoutes: () => call('clearAllAnswerRoutes', []),
    getProject: () => call('getProject', []),
    planActions: (prune) => call('planActions', [prune]),
    applyActions: (prune) => call('applyActions', [prune]),
    pullActions: (prune) => call('pullActions', [prune]),
    openTunnel: () => call('openTunnel', []),
    closeTunnel: () => call('closeTunnel', []),
    setNgrokAuthtoken: (token) => call('setNgrokAuthtoken', [token]),
    clearNgrokAuthtoken: () => call('clearNgrokAuthtoken', []),
    setListenOnAllInterfaces: (on) => call('setListenOnAllInterfaces', [on]),
    replayCall: (id, mode, target) => call('replayCall', [id, mode, target]),
    copyAsCurl: (id, resign) => call('copyAsCurl', [id, resign]),
    replayEdited: (id, parameters, target) => call('replayEdited', [id, parameters, target]),
    countReplayable: (selection) => call('countReplayable', [selection]),
    startBulkReplay: (selection, options) => call('startBulkReplay', [selection, options]),
    cancelBulkReplay: (runId) => call('cancelBulkReplay', [runId]),
    listBulkReplays: () => call('listBulkReplays', []),
    getLearnedStyle: () => call('getLearnedStyle', []),
    listSimulatorActions: () => call('listSimulatorActions', []),
    saveSimulatorAction: (action, schema) => call('saveSimulatorAction', [action, schema]),
    generateParameters: (action, seed) => call('generateParameters', [action, seed]),
    simulateCall: (request) => call('simulateCall', [request]),
    exportHar: (selection) => call('exportHar', [selection]),
    importHar: (text) => call('importHar', [text]),
    getAccount: () => call('getAccount', []),
    saveProfile: (profile) => call('saveProfile', [profile]),
    deleteProfile: (name) => call('deleteProfile', [name]),
    setActiveProfile: (name) => call('setActiveProfile', [name]),
    setFlowentApiToken: (profile, token) => call('setFlowentApiToken', [profile, token]),
    clearFlowentApiToken: (profile) => call('clearFlowentApiToken', [profile]),
    connectFlowent: () => call('connectFlowent', []),
    listActions: () => call('listActions', []),
    getAction: (name) => call('getAction', [name]),
    checkAction: (input, partial) => call('checkAction', [input, partial]),
    registerAction: (input) => call('registerAction', [input]),
    updateAction: (name, changes) => call('updateAction', [name, changes]),
    deleteAction: (name) => call('deleteAction', [name]),
    registerHere: (name, description, schema, baseUrl) => call('registerHere', [name, description, schema, baseUrl]),
    linkAction: (name, repoint, baseUrl = null) => call('linkAction', [name, repoint, baseUrl]),
    unlinkAction: (name) => call('unlinkAction', [name]),
    setFollowMode: (mode) => call('setFollowMode', [mode]),
    applyFollow: () => call('applyFollow', []),
    checkParameters: (callId) => call('checkParameters', [callId]),
    onEvents(listener) {
      eventListeners.add(listener);
      ensureSource();
      return () => {
        eventListeners.delete(listener);
        releaseSource();
      };
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      ensureSource();
      return () => {
        connectionListeners.delete(listener);
        releaseSource();
      };
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
