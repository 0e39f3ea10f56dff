import { connect } from 'node:net';
import type { AccountFailure, RegistrationCheckSeen, WebhookReach } from '../../contract/account';
import type { Refused } from '../../contract/api';
import type { CallSummary } from '../../contract/calls';
import { checkAnsweredStatus } from '../../contract/registration-check';
import { networkProblemOf } from '../network-problem';
import { isUnder } from './links';

type CheckFailure = Refused<Extract<AccountFailure, { code: 'flowent-registration-check-failed' }>>;

/** How long connecting to a webhook_url may take before it counts as not answering. */
const CONNECT_TIMEOUT_MS = 3000;

export interface CheckFactSources {
  /** The registration check stored at this webhook_url's path since `since`, when this companion's history holds one. */
  seen: (webhookUrl: string, since: number) => RegistrationCheckSeen | null;
  /** The data folder whose history `seen` searches. */
  dataDir: string;
  /** The public URLs the data folder's tunnels had, newest first (`tunnel.public-urls`). */
  tunnelUrls: () => string[];
  /** The public URL a tunnel on the data folder is open at now (this core's, or a serve's); null when none is. */
  tunnelNow: () => string | null;
}

/**
 * Adds to a failed registration check what this companion can tell of it: the check as its
 * history stored it (it answered the check, so it knows why it refused); or, when the URL is one
 * its tunnel had, that the check never came through the tunnel (whatever answered was ngrok's
 * edge, not a handler at a mistyped path); or else the data folder whose history holds no such
 * check and, when Flowent got no answer from the webhook, whether this machine can connect
 * there, and if not, why.
 */
export async function withCheckFacts(failure: CheckFailure, since: number, sources: CheckFactSources): Promise<CheckFailure> {
  const { webhookUrl } = failure;
  if (!webhookUrl) return failure;
  const seen = sources.seen(webhookUrl, since);
  if (seen) return { ...failure, seen };
  // A tunnel open at that URL hands the check to a companion on this data folder, which stores it.
  const tunnelUrl = sources.tunnelUrls().find((url) => isUnder(webhookUrl, url));
  if (tunnelUrl) return { ...failure, ownTunnel: { url: tunnelUrl, now: sources.tunnelNow() } };
  const notSeen = { ...failure, notInHistoryOf: sources.dataDir };
  if (checkAnsweredStatus(failure.said) !== null) return notSeen;
  return { ...notSeen, reach: await connectTo(webhookUrl) };
}

/**
 * Opens a TCP connection to the URL's host and port and closes it at once: no request is sent,
 * so a handler there sees no call. It tells a port nothing listens on, a name that does not
 * resolve, and no route, as a request would.
 */
function connectTo(webhookUrl: string): Promise<WebhookReach> {
  let url: URL;
  try {
    url = new URL(webhookUrl);
  } catch (error) {
    return Promise.resolve({ connected: false, problem: networkProblemOf(error) });
  }
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: CONNECT_TIMEOUT_MS });
    socket.once('connect', () => {
      socket.destroy();
      resolve({ connected: true });
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve({ connected: false, problem: { kind: 'timeout' } });
    });
    socket.once('error', (error) => resolve({ connected: false, problem: networkProblemOf(error) }));
  });
}

/**
 * The newest registration check stored since `since` at the webhook_url's path: the one this
 * Flowent request sent, when the URL is this companion's (or a serve's on its data folder).
 */
export function storedCheck(
  calls: { list(query: { test: true; since: number; limit: number }): { calls: CallSummary[] } },
  webhookUrl: string,
  since: number,
): RegistrationCheckSeen | null {
  let path: string;
  try {
    path = new URL(webhookUrl).pathname;
  } catch {
    return null;
  }
  const call = calls.list({ test: true, since, limit: 20 }).calls.find((stored) => stored.method === 'POST' && stored.path === path);
  if (!call) return null;
  const { id: callId, status, answeredBy, action, sentAction, problem, forwardError } = call;
  return { callId, status, answeredBy, action, sentAction, problem, forwardError };
}
