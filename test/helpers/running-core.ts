import { afterEach } from 'vitest';
import { createCore, type Core, type CoreOptions } from '../../main/core';
import type { CoreEvent } from '../../main/contract/api';
import { sessionSecret } from '../../main/core/secret-source';
import { makeTempDir } from './temp-dir';
import { startInCliWords } from '../../main/cli/cli-words';

export interface RunningCore {
  core: Core;
  port: number;
  baseUrl: string;
  dataDir: string;
  events: CoreEvent[];
  post(path: string, body: string | Buffer, headers?: Record<string, string>): Promise<{ status: number; json: unknown; text: string }>;
  close(): Promise<void>;
}

/** `startCore` for a test file whose cores are all closed after each test. */
export function coresClosedAfterEach(): (options?: Parameters<typeof startCore>[0]) => Promise<RunningCore> {
  const cores: RunningCore[] = [];
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close();
  });
  return async (options = {}) => {
    const core = await startCore(options);
    cores.push(core);
    return core;
  };
}

/** A real core on port 0 with a real SQLite file in a temp folder. */
export async function startCore(options: Partial<CoreOptions> & { key?: string | null } = {}): Promise<RunningCore> {
  const dir = options.dataDir ? { path: options.dataDir, remove: () => {} } : makeTempDir();
  const { key = 'test-key', ...rest } = options;
  const core = createCore({
    mode: 'headless',
    dataDir: dir.path,
    port: 0,
    hmacKey: sessionSecret(key ? { FLOWENT_HMAC_KEY: key } : {}, 'FLOWENT_HMAC_KEY'),
    ...rest,
  });
  const events: CoreEvent[] = [];
  core.subscribe((event) => events.push(event));
  const started = await core.listen();
  if (!started.ok) throw new Error(startInCliWords(started));
  const { port, baseUrl } = started.value;
  return {
    core,
    port,
    baseUrl,
    dataDir: dir.path,
    events,
    async post(path, body, headers = { 'content-type': 'application/json' }) {
      const response = await fetch(baseUrl + path, {
        method: 'POST',
        body: typeof body === 'string' ? body : new Uint8Array(body),
        headers,
      });
      const text = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
      return { status: response.status, json, text };
    },
    async close() {
      await core.stop();
      dir.remove();
    },
  };
}

/** The stored detail of the newest call. */
export async function newestCall(running: RunningCore) {
  const id = (await running.core.api.listCalls({ limit: 1 })).calls[0]?.id;
  if (id === undefined) throw new Error('no call stored');
  const detail = await running.core.api.getCall(id);
  if (!detail) throw new Error('stored call not found');
  return detail;
}
