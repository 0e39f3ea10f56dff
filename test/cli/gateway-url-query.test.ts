// A Gateway URL with a query string or a fragment is refused where one with credentials is:
// the Gateway's paths are appended to it, and after "?token=…" they became part of the query
// (`POST /x?token=…/token/exchange`), so the request went to the URL's own path.
import { expect, it } from 'vitest';
import { openStore } from '../../main/core/store/open-store';
import { runCli } from '../helpers/spawn-cli';
import { gatewayForOneTest } from '../helpers/account-gateway';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { cleanups, tempDir } = cleanupsPerTest();

const gateway = () => gatewayForOneTest(cleanups);

it.each([
  ['a query string', '?token=qsTOKEN&qsFLAG', '?token=***&***', 'query string', '?'],
  ['a fragment', '#access_token=qsTOKEN', '#***', 'fragment', '#'],
])(
  'FLOWENT_BASE_URL with %s is refused before anything is sent (exit 2), by actions list and profile list alike, saying what to remove without printing its values',
  async (_what, extra, printed, named, mark) => {
    const dataDir = tempDir();
    const stand = await gateway();
    const env = { FLOWENT_BASE_URL: `${stand.baseUrl}${extra}`, FLOWENT_API_TOKEN: 'api_test_token' };
    const listed = await runCli(['actions', 'list', '--data-dir', dataDir], env);
    expect(listed.code).toBe(2);
    expect(listed.stderr).toContain(
      `FLOWENT_BASE_URL is "${stand.baseUrl}${printed}": a Gateway URL takes no ${named} (the Gateway's paths are added after it), so nothing was sent.`,
    );
    expect(listed.stderr).toContain(`Remove the part from "${mark}" on: ${stand.baseUrl}.`);
    expect(stand.exchanges).toBe(0);
    expect(stand.requests).toEqual([]);

    const profiles = await runCli(['actions', 'profile', 'list', '--data-dir', dataDir], env);
    expect(profiles).toMatchObject({
      code: 2,
      stdout: `* default  ${stand.baseUrl}${printed}  (from FLOWENT_BASE_URL)\n`,
      stderr: listed.stderr,
    });
    const json = await runCli(['actions', 'profile', 'list', '--json', '--data-dir', dataDir], env);
    expect(JSON.parse(json.stdout)).toMatchObject({ baseUrl: `${stand.baseUrl}${printed}` });
    for (const run of [listed, profiles, json]) expect(run.stdout + run.stderr).not.toMatch(/qsTOKEN|qsFLAG/);
  },
);

it('actions profile add refuses a Gateway URL with a query string (exit 2) and saves nothing', async () => {
  const dataDir = tempDir();
  const { baseUrl } = await gateway();
  const added = await runCli(['actions', 'profile', 'add', 'staging', `${baseUrl}?`, '--data-dir', dataDir]);
  expect(added.code).toBe(2);
  expect(added.stderr).toContain(
    `"${baseUrl}?": a Gateway URL takes no query string (the Gateway's paths are added after it), so it was not saved.`,
  );
  const listed = await runCli(['actions', 'profile', 'list', '--data-dir', dataDir], { FLOWENT_BASE_URL: '' });
  expect(listed.stdout).not.toContain('staging');
});

it('actions profile add refuses a Gateway URL with a token in its query without printing the token', async () => {
  const { baseUrl } = await gateway();
  const added = await runCli(['actions', 'profile', 'add', 'staging', `${baseUrl}?token=qsTOKEN`, '--data-dir', tempDir()]);
  expect(added.code).toBe(2);
  expect(added.stderr).toContain(`"${baseUrl}?token=***": a Gateway URL takes no query string`);
  expect(added.stdout + added.stderr).not.toContain('qsTOKEN');
});

it.each([
  [
    'a query string',
    '?token=qsTOKEN',
    '?token=***',
    "a Gateway URL takes no query string (the Gateway's paths are added after it), so nothing was sent.",
  ],
  ['credentials', '', '', 'credentials do not belong in the Gateway URL, so nothing was sent.'],
])(
  'a profile saved with %s in its URL (before the rule, or by hand) is refused when used, saying it was saved and how to save it again, and never printing the secret',
  async (_what, extra, printed, refusal) => {
    const dataDir = tempDir();
    const stand = await gateway();
    const credentials = extra === '';
    const savedUrl = credentials ? stand.baseUrl.replace('http://', 'http://deploy:qsTOKEN@') : `${stand.baseUrl}${extra}`;
    const shown = credentials ? stand.baseUrl.replace('http://', 'http://deploy:***@') : `${stand.baseUrl}${printed}`;
    const store = openStore({ dataDir });
    if (!store.ok) throw new Error(store.code);
    store.value.settings.scope('flowent').write('profiles', [{ name: 'staging', baseUrl: savedUrl }]);
    store.value.close();

    const env = { FLOWENT_API_TOKEN_STAGING: 'api_test_token' };
    const listed = await runCli(['actions', 'list', '--profile', 'staging', '--data-dir', dataDir], env);
    expect(listed.code).toBe(2);
    expect(listed.stderr).toContain(`The Gateway URL saved with the profile "staging" is "${shown}": ${refusal}`);
    expect(listed.stderr).toContain(
      'save the profile again with it (add it with "flowent-companion actions profile add staging <gateway-url>")',
    );
    expect(listed.stderr).not.toContain('not saved');
    expect(stand.exchanges).toBe(0);

    const profiles = await runCli(['actions', 'profile', 'list', '--data-dir', dataDir], env);
    expect(profiles.stdout).toContain(`  staging  ${shown}\n`);
    for (const run of [listed, profiles]) expect(run.stdout + run.stderr).not.toContain('qsTOKEN');
  },
);
