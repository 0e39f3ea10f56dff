// Where a replay or a simulated call went (to a companion's webhook, and the handler that webhook
// forwarded it to) is stored with it since migration 22: the calls stored before read as before,
// with "not known", and a password in the handler's URL never reaches the file.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NewCall } from '../../../main/core/store/calls-insert';
import { migrate } from '../../../main/core/store/migrations';
import { openStore } from '../../../main/core/store/open-store';
import { cleanupsPerTest } from '../../helpers/cleanups-per-test';
import { storedCall } from '../../helpers/new-call';

const { tempDir } = cleanupsPerTest();

const WEBHOOK = 'http://127.0.0.1:8787/actions/send_email';

function opened(dataDir: string) {
  const store = openStore({ dataDir });
  if (!store.ok) throw new Error(JSON.stringify(store));
  return store.value;
}

describe("a sent call's route in the history", () => {
  it('21 -> 22: the calls of an old data folder read as before, the route not known, no row rewritten', async () => {
    const dir = tempDir();
    const db = new Database(join(dir, 'history.sqlite'));
    migrate(db, 21);
    db.prepare(
      "INSERT INTO calls (received_at, method, path, action, is_test, request_headers, request_body, body_size, verdict, signature_report, answered_by, response_status, response_headers, response_body, duration_ms, source, forward_target, forward_error, handler_signature, handler_target) VALUES (1, 'POST', '/actions/send_email', 'send_email', 0, '[]', x'7b7d', 2, 'valid', '{}', 'forward-error', 502, '[]', x'', 1.5, 'replay', ?, 'refused', NULL, NULL)",
    ).run(WEBHOOK);
    const changesBefore = db.prepare('SELECT total_changes()').pluck().get() as number;
    expect(migrate(db, 22)).toEqual({ ok: true, from: 21, to: 22 });
    // Columns added, no row written: a history of millions of calls opens as fast.
    expect(db.prepare('SELECT total_changes()').pluck().get()).toBe(changesBefore);
    db.close();

    const store = opened(dir);
    expect(store.calls.get(1)).toMatchObject({
      source: 'replay',
      answeredBy: 'forward-error',
      status: 502,
      forwardTarget: WEBHOOK,
      forwardError: 'refused',
      throughWebhook: null,
      webhookForwardedTo: null,
    });
    await store.close();
  });

  it('keeps whether a call went through a webhook and where it forwarded it, its password as ***', async () => {
    const dir = tempDir();
    const store = opened(dir);
    const sent = (sentRoute: NewCall['sentRoute']) =>
      store.calls.insert(storedCall({ source: 'replay', answeredBy: 'forward-error', sentRoute }));
    const behind = sent({ throughWebhook: true, webhookForwardedTo: 'http://deploy:routePWsecret@127.0.0.1:8099/actions/send_email' });
    const mocked = sent({ throughWebhook: true, webhookForwardedTo: null });
    const straight = sent({ throughWebhook: false, webhookForwardedTo: null });
    const received = store.calls.insert(storedCall());
    expect(store.calls.get(behind)).toMatchObject({
      throughWebhook: true,
      webhookForwardedTo: 'http://deploy:***@127.0.0.1:8099/actions/send_email',
    });
    expect(store.calls.get(mocked)).toMatchObject({ throughWebhook: true, webhookForwardedTo: null });
    expect(store.calls.get(straight)).toMatchObject({ throughWebhook: false, webhookForwardedTo: null });
    expect(store.calls.get(received)).toMatchObject({ throughWebhook: null, webhookForwardedTo: null });
    await store.close();

    const raw = new Database(join(dir, 'history.sqlite'), { readonly: true });
    expect(raw.prepare('SELECT webhook_forwarded_to FROM calls').pluck().all().join('\n')).not.toContain('routePWsecret');
    raw.close();
  });
});
