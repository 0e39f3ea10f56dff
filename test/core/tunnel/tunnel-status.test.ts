import { describe, expect, it } from 'vitest';
import type { TunnelFailure } from '../../../main/contract/api';
import { OFFLINE, type TunnelStatus } from '../../../main/core/tunnel/tunnel-provider';
import { backoffDelay, nextStatus, type TunnelEvent } from '../../../main/core/tunnel/tunnel-status';

const LOST: TunnelFailure = { code: 'tunnel-connection-lost' };
const URL_A = 'https://a.edge.test';

function run(events: TunnelEvent[], from: TunnelStatus = OFFLINE): TunnelStatus[] {
  const seen: TunnelStatus[] = [];
  let status = from;
  for (const event of events) {
    status = nextStatus(status, event);
    seen.push(status);
  }
  return seen;
}

describe('tunnel status machine', () => {
  it('open → online', () => {
    expect(run([{ type: 'open' }, { type: 'opened', url: URL_A }])).toEqual([
      { state: 'connecting', url: null, reason: null },
      { state: 'online', url: URL_A, reason: null },
    ]);
  });

  it('a failed open ends offline with the reason', () => {
    const reason: TunnelFailure = { code: 'tunnel-authtoken-invalid', ngrokCode: 'ERR_NGROK_105' };
    expect(run([{ type: 'open' }, { type: 'open-failed', reason }]).at(-1)).toEqual({ state: 'offline', url: null, reason });
  });

  it('lost keeps the last URL; retries carry attempt and time; rebuilt is online again', () => {
    const online: TunnelStatus = { state: 'online', url: URL_A, reason: null };
    const seen = run(
      [
        { type: 'lost', reason: LOST },
        { type: 'retry-scheduled', attempt: 1, at: 1_000, reason: LOST },
        { type: 'retry-scheduled', attempt: 2, at: 3_000, reason: { code: 'tunnel-unreachable', reason: 'x' } },
        { type: 'rebuilt', url: 'https://b.edge.test' },
      ],
      online,
    );
    expect(seen[0]).toEqual({ state: 'reconnecting', url: URL_A, reason: LOST });
    expect(seen[1]).toMatchObject({ state: 'reconnecting', url: URL_A, attempt: 1, nextRetryAt: 1_000 });
    expect(seen[2]).toMatchObject({ attempt: 2, nextRetryAt: 3_000, reason: { code: 'tunnel-unreachable' } });
    expect(seen[3]).toEqual({ state: 'online', url: 'https://b.edge.test', reason: null });
  });

  it('a first open that could not reach ngrok retries, with no URL yet, and comes online when a retry connects', () => {
    const unreachable: TunnelFailure = { code: 'tunnel-unreachable', reason: 'failed to establish tcp connection' };
    const seen = run([
      { type: 'open' },
      { type: 'open-retrying', attempt: 1, at: 1_000, reason: unreachable },
      { type: 'retry-scheduled', attempt: 2, at: 3_000, reason: unreachable },
      { type: 'rebuilt', url: URL_A },
    ]);
    expect(seen.slice(1)).toEqual([
      { state: 'reconnecting', url: null, reason: unreachable, attempt: 1, nextRetryAt: 1_000 },
      { state: 'reconnecting', url: null, reason: unreachable, attempt: 2, nextRetryAt: 3_000 },
      { state: 'online', url: URL_A, reason: null },
    ]);
    // Only an open in progress can start retrying; a late one after close or while online is ignored.
    const online: TunnelStatus = { state: 'online', url: URL_A, reason: null };
    expect(nextStatus(online, { type: 'open-retrying', attempt: 1, at: 1, reason: unreachable })).toBe(online);
    expect(nextStatus(OFFLINE, { type: 'open-retrying', attempt: 1, at: 1, reason: unreachable })).toBe(OFFLINE);
  });

  it('gave-up ends offline with the reason', () => {
    const reconnecting: TunnelStatus = { state: 'reconnecting', url: URL_A, reason: LOST, attempt: 3, nextRetryAt: 5 };
    const reason: TunnelFailure = { code: 'tunnel-authtoken-invalid', ngrokCode: 'ERR_NGROK_107' };
    expect(nextStatus(reconnecting, { type: 'gave-up', reason })).toEqual({ state: 'offline', url: null, reason });
  });

  it('ignores events that make no sense in the current state (late callbacks after close)', () => {
    for (const event of [
      { type: 'opened', url: URL_A },
      { type: 'lost', reason: LOST },
      { type: 'rebuilt', url: URL_A },
      { type: 'retry-scheduled', attempt: 1, at: 1, reason: LOST },
      { type: 'gave-up', reason: LOST },
    ] satisfies TunnelEvent[]) {
      expect(nextStatus(OFFLINE, event)).toBe(OFFLINE);
    }
    const connecting = nextStatus(OFFLINE, { type: 'open' });
    expect(nextStatus(connecting, { type: 'lost', reason: LOST })).toBe(connecting);
  });

  it('close always ends plain offline, and closing twice changes nothing', () => {
    const online: TunnelStatus = { state: 'online', url: URL_A, reason: null };
    const closed = nextStatus(online, { type: 'closed' });
    expect(closed).toEqual(OFFLINE);
    expect(nextStatus(closed, { type: 'closed' })).toBe(closed);
  });
});

describe('backoffDelay', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((attempt) => backoffDelay(attempt, 1_000, 30_000))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000,
    ]);
    expect(backoffDelay(10_000, 1_000, 30_000)).toBe(30_000);
    expect(backoffDelay(0, 1_000, 30_000)).toBe(1_000);
  });
});
