import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NewCall } from '../../../main/core/store/calls-insert';
import { migrate } from '../../../main/core/store/migrations';
import { openStore } from '../../../main/core/store/open-store';
import { cleanupsPerTest } from '../../helpers/cleanups-per-test';
import { storedCall } from '../../helpers/new-call';

const { tempDir } = cleanupsPerTest();

function forwardedTo(forwardTarget: string | null): NewCall {
  return storedCall({
    answeredBy: 'forward',
    checks: { violations: [], forwardTarget, forwardError: null, registrationWouldPass: null, handlerSignature: null, handlerTarget: null },
  });
}

describe("a call's forward target in the history", () => {
  it('is stored with its password (or a token given alone) as ***, the address kept', async () => {
    const dir = tempDir();
    const opened = openStore({ dataDir: dir });
    if (!opened.ok) throw new Error(JSON.stringify(opened));
    const store = opened.value;
    const withPassword = store.calls.insert(forwardedTo('http://user:targetPWsecret@127.0.0.1:8000/actions/{action_name}'));
    const withToken = store.calls.insert(forwardedTo('https://tokenONLYsecret@handler.example/actions/send_email'));
    const plain = store.calls.insert(forwardedTo('http://127.0.0.1:8000/actions/send_email'));
    const none = store.calls.insert(forwardedTo(null));
    expect(store.calls.get(withPassword)?.forwardTarget).toBe('http://user:***@127.0.0.1:8000/actions/{action_name}');
    expect(store.calls.get(withToken)?.forwardTarget).toBe('https://***@handler.example/actions/send_email');
    expect(store.calls.get(plain)?.forwardTarget).toBe('http://127.0.0.1:8000/actions/send_email');
    expect(store.calls.get(none)?.forwardTarget).toBeNull();
    await store.close();

    const raw = new Database(join(dir, 'history.sqlite'), { readonly: true });
    const stored = raw.prepare('SELECT forward_target FROM calls').pluck().all().join('\n');
    raw.close();
    expect(stored).not.toMatch(/targetPWsecret|tokenONLYsecret/);
  });

  it('15 -> 16 masks the passwords of the calls stored before', () => {
    const db = new Database(join(tempDir(), 'history.sqlite'));
    migrate(db, 15);
    const insert = db.prepare(
      "INSERT INTO calls (received_at, method, path, action, is_test, request_headers, request_body, body_size, verdict, signature_report, answered_by, response_status, response_headers, response_body, duration_ms, forward_target) VALUES (1, 'POST', '/actions/a', 'a', 0, '[]', x'7b7d', 2, 'valid', '{}', 'forward', 200, '[]', x'', 1, ?)",
    );
    insert.run('http://u:fwdPWsecret@127.0.0.1:8000/actions/{action_name}');
    insert.run('http://tokenONLYsecret@127.0.0.1:8000/actions/a');
    insert.run('http://127.0.0.1:8000/actions/a?to=me@example.com');
    insert.run(null);
    expect(migrate(db, 16)).toEqual({ ok: true, from: 15, to: 16 });
    expect(db.prepare('SELECT forward_target FROM calls ORDER BY id').pluck().all()).toEqual([
      'http://u:***@127.0.0.1:8000/actions/{action_name}',
      'http://***@127.0.0.1:8000/actions/a',
      'http://127.0.0.1:8000/actions/a?to=me@example.com',
      null,
    ]);
    db.close();
  });
});
