import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FlowentGateway } from '../fixtures/flowent-gateway/gateway';
import { FakeEdge, TEST_DOMAIN } from '../fixtures/ngrok-edge/fake-edge';
import { gatewayForOneTest } from './account-gateway';
import { startServe, type ServeProcess } from './spawn-cli';

type Cleanups = (() => void | Promise<void>)[];

/** serve's line once its tunnel is online, with the public URL (group 1). */
export const TUNNEL_ONLINE = /Tunnel: online\. Public URL: (https:\/\/\S+)\/actions\/<action_name>/;

export interface FlowentAndEdge {
  gateway: FlowentGateway;
  edge: FakeEdge;
  /** The data folder serve and the commands share. */
  dir: string;
  /** FLOWENT_BASE_URL and the API token for the stand-in Flowent. */
  flowentEnv: NodeJS.ProcessEnv;
  /** An action schema file (`{"type": "object"}`) for `actions register --schema @file`. */
  schema: string;
  /** Starts serve with a tunnel through the edge on the data folder (stopped after the test); does not wait for it to be online. */
  serveWithTunnel(...extraArgs: string[]): Promise<ServeProcess>;
}

/**
 * A stand-in Flowent and ngrok edge for one test, and serve with a tunnel through that edge.
 * `flowentReachesEdge`: Flowent's fetches of the edge's public hosts go to its public side, as
 * the internet's do (its registration check then comes through the tunnel, or gets ngrok's 404).
 */
export async function flowentAndEdge(
  cleanups: Cleanups,
  tempDir: () => string,
  { apiToken, flowentReachesEdge = false }: { apiToken: string; flowentReachesEdge?: boolean },
): Promise<FlowentAndEdge> {
  const edge = await FakeEdge.start();
  cleanups.push(() => edge.stop());
  const gateway = await gatewayForOneTest(cleanups, {
    apiTokens: { [apiToken]: 'tenant-1' },
    ...(flowentReachesEdge ? { publicHosts: { domain: TEST_DOMAIN, port: edge.ingressPort } } : {}),
  });
  const dir = tempDir();
  const flowentEnv = { FLOWENT_BASE_URL: gateway.baseUrl, FLOWENT_API_TOKEN: apiToken };
  const schema = join(dir, 'schema.json');
  writeFileSync(schema, JSON.stringify({ type: 'object' }));

  async function serveWithTunnel(...extraArgs: string[]): Promise<ServeProcess> {
    const server = await startServe(
      ['--port', '0', '--data-dir', dir, '--tunnel', ...extraArgs],
      { ...flowentEnv, NGROK_AUTHTOKEN: 'good-token' },
      { ngrokEdge: edge.serverAddr },
    );
    cleanups.push(async () => {
      if (server.child.exitCode === null) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
    });
    return server;
  }

  return { gateway, edge, dir, flowentEnv, schema, serveWithTunnel };
}
