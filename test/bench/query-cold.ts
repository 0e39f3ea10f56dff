import { execFileSync, spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { CallFilter } from '../../main/contract/api';
import type { QueryKind } from './query-kinds';

/** One query of the matrix to time again in a process of its own. */
export interface ColdSample {
  label: string;
  kind: QueryKind;
  filter: CallFilter;
  /** The deep page's cursor, as the warm run followed it. */
  beforeId?: number;
}

export interface ColdFigure {
  /** A fresh process, the history file in the operating system's cache. */
  freshProcess: { ms: number; result: string };
  /** A fresh process after the operating system's file cache was dropped: every page read from disk. */
  droppedCache: { ms: number; result: string };
}

const QUERY_ONCE = join(__dirname, 'query-once.ts');

/**
 * Empties the operating system's file cache (Linux, as root): what a history not read for a
 * while, or pushed out by other work, costs to read. Slows every process on the machine for a
 * moment, so the samples run one after another in a single batch.
 */
export function dropFileCache(): void {
  execFileSync('sh', ['-c', 'sync; echo 1 > /proc/sys/vm/drop_caches']);
}

function once(file: string, sample: ColdSample): { ms: number; result: string } {
  const args = [file, sample.kind, JSON.stringify(sample.filter), ...(sample.beforeId !== undefined ? [String(sample.beforeId)] : [])];
  const child = spawnSync(process.execPath, ['--import', 'tsx', QUERY_ONCE, ...args], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`query-once failed for ${sample.label} (${sample.kind}): ${child.stderr}`);
  const lines = child.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as { ms: number; result: string };
}

/**
 * Each sample in a fresh process (all of them first, while the file is still in the cache the
 * warm run filled), then each again in a fresh process after the file cache is dropped.
 */
export function measureCold(file: string, samples: ColdSample[]): ColdFigure[] {
  const load = () => loadavg()[0]!.toFixed(2);
  console.log(`cold: ${samples.length} samples in fresh processes (load ${load()})`);
  const fresh = samples.map((sample) => once(file, sample));
  console.log(`cold: the same after dropping the file cache before each (load ${load()})`);
  return samples.map((sample, at) => {
    if (at % 10 === 9) console.log(`  ${at + 1} dropped-cache samples (load ${load()})`);
    dropFileCache();
    return { freshProcess: fresh[at]!, droppedCache: once(file, sample) };
  });
}
