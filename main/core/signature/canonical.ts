import type { JsonMember, JsonNode, JsonObject } from '../json/json-node';
import { parseJson } from '../json/parse-json';
import { ByteWriter } from './byte-writer';
import { isIntegerLiteral } from './numbers';
import { isPlainBody } from './plain-body';
import { FAMILIES, Serializer, type Family } from './serialize';
import { styleByName, type Escaping, type KeyOrder, type StyleInfo } from './styles';

/**
 * What happens to the top-level `signature` member: `drop` is the documented message;
 * `empty` keeps it with an empty string value, a mistake some signers make.
 */
export type SignatureMode = 'drop' | 'empty';

export const SIGNATURE_KEY = 'signature';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/** Go struct field order of Flowent's documented body. */
const STRUCT_FIELDS = ['action_name', 'parameters', 'timestamp', 'test'];

/** Serialized top-level members, per escaping and nesting order; shared between the `drop` and `empty` sets of one body. */
export class MemberBytes {
  /** Indexed by nesting order (0: as sent, 1: sorted), then escaping. */
  private readonly cache = [
    new Map<Escaping, { ser: Serializer; spans: Map<JsonMember, Uint8Array> }>(),
    new Map<Escaping, { ser: Serializer; spans: Map<JsonMember, Uint8Array> }>(),
  ] as const;
  private readonly numbers = new Map<Escaping, Map<string, string>>();

  constructor(
    private readonly raw: Uint8Array,
    /** Every escaping gives the same bytes (see isPlainBody): serialize once, as `ascii`. */
    readonly plain = false,
  ) {}

  get(m: JsonMember, requested: Escaping, sort: boolean): Uint8Array {
    const escaping = this.plain ? 'ascii' : requested;
    const slots = this.cache[sort ? 1 : 0];
    let entry = slots.get(escaping);
    if (entry === undefined) {
      let numbers = this.numbers.get(escaping);
      if (numbers === undefined) {
        numbers = new Map();
        this.numbers.set(escaping, numbers);
      }
      entry = { ser: new Serializer(FAMILIES[escaping], this.raw, sort, numbers), spans: new Map() };
      slots.set(escaping, entry);
    }
    let bytes = entry.spans.get(m);
    if (bytes === undefined) {
      const w = entry.ser.w;
      const start = w.len;
      entry.ser.key(m.key);
      entry.ser.value(m.value);
      // Copied out because the writer's buffer moves when it grows.
      bytes = w.buf.slice(start, w.len);
      entry.spans.set(m, bytes);
    }
    return bytes;
  }
}

function join(parts: readonly Uint8Array[]): Uint8Array {
  let size = 2 + Math.max(0, parts.length - 1);
  for (const p of parts) size += p.length;
  const out = new Uint8Array(size);
  out[0] = 0x7b;
  let at = 1;
  parts.forEach((p, i) => {
    if (i > 0) out[at++] = 0x2c;
    out.set(p, at);
    at += p.length;
  });
  out[at] = 0x7d;
  return out;
}

const EMPTY_STRING = (at: number): JsonNode => ({ kind: 'string', value: '', start: at, end: at });

/**
 * The signed bytes of one body in every style, computed lazily and sharing work: all
 * orders but `as-sent` serialize nested values the same way, so each escaping serializes the
 * body at most twice whatever the number of orders.
 *
 * Duplicate keys are all emitted, in the order sent (sorting is stable). Python and Go would
 * keep only the last; such bodies are refused by the server anyway, and keeping them all
 * means the `as-sent` styles never hide what arrived.
 */
export class CanonicalSet {
  private readonly members: JsonMember[];
  private readonly cache = new Map<string, Uint8Array>();

  constructor(
    private readonly root: JsonObject,
    private readonly raw: Uint8Array,
    private readonly mode: SignatureMode,
    /** Pass the cache of another set of the same body to reuse its work. */
    readonly memberBytes: MemberBytes = new MemberBytes(raw, isPlainBody(root, raw)),
  ) {
    this.members =
      mode === 'drop'
        ? root.members.filter((m) => m.key !== SIGNATURE_KEY)
        : root.members.map((m) => (m.key === SIGNATURE_KEY ? { ...m, value: EMPTY_STRING(m.value.start) } : m));
  }

  /** The exact bytes signed in `style`. */
  bytes(style: StyleInfo): Uint8Array {
    // On a plain body the styles of one key order share one array, so the HMAC of it is
    // computed once and recognised by identity.
    const cacheKey = this.memberBytes.plain && style.order !== null ? style.order : style.name;
    let bytes = this.cache.get(cacheKey);
    if (bytes === undefined) {
      bytes = style.order === null || style.escaping === null ? this.rawBytes() : this.ordered(style.order, style.escaping);
      this.cache.set(cacheKey, bytes);
    }
    return bytes;
  }

