import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/spawn-cli';
import { gatewayForOneTest } from '../helpers/account-gateway';
import { recordServe } from '../helpers/recorded-serve';
import { actionsRigs, lines, uncheckedUpdate } from './actions-command-setup';

const { setup, cleanups, tempDir } = actionsRigs();

describe('flowent-companion actions: --here, links and profiles', () => {
  it('--here uses the URL a running serve recorded; profiles switch the Gateway and token', async () => {
    const { gateway, companion, dataDir, schema, cli } = await setup();
    recordServe(dataDir, companion.baseUrl);
    const here = await cli(['register', 'send_email', '--description', 'D', '--schema', schema, '--here']);
    expect(here).toMatchObject({ code: 0, stderr: expect.stringContaining('serve has no public URL') });
    expect(gateway.stored()).toMatchObject([{ webhook_url: `${companion.baseUrl}/actions/send_email` }]);

    const staging = await gatewayForOneTest(cleanups, { apiTokens: { api_staging: 'tenant-s' } });
    expect((await cli(['profile', 'add', 'staging', staging.baseUrl])).code).toBe(0);
    expect(await cli(['list', '--profile', 'staging'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('FLOWENT_API_TOKEN_STAGING'),
    });
    expect(await cli(['list', '--profile', 'staging', '--json'], { FLOWENT_API_TOKEN_STAGING: 'api_staging' })).toMatchObject({
      code: 0,
      stdout: '',
    });
    expect((await cli(['profile', 'use', 'staging'])).stdout).toBe(`Using profile staging (${staging.baseUrl}).\n`);
    expect(lines((await cli(['profile', 'list', '--json'])).stdout)).toMatchObject([
      { name: 'default', active: false },
      { name: 'staging', active: true },
    ]);
    // unlink works in the active profile, or in --profile's: send_email is linked under default only.
    expect((await cli(['unlink', 'send_email'])).stdout).toBe('send_email was not linked.\n');
    expect((await cli(['unlink', 'send_email', '--profile', 'default'])).stdout).toBe(
      'Unlinked send_email (default): it no longer follows the public URL.\n',
    );
    expect((await cli(['links'])).stdout).toBe('');
    expect(await cli(['profile', 'use', 'nowhere'])).toMatchObject({ code: 2 });
    expect(staging.exchanges).toBe(1);
  });

  it('FLOWENT_BASE_URL wins over a saved default Gateway, and profile list says which applies', async () => {
    const { gateway, cli } = await setup();
    const other = await gatewayForOneTest(cleanups);
    const added = await cli(['profile', 'add', 'default', other.baseUrl]);
    expect(added).toMatchObject({
      code: 0,
      stdout: `Profile default saved: ${other.baseUrl}.\n`,
      stderr: expect.stringContaining(
        `Note: FLOWENT_BASE_URL is set (${gateway.baseUrl}): it is the default profile's Gateway for this run, and the saved URL applies when it is unset.\n`,
      ),
    });
    expect((await cli(['list'])).code).toBe(0);
    expect(gateway.exchanges).toBe(1);
    expect(other.exchanges).toBe(0);
    expect((await cli(['profile', 'list'])).stdout).toBe(
      `* default  ${gateway.baseUrl}  (from FLOWENT_BASE_URL; the saved ${other.baseUrl} applies when it is unset)\n`,
    );
    expect(lines((await cli(['profile', 'list', '--json'])).stdout)).toEqual([
      { name: 'default', baseUrl: gateway.baseUrl, active: true, from: 'environment', saved: other.baseUrl },
    ]);
    // Unset, the saved URL applies.
    expect((await cli(['list'], { FLOWENT_BASE_URL: '' })).code).toBe(0);
    expect(other.exchanges).toBe(1);
    expect((await cli(['profile', 'list'], { FLOWENT_BASE_URL: '' })).stdout).toBe(
      `* default  ${other.baseUrl}  (saved; FLOWENT_BASE_URL wins when set)\n`,
    );
  });

  it('link refusing an action that points elsewhere names --profile in its fix-it when it ran with another profile than the one in use', async () => {
    const { gateway, companion, schema, cli } = await setup();
    const registered = ['register', 'send_email', '--description', 'D', '--schema', schema, '--webhook-url'];
    expect((await cli([...registered, `${companion.baseUrl}/actions/send_email`])).code).toBe(0);
    // Someone else's handler (the Gateway checks a URL only at registration).
    expect((await cli(['update', 'send_email', '--webhook-url', `${companion.baseUrl}/ok/send_email`])).code).toBe(0);
    // The same Gateway and tenant under a second profile.
    expect((await cli(['profile', 'add', 'staging', gateway.baseUrl])).code).toBe(0);
    const token = { FLOWENT_API_TOKEN_STAGING: 'api_test_token' };
    const fixIt = (profile: string) =>
      `"flowent-companion actions link send_email --here${profile}" (a running serve's URL) or "--url <the companion's base URL>"; ` +
      `"actions update send_email --here${profile}" does the same`;
    const withStaging = await cli(['link', 'send_email', '--profile', 'staging'], token);
    expect(withStaging.code).toBe(1);
    expect(withStaging.stderr.replace(/\s+/g, ' ')).toContain(fixIt(' --profile staging'));
    // In use, the profile needs no naming: the command again without --profile goes to it.
    expect((await cli(['profile', 'use', 'staging'])).code).toBe(0);
    expect((await cli(['link', 'send_email'], token)).stderr.replace(/\s+/g, ' ')).toContain(fixIt(''));
    expect((await cli(['link', 'send_email', '--profile', 'default'])).stderr.replace(/\s+/g, ' ')).toContain(fixIt(' --profile default'));
  });

  it('link with no URL refuses an action that points elsewhere and links one at a running serve; update keeps a link only under the companion', async () => {
    const { gateway, companion, dataDir, schema, cli } = await setup();
    const foreign = `${companion.baseUrl}/ok/send_email`;
    const registered = ['register', 'send_email', '--description', 'D', '--schema', schema, '--webhook-url'];
    expect((await cli([...registered, `${companion.baseUrl}/actions/send_email`])).code).toBe(0);
    // Someone else's handler (the Gateway checks a URL only at registration).
    expect((await cli(['update', 'send_email', '--webhook-url', foreign])).code).toBe(0);
    const refused = await cli(['link', 'send_email']);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toContain(`send_email points at ${foreign}, not at this companion`);
    expect(refused.stderr).toContain('"flowent-companion actions link send_email --here"');
    expect((await cli(['links', '--json'])).stdout).toBe('');

    recordServe(dataDir, 'http://127.0.0.1:1');
    expect((await cli(['link', 'send_email'])).stderr).toContain('this companion is at http://127.0.0.1:1');
    await cli(['update', 'send_email', '--webhook-url', 'http://127.0.0.1:1/actions/send_email']);
    expect((await cli(['link', 'send_email'])).stdout).toBe(
      'Linked send_email → http://127.0.0.1:1/actions/send_email: it follows the public URL.\n',
    );
    // link --json and links --json print linkedAt alike: an ISO 8601 string.
    const linked = lines((await cli(['link', 'send_email', '--json'])).stdout)[0];
    expect(linked?.linkedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(lines((await cli(['links', '--json'])).stdout)).toEqual([linked]);
    expect(gateway.stored()).toMatchObject([{ webhook_url: 'http://127.0.0.1:1/actions/send_email' }]);

    // update --url: a base the user gives as the companion's keeps the link, with no warning.
    const given = 'https://companion.example.org/actions/send_email';
    expect(await cli(['update', 'send_email', '--url', 'https://companion.example.org'])).toMatchObject({
      code: 0,
      stdout:
        `Updated send_email → ${given} (linked). ${uncheckedUpdate(dataDir)} ` +
        `To send one now: "flowent-companion send send_email --test --target ${given}".\n`,
      stderr: '',
    });
    expect(lines((await cli(['links', '--json'])).stdout)).toMatchObject([
      { action: 'send_email', webhookUrl: 'https://companion.example.org/actions/send_email' },
    ]);
    // update --webhook-url elsewhere: the tunnel must not overwrite it later, so the link goes, said.
    const elsewhere = await cli(['update', 'send_email', '--webhook-url', foreign]);
    expect(elsewhere).toMatchObject({ code: 0, stdout: `Updated send_email → ${foreign}.\n` });
    expect(elsewhere.stderr).toBe(
      `Warning: send_email was linked to this companion; ${foreign} is not one of its URLs, so it was unlinked and will not follow the tunnel.\n`,
    );
    expect((await cli(['links', '--json'])).stdout).toBe('');
  });

  it('profile remove of an unknown name is done (the state asked for), of the default exits 2 as profile use nosuch does; profile add, use and remove --json print one object', async () => {
    const { cli } = await setup();
    expect(await cli(['profile', 'remove', 'nosuch'])).toEqual({
      code: 0,
      stdout: 'There is no profile nosuch: nothing was removed.\n',
      stderr: '',
    });
    expect(lines((await cli(['profile', 'remove', 'nosuch', '--json'])).stdout)).toEqual([{ name: 'nosuch', removed: false }]);
    expect(await cli(['profile', 'use', 'nosuch'])).toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringContaining('No Flowent profile named "nosuch"'),
    });
    // The default profile can never be removed: a bad value too, from the real command.
    const removeDefault = await runCli(['actions', 'profile', 'remove', 'default', '--data-dir', tempDir()]);
    expect(removeDefault).toMatchObject({ code: 2, stdout: '' });
    const added = await cli(['profile', 'add', 'staging', 'https://staging.example.test/api/v1/gateway/', '--json']);
    expect(added.code).toBe(0);
    expect(lines(added.stdout)).toEqual([
      { name: 'staging', baseUrl: 'https://staging.example.test/api/v1/gateway', apiTokenVariable: 'FLOWENT_API_TOKEN_STAGING' },
    ]);
    expect(lines((await cli(['profile', 'use', 'staging', '--json'])).stdout)).toEqual([
      { name: 'staging', baseUrl: 'https://staging.example.test/api/v1/gateway', active: true },
    ]);
    expect(lines((await cli(['profile', 'remove', 'staging', '--json'])).stdout)).toEqual([{ name: 'staging', removed: true }]);
  });
});
