// The package as a user gets it: `npm pack`, then `npm install <tarball>` into an empty folder
// far from the checkout, then the installed command serves, stores, lists and shows a call.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from '../e2e/browser';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { startServe, type ServeProcess } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';

const run = promisify(execFile);
const CHECKOUT = resolve(__dirname, '../..');
const KEY = 'packed-install-key';
const ACTION = 'packed_install_check';
/** What Vite bundled into the page, or only builds and tests: none of it may be installed with the package. */
const NOT_AT_RUN_TIME = ['react', 'react-dom', 'zustand', 'codemirror', '@codemirror', '@tanstack', 'tsx', 'esbuild', 'electron', 'vite'];

const work = makeTempDir('fc-packed-');
const app = join(work.path, 'app');
let installed = '';
let server: ServeProcess | undefined;
let browser: Browser | undefined;

/**
 * better-sqlite3's install script runs as for any user: prebuild-install first, then a compile
 * from source. Its download host is unreachable here, so the compile (a minute on two cores)
 * would always run. prebuild-install's own local-prebuilds setting is given instead the binary
 * `npm ci` already compiled for this Node, packed the way its release assets are.
 */
async function localPrebuild(dir: string): Promise<NodeJS.ProcessEnv> {
  const sqlite = join(CHECKOUT, 'node_modules', 'better-sqlite3');
  const { version } = JSON.parse(readFileSync(join(sqlite, 'package.json'), 'utf8')) as { version: string };
  const asset = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  mkdirSync(dir, { recursive: true });
  await run('tar', ['-czf', join(dir, asset), '-C', sqlite, 'build/Release/better_sqlite3.node']);
  return { npm_config_better_sqlite3_local_prebuilds: dir };
}

beforeAll(async () => {
  // --ignore-scripts: prepack would rebuild out/ under the other test files' feet; `npm test` built it.
  const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work.path], { cwd: CHECKOUT });
  const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'packed-install-check', private: true }));
  // Dependencies from npm's cache (filled by `npm ci`); the registry only for what is missing there.
  await run('npm', ['install', join(work.path, filename), '--prefer-offline', '--no-audit', '--no-fund', '--no-update-notifier'], {
    cwd: app,
    env: { ...process.env, ...(await localPrebuild(join(work.path, 'prebuilds'))) },
  });
  installed = join(app, 'node_modules', 'flowent-companion');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  work.remove();
});

describe('the packed package, installed into an empty folder', () => {
  it('holds the built command and page only, and installs no build or page library', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? files(join(dir, entry.name)).map((file) => `${entry.name}/${file}`) : [entry.name],
      );
    const shipped = files(installed);
    expect(shipped).toContain('out/main/cli.js');
    expect(shipped).toContain('out/main/checkpoint-worker.cjs');
    expect(shipped).toContain('out/renderer/index.html');
    // The licence the package.json names travels with it.
    expect(shipped).toContain('LICENSE');
    expect(shipped.filter((file) => /\.tsx?$|^(main|renderer|preload|test)\//.test(file))).toEqual([]);
    // The desktop app's entry needs Electron, which the package does not install.
    expect(shipped).not.toContain('out/main/index.js');
    for (const file of shipped.filter((name) => name.startsWith('out/main/'))) {
      expect(readFileSync(join(installed, file), 'utf8'), file).not.toMatch(/require\("electron"\)|require\("\.\/index\.js"\)/);
    }
    for (const library of NOT_AT_RUN_TIME) expect(existsSync(join(app, 'node_modules', library)), library).toBe(false);
  });

  it('runs from npx without the checkout', async () => {
    const { stdout } = await run('npx', ['--no', '--', 'flowent-companion', '--version'], { cwd: app });
    const { version } = JSON.parse(readFileSync(join(CHECKOUT, 'package.json'), 'utf8')) as { version: string };
    expect(stdout.trim()).toBe(version);
  });

  it('serves: a signed call is answered, stored, listed by `calls --json` and shown by the inspector page', async () => {
    const dataDir = join(work.path, 'data');
    // Marks the installed page, to see that the inspector serves the package's own copy.
    const page = join(installed, 'out', 'renderer', 'index.html');
    writeFileSync(page, readFileSync(page, 'utf8').replace('</head>', "<!-- the installed package's page --></head>"));
    server = await startServe(
      ['--port', '0', '--data-dir', dataDir],
      { FLOWENT_HMAC_KEY: KEY },
      { bin: join(app, 'node_modules', '.bin', 'flowent-companion') },
    );
    const answer = await fetch(`${server.baseUrl}/actions/${ACTION}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: signedBody(flowentPayload(ACTION, { from: 'the tarball' }), KEY),
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ result: 'ok', error: '' });
    await server.waitFor(new RegExp(`${ACTION} {2}valid`));

    const listed = await run('npx', ['--no', '--', 'flowent-companion', 'calls', '--json', '--data-dir', dataDir], { cwd: app });
    const calls = listed.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { action: string; verdict: string; status: number });
    expect(calls).toMatchObject([{ action: ACTION, verdict: 'valid', status: 200 }]);

    if (!server.inspectorUrl) throw new Error(`serve printed no inspector URL:\n${server.output()}`);
    browser = await launchBrowser();
    const pageErrors: string[] = [];
    browser.page.on('pageerror', (error) => pageErrors.push(error.message));
    await browser.page.goto(server.inspectorUrl);
    expect(await browser.page.content()).toContain("<!-- the installed package's page -->");
    await expect.poll(() => browser?.page.getByText(ACTION).count()).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('Stopped.');
  });
});
