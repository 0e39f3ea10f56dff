import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process-cli';
import type { FlowentGateway } from '../fixtures/flowent-gateway/gateway';
import { startCore, type RunningCore } from '../helpers/running-core';
import { gatewayForOneTest } from '../helpers/account-gateway';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { recordServe } from '../helpers/recorded-serve';
import type { TunnelSeen } from '../../main/contract/api';

const { cleanups, tempDir } = cleanupsPerTest();

interface Setup {
  gateway: FlowentGateway;
  companion: RunningCore;
  /** The data folder every command here is given with --data-dir. */
  data: string;
  root: string;
  project: string;
  cli(args: string[], env?: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }>;
  write(file: string, text: string): void;
  read(file: string): string;
}

/**
 * `serve: false`: no serve runs on the data folder, so `webhook_url: here` has no companion to
 * name; `tunnel`: where the tunnel of the serve that runs is.
 */
async function setup({ serve = true, tunnel }: { serve?: boolean; tunnel?: TunnelSeen } = {}): Promise<Setup> {
  const gateway = await gatewayForOneTest(cleanups, { apiTokens: { api_test_token: 'tenant-1', api_staging_token: 'tenant-2' } });
  const data = tempDir();
  const root = tempDir('fc-project-');
  const companion = await startCore({ dataDir: data });
  cleanups.push(() => companion.core.stop());
  const project = join(root, 'flowent');
  // A running serve on the same data folder, answering from this project: what `webhook_url: here` means.
  if (serve) recordServe(data, companion.baseUrl, project, tunnel);
  const env = { FLOWENT_BASE_URL: gateway.baseUrl, FLOWENT_API_TOKEN: 'api_test_token' };
  return {
    gateway,
    companion,
    data,
    root,
    project,
    cli: (args, extra = {}) => runInProcess([...args, '--data-dir', data], { env: { ...env, ...extra }, cwd: root }),
    write(file, text) {
      mkdirSync(join(project, file, '..'), { recursive: true });
      writeFileSync(join(project, file), text);
    },
    read: (file) => readFileSync(join(project, file), 'utf8'),
  };
}

const SEND_EMAIL = `# yaml-language-server: $schema=../schemas/action.schema.json
# Sends the flow's email through our mail service.
version: 1
name: send_email
description: Send an email
json_schema:
  type: object
  required: [recipient] # the flow always knows who
  properties:
    recipient: {type: string, format: email}
webhook_url:
  default: here
`;

const lookupOrder = (url: string) => `version: 1
name: lookup_order
description: Look an order up
json_schema: {type: object, properties: {id: {type: string}}}
webhook_url: ${url}
`;

