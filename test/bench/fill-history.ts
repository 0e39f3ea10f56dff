import { createHash } from 'node:crypto';
import type { SignatureReport, Verdict } from '../../main/contract/api';
import type { NewCall } from '../../main/core/store/calls-insert';
import { openStore } from '../../main/core/store/open-store';

const ACTIONS = ['send_email', 'create_ticket', 'lookup_order', 'book_meeting', 'refund_payment'];
const VERDICTS: Verdict[] = ['valid', 'valid', 'valid', 'valid', 'invalid', 'missing', 'unsigned-test'];
// Zürich (in place of an English word, so the others keep their share) and café are sent
// escaped in the Python-style bodies.
const WORDS = ['invoice', 'delayed', 'parcel', 'meeting', 'refund', 'urgent', 'customer', 'Paris', 'Berlin', 'Zürich', 'report', 'café'];
/**
 * Where a call came from: most from Flowent, a few replayed, simulated or imported, so the
 * source filters pick out a realistic few.
 */
function sourceOf(i: number): NewCall['source'] {
  if (i % 97 === 3) return 'replay';
  if (i % 101 === 5) return 'simulator';
  if (i % 211 === 7) return 'import';
  return 'flowent';
}
/** Rows per transaction while filling. */
const BATCH = 1_000;

/** The parameters a call of each action carries, varied per call so bodies are not all alike. */
function parameters(action: string, i: number): Record<string, unknown> {
  const word = (k: number) => WORDS[(i * 7 + k * 13) % WORDS.length] ?? 'note';
  switch (action) {
    case 'send_email':
      return { recipient: `user${i}@example.com`, subject: `Order ${i}`, body: `Hello from the benchmark, ${word(1)} ${word(2)}` };
    case 'create_ticket':
      return { title: `${word(1)} ${word(2)} #${i}`, priority: ['low', 'normal', 'high'][i % 3], tags: [word(3), word(4)] };
    case 'lookup_order':
      return { order_id: `ORD-${(i * 7919) % 10_000_000}`, include_items: i % 2 === 0 };
    case 'book_meeting':
      return {
        attendees: [`a${i % 997}@example.com`, `b${i % 991}@example.com`],
        start: new Date(1_700_000_000_000 + i * 60_000).toISOString(),
        topic: word(5),
      };
    default:
      return { payment_id: `pay_${i.toString(36)}`, amount_cents: (i * 37) % 100_000, reason: `${word(6)} ${word(7)}` };
  }
}

const asciiEscaped = (json: string) => json.replace(/[\u0080-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** One realistic stored call: several actions, verdicts and answers; every 50th body carries a long note. */
export function benchCall(i: number, receivedAt: number): NewCall {
  const action = ACTIONS[i % ACTIONS.length] ?? 'send_email';
  const verdict = VERDICTS[i % VERDICTS.length] ?? 'valid';
  const params = parameters(action, i);
  if (i % 50 === 0) params.note = `${WORDS.join(' ')} `.repeat(20);
  // A signature looks random, as real ones do (it weighs on the size of the text index).
  const signature = createHash('sha256').update(String(i)).digest('hex');
  const json = JSON.stringify({ action_name: action, parameters: params, timestamp: Math.floor(receivedAt / 1000), signature });
  // Half the bodies as Flowent's Python-style signer writes them: characters past ASCII as \u escapes.
  const body = i % 2 === 1 ? asciiEscaped(json) : json;
  const report: SignatureReport = {
    verdict,
    style: verdict === 'valid' ? 'python' : null,
    received: signature,
    styles: [],
    diagnosis: [],
    timestamp: { value: Math.floor(receivedAt / 1000), ageSeconds: 0, flag: 'ok' },
  };
  const failed = i % 23 === 0;
  const answer = failed ? '{"result":"","error":"handler failed"}' : '{"result":"ok","error":""}';
  return {
    receivedAt,
    method: 'POST',
    path: `/actions/${action}`,
    remoteAddress: '127.0.0.1',
    action,
    test: verdict === 'unsigned-test',
    requestHeaders: [['Content-Type', 'application/json']],
    requestBody: Buffer.from(body),
    bodySize: body.length,
    problem: null,
    problemMessage: null,
    signature: report,
    answeredBy: 'mock',
    response: { status: failed ? 500 : 200, headers: [['Content-Type', 'application/json']], body: Buffer.from(answer) },
    durationMs: 0.5,
    source: sourceOf(i),
    originalCallId: null,
  };
}

/**
 * Writes `count` realistic calls straight into a history folder, one transaction per 1,000
 * rows, for benchmarks that need a big history, then brings the text index up to date as the
 * server's idle-time indexer would. `onProgress` hears the running total. Returns the CPU
 * seconds spent indexing.
 */
export function fillHistory(dataDir: string, count: number, onProgress?: (done: number) => void): number {
  const opened = openStore({ dataDir });
  if (!opened.ok) throw new Error(JSON.stringify(opened));
  const store = opened.value;
  const start = Date.now() - count * 1000;
  try {
    for (let done = 0; done < count; done += BATCH) {
      const batch: NewCall[] = [];
      for (let i = done; i < Math.min(count, done + BATCH); i++) batch.push(benchCall(i, start + i * 1000));
      store.calls.insert(batch);
      onProgress?.(Math.min(count, done + BATCH));
    }
    const cpu = process.cpuUsage();
    store.textIndex.catchUp();
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / 1e6;
  } finally {
    store.close();
  }
}
