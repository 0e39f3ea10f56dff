// serve's lines for calls another command stored: held for a look so that a burst becomes one
// count line. An import's calls are held until its stores pause: a busy machine may delay the
// import's next slice past one look, and that must not split one import into single lines.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ElsewhereLines } from '../../main/cli/elsewhere-lines';
import { formatStoredElsewhere } from '../../main/cli/format-call';

let written: string[];
let lines: ElsewhereLines;

beforeEach(() => {
  vi.useFakeTimers();
  written = [];
  lines = new ElsewhereLines((line) => written.push(line));
});
afterEach(() => vi.useRealTimers());

describe('lines for calls stored elsewhere', () => {
  it("a send's call is printed after one look", () => {
    lines.call(['#1 sent']);
    vi.advanceTimersByTime(450);
    expect(written).toEqual(['#1 sent']);
  });

  it("an import's first calls wait for the rest when its next slice comes late, and are counted with them", () => {
    lines.call(['#1 imported'], true);
    lines.call(['#2 imported'], true);
    vi.advanceTimersByTime(700); // the import's next slice, late: past one look's hold
    expect(written).toEqual([]);
    lines.many(300);
    vi.advanceTimersByTime(1_100);
    expect(written).toEqual([formatStoredElsewhere(302)]);
  });

  it('counts found look after look are told in one line once the stores pause', () => {
    for (let look = 0; look < 8; look++) {
      lines.many(250);
      vi.advanceTimersByTime(250);
    }
    expect(written).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(written).toEqual([formatStoredElsewhere(2_000)]);
  });

  it('a few imported calls are still printed one by one once the import pauses', () => {
    lines.call(['#1 imported'], true);
    lines.call(['#2 imported'], true);
    vi.advanceTimersByTime(1_100);
    expect(written).toEqual(['#1 imported', '#2 imported']);
  });
});
