import { runningServes } from '../account/serve-state';
import type { OwnWebhook } from './deliver';

/** This companion's webhook while it listens, and what it forwards with. */
export interface ThisWebhook {
  listening: () => { baseUrl: string } | null;
  loopToken: string;
  forwardTarget: string | null;
  forwardTimeoutMs: number;
}

/**
 * The webhooks whose mark this companion puts on the replays and simulated calls it sends them:
 * its own while it listens, and those of the serves running on the same data folder, each with
 * where it forwards and how long it waits for that handler (when its file says).
 */
export function ownWebhooksOf(own: ThisWebhook, dataDir: string): OwnWebhook[] {
  const listening = own.listening();
  const mine: OwnWebhook[] = listening
    ? [{ baseUrl: listening.baseUrl, loopToken: own.loopToken, forwardTarget: own.forwardTarget, forwardTimeoutMs: own.forwardTimeoutMs }]
    : [];
  const others = runningServes(dataDir)
    .filter((serve) => serve.pid !== process.pid)
    .map((serve) => ({
      baseUrl: serve.webhookBaseUrl,
      loopToken: serve.loopToken,
      forwardTarget: serve.forwardTarget,
      ...(serve.forwardTimeoutMs === null ? {} : { forwardTimeoutMs: serve.forwardTimeoutMs }),
    }));
  return [...mine, ...others];
}
