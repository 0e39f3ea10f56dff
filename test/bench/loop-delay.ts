/**
 * Reads what loop-delay-preload.cjs wrote from inside a server process: the event loop's delay
 * and the GC pauses, per second, over the seconds a timed run covered.
 */
import { existsSync, readFileSync } from 'node:fs';

interface Second {
  at: number;
  p50: number;
  p99: number;
  max: number;
  gc: { minor: number; major: number; count: number; totalMs: number; maxMs: number };
}

export interface LoopDelay {
  seconds: number;
  /** Medians over the seconds of the per-second p50 and p99; the worst second's p99 and max. */
  p50Ms: number;
  p99Ms: number;
  worstP99Ms: number;
  maxMs: number;
  gcPauses: number;
  gcMajor: number;
  gcTotalMs: number;
  gcMaxMs: number;
  /** The per-second maxima, for spotting a periodic stall. */
  maxPerSecond: number[];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The seconds that ended within [fromMs, toMs] (wall clock), summed up; null when none were recorded. */
export function loopDelayOver(file: string, fromMs: number, toMs: number): LoopDelay | null {
  if (!existsSync(file)) return null;
  const seconds = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Second)
    // A second counts when it ended inside the run and began after it started.
    .filter((second) => second.at - 1000 >= fromMs - 50 && second.at <= toMs + 50);
  if (seconds.length === 0) return null;
  return {
    seconds: seconds.length,
    p50Ms: median(seconds.map((s) => s.p50)),
    p99Ms: median(seconds.map((s) => s.p99)),
    worstP99Ms: Math.max(...seconds.map((s) => s.p99)),
    maxMs: Math.max(...seconds.map((s) => s.max)),
    gcPauses: seconds.reduce((sum, s) => sum + s.gc.count, 0),
    gcMajor: seconds.reduce((sum, s) => sum + s.gc.major, 0),
    gcTotalMs: seconds.reduce((sum, s) => sum + s.gc.totalMs, 0),
    gcMaxMs: Math.max(...seconds.map((s) => s.gc.maxMs)),
    maxPerSecond: seconds.map((s) => s.max),
  };
}

export function loopDelayLine(label: string, delay: LoopDelay | null): string {
  if (!delay) return `${label}: no event-loop figures recorded`;
  return (
    `${label}: event loop delay per second p50 ${delay.p50Ms.toFixed(2)} ms, p99 ${delay.p99Ms.toFixed(2)} ms ` +
    `(worst second ${delay.worstP99Ms.toFixed(2)}), max ${delay.maxMs.toFixed(1)} ms over ${delay.seconds} s; ` +
    `GC ${delay.gcPauses} pauses (${delay.gcMajor} major), ${delay.gcTotalMs.toFixed(1)} ms in all, longest ${delay.gcMaxMs.toFixed(2)} ms; ` +
    `max per second [${delay.maxPerSecond.map((m) => m.toFixed(1)).join(' ')}]`
  );
}
