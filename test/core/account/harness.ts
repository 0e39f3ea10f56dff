import { afterEach } from 'vitest';
import { FlowentGateway, type GatewayOptions } from '../../fixtures/flowent-gateway/gateway';
import { makeTempDir } from '../../helpers/temp-dir';
import { environmentProfileSecrets, FlowentService, openFlowentSettings, type FlowentServiceOptions } from '../../../main/core/account';

export const API_TOKEN = 'api_test_token';
const cleanups: (() => void | Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export function onCleanup(cleanup: () => void | Promise<void>): void {
  cleanups.push(cleanup);
}

export async function startGateway(options: GatewayOptions = {}): Promise<FlowentGateway> {
  const gateway = new FlowentGateway(options);
  await gateway.start();
  onCleanup(() => gateway.stop());
  return gateway;
}

export function tempDir(): string {
  const dir = makeTempDir();
  onCleanup(dir.remove);
  return dir.path;
}

/** A service on a real settings table in `dataDir`, its default profile pointed at the stand-in. */
export function service(
  gateway: FlowentGateway,
  options: Partial<FlowentServiceOptions> & { dataDir?: string; token?: string | null } = {},
): FlowentService {
  const { dataDir = tempDir(), token = API_TOKEN, env: extraEnv = {}, ...rest } = options;
  const opened = openFlowentSettings(dataDir);
  if (!opened.ok) throw new Error(opened.message);
  onCleanup(opened.value.close);
  const env = { FLOWENT_BASE_URL: gateway.baseUrl, ...(token ? { FLOWENT_API_TOKEN: token } : {}), ...extraEnv };
  return new FlowentService({ settings: opened.value.settings, profileSecret: environmentProfileSecrets(env), env, ...rest });
}

export const SCHEMA = {
  type: 'object',
  properties: { recipient: { type: 'string', format: 'email' }, subject: { type: 'string' }, count: { type: 'integer' } },
  required: ['recipient', 'subject'],
};
