// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render } from '@testing-library/react';
import { Sparkline } from '../../../renderer/src/app/Sparkline';
import { arrivals } from '../../../renderer/src/page/stores';

afterEach(() => {
  arrivals.times = [];
});

const scale = (container: HTMLElement) => Array.from(container.querySelectorAll('.spark-scale > span'), (s) => s.textContent);

describe("the header's request rate", () => {
  it('says no call came in the last 5 minutes in words, not as a scale of 0 to 0', () => {
    const { container } = render(<Sparkline />);
    expect(scale(container)).toEqual(['none in 5 min']);
  });

  it('labels its scale with the busiest 10 seconds and the window it covers', () => {
    const now = Date.now();
    arrivals.times = [1, 2, 3].map((id) => ({ id, at: now - 1_000 }));
    const { container } = render(<Sparkline />);
    expect(scale(container)).toEqual(['3 per 10 s', 'last 5 min']);
  });
});

describe("the header's request rate, as the first calls come", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows them within a quarter second, not "none in 5 min" beside a count that has them', () => {
    vi.useFakeTimers();
    const { container } = render(<Sparkline />);
    act(() => vi.advanceTimersByTime(600));
    expect(scale(container)).toEqual(['none in 5 min']);
    arrivals.times = [{ id: 1, at: Date.now() }];
    act(() => vi.advanceTimersByTime(300));
    expect(scale(container)).toEqual(['1 per 10 s', 'last 5 min']);
  });

  it('redraws a busy line on its slow clock, not at every call', () => {
    vi.useFakeTimers();
    arrivals.times = [{ id: 1, at: Date.now() }];
    const { container } = render(<Sparkline />);
    act(() => vi.advanceTimersByTime(600));
    arrivals.times = [1, 2, 3].map((id) => ({ id, at: Date.now() }));
    act(() => vi.advanceTimersByTime(1000));
    expect(scale(container)).toEqual(['1 per 10 s', 'last 5 min']);
    act(() => vi.advanceTimersByTime(1500));
    expect(scale(container)).toEqual(['3 per 10 s', 'last 5 min']);
  });
});
