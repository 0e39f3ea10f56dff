import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  HAR_DOWNLOAD_HEADERS,
  MAX_HAR_IMPORT_BYTES,
  type CompanionApi,
  type CoreEvent,
  type ListenFailure,
  type Result,
} from '../../contract/api';
import { companionCommand, dataDirForCommands } from '../../contract/words';
import { isApiMethod } from '../../core/operations/check-args';
import { INTERNAL_FAILURE, thrownFailure } from '../../core/operations/thrown-failure';
import { harFileText } from '../../core/replay/har-file-text';
import { listenError } from '../../core/webhook/listen-error';
import { readApiArgs, readBody, sendJson } from './api-request';
import { EventStream } from './event-stream';
import { EventTickets } from './event-tickets';
import { tokenMatches, type InspectorToken } from './inspector-token';
import { SECURITY_HEADERS } from './security-headers';
import { readStaticFile } from './static-files';

export interface InspectorOptions {
  api: CompanionApi;
  /** Subscribes to core events; returns the unsubscribe function. */
  subscribe: (listener: (event: CoreEvent) => void) => () => void;
  /** The token in force, which the page's button (or the rotate-token command) can replace. */
  token: InspectorToken;
  port: number;
  /** The built renderer (out/renderer); null when it has not been built. */
  rendererDir: string | null;
  onInternalError: (error: unknown) => void;
  /**
   * Told the page's new URL once the token in force changed, however it was changed (the page's
   * button, or the rotate-token command from another process), so serve can print it.
   */
  onTokenChanged?: (url: string) => void;
}

const HOST = '127.0.0.1';
/**
 * How often the token file is looked at for a rotation made by another process, so that open
 * pages are told within a second (a request with the old token is refused at once anyway).
 */
const TOKEN_LOOK_MS = 1_000;

/**
 * The browser inspector: the built renderer plus the contract over HTTP and server-sent
 * events. Loopback only, never on the webhook port (which the tunnel may make public).
 * Every API request needs the token, and requests naming another Host or Origin are refused,
 * so neither another site nor a DNS-rebinding page can reach it.
 */
export class InspectorServer {
  private server: Server | null = null;
  private stream: EventStream | null = null;
  private unsubscribe: (() => void) | null = null;
  private port = 0;
  private readonly tickets = new EventTickets();
  /** The token the open pages were let in with: when the one in force differs, they are told. */
  private lastToken = '';
  private tokenLook: NodeJS.Timeout | null = null;

  constructor(private readonly options: InspectorOptions) {}

  async start(): Promise<Result<{ url: string; port: number }, ListenFailure>> {
    const server = createServer((request, response) => {
      this.route(request, response).catch((error: unknown) => {
        this.options.onInternalError(error);
        if (!response.headersSent)
          sendJson(response, 500, { ok: false, code: INTERNAL_FAILURE, message: 'The inspector failed; see the command output.' });
      });
    });
    const listened = await new Promise<Result<number, ListenFailure>>((resolve) => {
      const onError = (error: NodeJS.ErrnoException) => resolve(listenError(error, 'inspector', HOST, this.options.port));
      server.once('error', onError);
      server.listen(this.options.port, HOST, () => {
        server.off('error', onError);
        resolve({ ok: true, value: (server.address() as AddressInfo).port });
      });
    });
    if (!listened.ok) return listened;
    this.server = server;
    this.port = listened.value;
    this.stream = new EventStream(randomUUID());
    const stream = this.stream;
    this.unsubscribe = this.options.subscribe((event) => stream.push(event));
    this.lastToken = this.options.token.current();
    this.tokenLook = setInterval(() => this.currentToken(), TOKEN_LOOK_MS);
    this.tokenLook.unref();
    return { ok: true, value: { url: this.pageUrl(this.lastToken), port: this.port } };
  }

