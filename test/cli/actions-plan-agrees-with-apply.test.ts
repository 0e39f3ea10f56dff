// actions plan, apply and pull through the built command, as a CI job runs them: what plan
// says (and its exit code) is what apply then does, and a pull followed by apply changes nothing.
import { networkInterfaces } from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import { runningServes } from '../../main/core';
import { lanAddresses } from '../../main/core/tunnel/lan-addresses';
import { startCore } from '../helpers/running-core';
import { startServe } from '../helpers/spawn-cli';
import { projectRigs } from './project-actions-setup';
import { recordServe } from '../helpers/recorded-serve';

// Each test runs the built command up to ten times, a second or more each on a loaded machine:
// the file-wide bound on a hang is doubled for it.
vi.setConfig({ testTimeout: 120_000 });

const { setup, cleanups, tempDir } = projectRigs({ built: true });
/** What each test here starts from: no serve recorded (a test records one where it needs `here`), the project folder made. */
const rig = () => setup({ serve: false, folder: true });

const action = (name: string, url: string) => `version: 1
name: ${name}
description: Look an order up
json_schema: {type: object, properties: {id: {type: string}}}
webhook_url: ${url}
`;

describe('actions plan says what apply does', () => {
  it('exits 0 with only an action only on Flowent, which apply leaves alone, and says to pull it or apply --prune', async () => {
    const { cli, companion } = await rig();
    const registered = await cli([
      'actions',
      'register',
      'zz_only',
      '--description',
      'Only there',
      '--schema',
      '{}',
      '--webhook-url',
      `${companion.baseUrl}/actions/zz_only`,
    ]);
    expect(registered.code).toBe(0);

    const plan = await cli(['actions', 'plan']);
    expect(plan.stdout).toContain('  ! zz_only  left alone (only on Flowent)');
    expect(plan.stdout).not.toContain('does it');
    expect(plan.stdout).toContain(
      'Only on Flowent, left alone: zz_only ("flowent-companion actions pull" writes its file; ' +
        '"flowent-companion actions apply --prune" deletes it from Flowent).',
    );
    expect(plan.code).toBe(0);

    const applied = await cli(['actions', 'apply']);
    expect(applied).toMatchObject({ code: 0, stdout: 'Nothing to do: Flowent matches the files.\n' });
    expect(applied.stderr).toContain('Left on Flowent without a file: zz_only ("flowent-companion actions pull" writes its file;');
    expect((await cli(['actions', 'plan'])).code).toBe(0);
    // With --prune, apply has something to do: plan says so and exits 3.
    expect(await cli(['actions', 'plan', '--prune'])).toMatchObject({
      code: 3,
      stdout: expect.stringContaining('0 to create, 0 to update, 1 to delete. "flowent-companion actions apply --prune" does it.'),
    });
  });

  it('exits 3 for a file to create beside an action only on Flowent, naming both', async () => {
    const { cli, companion, write } = await rig();
    expect(
      (
        await cli([
          'actions',
          'register',
          'zz_only',
          '--description',
          'Only',
          '--schema',
          '{}',
          '--webhook-url',
          `${companion.baseUrl}/actions/zz_only`,
        ])
      ).code,
    ).toBe(0);
    write('actions/lookup_order.yaml', action('lookup_order', `${companion.baseUrl}/actions/lookup_order`));
    const plan = await cli(['actions', 'plan']);
    expect(plan.code).toBe(3);
    expect(plan.stdout).toContain(
      '1 to create, 0 to update, 0 to delete. "flowent-companion actions apply" does it.\nOnly on Flowent, left alone: zz_only',
    );
  });
});

