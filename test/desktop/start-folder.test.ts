// The data folder the desktop app starts on, settled on real folders before anything is put in
// it: where it is, how private, and, when it cannot be used, the exact words of the app's start
// failure box: the commands' words (test/cli/data-folder-words.test.ts,
// test/cli/history-of-another-user.test.ts), pointing at FLOWENT_COMPANION_DATA_DIR, the only
// place the app's user can name another folder.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleDataFolder, type StartFolderInput } from '../../main/desktop/start-folder';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { settleAsCommand, type SettleAs } from './settle-as-command';

const { tempDir } = cleanupsPerTest();
const mode = (path: string) => statSync(path).mode & 0o777;
const hasFileModes = process.platform !== 'win32';
const asRoot = process.getuid?.() === 0;
const asRootOnLinux = process.platform === 'linux' && asRoot;
const CHOOSE_ANOTHER = 'Start the app with FLOWENT_COMPANION_DATA_DIR set to another folder.';

/** The app's start on `root`: its application-data folder and where it was started both in it. */
function startIn(root: string, env: NodeJS.ProcessEnv): StartFolderInput {
  return { env, platform: process.platform, home: root, cwd: root, appData: join(root, 'app-data') };
}

describe('where the app starts', () => {
  it('makes the default folder under the application-data folder private (0700), with the profile folder inside it', () => {
    const root = tempDir();
    const folders = settleDataFolder(startIn(root, {}));
    const dataDir = join(root, 'app-data', 'flowent-companion');
    expect(folders).toEqual({ ok: true, dataDir, profileDir: join(dataDir, 'desktop-profile') });
    expect(statSync(join(dataDir, 'desktop-profile')).isDirectory()).toBe(true);
    if (hasFileModes) {
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(join(dataDir, 'desktop-profile'))).toBe(0o700);
    }
  });

  it('takes a relative FLOWENT_COMPANION_DATA_DIR from the folder it was started in, not from its own', () => {
    const root = tempDir();
    const folders = settleDataFolder({
      ...startIn(root, { FLOWENT_COMPANION_DATA_DIR: 'companion-data' }),
      cwd: join(root, 'started-here'),
    });
    const dataDir = join(root, 'started-here', 'companion-data');
    expect(folders).toEqual({ ok: true, dataDir, profileDir: join(dataDir, 'desktop-profile') });
    expect(existsSync(join(dataDir, 'desktop-profile'))).toBe(true);
    expect(existsSync(join(process.cwd(), 'companion-data'))).toBe(false);
  });

  it('keeps a folder it finds there, and the profile in it, as they are', () => {
    const root = tempDir();
    const dataDir = join(root, 'data');
    mkdirSync(join(dataDir, 'desktop-profile'), { recursive: true });
    writeFileSync(join(dataDir, 'desktop-profile', 'Preferences'), '{}');
    expect(settleDataFolder(startIn(root, { FLOWENT_COMPANION_DATA_DIR: dataDir }))).toEqual({
      ok: true,
      dataDir,
      profileDir: join(dataDir, 'desktop-profile'),
    });
    expect(existsSync(join(dataDir, 'desktop-profile', 'Preferences'))).toBe(true);
  });
});

describe('a data folder it cannot use', () => {
  it('refuses an empty FLOWENT_COMPANION_DATA_DIR in the commands’ words, and makes no folder', () => {
    const root = tempDir();
    expect(settleDataFolder(startIn(root, { FLOWENT_COMPANION_DATA_DIR: '' }))).toEqual({
      ok: false,
      message: 'FLOWENT_COMPANION_DATA_DIR is set but empty: set it to a folder, or unset it to use the default one.',
    });
    expect(existsSync(join(root, 'app-data'))).toBe(false);
  });

  it('says a file where the folder should be is a file, with no system code', () => {
    const root = tempDir();
    const file = join(root, 'a-file');
    writeFileSync(file, 'not a folder');
    expect(settleDataFolder(startIn(root, { FLOWENT_COMPANION_DATA_DIR: file }))).toEqual({
      ok: false,
      message: `Cannot use the data folder ${file}: it is a file, not a folder. ${CHOOSE_ANOTHER}`,
    });
  });

  it('says so of a file on the way to it', () => {
    const root = tempDir();
    writeFileSync(join(root, 'a-file'), 'not a folder');
    const dataDir = join(root, 'a-file', 'data');
    expect(settleDataFolder(startIn(root, { FLOWENT_COMPANION_DATA_DIR: dataDir }))).toEqual({
      ok: false,
      message: `Cannot use the data folder ${dataDir}: a part of its path is a file, not a folder. ${CHOOSE_ANOTHER}`,
    });
  });

  it('names the file where the profile folder should be, with no system code', () => {
    const root = tempDir();
    const dataDir = join(root, 'data');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'desktop-profile'), 'not a folder');
    expect(settleDataFolder(startIn(root, { FLOWENT_COMPANION_DATA_DIR: dataDir }))).toEqual({
      ok: false,
      message: `Cannot use the data folder ${join(dataDir, 'desktop-profile')}: it is a file, not a folder. ${CHOOSE_ANOTHER}`,
    });
  });
});

