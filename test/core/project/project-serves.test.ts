import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { announceProjectServe, otherProjectServes } from '../../../main/core/project/project-serves';

// The registry lives in the temporary folder, which other users share: these tests give it a
// temporary folder of its own (TMPDIR) and make the shapes another user could leave there.
const isPosix = process.getuid !== undefined;

describe.runIf(isPosix)('the serves a project registry, in a shared temporary folder', () => {
  let temp: string;
  let savedTmp: string | undefined;
  let registry: string;
  const project = '/some/project';
  const serve = { dataDir: '/data/one', webhookBaseUrl: 'http://127.0.0.1:1' };

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
});
