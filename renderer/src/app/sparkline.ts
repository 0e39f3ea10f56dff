export const SPARK_BUCKET_MS = 10_000;
export const SPARK_WINDOW_MS = 300_000;

/** Calls per 10 s over the last 5 minutes, oldest bucket first (30 buckets). */
export function sparkBuckets(times: Iterable<number>, now: number): number[] {
  const count = SPARK_WINDOW_MS / SPARK_BUCKET_MS;
  const buckets = new Array<number>(count).fill(0);
  const start = now - SPARK_WINDOW_MS;
  for (const t of times) {
    if (t < start || t > now) continue;
    const index = Math.min(count - 1, Math.floor((t - start) / SPARK_BUCKET_MS));
    buckets[index] = (buckets[index] ?? 0) + 1;
  }
  return buckets;
}

/** SVG polyline points for the buckets in a width x height box. */
export function sparkPoints(buckets: number[], width: number, height: number): string {
  const max = Math.max(1, ...buckets);
  const step = buckets.length > 1 ? width / (buckets.length - 1) : width;
  return buckets.map((v, i) => `${(i * step).toFixed(1)},${(height - 1 - (v / max) * (height - 2)).toFixed(1)}`).join(' ');
}
