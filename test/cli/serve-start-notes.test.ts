// What `serve` says at its start about what the page would warn of: another serve answering
// from the same project's files, and a linked Flowent action its restart left at the old URL.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { FlowentGateway } from '../fixtures/flowent-gateway/gateway';
import { runCli, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { gatewayForOneTest } from '../helpers/account-gateway';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { cleanups, tempDir: temp } = cleanupsPerTest();

async function serve(dataDir: string, root: string, env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const server = await startServe(['--port', '0', '--no-inspector', '--data-dir', dataDir, '--project', root], {
    FLOWENT_HMAC_KEY: 'key',
    ...env,
  });
  cleanups.push(async () => {
    if (server.child.exitCode === null) server.child.kill('SIGTERM');
    await server.exited;
  });
  return server;
}

function projectFolder(actions: Record<string, string> = {}): string {
  const root = temp('fc-project-');
  mkdirSync(join(root, 'flowent', 'actions'), { recursive: true });
  mkdirSync(join(root, 'flowent', 'answers'), { recursive: true });
  for (const [name, text] of Object.entries(actions)) writeFileSync(join(root, 'flowent', 'actions', `${name}.yaml`), text);
  return root;
}

async function flowent(): Promise<{ gateway: FlowentGateway; env: NodeJS.ProcessEnv }> {
  const gateway = await gatewayForOneTest(cleanups, { apiTokens: { api_test_token: 'tenant-1' } });
  return { gateway, env: { FLOWENT_BASE_URL: gateway.baseUrl, FLOWENT_API_TOKEN: 'api_test_token' } };
}

it('a second serve on a project says another already answers from its files, and what refuses while both run', async () => {
  const data = temp();
  const root = projectFolder();
  const first = await serve(data, root);
  const second = await serve(data, root);
  await second.waitFor(/Press Ctrl-C to stop\./);
  expect(second.stdout()).toContain(
    `  Also here:    the serve at ${first.baseUrl} already answers from this project's files. While both run, "webhook_url: here"\n` +
      '                (actions plan, apply) and send or replay without --target refuse, not guessing which one is\n' +
      '                meant: stop one of them.\n',
  );
  expect(first.stdout()).not.toContain('Also here:');

  // A serve on another project of the same data folder is no second one.
  const other = await serve(data, projectFolder());
  await other.waitFor(/Press Ctrl-C to stop\./);
  expect(other.stdout()).not.toContain('Also here:');
});

it('a serve on another data folder answering from the same project is named too, with its data folder', async () => {
  const root = projectFolder();
  const firstData = temp();
  const first = await serve(firstData, root);
  await first.waitFor(/Press Ctrl-C to stop\./);
  const second = await serve(temp(), root);
  await second.waitFor(/Press Ctrl-C to stop\./);
  expect(second.stdout()).toContain(
    `  Also here:    the serve at ${first.baseUrl} (data folder ${firstData}) answers from this project's files too: ` +
      'both answer, and each keeps its calls in its own history; stop one of them unless both are meant.\n',
  );
  expect(first.stdout()).not.toContain('Also here:');

  // Stopped, it is named no more.
  first.child.kill('SIGTERM');
  await first.exited;
  const third = await serve(temp(), root);
  await third.waitFor(/Press Ctrl-C to stop\./);
  expect(third.stdout()).toContain(`  Also here:    the serve at ${second.baseUrl} (data folder `);
  expect(third.stdout()).not.toContain(first.baseUrl);
});

it("serves find each other in the user's state folder, and leave the temporary folder alone", async () => {
  const root = projectFolder();
  const tmp = temp();
  const env = { XDG_STATE_HOME: temp(), TMPDIR: tmp };
  const first = await serve(temp(), root, env);
  await first.waitFor(/Press Ctrl-C to stop\./);
  const second = await serve(temp(), root, env);
  await second.waitFor(/Press Ctrl-C to stop\./);
  expect(second.stdout()).toContain(`  Also here:    the serve at ${first.baseUrl} (data folder `);
  expect(readdirSync(join(env.XDG_STATE_HOME, 'flowent-companion', 'project-serves'))).toHaveLength(1);
  expect(readdirSync(tmp).filter((name) => name.startsWith('flowent-companion'))).toEqual([]);

  // What they share is the state folder: a serve given another sees neither.
  const elsewhere = await serve(temp(), root, { ...env, XDG_STATE_HOME: temp() });
  await elsewhere.waitFor(/Press Ctrl-C to stop\./);
  expect(elsewhere.stdout()).not.toContain('Also here:');
});

it('a serve restarted on another port names each linked action left at the old URL and the command that re-points it', async () => {
  const data = temp();
  const { env } = await flowent();
  const root = projectFolder({
    send_email: 'version: 1\ndescription: Send an email\njson_schema: {type: object}\nwebhook_url: here\n',
  });
  const cli = (args: string[]) => runCli([...args, '--data-dir', data], env, { cwd: root });
  const before = await serve(data, root, env);
  expect((await cli(['actions', 'apply'])).code).toBe(0);
  // Linked outside the files: only actions update re-points it.
  const noted = await cli(['actions', 'register', 'make_note', '--description', 'Make a note', '--schema', '{}', '--here']);
  expect(noted.code, noted.stderr).toBe(0);
  before.child.kill('SIGTERM');
  await before.exited;

  const after = await serve(data, root, env);
  await after.waitFor(/Press Ctrl-C to stop\./);
  const old = `${before.baseUrl}/actions`;
  expect(after.stdout()).toContain(
    `Flowent: send_email (default) still points at ${old}/send_email, which no longer reaches this companion: ` +
      `Flowent's calls to it fail. Run "flowent-companion actions apply" (its file says webhook_url: here).\n`,
  );
  expect(after.stdout()).toContain(
    `Flowent: make_note (default) still points at ${old}/make_note, which no longer reaches this companion: ` +
      `Flowent's calls to it fail. Run "flowent-companion actions update make_note --here".\n`,
  );
});
