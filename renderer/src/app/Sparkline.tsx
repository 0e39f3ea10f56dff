import { useEffect, useState } from 'react';
import { requestRateWords } from '../../../main/contract/words';
import { sparkBuckets, sparkPoints } from './sparkline';
import { arrivals } from '../page/stores';
import { useCallsStore } from '../history/calls-store';

const WIDTH = 120;
const HEIGHT = 24;

function compute(): number[] {
  const now = Date.now();
  const seen = new Map<number, number>();
  for (const a of arrivals.times) seen.set(a.id, a.at);
  // Loaded calls are newest first: stop at the first one outside the window.
  for (const c of useCallsStore.getState().calls) {
    if (c.receivedAt < now - 300_000) break;
    seen.set(c.id, c.receivedAt);
  }
  return sparkBuckets(seen.values(), now);
}

const isFlat = (buckets: number[]) => buckets.every((count) => count === 0);

/** How often a busy line is redrawn: on its own clock, not per event, so a burst costs no frames. */
const BUSY_REDRAW_MS = 2000;
/**
 * How soon a flat line shows the first calls: redrawn each 2 s, it said "none in 5 min" for up
 * to 2 s beside a list and a count that had the calls already. Reading an empty window is cheap.
 */
const QUIET_REDRAW_MS = 250;

/** Calls per 10 s over the last 5 minutes; redrawn on its own clock, not per event. */
export function Sparkline() {
  const [buckets, setBuckets] = useState(compute);
  useEffect(() => {
    let drawnAt = Date.now();
    let quiet = isFlat(compute());
    const redraw = () => {
      const next = compute();
      drawnAt = Date.now();
      quiet = isFlat(next);
      setBuckets(next);
    };
    // A first redraw soon after mount picks up the first page; then the clock.
    const first = setTimeout(redraw, 500);
    const timer = setInterval(() => {
      if (quiet || Date.now() - drawnAt >= BUSY_REDRAW_MS) redraw();
    }, QUIET_REDRAW_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, []);
  const total = buckets.reduce((a, b) => a + b, 0);
  const peak = Math.max(0, ...buckets);
  const rate = requestRateWords(total, peak);
  return (
    <div className="sparkline-box" role="img" aria-label={rate.label} title={rate.title}>
      <svg className="sparkline" width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true">
        <line x1="0" y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} className="spark-axis" />
        <polyline points={sparkPoints(buckets, WIDTH, HEIGHT)} fill="none" stroke="currentColor" strokeWidth="1.5" />
      </svg>
      {/* The axis: the busiest 10 s at the top, the window's length below; a flat line says nothing, so words do. */}
      <span className="spark-scale" aria-hidden="true">
        {peak === 0 ? (
          <span className="spark-quiet">none in 5 min</span>
        ) : (
          <>
            <span>{peak} per 10 s</span>
            <span>last 5 min</span>
          </>
        )}
      </span>
    </div>
  );
}
