import {
  HAR_DOWNLOAD_HEADERS,
  type ApiMethod,
  type CompanionApi,
  type CompanionBridge,
  type DeliveredEvent,
} from '../../../main/contract/api';
import type { ConnectionAware, ConnectionEvent, HarDownload, HarUpload, TokenRotation } from './connection';
import { requestError, unreachable } from './request-error';
import { failedWithHttpWords, INSPECTOR_REQUEST_NAMES } from '../../../main/contract/words';

/** The slice of EventSource this bridge uses, so tests can hand in a stand-in. */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

/**
 * POSTs a file and tells its bytes as they go: fetch cannot (it has no upload progress), so the
 * page's is XMLHttpRequest's. Resolves with the answer's status and text; rejects when the
 * companion could not be reached, or the file could not be read.
 */
export type Upload = (
  url: string,
  headers: Record<string, string>,
  body: Blob,
  onSent: (sent: number, total: number) => void,
) => Promise<{ status: number; text: string }>;

export interface HttpBridgeOptions {
  fetch?: typeof fetch;
  upload?: Upload;
  createEventSource?: (url: string) => EventSourceLike;
  /** How long to wait before opening the stream again after it broke. */
  retryMs?: number;
}

const STREAM_RETRY_MS = 1_000;

/** The code the inspector answers a missing, wrong or expired token with. */
const TOKEN_REFUSED = 'token';

type Args<M extends ApiMethod> = Parameters<CompanionApi[M]>;
type Value<M extends ApiMethod> = Awaited<ReturnType<CompanionApi[M]>>;

interface WireReply {
  ok?: unknown;
  value?: unknown;
  code?: unknown;
  message?: unknown;
  /** What is wrong with the arguments, beside the code `invalid-arguments`. */
  problem?: unknown;
}

/**
 * The browser inspector's bridge: every API method is `POST /api/call/<method>` with the
 * arguments as a JSON array (a HAR file to import goes as it is to `/api/import-har`, an export comes as a file from
 * `/api/export-har`); events come over one shared EventSource, opened with a ticket
 * (bought with the token) when the first subscriber comes and closed with the last.
 */
