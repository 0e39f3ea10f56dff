// A closed answers folder is closed for good: a change found just before the close (a write
// reads what it wrote, and queues its notice for the end of the turn) is not told after it,
// and nothing reads the files again, as a listener told of it would (the project's news reads
// the folder's state). A project closed or replaced right after a save read its old folder once more.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { WatchedAnswerFolder } from '../../../main/core/project/watched-answer-folder';
import { cleanupsPerTest } from '../../helpers/cleanups-per-test';

const { cleanups, tempDir } = cleanupsPerTest();

/** Past the watcher's settle time (150 ms) and the turns a notice waits for. */
const AFTER_ANY_NOTICE_MS = 400;

function answersFolder(): { dir: string; write: (text: string) => void } {
  const dir = join(tempDir('fc-watched-'), 'flowent');
  mkdirSync(join(dir, 'answers'), { recursive: true });
  return { dir, write: (text) => writeFileSync(join(dir, 'answers', 'send_email.yaml'), text) };
}

describe('WatchedAnswerFolder.close', () => {
  it('tells no change and reads nothing after it, when closed right after a write read what it wrote', async () => {
    const { dir, write } = answersFolder();
    let told = 0;
    // As the project's news does: told of a change, it reads the folder's state.
    const folder = new WatchedAnswerFolder(dir, 'answers', () => {
      told++;
      folder.changeStamp();
    });
    folder.watch((error) => {
      throw error;
    });
    cleanups.push(() => folder.close());
    const before = folder.changeStamp();
    const reads = vi.spyOn(folder.read, 'refresh');

    write('version: 1\nstatus: 200\nbody: {result: "saved", error: ""}\n');
    folder.check(true);
    expect(folder.changeStamp()).toBe(before + 1);
    const readsBeforeClose = reads.mock.calls.length;
    folder.close();

    await sleep(AFTER_ANY_NOTICE_MS);
    expect(told).toBe(0);
    expect(reads.mock.calls.length).toBe(readsBeforeClose);
    // Asked again, a closed folder keeps what it read: a later save is not read either.
    write('version: 1\nstatus: 200\nbody: {result: "after the close", error: ""}\n');
    folder.check(true);
    expect(folder.changeStamp()).toBe(before + 1);
    expect(reads.mock.calls.length).toBe(readsBeforeClose);
  });
});
