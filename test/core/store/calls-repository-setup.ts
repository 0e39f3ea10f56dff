/** Shared setup of the calls repository's tests: a history on a real SQLite file per test, and the calls put in it. */
import { afterEach, beforeEach } from 'vitest';
import type { SignatureReport, Verdict } from '../../../main/contract/api';
import type { NewCall } from '../../../main/core/store/calls-insert';
import { openStore, type Store } from '../../../main/core/store/open-store';
import { storedCall } from '../../helpers/new-call';
import { makeTempDir } from '../../helpers/temp-dir';

/** Opens a fresh history in a new data folder before each test, hands it to `use`, and closes and removes both after it. */
export function storePerTest(use: (store: Store) => void): void {
  let store: Store | undefined;
  let dir: { path: string; remove: () => void } | undefined;
  beforeEach(() => {
    dir = makeTempDir();
    const opened = openStore({ dataDir: dir.path });
    if (!opened.ok) throw new Error(JSON.stringify(opened));
    store = opened.value;
    use(store);
  });
  afterEach(async () => {
    await store?.close();
    dir?.remove();
  });
}

/** A signature report of `verdict`, with a canonical text the store must not keep. */
export function report(verdict: Verdict): SignatureReport {
  return {
    verdict,
    style: verdict === 'valid' ? 'python' : null,
    received: null,
    styles: [{ style: 'python', label: 'Python', expected: 'ab', matched: verdict === 'valid', canonical: 'SHOULD NOT BE STORED' }],
    diagnosis: [],
    timestamp: { value: 1, ageSeconds: 0, flag: 'ok' },
  };
}

/** A valid send_email call whose body has a text to search for, answered 200; overrides change any part. */
export function call(overrides: Partial<NewCall> = {}): NewCall {
  return storedCall({
    requestBody: Buffer.from('{"action_name":"send_email","parameters":{"q":"needle 100%"}}'),
    bodySize: 61,
    signature: report('valid'),
    response: { status: 200, headers: [['Content-Type', 'application/json']], body: Buffer.from('{"result":"ok","error":""}') },
    durationMs: 1.25,
    ...overrides,
  });
}
