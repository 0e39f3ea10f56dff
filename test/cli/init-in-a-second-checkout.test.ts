// `init` in a second checkout of a project whose actions another project's serve is linked to:
// the files get `here` for them, and init says why and what it means there; one URL is written
// as one, as Flowent has it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli, startServe } from '../helpers/spawn-cli';
import { gatewayForOneTest } from '../helpers/account-gateway';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { cleanups, tempDir: temp } = cleanupsPerTest();

it('writes one URL as one, and names each file that got here because another serve is linked to its action', async () => {
  const gateway = await gatewayForOneTest(cleanups, { apiTokens: { api_test_token: 'tenant-1' } });
  const env = { FLOWENT_BASE_URL: gateway.baseUrl, FLOWENT_API_TOKEN: 'api_test_token' };
  const data = temp();
  const first = temp('fc-project-');
  mkdirSync(join(first, 'flowent', 'actions'), { recursive: true });
  writeFileSync(
    join(first, 'flowent', 'actions', 'send_email.yaml'),
    'version: 1\ndescription: Send an email\njson_schema: {type: object}\nwebhook_url: here\n',
  );
  const served = await startServe(['--port', '0', '--no-inspector', '--data-dir', data, '--project', first], env);
  cleanups.push(async () => {
    served.child.kill('SIGTERM');
    await served.exited;
  });
  const cli = (args: string[], cwd: string) => runCli([...args, '--data-dir', data], env, { cwd });
  expect((await cli(['actions', 'apply'], first)).code).toBe(0);
  // A URL given as such, not linked: Flowent's registration check reaches it.
  const elsewhere = `${served.baseUrl}/actions/make_note`;
  const registered = await cli(
    ['actions', 'register', 'make_note', '--description', 'Make a note', '--schema', '{}', '--webhook-url', elsewhere],
    first,
  );
  expect(registered.code, registered.stderr).toBe(0);

  const second = temp('fc-checkout-');
  const init = await cli(['init'], second);
  expect(init.code, init.stderr).toBe(0);
  const read = (file: string) => readFileSync(join(second, 'flowent', 'actions', file), 'utf8');
  expect(read('send_email.yaml')).toContain('\nwebhook_url: here\n');
  expect(read('make_note.yaml')).toContain(`\nwebhook_url: ${elsewhere}\n`);
  expect(init.stdout).toContain(
    `actions/send_email.yaml says webhook_url: here, as Flowent's send_email is linked to this companion at ${served.baseUrl}/actions/send_email ` +
      `(the serve at ${served.baseUrl} answers from ${join(first, 'flowent')}/answers).\n` +
      '  here means the serve answering from this project: "actions plan" and "apply" need one running here, and apply\n' +
      '  re-points the actions above to it. To leave one where it is, write its URL in place of here.\n',
  );
  expect(init.stdout).not.toContain('make_note.yaml says');
});
