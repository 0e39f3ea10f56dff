// A `git pull` that stopped on a conflict leaves <<<<<<<, ======= and >>>>>>> lines in a project file.
// YAML reads them as half a dozen puzzles ("Implicit keys need to be on a single line", "Block
// scalar header includes extra characters"); the file's mistake is the conflict, said once.
import { mkdirSync, writeFileSync } from 'node:fs';
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

// send and replay put the file's mistake in brackets, and the conflict's own "(lines 5 to 9)" in
// those: "(a merge conflict is left in it (lines 5 to 9): ..., line 5)". Said flat now.
it('send and targets set in a project say a merge conflict in the deciding answer file in one flat sentence', async () => {
  const root = tempDir('fc-project-');
  const data = tempDir();
  mkdirSync(join(root, 'flowent', 'answers'), { recursive: true });
  writeFileSync(join(root, 'flowent', 'answers', 'send_email.yaml'), CONFLICTED_ANSWER.replace('mode: mock', 'mode: forward'));
  const run = (...args: string[]) => runCli([...args, '--data-dir', data], { FLOWENT_HMAC_KEY: 'key' }, { cwd: root });
  const conflict =
    'answers/send_email.yaml has a mistake: a merge conflict is left in it (lines 5 to 9): keep the lines you want, ' +
    'delete the others and the lines <<<<<<<, ======= and >>>>>>>, and save it.';

  const sent = await run('send', 'send_email', '--params', '{}');
  expect(sent).toMatchObject({ code: 1, stdout: '' });
  expect(sent.stderr).toBe(
    `flowent-companion send: ${conflict} Until it is fixed, where action send_email goes cannot be told: ` +
      'a running companion may still answer from the version it read before the mistake. Fix the file, or pass --target <url>.\n',
  );

  const set = await run('targets', 'set', 'send_email', 'http://127.0.0.1:9/actions/{action_name}');
  expect(set.code).toBe(1);
  expect(set.stderr).toBe(`flowent-companion targets: ${conflict} Fix the file first, so the change does not overwrite your edit.\n`);
});
