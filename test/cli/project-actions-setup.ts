import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FlowentGateway } from '../fixtures/flowent-gateway/gateway';
import { startCore, type RunningCore } from '../helpers/running-core';
import { gatewayForOneTest } from '../helpers/account-gateway';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { runInProcess } from '../helpers/in-process-cli';
import { runCli, type RunResult } from '../helpers/spawn-cli';
import { recordServe } from '../helpers/recorded-serve';
import type { TunnelSeen } from '../../main/contract/api';

export interface ProjectSetup {
  gateway: FlowentGateway;
  companion: RunningCore;
  /** The data folder every command here is given with --data-dir. */
  data: string;
  root: string;
  project: string;
  cli(args: string[], env?: NodeJS.ProcessEnv): Promise<RunResult>;
  write(file: string, text: string): void;
  read(file: string): string;
}

export interface ProjectSetupOptions {
  /** False: no serve runs on the data folder, so `webhook_url: here` has no companion to name. */
  serve?: boolean;
  /** Where the tunnel of the serve that runs is. */
  tunnel?: TunnelSeen;
  /** True: the project folder exists with an empty actions/, as plan, apply and pull expect to find it. */
  folder?: boolean;
}

/**
 * The project tests' rigs: each a Flowent stand-in (tokens api_test_token, api_staging_token and
 * api_prod_token), a data folder, a project folder and a running companion, undone after each
 * test. `cli` runs the command in this process, or, with `built`, the built command as a CI job does.
 */
export function projectRigs({ built = false }: { built?: boolean } = {}): {
  setup: (options?: ProjectSetupOptions) => Promise<ProjectSetup>;
  cleanups: (() => void | Promise<void>)[];
  tempDir: (prefix?: string) => string;
} {
  const { cleanups, tempDir } = cleanupsPerTest();
  async function setup({ serve = true, tunnel, folder = false }: ProjectSetupOptions = {}): Promise<ProjectSetup> {
    const apiTokens = { api_test_token: 'tenant-1', api_staging_token: 'tenant-2', api_prod_token: 'tenant-2' };
    const gateway = await gatewayForOneTest(cleanups, { apiTokens });
    const data = tempDir();
    const root = tempDir('fc-project-');
    const companion = await startCore({ dataDir: data });
    cleanups.push(() => companion.core.stop());
    const project = join(root, 'flowent');
    if (folder) mkdirSync(join(project, 'actions'), { recursive: true });
    // A running serve on the same data folder, answering from this project: what `webhook_url: here` means.
    if (serve) recordServe(data, companion.baseUrl, project, tunnel);
    const env = { FLOWENT_BASE_URL: gateway.baseUrl, FLOWENT_API_TOKEN: 'api_test_token' };
    return {
      gateway,
      companion,
      data,
      root,
      project,
      cli: (args, extra = {}) =>
        built
          ? runCli([...args, '--data-dir', data], { ...env, ...extra }, { cwd: root })
          : runInProcess([...args, '--data-dir', data], { env: { ...env, ...extra }, cwd: root }),
      write(file, text) {
        mkdirSync(join(project, file, '..'), { recursive: true });
        writeFileSync(join(project, file), text);
      },
      read: (file) => readFileSync(join(project, file), 'utf8'),
    };
  }
  return { setup, cleanups, tempDir };
}

export const SEND_EMAIL = `# yaml-language-server: $schema=../schemas/action.schema.json
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

export const lookupOrder = (url: string) => `version: 1
name: lookup_order
description: Look an order up
json_schema: {type: object, properties: {id: {type: string}}}
webhook_url: ${url}
`;