export function createHttpBridge(
  baseUrl: string,
  token: string,
  options: HttpBridgeOptions = {},
): CompanionBridge & ConnectionAware & TokenRotation & HarUpload & HarDownload {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const doUpload = options.upload ?? uploadWithXhr;
  const openSource = options.createEventSource ?? ((url: string) => new EventSource(url) as unknown as EventSourceLike);
  const retryMs = options.retryMs ?? STREAM_RETRY_MS;
  const root = baseUrl.replace(/\/+$/, '');

  /** POSTs to the inspector with the token; its answer, or an Error when the inspector could not be reached. */
  async function send(path: string, body?: string): Promise<Response> {
    try {
      return await doFetch(`${root}${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(body === undefined ? {} : { body }),
      });
    } catch (error) {
      throw unreachable(error);
    }
  }

  /** POSTs to the inspector with the token; the reply's value, or an Error with its message and code. */
  async function post<T>(path: string, what: string, body?: string): Promise<T> {
    const response = await send(path, body);
    return valueOf<T>(response.status, await response.text(), what);
  }

  /** The reply's value, or an Error with its message and code (a refused token is told to the connection's listeners). */
  function valueOf<T>(status: number, text: string, what: string): T {
    let reply: WireReply | null;
    try {
      reply = JSON.parse(text) as WireReply;
    } catch {
      reply = null;
    }
    if (status >= 200 && status < 300 && reply && reply.ok === true) return reply.value as T;
    const message = reply && typeof reply.message === 'string' && reply.message ? reply.message : failedWithHttpWords(what, status);
    const error = requestError(message, reply?.code, reply?.problem);
    if (status === 401 && error.code === TOKEN_REFUSED) emitConnection({ type: 'denied', message });
    throw error;
  }

  /** A HAR file goes as it is to its own path (the API's bodies are at most 64 KB), its bytes told as they are sent. */
  const uploadHar: HarUpload['uploadHar'] = async (file, onStage) => {
    let answer: { status: number; text: string };
    try {
      answer = await doUpload(
        `${root}/api/import-har`,
        { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        file,
        (sent, total) => onStage(total > 0 && sent >= total ? { stage: 'reading' } : { stage: 'uploading', sent, total }),
      );
    } catch (error) {
      throw unreachable(error);
    }
    return valueOf(answer.status, answer.text, 'importHar');
  };

  /** A HAR export fetched as a file: the body is the file when the figures' headers come with it, else the API's usual reply. */
  const downloadHar: HarDownload['downloadHar'] = async (selection) => {
    const response = await send('/api/export-har', JSON.stringify([selection]));
    const count = response.headers.get(HAR_DOWNLOAD_HEADERS.count);
    if (!response.ok || count === null) return valueOf(response.status, await response.text(), 'exportHar');
    const matched = Number(response.headers.get(HAR_DOWNLOAD_HEADERS.matched) ?? count);
    // Gathered by the browser as it arrives; a connection lost on the way is the inspector unreached.
    const file = await response.blob().catch((error: unknown) => Promise.reject(unreachable(error)));
    return { ok: true, value: { file, count: Number(count), matched } };
  };

  function call<M extends ApiMethod>(method: M, args: Args<M>): Promise<Value<M>> {
    return post<Value<M>>(`/api/call/${method}`, method, JSON.stringify(args));
  }

  const eventListeners = new Set<(events: DeliveredEvent[]) => void>();
  const connectionListeners = new Set<(event: ConnectionEvent) => void>();
  let source: EventSourceLike | null = null;
  /** The stream is wanted (someone listens) and not given up for good (a refused or replaced token). */
  let wanted = false;
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | null = null;

  function emitConnection(event: ConnectionEvent): void {
    if (event.type === 'denied' || event.type === 'rotated') stopStream(true);
    for (const listener of connectionListeners) listener(event);
  }

  function ensureSource(): void {
    if (wanted || stopped) return;
    wanted = true;
    void connect();
  }

  /**
   * Opens the stream with a fresh single-use ticket, so the token never travels in a URL. The
   * browser's own retry would present the spent ticket again and be refused: on any error the
   * stream is closed here and reopened with a new ticket, until the token itself is refused.
   */
  async function connect(): Promise<void> {
    retry = null;
    let ticket: string;
    try {
      ticket = (await post<{ ticket: string }>('/api/events/ticket', INSPECTOR_REQUEST_NAMES.eventTicket)).ticket;
    } catch (error) {
      if (!wanted) return;
      // A refused token was reported by post() (and stopped the stream); anything else is retried.
      if ((error as { code?: string }).code !== TOKEN_REFUSED) reconnectLater();
      return;
    }
    if (!wanted) return;
    const es = openSource(`${root}/api/events?ticket=${encodeURIComponent(ticket)}`);
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
    // The token this page holds was replaced: every request from now on would be refused.
    es.addEventListener('token-rotated', () => emitConnection({ type: 'rotated' }));
    es.addEventListener('error', () => {
      if (source !== es) return;
      es.close();
      source = null;
      reconnectLater();
    });
  }

  function reconnectLater(): void {
    emitConnection({ type: 'reconnecting' });
    if (wanted && retry === null) retry = setTimeout(() => void connect(), retryMs);
  }

  /** Closes the stream; `forGood` when the token is refused or replaced (nothing will work again). */
  function stopStream(forGood: boolean): void {
    wanted = false;
    stopped ||= forGood;
    if (retry !== null) clearTimeout(retry);
    retry = null;
    source?.close();
    source = null;
  }

  function releaseSource(): void {
    if (eventListeners.size > 0 || connectionListeners.size > 0) return;
    stopStream(false);
  }

  return {
    getStatus: () => call('getStatus', []),
    listCalls: (query) => call('listCalls', [query]),
    getCall: (id) => call('getCall', [id]),
    getStats: (filter) => call('getStats', [filter]),
    estimateCount: (query) => call('estimateCount', [query]),
    getSampleRequest: (action) => call('getSampleRequest', [action]),
    setHmacKey: (key) => call('setHmacKey', [key]),
    clearHmacKey: () => call('clearHmacKey', []),
    clearHistory: () => call('clearHistory', []),
    listWaitingCalls: () => call('listWaitingCalls', []),
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
    pullActions: (prune, force) => call('pullActions', [prune, force]),
    openTunnel: () => call('openTunnel', []),
    closeTunnel: () => call('closeTunnel', []),
    setNgrokAuthtoken: (token) => call('setNgrokAuthtoken', [token]),
    clearNgrokAuthtoken: () => call('clearNgrokAuthtoken', []),
    setListenOnAllInterfaces: (on) => call('setListenOnAllInterfaces', [on]),
    replayCall: (id, mode, target, style) => call('replayCall', [id, mode, target, style]),
    copyAsCurl: (id, resign, style) => call('copyAsCurl', [id, resign, style]),
    replayEdited: (id, parameters, target, style) => call('replayEdited', [id, parameters, target, style]),
    previewBulkReplay: (selection) => call('previewBulkReplay', [selection]),
    startBulkReplay: (selection, options) => call('startBulkReplay', [selection, options]),
    cancelBulkReplay: (runId) => call('cancelBulkReplay', [runId]),
    listBulkReplays: () => call('listBulkReplays', []),
    getLearnedStyle: () => call('getLearnedStyle', []),
    probeHandler: (callId, target) => call('probeHandler', [callId, target]),
    stopProbe: (callId) => call('stopProbe', [callId]),
    listProbes: () => call('listProbes', []),
    getVerifierSnippet: (language, style) => call('getVerifierSnippet', [language, style]),
    listSimulatorActions: () => call('listSimulatorActions', []),
    saveSimulatorAction: (action, schema) => call('saveSimulatorAction', [action, schema]),
    generateParameters: (action, seed) => call('generateParameters', [action, seed]),
    checkSimulatedParameters: (action, parameters) => call('checkSimulatedParameters', [action, parameters]),
    simulateCall: (request) => call('simulateCall', [request]),
    exportHar: (selection) => call('exportHar', [selection]),
    importHar: (text) => (text === null ? call('importHar', [null]) : uploadHar(new Blob([text]), () => {})),
    uploadHar,
    downloadHar,
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
    unlinkAction: (name, profile) => call('unlinkAction', [name, profile]),
    setFollowMode: (mode) => call('setFollowMode', [mode]),
    applyFollow: () => call('applyFollow', []),
    checkParameters: (callId) => call('checkParameters', [callId]),
    getLimits: () => call('getLimits', []),
    setLimits: (limits) => call('setLimits', [limits]),
    onEvents(listener) {
      eventListeners.add(listener);
      ensureSource();
      return () => {
        eventListeners.delete(listener);
        releaseSource();
      };
    },
    rotateToken: () => post<{ token: string; url: string }>('/api/token/rotate', INSPECTOR_REQUEST_NAMES.rotateToken),
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

/**
 * The page's upload: XMLHttpRequest, whose upload events count the bytes sent. Given the file
 * itself, the browser reads it as it sends, off the page's thread.
 */
function uploadWithXhr(...[url, headers, body, onSent]: Parameters<Upload>): ReturnType<Upload> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onSent(event.loaded, event.total);
    });
    xhr.upload.addEventListener('load', (event) => onSent(event.total, event.total));
    xhr.addEventListener('load', () => resolve({ status: xhr.status, text: xhr.responseText }));
    // Also what a file that can no longer be read ends in (moved, changed since it was chosen).
    xhr.addEventListener('error', () => reject(new Error('the connection failed')));
    xhr.addEventListener('abort', () => reject(new Error('the upload was stopped')));
    xhr.send(body);
  });
}
