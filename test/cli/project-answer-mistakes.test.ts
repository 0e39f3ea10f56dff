import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { runCli } from '../helpers/spawn-cli';
import { saveByRename, serveOnProject } from '../helpers/serve-on-project';

const { cleanups, tempDir } = cleanupsPerTest();

const BROKEN = 'version: 1\nstatus: [oops\n';
/** An answer file as a team writes one: comments beside the mock, which `mocks get` and the page show. */
const COMMENTED = 'version: 1\n# keep: owned by team X\nstatus: 200 # the usual\nbody: {result: "old", error: ""}\n';

/** How `serve` and the commands say bad_one.yaml's mistake: the file, what answers meanwhile, and where. */
const BAD_ONE_SAID = /^Project: answers\/bad_one\.yaml has a mistake; it is not used until fixed:\n {2}answers\/bad_one\.yaml:2:\d+: .+\n/m;

/** A project made by `init`, with bad_one.yaml broken and other.yaml commented; commands run in it. */
async function project() {
  const root = tempDir('fc-project-');
  const data = tempDir();
  const run = (...args: string[]) => runCli([...args, '--data-dir', data], {}, { cwd: root });
  expect((await run('init')).code).toBe(0);
  const answers = join(root, 'flowent', 'answers');
  writeFileSync(join(answers, 'bad_one.yaml'), BROKEN);
  writeFileSync(join(answers, 'other.yaml'), COMMENTED);
  return { root, answers, run };
}

describe('an answer file with a mistake, to the mocks and targets commands run in the project', () => {
  // Seen by a team whose every answer file had a mistake: `mocks list` said "No mocks stored ...
  // Add one with mocks set", above the mistakes of the files that hold them.
  it('mocks list with every answer file broken says no mock is in use because of them, not that none is stored', async () => {
    const { answers, run } = await project();
    writeFileSync(join(answers, 'other.yaml'), BROKEN);
    const listed = await run('mocks', 'list');
    expect(listed.code).toBe(2);
    expect(listed.stdout).toBe('');
    expect(listed.stderr).toMatch(
      /^No mocks in use: the answer files below have mistakes and are not used until fixed, so every action answers /,
    );
    expect(listed.stderr).not.toContain('No mocks stored');
    expect(listed.stderr).toMatch(BAD_ONE_SAID);
  });

  it('is named with its line, column and what answers meanwhile by mocks list, mocks get and targets list', async () => {
    const { run } = await project();

    // Listed as ever, but not exit 0: a script (CI, say) took the list for all the answers, a broken file left out unseen.
    const listed = await run('mocks', 'list');
    expect(listed.code).toBe(2);
    expect(listed.stdout).toMatch(/^other {2}one answer: 200\n$/);
    expect(listed.stderr).toMatch(BAD_ONE_SAID);
    // --json keeps stdout one object a mock, and says the mistake where people read.
    const json = await run('mocks', 'list', '--json');
    expect(json.code).toBe(2);
    expect(json.stdout.trim().split('\n')).toHaveLength(1);
    expect(json.stderr).toMatch(BAD_ONE_SAID);

    const got = await run('mocks', 'get', 'bad_one');
    expect(got).toMatchObject({ code: 2, stdout: '' });
    expect(got.stderr).toMatch(BAD_ONE_SAID);
    expect(got.stderr).toContain('there is no mock for action bad_one, nor a default mock, so it gets the built-in answer');
    // Its own file's mistake only: other.yaml's mock is printed with nothing of bad_one's said.
    expect((await run('mocks', 'get', 'other')).stderr).toBe('');

    const targets = await run('targets', 'list');
    expect(targets.code).toBe(0);
    expect(targets.stderr).toMatch(BAD_ONE_SAID);
  });

  it('says the same words serve says at its start, and that a running serve may answer from a good version read before', async () => {
    const { dir, server, data } = await serveOnProject(cleanups, { 'answers/bad_one.yaml': 'version: 1\nstatus: 200\n' });
    saveByRename(join(dir, 'answers', 'bad_one.yaml'), BROKEN);
    const [, served] = await server.waitFor(/answers\/bad_one\.yaml has a mistake; its last good version keeps answering:\n {2}(.+)\n/);

    const listed = await runCli(['mocks', 'list', '--data-dir', data.path], {}, { cwd: join(dir, '..') });
    expect(listed.stderr).toContain(`Project: answers/bad_one.yaml has a mistake; it is not used until fixed:\n  ${served}\n`);
    expect(listed.stderr).toContain(
      `Note: the serve at ${server.baseUrl} also answers from these files: there, a file it read good before its mistake keeps answering in that version.`,
    );
  });
});

it('says in `mocks --help` that mocks list exits 2 when an answer file has a mistake', async () => {
  const help = await runCli(['mocks', '--help']);
  expect(help.code, help.stderr).toBe(0);
  expect(help.stdout.replace(/\s+/g, ' ')).toContain(
    '2 usage, a mock file or an answer file with a mistake (list exits 2 when any has one, having listed the others and named it)',
  );
});

describe('mocks get in a project', () => {
  // It printed the file's mock as JSON, though its help says "as it was written".
  // set wrote the edited values back but dropped the comments changed or added in the printed text.
  it("prints the answer file's own text, comments kept, without the fields that are not the mock; set takes it back as edited", async () => {
    const { root, answers, run } = await project();
    const got = await run('mocks', 'get', 'other');
    expect(got).toEqual({
      code: 0,
      stdout: '# keep: owned by team X\nstatus: 200 # the usual\nbody: {result: "old", error: ""}\n',
      stderr: '',
    });

    const edited = (text: string) =>
      text.replace('# the usual', '# the usual answer').replace('body: {result: "old"', '# what the flow shows\nbody: {result: "new"');
    writeFileSync(join(root, 'edited.yaml'), edited(got.stdout));
    expect((await run('mocks', 'set', 'other', '--file', join(root, 'edited.yaml'))).code).toBe(0);
    expect(readFileSync(join(answers, 'other.yaml'), 'utf8')).toBe(edited(COMMENTED));
  });
});
