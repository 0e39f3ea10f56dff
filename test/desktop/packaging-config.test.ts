// electron-builder cannot run here (it downloads Electron), so its configuration is checked
// as data: against electron-builder's own schema, and for what the installers must contain.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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
const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as { main: string; scripts: Record<string, string> };

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
