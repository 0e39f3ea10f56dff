// A teammate edits an action file, and before applying it pulls another action someone changed on
// Flowent: pull wrote Flowent's version over every file, the uncommitted edit gone without a word
// ("Wrote actions/send_email.yaml."). A file changed since the last apply or pull is kept, and said.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { gatewayForOneTest } from '../helpers/account-gateway';
import { runCli } from '../helpers/spawn-cli';

const { cleanups, tempDir } = cleanupsPerTest();

/** A project made by `init` from Flowent's two actions, send_email and lookup_order, and the command run in it. */
async function projectOfTwoActions() {
  const gateway = await gatewayForOneTest(cleanups, { apiTokens: { team_token: 'tenant-1' } });
  const schema = { type: 'object' };
  gateway.storeAction({ name: 'send_email', description: 'Send an email', json_schema: schema, webhook_url: 'http://127.0.0.1:9/send' });
  gateway.storeAction({
    name: 'lookup_order',
    description: 'Look up an order',
    json_schema: schema,
    webhook_url: 'http://127.0.0.1:9/lookup',
  });
  const root = tempDir('fc-project-');
  const data = tempDir();
  const env = { FLOWENT_BASE_URL: gateway.baseUrl, FLOWENT_API_TOKEN: 'team_token' };
  const run = (...args: string[]) => runCli([...args, '--data-dir', data], env, { cwd: root });
  expect((await run('init')).code).toBe(0);
  return { gateway, schema, root, run };
}

it('actions pull keeps an action file changed since the last pull, writes the others, and says which it kept and how to take Flowent’s', async () => {
  const { gateway, schema, root, run } = await projectOfTwoActions();

  const sendEmail = join(root, 'flowent', 'actions', 'send_email.yaml');
  writeFileSync(
    sendEmail,
    readFileSync(sendEmail, 'utf8').replace('description: Send an email', 'description: Send an email to a customer'),
  );
  gateway.storeAction({
    name: 'lookup_order',
    description: 'Look up an order (on Flowent)',
    json_schema: schema,
    webhook_url: 'http://127.0.0.1:9/lookup',
  });

  const pulled = await run('actions', 'pull');
  expect(pulled.code).toBe(0);
  expect(pulled.stdout).toBe(
    'Wrote actions/lookup_order.yaml.\n' +
      'Kept actions/send_email.yaml: it was changed in the files since the last apply or pull, and pull does not write over that ' +
      '("flowent-companion actions apply" sends it to Flowent; "flowent-companion actions pull --force" writes Flowent\'s over it instead, ' +
      'and the change is lost).\n',
  );
  expect(readFileSync(sendEmail, 'utf8')).toContain('description: Send an email to a customer\n');
  expect(readFileSync(join(root, 'flowent', 'actions', 'lookup_order.yaml'), 'utf8')).toContain(
    'description: Look up an order (on Flowent)\n',
  );

  // Undone, it is Flowent's again at the next pull.
  writeFileSync(
    sendEmail,
    readFileSync(sendEmail, 'utf8').replace('description: Send an email to a customer', 'description: Send an email'),
  );
  gateway.storeAction({ name: 'send_email', description: 'Send one email', json_schema: schema, webhook_url: 'http://127.0.0.1:9/send' });
  expect((await run('actions', 'pull')).stdout).toBe('Wrote actions/send_email.yaml.\n');
  expect(readFileSync(sendEmail, 'utf8')).toContain('description: Send one email\n');
});

// Kept, the file could only be taken back by hand (git checkout, then pull again): a teammate who
// wants Flowent's version of every action, their edits dropped, had no one command for it.
it('actions pull --force writes Flowent’s version over a file changed since the last pull, and says which it overwrote', async () => {
  const { gateway, schema, root, run } = await projectOfTwoActions();

  const sendEmail = join(root, 'flowent', 'actions', 'send_email.yaml');
  const pulledText = readFileSync(sendEmail, 'utf8');
  writeFileSync(
    sendEmail,
    `# Our wording.\n${pulledText.replace('description: Send an email', 'description: Send an email to a customer')}`,
  );
  gateway.storeAction({
    name: 'lookup_order',
    description: 'Look up an order (on Flowent)',
    json_schema: schema,
    webhook_url: 'http://127.0.0.1:9/lookup',
  });

  const forced = await run('actions', 'pull', '--force');
  expect(forced, forced.stderr).toMatchObject({ code: 0, stderr: '' });
  expect(forced.stdout).toBe(
    "Overwrote actions/send_email.yaml with Flowent's version: the change made in it since the last apply or pull is gone.\n" +
      'Wrote actions/lookup_order.yaml.\n',
  );
  // Flowent's values, the file's comments kept as a pull keeps them.
  expect(readFileSync(sendEmail, 'utf8')).toBe(`# Our wording.\n${pulledText}`);
  // In line with Flowent now: the next pull has nothing to keep nor write.
  const again = await run('actions', 'pull');
  expect(again.stdout).toMatch(/^Nothing to write: /);

  expect((await run('actions', 'plan', '--force')).stderr).toContain('--force does not apply to "actions plan".');
});

it('says in `actions --help` that pull keeps a file changed since it was last applied or pulled, and --force writes over it', async () => {
  const help = await runCli(['actions', '--help']);
  expect(help.code, help.stderr).toBe(0);
  const said = help.stdout.replace(/\s+/g, ' ');
  expect(said).toContain('a file changed since it was last applied or pulled is kept and said (apply sends it)');
  expect(said).toContain("--force: pull writes Flowent's version over such changed files too, and says which it overwrote");
});
