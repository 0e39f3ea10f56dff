import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The benchmark scripts run with tsx, outside vitest, and vitest refuses to be loaded by a script
// it does not run: no file they import, however deep, may import it (a helper that did stopped
// every benchmark at its first line).

const root = resolve(__dirname, '../..');
const benchDir = join(root, 'test/bench');

/** The test tree's files `file` imports by a relative path (type-only imports included: harmless, and rare). */
function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/(?:from|import|require\()\s*'(\.[^']+)'/g)) {
    const base = resolve(dirname(file), match[1]!);
    const path = ['', '.ts', '.cjs', '.mjs', '/index.ts'].map((ext) => base + ext).find((p) => existsSync(p) && !p.endsWith('/'));
    if (path && path.startsWith(join(root, 'test'))) found.push(path);
  }
  return found;
}

describe('the benchmark scripts', () => {
  it('import nothing that imports vitest', () => {
    const scripts = readdirSync(benchDir)
      .filter((name) => /\.(ts|cjs|mjs)$/.test(name))
      .map((name) => join(benchDir, name));
    const seen = new Set<string>();
    const work = [...scripts];
    const offenders: string[] = [];
    while (work.length > 0) {
      const file = work.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      if (/from 'vitest'|require\('vitest'\)/.test(readFileSync(file, 'utf8'))) offenders.push(relative(root, file));
      work.push(...relativeImports(file));
    }
    expect(scripts.length).toBeGreaterThan(5);
    expect(offenders).toEqual([]);
  });
});
