import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lookupOrder, projectRigs, SEND_EMAIL } from './project-actions-setup';

const { setup } = projectRigs();

describe('flowent-companion actions plan / apply / pull: what is refused, and why', () => {
  it('stops at the first refusal with what Flowent said, sending nothing after it', async () => {
    const { cli, companion, gateway, write } = await setup();
    await companion.core.api.setMock(
      'b_refused',
      JSON.stringify({ answerRegistrationCheck: true, status: 500, body: { result: '', error: 'x' } }),
      'json',
    );
    for (const name of ['a_first', 'b_refused', 'c_after']) write(`actions/${name}.yaml`, SEND_EMAIL.replace('send_email', name));
    const applied = await cli(['actions', 'apply']);
    expect(applied.code).toBe(1);
    expect(applied.stdout).toBe('Registered a_first.\n');
    expect(applied.stderr).toContain(
      "Flowent refused to create b_refused, so nothing after it was sent: Flowent's registration check failed",
    );
    expect(applied.stderr).toContain('returned status 500');
    expect(gateway.stored().map((action) => action.name)).toEqual(['a_first']);
  });

  it('says a refusal made here, with no companion running for "here", is not Flowent\'s, before sending anything', async () => {
    const { cli, gateway, write } = await setup({ serve: false });
    write('actions/needs_here.yaml', SEND_EMAIL.replace('send_email', 'needs_here'));
    const applied = await cli(['actions', 'apply']);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain(
      'flowent-companion actions apply: actions/needs_here.yaml says webhook_url: here, but no companion is running',
    );
    expect(applied.stderr).not.toContain('Flowent refused');
    expect(gateway.requests.filter((request) => request.method !== 'GET' && request.path.includes('/actions'))).toEqual([]);
  });

  it('refuses "here" while the serve\'s tunnel reconnects, in plan and apply, sending nothing', async () => {
    const { cli, gateway, write } = await setup({ tunnel: { state: 'reconnecting', url: 'https://abc.edge.test', reason: null } });
    write('actions/send_email.yaml', SEND_EMAIL);
    for (const sub of ['plan', 'apply']) {
      const refused = await cli(['actions', sub]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toBe(
        `flowent-companion actions ${sub}: actions/send_email.yaml says webhook_url: here, but serve's tunnel is reconnecting, ` +
          'so serve has no public URL for Flowent to call until it is online. Run this again once the tunnel is online: it comes back by itself.\n',
      );
    }
    expect(gateway.requests.filter((request) => request.method !== 'GET' && request.path.includes('/actions'))).toEqual([]);
  });

  it('uses the profile given with --profile, with that profile’s webhook_url', async () => {
    const { cli, companion, gateway, write } = await setup();
    expect((await cli(['actions', 'profile', 'add', 'staging', gateway.baseUrl])).code).toBe(0);
    const staging = `${companion.baseUrl}/actions/lookup_order?env=staging`;
    write('actions/lookup_order.yaml', lookupOrder(`\n  default: here\n  staging: ${staging}`));
    const env = { FLOWENT_API_TOKEN_STAGING: 'api_staging_token' };
    const plan = await cli(['actions', 'plan', '--profile', 'staging'], env);
    expect(plan).toMatchObject({ code: 3, stdout: expect.stringContaining('Plan for profile staging') });
    expect((await cli(['actions', 'apply', '--profile', 'staging'], env)).code).toBe(0);
    expect(gateway.stored('tenant-2')).toMatchObject([{ name: 'lookup_order', webhook_url: staging }]);
    expect(gateway.stored('tenant-1')).toEqual([]);
  });

  it('reports a mistake in a file with its line, and a missing project folder, sending nothing', async () => {
    // No serve: one answering from a flowent/ that is not there would mean it was removed, to be brought back.
    const { cli, gateway, write, root } = await setup({ serve: false });
    const none = await cli(['actions', 'plan']);
    // Nothing to work on (exit 1), as calls with no history; a project file with a mistake is the file to fix (exit 2).
    expect(none).toMatchObject({ code: 1, stderr: expect.stringContaining(`There is no project folder at ${join(root, 'flowent')}`) });
    mkdirSync(join(root, 'flowent'));
    // A folder made by hand, without actions/: pull makes it.
    expect(await cli(['actions', 'pull'])).toMatchObject({
      code: 0,
      stdout:
        'Nothing to write: every action Flowent has matches its file ("flowent-companion actions plan" shows what only the files have).\n',
    });
    expect(existsSync(join(root, 'flowent', 'actions'))).toBe(true);
    write('actions/send_email.yaml', SEND_EMAIL.replace('description: Send an email', 'description: ""'));
    const plan = await cli(['actions', 'plan']);
    expect(plan.code).toBe(2);
    expect(plan.stderr).toContain('actions/send_email.yaml:5:14: description must be 1-500 characters (it has 0)');
    // The words of "actions register --description": one wording for one rule.
    write('actions/send_email.yaml', SEND_EMAIL.replace('description: Send an email', `description: ${'é'.repeat(501)}`));
    expect((await cli(['actions', 'plan'])).stderr).toContain('description must be 1-500 characters (it has 501)');
    write('actions/send_email.yaml', SEND_EMAIL.replace('name: send_email', 'name: send_sms'));
    expect((await cli(['actions', 'apply'])).stderr).toContain('the file is named send_email.yaml but names the action "send_sms"');
    expect(gateway.requests.filter((request) => request.method !== 'GET' && request.path.includes('/actions'))).toEqual([]);
  });

  it("says a file of version 2 is a newer companion's format, in the words an answer file gets", async () => {
    const { cli, write } = await setup();
    write('actions/send_email.yaml', SEND_EMAIL.replace('version: 1', 'version: 2'));
    const plan = await cli(['actions', 'plan']);
    expect(plan.code).toBe(2);
    expect(plan.stderr).toContain(
      "actions/send_email.yaml:3:10: version 2 is the format of a newer Flowent Companion: update the companion to read this file, or write version: 1 if it keeps to this one's format\n",
    );
  });

  it('says a --project that names a file is a file, not a folder, rather than no project folder inside it', async () => {
    const { cli, root } = await setup();
    const file = join(root, 'mock.yaml');
    writeFileSync(file, 'version: 1\n');
    expect(await cli(['actions', 'plan', '--project', file])).toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringContaining(
        `--project: ${file} is a file, not a folder: name the folder that holds flowent/ (or flowent/ itself).\n`,
      ),
    });
  });

  it('points an unknown field at its own line, not the top of the file', async () => {
    const { cli, write } = await setup();
    write('actions/send_email.yaml', SEND_EMAIL.replace('description: Send an email', 'description: Send an email\ndescripton: typo'));
    const plan = await cli(['actions', 'plan']);
    expect(plan.code).toBe(2);
    expect(plan.stderr).toContain('actions/send_email.yaml:6:1: unknown field "descripton"');
  });

  it('refuses an action file whose name is not an action name before planning, naming the file', async () => {
    const { cli, gateway, write } = await setup();
    write('actions/Send-Email.yaml', lookupOrder('here').replace('name: lookup_order\n', ''));
    const plan = await cli(['actions', 'plan']);
    expect(plan.code).toBe(2);
    expect(plan.stdout).not.toContain('Send-Email');
    expect(plan.stderr).toContain('actions/Send-Email.yaml: "Send-Email" is not an action name: name the file <action>.yaml');
    expect(gateway.requests.filter((request) => request.method !== 'GET' && request.path.includes('/actions'))).toEqual([]);
  });

  it('says once what is wrong with a webhook_url that is not a URL', async () => {
    const { cli, write } = await setup();
    write('actions/lookup_order.yaml', lookupOrder('not a url'));
    const plan = await cli(['actions', 'plan']);
    expect(plan.code).toBe(2);
    expect(plan.stderr).toBe(
      'flowent-companion actions plan: A project file has a mistake; fix it first:\n' +
        '  actions/lookup_order.yaml:5:14: webhook_url must be "here" or an http(s) URL (or, per profile, a map of those)\n',
    );
    write('actions/lookup_order.yaml', lookupOrder('\n  default: here\n  staging: ftp://example.com/x'));
    expect((await cli(['actions', 'plan'])).stderr).toBe(
      'flowent-companion actions plan: A project file has a mistake; fix it first:\n' +
        '  actions/lookup_order.yaml:7:12: webhook_url.staging must be "here" or an http(s) URL (or, per profile, a map of those)\n',
    );
  });

  it('plans the other actions when a pulled file gives no URL for the profile, leaving that one alone and saying what to add', async () => {
    const { cli, companion, gateway, write, read, project } = await setup();
    expect((await cli(['actions', 'profile', 'add', 'staging', gateway.baseUrl])).code).toBe(0);
    const env = { FLOWENT_API_TOKEN_STAGING: 'api_staging_token' };
    // lookup_order is on the default profile's Flowent only; pulled with staging configured, its file gets a URL for default alone.
    write('actions/lookup_order.yaml', lookupOrder(`${companion.baseUrl}/actions/lookup_order`));
    expect((await cli(['actions', 'apply'])).code).toBe(0);
    rmSync(join(project, 'actions', 'lookup_order.yaml'));
    expect((await cli(['actions', 'pull'])).code).toBe(0);
    expect(read('actions/lookup_order.yaml')).toContain(`webhook_url:\n  default: ${companion.baseUrl}/actions/lookup_order\n`);
    const staging = `${companion.baseUrl}/actions/send_email?env=staging`;
    write('actions/send_email.yaml', SEND_EMAIL.replace('  default: here\n', `  default: here\n  staging: ${staging}\n`));

    const noUrl =
      'actions/lookup_order.yaml: webhook_url gives no URL for the profile "staging", so apply leaves this action alone for it: ' +
      'add "staging: here" (this companion) or "staging: <your webhook URL>" under webhook_url to plan it';
    const plan = await cli(['actions', 'plan', '--profile', 'staging'], env);
    expect(plan).toMatchObject({ code: 3, stderr: '' });
    expect(plan.stdout).toContain(`  ! lookup_order  left alone (no webhook_url for this profile)\n      ${noUrl}\n`);
    expect(plan.stdout).toContain('  + send_email  create (only in the files)');
    expect(plan.stdout).toContain('1 to create, 0 to update, 0 to delete.');

    const applied = await cli(['actions', 'apply', '--profile', 'staging'], env);
    expect(applied).toMatchObject({ code: 0, stdout: 'Registered send_email (staging).\n', stderr: `${noUrl}\n` });
    expect(gateway.stored('tenant-2')).toMatchObject([{ name: 'send_email', webhook_url: staging }]);
    const after = await cli(['actions', 'plan', '--profile', 'staging'], env);
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('Nothing to apply: the files ask Flowent for no change.');
  });

  it('says what is wrong in a json_schema that is not a JSON Schema, each at its own line', async () => {
    const { cli, write } = await setup();
    write(
      'actions/lookup_order.yaml',
      'version: 1\nname: lookup_order\ndescription: Look an order up\njson_schema:\n  type: objekt\n  required: id\nwebhook_url: here\n',
    );
    const plan = await cli(['actions', 'plan']);
    expect(plan.code).toBe(2);
    expect(plan.stderr).toBe(
      'flowent-companion actions plan: Project files have 2 mistakes; fix them first:\n' +
        '  actions/lookup_order.yaml:5:9: json_schema.type must be one of "array", "boolean", "integer", "null", "number", "object", "string", not "objekt": json_schema is not a valid JSON Schema\n' +
        '  actions/lookup_order.yaml:6:13: json_schema.required must be array: json_schema is not a valid JSON Schema\n',
    );
  });

  it('refuses a .yml or .json action file, which would be a second file for its action, instead of planning it twice', async () => {
    const { cli, gateway, write } = await setup();
    write('actions/lookup_order.yaml', lookupOrder('here'));
    write('actions/lookup_order.yml', lookupOrder('here'));
    write('actions/send_email.json', '{"version": 1, "description": "Send an email"}');
    const plan = await cli(['actions', 'plan']);
    expect(plan.code).toBe(2);
    expect(plan.stderr).toContain('actions/lookup_order.yml: name it lookup_order.yaml: the companion reads files named <name>.yaml\n');
    expect(plan.stderr).toContain(
      'actions/send_email.json: name it send_email.yaml: the companion reads files named <name>.yaml (its JSON can stay as it is: YAML reads JSON)\n',
    );
    expect(gateway.requests.filter((request) => request.method !== 'GET' && request.path.includes('/actions'))).toEqual([]);
  });

  it('says what an action file holds when it holds no map (empty, or a list)', async () => {
    const { cli, write } = await setup();
    write('actions/lookup_order.yaml', '- a\n- b\n');
    expect((await cli(['actions', 'plan'])).stderr).toContain(
      'actions/lookup_order.yaml:1:1: an action file is a map: version: 1, description, json_schema and webhook_url',
    );
  });
});
