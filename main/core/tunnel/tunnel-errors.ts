import type { TunnelFailure } from '../../contract/api';
import { redactSecrets } from '../../contract/redact-secrets';

export function forwardTimedOut(timeoutMs: number): TunnelFailure {
  return { code: 'tunnel-timeout', seconds: Math.round(timeoutMs / 1000) };
}

export function agentUnavailable(error: unknown): TunnelFailure {
  return { code: 'tunnel-unavailable', reason: messageOf(error) };
}

/**
 * Only the ERR_NGROK_ codes whose meaning is documented at ngrok.com/docs/errors are mapped;
 * any other code is shown with the service's own text, so nothing is guessed.
 */
const KNOWN: Record<string, (ngrokCode: string) => TunnelFailure> = {
  ERR_NGROK_105: () => ({ code: 'tunnel-authtoken-invalid', ngrokCode: 'ERR_NGROK_105' }),
  ERR_NGROK_106: () => ({ code: 'tunnel-authtoken-invalid', ngrokCode: 'ERR_NGROK_106' }),
  ERR_NGROK_107: () => ({ code: 'tunnel-authtoken-invalid', ngrokCode: 'ERR_NGROK_107' }),
  ERR_NGROK_108: (ngrokCode) => ({ code: 'tunnel-too-many-sessions', ngrokCode }),
  ERR_NGROK_120: (ngrokCode) => ({ code: 'tunnel-agent-outdated', ngrokCode }),
  ERR_NGROK_320: (ngrokCode) => ({ code: 'tunnel-domain-taken', ngrokCode }),
};

/**
 * Maps anything forward() threw to a failure a user can act on. ngrok's refusals of an
 * authtoken quote it ("Your authtoken: ..."), so the authtoken sent is taken out of every text
 * kept from the error, before anything shows or logs it.
 */
export function tunnelError(error: unknown, authtoken: string): TunnelFailure {
  const raw = messageOf(error);
  const ngrokCode = ngrokCodeOf(error, raw);
  const text = redactSecrets(raw, [authtoken]);
  if (ngrokCode) return KNOWN[ngrokCode]?.(ngrokCode) ?? { code: 'tunnel-rejected', ngrokCode, said: serviceText(text, ngrokCode) };
  if (/tls handshake|certificate/i.test(text)) return { code: 'tunnel-tls-failed', reason: text };
  if (/failed to establish tcp connection|dns|connection refused|network is unreachable|timed out/i.test(text)) {
    return { code: 'tunnel-unreachable', reason: text };
  }
  return { code: 'tunnel-failed', reason: text };
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

/** The service's sentence, without the code and the SDK's prefixes around it. */
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
