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

/**
 * The mark on a replay or simulated call sent anywhere but a webhook of this data folder's (the
 * developer's handler, another folder's companion): the source alone, no token, which is never
 * sent to a stranger. A companion that receives it stores the call as what it is, not as
 * Flowent's; Flowent never sends the header.
 */
export function sourceHeader(source: OwnSource): HeaderPair {
  return [OWN_CALL_HEADER, source];
}

/** How a request is marked: sent by this companion (`own`, its token), by another (a source only), or not at all (null: Flowent's). */
export interface CallMark {
  source: OwnSource;
  own: boolean;
}

const FOREIGN_SOURCES: readonly OwnSource[] = ['replay', 'simulator'];

/**
 * A request's mark. Anyone can write a foreign mark, which only has the call stored under
 * another source (it is stored all the same, and shown); only this companion's token has it
 * stored by its sender instead.
 */
export function callMark(headers: HeaderPair[], token: string): CallMark | null {
  const name = OWN_CALL_HEADER.toLowerCase();
  const value = headers.find(([header]) => header.toLowerCase() === name)?.[1];
  if (value === undefined) return null;
  const own = OWN_SOURCES.find((source) => value === `${source} ${token}`);
  if (own) return { source: own, own: true };
  const foreign = FOREIGN_SOURCES.find((source) => value.trim().split(/\s+/, 1)[0] === source);
  return foreign ? { source: foreign, own: false } : null;
}