describe('actions plan says why an action with webhook_url: here changed', () => {
  it('names where here points now when only the serve moved, not "changed in the files"', async () => {
    const { cli, companion, data, project, write, gateway } = await rig();
    recordServe(data, companion.baseUrl, project);
    write('actions/lookup_order.yaml', action('lookup_order', 'here'));
    expect((await cli(['actions', 'apply'])).code).toBe(0);
    expect((await cli(['actions', 'plan'])).code).toBe(0);

    // The serve is restarted on another port; the file is not touched.
    const moved = await startCore({ dataDir: tempDir() });
    cleanups.push(() => moved.core.stop());
    recordServe(data, moved.baseUrl, project);
    const plan = await cli(['actions', 'plan']);
    expect(plan.code).toBe(3);
    expect(plan.stdout).toContain(`  ~ lookup_order  update (here now points at ${moved.baseUrl})\n`);
    expect(plan.stdout).not.toContain('changed in the files');
    expect(JSON.parse((await cli(['actions', 'plan', '--json'])).stdout)).toMatchObject({ actions: [{ state: 'here-moved' }] });

    expect((await cli(['actions', 'apply'])).code).toBe(0);
    expect(gateway.stored()).toMatchObject([{ webhook_url: `${moved.baseUrl}/actions/lookup_order` }]);
    expect((await cli(['actions', 'plan'])).code).toBe(0);
  });

  it('still says "changed in the files" when the file was edited', async () => {
    const { cli, companion, data, project, write } = await rig();
    recordServe(data, companion.baseUrl, project);
    write('actions/lookup_order.yaml', action('lookup_order', 'here'));
    expect((await cli(['actions', 'apply'])).code).toBe(0);
    write('actions/lookup_order.yaml', action('lookup_order', 'here').replace('Look an order up', 'Find an order'));
    const moved = await startCore({ dataDir: tempDir() });
    cleanups.push(() => moved.core.stop());
    recordServe(data, moved.baseUrl, project);
    expect((await cli(['actions', 'plan'])).stdout).toContain('  ~ lookup_order  update (changed in the files)');
  });
});

describe('actions pull keeps what a file says for the other profiles', () => {
  it('writes webhook_url per profile when Flowent has another URL for this profile than the one the file gives every profile', async () => {
    const { cli, companion, gateway, write, read } = await rig();
    const production = { FLOWENT_API_TOKEN_PRODUCTION: 'api_prod_token' };
    expect((await cli(['actions', 'profile', 'add', 'production', gateway.baseUrl])).code).toBe(0);
    const everywhere = `${companion.baseUrl}/actions/lookup_order`;
    const file = action('lookup_order', everywhere);
    write('actions/lookup_order.yaml', file);
    expect((await cli(['actions', 'apply'])).code).toBe(0);
    expect((await cli(['actions', 'apply', '--profile', 'production'], production)).code).toBe(0);

    // Flowent already has the file's URL: the file stays as written.
    expect(await cli(['actions', 'pull'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Nothing to write') });
    expect(read('actions/lookup_order.yaml')).toBe(file);

    // Moved on Flowent for the default profile only.
    const moved = await startCore({ dataDir: tempDir() });
    cleanups.push(() => moved.core.stop());
    const elsewhere = `${moved.baseUrl}/actions/lookup_order`;
    expect((await cli(['actions', 'update', 'lookup_order', '--webhook-url', elsewhere])).code).toBe(0);
    const pulled = await cli(['actions', 'pull']);
    expect(pulled).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Wrote actions/lookup_order.yaml: its webhook_url is now one per profile'),
    });
    expect(read('actions/lookup_order.yaml')).toContain(`webhook_url:\n  default: ${elsewhere}\n  production: ${everywhere}\n`);

    // Pull then apply changes nothing, for either profile.
    expect((await cli(['actions', 'plan'])).code).toBe(0);
    expect(await cli(['actions', 'plan', '--profile', 'production'], production)).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Nothing to do'),
    });
    expect(gateway.stored('tenant-2')).toMatchObject([{ webhook_url: everywhere }]);
  });
});

