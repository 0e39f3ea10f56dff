// What the command says when a file cannot be read or written, or a flag is wrong: a sentence
// that says what happened and what to do, never a bare system code or Node's parser wording.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileProblemClause } from '../../main/contract/words';
import { runInProcess } from '../helpers/in-process-cli';
import { makeTempDir } from '../helpers/temp-dir';

const dir = makeTempDir();
afterAll(() => dir.remove());
const at = (name: string) => join(dir.path, name);
const run = (args: string[]) => runInProcess([...args, '--data-dir', dir.path], { env: {}, cwd: dir.path });
/** No system code in parentheses and no Node parser wording. */
const RAW = /\((ENOENT|EISDIR|EACCES|ENOTDIR|EMFILE)\)|argument missing|Unknown option|does not take an argument/;

describe('a file that cannot be read or written', () => {
  it('says there is no such file, for every flag or argument that names one', async () => {
    const missing = at('missing.har');
    for (const args of [
      ['import', missing],
      ['mocks', 'set', 'x', '--file', missing],
      ['send', 'x', '--params', `@${missing}`],
    ]) {
      const result = await run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(`cannot read ${missing}: there is no such file. Check its name and folder.`);
      expect(result.stderr).not.toMatch(RAW);
    }
  });

  it('says a folder is not a file', async () => {
    mkdirSync(at('a-folder'));
    const result = await run(['mocks', 'set', 'x', '--file', at('a-folder')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`cannot read ${at('a-folder')}: it is a folder, not a file. Name a file.`);
  });

  it('says which folder is missing when a file cannot be written', async () => {
    // A history to export from: one imported call.
    const har = {
      log: {
        version: '1.2',
        entries: [
          {
            startedDateTime: new Date().toISOString(),
            request: { method: 'POST', url: 'http://x/actions/a', headers: [], postData: { mimeType: 'application/json', text: '{}' } },
            response: { status: 200, headers: [], content: { text: '{}' } },
          },
        ],
      },
    };
    writeFileSync(at('one.har'), JSON.stringify(har));
    expect((await run(['import', at('one.har')])).code).toBe(0);
    const target = at('nonexistentdir/x.har');
    const result = await run(['export', '--har', target]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `cannot write ${target}: its folder does not exist. Create the folder first, or choose a file in a folder that exists.`,
    );
    expect(result.stderr).not.toMatch(RAW);
  });

  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)('says permission is denied', async () => {
    writeFileSync(at('private.json'), '{}');
    chmodSync(at('private.json'), 0o000);
    const result = await run(['send', 'x', '--params', `@${at('private.json')}`]);
    expect(result.stderr).toContain(`cannot read ${at('private.json')}: permission denied: this user may not read it.`);
  });

  it('words every code it knows, and keeps the code of one it does not', () => {
    const coded = (code: string) => Object.assign(new Error(`${code}: x`), { code });
    for (const code of [
      'ENOENT',
      'EACCES',
      'EPERM',
      'EISDIR',
      'ENOTDIR',
      'EMFILE',
      'ENFILE',
      'ENOSPC',
      'EROFS',
      'ENAMETOOLONG',
      'ELOOP',
      'EFBIG',
    ]) {
      for (const act of ['read', 'written'] as const) expect(fileProblemClause(coded(code), act)).not.toContain(code);
    }
    expect(fileProblemClause(coded('EWHATEVER'), 'read')).toContain('EWHATEVER');
    // A failure passed on by value keeps only the code: said without an "[object Object]".
    expect(fileProblemClause({ code: 'EWHATEVER' }, 'written')).toBe('the system refused it (EWHATEVER)');
  });
});

describe('a flag the command cannot read', () => {
  it.each([
    [['calls', '--data-dir'], '--data-dir needs a value: --data-dir <value>.'],
    [['calls', '--nope'], '--nope is not an option of this command. Check its spelling.'],
    [['calls', '--json=yes'], '--json takes no value: give --json alone.'],
    [['serve', 'extra'], 'unexpected argument "extra": this command takes options only.'],
    [['calls', 'extra'], '"extra" is not a call id (a whole number, as "flowent-companion calls" prints them).'],
    [['serve', '--port', '--json'], '--port needs a value, and what follows it starts with a dash.'],
  ])('%j says what was wrong and what to do', async (args, words) => {
    const result = await runInProcess(args, { env: {}, cwd: dir.path });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(words);
    expect(result.stderr).not.toMatch(RAW);
  });

  it('calls an option before any command an option, not an unknown command', async () => {
    const result = await runInProcess(['--nope'], { env: {}, cwd: dir.path });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--nope is not an option here: options follow a command');
    expect(result.stderr).not.toContain('unknown command');
  });
});
