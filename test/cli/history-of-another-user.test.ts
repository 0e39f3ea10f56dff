// A history another user made (`sudo serve` once, then serve as yourself): chmod cannot give it
// back, only its owner or root can. A command says whose it is and the chown that gives it to
// this user; one that only reads reads it when it may. Two users are needed: root makes the
// history and runs the commands as nobody (skipped, saying so, when the tests do not run as root).
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { flowentHar } from '../helpers/flowent-har';
import { commandCopyEveryoneReads } from '../helpers/readable-command-copy';
import { runCli } from '../helpers/spawn-cli';

const { tempDir } = cleanupsPerTest();
const asRootOnLinux = process.platform === 'linux' && process.getuid?.() === 0;
if (!asRootOnLinux) console.warn('history-of-another-user tests skipped: they need root on Linux to make a history of another user');

/** root's history with two calls, in a folder anyone may enter and list: `nobody` runs the commands. */
async function rootsHistory(): Promise<{ dataDir: string; file: string }> {
  const root = tempDir();
  chmodSync(root, 0o755);
  const dataDir = join(root, 'data');
  mkdirSync(dataDir);
  const har = join(root, 'two.har');
  writeFileSync(har, flowentHar(2, 'owner-key'));
  const imported = await runCli(['import', har, '--data-dir', dataDir]);
  expect(imported.code, imported.stderr).toBe(0);
  chmodSync(dataDir, 0o755);
  return { dataDir, file: join(dataDir, 'history.sqlite') };
}

const env = { HOME: '/tmp' };
/** nobody runs a copy of the command, as installed: the checkout may lie in a folder only root may enter. */
let asNobody: { asUser: string; bin: string };
let removeCopy = () => {};

/** serve and calls, run as nobody on `dataDir`, each exit 1 with `said` after their name. */
async function expectServeAndCallsToSay(dataDir: string, said: string): Promise<void> {
  const served = await runCli(['serve', '--port', '0', '--no-inspector', '--data-dir', dataDir], env, asNobody);
  expect(served.code).toBe(1);
  expect(served.stderr).toBe(`flowent-companion serve: ${said}`);
  const listed = await runCli(['calls', '--data-dir', dataDir], env, asNobody);
  expect(listed.code).toBe(1);
  expect(listed.stderr).toBe(`flowent-companion calls: ${said}`);
}

describe.skipIf(!asRootOnLinux)("a history of another user's", () => {
  beforeAll(() => {
    const copy = commandCopyEveryoneReads();
    asNobody = { asUser: 'nobody', bin: copy.bin };
    removeCopy = copy.remove;
  });
  afterAll(() => removeCopy());

  it('serve names its owner and the chown that gives it to this user, not a chmod this user cannot run', async () => {
    const { dataDir } = await rootsHistory();
    const served = await runCli(['serve', '--port', '0', '--no-inspector', '--data-dir', dataDir], env, asNobody);
    expect(served.code).toBe(1);
    expect(served.stderr).toBe(
      `flowent-companion serve: The history in ${dataDir} belongs to root, so this user (nobody) may not write it: ` +
        'it was likely made by a command run as root (with sudo, say). ' +
        `Give it to this user (sudo chown -R nobody ${dataDir}), or copy the folder and use the copy (choose another folder with --data-dir or FLOWENT_COMPANION_DATA_DIR).\n`,
    );
    expect(served.stderr).not.toContain('chmod');
  });

  it('in a folder of its own this user may not enter (0700), every command names its owner and the chown, not "permission denied"', async () => {
    const { dataDir } = await rootsHistory();
    chmodSync(dataDir, 0o700);
    const todo = `Give it to this user (sudo chown -R nobody ${dataDir}), or choose another folder with --data-dir or FLOWENT_COMPANION_DATA_DIR.\n`;
    const said = `The data folder ${dataDir} belongs to root, so this user (nobody) may not enter it: it was likely made by a command run as root (with sudo, say). ${todo}`;
    await expectServeAndCallsToSay(dataDir, said);
  });

  it('in a folder of its own with no history yet, serve says this user may not write in it, and whose it is', async () => {
    const root = tempDir();
    chmodSync(root, 0o755);
    const dataDir = join(root, 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    const served = await runCli(['serve', '--port', '0', '--no-inspector', '--data-dir', dataDir], env, asNobody);
    expect(served.code).toBe(1);
    expect(served.stderr).toBe(
      `flowent-companion serve: The data folder ${dataDir} belongs to root, so this user (nobody) may not write in it: ` +
        'it was likely made by a command run as root (with sudo, say). ' +
        `Give it to this user (sudo chown -R nobody ${dataDir}), or choose another folder with --data-dir or FLOWENT_COMPANION_DATA_DIR.\n`,
    );
  });

  it("in a folder inside another user's closed folder, every command says which folder is closed, and offers no chown", async () => {
    const closed = tempDir();
    chmodSync(closed, 0o700);
    const dataDir = join(closed, 'data');
    const said =
      `Cannot use the data folder ${dataDir}: it lies in ${closed}, a folder of root's that this user (nobody) may not enter. ` +
      'Choose another folder with --data-dir or FLOWENT_COMPANION_DATA_DIR.\n';
    await expectServeAndCallsToSay(dataDir, said);
  });

  it('calls reads it when its file may be read, and says whose it is when not', async () => {
    const { dataDir, file } = await rootsHistory();
    chmodSync(file, 0o644);
    const listed = await runCli(['calls', '--data-dir', dataDir], env, asNobody);
    expect(listed.stderr).toBe('');
    expect(listed.stdout.match(/send_email/g)).toHaveLength(2);

    chmodSync(file, 0o600);
    const refused = await runCli(['calls', '--data-dir', dataDir], env, asNobody);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `flowent-companion calls: The history in ${dataDir} belongs to root, so this user (nobody) may not read it: ` +
        'it was likely made by a command run as root (with sudo, say). ' +
        `Give it to this user (sudo chown -R nobody ${dataDir}), or run the command as root.\n`,
    );
  });
});
