import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreEvent, CoreStatus, TunnelStatus } from '../../../main/contract/api';
import {
  hereOf,
  publishServeState,
  readServeState,
  runningServes,
  serveForHere,
  writeServeState,
  type ServeState,
} from '../../../main/core/account/serve-state';
import { DATA_FILES } from '../../../main/core/data-folder';
import { tempDir } from './harness';

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

function stateOf(
  pid: number,
  startedAt: number,
  publicUrl: string | null = null,
  projectDir: string | null = null,
): Omit<ServeState, 'updatedAt' | 'publicUrl'> {
  return {
    mode: 'headless',
    pid,
    webhookBaseUrl: `http://127.0.0.1:${8000 + (pid % 1000)}`,
    projectDir,
    forwardTarget: null,
    forwardTimeoutMs: null,
    tunnel: publicUrl === null ? { state: 'not-opened' } : { state: 'online', url: publicUrl },
    lanAddresses: [],
    inspectorPort: null,
    loopToken: `loop-${pid}`,
    startedAt,
  };
}

/** The pid of a process that has exited. */
const goneProcess = () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());

/** A process that runs until the test ends: another serve's pid. */
function runningProcess(): number {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  stops.push(() => child.kill('SIGKILL'));
  return child.pid!;
}

describe('the serve state files behind --here, send and replay', () => {
  it('are read back while their process runs, dropped (and removed) once it is gone, removed at stop', () => {
    const dir = tempDir();
    expect(readServeState(dir)).toBeNull();
    writeServeState(dir, stateOf(process.pid, 1, 'https://abc.ngrok.app'));
    expect(readServeState(dir)).toMatchObject({ pid: process.pid, publicUrl: 'https://abc.ngrok.app', loopToken: `loop-${process.pid}` });

    const gone = goneProcess();
    writeServeState(dir, stateOf(gone, 2), gone);
    expect(runningServes(dir).map((state) => state.pid)).toEqual([process.pid]);
    expect(readdirSync(join(dir, DATA_FILES.serveStates))).toEqual([`${process.pid}.json`]);

    writeServeState(dir, null);
    expect(readServeState(dir)).toBeNull();
    expect(existsSync(join(dir, DATA_FILES.serveStates, `${process.pid}.json`))).toBe(false);
  });

  it('keep one file per serve on a folder: one that stops leaves the others findable', () => {
    const dir = tempDir();
    const first = runningProcess();
    const second = runningProcess();
    writeServeState(dir, stateOf(first, 1), first);
    writeServeState(dir, stateOf(second, 2), second);
    expect(runningServes(dir).map((state) => state.pid)).toEqual([second, first]);
    expect(readServeState(dir)?.pid).toBe(second);

    // The first opens a tunnel: what Flowent can reach comes before the newest.
    writeServeState(dir, stateOf(first, 1, 'https://abc.ngrok.app'), first);
    expect(readServeState(dir)?.pid).toBe(first);

    writeServeState(dir, null, second);
    expect(runningServes(dir).map((state) => state.pid)).toEqual([first]);
  });

  it('record the project each serve answers from: here, in a project, is its serve, never guessed among several', () => {
    const dir = tempDir();
    const root = tempDir();
    const first = join(root, 'one', 'flowent');
    const second = join(root, 'two', 'flowent');
    mkdirSync(first, { recursive: true });
    mkdirSync(second, { recursive: true });
    // The same project reached through a symlink is the same project.
    symlinkSync(join(root, 'one'), join(root, 'link'));
    const [a, b, c] = [runningProcess(), runningProcess(), runningProcess()];
    writeServeState(dir, stateOf(a, 1, null, first), a);
    writeServeState(dir, stateOf(b, 2, 'https://abc.ngrok.app', second), b);

    expect(serveForHere(dir, join(root, 'link', 'flowent'))).toMatchObject({ ok: true, serve: { pid: a } });
    expect(serveForHere(dir, second)).toMatchObject({ ok: true, serve: { pid: b } });
    // Outside a project: the one readServeState names (a public URL first).
    expect(serveForHere(dir, null)).toMatchObject({ ok: true, serve: { pid: b } });
    const third = join(root, 'three', 'flowent');
    expect(serveForHere(dir, third)).toMatchObject({ ok: false, code: 'none', others: [{ pid: b }, { pid: a }] });

    writeServeState(dir, stateOf(c, 3, null, first), c);
    expect(serveForHere(dir, first)).toMatchObject({ ok: false, code: 'several', serves: [{ pid: c }, { pid: a }] });
  });

  it('read a file written before serves recorded their project, their --forward (or the app wrote one) as a serve answering from the history folder, forwarding nothing', () => {
    const dir = tempDir();
    const { projectDir: _left, mode: _unsaid, forwardTarget: _unknown, ...older } = stateOf(process.pid, 1);
    mkdirSync(join(dir, DATA_FILES.serveStates), { recursive: true });
    writeFileSync(join(dir, DATA_FILES.serveStates, `${process.pid}.json`), JSON.stringify(older));
    expect(readServeState(dir)).toMatchObject({ pid: process.pid, projectDir: null, mode: 'headless', forwardTarget: null });
    expect(serveForHere(dir, join(dir, 'flowent'))).toMatchObject({ ok: false, code: 'none', others: [{ pid: process.pid }] });
  });

  it('are kept in step with a listening core by publishServeState, and removed when it is taken back', () => {
    const dir = tempDir();
    const file = join(dir, DATA_FILES.serveStates, `${process.pid}.json`);
    const listeners = new Set<(event: CoreEvent) => void>();
    const core = { subscribe: (listener: (event: CoreEvent) => void) => (listeners.add(listener), () => listeners.delete(listener)) };
    const emit = (event: CoreEvent) => listeners.forEach((listener) => listener(event));
    const { pid: _own, ...facts } = stateOf(process.pid, 1);
    const unpublish = publishServeState(core, dir, { ...facts, mode: 'desktop' });
    expect(readServeState(dir)).toMatchObject({ pid: process.pid, mode: 'desktop', webhookBaseUrl: facts.webhookBaseUrl });

    const project = { dir: join(dir, 'flowent'), problems: [], stale: [], answers: [], actions: [], versions: {}, contractWarnings: [] };
    emit({ type: 'project-changed', project });
    const written = statSync(file).mtimeMs;
    const before = readServeState(dir)?.updatedAt;
    // Every saved answer file says project-changed: the same facts are not written again.
    emit({ type: 'project-changed', project: { ...project, answers: ['answers/a.yaml'] } });
    expect([statSync(file).mtimeMs, readServeState(dir)?.updatedAt]).toEqual([written, before]);

    // Its webhook server gone (it could not be restarted on another address): nothing to name.
    const status = { webhookBaseUrl: null, tunnel: { state: 'offline', url: null, reason: null } } as unknown as CoreStatus;
    emit({ type: 'status-changed', status });
    expect(readServeState(dir)).toBeNull();
    emit({ type: 'status-changed', status: { ...status, webhookBaseUrl: 'http://0.0.0.0:9' } as CoreStatus });
    expect(readServeState(dir)).toMatchObject({ webhookBaseUrl: 'http://0.0.0.0:9', projectDir: project.dir });

    unpublish();
    expect(existsSync(file)).toBe(false);
    emit({ type: 'tunnel-status', status: { state: 'online', url: 'https://abc.ngrok.app', reason: null } });
    expect(existsSync(file)).toBe(false);
    expect(listeners.size).toBe(0);
  });

  it('record whether the tunnel was asked for and where it is, and `here` names no URL while one asked for is not online', () => {
    const dir = tempDir();
    const listeners = new Set<(event: CoreEvent) => void>();
    const core = { subscribe: (listener: (event: CoreEvent) => void) => (listeners.add(listener), () => listeners.delete(listener)) };
    const tunnelIs = (status: TunnelStatus) => listeners.forEach((listener) => listener({ type: 'tunnel-status', status }));
    const { pid: _own, tunnel: _none, ...facts } = stateOf(process.pid, 1);
    // serve --tunnel publishes before it opens the tunnel: `here` already waits for it.
    stops.push(publishServeState(core, dir, { ...facts, tunnel: { state: 'connecting' } }));
    const here = () => hereOf(readServeState(dir)!);
    expect(here()).toEqual({ ok: false, tunnel: { state: 'connecting' } });

    tunnelIs({ state: 'connecting', url: null, reason: null });
    tunnelIs({ state: 'online', url: 'https://abc.ngrok.app', reason: null });
    expect(readServeState(dir)?.publicUrl).toBe('https://abc.ngrok.app');
    expect(here()).toEqual({ ok: true, here: { base: 'https://abc.ngrok.app', reach: 'public', interface: null } });

    const lost = { code: 'tunnel-connection-lost' } as const;
    tunnelIs({ state: 'reconnecting', url: 'https://abc.ngrok.app', reason: lost });
    expect(readServeState(dir)?.publicUrl).toBeNull();
    expect(here()).toEqual({ ok: false, tunnel: { state: 'reconnecting', url: 'https://abc.ngrok.app', reason: lost } });

    const refused = { code: 'tunnel-authtoken-invalid', ngrokCode: 'ERR_NGROK_107' } as const;
    tunnelIs({ state: 'offline', url: null, reason: refused });
    expect(here()).toEqual({ ok: false, tunnel: { state: 'offline', reason: refused } });

    // Closed by the user: its own URL will do, said to have been closed.
    tunnelIs({ state: 'offline', url: null, reason: null });
    expect(readServeState(dir)?.tunnel).toEqual({ state: 'closed' });
    expect(here()).toEqual({ ok: true, here: { base: facts.webhookBaseUrl, reach: 'this-computer', interface: null } });
  });
});
