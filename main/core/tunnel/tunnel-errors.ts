import type { TunnelReason } from './tunnel-provider';

/** Stable codes for everything that can keep the tunnel from being online. */
export type TunnelErrorCode =
  | 'tunnel-no-authtoken'
  | 'tunnel-authtoken-invalid'
  | 'tunnel-too-many-sessions'
  | 'tunnel-agent-outdated'
  | 'tunnel-domain-taken'
  | 'tunnel-rejected'
  | 'tunnel-unreachable'
  | 'tunnel-tls-failed'
  | 'tunnel-timeout'
  | 'tunnel-connection-lost'
  | 'tunnel-unavailable'
  | 'tunnel-failed';

export interface TunnelError extends TunnelReason {
  code: TunnelErrorCode;
  /** The ERR_NGROK_ code the service sent, when it sent one. */
  ngrokCode: string | null;
}

const AUTHTOKEN_HELP = 'find it at https://dashboard.ngrok.com/get-started/your-authtoken';

export function noAuthtoken(): TunnelError {
  return {
    code: 'tunnel-no-authtoken',
    ngrokCode: null,
    message: `ngrok needs an authtoken. Set your ngrok authtoken in Settings or NGROK_AUTHTOKEN; ${AUTHTOKEN_HELP}.`,
  };
}

export function forwardTimedOut(timeoutMs: number): TunnelError {
  return {
    code: 'tunnel-timeout',
    ngrokCode: null,
    message: `ngrok did not answer within ${Math.round(timeoutMs / 1000)} s. Check your internet connection (or a proxy or firewall in the way) and try again.`,
  };
}

export function connectionLost(): TunnelError {
  return { code: 'tunnel-connection-lost', ngrokCode: null, message: 'The connection to ngrok was lost; reconnecting.' };
}

export function agentUnavailable(error: unknown): TunnelError {
  return {
    code: 'tunnel-unavailable',
    ngrokCode: null,
    message: `The ngrok agent library could not be loaded on this system: ${messageOf(error)}`,
  };
}

/**
 * Only the ERR_NGROK_ codes whose meaning is documented at ngrok.com/docs/errors are mapped;
 * any other code is shown with the service's own text, so nothing is guessed.
 */
const KNOWN: Record<string, { code: TunnelErrorCode; message: string }> = {
  ERR_NGROK_105: {
    code: 'tunnel-authtoken-invalid',
    message: `ngrok rejected the authtoken: it does not look like an ngrok authtoken. Copy it again; ${AUTHTOKEN_HELP}.`,
  },
  ERR_NGROK_106: {
    code: 'tunnel-authtoken-invalid',
    message: `ngrok rejected the authtoken: it is an old (v1) authtoken. Get a current one; ${AUTHTOKEN_HELP}.`,
  },
  ERR_NGROK_107: {
    code: 'tunnel-authtoken-invalid',
    message: `ngrok rejected the authtoken: it is well formed but not valid (reset or revoked?). Get a current one; ${AUTHTOKEN_HELP}.`,
  },
  ERR_NGROK_108: {
    code: 'tunnel-too-many-sessions',
    message:
      'Your ngrok account has reached its limit of simultaneous agent sessions. Stop the other ngrok agent (see https://dashboard.ngrok.com/agents) and try again.',
  },
  ERR_NGROK_120: {
    code: 'tunnel-agent-outdated',
    message: 'ngrok no longer supports this version of the agent. Update Flowent Companion.',
  },
  ERR_NGROK_320: {
    code: 'tunnel-domain-taken',
    message:
      'This domain is reserved by another ngrok account. Use a domain reserved on your account (https://dashboard.ngrok.com/domains) or leave the domain empty.',
  },
};

/** Maps anything forward() threw to a code and a message a user can act on. */
export function tunnelError(error: unknown): TunnelError {
  const text = messageOf(error);
  const ngrokCode = ngrokCodeOf(error, text);
  if (ngrokCode) {
    const known = KNOWN[ngrokCode];
    if (known) return { ...known, ngrokCode, message: `${known.message} (${ngrokCode})` };
    return { code: 'tunnel-rejected', ngrokCode, message: `ngrok refused the tunnel (${ngrokCode}): ${serviceText(text, ngrokCode)}` };
  }
  if (/tls handshake|certificate/i.test(text)) {
    return {
      code: 'tunnel-tls-failed',
      ngrokCode: null,
      message: `Could not open a secure connection to ngrok: a proxy or antivirus may be intercepting HTTPS. (${text})`,
    };
  }
  if (/failed to establish tcp connection|dns|connection refused|network is unreachable|timed out/i.test(text)) {
    return { code: 'tunnel-unreachable', ngrokCode: null, message: `Cannot reach ngrok: check your internet connection. (${text})` };
  }
  return { code: 'tunnel-failed', ngrokCode: null, message: `The tunnel could not be opened: ${text}` };
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : String(error);
}

function ngrokCodeOf(error: unknown, text: string): string | null {
  if (typeof error === 'object' && error !== null && 'errorCode' in error) {
    const code = (error as { errorCode: unknown }).errorCode;
    if (typeof code === 'string' && code.startsWith('ERR_NGROK_')) return code;
  }
  return /\b(ERR_NGROK_\d+)\b/.exec(text)?.[1] ?? null;
}

/** The service's sentence without the code and the SDK's prefixes around it. */
function serviceText(text: string, code: string): string {
  const cleaned = text
    .split(code)
    .join(' ')
    .replace(/^failed to connect session:\s*/i, '')
    .replace(/,?\s*error_code:\s*$/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned || 'no details given';
}
