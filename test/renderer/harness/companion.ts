/**
 * A real companion core for the page's component tests: a fresh data folder with a real SQLite
 * file, the real webhook server on port 0, and the page's bridge over the core's API and event
 * batcher. Each test gets its own (a core starts in about 10 ms), so tests never see each
 * other's calls and call ids start at 1.
 */
import { writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { EventSource, fetch, request } from 'undici';
import { afterEach, beforeEach, expect } from 'vitest';
import { startInCliWords } from '../../../main/cli/cli-words';
import type { ApiFailure, CompanionApi, Result } from '../../../main/contract/api';
import { NGROK_AUTHTOKEN_ENV } from '../../../main/contract/secret-variables';
import { createCore, type Core, type CoreOptions } from '../../../main/core';
import type { BatchPolicy } from '../../../main/core/event-batcher';
import { withHarDialogs } from '../../../main/desktop/har-dialogs';
import { DATA_FILES } from '../../../main/core/data-folder';
import { InspectorServer } from '../../../main/transports/inspector/inspector-server';
import { inspectorTokenFile } from '../../../main/transports/inspector/inspector-token';
import { inPageWords } from '../../../renderer/src/page/page-words';
import { createHttpBridge, type EventSourceLike } from '../../../renderer/src/transport/http-bridge';
import {
  createSecretStore,
  keychainHmacKeySource,
  keychainProfileSecrets,
  keychainSecretSource,
  type SecretStore,
} from '../../../main/desktop/secret-store';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { makeTempDir } from '../../helpers/temp-dir';
import { dialogStandIn, keychainStandIn, type DialogChoices } from './desktop-stand-ins';
import { createPageBridge, type PageBridge } from './page-bridge';
import { resetPage } from './render';

/** The HMAC key Flowent signs with in these tests, and the one the companion is given. */
export const KEY = 'test-key';

/** What a method a test relies on returned; its failure, in the page's words, fails the test. */
export function valueOf<T>(result: Result<T, ApiFailure>): T {
  if (!result.ok) throw new Error(inPageWords(result));
  return result.value;
}

export interface CompanionOptions {
  /**
   * desktop: secrets in the keychain (through the app's secret store), HAR files through the
   * save/open dialogs. headless: secrets from the environment, as `serve` reads them.
   */
  mode?: 'desktop' | 'headless';
  /** Whether the desktop has a keychain to keep secrets in (it has by default). */
  keychain?: boolean;
  /** The HMAC key the companion checks with; null for none (a first run). */
  key?: string | null;
  /** The ngrok authtoken the companion has; null for none. */
  ngrokAuthtoken?: string | null;
  /** The environment the core reads (FLOWENT_BASE_URL, the secrets in headless mode...). */
  env?: NodeJS.ProcessEnv;
  /** Anything else the core is built with (a forwarding target, the tunnel's edge...). */
  core?: Partial<CoreOptions>;
  eventPolicy?: Partial<BatchPolicy>;
}

/** The token the browser inspector of these tests is opened with. */
export const INSPECTOR_TOKEN = 'inspector-token-of-the-page-tests-0001';

/** A request the browser bridge sent to the inspector. */
/** How much of a HAR upload goes at a time in the page's stand-in XMLHttpRequest. */
const UPLOAD_PIECE_BYTES = 64 * 1024;

export interface InspectorRequest {
  url: string;
  /** The API method it called. */
  method: string;
  headers: Record<string, string>;
  args: unknown[];
  bodyLength: number;
  /** The inspector's answer has come back (it may still be held on its way to the page). */
  answered: boolean;
}

export interface Sent {
  status: number;
  text: string;
}

export interface SendOptions {
  /** The key to sign with (the companion's by default); null sends the body unsigned. */
  key?: string | null;
  /** Members after `timestamp`, e.g. `{ test: true }` for a registration check. */
  extra?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** Send it to the open tunnel's public URL (a test's stand-in tunnel), not straight to the webhook port. */
  throughTunnel?: boolean;
}

export class Companion {
  readonly core: Core;
  /** The core's API as the desktop app's main process offers it (HAR through the dialogs). */
  readonly api: CompanionApi;
  readonly bridge: PageBridge;
  readonly dataDir: string;
  /** What the user picks in the save and open dialogs. */
  readonly dialogs: DialogChoices = { savePath: null, openPath: null };
  /** Bugs the core reported: a test fails on any. */
  readonly internalErrors: unknown[] = [];
  readonly secrets: SecretStore | null;
  baseUrl = '';
  private readonly removeDir: () => void;
  private inspector: InspectorServer | null = null;
  /** The inspector's port once it has started (0 before: any free port). */
  private inspectorPort = 0;
  /** The requests the browser bridge sent to the inspector: the method and the body's length. */
  readonly inspectorRequests: InspectorRequest[] = [];
  /** The event stream's tickets the browser bridge bought, with the token it showed. */
  readonly ticketRequests: { authorization: string }[] = [];
  private readonly heldAnswers = new Map<string, Promise<void>>();
  private heldUpload: Promise<void> | null = null;
  inspectorUrl = '';

