import * as ngrok from '@ngrok/ngrok';
import { afterEach, beforeEach } from 'vitest';
import { NgrokTunnel, type NgrokTunnelOptions } from '../../../main/core/tunnel/ngrok-tunnel';
import { FakeEdge, TEST_CA_PEM } from '../../fixtures/ngrok-edge/fake-edge';

/**
 * A fresh stand-in for ngrok's edge for each test (ngrok's cloud cannot be reached here). Use
 * before useCompanion, so the companion's tunnel closes while the edge is still up; after each
 * test every agent session is killed (the agent library keeps one registry per process).
 */
export function useNgrokEdge(): () => FakeEdge {
  let edge: FakeEdge | null = null;
  beforeEach(async () => {
    edge = await FakeEdge.start();
  });
  afterEach(async () => {
    await edge?.stop();
    edge = null;
    let timer: NodeJS.Timeout | undefined;
    // kill() behind a session stuck in setup could wait forever: bounded.
    await Promise.race([ngrok.kill().catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, 3_000)))]);
    clearTimeout(timer);
  });
  return () => {
    if (!edge) throw new Error('The edge starts before each test.');
    return edge;
  };
}

/** The embedded ngrok agent, as the app runs it, pointed at the stand-in edge (timings shortened where a test says). */
export function agentFor(edge: FakeEdge, timings: Omit<NgrokTunnelOptions, 'serverAddr' | 'caCert'> = {}): NgrokTunnel {
  return new NgrokTunnel({ serverAddr: edge.serverAddr, caCert: TEST_CA_PEM, ...timings });
}