describe('actions pull with only the one profile', () => {
  it('keeps the one URL init wrote as one when Flowent has another, there being no other profile to keep it for', async () => {
    const { cli, companion, read } = await rig();
    const first = `${companion.baseUrl}/actions/lookup_order`;
    expect(
      (await cli(['actions', 'register', 'lookup_order', '--description', 'Look an order up', '--schema', '{}', '--webhook-url', first]))
        .code,
    ).toBe(0);
    expect((await cli(['actions', 'pull'])).code).toBe(0);
    expect(read('actions/lookup_order.yaml')).toContain(`webhook_url: ${first}\n`);

    const moved = await startCore({ dataDir: tempDir() });
    cleanups.push(() => moved.core.stop());
    const elsewhere = `${moved.baseUrl}/actions/lookup_order`;
    expect((await cli(['actions', 'update', 'lookup_order', '--webhook-url', elsewhere])).code).toBe(0);
    const pulled = await cli(['actions', 'pull']);
    expect(pulled).toMatchObject({ code: 0, stdout: 'Wrote actions/lookup_order.yaml.\n' });
    expect(read('actions/lookup_order.yaml')).toContain(`webhook_url: ${elsewhere}\n`);
    expect((await cli(['actions', 'plan'])).code).toBe(0);
  });
});

describe('webhook_url: here with no tunnel open', () => {
  /** A real serve answering from the project, on `host`; `here` is known once it has recorded itself. */
  async function serveProject(data: string, project: string, host: string): Promise<string> {
    const serve = await startServe(['--port', '0', '--host', host, '--project', project, '--data-dir', data, '--no-inspector']);
    cleanups.push(async () => {
      serve.child.kill('SIGINT');
      await serve.exited;
    });
    await expect.poll(() => runningServes(data).length).toBe(1);
    return serve.baseUrl;
  }

  const lan = (port: number) => lanAddresses(networkInterfaces(), port)[0];

  it.skipIf(lan(1) === undefined)(
    'registers the LAN URL while serve listens on every interface, and says who can reach it, as link --here does',
    async () => {
      const { cli, data, project, write, gateway } = await rig();
      const baseUrl = await serveProject(data, project, '0.0.0.0');
      const address = lan(Number(new URL(baseUrl).port));
      if (!address) throw new Error('no LAN address');
      const note =
        `Note: serve has no public URL (no tunnel open): using its LAN URL ${address.baseUrl} (${address.interface}), ` +
        'which machines on your local network reach, but not Flowent in the cloud. Run serve with --tunnel for a public URL.';
      write('actions/lookup_order.yaml', action('lookup_order', 'here'));
      const plan = await cli(['actions', 'plan']);
      expect(plan.stdout).toContain(`+ ${address.baseUrl}/actions/lookup_order`);

      const applied = await cli(['actions', 'apply']);
      expect(applied).toMatchObject({ code: 0, stdout: 'Registered lookup_order.\n' });
      expect(applied.stderr).toContain(note);
      expect(gateway.stored()).toMatchObject([{ webhook_url: `${address.baseUrl}/actions/lookup_order` }]);

      const linked = await cli(['actions', 'link', 'lookup_order', '--here']);
      expect(linked).toMatchObject({ code: 0, stdout: expect.stringContaining(`→ ${address.baseUrl}/actions/lookup_order:`) });
      expect(linked.stderr).toContain(note);
    },
  );

  it("says so when apply registers this computer's URL, as link --here does", async () => {
    const { cli, data, project, write, gateway } = await rig();
    const baseUrl = await serveProject(data, project, '127.0.0.1');
    const note = `Note: serve has no public URL (no tunnel open): using ${baseUrl}, which Flowent in the cloud cannot reach. Run serve with --tunnel for a public URL.`;
    write('actions/lookup_order.yaml', action('lookup_order', 'here'));
    const applied = await cli(['actions', 'apply']);
    expect(applied).toMatchObject({ code: 0, stdout: 'Registered lookup_order.\n' });
    expect(applied.stderr).toContain(note);
    expect(gateway.stored()).toMatchObject([{ webhook_url: `${baseUrl}/actions/lookup_order` }]);
    expect((await cli(['actions', 'link', 'lookup_order', '--here'])).stderr).toContain(note);
  });
});