  constructor(readonly options: CompanionOptions) {
    const dir = makeTempDir('fc-page-');
    this.dataDir = dir.path;
    this.removeDir = dir.remove;
    const { mode = 'desktop', key = KEY, ngrokAuthtoken = null, keychain = true } = options;
    const onInternalError = (error: unknown) => this.internalErrors.push(error);
    if (mode === 'desktop') {
      const env = options.env ?? {};
      const secrets = createSecretStore(this.dataDir, keychainStandIn(keychain));
      if (key !== null) secrets.set('hmac-key', key);
      if (ngrokAuthtoken !== null) secrets.set('ngrok-authtoken', ngrokAuthtoken);
      this.secrets = secrets;
      this.core = createCore({
        dataDir: this.dataDir,
        mode,
        port: 0,
        env,
        hmacKey: keychainHmacKeySource(secrets, env),
        ngrokAuthtoken: keychainSecretSource(secrets, 'ngrok-authtoken', env, { secret: 'ngrok-authtoken', variable: NGROK_AUTHTOKEN_ENV }),
        flowentSecrets: keychainProfileSecrets(secrets, env),
        onInternalError,
        ...options.core,
      });
      this.api = withHarDialogs(this.core.api, dialogStandIn(this.dialogs));
    } else {
      const env = {
        ...(key !== null ? { FLOWENT_HMAC_KEY: key } : {}),
        ...(ngrokAuthtoken !== null ? { NGROK_AUTHTOKEN: ngrokAuthtoken } : {}),
        ...options.env,
      };
      this.secrets = null;
      this.core = createCore({ dataDir: this.dataDir, mode, port: 0, env, onInternalError, ...options.core });
      this.api = this.core.api;
    }
    this.bridge = createPageBridge({
      api: this.api,
      subscribe: (listener) => this.core.subscribe(listener),
      eventPolicy: options.eventPolicy,
    });
  }

  async start(): Promise<void> {
    const listening = await this.core.listen();
    if (!listening.ok) throw new Error(startInCliWords(listening));
    this.baseUrl = listening.value.baseUrl;
  }

  /**
   * Starts the browser inspector's server over this core (once), with the token kept in the data
   * folder as `serve` keeps it (so `rotateInspectorTokenFile` rotates it as the command does); its base URL.
   */
  async startInspector(token = INSPECTOR_TOKEN): Promise<string> {
    if (!this.inspector) {
      writeFileSync(join(this.dataDir, DATA_FILES.inspectorToken), `${token}\n`, { mode: 0o600 });
      this.inspector = new InspectorServer({
        api: this.core.api,
        subscribe: (listener) => this.core.subscribe(listener),
        token: inspectorTokenFile(this.dataDir),
        // Started again on the port it had, as serve is with the same --inspector-port: an open page finds it there.
        port: this.inspectorPort,
        rendererDir: null,
        onInternalError: (error) => this.internalErrors.push(error),
      });
      const started = await this.inspector.start();
      if (!started.ok) throw new Error(startInCliWords(started));
      this.inspectorPort = started.value.port;
      this.inspectorUrl = `http://127.0.0.1:${started.value.port}`;
    }
    return this.inspectorUrl;
  }

  async stopInspector(): Promise<void> {
    await this.inspector?.stop();
    this.inspector = null;
  }

