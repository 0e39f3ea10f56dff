// A project folder this user may not write (a checkout owned by another user, a read-only mount):
// mocks set and targets set said so with a stack trace ("unexpected failure: Error: EACCES ...
// at writeFileAtomically"). They refuse, naming the file and what to do, and change nothing.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { runCli } from '../helpers/spawn-cli';
import { gatewayForOneTest } from '../helpers/account-gateway';

const { cleanups, tempDir } = cleanupsPerTest();

it('mocks set and targets set in a project whose answers/ is read-only refuse with the file and why, and write nothing', async () => {
  const root = tempDir('fc-project-');
  const data = tempDir();
  const run = (...args: string[]) => runCli([...args, '--data-dir', data], {}, { cwd: root, obeyingModes: true });
  expect((await run('init')).code).toBe(0);
  const answers = join(root, 'flowent', 'answers');
  const mock = join(tempDir(), 'mock.yaml');
  writeFileSync(mock, 'status: 200\nbody: {result: "from the file", error: ""}\n');
  const before = readFileSync(join(answers, '_default.yaml'), 'utf8');
  chmodSync(answers, 0o555);
  cleanups.push(() => chmodSync(answers, 0o755));

  const set = await run('mocks', 'set', 'send_email', '--file', mock);
  expect(set).toEqual({
    code: 1,
    stdout: '',
    stderr:
      'flowent-companion mocks: Not saved: flowent/answers/send_email.yaml cannot be written: permission denied: this user may not write it. ' +
      'Change the permissions of the project folder (or of the file), or run this as a user who may write it.\n',
  });
  const target = await run('targets', 'set', '--default', 'http://127.0.0.1:9/actions/{action_name}');
  expect(target.code).toBe(1);
  expect(target.stderr).toContain('Not saved: flowent/answers/_default.yaml cannot be written: permission denied');
  expect(target.stderr).not.toContain('    at ');
  expect(readFileSync(join(answers, '_default.yaml'), 'utf8')).toBe(before);
});

it('actions pull in a project whose actions/ is read-only refuses with the folder and why, and writes nothing', async () => {
  const gateway = await gatewayForOneTest(cleanups, { apiTokens: { team_token: 'tenant-1' } });
  gateway.storeAction({
    name: 'refund',
    description: 'Refund an order',
    json_schema: { type: 'object' },
    webhook_url: 'http://127.0.0.1:9/refund',
  });
  const root = tempDir('fc-project-');
  const env = { FLOWENT_BASE_URL: gateway.baseUrl, FLOWENT_API_TOKEN: 'team_token' };
  const run = (...args: string[]) => runCli([...args, '--data-dir', tempDir()], env, { cwd: root, obeyingModes: true });
  expect((await runCli(['init', '--data-dir', tempDir()], {}, { cwd: root })).code).toBe(0);
  const actions = join(root, 'flowent', 'actions');
  chmodSync(actions, 0o555);
  cleanups.push(() => chmodSync(actions, 0o755));

  const pulled = await run('actions', 'pull');
  expect(pulled).toEqual({
    code: 1,
    stdout: '',
    stderr:
      'flowent-companion actions pull: Nothing was pulled: actions/ cannot be written: permission denied: this user may not write it. ' +
      'Change the permissions of the project folder (or of the file), or run this as a user who may write it.\n',
  });
});
