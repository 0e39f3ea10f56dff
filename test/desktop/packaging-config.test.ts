// electron-builder cannot run here (it downloads Electron), so its configuration is checked
// as data: against electron-builder's own schema, and for what the installers must contain.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ELECTRON_SQLITE_BINDING } from '../../main/desktop/native-binding';

interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string; buildResources?: string };
  icon: string;
  files: string[];
  asarUnpack: string[];
  npmRebuild: boolean;
  linux: { target: string[]; maintainer?: string };
  mac: { target: string[] };
  win: { target: string[] };
}

const config = parse(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;
const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
  bin: Record<string, string>;
  files: string[];
  private?: boolean;
  dependencies: Record<string, string>;
};
const BUILT_MAIN = 'out/main';

/** The package a bare specifier names: `@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Packages the built main loads at run time: required, imported, or loaded on first use. */
function packagesLoadedByTheBuild(): Set<string> {
  const loaded = new Set<string>();
  for (const file of readdirSync(BUILT_MAIN).filter((name) => /\.c?js$/.test(name))) {
    const code = readFileSync(join(BUILT_MAIN, file), 'utf8');
    for (const [, specifier] of code.matchAll(/(?:require|import|loadLazily)\("([^"./][^"]*)"\)/g)) {
      if (specifier && !specifier.startsWith('node:') && !builtinModules.includes(specifier)) loaded.add(packageOf(specifier));
    }
  }
  return loaded;
}

/** Packages the page's sources import: Vite bundles them into out/renderer. */
function packagesImportedByThePage(dir = 'renderer'): Set<string> {
  const imported = new Set<string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) packagesImportedByThePage(path).forEach((name) => imported.add(name));
    else if (/\.tsx?$/.test(entry.name)) {
      for (const [, specifier] of readFileSync(path, 'utf8').matchAll(/from '([^'./][^']*)'/g))
        if (specifier) imported.add(packageOf(specifier));
    }
  }
  return imported;
}

/** Width and height from a PNG's IHDR chunk, which the format puts first. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema', async () => {
    // Internal module of electron-builder's (installed with it); what `electron-builder` runs first.
    const require = createRequire(join(process.cwd(), 'node_modules', 'electron-builder', 'package.json'));
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, npmRebuild: 'yes' }, new DebugLogger(false))).rejects.toThrow(/npmRebuild/);
  });

  it('names the app', () => {
    expect(config.appId).toBe('chat.flowent.companion');
    expect(config.productName).toBe('Flowent Companion');
    expect(config.directories.output).toBe('dist');
  });

  it('builds AppImage and deb on Linux, dmg on macOS, an NSIS installer on Windows', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.linux.maintainer).toMatch(/<.+@.+>/); // deb refuses to build without one
  });

  it('keeps every native binary out of app.asar (better-sqlite3, @ngrok/ngrok)', () => {
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('ships the built app only: no sources, tests or configs', () => {
    const included = config.files.filter((pattern) => !pattern.startsWith('!'));
    expect(included).toEqual([
      'out/**',
      'package.json',
      join(...ELECTRON_SQLITE_BINDING)
        .split('\\')
        .join('/'),
    ]);
    for (const pattern of included) expect(pattern).not.toMatch(/^(main|preload|renderer|test)\/|\*\*\/\*$|^\*\*$|\.ts$/);
    expect(packageJson.main).toBe('./out/main/index.js');
  });

  it('packs the Electron build of better-sqlite3, never the Node build of the checkout', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.files).toContain('!node_modules/better-sqlite3/{build,deps,src}/**');
    expect(packageJson.scripts.dist).toMatch(/^node main\/desktop\/prepare-native\.mjs && electron-vite build && electron-builder/);
  });

  it('has a 512 x 512 PNG icon where it says', () => {
    expect(existsSync(config.icon)).toBe(true);
    expect(config.icon.startsWith(config.directories.buildResources ?? '')).toBe(true);
    expect(pngSize(config.icon)).toEqual({ width: 512, height: 512 });
  });
});

describe('what the installers and the npm package carry', () => {
  it('depends at run time on exactly what the built code loads; the page’s libraries are bundled, not installed', () => {
    expect(existsSync(join(BUILT_MAIN, 'cli.js')), 'run "npm run build" first (npm test does)').toBe(true);
    // electron-builder installs `dependencies` into every installer, and npm into every install.
    expect([...packagesLoadedByTheBuild()].filter((name) => name !== 'electron').sort()).toEqual(
      Object.keys(packageJson.dependencies).sort(),
    );
    const pageLibraries = [...packagesImportedByThePage()];
    expect(pageLibraries).toContain('react');
    expect(pageLibraries.filter((name) => name in packageJson.dependencies)).toEqual([]);
  });

  it('builds the core once: the desktop app and the command load the same chunk', () => {
    const chunks = readdirSync(BUILT_MAIN).filter((name) => name.endsWith('.js'));
    const core = chunks.filter((name) => /^function createCore\(/m.test(readFileSync(join(BUILT_MAIN, name), 'utf8')));
    expect(core).toHaveLength(1);
    const requiredBy = (file: string) => readFileSync(join(BUILT_MAIN, file), 'utf8').includes(`require("./${core[0]}")`);
    expect(requiredBy('index.js')).toBe(true);
    expect(chunks.filter((name) => name.startsWith('serve-command-') && requiredBy(name))).toHaveLength(1);
  });

  it('publishes the built command and page: no sources, no desktop entry, a bin that is built', () => {
    expect(packageJson.private).toBeUndefined();
    expect(packageJson.bin).toEqual({ 'flowent-companion': 'out/main/cli.js' });
    expect(readFileSync(packageJson.bin['flowent-companion'] ?? '', 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    expect(packageJson.files).toEqual(['out/main/', '!out/main/index.js', '!out/main/chunks/', 'out/renderer/']);
    // The installers ship the whole build: the desktop entry, its preload, the page, the checkpoint worker.
    expect(config.files).toContain('out/**');
    expect(packageJson.scripts.prepack).toBe('electron-vite build');
  });
});
