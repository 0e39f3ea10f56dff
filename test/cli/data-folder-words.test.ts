// A --data-dir that can never be a data folder is said in words, the same from every command:
// what is at the path (a file, or a file on the way to it), never the EEXIST or ENOTDIR that
// whichever call met it first was given.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { tempDir } = cleanupsPerTest();

const COMMANDS: readonly (readonly string[])[] = [
  ['serve', '--port', '0', '--no-inspector'],
  ['send', 'send_email', '--target', 'http://127.0.0.1:1/'],
  ['calls'],
  ['targets', 'list'],
];

describe('a --data-dir that is a file', () => {
  it.each(COMMANDS.map((args) => [args[0]!, args] as const))(
    '%s says it is a file, not a folder, with no system code',
    async (_name, args) => {
      const file = join(tempDir(), 'afile');
      writeFileSync(file, 'not a folder');
      const result = await runCli([...args, '--data-dir', file], { FLOWENT_HMAC_KEY: 'key' });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `Cannot use the data folder ${file}: it is a file, not a folder. Choose another folder with --data-dir`,
      );
      expect(result.stderr).not.toMatch(/EEXIST|ENOTDIR/);
    },
  );

  it.each(COMMANDS.map((args) => [args[0]!, args] as const))('%s says so of a file on the way to it', async (_name, args) => {
    const file = join(tempDir(), 'afile');
    writeFileSync(file, 'not a folder');
    const result = await runCli([...args, '--data-dir', join(file, 'history')], { FLOWENT_HMAC_KEY: 'key' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Cannot use the data folder ${join(file, 'history')}: a part of its path is a file, not a folder.`);
    expect(result.stderr).not.toMatch(/EEXIST|ENOTDIR/);
  });
});

// Under /proc (or /sys, some FUSE and network mounts) mkdir says ENOENT though the folder above
// is there: Node's recursive mkdir then loops forever, deaf to SIGTERM. Only Linux has /proc.
describe.skipIf(!existsSync('/proc/self'))('a data folder in a file system that takes no folders', () => {
  it.each([
    ['serve', () => ['serve', '--port', '0', '--no-inspector']],
    ['init', () => ['init', '--project', tempDir()]],
  ])('%s refuses it at once, exit 1, in words', async (_name, args) => {
    const dataDir = '/proc/flowent-companion-test/history';
    const env = { FLOWENT_HMAC_KEY: 'key', FLOWENT_API_TOKEN: '', FLOWENT_COMPANION_DATA_DIR: dataDir };
    const result = await runCli(args(), env, { killAfterMs: 10_000 });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `Cannot use the data folder ${dataDir}: it lies in a system file system (such as /proc or /sys) where no folder can be made.`,
    );
    expect(result.stderr).not.toMatch(/ENOENT/);
  });
});

// Root may enter and write whatever the modes say: as root, the commands run without that power
// (setpriv), so the modes hold for them as for the folder's owner.
const asTheOwner = { obeyingModes: process.getuid?.() === 0 };

describe.skipIf(process.platform === 'win32')('a data folder of this user’s that its modes close', () => {
  it.each([
    ['0500', 'write in'],
    ['0600', 'enter'],
  ] as const)('at %s, every command says its modes keep this user out, and the chmod that gives it back', async (mode, denied) => {
    // calls and targets list only read: a folder they may enter but not write in holds no history yet.
    const refusing = denied === 'enter' ? COMMANDS : COMMANDS.filter((args) => args[0] === 'serve' || args[0] === 'send');
    for (const args of refusing) {
      const dataDir = join(tempDir(), 'data');
      mkdirSync(dataDir);
      chmodSync(dataDir, Number.parseInt(mode, 8));
      const result = await runCli([...args, '--data-dir', dataDir], { FLOWENT_HMAC_KEY: 'key' }, asTheOwner);
      expect(result.code, args[0]).toBe(1);
      expect(result.stderr, args[0]).toBe(
        `flowent-companion ${args[0]}: The data folder ${dataDir} is this user's, but its modes (${mode}) do not let this user ${denied} it. ` +
          `Make it writable (chmod u+rwx ${dataDir}), or choose another folder with --data-dir or FLOWENT_COMPANION_DATA_DIR.\n`,
      );
    }
  });
});
