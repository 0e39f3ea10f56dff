// What `actions` prints of a change names the profile it was made in when --profile chose it,
// in the words the page's toasts use (main/contract/words/action-change-words.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { gatewayForOneTest } from '../helpers/account-gateway';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { runInProcess } from '../helpers/in-process-cli';
import { startCore } from '../helpers/running-core';

const { cleanups, tempDir } = cleanupsPerTest();

it('names --profile’s profile in each change it prints, and the profile in use without one', async () => {
  const defaultGateway = await gatewayForOneTest(cleanups);
  const staging = await gatewayForOneTest(cleanups, { apiTokens: { api_staging: 'tenant-s' } });
  const dataDir = tempDir();
  // The companion Flowent's registration check reaches: register --url links to it.
  const companion = await startCore({ dataDir });
  cleanups.push(() => companion.core.stop());
  const schema = join(dataDir, 'schema.json');
  writeFileSync(schema, '{"type": "object"}');
  const env = { FLOWENT_BASE_URL: defaultGateway.baseUrl, FLOWENT_API_TOKEN: 'api_test_token', FLOWENT_API_TOKEN_STAGING: 'api_staging' };
  const cli = (...args: string[]) => runInProcess(['actions', ...args, '--data-dir', dataDir], { env });
  expect((await cli('profile', 'add', 'staging', staging.baseUrl)).code).toBe(0);
  const url = `${companion.baseUrl}/actions/send_email`;

  const inStaging = (...args: string[]) => cli(...args, '--profile', 'staging');
  expect(
    await inStaging('register', 'send_email', '--description', 'D', '--schema', `@${schema}`, '--url', companion.baseUrl),
  ).toMatchObject({ code: 0, stdout: `Registered send_email (staging) → ${url} (linked; Flowent's registration check passed).\n` });
  expect((await inStaging('update', 'send_email', '--description', 'Again')).stdout).toBe(`Updated send_email (staging) → ${url}.\n`);
  expect(await inStaging('unlink', 'send_email')).toEqual({
    code: 0,
    stdout: 'Unlinked send_email (staging): it no longer follows the public URL.\n',
    stderr: '',
  });
  expect((await inStaging('unlink', 'send_email')).stdout).toBe('send_email (staging) was not linked.\n');
  expect((await inStaging('link', 'send_email', '--url', companion.baseUrl)).stdout).toBe(
    `Linked send_email (staging) → ${url}: it follows the public URL.\n`,
  );
  expect((await inStaging('delete', 'send_email')).stdout).toBe('Deleted send_email (staging).\n');
  expect((await inStaging('delete', 'send_email')).stdout).toBe('Flowent has no action send_email (staging): nothing was deleted.\n');
  expect(staging.stored()).toEqual([]);

  // Without --profile the change is in the profile in use, which goes without saying; with it,
  // the profile is read back even when it is the active one.
  expect((await cli('unlink', 'send_email')).stdout).toBe('send_email was not linked.\n');
  expect((await cli('unlink', 'send_email', '--profile', 'default')).stdout).toBe('send_email (default) was not linked.\n');
  // --json says what it said before: no words to parse.
  expect(JSON.parse((await inStaging('unlink', 'send_email', '--json')).stdout)).toEqual({ name: 'send_email', unlinked: false });
  expect(defaultGateway.stored()).toEqual([]);
});
