import type { Refused, ReplayFailure, Result } from '../../contract/api';
import { FLOWENT_BODY_LIMIT_BYTES } from '../../contract/names-and-limits';
import { lastMember } from '../json/json-values';
import { PARAMETERS_WORDS, parseJson } from '../json/parse-json';
import { sign } from '../signature';
import { numbersBeyondStyle } from '../signature/writable-numbers';
import { TypedJson } from '../json/typed-json';
import { type StyleName, isStyleName } from '../../contract/names-and-limits';

export interface BodyChanges {
  /** Unix seconds. */
  timestamp?: number;
  /** The new `parameters`: as the user typed them, or any JSON value (Flowent sends an object). */
  parameters?: unknown;
}

/**
 * Replaces `timestamp` and `parameters` in a Flowent body by splicing the bytes, so every other
 * byte (key order, number spellings, escapes) stays as it was; members that are missing are
 * added before the closing brace.
 */
export function rewriteBody(raw: Uint8Array, changes: BodyChanges): Result<Buffer, ReplayFailure> {
  const parsed = parseJson(raw);
  if (!parsed.ok) return { ok: false, code: 'body-not-json', reason: parsed.message };
  const root = parsed.root;
  if (root.kind !== 'object') return { ok: false, code: 'body-not-object', kind: root.kind };
  const edits: { start: number; end: number; text: string }[] = [];
  const appended: string[] = [];
  const replace = (name: string, text: string) => {
    const node = lastMember(root, name);
    if (node) edits.push({ start: node.start, end: node.end, text });
    else appended.push(`${JSON.stringify(name)}:${text}`);
  };
  if (changes.timestamp !== undefined) replace('timestamp', String(Math.floor(changes.timestamp)));
  if (changes.parameters !== undefined) replace('parameters', jsonTextOf(changes.parameters));
  if (appended.length > 0) {
    const before = root.members.length > 0 ? ',' : '';
    edits.push({ start: root.end - 1, end: root.end - 1, text: before + appended.join(',') });
  }
  let out = Buffer.from(raw);
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    out = Buffer.concat([out.subarray(0, edit.start), Buffer.from(edit.text, 'utf8'), out.subarray(edit.end)]);
  }
  return { ok: true, value: out };
}

/**
 * Parameters the user typed (send and replay --params, the simulator's editor, a bulk replay's
 * new parameters): checked as the webhook checks a body, in its words, and kept as typed. A
 * JSON object, as Flowent sends.
 */
export function readParameters(input: Uint8Array | string): Result<TypedJson, ReplayFailure> {
  const read = TypedJson.read(input, PARAMETERS_WORDS);
  if (!read.ok) return { ok: false, code: 'invalid-parameters-json', problem: read.problem, offset: read.offset, message: read.message };
  if (read.value.root.kind !== 'object') return { ok: false, code: 'invalid-parameters' };
  return read;
}

/** JSON text for a value: as typed when the user typed it (numbers as written), else JSON.stringify's. */
export function jsonTextOf(value: unknown): string {
  return value instanceof TypedJson ? value.text : JSON.stringify(value);
}

/**
 * Signs a JSON object body (one the companion wrote, or a stored one `rewriteBody` checked)
 * with `key` in `style`; an unknown style, or a number the style cannot write as JSON, comes
 * back as a value.
 */
export function signBody(
  body: Uint8Array,
  key: string,
  style: string,
): Result<{ body: Buffer; signature: string; style: StyleName }, ReplayFailure> {
  if (!isStyleName(style)) return { ok: false, code: 'unknown-style', style };
  const parsed = parseJson(body);
  if (parsed.ok) {
    const beyond = numbersBeyondStyle(parsed.root, style);
    if (beyond) return { ok: false, code: 'number-beyond-style', style, ...beyond };
  }
  const signed = sign(body, key, style);
  return { ok: true, value: { body: Buffer.from(signed.body, 'utf8'), signature: signed.signature, style } };
}

/**
 * Flowent's registration check as its docs show it: `"test": true` and no `signature`. Flowent
 * sends it unsigned, so re-sent it goes unsigned too: signed, it would test a request Flowent
 * never sends (and be listed as validly signed).
 */
export function isUnsignedRegistrationCheck(raw: Uint8Array): boolean {
  const parsed = parseJson(raw);
  if (!parsed.ok || parsed.root.kind !== 'object') return false;
  const test = lastMember(parsed.root, 'test');
  return test?.kind === 'boolean' && test.value && lastMember(parsed.root, 'signature') === undefined;
}

/**
 * A stored body sent again with a fresh timestamp (Unix seconds) as Flowent would send it now:
 * signed with the key in `style`, or, for a registration check Flowent sent unsigned, unsigned
 * (`style` null, no key needed). `needs`: what to say when signing is wanted and there is no key.
 */
export function freshBody(
  raw: Uint8Array,
  timestamp: number,
  signing: { key: string | null; style: (key: string) => string; needs: Extract<ReplayFailure, { code: 'no-key' }>['needs'] },
): Result<{ body: Buffer; style: StyleName | null }, ReplayFailure> {
  if (isUnsignedRegistrationCheck(raw)) {
    const rewritten = rewriteBody(raw, { timestamp });
    return rewritten.ok ? { ok: true, value: { body: rewritten.value, style: null } } : rewritten;
  }
  if (!signing.key) return { ok: false, code: 'no-key', needs: signing.needs };
  const signed = resignBody(raw, signing.key, signing.style(signing.key), { timestamp });
  return signed.ok ? { ok: true, value: { body: signed.value.body, style: signed.value.style } } : signed;
}

/** A fresh timestamp and signature (and optionally new parameters) for a stored body. */
export function resignBody(
  raw: Uint8Array,
  key: string,
  style: string,
  changes: BodyChanges,
): Result<{ body: Buffer; signature: string; style: StyleName }, ReplayFailure> {
  const rewritten = rewriteBody(raw, changes);
  if (!rewritten.ok) return rewritten;
  return signBody(rewritten.value, key, style);
}

/**
 * The refusal of a body the companion wrote (simulated, or with edited parameters) that is over
 * Flowent's limit: Flowent never sends one, so the handler's answer to it would teach nothing.
 */
export function overFlowentLimit(body: Buffer): Refused<Extract<ReplayFailure, { code: 'over-flowent-limit' }>> | null {
  return body.length > FLOWENT_BODY_LIMIT_BYTES
    ? { ok: false, code: 'over-flowent-limit', size: body.length, limit: FLOWENT_BODY_LIMIT_BYTES }
    : null;
}

/** A JSON object, typed or as a value: what Flowent sends as `parameters`. */
export function isObjectParameters(parameters: unknown): boolean {
  if (parameters instanceof TypedJson) return parameters.root.kind === 'object';
  return parameters !== null && typeof parameters === 'object' && !Array.isArray(parameters);
}
