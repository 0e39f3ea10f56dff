import type { TunnelSeen } from '../../main/contract/api';
import { writeServeState } from '../../main/core';

/**
 * What a serve running on `webhookBaseUrl` records in the data folder, as `--here` and
 * `webhook_url: here` find it: this process stands for it (its pid is alive), with no tunnel
 * unless `tunnel` says where one is. `projectDir`: the project whose files it answers from, or null.
 */
export function recordServe(
  dataDir: string,
  webhookBaseUrl: string,
  projectDir: string | null = null,
  tunnel: TunnelSeen = { state: 'not-opened' },
): void {
  writeServeState(dataDir, {
    mode: 'headless',
    pid: process.pid,
    webhookBaseUrl,
    projectDir,
    forwardTarget: null,
    forwardTimeoutMs: null,
    tunnel,
    inspectorPort: null,
    loopToken: 'test-loop-token',
    startedAt: Date.now(),
  });
}
