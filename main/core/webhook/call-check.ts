import type { SignatureReport } from '../../contract/api';
import type { JsonNode, JsonParseErrorCode } from '../json/json-node';
import { locateDuplicateKey, parseJson, type DuplicateKey } from '../json/parse-json';
import { checkFlowentBody, type BodyCheck } from '../protocol/call-body';
import { verify } from '../signature';

/**
 * What a body is as a Flowent call: not JSON, JSON with a repeated key, or a body whose shape
 * was checked and whose signature was verified. Plain data, so it can come back from a thread.
 */
export type CallCheck =
  | { kind: 'not-json'; code: JsonParseErrorCode; message: string }
  | ({ kind: 'duplicate-key' } & DuplicateKey)
  | { kind: 'checked'; body: BodyCheck; signature: SignatureReport };

export interface CallCheckInput {
  body: Uint8Array;
  /** The action named in the URL, if any. */
  pathAction: string | null;
  hmacKey: string | null;
  receivedAt: number;
  /** Check every signing style, not only up to the first match (what learning about a handler needs). */
  everyStyle?: boolean;
}

/**
 * Parses, shape-checks and verifies one body: the work a call costs in proportion to its size.
 * The parsed tree comes back too, for the caller on this thread to reuse.
 */
export function checkCall(input: CallCheckInput): { check: CallCheck; tree: JsonNode | null } {
  const parsed = parseJson(input.body);
  if (!parsed.ok) return { check: { kind: 'not-json', code: parsed.code, message: parsed.message }, tree: null };
  const duplicate = locateDuplicateKey(parsed.root);
  if (duplicate !== null) return { check: { kind: 'duplicate-key', ...duplicate }, tree: parsed.root };
  const signature = verify(input.body, input.hmacKey, { receivedAt: input.receivedAt, stopAtFirstMatch: !input.everyStyle }, parsed);
  return { check: { kind: 'checked', body: checkFlowentBody(parsed.root, input.pathAction), signature }, tree: parsed.root };
}
