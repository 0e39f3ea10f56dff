// `actions apply` says each step in the words every change to an action is said in
// (main/contract/words/action-change-words.ts): a create is a register, and --profile's profile
// is named as the other actions commands name it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { gatewayForOneTest } from '../helpers/account-gateway';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { runInProcess } from '../helpers/in-process-cli';
import { startCore } from '../helpers/running-core';

const { cleanups, tempDir } = cleanupsPerTest();

const actionFile = (description: string, webhookUrl: string) =>
  `version: 1\ndescription: ${description}\njson_schema: {type: object}\nwebhook_url: ${webhookUrl}\n`;

it('says a create as Registered, and names the profile only when --profile chose it', async () => {
  const defaultGateway = await gatewayForOneTest(cleanups);
  const staging = await gatewayForOneTest(cleanups, { apiTokens: { api_staging: 'tenant-s' } });
  const dataDir = tempDir();
  const root = tempDir('fc-apply-lines-');
  // The companion Flowent's registration check reaches.
  const companion = await startCore({ dataDir });
  cleanups.push(() => companion.core.stop());
  const url = (name: string) => `${companion.baseUrl}/actions/${name}`;
  mkdirSync(join(root, 'flowent', 'actions'), { recursive: true });
  for (const name of ['a_new', 'b_changed'])
    writeFileSync(join(root, 'flowent', 'actions', `${name}.yaml`), actionFile(`Does ${name}`, url(name)));
  const onFlowent = (name: string, description: string) => ({ name, description, json_schema: { type: 'object' }, webhook_url: url(name) });
  const tenants = [
    [defaultGateway, 'tenant-1'],
    [staging, 'tenant-s'],
  ] as const;
  for (const [gateway, tenant] of tenants) {
    gateway.storeAction(onFlowent('b_changed', 'Said otherwise on Flowent'), tenant);
    gateway.storeAction(onFlowent('c_gone', 'Has no file'), tenant);
  }
  const env = { FLOWENT_BASE_URL: defaultGateway.baseUrl, FLOWENT_API_TOKEN: 'api_test_token', FLOWENT_API_TOKEN_STAGING: 'api_staging' };
  const cli = (...args: string[]) => runInProcess(['actions', ...args, '--data-dir', dataDir], { env, cwd: root });
  expect((await cli('profile', 'add', 'staging', staging.baseUrl)).code).toBe(0);

  expect(await cli('apply', '--prune', '--profile', 'staging')).toMatchObject({
    code: 0,
    stdout: 'Registered a_new (staging).\nUpdated b_changed (staging).\nDeleted c_gone (staging).\n',
  });
  expect(await cli('apply', '--prune')).toMatchObject({
    code: 0,
    stdout: 'Registered a_new.\nUpdated b_changed.\nDeleted c_gone.\n',
  });
  expect(await cli('apply', '--prune')).toMatchObject({ code: 0, stdout: 'Nothing to do: Flowent matches the files.\n' });
  // --json says what it said before: no words to parse.
  const applied = JSON.parse((await cli('apply', '--json', '--profile', 'staging')).stdout) as { done: unknown[] };
  expect(applied.done).toEqual([]);
  for (const [gateway, tenant] of tenants)
    expect(
      gateway
        .stored(tenant)
        .map((action) => action.name)
        .sort(),
    ).toEqual(['a_new', 'b_changed']);
});
