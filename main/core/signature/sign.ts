import { parseJson } from '../json/parse-json';
import { CanonicalSet } from './canonical';
import { hmacHex } from './hmac';
import { styleByName } from './styles';
import type { StyleName } from '../../contract/names-and-limits';

/** The body given to {@link sign} is not a JSON object. A bug in the caller, or bad user input to reject. */
export class SignInputError extends Error {
  constructor(
    readonly code: 'invalid-json' | 'not-object' | 'unknown-style',
    message: string,
  ) {
    super(message);
    this.name = 'SignInputError';
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/**
 * Signs a body as Flowent would in `style`: any `signature` member in the input is dropped,
 * the HMAC is computed and `"signature":"<hex>"` is appended as the last top-level member.
 * Non-raw styles send the body in that style's serialization (so it is exactly what was
 * signed plus the signature); `raw` keeps the input bytes. Throws {@link SignInputError}
 * when the body is not a JSON object.
 */
export function sign(body: Uint8Array | string, key: string, style: StyleName): { body: string; signature: string } {
  const info = styleByName(style);
  if (info === undefined) throw new SignInputError('unknown-style', `Unknown signing style "${style}".`);
  const bytes = typeof body === 'string' ? encoder.encode(body) : body;
  const parsed = parseJson(bytes);
  if (!parsed.ok) throw new SignInputError('invalid-json', parsed.message);
  if (parsed.root.kind !== 'object') throw new SignInputError('not-object', `The body is a JSON ${parsed.root.kind}, not an object.`);

  const set = new CanonicalSet(parsed.root, bytes, 'drop');
  const text = set.text(info);
  const signature = hmacHex(key, set.bytes(info));
  const member = `"signature":"${signature}"`;

  if (info.order !== null) {
    return { body: text === '{}' ? `{${member}}` : `${text.slice(0, -1)},${member}}`, signature };
  }
  // Raw: insert right after the last kept member so that verify's cut (the member and the
  // comma before it) gives back these bytes exactly, whitespace included.
  const cut = set.bytes(info);
  const cutParsed = parseJson(cut);
  if (!cutParsed.ok || cutParsed.root.kind !== 'object') throw new Error('raw cut produced invalid JSON');
  const root = cutParsed.root;
  const last = root.members[root.members.length - 1];
  const at = last === undefined ? root.end - 1 : last.end;
  const insert = last === undefined ? member : `,${member}`;
  const out = decoder.decode(cut.subarray(0, at)) + insert + decoder.decode(cut.subarray(at));
  return { body: out, signature };
}
