import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll } from 'vitest';
import { makeTempDir } from './temp-dir';
import { cleanupsPerTest } from './cleanups-per-test';

/** The handler's own GET endpoints, asked over undici: a page test's global fetch is the page's, with its CORS rules. */
async function askHandler<T>(port: number, path: string): Promise<T> {
  const response = await request(`http://127.0.0.1:${port}${path}`);
  return (await response.body.json()) as T;
}

const SCRIPT = resolve(__dirname, '../fixtures/handlers/flowent-handler.mjs');

export interface ReceivedRequest {
  method: string;
  url: string;
  /** Raw header list: name, value, name, value... */
  headers: string[];
  body: Buffer;
}

export interface HandlerProcess {
  port: number;
  /** e.g. http://127.0.0.1:1234/actions/{action_name} */
  target: string;
  received(): Promise<ReceivedRequest[]>;
  /** The most slow_ok calls the handler held at once since the last ask. */
  maxConcurrency(): Promise<number>;
  /** Lets the handler answer `count` more calls to `gated` (now, or as they arrive). */
  release(count: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the stand-in handler as a real child process on a free port. */
export function startHandler(): Promise<HandlerProcess> {
  return new Promise((resolvePromise, reject) => {
    const child: ChildProcess = spawn(process.execPath, [SCRIPT], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`handler did not start: ${output}`)), 10_000);
    child.once('error', reject);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\d+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      const port = Number(match[1]);
      resolvePromise({
        port,
        target: `http://127.0.0.1:${port}/actions/{action_name}`,
        async received() {
          const list = await askHandler<(Omit<ReceivedRequest, 'body'> & { body: string })[]>(port, '/__requests');
          return list.map((entry) => ({ ...entry, body: Buffer.from(entry.body, 'base64') }));
        },
        async maxConcurrency() {
          return (await askHandler<{ max: number }>(port, '/__concurrency')).max;
        },
        async release(count) {
          await askHandler(port, `/__release?count=${count}`);
        },
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** A port nothing listens on (bound, then released): connections to it are refused. */
export function closedPort(): Promise<number> {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePromise(port));
    });
  });
}

/** The value of a header in a raw header list, case-insensitively. */
export function rawHeader(headers: string[], name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i + 1 < headers.length; i += 2) if (headers[i]?.toLowerCase() === name) values.push(headers[i + 1] ?? '');
  return values;
}

/**
 * The stand-in handler for a whole test file, started before its first test and stopped after
 * its last: it answers by the last segment of the path (`ok`, `error500`, `slow_ok`... see its
 * source). With `start`, the handler it starts instead (the Python one that checks signatures).
 */
export function useHandler(): () => HandlerProcess;
export function useHandler<H extends { stop(): Promise<void> }>(start: () => Promise<H>): () => H;
export function useHandler(start: () => Promise<{ stop(): Promise<void> }> = startHandler) {
  let handler: { stop(): Promise<void> } | null = null;
  beforeAll(async () => {
    handler = await start();
  });
  afterAll(async () => {
    await handler?.stop();
  });
  return () => {
    if (!handler) throw new Error('The handler starts before the first test.');
    return handler;
  };
}

/** The handler's URL for a behaviour, e.g. `error500`. */
export function handlerUrl(handler: HandlerProcess, behaviour: string): string {
  return `http://127.0.0.1:${handler.port}/actions/${behaviour}`;
}

/**
 * For a test file whose tests each need a handler and a fresh data folder: `handlerAndFolder()`
 * starts both; after each test they are stopped and removed, with whatever else the test pushed
 * on `cleanups` (newest first).
 */
export function handlerAndFolderPerTest() {
  const { cleanups } = cleanupsPerTest();
  const handlerAndFolder = async () => {
    const handler = await startHandler();
    cleanups.push(() => handler.stop());
    const dir = makeTempDir();
    cleanups.push(dir.remove);
    return { handler, dir };
  };
  return { cleanups, handlerAndFolder };
}
