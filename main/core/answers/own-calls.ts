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

/** How a request is marked: sent by this companion (its token), or not at all (null: Flowent's). */
export interface CallMark {
  source: OwnSource;
  own: boolean;
}

/** A request's mark: only this companion's token has the call stored by its sender instead. */
export function callMark(headers: HeaderPair[], token: string): CallMark | null {
  const name = OWN_CALL_HEADER.toLowerCase();
  const value = headers.find(([header]) => header.toLowerCase() === name)?.[1];
  const own = OWN_SOURCES.find((source) => value === `${source} ${token}`);
  return own ? { source: own, own: true } : null;
}
