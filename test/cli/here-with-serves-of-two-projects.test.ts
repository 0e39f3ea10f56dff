import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FlowentGateway } from '../fixtures/flowent-gateway/gateway';
import { runCli, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { gatewayForOneTest } from '../helpers/account-gateway';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { cleanups, tempDir: temp } = cleanupsPerTest();

const SEND_EMAIL = `version: 1
description: Send an email
json_schema: {type: object}
webhook_url:
  default: here
`;

/** A folder holding flowent/ with send_email at `here`; returns the folder (where a developer runs commands). */
function projectFolder(): string {
  const root = temp('fc-project-');
  mkdirSync(join(root, 'flowent', 'actions'), { recursive: true });
  mkdirSync(join(root, 'flowent', 'answers'), { recursive: true });
  writeFileSync(join(root, 'flowent', 'actions', 'send_email.yaml'), SEND_EMAIL);
  return root;
}

async function serveProject(dataDir: string, root: string): Promise<ServeProcess> {
  const server = await startServe(['--port', '0', '--data-dir', dataDir, '--project', root], { FLOWENT_HMAC_KEY: 'key' });
  cleanups.push(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  });
  return server;
}

async function flowent(): Promise<{ gateway: FlowentGateway; env: NodeJS.ProcessEnv }> {
  const gateway = await gatewayForOneTest(cleanups, { apiTokens: { api_test_token: 'tenant-1' } });
  return { gateway, env: { FLOWENT_BASE_URL: gateway.baseUrl, FLOWENT_API_TOKEN: 'api_test_token' } };
}

describe('webhook_url: here with two serves on one data folder', () => {
  it('means the serve answering from this project, not the one started last', async () => {
    const data = temp();
    const { gateway, env } = await flowent();
    const first = projectFolder();
    const second = projectFolder();
    const firstServe = await serveProject(data, first);
    const secondServe = await serveProject(data, second);
    const cli = (args: string[], cwd: string) => runCli([...args, '--data-dir', data], env, { cwd });

    const plan = await cli(['actions', 'plan'], first);
    expect(plan.code, plan.stderr).toBe(3);
    expect(plan.stdout).toContain(`${firstServe.baseUrl}/actions/send_email`);
    expect(plan.stdout).not.toContain(secondServe.baseUrl);

    const applied = await cli(['actions', 'apply'], first);
    expect(applied.code, applied.stderr).toBe(0);
    expect(gateway.stored()).toMatchObject([{ name: 'send_email', webhook_url: `${firstServe.baseUrl}/actions/send_email` }]);

    // In the other project, --here is the other serve.
    const linked = await cli(['actions', 'link', 'send_email', '--here'], second);
    expect(linked.code, linked.stderr).toBe(0);
    expect(linked.stdout).toContain(`Linked send_email → ${secondServe.baseUrl}/actions/send_email: it follows the public URL.`);
    expect(gateway.stored()).toMatchObject([{ name: 'send_email', webhook_url: `${secondServe.baseUrl}/actions/send_email` }]);
  });

  it('in a project no serve answers from, says so and where the running ones answer from, and changes nothing', async () => {
    const data = temp();
    const { gateway, env } = await flowent();
    const served = projectFolder();
    const servedServe = await serveProject(data, served);
    const unserved = projectFolder();
    const cli = (args: string[]) => runCli([...args, '--data-dir', data], env, { cwd: unserved });

    for (const sub of ['plan', 'apply']) {
      const refused = await cli(['actions', sub]);
      expect(refused.code, sub).toBe(1);
      expect(refused.stderr, sub).toContain(
        `actions/send_email.yaml says webhook_url: here, but no companion answers from this project's files ` +
          `(the serve at ${servedServe.baseUrl} answers from ${join(served, 'flowent', 'answers')})`,
      );
      expect(refused.stdout, sub).toBe('');
    }
    const link = await cli(['actions', 'link', 'send_email', '--here']);
    // As plan and apply: the command line is right, no serve answering from the project is the state.
    expect(link.code).toBe(1);
    expect(link.stderr).toContain(
      `--here, run in a project, means the serve answering from its files (${join(unserved, 'flowent')}), and none does`,
    );
    expect(gateway.stored()).toEqual([]);
  });

  it("in a project no serve answers from, refuses even when Flowent already holds the other project's serve URL", async () => {
    const data = temp();
    const { gateway, env } = await flowent();
    const served = projectFolder();
    const servedServe = await serveProject(data, served);
    const unserved = projectFolder();
    const cli = (args: string[], cwd: string) => runCli([...args, '--data-dir', data], env, { cwd });
    // Project A links send_email to its serve: Flowent and the data folder's link now hold A's URL.
    expect((await cli(['actions', 'apply'], served)).code).toBe(0);
    const stored = gateway.stored();
    expect(stored).toMatchObject([{ name: 'send_email', webhook_url: `${servedServe.baseUrl}/actions/send_email` }]);

    // In project B, "here" is no serve: A's URL on Flowent is not B's, however in sync it looks.
    for (const sub of ['plan', 'apply']) {
      const refused = await cli(['actions', sub], unserved);
      expect(refused.code, sub).toBe(1);
      expect(refused.stderr, sub).toContain(
        `actions/send_email.yaml says webhook_url: here, but no companion answers from this project's files ` +
          `(the serve at ${servedServe.baseUrl} answers from ${join(served, 'flowent', 'answers')})`,
      );
      expect(refused.stdout, sub).toBe('');
    }
    expect(gateway.stored()).toEqual(stored);
  });

  it('refuses to guess when two serves answer from the same project, naming both', async () => {
    const data = temp();
    const { gateway, env } = await flowent();
    const root = projectFolder();
    const one = await serveProject(data, root);
    const other = await serveProject(data, root);
    const plan = await runCli(['actions', 'plan', '--data-dir', data], env, { cwd: root });
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(`2 serves answer from this project's files: `);
    expect(plan.stderr).toContain(one.baseUrl);
    expect(plan.stderr).toContain(other.baseUrl);
    expect(gateway.stored()).toEqual([]);
  });
});

describe('actions plan with webhook_url: here and no serve running', () => {
  it('refuses even when the action was linked by a serve that has since stopped', async () => {
    const data = temp();
    const { gateway, env } = await flowent();
    const root = projectFolder();
    const serve = await serveProject(data, root);
    expect((await runCli(['actions', 'apply', '--data-dir', data], env, { cwd: root })).code).toBe(0);
    serve.child.kill('SIGTERM');
    await serve.exited;
    const plan = await runCli(['actions', 'plan', '--data-dir', data], env, { cwd: root });
    expect(plan.code).toBe(1);
    expect(plan.stdout).toBe('');
    expect(plan.stderr).toContain('actions/send_email.yaml says webhook_url: here, but no companion is running to be "here".');
    expect(gateway.stored()).toMatchObject([{ webhook_url: `${serve.baseUrl}/actions/send_email` }]);
  });

  it('says at once that here cannot be named and how to fix it, exiting 1 as a failure at run time', async () => {
    const data = temp();
    const { env } = await flowent();
    const root = projectFolder();
    const plan = await runCli(['actions', 'plan', '--data-dir', data], env, { cwd: root });
    expect(plan.code).toBe(1);
    expect(plan.stdout).toBe('');
    expect(plan.stderr).toContain('actions/send_email.yaml says webhook_url: here, but no companion is running to be "here".');
    expect(plan.stderr).toContain('Start it with "flowent-companion serve", answering from this project\'s files');
  });
});
