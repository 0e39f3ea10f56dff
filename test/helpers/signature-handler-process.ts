import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { hasPython } from '../core/handler-check/verifier-runners';

const SCRIPT = resolve(__dirname, '../fixtures/handlers/signature-handler.py');

/**
 * How the Python handler checks signatures: like the docs' Python example, like their Go example,
 * as JSON.stringify writes the payload, with json.dumps' default spaces (no known style), as the
 * Python example but answering refusals 200 {"error": "Invalid signature"} (soft), or not at all.
 */
export type HandlerMode = 'python' | 'go' | 'node' | 'spaces' | 'soft' | 'none';

export interface SignatureHandler {
  /** e.g. http://127.0.0.1:1234/actions/{action_name} */
  target: string;
  /** POSTs `body` to /actions/<action> and returns the answer as received. */
  post(action: string, body: string): Promise<{ status: number; headers: [string, string][]; body: Uint8Array }>;
  stop(): Promise<void>;
}

function headerPairs(headers: Headers): [string, string][] {
  const pairs: [string, string][] = [];
  headers.forEach((value, name) => pairs.push([name, value]));
  return pairs;
}

/**
 * Starts test/fixtures/handlers/signature-handler.py as a real process on a free port, or on
 * `port` (a handler restarted changed, at the URL it had).
 */
export function startSignatureHandler(mode: HandlerMode, key: string, port = 0): Promise<SignatureHandler> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('python3', [SCRIPT, mode, String(port)], {
      env: { ...process.env, FLOWENT_HMAC_KEY: key },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the ${mode} handler did not start: ${output}`)), 15_000);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the ${mode} handler exited with ${code}: ${output}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\d+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      const base = `http://127.0.0.1:${match[1]}`;
      resolvePromise({
        target: `${base}/actions/{action_name}`,
        async post(action, body) {
          const response = await fetch(`${base}/actions/${action}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body,
          });
          return { status: response.status, headers: headerPairs(response.headers), body: new Uint8Array(await response.arrayBuffer()) };
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

/**
 * Two handlers for a whole test file, where python3 exists: `checking` verifies with `key` as the
 * docs' Python example does, `trusting` checks nothing. Started before the first test, stopped after the last.
 */
export function useCheckingAndTrustingHandlers(key: string) {
  let started: [SignatureHandler, SignatureHandler] | null = null;
  beforeAll(async () => {
    if (!hasPython) return;
    started = await Promise.all([startSignatureHandler('python', key), startSignatureHandler('none', key)]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(started?.map((handler) => handler.stop()) ?? []);
  });
  const which = (index: 0 | 1) => (): SignatureHandler => {
    if (!started) throw new Error('The handlers start before the first test, where python3 exists.');
    return started[index];
  };
  return { checking: which(0), trusting: which(1) };
}
