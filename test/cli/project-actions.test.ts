import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lookupOrder, projectRigs, SEND_EMAIL } from './project-actions-setup';

const { setup } = projectRigs();

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
      stdout:
        'Nothing to write: every action Flowent has matches its file ("flowent-companion actions plan" shows what only the files have).\n',
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
      stdout:
        'Nothing to write: every action Flowent has matches its file ("flowent-companion actions plan" shows what only the files have).\n',
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
});
