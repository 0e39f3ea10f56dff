// The page (the built renderer) and the preload never ship zod: the argument schemas are for the
// core and the transports, and the contract's files that the page imports take them as types
// only. Read from the build the suite runs against (test/helpers/fresh-build.ts).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir';

const OUT = resolve(__dirname, '../../out');

/** What zod leaves in a bundle, minified or not: its class names, or a require of it. */
const ZOD_MARKS = /\$Zod[A-Z]\w*|\bZodError\b|require\(["']zod["']\)|from\s*["']zod["']/;

function scripts(folder: string): { file: string; text: string }[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.[cm]?js$/.test(file))
    .map((file) => ({ file, text: readFileSync(join(folder, file), 'utf8') }));
}

const temp = makeTempDir();
afterAll(() => temp.remove());

describe('zod stays out of the page', () => {
  it('is in none of the built page’s scripts, nor in the preload', () => {
    const page = scripts(join(OUT, 'renderer'));
    const preload = scripts(join(OUT, 'preload'));
    expect(page.length).toBeGreaterThan(0);
    expect(preload.length).toBeGreaterThan(0);
    for (const { file, text } of [...page, ...preload]) expect(ZOD_MARKS.test(text), file).toBe(false);
  });

  it('is loaded by the built core, where the arguments are checked', () => {
    expect(scripts(join(OUT, 'main')).some(({ text }) => ZOD_MARKS.test(text))).toBe(true);
  });

  it('would be seen in a page bundle that took it in', async () => {
    const entry = join(temp.path, 'entry.js');
    writeFileSync(entry, "import * as z from 'zod';\nconsole.log(z.string().parse(String(Date.now())));\n");
    await build({
      configFile: false,
      logLevel: 'silent',
      root: temp.path,
      resolve: { alias: { zod: resolve(__dirname, '../../node_modules/zod') } },
      build: { outDir: join(temp.path, 'out'), minify: true, lib: { entry, formats: ['es'], fileName: 'bundle' } },
    });
    const bundled = scripts(join(temp.path, 'out'));
    expect(bundled.some(({ text }) => ZOD_MARKS.test(text))).toBe(true);
  });
});
