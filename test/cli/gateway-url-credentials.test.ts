// A Gateway URL with credentials in it (https://user:pw@host/) is refused before anything is
// saved or sent: the API token is what signs in to the Gateway, and a password in the URL would
// be stored in clear and repeated by every message that names the Gateway.
import { expect, it } from 'vitest';
import { runCli } from '../helpers/spawn-cli';
import { gatewayForOneTest } from '../helpers/account-gateway';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { cleanups, tempDir } = cleanupsPerTest();

const gateway = () => gatewayForOneTest(cleanups);

/** The stand-in's Gateway URL with a user and password in it. */
const withPassword = (baseUrl: string) => baseUrl.replace('http://', 'http://deploy:S3CRET@');

it('actions profile add refuses a Gateway URL with credentials (exit 2), says where the token goes, and saves nothing', async () => {
  const dataDir = tempDir();
  const { baseUrl } = await gateway();
  const added = await runCli(['actions', 'profile', 'add', 'staging', withPassword(baseUrl), '--data-dir', dataDir]);
  expect(added.code).toBe(2);
  expect(added.stderr).toContain('credentials do not belong in the Gateway URL');
  expect(added.stderr).toContain('FLOWENT_API_TOKEN');
  expect(added.stderr).toContain(baseUrl.replace('http://', 'http://deploy:***@'));
  expect(added.stdout + added.stderr).not.toContain('S3CRET');
  const listed = await runCli(['actions', 'profile', 'list', '--data-dir', dataDir], { FLOWENT_BASE_URL: '' });
  expect(listed.stdout).not.toContain('staging');
});

it('FLOWENT_BASE_URL with credentials is refused before anything is sent (exit 2), and profile list prints it without the password and refuses it in the same words', async () => {
  const dataDir = tempDir();
  const stand = await gateway();
  const env = { FLOWENT_BASE_URL: withPassword(stand.baseUrl), FLOWENT_API_TOKEN: 'api_test_token' };
  const listed = await runCli(['actions', 'list', '--data-dir', dataDir], env);
  expect(listed.code).toBe(2);
  expect(listed.stderr).toContain('FLOWENT_BASE_URL is "');
  expect(listed.stderr).toContain('credentials do not belong in the Gateway URL, so nothing was sent');
  expect(listed.stdout + listed.stderr).not.toContain('S3CRET');
  expect(stand.exchanges).toBe(0);

  // The list still says which Gateway applies, and that it is refused, as actions list refuses it.
  const profiles = await runCli(['actions', 'profile', 'list', '--data-dir', dataDir], env);
  expect(profiles.stdout).toContain(`* default  ${stand.baseUrl.replace('http://', 'http://deploy:***@')}  (from FLOWENT_BASE_URL`);
  expect(profiles).toMatchObject({ code: 2, stderr: listed.stderr });
  const json = await runCli(['actions', 'profile', 'list', '--json', '--data-dir', dataDir], env);
  expect(JSON.parse(json.stdout)).toMatchObject({ baseUrl: stand.baseUrl.replace('http://', 'http://deploy:***@') });
  expect(json).toMatchObject({ code: 2, stderr: listed.stderr });
  for (const run of [profiles, json]) expect(run.stdout + run.stderr).not.toContain('S3CRET');
});

it('profile list refuses a FLOWENT_BASE_URL that is no Gateway URL in the words of actions list, with another profile active too', async () => {
  const dataDir = tempDir();
  const stand = await gateway();
  const env = { FLOWENT_BASE_URL: 'gateway.example', FLOWENT_API_TOKEN: 'api_test_token' };
  const listed = await runCli(['actions', 'list', '--data-dir', dataDir], env);
  expect(listed).toMatchObject({
    code: 2,
    stderr: expect.stringContaining('FLOWENT_BASE_URL is "gateway.example", which is not a Gateway URL'),
  });
  const profiles = await runCli(['actions', 'profile', 'list', '--data-dir', dataDir], env);
  expect(profiles).toMatchObject({ code: 2, stdout: '* default  gateway.example  (from FLOWENT_BASE_URL)\n', stderr: listed.stderr });

  // Another profile active: the variable is still the default profile's Gateway, and still refused.
  expect((await runCli(['actions', 'profile', 'add', 'staging', stand.baseUrl, '--data-dir', dataDir], env)).code).toBe(0);
  expect((await runCli(['actions', 'profile', 'use', 'staging', '--data-dir', dataDir], env)).code).toBe(0);
  const other = await runCli(['actions', 'profile', 'list', '--data-dir', dataDir], env);
  expect(other).toMatchObject({
    code: 2,
    stdout: `  default  gateway.example  (from FLOWENT_BASE_URL)\n* staging  ${stand.baseUrl}\n`,
    stderr: listed.stderr,
  });
  expect(stand.exchanges).toBe(0);
});