  async stop(): Promise<void> {
    if (this.tokenLook) clearInterval(this.tokenLook);
    this.tokenLook = null;
    this.unsubscribe?.();
    this.stream?.close();
    const server = this.server;
    this.server = null;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://inspector.invalid');
    if (!this.isOwnHost(request.headers.host) || !this.isOwnOrigin(request.headers.origin)) {
      return sendJson(response, 403, {
        ok: false,
        code: 'foreign-origin',
        message: 'Refused: this request names another host or origin than the inspector.',
      });
    }
    if (url.pathname === '/api/events') {
      if (request.method !== 'GET') return sendJson(response, 405, { ok: false, code: 'method', message: 'Use GET for the event stream.' });
      this.currentToken();
      if (!this.tickets.redeem(url.searchParams.get('ticket'))) {
        return sendJson(response, 401, {
          ok: false,
          code: 'ticket',
          message:
            'The event stream needs a fresh ticket: POST /api/events/ticket with the inspector token, then open the stream with ?ticket=.',
        });
      }
      return this.stream?.open(response);
    }
    if (url.pathname.startsWith('/api/')) return this.handleApi(request, response, url.pathname);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendJson(response, 405, { ok: false, code: 'method', message: 'The inspector serves pages with GET.' });
    }
    return this.serveStatic(response, url.pathname);
  }

  private async handleApi(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!tokenMatches(this.currentToken(), bearer)) return refuseToken(response);
    if (pathname === '/api/events/ticket' || pathname === '/api/token/rotate') {
      if (request.method !== 'POST') return sendJson(response, 405, { ok: false, code: 'method', message: `Use POST for ${pathname}.` });
      if (pathname === '/api/events/ticket') return sendJson(response, 200, { ok: true, value: { ticket: this.tickets.issue() } });
      const token = this.options.token.rotate();
      this.currentToken();
      return sendJson(response, 200, { ok: true, value: { token, url: this.pageUrl(token) } });
    }
    if (pathname === '/api/import-har') return this.importHar(request, response);
    if (pathname === '/api/export-har') return this.exportHar(request, response);
    const method = /^\/api\/call\/([A-Za-z]+)$/.exec(pathname)?.[1];
    if (!method || !isApiMethod(method)) {
      return sendJson(response, 404, { ok: false, code: 'unknown-method', message: `No such inspector API: ${pathname}` });
    }
    const args = await readApiArgs(request, response, method);
    if (args === null) return;
    const call = this.options.api[method] as (...callArgs: unknown[]) => Promise<unknown>;
    return this.answerCall(response, () => call(...args));
  }

  /**
   * A core method's value, or what it threw with the core's own code and message, as the desktop
   * app's IPC answers it (core/operations/thrown-failure.ts), so a page says the same in both.
   */
  private async answerCall(response: ServerResponse, call: () => Promise<unknown>): Promise<void> {
    let value: unknown;
    try {
      value = await call();
    } catch (error) {
      this.options.onInternalError(error);
      return sendJson(response, 500, { ok: false, ...thrownFailure(error) });
    }
    return sendJson(response, 200, { ok: true, value: value ?? null });
  }

  /**
   * A HAR export answered with the file itself as the body, its figures in headers: the page
   * hands the body to the download as it comes, where a JSON reply holding 22 MB of text had to
   * be parsed and made a file again on the page's thread. A refusal is the usual JSON reply.
   */
  private async exportHar(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const args = await readApiArgs(request, response, 'exportHar');
    if (args === null) return;
    let exported: Awaited<ReturnType<CompanionApi['exportHar']>>;
    try {
      exported = await this.options.api.exportHar(...(args as Parameters<CompanionApi['exportHar']>));
    } catch (error) {
      this.options.onInternalError(error);
      return sendJson(response, 500, { ok: false, ...thrownFailure(error) });
    }
    if (!exported.ok || exported.value.text === null) return sendJson(response, 200, { ok: true, value: exported });
    const { text, count, matched } = exported.value;
    response.writeHead(200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      'Cache-Control': 'no-store',
      [HAR_DOWNLOAD_HEADERS.count]: String(count),
      [HAR_DOWNLOAD_HEADERS.matched]: String(matched),
      ...SECURITY_HEADERS,
    });
    response.end(text);
  }

  /**
   * A HAR file, sent as it is (its text is the body): the API's 64 KB bound would refuse any
   * real one. Read as it arrives, up to the import limit, then imported in slices; the core
   * tells its progress to every open page.
   */
  private async importHar(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') return sendJson(response, 405, { ok: false, code: 'method', message: 'Send the HAR file with POST.' });
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(response, 415, {
        ok: false,
        code: 'content-type',
        message: 'Send the HAR file as JSON (Content-Type: application/json).',
      });
    }
    const tooLarge = async () => {
      // The command as the person runs it: on this history, wherever its folder is.
      const command = companionCommand('import <file>', dataDirForCommands(await this.options.api.getStatus()));
      response.setHeader('Connection', 'close');
      sendJson(response, 413, {
        ok: false,
        code: 'too-large',
        message: `HAR imports here are at most ${MAX_HAR_IMPORT_BYTES / 1024 / 1024} MB. Import it with the command, which takes any size: ${command}`,
      });
    };
    if (Number(request.headers['content-length'] ?? 0) > MAX_HAR_IMPORT_BYTES) return tooLarge();
    const raw = await readBody(request, MAX_HAR_IMPORT_BYTES);
    if (raw === null) return tooLarge();
    const text = harFileText(raw);
    // Refused as importHar refuses a file it cannot read (and as the desktop app refuses it): the
    // page says it as it says any other problem with the file.
    if (!text.ok) {
      const refused: Awaited<ReturnType<CompanionApi['importHar']>> = { ok: false, code: 'har-not-text', reason: text.message };
      return sendJson(response, 200, { ok: true, value: refused });
    }
    return this.answerCall(response, () => this.options.api.importHar(text.value));
  }

  private async serveStatic(response: ServerResponse, pathname: string): Promise<void> {
    const root = this.options.rendererDir;
    if (!root) {
      response.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      response.end('The inspector page is not built. Run "npm run build" in the Flowent Companion folder, then reload.');
      return;
    }
    const file = await readStaticFile(root, pathname);
    if (!file) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      response.end('Not found.');
      return;
    }
    response.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Length': file.body.length,
      'Cache-Control': cacheControlFor(pathname),
      ...SECURITY_HEADERS,
    });
    response.end(file.body);
  }

  private pageUrl(token: string): string {
    return `http://${HOST}:${this.port}/#token=${token}`;
  }

  /**
   * The token in force. When it changed (a rotation, here or by the rotate-token command),
   * tickets bought with the old one are void and open pages are told to reload with the new one.
   */
  private currentToken(): string {
    const token = this.options.token.current();
    if (token !== this.lastToken) {
      this.lastToken = token;
      this.tickets.clear();
      this.stream?.endForRotatedToken();
      this.options.onTokenChanged?.(this.pageUrl(token));
    }
    return token;
  }

  private isOwnHost(host: string | undefined): boolean {
    return host === `${HOST}:${this.port}` || host === `localhost:${this.port}`;
  }

  private isOwnOrigin(origin: string | undefined): boolean {
    return origin === undefined || origin === `http://${HOST}:${this.port}` || origin === `http://localhost:${this.port}`;
  }
}

function refuseToken(response: ServerResponse): void {
  sendJson(response, 401, {
    ok: false,
    code: 'token',
    message:
      'Missing or wrong inspector token. Open the last Inspector URL printed by "flowent-companion serve" (it prints a new one when the token changes).',
  });
}

/**
 * The page itself is never cached (a new build must show at the next load). Its assets carry a
 * hash of their content in their names, so a cached copy is never wrong: kept for good, which is
 * what lets a dialog fetched at idle open while the command is restarting, however long the tab
 * has been open.
 */
function cacheControlFor(pathname: string): string {
  if (pathname === '/' || pathname.endsWith('.html')) return 'no-store';
  if (pathname.startsWith('/assets/')) return 'public, max-age=31536000, immutable';
  return 'public, max-age=3600';
}
