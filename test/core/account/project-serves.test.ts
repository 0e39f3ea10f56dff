import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CoreEvent, ProjectState } from '../../../main/contract/api';
import { announceProjectServe } from '../../../main/core/account/project-serves';
import { publishServeState } from '../../../main/core/account/serve-state';

// The registry lives in this user's state folder (XDG_STATE_HOME, else ~/.local/state): these
// tests give it one of its own, and a temporary folder of its own (TMPDIR) to see it stays unused.
const isPosix = process.getuid !== undefined;

describe.runIf(isPosix)("the serves a project registry, in the user's state folder", () => {
  let temp: string;
  let saved: Record<'TMPDIR' | 'XDG_STATE_HOME' | 'HOME', string | undefined>;
  let registry: string;
  const project = '/some/project';
  const serve = { mode: 'headless' as const, dataDir: '/data/one', webhookBaseUrl: 'http://127.0.0.1:1' };

  beforeEach(() => {
    temp = mkdtempSync(join(tmpdir(), 'project-serves-'));
    saved = { TMPDIR: process.env.TMPDIR, XDG_STATE_HOME: process.env.XDG_STATE_HOME, HOME: process.env.HOME };
    mkdirSync(join(temp, 'tmp'));
    process.env.TMPDIR = join(temp, 'tmp');
    process.env.XDG_STATE_HOME = join(temp, 'state');
    process.env.HOME = join(temp, 'home');
    registry = join(temp, 'state', 'flowent-companion', 'project-serves');
  });
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(temp, { recursive: true, force: true });
  });

  it('writes in the state folder, private to this user, and nothing in the temporary folder', () => {
    const unannounce = announceProjectServe(project, serve);
    const [key, ...more] = readdirSync(registry);
    expect(more).toEqual([]);
    const [file] = readdirSync(join(registry, key!));
    expect(file).toBe(`${process.pid}.json`);
    expect(statSync(join(registry, key!)).mode & 0o777).toBe(0o700);
    expect(statSync(join(registry, key!, file!)).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(temp, 'tmp'))).toEqual([]);
    unannounce();
    expect(readdirSync(join(registry, key!))).toEqual([]);
  });

  it('is in ~/.local/state when XDG_STATE_HOME is unset, or not an absolute path', () => {
    for (const value of [undefined, 'relative/state']) {
      if (value === undefined) delete process.env.XDG_STATE_HOME;
      else process.env.XDG_STATE_HOME = value;
      const unannounce = announceProjectServe(project, serve);
      expect(readdirSync(join(temp, 'home', '.local', 'state', 'flowent-companion', 'project-serves'))).toHaveLength(1);
      unannounce();
    }
    expect(() => readdirSync(registry)).toThrow();
  });

  it("holds what a published companion answers from: the desktop app's project, moved when another opens, gone when it stops", () => {
    const listeners: ((event: CoreEvent) => void)[] = [];
    const core = { subscribe: (listener: (event: CoreEvent) => void) => (listeners.push(listener), () => {}) };
    const announced = () => {
      return readdirSync(registry).flatMap((key) =>
        readdirSync(join(registry, key)).map((file) => ({
          key,
          ...(JSON.parse(readFileSync(join(registry, key, file), 'utf8')) as object),
        })),
      );
    };
    const unpublish = publishServeState(core, join(temp, 'data'), {
      mode: 'desktop',
      webhookBaseUrl: 'http://127.0.0.1:8787',
      tunnel: { state: 'not-opened' },
      lanAddresses: [],
      projectDir: null,
      forwardTarget: null,
      forwardTimeoutMs: null,
      inspectorPort: null,
      loopToken: 'loop',
      startedAt: 1,
    });
    expect(existsOrEmpty(() => announced())).toEqual([]);

    const open = (dir: string) => listeners.forEach((listener) => listener({ type: 'project-changed', project: { dir } as ProjectState }));
    open('/projects/a/flowent');
    const [first, ...more] = announced();
    expect(more).toEqual([]);
    expect(first).toMatchObject({
      mode: 'desktop',
      webhookBaseUrl: 'http://127.0.0.1:8787',
      dataDir: join(temp, 'data'),
      pid: process.pid,
    });
    open('/projects/b/flowent');
    const [second, ...others] = announced();
    expect(others).toEqual([]);
    expect(second!.key).not.toBe(first!.key);

    unpublish();
    expect(announced()).toEqual([]);
  });
});

/** The registry's listing, or none before anything made its folder. */
function existsOrEmpty<T>(list: () => T[]): T[] {
  try {
    return list();
  } catch {
    return [];
  }
}
