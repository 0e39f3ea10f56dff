import type { TunnelFailure, TunnelStatus } from '../status';
import type { SecretFailure, SecretRef, ServerNotRunning } from '../shared';
import { cap, type Catalogue } from './said';
import type { Vocabulary } from './vocabulary';

export const AUTHTOKEN_PAGE = 'https://dashboard.ngrok.com/get-started/your-authtoken';

function secretName(ref: SecretRef): string {
  switch (ref.secret) {
    case 'hmac-key':
      return 'the HMAC key';
    case 'ngrok-authtoken':
      return 'the ngrok authtoken';
    case 'api-token':
      return `the API token of "${ref.profile}"`;
  }
}

export const SECRET_WORDS: Catalogue<SecretFailure, Vocabulary> = {
  'secret-read-only': (ref) => ({
    what: `${cap(secretName(ref))} comes from the ${ref.variable} environment variable here.`,
    todo: 'Restart with a new value to change it.',
  }),
  'keychain-unavailable': (ref) => ({
    what: `This system offers no keychain, so ${secretName(ref)} cannot be stored safely.`,
    todo: `Set ${ref.variable} in the environment instead.`,
  }),
  'secret-write-failed': ({ file, reason }) => ({ what: `Could not save the secret in ${file}: ${reason}.` }),
};

/** ngrok's three refusals of an authtoken, by the code it sent. */
const AUTHTOKEN_REFUSED: Record<Extract<TunnelFailure, { code: 'tunnel-authtoken-invalid' }>['ngrokCode'], string> = {
  ERR_NGROK_105: 'it does not look like an ngrok authtoken',
  ERR_NGROK_106: 'it is an old (v1) authtoken',
  ERR_NGROK_107: 'it is well formed but not valid (reset or revoked?)',
};

/** What stopped the tunnel, one sentence per code: the first half of its words (TUNNEL_WORDS adds what to do). */
const TUNNEL_REASONS: { [C in TunnelFailure['code']]: (failure: Extract<TunnelFailure, { code: C }>) => string } = {
  'tunnel-no-authtoken': () => 'No ngrok authtoken is set.',
  'tunnel-authtoken-invalid': ({ ngrokCode }) => `ngrok rejected the authtoken: ${AUTHTOKEN_REFUSED[ngrokCode]} (${ngrokCode}).`,
  'tunnel-too-many-sessions': ({ ngrokCode }) => `Your ngrok account has reached its limit of simultaneous agent sessions (${ngrokCode}).`,
  'tunnel-agent-outdated': ({ ngrokCode }) => `ngrok no longer supports this version of the agent (${ngrokCode}).`,
  'tunnel-domain-taken': ({ ngrokCode }) => `This domain is reserved by another ngrok account (${ngrokCode}).`,
  'tunnel-rejected': ({ ngrokCode, said }) => `ngrok refused the tunnel (${ngrokCode}): ${said}`,
  'tunnel-tls-failed': ({ reason }) => `Could not open a secure connection to ngrok (${reason}).`,
  'tunnel-unreachable': ({ reason }) => `Cannot reach ngrok (${reason}).`,
  'tunnel-timeout': ({ seconds }) => `ngrok did not answer within ${seconds} s.`,
  'tunnel-connection-lost': () => 'The connection to ngrok was lost; reconnecting.',
  'tunnel-unavailable': ({ reason }) => `The ngrok agent library could not be loaded on this system: ${reason}`,
  'tunnel-failed': ({ reason }) => `The tunnel could not be opened: ${reason}`,
  'tunnel-closed': () => 'The tunnel was closed while it was opening.',
};

/**
 * Why the tunnel is not up, without what to do: for a line with no room for it (the tray's,
 * whose Open Flowent Companion leads to the Public URL panel that says it in full).
 */
export function tunnelReasonWords(reason: TunnelFailure): string {
  // The compiler cannot follow that the entry found by a code takes the failure of that code.
  return (TUNNEL_REASONS[reason.code] as (failure: TunnelFailure) => string)(reason);
}

export const TUNNEL_WORDS: Catalogue<TunnelFailure | ServerNotRunning, Vocabulary> = {
  'server-not-running': (_, say) => ({ what: 'The webhook server is not running.', todo: `${cap(say.startServer)}.` }),
  'tunnel-no-authtoken': (failure, say) => ({
    what: tunnelReasonWords(failure),
    todo: `${cap(say.setNgrokAuthtoken)}; find it at ${AUTHTOKEN_PAGE}.`,
  }),
  'tunnel-authtoken-invalid': (failure, say) => ({
    what: tunnelReasonWords(failure),
    todo: `Copy a current one from ${AUTHTOKEN_PAGE} and ${say.setNgrokAuthtoken}.`,
  }),
  'tunnel-too-many-sessions': (failure) => ({
    what: tunnelReasonWords(failure),
    todo: 'Stop the other ngrok agent (see https://dashboard.ngrok.com/agents) and try again.',
  }),
  'tunnel-agent-outdated': (failure) => ({ what: tunnelReasonWords(failure), todo: 'Update Flowent Companion.' }),
  'tunnel-domain-taken': (failure, say) => ({
    what: tunnelReasonWords(failure),
    todo: `Use a domain reserved on your account (https://dashboard.ngrok.com/domains) or ${say.withoutDomain}.`,
  }),
  'tunnel-rejected': (failure) => ({ what: tunnelReasonWords(failure) }),
  'tunnel-tls-failed': (failure) => ({ what: tunnelReasonWords(failure), todo: 'A proxy or antivirus may be intercepting HTTPS.' }),
  'tunnel-unreachable': (failure) => ({ what: tunnelReasonWords(failure), todo: 'Check your internet connection.' }),
  'tunnel-timeout': (failure) => ({
    what: tunnelReasonWords(failure),
    todo: 'Check your internet connection (or a proxy or firewall in the way) and try again.',
  }),
  'tunnel-connection-lost': (failure) => ({ what: tunnelReasonWords(failure) }),
  'tunnel-unavailable': (failure) => ({ what: tunnelReasonWords(failure) }),
  'tunnel-failed': (failure) => ({ what: tunnelReasonWords(failure) }),
  'tunnel-closed': (failure) => ({ what: tunnelReasonWords(failure) }),
};

/**
 * What a tunnel in the `reconnecting` state is doing, for every front end: with no URL it never
 * came up (started without a network, ngrok not reached yet), so it is still trying to connect,
 * not re-opening one that was up. The pill's short word, and the state's words in a line.
 */
export function tunnelRetryWords(status: Pick<TunnelStatus, 'url'>): { short: string; doing: string } {
  return status.url === null
    ? { short: 'not connected yet', doing: 'not connected yet, trying again' }
    : { short: 'reconnecting', doing: 'reconnecting' };
}
