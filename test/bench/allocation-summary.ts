/**
 * The functions that allocate the most, from a sampled allocation profile written by
 * allocation-preload.cjs: bytes per function (self), and per call when the calls are known.
 *
 *   npx tsx test/bench/allocation-summary.ts <file.json> [--calls N] [--top 25]
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';

interface AllocationNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: AllocationNode[];
}

export function allocationLines(file: string, calls: number, top: number): string[] {
  const root = (JSON.parse(readFileSync(file, 'utf8')) as { head: AllocationNode }).head;
  const bytes = new Map<string, number>();
  let total = 0;
  const walk = (node: AllocationNode) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'}  ${url ? `${basename(url)}:${lineNumber + 1}` : ''}`;
    bytes.set(key, (bytes.get(key) ?? 0) + node.selfSize);
    total += node.selfSize;
    node.children.forEach(walk);
  };
  walk(root);
  const perCall = (value: number) => (calls > 0 ? `${(value / calls / 1024).toFixed(1).padStart(6)} KB/call` : '');
  const lines = [`allocated (sampled) ${(total / 1024 / 1024).toFixed(1)} MB ${perCall(total)}`];
  for (const [key, value] of [...bytes].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    lines.push(`${((value / total) * 100).toFixed(1).padStart(6)}%  ${perCall(value)}  ${key}`);
  }
  return lines;
}

if (require.main === module) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string', default: '25' }, calls: { type: 'string', default: '0' } },
  });
  for (const file of positionals) console.log(allocationLines(file, Number(values.calls), Number(values.top)).join('\n'));
}
