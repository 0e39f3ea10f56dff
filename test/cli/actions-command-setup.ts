import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInProcess } from '../helpers/in-process-cli';
import type { FlowentGateway, GatewayOptions } from '../fixtures/flowent-gateway/gateway';
import { startCore, type RunningCore } from '../helpers/running-core';
import { gatewayForOneTest } from '../helpers/account-gateway';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

export const SCHEMA = { type: 'object', properties: { recipient: { type: 'string' } }, required: ['recipient'] };

export interface ActionsSetup {
  gateway: FlowentGateway;
  companion: RunningCore;
  dataDir: string;
  schema: string;
  cli(args: string[], env?: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }>;
}

/**
 * The actions command's rigs: each a Flowent stand-in and a companion on a data folder of its own,
 * with SCHEMA in a file (`schema` is its @-path) and `cli` running `actions` there; undone after each test.
 */
export function actionsRigs(): {
  setup: (gatewayOptions?: GatewayOptions) => Promise<ActionsSetup>;
  cleanups: (() => void | Promise<void>)[];
  tempDir: (prefix?: string) => string;
} {
  const { cleanups, tempDir } = cleanupsPerTest();
  async function setup(gatewayOptions: GatewayOptions = {}): Promise<ActionsSetup> {
    const gateway = await gatewayForOneTest(cleanups, gatewayOptions);
    const dir = tempDir();
    const companion = await startCore({ dataDir: dir });
    cleanups.push(() => companion.core.stop());
    const schema = join(dir, 'schema.json');
    writeFileSync(schema, JSON.stringify(SCHEMA));
    const baseEnv = { FLOWENT_BASE_URL: gateway.baseUrl, FLOWENT_API_TOKEN: 'api_test_token' };
    const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
      runInProcess(['actions', ...args, '--data-dir', dir], { env: { ...baseEnv, ...env } });
    return { gateway, companion, dataDir: dir, schema: `@${schema}`, cli };
  }
  return { setup, cleanups, tempDir };
}

/** What an update with no registration check in `dataDir`'s history says of it. */
export const uncheckedUpdate = (dataDir: string) =>
  `No companion using the data folder ${dataDir} has stored a registration check for this update. ` +
  'Flowent does not say whether it checks again on an update; ' +
  'if the webhook_url points at your handler, or at a companion using another data folder, look there.';

export const lines = (text: string) =>
  text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
