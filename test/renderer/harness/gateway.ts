import { fetch } from 'undici';
import { afterEach, beforeEach } from 'vitest';
import type { CompanionOptions } from './companion';
import { FlowentGateway, type GatewayOptions } from '../../fixtures/flowent-gateway/gateway';

/** The API token the Gateway stand-in accepts (for tenant-1). */
export const API_TOKEN = 'api_test_token';

/**
 * A fresh stand-in for Flowent's Gateway for each test (Flowent's cloud cannot be reached
 * here): real HTTP on port 0, with the registration check sent for real to the webhook.
 * Point a companion at it with `env: { FLOWENT_BASE_URL: gateway().baseUrl }`.
 */
export function useGateway(options: GatewayOptions = {}): () => FlowentGateway {
  let gateway: FlowentGateway | null = null;
  beforeEach(async () => {
    gateway = new FlowentGateway({ apiTokens: { [API_TOKEN]: 'tenant-1' }, ...options });
    await gateway.start();
  });
  afterEach(async () => {
    await gateway?.stop();
    gateway = null;
  });
  return () => {
    if (!gateway) throw new Error('The Gateway starts before each test.');
    return gateway;
  };
}

/**
 * What a companion needs to reach the Gateway stand-in: its URL, and Node's fetch for the core
 * (the global one in a page test is the page's, with a browser's CORS rules).
 */
export function gatewayOptions(gateway: FlowentGateway): Pick<CompanionOptions, 'env' | 'core'> {
  return {
    env: { FLOWENT_BASE_URL: gateway.baseUrl },
    core: { flowentFetch: fetch as unknown as NonNullable<NonNullable<CompanionOptions['core']>['flowentFetch']> },
  };
}

/** A session token from the Gateway, as another Flowent client (the web app, a script) gets one. */
export async function otherClientSession(gateway: FlowentGateway): Promise<string> {
  const response = await fetch(`${gateway.baseUrl}/token/exchange`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ api_token: API_TOKEN }),
  });
  return ((await response.json()) as { jwt_token: string }).jwt_token;
}
