import { chmodSync, cpSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeTempDir } from './temp-dir';

const CHECKOUT = resolve(__dirname, '../..');

/** The packages the built command loads at run time: package.json's dependencies and theirs. */
function runtimePackages(): string[] {
  const found = new Set<string>();
  const pending = Object.keys(readPackage(CHECKOUT).dependencies ?? {});
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    const folder = join(CHECKOUT, 'node_modules', name);
    if (found.has(name) || !existsSync(folder)) continue;
    found.add(name);
    const manifest = readPackage(folder);
    pending.push(...Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies }));
  }
  return [...found];
}

function readPackage(folder: string): { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> } {
  return JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as ReturnType<typeof readPackage>;
}

/**
 * The built command and the packages it loads, copied to a folder every user may read, as an
 * installed package would be: a checkout in a private folder (mktemp -d's 0700) cannot be run
 * by another user. Returns the copy's bin and a function that removes the copy.
 */
export function commandCopyEveryoneReads(): { bin: string; remove: () => void } {
  const copy = makeTempDir('fc-command-');
  chmodSync(copy.path, 0o755);
  cpSync(join(CHECKOUT, 'out', 'main'), join(copy.path, 'out', 'main'), { recursive: true });
  for (const name of runtimePackages()) {
    cpSync(join(CHECKOUT, 'node_modules', name), join(copy.path, 'node_modules', name), { recursive: true, dereference: true });
  }
  const bin = join(copy.path, 'out', 'main', 'cli.js');
  chmodSync(bin, 0o755);
  return { bin, remove: copy.remove };
}
