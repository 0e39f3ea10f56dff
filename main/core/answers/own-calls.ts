import { randomBytes } from 'node:crypto';
import type { CallSource, HeaderPair } from '../../contract/api';

/**
 * The header on a replay or a simulated call the companion sends to its own webhook, so the
 * webhook stores it as what it is rather than as Flowent's call. Its value is the source and
 * the running companion's token: a caller cannot pass its calls off as the companion's own.
 * The name ends in -Token, so exports and copied cURL commands leave the value out.
 */
export const OWN_CALL_HEADER = 'X-Flowent-Companion-Loop-Token';

type OwnSource = Exclude<CallSource, 'flowent'>;
const OWN_SOURCES: readonly OwnSource[] = ['replay', 'simulator', 'import'];

/** A fresh token for one running companion. */
export function newLoopToken(): string {
  return randomBytes(18).toString('base64url');
}

export function ownCallHeader(source: OwnSource, token: string): HeaderPair {
  return [OWN_CALL_HEADER, `${source} ${token}`];
}

/** The source a request says it was sent as by this companion, or null when it is not the companion's own. */
export function ownCallSource(headers: HeaderPair[], token: string): OwnSource | null {
  const name = OWN_CALL_HEADER.toLowerCase();
  const value = headers.find(([header]) => header.toLowerCase() === name)?.[1];
  return OWN_SOURCES.find((source) => value === `${source} ${token}`) ?? null;
}
