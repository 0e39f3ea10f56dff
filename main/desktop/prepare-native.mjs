// Builds better-sqlite3 for Electron into .electron-native/ before `npm start`.
//
// node_modules/better-sqlite3 is built for Node (ABI 115) and must stay so, or `npm test`
// breaks; Electron 45 needs its own build (ABI 150). So a copy is built for Electron in its
// own folder, only when missing or stale, and main/index.ts hands its path to the core.
// Plain Node, no dependencies: it runs before anything is compiled.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';

/** Every path this script reads or writes, from the project root. */
export function nativePaths(root) {
  const target = join(root, '.electron-native', 'better-sqlite3');
  return {
    source: join(root, 'node_modules', 'better-sqlite3'),
    target,
    stampFile: join(root, '.electron-native', 'better-sqlite3.stamp.json'),
    binding: join(target, 'build', 'Release', 'better_sqlite3.node'),
  };
}

function readVersion(packageJson) {
  return JSON.parse(readFileSync(packageJson, 'utf8')).version;
}

/** What the build must match: Electron, better-sqlite3, platform and arch. */
export function wantedStamp(root, platform = process.platform, arch = process.arch) {
  return {
    electron: readVersion(join(root, 'node_modules', 'electron', 'package.json')),
    betterSqlite3: readVersion(join(root, 'node_modules', 'better-sqlite3', 'package.json')),
    platform,
    arch,
  };
}

/** Why a rebuild is needed, or null when the existing build is current. */
export function staleReason(stamp, wanted, bindingExists) {
  if (!bindingExists) return 'no Electron build of better-sqlite3 yet';
  if (!stamp || typeof stamp !== 'object') return 'no build stamp';
  for (const key of ['electron', 'betterSqlite3', 'platform', 'arch']) {
    if (stamp[key] !== wanted[key]) return `${key} changed (${String(stamp[key])} -> ${wanted[key]})`;
  }
  return null;
}

export function readStamp(stampFile) {
  try {
    return JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return null;
  }
}

/** node-gyp as bundled with npm: next to the running npm, else next to this Node. */
export function findNodeGyp(env = process.env, execPath = process.execPath) {
  const anchors = [
    env.npm_execpath,
    join(dirname(execPath), '..', 'lib', 'node_modules', 'npm', 'package.json'),
    join(dirname(execPath), 'node_modules', 'npm', 'package.json'),
  ].filter(Boolean);
  for (const anchor of anchors) {
    try {
      return createRequire(resolve(anchor)).resolve('node-gyp/bin/node-gyp.js');
    } catch {
      // try the next place
    }
  }
  return null;
}

/** The build command: node-gyp against Electron's headers, or `npx node-gyp` when npm's is not found. */
export function nodeGypCommand({ nodeGyp, electronVersion, arch, execPath = process.execPath }) {
  const flags = [
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    `--arch=${arch}`,
    `--dist-url=${ELECTRON_HEADERS_URL}`,
    '--runtime=electron',
  ];
  return nodeGyp
    ? { command: execPath, args: [nodeGyp, ...flags] }
    : { command: process.platform === 'win32' ? 'npx.cmd' : 'npx', args: ['--yes', 'node-gyp', ...flags] };
}

/**
 * The child's environment. `npm start` exports npm's config as npm_config_*; a `nodedir`
 * there (this machine's npmrc sets one) would make node-gyp build against Node's headers
 * and "succeed" with the wrong ABI, so every setting that picks headers is dropped.
 */
export function buildEnv(env) {
  const dropped = /^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|devdir)$/i;
  return Object.fromEntries(Object.entries(env).filter(([name]) => !dropped.test(name)));
}

/** A binary built for Electron must NOT load in plain Node; if it does, node-gyp used Node's headers. */
export function loadsInNode(binding, execPath = process.execPath) {
  const probe = `try { process.dlopen({ exports: {} }, ${JSON.stringify(binding)}); console.log('loaded'); } catch (e) { console.log(String(e.message)); }`;
  const out = spawnSync(execPath, ['-e', probe], { encoding: 'utf8' });
  return out.stdout.trim() === 'loaded';
}

export function prepareNative({ root, log = console.log, run = spawnSync } = {}) {
  const paths = nativePaths(root);
  const wanted = wantedStamp(root);
  const reason = staleReason(readStamp(paths.stampFile), wanted, existsSync(paths.binding));
  if (reason === null) {
    log(`[prepare-native] better-sqlite3 for Electron ${wanted.electron} is up to date.`);
    return 0;
  }
  log(`[prepare-native] Building better-sqlite3 ${wanted.betterSqlite3} for Electron ${wanted.electron}: ${reason}.`);
  rmSync(paths.target, { recursive: true, force: true });
  rmSync(paths.stampFile, { force: true });
  mkdirSync(paths.target, { recursive: true });
  const skip = [join(paths.source, 'build'), join(paths.source, 'node_modules')];
  cpSync(paths.source, paths.target, {
    recursive: true,
    filter: (src) => !skip.some((dir) => src === dir || src.startsWith(dir + sep)),
  });
  const { command, args } = nodeGypCommand({ nodeGyp: findNodeGyp(), electronVersion: wanted.electron, arch: wanted.arch });
  log(`[prepare-native] In ${paths.target}: ${command} ${args.join(' ')}`);
  const result = run(command, args, { cwd: paths.target, env: buildEnv(process.env), stdio: 'inherit' });
  const failed = result.error ? result.error.message : result.status !== 0 ? `exit code ${result.status}` : null;
  if (failed || !existsSync(paths.binding)) {
    log(
      `[prepare-native] FAILED (${failed ?? 'no binary produced'}). Building for Electron needs a C++ toolchain ` +
        `and, once, internet access to download Electron's headers from ${ELECTRON_HEADERS_URL}. ` +
        'npm test is unaffected: node_modules keeps its Node build.',
    );
    return 1;
  }
  if (loadsInNode(paths.binding)) {
    log("[prepare-native] FAILED: the new binary loads in plain Node, so it was built against Node headers, not Electron's.");
    rmSync(paths.target, { recursive: true, force: true });
    return 1;
  }
  writeFileSync(paths.stampFile, JSON.stringify(wanted, null, 2) + '\n');
  log(`[prepare-native] Built ${paths.binding}`);
  return 0;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  process.exitCode = prepareNative({ root });
}
