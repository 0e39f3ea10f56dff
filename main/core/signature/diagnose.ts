import type { Diagnosis } from '../../contract/api';
import type { JsonNode, JsonObject } from '../json/json-node';
import { CanonicalSet, SIGNATURE_KEY } from './canonical';
import { hmacHex, signaturesEqual } from './hmac';
import { isIntegerLiteral } from './numbers';
import { STYLES } from './styles';

const KEY_HINT = "Check that the key set here equals the one in Flowent's admin panel (Gateway Management > HMAC Keys).";
const FORWARD_HINT =
  'Forward the request body byte for byte (disable JSON re-encoding in proxies and middleware), or point Flowent straight at the companion.';

const NO_MATCH: Diagnosis = {
  code: 'no-match',
  message: `The signature matches none of the ${STYLES.length} known styles: the key is wrong or the body was altered after signing.`,
  hint: KEY_HINT,
};

/**
 * The no-match diagnosis of a body that may have been re-serialized: the key first, the
 * re-serialization as the other cause the body leaves open (code `body-reformatted`, so the
 * page and `--json` can tell the two apart).
 */
function reserializedAfterNoMatch(reformatted: Reformatting): Diagnosis {
  // Keys out of Flowent's order are a mark a re-serializer left; spacing beside a whole number only leaves one possible.
  const key = reformatted.onlyNumbers ? 'most likely the key is wrong. Or' : 'the key is wrong, or';
  return {
    code: 'body-reformatted',
    message:
      `The signature matches none of the ${STYLES.length} known styles: ${key} the body was changed after signing: ` +
      `it ${reformatted.signs}, so a proxy or framework may have re-serialized it${numbersCaveat(reformatted)}.`,
    hint: `${KEY_HINT} If a proxy or framework passes the call on, have it forward the body byte for byte.`,
  };
}

/** Spacing alone breaks no style: said when the body's numbers are the only thing a re-serializer could have changed. */
function numbersCaveat(reformatted: Reformatting): string {
  return reformatted.onlyNumbers ? ', which breaks the signature only if it also rewrote a number (1.0 as 1)' : '';
}

/** Flowent's documented top-level order (docs/flowent-protocol.md, the call). */
const DOCUMENTED_ORDER = ['action_name', 'parameters', 'timestamp', 'test', SIGNATURE_KEY];

export interface MismatchContext {
  root: JsonObject;
  raw: Uint8Array;
  key: string;
  /** The signature as received (64 hex characters, any case). */
  received: string;
  canonical: CanonicalSet;
  /** Expected lowercase signature per style, in STYLES order. */
  expected: string[];
}

/**
 * Why a well-formed signature matched no style. Every explanation that holds is reported; when
 * none does, the likely causes in order: the key, then a re-serialization when the body leaves
 * one possible (`body-reformatted`), else the key or an altered body (`no-match`).
 */
export function explainMismatch(ctx: MismatchContext): Diagnosis[] {
  const out: Diagnosis[] = [];
  const lower = ctx.received.toLowerCase();

  if (lower !== ctx.received) {
    const hit = STYLES.find((_, i) => signaturesEqual(lower, ctx.expected[i]!));
    if (hit) {
      out.push({
        code: 'hex-case',
        message: `The signature matches the ${hit.name} style but is written in uppercase hex; Flowent sends lowercase.`,
        hint: 'Send the hex digest in lowercase (e.g. hexdigest() in Python, hex.EncodeToString in Go).',
      });
    }
  }

  const trimmed = ctx.key.trim();
  if (trimmed !== ctx.key && trimmed !== '') {
    const hit = STYLES.find((style) => signaturesEqual(lower, hmacHex(trimmed, ctx.canonical.bytes(style))));
    if (hit) {
      out.push({
        code: 'key-whitespace',
        message: `The signature matches the ${hit.name} style with the key trimmed: the stored key has leading or trailing whitespace or a newline.`,
        hint: 'Fix the stored key: paste it again without surrounding spaces or line breaks.',
      });
    }
  }

  const withField = new CanonicalSet(ctx.root, ctx.raw, 'empty', ctx.canonical.memberBytes);
  const fieldHit = STYLES.find((style) => signaturesEqual(lower, hmacHex(ctx.key, withField.bytes(style))));
  if (fieldHit) {
    out.push({
      code: 'signature-field-included',
      message: `The signature matches the ${fieldHit.name} style computed with "signature":"" left in the body: the signer included the field.`,
      hint: 'Remove the signature member before computing the HMAC, then add it to the body.',
    });
  }

  const reformatted = describeReformatting(ctx.root, ctx.raw);
  if (out.length === 0) {
    // Nothing matched with any reading of the key or the field: the key comes first, as the
    // likelier cause; a re-serialization only as a possibility the body leaves open.
    out.push(reformatted === null ? NO_MATCH : reserializedAfterNoMatch(reformatted));
  } else if (reformatted !== null) {
    out.push({
      code: 'body-reformatted',
      message: `The body ${reformatted.signs}: a proxy or framework may also have re-serialized it after Flowent signed it${numbersCaveat(reformatted)}.`,
      hint: FORWARD_HINT,
    });
  }
  return out;
}

