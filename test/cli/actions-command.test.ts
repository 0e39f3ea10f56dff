import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process-cli';
import { runCli } from '../helpers/spawn-cli';
import { recordServe } from '../helpers/recorded-serve';
import { actionsRigs, lines, SCHEMA, uncheckedUpdate } from './actions-command-setup';

const { setup, tempDir } = actionsRigs();

describe('flowent-companion actions', () => {
  it('list on a Gateway with no actions says so on stderr, naming the Gateway and how to register one as the Actions tab does', async () => {
    const { gateway, cli } = await setup();
    expect(await cli(['list'])).toEqual({
      code: 0,
      stdout: '',
      stderr:
        `No actions registered on ${gateway.baseUrl} yet: register one with "flowent-companion actions register", ` +
        'pointed at this companion with its --here.\n',
    });
  });

  it('registers against the companion (--url), lists, gets, updates, links and deletes, with --json', async () => {
    const { gateway, companion, dataDir, schema, cli } = await setup();
    const registered = await cli([
      'register',
      'send_email',
      '--description',
      'Send an email',
      '--schema',
      schema,
      '--url',
      companion.baseUrl,
    ]);
    expect(registered).toMatchObject({
      code: 0,
      stdout: `Registered send_email → ${companion.baseUrl}/actions/send_email (linked; Flowent's registration check passed).\n`,
    });
    // Flowent's registration check arrived at the real core.
    expect((await companion.core.api.listCalls({})).calls).toMatchObject([{ action: 'send_email', test: true }]);

    const listed = await cli(['list', '--json']);
    expect(listed.code).toBe(0);
    expect(lines(listed.stdout)).toMatchObject([
      { name: 'send_email', webhook_url: `${companion.baseUrl}/actions/send_email`, json_schema: SCHEMA },
    ]);
    expect((await cli(['get', 'send_email'])).stdout).toContain('"required": [');
    expect(lines((await cli(['links', '--json'])).stdout)).toMatchObject([{ action: 'send_email', profile: 'default' }]);

    const updated = await cli(['update', 'send_email', '--description', 'Send a mail', '--json']);
    expect(lines(updated.stdout)).toMatchObject([{ name: 'send_email', description: 'Send a mail' }]);
    expect(
      (await cli(['register', 'other', '--description', 'Other', '--schema', '{}', '--webhook-url', `${companion.baseUrl}/actions/other`]))
        .code,
    ).toBe(0);
    // Linking with no URL needs the action to point at a serve on this data folder.
    recordServe(dataDir, companion.baseUrl);
    expect((await cli(['link', 'other'])).stdout).toBe(`Linked other → ${companion.baseUrl}/actions/other: it follows the public URL.\n`);
    expect((await cli(['unlink', 'other'])).stdout).toBe('Unlinked other: it no longer follows the public URL.\n');
    expect(await cli(['delete', 'send_email'])).toMatchObject({ code: 0, stdout: 'Deleted send_email.\n' });
    expect(gateway.stored().map((action) => action.name)).toEqual(['other']);
  });

  it('exits 1 with Flowent’s reason in words: 404, 409, a failed registration check, a rejected API token', async () => {
    const { companion, schema, cli } = await setup();
    expect(await cli(['get', 'nope'])).toMatchObject({ code: 1, stderr: expect.stringContaining('Flowent has no action "nope"') });
    // Removals of what is not there leave the state asked for: done, and said (exit-codes.ts's rule).
    expect(await cli(['delete', 'nope'])).toEqual({ code: 0, stdout: 'Flowent has no action nope: nothing was deleted.\n', stderr: '' });
    expect(lines((await cli(['delete', 'nope', '--json'])).stdout)).toEqual([{ name: 'nope', deleted: false }]);
    expect(await cli(['unlink', 'nope'])).toEqual({ code: 0, stdout: 'nope was not linked.\n', stderr: '' });
    const args = [
      'register',
      'send_email',
      '--description',
      'D',
      '--schema',
      schema,
      '--webhook-url',
      `${companion.baseUrl}/actions/send_email`,
    ];
    expect((await cli(args)).code).toBe(0);
    expect(await cli(args)).toMatchObject({ code: 1, stderr: expect.stringContaining('already exists on Flowent') });
    await companion.core.api.setMock(
      'failing',
      JSON.stringify({ answerRegistrationCheck: true, status: 500, body: { result: '', error: 'x' } }),
      'json',
    );
    const failing = await cli(['register', 'failing', '--description', 'D', '--schema', schema, '--url', companion.baseUrl]);
    expect(failing).toMatchObject({ code: 1, stderr: expect.stringContaining("Flowent's registration check failed: your webhook at") });
    expect(failing.stderr).toContain('returned status 500.');
    // The companion stored the check it answered: the words name the mock that answered, not Flowent's status alone.
    expect(failing.stderr).toContain("The companion's mock for the action answered it 500 (call #");
    expect(failing.stderr).toContain('Make the mock answer the registration check with a 2xx');
    expect(failing.stderr).not.toContain('is running');
    expect(await cli(['list'], { FLOWENT_API_TOKEN: 'api_wrong' })).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Flowent rejected the API token. Create a new one in Gateway Management'),
    });
    expect(await cli(['list'], { FLOWENT_API_TOKEN: '' })).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('set FLOWENT_API_TOKEN'),
    });
  });

  it('a registration check this companion refused says why (the URL names another action), not to change a mock', async () => {
    const { companion, schema, cli } = await setup();
    const url = `${companion.baseUrl}/actions/other`;
    const refused = await cli(['register', 'mismatch', '--description', 'D', '--schema', schema, '--webhook-url', url]);
    const [check] = (await companion.core.api.listCalls({ test: true })).calls;
    expect(check).toMatchObject({ status: 400, problem: 'action-mismatch' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `flowent-companion actions: Flowent's registration check failed: your webhook at ${url} returned status 400. ` +
        `This companion refused it (call #${check?.id} in the history): the URL names the action "other", but the action is "mismatch". ` +
        "Register it with the webhook_url ending in /actions/mismatch: the companion answers an action's calls at the path that names it.\n",
    );
    expect(refused.stderr).not.toContain('mock');
  });

  // Flowent documents no words for a check it got no answer to: the stand-in's own, and another as likely.
  it.each([
    { wording: 'the stand-in', noAnswerSaid: undefined },
    { wording: 'other', noAnswerSaid: () => 'webhook request failed: dial tcp: i/o timeout' },
  ])(
    'a webhook Flowent got no answer from, in $wording words, is said with what this computer met there: nothing listening',
    async ({ noAnswerSaid }) => {
      const { dataDir, schema, cli } = await setup(noAnswerSaid ? { noAnswerSaid } : {});
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const { port } = closed.address() as AddressInfo;
      await new Promise((resolve) => closed.close(resolve));
      const url = `http://127.0.0.1:${port}/actions/broken`;
      const unreached = await cli(['register', 'broken', '--description', 'D', '--schema', schema, '--webhook-url', url]);
      expect(unreached.code).toBe(1);
      expect(unreached.stderr).toContain(
        `Flowent got no answer from your webhook at ${url} (it said: ${noAnswerSaid ? noAnswerSaid() : 'failed to reach webhook endpoint: '}`,
      );
      expect(unreached.stderr).toContain(
        `nor can this computer: the connection to 127.0.0.1:${port} was refused (nothing is listening there). ` +
          'Start what should answer there (the companion, or your handler) or correct the URL, then try again.',
      );
      // Nothing listens there, so no history could hold the check: the data folder looked in is not news.
      expect(unreached.stderr).not.toContain(dataDir);
    },
  );

  it('a check answered by a companion on another data folder says which data folder held none, and where it is', async () => {
    const { gateway, companion, schema } = await setup();
    await companion.core.api.setMock(
      'failing',
      JSON.stringify({ answerRegistrationCheck: true, status: 500, body: { result: '', error: 'x' } }),
      'json',
    );
    const elsewhere = tempDir();
    const url = `${companion.baseUrl}/actions/failing`;
    const failing = await runInProcess(
      ['actions', 'register', 'failing', '--description', 'D', '--schema', schema, '--webhook-url', url, '--data-dir', elsewhere],
      {
        env: { FLOWENT_BASE_URL: gateway.baseUrl, FLOWENT_API_TOKEN: 'api_test_token' },
      },
    );
    expect(failing.code).toBe(1);
    expect(failing.stderr).toBe(
      `flowent-companion actions: Flowent's registration check failed: your webhook at ${url} returned status 500. ` +
        `No companion using the data folder ${elsewhere} has stored that check. ` +
        'Before registering, Flowent POSTs {"test": true} to the webhook_url and needs a 2xx answer: it was reached and answered 500, ' +
        'so make what answers there (your handler, or the companion\'s mock for the action) answer {"test": true} with a 2xx, then try again. ' +
        "If a companion answers at that URL, it uses another data folder: that folder's history holds the check and why it answered so.\n",
    );
    // The companion that answered holds the check in its own data folder's history.
    expect((await companion.core.api.listCalls({ test: true })).calls).toMatchObject([{ action: 'failing', status: 500 }]);
  });

  it('exits 2 on usage errors, before anything is sent', async () => {
    const { gateway, schema, cli } = await setup();
    const usage = async (args: string[], message: string) =>
      expect(await cli(args)).toMatchObject({ code: 2, stderr: expect.stringContaining(message) });
    await usage([], 'actions needs a subcommand');
    await usage(['fly'], 'unknown actions subcommand "fly"');
    await usage(['get'], 'actions get needs an action name');
    await usage(['get', 'Bad-Name'], 'is not an action name');
    await usage(['register', 'x', '--schema', schema, '--url', 'http://h'], 'needs --description');
    await usage(['register', 'x', '--description', 'D', '--url', 'http://h'], 'needs --schema');
    await usage(['register', 'x', '--description', 'D', '--schema', schema], 'needs --url <base>, --here or --webhook-url');
    await usage(['register', 'x', '--description', 'D', '--schema', '@/no/such.json', '--url', 'http://h'], 'cannot read /no/such.json');
    await usage(['register', 'x', '--description', 'D', '--schema', '[1]', '--url', 'http://h'], '--schema must be a JSON object');
    await usage(['register', 'x', '--description', 'D', '--schema', schema, '--url', 'ftp://h'], "--url must be the companion's base URL");
    await usage(
      ['register', 'x', '--description', 'D', '--schema', schema, '--webhook-url', 'ftp://foo'],
      'webhook_url must be an http:// or https:// URL (Flowent POSTs to it), such as https://example.com/actions/send_email, not "ftp://foo".',
    );
    await usage(
      ['register', 'x', '--description', 'D', '--schema', schema, '--webhook-url', 'nope'],
      'webhook_url must be an absolute URL',
    );
    // A missing flag is said before --here looks for a serve: the command line is fixed first.
    await usage(['register', 'x', '--schema', schema, '--here'], 'needs --description');
    await usage(['update', 'x'], 'actions update needs at least one of');
    await usage(['list', '--description', 'D'], '--description does not apply');
    await usage(['list', '--bogus'], '--bogus is not an option of this command');
    await usage(['list', '--profile', 'nowhere'], 'No Flowent profile named "nowhere"');
    expect(gateway.requests).toEqual([]);
  });

  it('--here with no serve running exits 1, as link does: the command line is right, the serve is what is missing', async () => {
    const { gateway, schema, dataDir } = await setup();
    const env = { FLOWENT_BASE_URL: gateway.baseUrl, FLOWENT_API_TOKEN: 'api_test_token' };
    for (const args of [
      ['register', 'lonely', '--description', 'D', '--schema', schema, '--here'],
      ['update', 'lonely', '--here'],
      ['link', 'lonely', '--here'],
    ]) {
      const refused = await runCli(['actions', ...args, '--data-dir', dataDir], env);
      expect(refused).toMatchObject({ code: 1, stdout: '' });
      expect(refused.stderr).toBe(
        'flowent-companion actions: --here needs a running "flowent-companion serve" on this data folder (it records its URL); start one, or give --url.\n',
      );
    }
    expect(gateway.requests).toEqual([]);
  });

  it.each([false, true])(
    'register --here on an action that exists says it updated it, and whether a check for it is in the history (%s)',
    async (checkOnUpdate) => {
      const { gateway, companion, dataDir, schema, cli } = await setup({ checkOnUpdate });
      recordServe(dataDir, companion.baseUrl);
      const url = `${companion.baseUrl}/actions/send_email`;
      const first = await cli(['register', 'send_email', '--description', 'D', '--schema', schema, '--here']);
      expect(first.stdout).toBe(`Registered send_email → ${url} (linked; Flowent's registration check passed).\n`);
      expect(gateway.registrationChecks).toHaveLength(1);

      const again = await cli(['register', 'send_email', '--description', 'Again', '--schema', schema, '--here']);
      expect(again.code).toBe(0);
      expect(again.stdout).toBe(
        checkOnUpdate
          ? `Updated send_email → ${url} (it existed; linked; Flowent ran its registration check again, and it passed).\n`
          : `Updated send_email → ${url} (it existed; linked). ${uncheckedUpdate(dataDir)} ` +
              `To send one now: "flowent-companion send send_email --test --target ${url}".\n`,
      );
      expect(gateway.registrationChecks).toHaveLength(checkOnUpdate ? 2 : 1);
      expect(gateway.stored()).toMatchObject([{ description: 'Again' }]);
      const json = await cli(['register', 'send_email', '--description', 'Json', '--schema', schema, '--here', '--json']);
      const printed = JSON.parse(json.stdout) as Record<string, unknown>;
      expect(printed).toMatchObject({ name: 'send_email', created: false, linked: true, registrationChecked: checkOnUpdate });
      // The data folder whose history held no check, as the line names it: a script knows where it looked.
      expect(printed.notInHistoryOf).toBe(checkOnUpdate ? undefined : dataDir);
    },
  );

  it.each([false, true])(
    'update --here says whether Flowent ran its registration check for it, as register --here does (%s)',
    async (checkOnUpdate) => {
      const { gateway, companion, dataDir, schema, cli } = await setup({ checkOnUpdate });
      recordServe(dataDir, companion.baseUrl);
      const url = `${companion.baseUrl}/actions/send_email`;
      expect((await cli(['register', 'send_email', '--description', 'D', '--schema', schema, '--here'])).code).toBe(0);

      const updated = await cli(['update', 'send_email', '--description', 'Again', '--here']);
      expect(updated.code).toBe(0);
      expect(updated.stdout).toBe(
        checkOnUpdate
          ? `Updated send_email → ${url} (linked; Flowent ran its registration check again, and it passed).\n`
          : `Updated send_email → ${url} (linked). ${uncheckedUpdate(dataDir)} ` +
              `To send one now: "flowent-companion send send_email --test --target ${url}".\n`,
      );
      expect(gateway.registrationChecks).toHaveLength(checkOnUpdate ? 2 : 1);
      const json = await cli(['update', 'send_email', '--description', 'Json', '--here', '--json']);
      const printed = JSON.parse(json.stdout) as Record<string, unknown>;
      expect(printed).toMatchObject({ name: 'send_email', description: 'Json', linked: true, registrationChecked: checkOnUpdate });
      expect(printed.notInHistoryOf).toBe(checkOnUpdate ? undefined : dataDir);
    },
  );

  it('an update whose check reached a companion on another data folder says which data folder held none, not that Flowent ran none', async () => {
    const { gateway, companion, schema, cli } = await setup({ checkOnUpdate: true });
    const register = ['register', 'send_email', '--description', 'D', '--schema', schema, '--url', companion.baseUrl];
    expect((await cli(register)).code).toBe(0);
    const elsewhere = tempDir();
    const url = `${companion.baseUrl}/actions/send_email`;
    const again = await runInProcess(['actions', ...register, '--data-dir', elsewhere], {
      env: { FLOWENT_BASE_URL: gateway.baseUrl, FLOWENT_API_TOKEN: 'api_test_token' },
    });
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(again.stdout).toBe(
      `Updated send_email → ${url} (it existed; linked). ${uncheckedUpdate(elsewhere)} ` +
        `To send one now: "flowent-companion send send_email --test --target ${url}".\n`,
    );
    // Flowent did check the update: the companion that answered holds it in its own data folder's history.
    expect(gateway.registrationChecks).toMatchObject([{ status: 200 }, { status: 200 }]);
    expect((await companion.core.api.listCalls({ test: true })).calls).toHaveLength(2);
  });

  it('--here refuses an empty --description before any note on the URL it would use', async () => {
    const { gateway, companion, dataDir, schema } = await setup();
    recordServe(dataDir, companion.baseUrl);
    const refused = await runCli(
      ['actions', 'register', 'send_email', '--description', '', '--schema', schema, '--here', '--data-dir', dataDir],
      { FLOWENT_BASE_URL: gateway.baseUrl, FLOWENT_API_TOKEN: 'api_test_token' },
    );
    expect(refused.stderr).toBe('flowent-companion actions: description must be 1-500 characters (it has 0).\n');
    expect(refused.code).not.toBe(0);
    expect(gateway.stored()).toEqual([]);
  });

  it('the real command prints help and refuses bad usage with exit 2', async () => {
    const help = await runCli(['actions', '--help']);
    expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: flowent-companion actions <subcommand>') });
    expect((await runCli(['--help'])).stdout).toMatch(/^ {2}actions +Register and manage actions on Flowent's Gateway$/m);
    expect(await runCli(['actions', 'get'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('actions get needs an action name'),
    });
    expect(await runCli(['actions', 'profile', 'nope'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown subcommand "nope": actions profile takes list, add, use or remove.\n'),
    });
    expect(await runCli(['actions', 'profile'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('actions profile needs a subcommand: list, add, use or remove.\n'),
    });
  });
});
