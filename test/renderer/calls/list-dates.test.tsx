// @vitest-environment happy-dom
import { afterEach, expect, it, vi } from 'vitest';
import { act, cleanup, render } from '@testing-library/react';
import { CallList } from '../../../renderer/src/calls/CallList';
import { useCallsStore } from '../../../renderer/src/history/calls-store';
import { resetStores } from '../../../renderer/src/page/stores';
import { callSummary } from '../call-summary';

// A page left open overnight dates yesterday's calls at midnight, though no call arrives to
// draw the list again: they do not pass for today's.
afterEach(() => {
  cleanup();
  resetStores();
  vi.useRealTimers();
});

it("gives yesterday's rows their date at midnight, with nothing arriving", () => {
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  vi.setSystemTime(new Date(2026, 2, 14, 23, 59, 59, 0));
  const receivedAt = new Date(2026, 2, 14, 23, 59, 58, 250).getTime();
  useCallsStore.setState({ calls: [callSummary({ id: 1, receivedAt })], loaded: true, loading: 'idle', nextBeforeId: null });
  render(<CallList />);
  const time = () => document.querySelector('[data-call-id="1"] .col-time')?.textContent;
  expect(time()).toBe('23:59:58.250');
  act(() => vi.advanceTimersByTime(2_000));
  expect(time()).toMatch(/14.* 23:59$/);
});