  /**
   * The browser inspector's bridge, as the page served by `serve` builds it: the real inspector
   * server over this core, reached over HTTP with a token, events over its server-sent stream
   * (or over `createEventSource`, for a test that plays the stream's side).
   */
  async browserBridge(options: { token?: string; createEventSource?: (url: string) => EventSourceLike; retryMs?: number } = {}) {
    const baseUrl = await this.startInspector();
    return createHttpBridge(baseUrl, options.token ?? INSPECTOR_TOKEN, {
      // Node's: the page's own fetch here is happy-dom's, with a browser's CORS rules.
      fetch: (async (input: string, init: { body?: string; headers?: Record<string, string>; method?: string }) => {
        const body = init.body ?? '';
        const headers = init.headers ?? {};
        const path = new URL(input).pathname;
        if (path === '/api/events/ticket') {
          this.ticketRequests.push({ authorization: headers.Authorization ?? '' });
          return fetch(input, init);
        }
        // A HAR file goes as it is to its own path (an export comes back as one from its own);
        // every other method's body is its arguments.
        const method = path === '/api/import-har' ? 'importHar' : path === '/api/export-har' ? 'exportHar' : path.split('/api/call/')[1]!;
        const args = path === '/api/import-har' ? [body] : body ? (JSON.parse(body) as unknown[]) : [];
        const sent: InspectorRequest = { url: input, method, headers, args, bodyLength: Buffer.byteLength(body), answered: false };
        this.inspectorRequests.push(sent);
        const answer = await fetch(input, init);
        await answer.clone().arrayBuffer();
        sent.answered = true;
        const gate = this.heldAnswers.get(method);
        if (gate) {
          this.heldAnswers.delete(method);
          await gate;
        }
        return answer;
      }) as unknown as typeof globalThis.fetch,
      // The page's XMLHttpRequest, played by Node over a real socket: the body goes in pieces, and
      // each piece's bytes are told once the socket took them, as the browser's upload events do.
      upload: async (url, headers, body, onSent) => {
        // The browser reads the file as it sends it: one that cannot be read fails the upload, with
        // the error a lost connection gives (XMLHttpRequest tells them apart no better).
        const read = await body.arrayBuffer().catch(() => Promise.reject(new Error('the connection failed')));
        const bytes = Buffer.from(read);
        const sent: InspectorRequest = {
          url,
          method: 'importHar',
          headers,
          args: [bytes.toString('utf8')],
          bodyLength: bytes.length,
          answered: false,
        };
        this.inspectorRequests.push(sent);
        const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
          const req = httpRequest(url, { method: 'POST', headers: { ...headers, 'Content-Length': bytes.length } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          });
          req.on('error', reject);
          const writeFrom = (at: number) => {
            if (at >= bytes.length) return void req.end();
            const next = Math.min(bytes.length, at + UPLOAD_PIECE_BYTES);
            req.write(bytes.subarray(at, next), () => {
              onSent(next, bytes.length);
              const held = this.heldUpload;
              this.heldUpload = null;
              void (held ?? Promise.resolve()).then(() => writeFrom(next));
            });
          };
          writeFrom(0);
        });
        sent.answered = true;
        const gate = this.heldAnswers.get('importHar');
        if (gate) {
          this.heldAnswers.delete('importHar');
          await gate;
        }
        return answer;
      },
      createEventSource: options.createEventSource ?? ((url) => new EventSource(url) as unknown as EventSourceLike),
      retryMs: options.retryMs,
    });
  }

  /** The browser bridge's next HAR upload stops after its first piece until the returned function is called. */
  holdNextUpload(): () => void {
    let release = () => {};
    this.heldUpload = new Promise<void>((resolve) => (release = resolve));
    return release;
  }

  /**
   * The inspector's answer to the browser bridge's next request to `method` is computed by the
   * core at once but reaches the page only when the returned function is called.
   */
  holdNextInspectorAnswer(method: string): () => void {
    let release = () => {};
    this.heldAnswers.set(method, new Promise<void>((resolve) => (release = resolve)));
    return release;
  }

  /** A call as Flowent sends it: the payload signed with the key, POSTed to the webhook. */
  send(action: string, parameters: Record<string, unknown> = {}, options: SendOptions = {}): Promise<Sent> {
    const payload = flowentPayload(action, parameters, options.extra);
    const key = options.key === undefined ? (this.options.key ?? KEY) : options.key;
    const body = key === null ? JSON.stringify(payload) : signedBody(payload, key);
    return options.throughTunnel
      ? this.postThroughTunnel(`/actions/${action}`, body, options.headers)
      : this.post(`/actions/${action}`, body, options.headers);
  }

  private async postThroughTunnel(path: string, body: string, headers: Record<string, string> = {}): Promise<Sent> {
    const { tunnel } = await this.core.api.getStatus();
    if (tunnel.state !== 'online' || !tunnel.url) throw new Error('throughTunnel: open the test tunnel first');
    const response = await request(tunnel.url + path, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    });
    return { status: response.statusCode, text: await response.body.text() };
  }

  /** Any request body to any path of the webhook server (from Node: the page's fetch would add an Origin). */
  async post(path: string, body: string, headers: Record<string, string> = {}): Promise<Sent> {
    const response = await request(this.baseUrl + path, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    });
    return { status: response.statusCode, text: await response.body.text() };
  }

  async stop(): Promise<void> {
    this.bridge.dispose();
    await this.inspector?.stop();
    await this.core.stop();
    this.removeDir();
  }
}

export interface CompanionRig {
  /** This test's companion. */
  (): Companion;
  /** Replaces this test's companion with one built with other options. */
  restart(options: CompanionOptions): Promise<Companion>;
}

/**
 * A fresh companion for each test of the file (options may be a function, read before each
 * test, for resources the file starts once). After each test the page is unmounted, the
 * page's stores and URL are reset, and the core is stopped and its data folder removed.
 */
export function useCompanion(options: CompanionOptions | (() => CompanionOptions) = {}): CompanionRig {
  let current: Companion | null = null;
  const startOne = async (chosen: CompanionOptions) => {
    const companion = new Companion(chosen);
    await companion.start();
    current = companion;
    return companion;
  };
  const stopCurrent = async () => {
    resetPage();
    const stopping = current;
    current = null;
    await stopping?.stop();
    expect(stopping?.internalErrors ?? []).toEqual([]);
  };
  beforeEach(async () => {
    await startOne(typeof options === 'function' ? options() : options);
  });
  afterEach(stopCurrent);
  const rig = (() => {
    if (!current) throw new Error('No companion: useCompanion() starts one before each test.');
    return current;
  }) as CompanionRig;
  rig.restart = async (chosen) => {
    await stopCurrent();
    return startOne(chosen);
  };
  return rig;
}
