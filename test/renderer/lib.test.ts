// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { firstDifference, hexDump } from '../../renderer/src/shared/bytes';
import { EMPTY_FILTER, filterFromSearch, filterToSearch, matchesFilter, toCallFilter } from '../../renderer/src/history/filter-state';
import { prettyTokens, tokenizeJson } from '../../renderer/src/shared/json-tokens';
import { sparkBuckets } from '../../renderer/src/app/sparkline';
import { callSummary } from './call-summary';

afterEach(() => {
  vi.useRealTimers();
});

describe('json tokens', () => {
  it('classifies keys and values and keeps literals as written', () => {
    const tokens = tokenizeJson('{"a":[1.0,-2e5,"x\\"y",true,null],"b":{}}')!;
    const solid = tokens.filter((t) => t.kind !== 'space' && t.kind !== 'punct');
    expect(solid.map((t) => `${t.kind}:${t.text}`)).toEqual([
      'key:"a"',
      'number:1.0',
      'number:-2e5',
      'string:"x\\"y"',
      'literal:true',
      'literal:null',
      'key:"b"',
    ]);
    expect(
      prettyTokens(tokens)
        .map((t) => t.text)
        .join(''),
    ).toBe('{\n  "a": [\n    1.0,\n    -2e5,\n    "x\\"y",\n    true,\n    null\n  ],\n  "b": {}\n}');
  });

  it('refuses what is not JSON', () => {
    expect(tokenizeJson('hello')).toBeNull();
    expect(tokenizeJson('{"a":1')).toBeNull();
    expect(tokenizeJson('{"a":1]')).toBeNull();
    expect(tokenizeJson('')).toBeNull();
  });
});

describe('filter state', () => {
  it('round-trips through the query string', () => {
    const state = {
      ...EMPTY_FILTER,
      action: 'send_email',
      verdict: 'invalid' as const,
      statusClass: '4xx' as const,
      test: 'none' as const,
      text: 'a&b',
    };
    expect(filterToSearch(state)).toBe('action=send_email&verdict=invalid&status=4xx&test=none&text=a%26b');
    expect(filterFromSearch('?' + filterToSearch(state))).toEqual(state);
    expect(filterFromSearch('?verdict=bogus&status=9xx&test=maybe')).toEqual(EMPTY_FILTER);
    // A link's search longer than the core takes is cut where the search box cuts one.
    expect(filterFromSearch(`?text=${'x'.repeat(1500)}`).text).toBe('x'.repeat(1000));
  });

  it('matches new calls client-side, ignoring text', () => {
    const call = callSummary({ id: 1, action: 'a', status: 404, test: true, receivedAt: 1000 });
    expect(matchesFilter(call, toCallFilter({ ...EMPTY_FILTER, statusClass: '4xx', test: 'only' }, 0))).toBe(true);
    expect(matchesFilter(call, toCallFilter({ ...EMPTY_FILTER, test: 'none' }, 0))).toBe(false);
    expect(matchesFilter(call, toCallFilter({ ...EMPTY_FILTER, action: 'b' }, 0))).toBe(false);
    expect(matchesFilter(call, toCallFilter({ ...EMPTY_FILTER, range: 'custom', since: 2000, until: null }, 0))).toBe(false);
    expect(matchesFilter(call, toCallFilter({ ...EMPTY_FILTER, range: '5m' }, 1000 + 299_000))).toBe(true);
  });
});

describe('bytes', () => {
  it('finds the first difference', () => {
    expect(firstDifference('abc', 'abc')).toBe(-1);
    expect(firstDifference('abc', 'abd')).toBe(2);
    expect(firstDifference('ab', 'abc')).toBe(2);
  });
  it('dumps hex with offsets and ASCII', () => {
    expect(hexDump(new TextEncoder().encode('{"a":1}\n')).text).toBe(`00000000  ${'7b 22 61 22 3a 31 7d 0a'.padEnd(47)}  {"a":1}.`);
  });
});

describe('sparkline buckets', () => {
  it('counts calls per 10 s over 5 minutes', () => {
    const now = 1_000_000;
    const b = sparkBuckets([now, now - 5_000, now - 15_000, now - 299_999, now - 400_000], now);
    expect(b).toHaveLength(30);
    expect(b[29]).toBe(2);
    expect(b[28]).toBe(1);
    expect(b[0]).toBe(1);
    expect(b.reduce((x, y) => x + y, 0)).toBe(4);
  });
});