/** The marks a re-serializer may have left on a body, and whether its numbers are all it could have changed. */
export interface Reformatting {
  /** "has whitespace between tokens", "has its top-level keys in the order ..." */
  signs: string;
  /** True when the keys are in Flowent's order: a re-serializer that only re-spaced leaves every style but raw valid. */
  onlyNumbers: boolean;
}

/**
 * What about the raw body shows a re-serialization that could explain why no style matched,
 * or null when nothing does. Every style but `raw` re-serializes the body and so ignores its
 * whitespace: a body a proxy only re-spaced still matches them when signed with this key, so
 * spacing alone is never the cause (a wrong key or an altered signature is, `no-match`). It
 * is named only beside what those styles cannot undo: top-level keys out of Flowent's order
 * (the `as-sent` styles keep the order received), or a whole number the re-serializer may
 * have written for a float (`1` for `1.0`; no style writes an integer back as a float). A
 * whole number is no evidence of that, only what leaves it possible: it is said as a
 * condition, never as a finding.
 */
export function describeReformatting(root: JsonObject, raw: Uint8Array): Reformatting | null {
  const ws = whitespaceOutsideStrings(raw);
  const keys = root.members.map((m) => m.key).filter((k) => DOCUMENTED_ORDER.includes(k));
  const documented = DOCUMENTED_ORDER.filter((k) => keys.includes(k));
  const unique = keys.filter((k, i) => keys.indexOf(k) === i);
  const misordered = unique.join() !== documented.join();
  // A whole number is a sign only where a re-serializer left a mark: compact JSON with its
  // keys in order looks as Flowent sends it.
  const whole = ws !== 'none' && firstWholeNumber(root) !== null;
  if (!misordered && !whole) return null;

  const reasons: string[] = [];
  if (ws === 'newline') reasons.push('is pretty-printed');
  else if (ws === 'space') reasons.push('has whitespace between tokens');
  if (misordered) reasons.push(`has its top-level keys in the order ${unique.join(', ')} instead of ${documented.join(', ')}`);
  const signs = reasons.length > 1 ? `${reasons.slice(0, -1).join(', ')} and ${reasons.at(-1)!}` : reasons[0]!;
  return { signs, onlyNumbers: !misordered };
}

/**
 * The first integer literal of the body, in the order sent, but for the top-level timestamp:
 * Flowent sends whole seconds as an integer, which every serializer writes back as it was.
 */
function firstWholeNumber(root: JsonObject): string | null {
  const work: JsonNode[] = root.members
    .filter((m) => m.key !== 'timestamp')
    .map((m) => m.value)
    .reverse();
  while (work.length > 0) {
    const node = work.pop()!;
    if (node.kind === 'number' && isIntegerLiteral(node.literal)) return node.literal;
    if (node.kind === 'array') work.push(...[...node.items].reverse());
    else if (node.kind === 'object') work.push(...node.members.map((m) => m.value).reverse());
  }
  return null;
}

/** Insignificant whitespace in the body: 'newline' when any of it is a line break. */
function whitespaceOutsideStrings(raw: Uint8Array): 'none' | 'space' | 'newline' {
  let found: 'none' | 'space' = 'none';
  const n = raw.length;
  for (let i = 0; i < n; i++) {
    const b = raw[i]!;
    if (b === 0x22) {
      i++;
      while (i < n && raw[i] !== 0x22) i += raw[i] === 0x5c ? 2 : 1;
    } else if (b === 0x0a || b === 0x0d) return 'newline';
    else if (b === 0x20 || b === 0x09) found = 'space';
  }
  return found;
}
