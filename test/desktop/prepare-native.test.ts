import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import {
  buildEnv,
  findNodeGyp,
  loadsInNode,
  nativePaths,
  nodeGypCommand,
  prepareNative,
  staleReason,
} from '../../main/desktop/prepare-native.mjs';
import { ELECTRON_SQLITE_BINDING, electronSqliteBinding } from '../../main/desktop/native-binding';

const wanted = { electron: '45.5.0', betterSqlite3: '12.11.1', platform: 'linux', arch: 'x64' };
let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'prepare-native-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('when to build', () => {
  it('builds when the binary or the stamp is missing, or anything it was built for changed', () => {
    expect(staleReason(wanted, wanted, true)).toBeNull();
    expect(staleReason(wanted, wanted, false)).toMatch(/no Electron build/);
    expect(staleReason(null, wanted, true)).toMatch(/stamp/);
    expect(staleReason({ ...wanted, electron: '44.0.0' }, wanted, true)).toMatch(/electron changed \(44\.0\.0 -> 45\.5\.0\)/);
    expect(staleReason({ ...wanted, betterSqlite3: '12.10.0' }, wanted, true)).toMatch(/betterSqlite3/);
    expect(staleReason({ ...wanted, arch: 'arm64' }, wanted, true)).toMatch(/arch/);
  });
});

describe('the build command', () => {
  it('targets Electron’s headers and runtime', () => {
    const { command, args } = nodeGypCommand({
      nodeGyp: '/npm/node-gyp.js',
      electronVersion: '45.5.0',
      arch: 'x64',
      execPath: '/bin/node',
    });
    expect(command).toBe('/bin/node');
    expect(args).toEqual([
      '/npm/node-gyp.js',
      'rebuild',
      '--release',
      '--target=45.5.0',
      '--arch=x64',
      '--dist-url=https://electronjs.org/headers',
      '--runtime=electron',
    ]);
    expect(nodeGypCommand({ nodeGyp: null, electronVersion: '45.5.0', arch: 'x64' }).args.slice(0, 3)).toEqual([
      '--yes',
      'node-gyp',
      'rebuild',
    ]);
  });

  it('drops npm settings that would point node-gyp at Node’s headers', () => {
    const env = buildEnv({
      PATH: '/bin',
      npm_config_nodedir: '/usr',
      NPM_CONFIG_NODEDIR: '/usr',
      npm_config_target: '20.0.0',
      npm_config_cache: '/c',
    });
    expect(env).toEqual({ PATH: '/bin', npm_config_cache: '/c' });
  });

  it('finds the node-gyp that ships with npm', () => {
    const npm = join(root, 'npm');
    mkdirSync(join(npm, 'node_modules', 'node-gyp', 'bin'), { recursive: true });
    writeFileSync(join(npm, 'node_modules', 'node-gyp', 'package.json'), '{"name":"node-gyp","version":"1.0.0"}');
    writeFileSync(join(npm, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'), '');
    writeFileSync(join(npm, 'npm-cli.js'), '');
    expect(findNodeGyp({ npm_execpath: join(npm, 'npm-cli.js') }, '/nowhere/bin/node')).toBe(
      join(npm, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    );
    expect(findNodeGyp({}, join(root, 'empty', 'bin', 'node'))).toBeNull();
  });

  it('tells a Node build (which loads in plain Node) from anything else', () => {
    expect(loadsInNode(resolve('node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
    writeFileSync(join(root, 'junk.node'), 'not a shared object');
    expect(loadsInNode(join(root, 'junk.node'))).toBe(false);
  });
});

describe('paths', () => {
  it('main/index.ts looks for the binary exactly where the script builds it', () => {
    expect(relative(root, nativePaths(root).binding)).toBe(join(...ELECTRON_SQLITE_BINDING));
    expect(electronSqliteBinding(root)).toBeUndefined();
    expect(electronSqliteBinding(root, () => true)).toBe(nativePaths(root).binding);
  });
});

describe('prepareNative', () => {
  function fakeProject(): void {
    for (const [name, version] of [
      ['electron', '45.5.0'],
      ['better-sqlite3', '12.11.1'],
    ]) {
      mkdirSync(join(root, 'node_modules', name!), { recursive: true });
      writeFileSync(join(root, 'node_modules', name!, 'package.json'), JSON.stringify({ name, version }));
    }
    const source = join(root, 'node_modules', 'better-sqlite3');
    mkdirSync(join(source, 'build', 'Release'), { recursive: true });
    writeFileSync(join(source, 'build', 'Release', 'better_sqlite3.node'), 'node build');
    writeFileSync(join(source, 'binding.gyp'), '{}');
  }

  it('copies the package, builds it for Electron, stamps it, and then leaves it alone', () => {
    fakeProject();
    const paths = nativePaths(root);
    const log = vi.fn();
    const run = vi.fn((_command: string, _args: readonly string[], options: { cwd: string }) => {
      // node-gyp's part: a binary that is not a Node build.
      expect(existsSync(join(options.cwd, 'binding.gyp'))).toBe(true);
      expect(existsSync(join(options.cwd, 'build'))).toBe(false);
      mkdirSync(join(options.cwd, 'build', 'Release'), { recursive: true });
      writeFileSync(join(options.cwd, 'build', 'Release', 'better_sqlite3.node'), 'electron build');
      return { status: 0 };
    });
    expect(prepareNative({ root, log, run: run as never })).toBe(0);
    expect(run).toHaveBeenCalledTimes(1);
    expect(run.mock.calls[0]?.[1]).toContain('--target=45.5.0');
    expect(JSON.parse(readFileSync(paths.stampFile, 'utf8'))).toMatchObject({ electron: '45.5.0', betterSqlite3: '12.11.1' });
    expect(readFileSync(join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), 'utf8')).toBe(
      'node build',
    );
    expect(prepareNative({ root, log, run: run as never })).toBe(0);
    expect(run).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenLastCalledWith(expect.stringMatching(/up to date/));
  });

  it('fails with a clear message when the build fails, and writes no stamp', () => {
    fakeProject();
    const log = vi.fn();
    expect(prepareNative({ root, log, run: (() => ({ status: 1 })) as never })).toBe(1);
    expect(log).toHaveBeenLastCalledWith(expect.stringMatching(/FAILED.*internet.*electronjs\.org\/headers.*npm test is unaffected/s));
    expect(existsSync(nativePaths(root).stampFile)).toBe(false);
  });

  it('refuses a "successful" build that is really a Node build', () => {
    fakeProject();
    const nodeBuild = resolve('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    const run = (_c: string, _a: string[], options: { cwd: string }) => {
      mkdirSync(join(options.cwd, 'build', 'Release'), { recursive: true });
      cpSync(nodeBuild, join(options.cwd, 'build', 'Release', 'better_sqlite3.node'));
      return { status: 0 };
    };
    const log = vi.fn();
    expect(prepareNative({ root, log, run: run as never })).toBe(1);
    expect(log).toHaveBeenLastCalledWith(expect.stringMatching(/Node headers/));
    expect(existsSync(nativePaths(root).binding)).toBe(false);
  });
});
