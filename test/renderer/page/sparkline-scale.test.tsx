// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
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
