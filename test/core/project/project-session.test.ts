import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProjectState } from '../../../main/contract/api';
import { startCore, type RunningCore } from '../../helpers/running-core';
import { cleanupsPerTest } from '../../helpers/cleanups-per-test';

const { cleanups, tempDir } = cleanupsPerTest();

/** The file watchers this process has open (Node calls each an FSEventWrap). */
const openWatchers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'FSEventWrap').length;

function projectFolder(answer: string): string {
  const dir = join(tempDir('fc-project-'), 'flowent');
  mkdirSync(join(dir, 'answers'), { recursive: true });
  mkdirSync(join(dir, 'actions'));
  writeFileSync(join(dir, 'answers', '_default.yaml'), `version: 1\nbody: {result: "${answer}", error: ""}\n`);
  return dir;
}

/** The answer files in use as the latest project-changed event said. */
function answersInUse(companion: RunningCore): string[] | undefined {
  const changes = companion.events.filter((event) => event.type === 'project-changed');
  return (changes.at(-1) as { project: ProjectState } | undefined)?.project.answers;
}

/** The warnings (or mistakes, as '') of the latest project-changed event. */
function problemsNow(companion: RunningCore): string[] | undefined {
  const changes = companion.events.filter((event) => event.type === 'project-changed');
  return (changes.at(-1) as { project: ProjectState } | undefined)?.project.problems.map((problem) => problem.warning ?? '');
}

describe('the project session', () => {
  it('watches the folder above, the folder and its two folders, and no more after they are made again', async () => {
    const before = openWatchers();
    const dir = projectFolder('first');
    const companion = await startCore({ projectDir: dir });
    cleanups.push(() => companion.close());
    expect(openWatchers() - before).toBe(4);

    for (const round of [1, 2, 3]) {
      rmSync(dir, { recursive: true });
      // Its last version keeps answering while it is gone, and the problem says so.
      await expect.poll(() => problemsNow(companion)).toEqual(['folder-removed']);
      expect(answersInUse(companion)).toEqual(['answers/_default.yaml']);
      const next = projectFolder(`round ${round}`);
      renameSync(next, dir);
      await expect.poll(() => problemsNow(companion)).toEqual([]);
      expect(answersInUse(companion)).toEqual(['answers/_default.yaml']);
      // A watcher on a removed folder is closed when the one on the new folder is opened.
      expect(openWatchers() - before).toBe(4);
    }
    rmSync(join(dir, 'actions'), { recursive: true });
    await expect.poll(() => openWatchers() - before).toBe(3);

    await companion.close();
    await expect.poll(() => openWatchers() - before).toBe(0);
  });

  it('closes the watchers of a project when another is opened', async () => {
    const before = openWatchers();
    const companion = await startCore({ projectDir: projectFolder('first') });
    cleanups.push(() => companion.close());
    const opened = companion.core.openProject(projectFolder('second'));
    expect(opened.ok).toBe(true);
    await expect.poll(() => openWatchers() - before).toBe(4);
    companion.core.openProject(null);
    await expect.poll(() => openWatchers() - before).toBe(0);
  });

  it('reports a file set to forward with no target, unless serve --forward gives every action one', async () => {
    const dir = projectFolder('the default');
    writeFileSync(join(dir, 'answers', 'noforward.yaml'), 'version: 1\nmode: forward\n');
    const plain = await startCore({ projectDir: dir });
    cleanups.push(() => plain.close());
    expect((await plain.core.api.getProject()).problems.map((problem) => problem.warning)).toEqual(['forward-without-target']);
    await plain.close();

    // Its calls go to --forward's target: the banner, the Project dialog and serve have nothing to say of it.
    const forwarding = await startCore({ projectDir: dir, forwardTarget: 'http://127.0.0.1:9/{action_name}' });
    cleanups.push(() => forwarding.close());
    expect((await forwarding.core.api.getProject()).problems).toEqual([]);
  });
});
