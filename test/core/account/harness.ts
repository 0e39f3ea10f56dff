import { FlowentGateway, type GatewayOptions } from '../../fixtures/flowent-gateway/gateway';
import { cleanupsPerTest } from '../../helpers/cleanups-per-test';
import { ActionRegistry, type ActionRegistryOptions } from '../../../main/core/account/action-registry';
import { environmentProfileSecrets } from '../../../main/core/account/profiles';
import { ACCOUNT_SETTINGS_SCOPE } from '../../../main/core/account/types';
import { openStore } from '../../../main/core/store/open-store';

export const API_TOKEN = 'api_test_token';
const { cleanups, tempDir } = cleanupsPerTest();
export { tempDir };

export function onCleanup(cleanup: () => void | Promise<void>): void {
  cleanups.push(cleanup);
}

export async function startGateway(options: GatewayOptions = {}): Promise<FlowentGateway> {
  const gateway = new FlowentGateway(options);
  await gateway.start();
  onCleanup(() => gateway.stop());
  return gateway;
}

/** A registry on a real settings table in `dataDir`, its default profile pointed at the stand-in. */
export function service(
  gateway: FlowentGateway,
  options: Partial<ActionRegistryOptions> & { dataDir?: string; token?: string | null } = {},
): ActionRegistry {
  const { dataDir = tempDir(), token = API_TOKEN, env: extraEnv = {}, ...rest } = options;
  const opened = openStore({ dataDir });
  if (!opened.ok) throw new Error(JSON.stringify(opened));
  onCleanup(opened.value.close);
  const env = { FLOWENT_BASE_URL: gateway.baseUrl, ...(token ? { FLOWENT_API_TOKEN: token } : {}), ...extraEnv };
  return new ActionRegistry({
    settings: opened.value.settings.scope(ACCOUNT_SETTINGS_SCOPE),
    profileSecret: environmentProfileSecrets(env),
    env,
    companionUrls: () => [],
    ...rest,
  });
}

export const SCHEMA = {
  type: 'object',
  properties: { recipient: { type: 'string', format: 'email' }, subject: { type: 'string' }, count: { type: 'integer' } },
  required: ['recipient', 'subject'],
};
