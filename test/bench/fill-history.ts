import type { SignatureReport, Verdict } from '../../main/contract/api';
import { openStore } from '../../main/core/store/open-store';

const ACTIONS = ['send_email', 'create_ticket', 'lookup_order', 'book_meeting', 'refund_payment'];
const VERDICTS: Verdict[] = ['valid', 'valid', 'valid', 'valid', 'invalid', 'missing', 'unsigned-test'];

/**
 * Writes `count` realistic calls straight into a history folder, in one transaction per
 * 10,000 rows, for benchmarks that need a big history.
 */
export function fillHistory(dataDir: string, count: number): void {
  const opened = openStore({ dataDir });
  if (!opened.ok) throw new Error(opened.message);
  const store = opened.value;
  const start = Date.now() - count * 1000;
  const batch = 10_000;
  // better-sqlite3's transaction wrapper needs the db; insert through the repository in chunks.
  for (let done = 0; done < count; done += batch) {
    for (let i = done; i < Math.min(count, done + batch); i++) {
      const action = ACTIONS[i % ACTIONS.length] ?? 'send_email';
      const verdict = VERDICTS[i % VERDICTS.length] ?? 'valid';
      const body = JSON.stringify({
        action_name: action,
        parameters: { recipient: `user${i}@example.com`, subject: `Order ${i}`, body: 'Hello from the benchmark' },
        timestamp: Math.floor((start + i * 1000) / 1000),
        signature: 'ab'.repeat(32),
      });
      const report: SignatureReport = {
        verdict,
        style: verdict === 'valid' ? 'python' : null,
        received: 'ab'.repeat(32),
        styles: [],
        diagnosis: [],
        timestamp: { value: Math.floor((start + i * 1000) / 1000), ageSeconds: 0, flag: 'ok' },
      };
      store.calls.insert({
        receivedAt: start + i * 1000,
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
        response: { status: 200, headers: [['Content-Type', 'application/json']], body: Buffer.from('{"result":"ok","error":""}') },
        durationMs: 0.5,
        source: 'flowent',
        originalCallId: null,
      });
    }
  }
  store.close();
}
