import { afterAll, beforeAll } from 'vitest';
import { FlowentGateway, type GatewayOptions } from '../fixtures/flowent-gateway/gateway';

/**
 * A Flowent stand-in for a whole test file, started before its first test and stopped after its
 * last, knowing one API token and signing with `hmacKey`. `env()` is what a serve needs to use
 * it as its account. Call it before the file's serve is started, so the stand-in is up first.
 */
export function useAccountGateway(hmacKey: string, apiToken: string) {
  let started: FlowentGateway | null = null;
  beforeAll(async () => {
    started = new FlowentGateway({ apiTokens: { [apiToken]: 'tenant-1' }, hmacKey });
    await started.start();
  });
  afterAll(async () => {
    await started?.stop();
  });
  const gateway = (): FlowentGateway => {
    if (!started) throw new Error('The Flowent stand-in starts before the first test.');
    return started;
  };
  const env = () => ({ FLOWENT_HMAC_KEY: hmacKey, FLOWENT_BASE_URL: gateway().baseUrl, FLOWENT_API_TOKEN: apiToken });
  return { gateway, env };
}

/** A Flowent stand-in started for one test (knowing no API token unless `options` name some), stopped with the test's `cleanups`. */
export async function gatewayForOneTest(cleanups: (() => void | Promise<void>)[], options?: GatewayOptions): Promise<FlowentGateway> {
  const started = new FlowentGateway(options);
  await started.start();
  cleanups.push(() => started.stop());
  return started;
}
