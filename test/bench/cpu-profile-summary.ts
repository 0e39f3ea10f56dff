/**
 * The top self-time functions of a V8 CPU profile (`node --cpu-prof`), as the benchmark prints
 * them: share of the sampled time, milliseconds, and where the function is.
 *
 *   npx tsx test/bench/cpu-profile-summary.ts <file.cpuprofile> [--top 25]
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface SelfTime {
  name: string;
  where: string;
  ms: number;
  share: number;
}

/** Self time per function (summed over every node with the same name and place), largest first. */
export function selfTimes(profile: Profile): { total: number; rows: SelfTime[] } {
  const byNode = new Map<number, ProfileNode>(profile.nodes.map((node) => [node.id, node]));
  const microseconds = new Map<string, { name: string; where: string; us: number }>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    const node = byNode.get(id);
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName || '(anonymous)';
    const where = url ? `${basename(url)}:${lineNumber + 1}` : '';
    const key = `${name}@${where}`;
    const entry = microseconds.get(key) ?? { name, where, us: 0 };
    entry.us += delta;
    microseconds.set(key, entry);
    total += delta;
  });
  const rows = [...microseconds.values()]
    .map(({ name, where, us }) => ({ name, where, ms: us / 1000, share: total > 0 ? us / total : 0 }))
    .sort((a, b) => b.ms - a.ms);
  return { total: total / 1000, rows };
}

/** Busy time: everything but `(idle)`, the share each row is of it. */
export function summaryLines(file: string, top: number): string[] {
  const { total, rows } = selfTimes(JSON.parse(readFileSync(file, 'utf8')) as Profile);
  const idle = rows.find((row) => row.name === '(idle)')?.ms ?? 0;
  const busy = total - idle;
  const lines = [`profile ${basename(file)}: ${total.toFixed(0)} ms sampled, ${busy.toFixed(0)} ms busy (not idle)`];
  for (const row of rows.filter((r) => r.name !== '(idle)').slice(0, top)) {
    lines.push(`${((row.ms / busy) * 100).toFixed(1).padStart(6)}%  ${row.ms.toFixed(0).padStart(7)} ms  ${row.name}  ${row.where}`);
  }
  return lines;
}

if (require.main === module) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
  for (const file of positionals) console.log(summaryLines(file, Number(values.top)).join('\n'));
}
