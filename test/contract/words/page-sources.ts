import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The page's source files whose names match `name` (all .ts and .tsx by default), text by path, under renderer/src. */
export function pageSources(name = /\.tsx?$/, folder = resolve(__dirname, '../../../renderer/src')): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) for (const [file, text] of pageSources(name, path)) files.set(file, text);
    else if (name.test(entry.name)) files.set(path, readFileSync(path, 'utf8'));
  }
  return files;
}
