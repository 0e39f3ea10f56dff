// What starting the built command costs: --help and --version load no command and none of the
// core; a command loads its own code and only the libraries it uses. (How long that takes is
// measured by test/bench/startup-bench.ts, not here.)
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../main/core/store/open-store';
import { CLI, startServe } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const run = promisify(execFile);
const sleep = promisify(setTimeout);
/** Longer than a serve waits after listening before it loads its forwarding client. */
const IDLE_WARM_UP_MS = 1_000;
const RECORDER = resolve(__dirname, '../helpers/record-loaded-modules.cjs');
const BUILT = resolve(CLI, '..');
const PACKAGE = JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};
const { tempDir } = cleanupsPerTest();

/** A fresh data folder, and the environment that records what the command loads into a file in it. */
function recording(): { dataDir: string; env: NodeJS.ProcessEnv; read(): { built: string[]; libraries: string[] } } {
  const dir = tempDir();
  const record = join(dir, 'loaded.txt');
  return {
    dataDir: dir,
    env: { NODE_OPTIONS: `--require ${RECORDER}`, RECORD_LOADED_MODULES_TO: record, FLOWENT_COMPANION_DATA_DIR: dir },
    read() {
      const loaded = readFileSync(record, 'utf8').split('\n');
      return {
        built: loaded.filter((file) => file.startsWith(`${BUILT}/`)).map((file) => relative(BUILT, file)),
        libraries: [
          ...new Set(loaded.map((file) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1]).filter((name) => name !== undefined)),
        ],
      };
    },
  };
}

/**
 * Runs the built command (after `prepare` has set up its data folder); resolves with its stdout
 * and the modules it loaded (build files by name, libraries by package).
 */
async function loadedBy(
  args: string[],
  prepare?: (dataDir: string) => void,
): Promise<{ stdout: string; built: string[]; libraries: string[] }> {
  const recorder = recording();
  prepare?.(recorder.dataDir);
  const { stdout } = await run(process.execPath, [CLI, ...args], { env: { ...process.env, ...recorder.env } });
  return { stdout, ...recorder.read() };
}

describe('starting the built command', () => {
  it('--help and --version load the dispatcher only: no command, no core, no library', async () => {
    const help = await loadedBy(['--help']);
    expect(help.stdout).toContain('Usage: flowent-companion <command>');
    expect(help.built.sort()).toEqual(['cli.js', 'run-cli.js']);
    expect(help.libraries).toEqual([]);

    const version = await loadedBy(['--version']);
    expect(version.stdout).toBe(`${PACKAGE.version}\n`);
    expect(version.built.sort()).toEqual(['cli.js', 'run-cli.js']);
    expect(version.libraries).toEqual([]);
  });

  it('calls loads SQLite and none of the libraries it does not use', async () => {
    // A history to read: with none, calls says so before it opens anything.
    const calls = await loadedBy(['calls', '--limit', '5'], (dataDir) => {
      const store = openStore({ dataDir });
      if (!store.ok) throw new Error(store.code);
      store.value.close();
    });
    expect(calls.built.some((file) => file.startsWith('calls-command-'))).toBe(true);
    expect(calls.built.some((file) => file.startsWith('serve-command-'))).toBe(false);
    expect(calls.libraries).toContain('better-sqlite3');
    expect(calls.libraries.filter((name) => name !== 'better-sqlite3' && name in PACKAGE.dependencies)).toEqual([]);
  });

  it('serve answers calls without the libraries of forwarding, templates, schemas, diffs and the tunnel', async () => {
    const recorder = recording();
    const server = await startServe(['--port', '0'], recorder.env);
    const answer = await fetch(`${server.baseUrl}/actions/send_email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action_name: 'send_email', parameters: {}, timestamp: Math.floor(Date.now() / 1000) }),
    });
    expect(answer.status).toBe(200);
    await server.waitFor(/send_email/);
    // Past the time a forwarding serve loads its client at idle: one that only mocks never does.
    await sleep(IDLE_WARM_UP_MS);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const { libraries } = recorder.read();
    expect(libraries).toContain('better-sqlite3');
    expect(libraries.filter((name) => name !== 'better-sqlite3' && name in PACKAGE.dependencies)).toEqual([]);
  });

  it('a serve that forwards loads the forwarding client at idle, before the first call needs it', async () => {
    const recorder = recording();
    const server = await startServe(['--port', '0', '--forward', 'http://127.0.0.1:9/actions/{action_name}'], recorder.env);
    await sleep(IDLE_WARM_UP_MS);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(recorder.read().libraries).toContain('undici');
  });

  it('a serve that only mocked loads the forwarding client at idle once the page sets a handler', async () => {
    const recorder = recording();
    const server = await startServe(['--port', '0'], recorder.env);
    if (server.inspectorUrl === null) throw new Error('the serve printed no inspector URL');
    const page = new URL(server.inspectorUrl);
    const token = new URLSearchParams(page.hash.slice(1)).get('token');
    const set = await fetch(`${page.origin}/api/call/setForwardTarget`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify([null, 'http://127.0.0.1:9/actions/{action_name}']),
    });
    expect(((await set.json()) as { ok: boolean }).ok).toBe(true);
    await sleep(IDLE_WARM_UP_MS);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(recorder.read().libraries).toContain('undici');
  });
});
