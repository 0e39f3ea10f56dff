import { writeServeState } from '../../main/core';

/**
 * What a serve running on `webhookBaseUrl` records in the data folder, as `--here` and
 * `webhook_url: here` find it: this process stands for it (its pid is alive), with no public URL.
 * `projectDir`: the project whose files it answers from, or null.
 */
export function recordServe(dataDir: string, webhookBaseUrl: string, projectDir: string | null = null): void {
  writeServeState(dataDir, {
    mode: 'headless',
    pid: process.pid,
    webhookBaseUrl,
    projectDir,
    forwardTarget: null,
    publicUrl: null,
    inspectorPort: null,
    loopToken: 'test-loop-token',
    startedAt: Date.now(),
  });
}
