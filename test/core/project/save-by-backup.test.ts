import { mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { ProjectState } from '../../../main/contract/api';
import { startCore, type RunningCore } from '../../helpers/running-core';
import { cleanupsPerTest } from '../../helpers/cleanups-per-test';

const { cleanups, tempDir } = cleanupsPerTest();

const answerFile = (result: string) => `version: 1\nbody: {result: "${result}", error: ""}\n`;
const actionFile = (description: string) =>
  `version: 1\ndescription: ${description}\njson_schema: {type: object}\nwebhook_url: http://localhost:8000/actions/send_email\n`;

/** Every project-changed event told so far, as the files each named in use. */
function filesTold(companion: RunningCore): string[][] {
  return companion.events
    .filter((event) => event.type === 'project-changed')
    .map((event) => {
      const { answers, actions } = (event as { project: ProjectState }).project;
      return [...answers, ...actions];
    });
}

/**
 * Saves as vim does (moved to a backup, written anew, the backup removed), with the pause a busy
 * machine can put between the move and the write: longer than the watcher lets a burst settle.
 */
async function slowSaveWithBackup(path: string, text: string): Promise<void> {
  renameSync(path, `${path}~`);
  await sleep(400);
  writeFileSync(path, text);
  unlinkSync(`${path}~`);
}

describe('a file saved by moving it away and writing it anew, slowly', () => {
  for (const file of ['answers/send_email.yaml', 'actions/send_email.yaml']) {
    it(`is told as changed, never as gone: ${file}`, async () => {
      const dir = join(tempDir('fc-project-'), 'flowent');
      mkdirSync(join(dir, 'answers'), { recursive: true });
      mkdirSync(join(dir, 'actions'));
      writeFileSync(join(dir, 'answers', 'send_email.yaml'), answerFile('before'));
      writeFileSync(join(dir, 'actions', 'send_email.yaml'), actionFile('before'));
      const companion = await startCore({ projectDir: dir });
      cleanups.push(() => companion.close());
      const everyFile = ['answers/send_email.yaml', 'actions/send_email.yaml'];
      await expect.poll(() => filesTold(companion).at(-1)).toEqual(everyFile);
      const toldBefore = filesTold(companion).length;

      const text = file.startsWith('answers/') ? answerFile('after') : actionFile('after');
      await slowSaveWithBackup(join(dir, file), text);
      await expect.poll(() => filesTold(companion).length).toBeGreaterThan(toldBefore);
      expect(filesTold(companion).slice(toldBefore)).toEqual([everyFile]);
      expect((await companion.core.api.getProject()).versions[file]).toBeDefined();
    });
  }

  it('a file really removed is told gone, a moment later', async () => {
    const dir = join(tempDir('fc-project-'), 'flowent');
    mkdirSync(join(dir, 'answers'), { recursive: true });
    writeFileSync(join(dir, 'answers', 'send_email.yaml'), answerFile('its own'));
    writeFileSync(join(dir, 'answers', '_default.yaml'), answerFile('default'));
    const companion = await startCore({ projectDir: dir });
    cleanups.push(() => companion.close());
    await expect.poll(() => filesTold(companion).at(-1)).toEqual(['answers/_default.yaml', 'answers/send_email.yaml']);
    unlinkSync(join(dir, 'answers', 'send_email.yaml'));
    await expect.poll(() => filesTold(companion).at(-1)).toEqual(['answers/_default.yaml']);
  });
});
