// `actions pull` writes a webhook_url Flowent holds with a password as ***, as `mocks export`
// writes a forward: URL (action files are meant for git), and says so. Plan and apply then keep
// Flowent's URL, password and all: the *** is never sent as the password.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../helpers/spawn-cli';
import { gatewayForOneTest } from '../helpers/account-gateway';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { cleanups, tempDir } = cleanupsPerTest();

const REGISTERED = 'https://deploy:S3CRET@handler.example/actions/send_email';
const PULLED = 'https://deploy:***@handler.example/actions/send_email';

async function setup() {
  const gateway = await gatewayForOneTest(cleanups);
  gateway.storeAction({ name: 'send_email', description: 'Send', json_schema: { type: 'object' }, webhook_url: REGISTERED });
  const dataDir = tempDir();
  const root = tempDir('fc-project-');
  const env = { FLOWENT_BASE_URL: gateway.baseUrl, FLOWENT_API_TOKEN: 'api_test_token' };
  const actions = (...args: string[]) => runCli(['actions', ...args, '--data-dir', dataDir], env, { cwd: root });
  expect((await runCli(['init', '--data-dir', dataDir], { ...env, FLOWENT_API_TOKEN: '' }, { cwd: root })).code).toBe(0);
  const file = join(root, 'flowent', 'actions', 'send_email.yaml');
  return { gateway, actions, file };
}

it('pull writes the password as *** with a note naming the file; plan and apply keep the registered URL', async () => {
  const { gateway, actions, file } = await setup();
  const pulled = await actions('pull');
  expect(pulled.code, pulled.stderr).toBe(0);
  expect(pulled.stdout).toBe('Wrote actions/send_email.yaml.\n');
  expect(pulled.stderr).toContain('actions/send_email.yaml: the password in its webhook_url is written as ***');
  expect(readFileSync(file, 'utf8')).toContain(`\nwebhook_url: ${PULLED}\n`);

  const plan = await actions('plan');
  expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  expect(plan.stdout).toContain(
    'actions/send_email.yaml: its webhook_url has the password left out (***), so Flowent keeps the registered URL with its password.',
  );
  expect(plan.stdout).toContain('Nothing to do: Flowent matches the files.');
  const json = await actions('plan', '--json');
  expect(JSON.parse(json.stdout)).toMatchObject({ actions: [{ name: 'send_email', webhookUrl: PULLED, keepsRegisteredPassword: true }] });

  // A change to another field is sent with Flowent's URL, not the ***.
  writeFileSync(file, readFileSync(file, 'utf8').replace('description: Send', 'description: Send an email'));
  const changed = await actions('plan');
  expect(changed.code).toBe(3);
  expect(changed.stdout).not.toMatch(/^ {6}webhook_url:/m);
  const applied = await actions('apply');
  expect(applied).toMatchObject({ code: 0, stdout: 'Updated send_email.\n' });
  expect(gateway.stored()[0]).toMatchObject({ description: 'Send an email', webhook_url: REGISTERED });

  for (const run of [pulled, plan, json, changed, applied]) expect(run.stdout + run.stderr).not.toContain('S3CRET');
  expect(readFileSync(file, 'utf8')).not.toContain('S3CRET');
});

it('plan refuses a *** URL that stands for none Flowent holds (exit 2), sending nothing', async () => {
  const { gateway, actions, file } = await setup();
  expect((await actions('pull')).code).toBe(0);
  writeFileSync(file, readFileSync(file, 'utf8').replace('handler.example', 'moved.example'));
  for (const sub of ['plan', 'apply']) {
    const refused = await actions(sub);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('webhook_url has its password left out (***, as "actions pull" writes it)');
    expect(refused.stderr).toContain('actions/send_email.yaml');
    expect(refused.stdout + refused.stderr).not.toContain('S3CRET');
  }
  expect(gateway.stored()[0]).toMatchObject({ webhook_url: REGISTERED });
});

it('list and get, with --json too, print the webhook_url with its password as ***, as the text lines and targets list --json do', async () => {
  const { actions } = await setup();
  for (const args of [['list'], ['list', '--json'], ['get', 'send_email'], ['get', 'send_email', '--json']]) {
    const printed = await actions(...args);
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stdout).not.toContain('S3CRET');
    expect(printed.stdout).toContain(PULLED);
  }
  expect(JSON.parse((await actions('get', 'send_email', '--json')).stdout)).toMatchObject({ name: 'send_email', webhook_url: PULLED });
});

it('init, filling actions/ from Flowent, says of a URL written with *** what pull says', async () => {
  const gateway = await gatewayForOneTest(cleanups);
  gateway.storeAction({ name: 'send_email', description: 'Send', json_schema: { type: 'object' }, webhook_url: REGISTERED });
  const root = tempDir('fc-project-');
  const env = { FLOWENT_BASE_URL: gateway.baseUrl, FLOWENT_API_TOKEN: 'api_test_token' };
  const init = await runCli(['init', '--data-dir', tempDir()], env, { cwd: root });
  expect(init.code, init.stderr).toBe(0);
  expect(init.stdout).toContain('Wrote actions/send_email.yaml.\n');
  expect(init.stderr).toContain('actions/send_email.yaml: the password in its webhook_url is written as ***');
  expect(readFileSync(join(root, 'flowent', 'actions', 'send_email.yaml'), 'utf8')).toContain(`\nwebhook_url: ${PULLED}\n`);
  expect(init.stdout + init.stderr).not.toContain('S3CRET');
});