// The rest runs settleDataFolder in a process of its own: as root, without root's power over
// files' modes, so that a folder's modes hold as for its owner; as `nobody`, for another user's folders.
let settle: Awaited<ReturnType<typeof settleAsCommand>>['settle'];
let removeBundle = () => {};
beforeAll(async () => {
  ({ settle, remove: removeBundle } = await settleAsCommand());
});
afterAll(() => removeBundle());

/** settleDataFolder on FLOWENT_COMPANION_DATA_DIR=`dataDir`, in its own process. */
const settleOn = (dataDir: string, as: SettleAs) =>
  settle({ home: '/tmp', cwd: '/tmp', appData: '/nonexistent-app-data' }, { FLOWENT_COMPANION_DATA_DIR: dataDir }, as);

describe.skipIf(!hasFileModes || (asRoot && !asRootOnLinux))('a folder of this user’s that its modes close', () => {
  const asTheOwner = { obeyingModes: asRoot };
  const chmodOr = (dir: string) =>
    `Make it writable (chmod u+rwx ${dir}), or start the app with FLOWENT_COMPANION_DATA_DIR set to another folder.`;

  it('says its modes keep this user from writing in it, and the chmod that gives it back', async () => {
    const dataDir = join(tempDir(), 'data');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o500);
    expect(await settleOn(dataDir, asTheOwner)).toEqual({
      ok: false,
      message: `The data folder ${dataDir} is this user's, but its modes (0500) do not let this user write in it. ${chmodOr(dataDir)}`,
    });
    expect(existsSync(join(dataDir, 'desktop-profile'))).toBe(false);
  });

  it('names a profile folder this user may read and write but not enter', async () => {
    const dataDir = join(tempDir(), 'data');
    const profileDir = join(dataDir, 'desktop-profile');
    mkdirSync(profileDir, { recursive: true });
    chmodSync(profileDir, 0o600);
    expect(await settleOn(dataDir, asTheOwner)).toEqual({
      ok: false,
      message: `The data folder ${profileDir} is this user's, but its modes (0600) do not let this user enter it. ${chmodOr(profileDir)}`,
    });
  });
});

if (!asRootOnLinux)
  console.warn('start-folder tests of another user’s folders skipped: they need root on Linux to make them, and run as nobody');

/** A folder of root's that nobody may enter and list, to make nobody's data folders in. */
function openFolder(): string {
  const root = tempDir();
  chmodSync(root, 0o755);
  return root;
}

describe.skipIf(!asRootOnLinux)('another user’s folder, as the commands say it', () => {
  const asNobody = { asUser: 'nobody' };
  const giveBack = (dataDir: string) =>
    `Give it to this user (sudo chown -R nobody ${dataDir}), or start the app with FLOWENT_COMPANION_DATA_DIR set to another folder.`;
  const madeByRoot = 'it was likely made by a command run as root (with sudo, say).';

  it('one this user may not enter names its owner and the chown that gives it to this user', async () => {
    const dataDir = join(openFolder(), 'data');
    mkdirSync(dataDir, { mode: 0o700 });
    expect(await settleOn(dataDir, asNobody)).toEqual({
      ok: false,
      message: `The data folder ${dataDir} belongs to root, so this user (nobody) may not enter it: ${madeByRoot} ${giveBack(dataDir)}`,
    });
  });

  it('one this user may enter but not write in says so, and whose it is', async () => {
    const dataDir = join(openFolder(), 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    expect(await settleOn(dataDir, asNobody)).toEqual({
      ok: false,
      message: `The data folder ${dataDir} belongs to root, so this user (nobody) may not write in it: ${madeByRoot} ${giveBack(dataDir)}`,
    });
  });

  it('one inside a closed folder of another user’s says which folder is closed, and offers no chown', async () => {
    const closed = tempDir();
    chmodSync(closed, 0o700);
    const dataDir = join(closed, 'data');
    expect(await settleOn(dataDir, asNobody)).toEqual({
      ok: false,
      message: `Cannot use the data folder ${dataDir}: it lies in ${closed}, a folder of root's that this user (nobody) may not enter. ${CHOOSE_ANOTHER}`,
    });
  });

  it('a profile folder of another user’s in this user’s own data folder (the app once run with sudo) is named, with its owner, not the data folder', async () => {
    const dataDir = join(openFolder(), 'data');
    const profileDir = join(dataDir, 'desktop-profile');
    mkdirSync(profileDir, { recursive: true, mode: 0o700 });
    chownSync(dataDir, Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' })), -1);
    expect(await settleOn(dataDir, asNobody)).toEqual({
      ok: false,
      message: `The data folder ${profileDir} belongs to root, so this user (nobody) may not enter it: ${madeByRoot} ${giveBack(profileDir)}`,
    });
  });
});
