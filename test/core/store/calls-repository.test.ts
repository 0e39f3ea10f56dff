import { describe, expect, it } from 'vitest';
import type { CallQuery, CallSource, SignatureReport, Verdict } from '../../../main/contract/api';
import type { Store } from '../../../main/core/store/open-store';
import { summaryOf } from '../../../main/core/store/calls-insert';
import { call, report, storePerTest } from './calls-repository-setup';

let store: Store;
storePerTest((opened) => (store = opened));

describe('CallsRepository', () => {
  it('stores a call with its raw bytes and reads it back', () => {
    const body = Buffer.from([0x7b, 0xff, 0x7d]);
    const id = store.calls.insert(
      call({
        requestBody: body,
        requestHeaders: [
          ['X-Odd-Case', 'v'],
          ['x-odd-case', 'w'],
        ],
      }),
    );
    const stored = store.calls.get(id);
    expect(stored?.requestBody.equals(body)).toBe(true);
    expect(stored?.requestHeaders).toEqual([
      ['X-Odd-Case', 'v'],
      ['x-odd-case', 'w'],
    ]);
    expect(stored?.response.body.toString()).toBe('{"result":"ok","error":""}');
    expect(stored?.signature.styles[0]).not.toHaveProperty('canonical');
    expect(store.calls.get(id + 1)).toBeNull();
  });

  it("gives a failed signature's cause on the history line, as stored, as listed and as told live", () => {
    const cause = { code: 'body-reformatted', message: 'The body has whitespace between tokens.', hint: 'Forward it byte for byte.' };
    const old = { code: 'timestamp-old', message: "The call's timestamp is 400 s old.", hint: 'Check the clock.' };
    const failed = (verdict: Verdict, diagnosis: SignatureReport['diagnosis']) => call({ signature: { ...report(verdict), diagnosis } });
    const calls = [
      // The timestamp remark comes first here: the cause is still the one said, never the remark.
      failed('invalid', [old, cause]),
      failed('missing', [{ code: 'missing-signature', message: 'The body has no "signature" member.', hint: 'Sign it.' }]),
      failed('no-key', [{ code: 'no-key', message: 'No HMAC key is set.', hint: 'Set it.' }]),
      failed('valid', [old]),
    ];
    const expected = [
      { code: cause.code, message: cause.message },
      { code: 'missing-signature', message: 'The body has no "signature" member.' },
      null,
      null,
    ];
    const ids = calls.map((one) => store.calls.insert(one));
    expect(ids.map((id, i) => summaryOf(calls[i]!, id).signatureDiagnosis)).toEqual(expected);
    expect(ids.map((id) => store.calls.summary(id)?.signatureDiagnosis)).toEqual(expected);
    expect(ids.map((id) => store.calls.get(id)?.signatureDiagnosis)).toEqual(expected);
    expect(store.calls.list({}).calls.map((c) => c.signatureDiagnosis)).toEqual([...expected].reverse());
  });

  it('pages newest first with a cursor', () => {
    const ids = Array.from({ length: 7 }, (_, i) => store.calls.insert(call({ receivedAt: 1000 + i })));
    const first = store.calls.list({ limit: 3 });
    expect(first.calls.map((c) => c.id)).toEqual([ids[6], ids[5], ids[4]]);
    expect(first.nextBeforeId).toBe(ids[4]);
    const second = store.calls.list({ limit: 3, beforeId: first.nextBeforeId ?? undefined });
    expect(second.calls.map((c) => c.id)).toEqual([ids[3], ids[2], ids[1]]);
    const last = store.calls.list({ limit: 3, beforeId: second.nextBeforeId ?? undefined });
    expect(last.calls.map((c) => c.id)).toEqual([ids[0]]);
    expect(last.nextBeforeId).toBeNull();
  });

  it('lists only the calls above afterId, searched by their bodies, indexed or not', () => {
    const body = (text: string) => Buffer.from(JSON.stringify({ action_name: 'send_email', parameters: { q: text } }));
    const ids = store.calls.insert(
      ['order_id 1', 'nothing', 'order_id 2', 'nothing', 'order_id 3'].map((q) => call({ requestBody: body(q) })),
    );
    store.textIndex.catchUp();
    const [more] = store.calls.insert([call({ requestBody: body('order_id 4') })]);
    const listed = (query: CallQuery) => store.calls.list(query).calls.map((c) => c.id);
    expect(listed({ text: 'order_id' })).toEqual([more, ids[4], ids[2], ids[0]]);
    // The calls just told of: which of ids[1..4] and the one not indexed yet match.
    expect(listed({ text: 'order_id', afterId: ids[0]!, beforeId: more! + 1 })).toEqual([more, ids[4], ids[2]]);
    expect(listed({ text: 'order_id', afterId: ids[2]!, beforeId: ids[4]! })).toEqual([]);
    expect(listed({ afterId: ids[3]! })).toEqual([more, ids[4]]);
    expect(listed({ afterId: more! })).toEqual([]);
  });

  it('caps the page size', () => {
    for (let i = 0; i < 3; i++) store.calls.insert(call());
    expect(store.calls.list({ limit: 0 }).calls).toHaveLength(1);
    expect(store.calls.list({ limit: 10_000 }).calls).toHaveLength(3);
  });

  it('filters by action, verdict, status class, test flag, time and text, combined', () => {
    store.calls.insert(call({ action: 'a', receivedAt: 10 }));
    store.calls.insert(call({ action: 'b', signature: report('invalid'), receivedAt: 20 }));
    store.calls.insert(call({ action: 'b', test: true, receivedAt: 30, response: { status: 500, headers: [], body: Buffer.alloc(0) } }));
    store.calls.insert(call({ action: 'b', requestBody: Buffer.from('{"x":"100% _odd_"}'), receivedAt: 40 }));
    const actions = (query: object) => store.calls.list(query).calls.map((c) => `${c.action}@${c.receivedAt}`);
    expect(actions({ action: 'a' })).toEqual(['a@10']);
    expect(actions({ verdict: 'invalid' })).toEqual(['b@20']);
    expect(actions({ statusClass: '5xx' })).toEqual(['b@30']);
    expect(actions({ test: true })).toEqual(['b@30']);
    expect(actions({ test: false, action: 'b' })).toEqual(['b@40', 'b@20']);
    expect(actions({ since: 20, until: 30 })).toEqual(['b@30', 'b@20']);
    // % and _ are literal characters in a search, not wildcards.
    expect(actions({ text: '100% _odd_' })).toEqual(['b@40']);
    expect(actions({ text: '100%_' })).toEqual([]);
  });

  it('counts totals, failures and calls per action', () => {
    store.calls.insert(call({ action: 'a' }));
    store.calls.insert(call({ action: 'b', signature: report('invalid') }));
    store.calls.insert(call({ action: 'b', response: { status: 400, headers: [], body: Buffer.alloc(0) } }));
    store.calls.insert(call({ action: null, signature: report('not-flowent') }));
    expect(store.calls.stats({})).toEqual({
      total: 4,
      failures: 3,
      perAction: [
        { action: 'b', count: 2 },
        { action: 'a', count: 1 },
      ],
      countedUpTo: 4,
      nextBeforeId: null,
    });
    expect(store.calls.stats({ action: 'a' })).toEqual({
      total: 1,
      failures: 0,
      perAction: [{ action: 'a', count: 1 }],
      countedUpTo: 4,
      nextBeforeId: null,
    });
  });

  it('keeps the unfiltered counts (from triggers) equal to a full count, through inserts and deletes', () => {
    const verdicts: Verdict[] = ['valid', 'invalid', 'missing', 'not-flowent', 'unsigned-test', 'no-key'];
    const sources: CallSource[] = ['flowent', 'flowent', 'replay', 'simulator', 'import'];
    for (let i = 0; i < 60; i++) {
      store.calls.insert(
        call({
          action: i % 7 === 0 ? null : `action_${i % 4}`,
          signature: report(verdicts[i % verdicts.length]!),
          response: { status: [200, 400, 500, 201][i % 4]!, headers: [], body: Buffer.alloc(0) },
          source: sources[i % sources.length]!,
        }),
      );
    }
    // since: 0 matches every call but takes the scanning path: the two must agree.
    const scanned = store.calls.stats({ since: 0 });
    expect(store.calls.stats({})).toEqual(scanned);
    expect(scanned.total).toBe(60);
    // A filter by action alone reads the same totals.
    for (const action of ['action_0', 'action_1', 'action_2', 'action_3', 'none_such']) {
      expect(store.calls.stats({ action }), action).toEqual(store.calls.stats({ action, since: 0 }));
    }
    expect(store.calls.stats({ action: 'action_1' }).total).toBeGreaterThan(0);
    store.calls.clear();
    expect(store.calls.stats({})).toEqual({ total: 0, failures: 0, perAction: [], countedUpTo: 0, nextBeforeId: null });
  });

  it('clears the history and says how many calls went', () => {
    store.calls.insert(call());
    store.calls.insert(call());
    expect(store.calls.clear()).toBe(2);
    expect(store.calls.list({}).calls).toEqual([]);
  });
});
