// A `git pull` that stopped on a conflict leaves <<<<<<<, ======= and >>>>>>> lines in a project file.
// YAML reads them as half a dozen puzzles ("Implicit keys need to be on a single line", "Block
// scalar header includes extra characters"); the file's mistake is the conflict, said once.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { runCli } from '../helpers/spawn-cli';

const { tempDir } = cleanupsPerTest();

const CONFLICTED_ANSWER = [
  'version: 1',
  'mode: mock',
  'status: 200',
  'body:',
  '<<<<<<< HEAD',
  '  result: "Bob sent to {{parameters.recipient}}"',
  '=======',
  '  result: "Alice sent to {{parameters.recipient}}"',
  '>>>>>>> b973e4745ec4eaac0d18b55bd7839c846a25b421',
  '  error: ""',
  '',
].join('\n');

const CONFLICTED_ACTION = [
  'version: 1',
  'name: refund',
  '<<<<<<< HEAD',
  'description: Refund an order',
  '||||||| base',
  'description: Refund',
  '=======',
  'description: Refund a whole order',
  '>>>>>>> main',
  'json_schema: {type: object}',
  'webhook_url: http://127.0.0.1:9/actions/refund',
  '',
].join('\n');

it('an answer file or an action file with a merge conflict left in it is said once, at its <<<<<<< line, with what to do', async () => {
  const root = tempDir('fc-project-');
  const data = tempDir();
  const run = (...args: string[]) => runCli([...args, '--data-dir', data], {}, { cwd: root });
  expect((await run('init')).code).toBe(0);
  writeFileSync(join(root, 'flowent', 'answers', 'send_email.yaml'), CONFLICTED_ANSWER);
  writeFileSync(join(root, 'flowent', 'actions', 'refund.yaml'), CONFLICTED_ACTION);

  const listed = await run('mocks', 'list');
  expect(listed.stderr).not.toContain('not valid YAML');
  expect(listed.stderr).toContain(
    'Project: answers/send_email.yaml has a mistake; it is not used until fixed:\n' +
      '  answers/send_email.yaml:5:1: a merge conflict is left in it (lines 5 to 9): keep the lines you want, delete the others and the lines ' +
      '<<<<<<<, ======= and >>>>>>>, and save it\n',
  );

  const planned = await run('actions', 'plan');
  expect(planned.code).toBe(2);
  expect(planned.stderr).toBe(
    'flowent-companion actions plan: A project file has a mistake; fix it first:\n' +
      '  actions/refund.yaml:3:1: a merge conflict is left in it (lines 3 to 9): keep the lines you want, delete the others and the lines ' +
      '<<<<<<<, |||||||, ======= and >>>>>>>, and save it\n',
  );
});