describe('flowent-companion init', () => {
  it('creates the folder with its schemas, default answers and README, and refuses to run twice', async () => {
    const { cli, data, project, read } = await setup();
    const created = await cli(['init'], { FLOWENT_API_TOKEN: '' });
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`Created ${project}.`);
    // The pull it suggests works on the data folder init was given.
    expect(created.stdout).toContain(
      `actions/ is empty: set FLOWENT_API_TOKEN and run "flowent-companion actions pull --data-dir ${data}"`,
    );
    expect(readdirSync(project).sort()).toEqual(['README.md', 'actions', 'answers', 'schemas']);
    expect(read('answers/_default.yaml')).toMatch(/^# yaml-language-server: \$schema=\.\.\/schemas\/answers\.schema\.json\n/);
    expect(read('answers/_default.yaml')).toContain('\nversion: 1\n');
    const schema = JSON.parse(read('schemas/action.schema.json')) as { required: string[] };
    expect(schema.required).toEqual(['version', 'description', 'json_schema', 'webhook_url']);
    expect(read('README.md')).toContain('actions/<name>.yaml');

    const again = await cli(['init']);
    expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining('already exists: nothing was changed') });
  });

  it('refuses a --profile that names no profile as a bad value before making flowent/, so a second init can fill it', async () => {
    const { cli, project } = await setup();
    const refused = await cli(['init', '--profile', 'nope']);
    expect(refused).toMatchObject({ code: 2, stdout: '' });
    expect(refused.stderr).toMatch(
      /^flowent-companion init: No Flowent profile named "nope" \(profiles: default\)\..* flowent\/ was not created\.\n$/,
    );
    expect(existsSync(project)).toBe(false);
    expect((await cli(['init', '--profile', 'default'], { FLOWENT_API_TOKEN: '' })).code).toBe(0);
  });

  it('fills actions/ from the registry when a token is set, and the files plan as in sync', async () => {
    const { cli, companion, gateway, read } = await setup();
    const registered = await cli(['actions', 'register', 'send_email', '--description', 'Send', '--schema', '{"type":"object"}', '--here']);
    expect(registered.code).toBe(0);
    expect(
      (
        await cli([
          'actions',
          'register',
          'lookup_order',
          '--description',
          'Look',
          '--schema',
          '{}',
          '--webhook-url',
          `${companion.baseUrl}/actions/lookup_order`,
        ])
      ).code,
    ).toBe(0);
    expect(gateway.stored()).toHaveLength(2);

    const init = await cli(['init']);
    expect(init).toMatchObject({ code: 0, stdout: expect.stringContaining('2 actions from Flowent (profile default).') });
    // Linked to this companion: "here", which follows the tunnel.
    expect(read('actions/send_email.yaml')).toBe(`# yaml-language-server: $schema=../schemas/action.schema.json
version: 1
name: send_email
description: Send
json_schema:
  type: object
webhook_url: here
`);
    // One URL, as Flowent has it: only one profile is known.
    expect(read('actions/lookup_order.yaml')).toContain(`\nwebhook_url: ${companion.baseUrl}/actions/lookup_order\n`);
    // The serve answering from this project is what here means: no note.
    expect(init.stdout).not.toContain('says webhook_url: here');
    expect(await cli(['actions', 'plan'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Nothing to do') });
  });
});

describe('flowent-companion actions plan / apply / pull', () => {
  it('round-trips files -> Flowent -> files to the same bytes, with CI exit codes', async () => {
    const { cli, companion, gateway, write, read } = await setup();
    write('actions/send_email.yaml', SEND_EMAIL);
    write('actions/lookup_order.yaml', lookupOrder(`${companion.baseUrl}/actions/lookup_order`));

    const plan = await cli(['actions', 'plan']);
    expect(plan.code).toBe(3);
    expect(plan.stdout).toContain('  + lookup_order  create (only in the files)');
    expect(plan.stdout).toContain('  + send_email  create (only in the files)');
    expect(plan.stdout).toContain(`        + ${companion.baseUrl}/actions/send_email`);
    expect(plan.stdout).toContain('2 to create, 0 to update, 0 to delete.');

    const applied = await cli(['actions', 'apply']);
    expect(applied).toMatchObject({ code: 0, stdout: 'Registered lookup_order.\nRegistered send_email.\n' });
    expect(
      gateway
        .stored()
        .map((action) => [action.name, action.webhook_url])
        .sort(),
    ).toEqual([
      ['lookup_order', `${companion.baseUrl}/actions/lookup_order`],
      ['send_email', `${companion.baseUrl}/actions/send_email`],
    ]);
    // "here" links the action, as register --here does, and Flowent's check reached the companion.
    expect((await companion.core.api.getAccount()).links).toMatchObject([{ action: 'send_email' }]);
    expect((await cli(['actions', 'plan'])).code).toBe(0);

    const pulled = await cli(['actions', 'pull']);
    expect(pulled).toMatchObject({
      code: 0,
      stdout: 'Nothing to write: every action Flowent has matches its file ("actions plan" shows what only the files have).\n',
    });
    expect(read('actions/send_email.yaml')).toBe(SEND_EMAIL);
  });

  it('plan says before anything is sent that Flowent in the cloud cannot reach the companion "here" names', async () => {
    const { cli, companion, gateway, write } = await setup();
    write('actions/send_email.yaml', SEND_EMAIL);
    const note =
      `Note: serve has no public URL (no tunnel open): using ${companion.baseUrl}, which Flowent in the cloud cannot reach. ` +
      'Run serve with --tunnel for a public URL.\n';
    const plan = await cli(['actions', 'plan']);
    expect(plan).toMatchObject({ code: 3, stderr: note });
    const json = await cli(['actions', 'plan', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ hereNote: note.slice('Note: '.length, -1) });
    expect(gateway.requests.filter((request) => request.method !== 'GET' && request.path.includes('/actions'))).toEqual([]);
    // An action with a URL of its own says nothing of it.
    write('actions/send_email.yaml', SEND_EMAIL.replace('  default: here', '  default: https://example.com/send_email'));
    expect(await cli(['actions', 'plan'])).toMatchObject({ code: 3, stderr: '' });
  });

  it('pull leaves a file in sync with Flowent as written, and keeps the layout of one it changes', async () => {
    const { cli, companion, write, read } = await setup();
    // Spaces before a comment, and quotes: what the YAML library would respell if it wrote the file.
    const two = lookupOrder(`${companion.baseUrl}/actions/new_two`)
      .replace('lookup_order', 'new_two')
      .replace('description: Look an order up', 'description: "Two"   # a comment');
    write('actions/new_two.yaml', two);
    expect((await cli(['actions', 'apply'])).code).toBe(0);
    expect((await cli(['actions', 'plan'])).code).toBe(0);
    expect(await cli(['actions', 'pull'])).toMatchObject({
      code: 0,
      stdout: 'Nothing to write: every action Flowent has matches its file ("actions plan" shows what only the files have).\n',
    });
    expect(read('actions/new_two.yaml')).toBe(two);

    expect((await cli(['actions', 'update', 'new_two', '--description', 'Three'])).code).toBe(0);
    expect(await cli(['actions', 'pull'])).toMatchObject({ code: 0, stdout: 'Wrote actions/new_two.yaml.\n' });
    // A file that changes is written as the YAML library spells it, its comment and quoting kept.
    expect(read('actions/new_two.yaml')).toBe(two.replace('"Two"   #', '"Three" #'));
  });

  it('shows drift made on Flowent, exits 3 until pulled, and pull keeps comments', async () => {
    const { cli, write, read } = await setup();
    write('actions/send_email.yaml', SEND_EMAIL);
    expect((await cli(['actions', 'apply'])).code).toBe(0);
    expect((await cli(['actions', 'update', 'send_email', '--description', 'Send an email, fast'])).code).toBe(0);

    const plan = await cli(['actions', 'plan']);
    expect(plan.code).toBe(3);
    expect(plan.stdout).toContain('  ~ send_email  update (changed on Flowent)');
    expect(plan.stdout).toContain('      description:\n        - Send an email, fast\n        + Send an email\n');

    expect(await cli(['actions', 'pull'])).toMatchObject({ code: 0, stdout: 'Wrote actions/send_email.yaml.\n' });
    expect(read('actions/send_email.yaml')).toBe(SEND_EMAIL.replace('description: Send an email', 'description: Send an email, fast'));
    expect((await cli(['actions', 'plan'])).code).toBe(0);

    write('actions/send_email.yaml', read('actions/send_email.yaml').replace('format: email', 'format: email, maxLength: 200'));
    const local = await cli(['actions', 'plan', '--json']);
    expect(local.code).toBe(3);
    const json = JSON.parse(local.stdout) as { actions: { state: string; fields: { field: string; diff: string[] }[] }[] };
    expect(json.actions[0]).toMatchObject({ state: 'changed-locally', fields: [{ field: 'json_schema' }] });
    expect(json.actions[0]?.fields[0]?.diff).toContain('+       "maxLength": 200');
  });

  it("shows a json_schema change in the file's key order, with only the lines near it", async () => {
    const { cli, write, read } = await setup();
    write('actions/send_email.yaml', SEND_EMAIL);
    expect((await cli(['actions', 'apply'])).code).toBe(0);
    write(
      'actions/send_email.yaml',
      read('actions/send_email.yaml').replace(
        '    recipient: {type: string, format: email}\n',
        '    recipient: {type: string, format: email}\n    due: {type: string, format: date}\n',
      ),
    );
    const plan = await cli(['actions', 'plan']);
    expect(plan.code).toBe(3);
    expect(plan.stdout).toContain(
      [
        '      json_schema:',
        '          … 6 unchanged lines',
        '              "recipient": {',
        '                "type": "string",',
        '                "format": "email"',
        '        +     },',
        '        +     "due": {',
        '        +       "type": "string",',
        '        +       "format": "date"',
        '              }',
        '            }',
        '          }',
        '',
      ].join('\n'),
    );
  });

  it('pull keeps the Windows line endings and the byte order mark of a file it rewrites', async () => {
    const { cli, write, read } = await setup();
    const windows = (text: string) => `\ufeff${text.replace(/\n/g, '\r\n')}`;
    write('actions/send_email.yaml', windows(SEND_EMAIL));
    expect((await cli(['actions', 'apply'])).code).toBe(0);
    expect((await cli(['actions', 'update', 'send_email', '--description', 'Send an email, fast'])).code).toBe(0);
    expect(await cli(['actions', 'pull'])).toMatchObject({ code: 0, stdout: 'Wrote actions/send_email.yaml.\n' });
    // One line changed, as a git diff shows it: not every line.
    expect(read('actions/send_email.yaml')).toBe(
      windows(SEND_EMAIL.replace('description: Send an email', 'description: Send an email, fast')),
    );
    expect((await cli(['actions', 'plan'])).code).toBe(0);
  });

  it('deletes actions without a file only with --prune, and pull --prune removes files Flowent lacks', async () => {
    const { cli, companion, gateway, write, project } = await setup();
    expect(
      (
        await cli([
          'actions',
          'register',
          'old_action',
          '--description',
          'Old',
          '--schema',
          '{}',
          '--webhook-url',
          `${companion.baseUrl}/actions/old_action`,
        ])
      ).code,
    ).toBe(0);
    write('actions/send_email.yaml', SEND_EMAIL);
    expect((await cli(['actions', 'apply'])).code).toBe(0);

    // Apply leaves old_action alone: plan has nothing for it to do.
    const plan = await cli(['actions', 'plan']);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('  ! old_action  left alone (only on Flowent)');
    const kept = await cli(['actions', 'apply']);
    expect(kept).toMatchObject({ code: 0, stderr: expect.stringContaining('Left on Flowent without a file: old_action') });
    expect(
      gateway
        .stored()
        .map((action) => action.name)
        .sort(),
    ).toEqual(['old_action', 'send_email']);

    const pruning = await cli(['actions', 'plan', '--prune']);
    expect(pruning.stdout).toContain('  - old_action  delete (only on Flowent)');
    // Plain "actions apply" would leave old_action: the hint names the command that deletes it.
    expect(pruning.stdout).toContain('0 to create, 0 to update, 1 to delete. "flowent-companion actions apply --prune" does it.');
    expect(await cli(['actions', 'apply', '--prune'])).toMatchObject({ code: 0, stdout: 'Deleted old_action.\n' });
    expect(gateway.stored().map((action) => action.name)).toEqual(['send_email']);
    expect((await cli(['actions', 'plan'])).code).toBe(0);

    write('actions/gone.yaml', lookupOrder('https://example.com/gone').replace('lookup_order', 'gone'));
    expect(await cli(['actions', 'pull', '--prune'])).toMatchObject({ code: 0, stdout: 'Removed actions/gone.yaml.\n' });
    expect(existsSync(join(project, 'actions/gone.yaml'))).toBe(false);
  });

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
      stdout: 'Nothing to write: every action Flowent has matches its file ("actions plan" shows what only the files have).\n',
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
