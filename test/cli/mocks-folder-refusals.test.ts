// `mocks import <dir>` and `mocks export <dir>` given a path that is not a usable folder: each is
// refused in words, with the README's exit code, and never as a crash with a stack trace.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { tempDir } = cleanupsPerTest();

const cli = (args: string[], cwd: string) => runInProcess(args, { env: {}, cwd });
const MOCK = 'body: {result: "hi", error: ""}\n';

/** A history with one mock stored: `mocks export` only reads one that exists. */
async function historyWithAMock(): Promise<string> {
  const data = tempDir();
  writeFileSync(join(data, 'mock.yaml'), MOCK);
  expect((await cli(['mocks', 'set', 'send_email', '--file', join(data, 'mock.yaml'), '--data-dir', data], data)).code).toBe(0);
  return data;
}

describe('mocks import of a path that is not a folder of answer files', () => {
  it('refuses one mock file as a usage mistake (exit 2), and says how to store it with mocks set', async () => {
    const root = tempDir();
    const file = join(root, 'mock.yaml');
    writeFileSync(file, MOCK);
    const imported = await cli(['mocks', 'import', file, '--data-dir', join(root, 'data')], root);
    expect(imported.code).toBe(2);
    expect(imported.stdout).toBe('');
    expect(imported.stderr).toMatch(/^flowent-companion mocks: nothing was imported\. \S+\/mock\.yaml is a file, not a folder/);
    expect(imported.stderr).toContain('"flowent-companion mocks export <dir>"');
    expect(imported.stderr).toContain(`run "flowent-companion mocks set <action> --file ${file}"`);
    expect(imported.stderr).not.toMatch(/\n\s+at /);
  });

  it('says there is no such folder (exit 2) rather than importing nothing from it', async () => {
    const root = tempDir();
    const imported = await cli(['mocks', 'import', join(root, 'typo'), '--data-dir', join(root, 'data')], root);
    expect(imported).toMatchObject({ code: 2, stdout: '' });
    expect(imported.stderr).toMatch(/^flowent-companion mocks: nothing was imported\. There is no folder \S+\/typo\. Check the path/);
  });

  it('says a folder holds no answer files (exit 1), as flowent/ itself does, where flowent/answers/ is meant', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'flowent', 'answers'), { recursive: true });
    writeFileSync(join(root, 'flowent', 'answers', 'send_email.yaml'), `version: 1\n${MOCK}`);
    writeFileSync(join(root, 'flowent', 'README.md'), 'not an answer file\n');
    const imported = await cli(['mocks', 'import', join(root, 'flowent'), '--data-dir', join(root, 'data')], root);
    expect(imported).toMatchObject({ code: 1, stdout: '' });
    expect(imported.stderr).toMatch(
      /^flowent-companion mocks: nothing was imported\. \S+\/flowent holds no answer files \(<action>\.yaml, _default\.yaml\)/,
    );
    expect(imported.stderr).toContain('such as flowent/answers');
  });
});

describe('mocks export into a path where no folder can be made', () => {
  it('says it cannot write where a file has the name (exit 1), and leaves the file alone', async () => {
    const data = await historyWithAMock();
    const root = tempDir();
    writeFileSync(join(root, 'f'), 'mine\n');
    const exported = await cli(['mocks', 'export', join(root, 'f'), '--data-dir', data], root);
    expect(exported).toMatchObject({ code: 1, stdout: '' });
    expect(exported.stderr).toMatch(/^flowent-companion mocks: Cannot write the answers into \S+\/f: it is a file, not a folder\. /);
    expect(exported.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(root, 'f'), 'utf8')).toBe('mine\n');
  });

  it('says it cannot write below a file (exit 1)', async () => {
    const data = await historyWithAMock();
    const root = tempDir();
    writeFileSync(join(root, 'f'), 'mine\n');
    const exported = await cli(['mocks', 'export', join(root, 'f', 'sub'), '--data-dir', data], root);
    expect(exported).toMatchObject({ code: 1, stdout: '' });
    expect(exported.stderr).toMatch(
      /^flowent-companion mocks: Cannot write the answers into \S+\/f\/sub: a part of its path is a file, not a folder\. /,
    );
  });
});