  /** The signed bytes as text (always valid UTF-8: lone surrogates are escaped or replaced). */
  text(style: StyleInfo): string {
    return decoder.decode(this.bytes(style));
  }

  private parts(escaping: Escaping, sort: boolean): Uint8Array[] {
    return this.members.map((m) => this.memberBytes.get(m, escaping, sort));
  }

  private ordered(order: KeyOrder, escaping: Escaping): Uint8Array {
    const fam = FAMILIES[escaping];
    const members = this.members;
    if (order === 'as-sent') return join(this.parts(escaping, false));
    const parts = this.parts(escaping, true);
    if (order === 'nested-sorted') return join(parts);
    const index = members.map((_, i) => i);
    if (order === 'sorted') {
      index.sort((a, b) => fam.compare(members[a]!.key, members[b]!.key));
      return join(index.map((i) => parts[i]!));
    }
    const rank = (key: string): number => {
      const r = STRUCT_FIELDS.indexOf(key);
      return r < 0 ? STRUCT_FIELDS.length : r;
    };
    index.sort((a, b) => {
      const ka = members[a]!.key;
      const kb = members[b]!.key;
      return rank(ka) - rank(kb) || (rank(ka) === STRUCT_FIELDS.length ? fam.compare(ka, kb) : 0);
    });
    return join(index.map((i) => structPart(members[i]!, parts[i]!, fam)));
  }

  private rawBytes(): Uint8Array {
    const cuts = this.mode === 'drop' ? signatureCuts(this.root) : signatureValueCuts(this.root);
    if (cuts.length === 0) return this.raw;
    const w = new ByteWriter(this.raw.length + 2);
    let at = 0;
    for (const cut of cuts) {
      w.copy(this.raw, at, cut.start);
      w.ascii(cut.insert);
      at = cut.end;
    }
    w.copy(this.raw, at, this.raw.length);
    return w.bytes();
  }
}

function structPart(m: JsonMember, bytes: Uint8Array, fam: Family): Uint8Array {
  // A Go struct declares the timestamp as int64, which is printed exactly, not as a float64.
  if (m.key !== 'timestamp' || m.value.kind !== 'number' || !isIntegerLiteral(m.value.literal)) return bytes;
  const literal = /^-0+$/.test(m.value.literal) ? '0' : m.value.literal;
  return encoder.encode(`${fam.quote(m.key)}:${literal}`);
}

interface Cut {
  start: number;
  end: number;
  insert: string;
}

/**
 * Byte ranges that remove every top-level `signature` member with one adjacent comma: the
 * following one (and the whitespace up to the next member) when the member is not last,
 * otherwise the preceding one (and the whitespace after the previous member). Removing one
 * member at a time from a shrinking list keeps the ranges from cutting a kept member.
 */
export function signatureCuts(root: JsonObject): Cut[] {
  const live = [...root.members];
  const ranges: { start: number; end: number }[] = [];
  for (let i = live.length - 1; i >= 0; i--) {
    const m = live[i]!;
    if (m.key !== SIGNATURE_KEY) continue;
    const next = live[i + 1];
    const prev = live[i - 1];
    if (next !== undefined) ranges.push({ start: m.start, end: next.start });
    else if (prev !== undefined) ranges.push({ start: prev.end, end: m.end });
    else ranges.push({ start: m.start, end: m.end });
    live.splice(i, 1);
  }
  ranges.sort((a, b) => a.start - b.start);
  const merged: Cut[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last !== undefined && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r, insert: '' });
  }
  return merged;
}

function signatureValueCuts(root: JsonObject): Cut[] {
  return root.members.filter((m) => m.key === SIGNATURE_KEY).map((m) => ({ start: m.value.start, end: m.value.end, insert: '""' }));
}

// Call details ask for one style at a time; keep the last body's tree instead of re-parsing it.
let lastParsed: { raw: Uint8Array; set: CanonicalSet | null } | null = null;

/**
 * The exact text signed in `style` for the body `raw` (top-level `signature` member
 * removed), or undefined when the body is not a JSON object or the style is unknown.
 */
export function canonicalize(raw: Uint8Array, style: string): string | undefined {
  const info = styleByName(style);
  if (info === undefined) return undefined;
  if (lastParsed === null || lastParsed.raw !== raw) {
    const parsed = parseJson(raw);
    const set = parsed.ok && parsed.root.kind === 'object' ? new CanonicalSet(parsed.root, raw, 'drop') : null;
    lastParsed = { raw, set };
  }
  return lastParsed.set?.text(info);
}
