import { readFileSync, readdirSync } from 'node:fs';

/** One thread's CPU seconds and context switches so far, from /proc (Linux). */
export interface ThreadSample {
  name: string;
  user: number;
  system: number;
  voluntary: number;
  involuntary: number;
}

/** Every thread of `pid`, by thread id: name, CPU seconds and context switches so far. */
export function threads(pid: number): Map<string, ThreadSample> {
  const found = new Map<string, ThreadSample>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const status = readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8');
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      found.set(tid, {
        // Node names its threads `node` too: the main thread is the one whose id is the process's.
        name: tid === String(pid) ? 'main thread' : (/Name:\s+(.*)/.exec(status)?.[1] ?? '?'),
        user: Number(fields[11]) / 100,
        system: Number(fields[12]) / 100,
        voluntary: Number(/voluntary_ctxt_switches:\s+(\d+)/.exec(status)?.[1] ?? 0),
        involuntary: Number(/nonvoluntary_ctxt_switches:\s+(\d+)/.exec(status)?.[1] ?? 0),
      });
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return found;
}

/** Per thread name (threads of one name summed): what the run added, per call. */
export function threadLines(before: Map<string, ThreadSample>, after: Map<string, ThreadSample>, calls: number): string[] {
  const byName = new Map<string, { threads: number; user: number; system: number; voluntary: number; involuntary: number }>();
  for (const [tid, end] of after) {
    const start = before.get(tid) ?? { name: end.name, user: 0, system: 0, voluntary: 0, involuntary: 0 };
    const sum = byName.get(end.name) ?? { threads: 0, user: 0, system: 0, voluntary: 0, involuntary: 0 };
    sum.threads++;
    sum.user += end.user - start.user;
    sum.system += end.system - start.system;
    sum.voluntary += end.voluntary - start.voluntary;
    sum.involuntary += end.involuntary - start.involuntary;
    byName.set(end.name, sum);
  }
  return [...byName]
    .filter(([, sum]) => sum.user + sum.system > 0 || sum.voluntary > 0 || sum.involuntary > 0)
    .sort((a, b) => b[1].user + b[1].system - (a[1].user + a[1].system))
    .map(
      ([name, sum]) =>
        `  ${`${name} (${sum.threads})`.padEnd(24)} CPU user ${((sum.user * 1e6) / calls).toFixed(0).padStart(5)} µs, system ${((sum.system * 1e6) / calls).toFixed(0).padStart(5)} µs  woken ${(sum.voluntary / calls).toFixed(2).padStart(6)}  preempted ${(sum.involuntary / calls).toFixed(2).padStart(6)}  per call`,
    );
}
