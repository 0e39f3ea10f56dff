import {
  ANSWERED_BY,
  NO_ANSWER_CAUSES,
  redactUrlCredentials,
  type AnsweredBy,
  type HeaderPair,
  type MockChoice,
  type SignatureReport,
  type Violation,
} from '../../contract/api';
import { HANDLER_SIGNATURES, type HandlerSignature } from '../../contract/names-and-limits';
import { VERDICTS } from '../../contract/names-and-limits';

/**
 * How a serve answered a call marked as this companion's own (see own-calls): the part of the
 * call's record only the serve knows. The sender stores the call, not the serve, so the serve
 * tells it in its answer, in this header, to marked calls only: Flowent's calls never get it,
 * and the sender believes it only from the webhook it sent its mark to (see deliver).
 */
export const LOOP_ANSWER_HEADER = 'X-Flowent-Companion-Loop-Answer';

export interface LoopAnswer {
  /**
   * The serve's check of the signature, with its key. The expected digests are left out: a
   * command holding the mark could otherwise have any body signed with the serve's key.
   */
  signature: SignatureReport;
  answeredBy: AnsweredBy;
  mockChoice: MockChoice | null;
  problem: string | null;
  problemMessage: string | null;
  /** Why the serve's forwarding to the developer's handler gave no answer, when it did not. */
  forwardError: string | null;
  /**
   * The developer's handler the serve forwarded the call to, or tried to, answered or not: the
   * sender's only word of who refused or kept it waiting, as from outside the serve's 502 or 504
   * names no address. A password in it goes as `***`; null when the serve forwarded it nowhere.
   * Absent from an older serve.
   */
  forwardTarget?: string | null;
  /** The developer's handler's verdict on the signature, and which handler, when one answered. */
  handlerSignature: HandlerSignature | null;
  handlerTarget: string | null;
  /**
   * When a handler answered: the key the serve checked the call with, as it filed the handler's
   * lesson (a fingerprint, never the key). Absent from an older serve.
   */
  keyFingerprint?: string | null;
  /**
   * The serve's check of its answer, as it would store it: its 502 in place of a handler that
   * refused the connection is no handler's 502, and its refusal of a body is checked against no
   * contract (null). From outside, both look like any other non-2xx. Absent from an older serve.
   */
  violations?: Violation[] | null;
}

/** Past this, a report is cut to what the record cannot do without (a header section's limit is 16 KB). */
const MOST_HEADER_BYTES = 8 * 1024;

/** The header that tells the sender of a marked call how the serve answered it. */
export function loopAnswerHeader(answer: LoopAnswer): HeaderPair {
  const signature: SignatureReport = {
    ...answer.signature,
    styles: answer.signature.styles.map((style) => ({ style: style.style, label: style.label, expected: null, matched: style.matched })),
  };
  // The target as set may hold a password (`https://deploy:S3CRET@host/`): never sent on.
  const forwardTarget = answer.forwardTarget == null ? answer.forwardTarget : redactUrlCredentials(answer.forwardTarget);
  let value = encode({ ...answer, signature, forwardTarget });
  if (value.length > MOST_HEADER_BYTES) {
    value = encode({
      ...answer,
      forwardTarget,
      signature: { ...signature, styles: [], diagnosis: signature.diagnosis.slice(0, 1) },
      problemMessage: null,
      mockChoice: null,
    });
  }
  return [LOOP_ANSWER_HEADER, value];
}

function encode(answer: LoopAnswer): string {
  // base64url: messages hold characters past Latin-1, which a header value cannot carry.
  return Buffer.from(JSON.stringify(answer), 'utf8').toString('base64url');
}

/** The answer's headers without the loop answer, and the loop answer read from them (null when absent or not well-formed). */
export function takeLoopAnswer(headers: HeaderPair[]): { headers: HeaderPair[]; loopAnswer: LoopAnswer | null } {
  const name = LOOP_ANSWER_HEADER.toLowerCase();
  const values = headers.filter(([header]) => header.toLowerCase() === name).map(([, value]) => value);
  if (values.length === 0) return { headers, loopAnswer: null };
  const rest = headers.filter(([header]) => header.toLowerCase() !== name);
  if (values.length !== 1) return { headers: rest, loopAnswer: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(values[0]!, 'base64url').toString('utf8'));
  } catch {
    return { headers: rest, loopAnswer: null };
  }
  return { headers: rest, loopAnswer: isLoopAnswer(parsed) ? parsed : null };
}

// What follows narrows what came over the network: the serve is believed only on the mark's
// say-so, and what is stored must still have the contract's shapes.

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string';
const isTextOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';
const isNumberOrNull = (value: unknown): boolean => value === null || (typeof value === 'number' && Number.isFinite(value));
const oneOf = <T>(list: readonly T[], value: unknown): value is T => list.includes(value as T);

function isLoopAnswer(value: unknown): value is LoopAnswer {
  return (
    isObject(value) &&
    isReport(value.signature) &&
    oneOf(ANSWERED_BY, value.answeredBy) &&
    (value.mockChoice === null || isMockChoice(value.mockChoice)) &&
    isTextOrNull(value.problem) &&
    isTextOrNull(value.problemMessage) &&
    isTextOrNull(value.forwardError) &&
    (value.forwardTarget === undefined || isTextOrNull(value.forwardTarget)) &&
    (value.handlerSignature === null || oneOf(HANDLER_SIGNATURES, value.handlerSignature)) &&
    isTextOrNull(value.handlerTarget) &&
    (value.keyFingerprint === undefined || isTextOrNull(value.keyFingerprint)) &&
    (value.violations === undefined || value.violations === null || isViolations(value.violations))
  );
}

function isViolations(value: unknown): value is Violation[] {
  return (
    Array.isArray(value) &&
    value.every((v) => isObject(v) && isText(v.code) && isText(v.message) && (v.cause === undefined || oneOf(NO_ANSWER_CAUSES, v.cause)))
  );
}

function isReport(value: unknown): value is SignatureReport {
  if (!isObject(value) || !oneOf(VERDICTS, value.verdict) || !isTextOrNull(value.style) || !isTextOrNull(value.received)) return false;
  const { styles, diagnosis, timestamp } = value;
  return (
    Array.isArray(styles) &&
    styles.every((s) => isObject(s) && isText(s.style) && isText(s.label) && s.expected === null && typeof s.matched === 'boolean') &&
    Array.isArray(diagnosis) &&
    diagnosis.every((d) => isObject(d) && isText(d.code) && isText(d.message) && isText(d.hint)) &&
    isObject(timestamp) &&
    isNumberOrNull(timestamp.value) &&
    isNumberOrNull(timestamp.ageSeconds) &&
    oneOf(['ok', 'old', 'future', 'missing'], timestamp.flag)
  );
}

function isMockChoice(value: unknown): value is MockChoice {
  if (!isObject(value) || !oneOf(['action', 'default', 'none'], value.mock) || !isObject(value.response)) return false;
  const response = value.response;
  switch (response.kind) {
    case 'response':
      return oneOf(['rules', 'sequence', 'random'], response.selection) && Number.isInteger(response.index) && isTextOrNull(response.name);
    case 'fallback':
    case 'only':
      return isTextOrNull(response.name);
    case 'built-in':
      return true;
    default:
      return false;
  }
}
