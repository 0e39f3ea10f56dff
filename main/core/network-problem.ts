import type { NetworkProblem } from '../contract/network';

const TLS_CODE = /^(CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH|EPROTO$)/;

/**
 * What went wrong under a failed request, from the codes on its chain of causes (fetch wraps
 * undici's error, which wraps the socket's): the one place these codes are read.
 */
export function networkProblemOf(error: unknown): NetworkProblem {
  const chain: { code?: unknown; name?: unknown; message?: unknown }[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current !== null && typeof current === 'object'; depth++) {
    chain.push(current as { code?: unknown; name?: unknown; message?: unknown });
    current = (current as { cause?: unknown }).cause;
  }
  const codes = chain.map((link) => link.code).filter((code): code is string => typeof code === 'string');
  const has = (...wanted: string[]) => codes.some((code) => wanted.includes(code));
  if (chain.some((link) => link.name === 'TimeoutError')) return { kind: 'timeout' };
  if (has('ECONNREFUSED')) return { kind: 'refused' };
  if (has('ENOTFOUND')) return { kind: 'name-not-found', temporary: false };
  if (has('EAI_AGAIN')) return { kind: 'name-not-found', temporary: true };
  const tls = codes.find((code) => TLS_CODE.test(code));
  if (tls) return { kind: 'tls', code: tls };
  if (has('UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT')) return { kind: 'timeout' };
  if (has('ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED')) return { kind: 'reset' };
  const noRoute = codes.find((code) => ['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN'].includes(code));
  if (noRoute) return { kind: 'no-route', code: noRoute };
  if (chain.some((link) => link.message === 'bad port')) return { kind: 'blocked-port' };
  const deepest = chain[chain.length - 1];
  const message = typeof deepest?.message === 'string' && deepest.message !== '' ? deepest.message : 'the connection failed';
  return { kind: 'other', code: codes[codes.length - 1] ?? null, message };
}
