import { keyFingerprint } from '../../../main/core/replay/learned-style';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createReplay, type Replay } from '../../../main/core/replay';
import { sign, verify } from '../../../main/core/signature';
import { openStore, type Store } from '../../../main/core/store/open-store';
import { startHandler, type HandlerProcess } from '../../helpers/handler-process';
import { startCore, type RunningCore } from '../../helpers/running-core';
import type { StyleName } from '../../../main/contract/names-and-limits';

export const KEY = 'replay-test-key';

export interface ReplayWorld {
  running: RunningCore;
  handler: HandlerProcess;
  /** A second connection to the core's SQLite file, as another process would open it. */
  store: Store;
  api: Replay;
  /** Ids the API reported as stored (its `onStored` hook). */
  storedEvents: number[];
  /** Posts a call signed in `style` to the running core; resolves with the stored call's id. */
  send(action: string, parameters: Record<string, unknown>, style?: StyleName, extra?: Record<string, unknown>): Promise<number>;
  /** Like send, but the body goes out as JSON.stringify wrote it (keys as given, raw UTF-8) with the signature computed in `style`. */
  sendAsWritten(action: string, parameters: Record<string, unknown>, style: StyleName): Promise<number>;
  close(): Promise<void>;
}

/** A real core on port 0 forwarding to the real stand-in handler, and the replay API on the same history. */
export async function startWorld(options: { key?: string | null; dataDir?: string } = {}): Promise<ReplayWorld> {
  const key = options.key === undefined ? KEY : options.key;
  const handler = await startHandler();
  const running = await startCore({ key, ...(options.dataDir ? { dataDir: options.dataDir } : {}) });
  const set = await running.core.api.setForwardTarget(null, handler.target);
  if (!set.ok) throw new Error(JSON.stringify(set));
  const opened = openStore({ dataDir: running.dataDir });
  if (!opened.ok) throw new Error(JSON.stringify(opened));
  const store = opened.value;
  const storedEvents: number[] = [];
  const api = createReplay({
    calls: () => store.calls,
    answers: () => store.answers,
    settings: () => store.settings,
    handlers: () => store.handlers.forKey(() => (key === null ? null : keyFingerprint(key))),
    hmacKey: () => key,
    onStored: (call) => storedEvents.push(call.id),
  });
  return {
    storedEvents,
    running,
    handler,
    store,
    api,
    async send(action, parameters, style = 'python', extra = {}) {
      const payload = JSON.stringify({ action_name: action, parameters, timestamp: Math.floor(Date.now() / 1000), ...extra });
      const body = key ? sign(payload, key, style).body : payload;
      const before = store.calls.lastCallId();
      await running.post(`/actions/${action}`, body);
      const id = store.calls.lastCallId();
      if (id === before) throw new Error('the call was not stored');
      return id;
    },
    async sendAsWritten(action, parameters, style) {
      const payload = JSON.stringify({ action_name: action, parameters, timestamp: Math.floor(Date.now() / 1000) });
      const { signature } = sign(payload, key ?? '', style);
      const before = store.calls.lastCallId();
      await running.post(`/actions/${action}`, `${payload.slice(0, -1)},"signature":"${signature}"}`);
      const id = store.calls.lastCallId();
      if (id === before) throw new Error('the call was not stored');
      return id;
    },
    async close() {
      await api.close();
      await store.close();
      await running.close();
      await handler.stop();
    },
  };
}

const MAKE_VECTORS = resolve(__dirname, '../../fixtures/signature/make-vectors.py');

function hasPython(): boolean {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return existsSync(MAKE_VECTORS);
  } catch {
    return false;
  }
}

export const PYTHON = hasPython();

/**
 * The documented styles (python, go, go-struct) whose signature matches `body`, computed by the
 * independent Python signer in test/fixtures/signature; without python3, by our own verify.
 */
export function independentlyMatchedStyles(body: Buffer, key: string): string[] {
  if (!PYTHON) {
    const report = verify(body, key, { receivedAt: Date.now() });
    return report.styles.filter((s) => s.matched && ['python', 'go', 'go-struct'].includes(s.style)).map((s) => s.style);
  }
  const script = [
    'import importlib.util, json, sys, hmac, hashlib',
    `spec = importlib.util.spec_from_file_location("mv", ${JSON.stringify(MAKE_VECTORS)})`,
    'mv = importlib.util.module_from_spec(spec); spec.loader.exec_module(mv)',
    'body = sys.stdin.buffer.read().decode("utf-8"); key = sys.argv[1]',
    'received = json.loads(body)["signature"]',
    'print(json.dumps([s for s in mv.ORDER if hmac.compare_digest(mv.sign_hex(key, mv.CANONICAL[s](body)), received)]))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script, key], { input: body }).toString('utf8')) as string[];
}
