import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CoreEvent, ProjectState } from '../../../main/contract/api';
import { announceProjectServe, otherProjectServes } from '../../../main/core/account/project-serves';
import { publishServeState } from '../../../main/core/account/serve-state';

// The registry lives in the temporary folder, which other users share: these tests give it a
// temporary folder of its own (TMPDIR) and make the shapes another user could leave there.
const isPosix = process.getuid !== undefined;

describe.runIf(isPosix)('the serves a project registry, in a shared temporary folder', () => {
  let temp: string;
  let savedTmp: string | undefined;
  let registry: string;
  const project = '/some/project';
  const serve = { mode: 'headless' as const, dataDir: '/data/one', webhookBaseUrl: 'http://127.0.0.1:1' };

  beforeEach(() => {
    temp = mkdtempSync(join(tmpdir(), 'project-serves-'));
    savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = temp;
    registry = join(temp, `flowent-companion-${process.getuid!()}`);
  });
  afterEach(() => {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    rmSync(temp, { recursive: true, force: true });
  });

  it('makes its folder private to this user and writes there', () => {
    const unannounce = announceProjectServe(project, serve);
    const projects = join(registry, 'projects');
    expect(readdirSync(projects)).toHaveLength(1);
    unannounce();
    expect(readdirSync(join(projects, readdirSync(projects)[0]!))).toEqual([]);
  });

  it('leaves alone a folder of its name that others can open', () => {
    mkdirSync(registry);
    chmodSync(registry, 0o777);
    announceProjectServe(project, serve);
    expect(readdirSync(registry)).toEqual([]);
    expect(otherProjectServes(project)).toEqual([]);
  });

  it('leaves alone a link in its place', () => {
    const elsewhere = join(temp, 'elsewhere');
    mkdirSync(elsewhere, { mode: 0o700 });
    symlinkSync(elsewhere, registry);
    announceProjectServe(project, serve);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it("holds what a published companion answers from: the desktop app's project, moved when another opens, gone when it stops", () => {
    const listeners: ((event: CoreEvent) => void)[] = [];
    const core = { subscribe: (listener: (event: CoreEvent) => void) => (listeners.push(listener), () => {}) };
    const announced = () => {
      const projects = join(registry, 'projects');
      return readdirSync(projects).flatMap((key) =>
        readdirSync(join(projects, key)).map((file) => ({
          key,
          ...(JSON.parse(readFileSync(join(projects, key, file), 'utf8')) as object),
        })),
      );
    };
    const unpublish = publishServeState(core, join(temp, 'data'), {
      mode: 'desktop',
      webhookBaseUrl: 'http://127.0.0.1:8787',
      publicUrl: null,
      lanAddresses: [],
      projectDir: null,
      forwardTarget: null,
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
