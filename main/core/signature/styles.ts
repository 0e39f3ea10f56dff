import { STYLE_NAMES, type StyleName } from '../../contract/names-and-limits';
import { styleLabel } from '../../contract/style-labels';

/**
 * Signing styles. Flowent documents two reference verifiers that serialize differently and
 * does not say which its servers use (docs/flowent-protocol.md), so a style is modelled as two
 * independent choices, key order and escaping, plus the `raw` style that signs the bytes as
 * received. Every combination is tried; the list order decides which name is reported when
 * several styles produce the same bytes.
 */

/**
 * - `as-sent`: every object in the order received.
 * - `sorted`: every object at every level sorted.
 * - `nested-sorted`: top level as received, nested objects sorted.
 * - `struct`: top level in Go struct order (action_name, parameters, timestamp, test, then
 *   any other key sorted), nested objects sorted.
 */
export type KeyOrder = 'as-sent' | 'sorted' | 'nested-sorted' | 'struct';

/**
 * - `ascii`: Python `json.dumps` defaults (ensure_ascii, Python number repr).
 * - `go`: Go `encoding/json` (HTML-safe, raw UTF-8, numbers as float64).
 * - `utf8`: JavaScript `JSON.stringify` (raw UTF-8, numbers as JS numbers).
 */
export type Escaping = 'ascii' | 'go' | 'utf8';

export interface StyleInfo {
  name: StyleName;
  label: string;
  /** Null for `raw`, which does not re-serialize. */
  order: KeyOrder | null;
  escaping: Escaping | null;
}

export const KEY_ORDERS: readonly KeyOrder[] = ['as-sent', 'sorted', 'nested-sorted', 'struct'];
export const ESCAPINGS: readonly Escaping[] = ['ascii', 'go', 'utf8'];

/** The documented styles, each a key order and an escaping under the name its verifier goes by. */
const NAMED: readonly StyleInfo[] = [
  { name: 'python', label: styleLabel('python'), order: 'as-sent', escaping: 'ascii' },
  { name: 'go', label: styleLabel('go'), order: 'sorted', escaping: 'go' },
  { name: 'go-struct', label: styleLabel('go-struct'), order: 'struct', escaping: 'go' },
  { name: 'raw', label: styleLabel('raw'), order: null, escaping: null },
];

/** A style the contract names `order+escaping`, described from its two choices. */
function comboStyle(name: StyleName): StyleInfo {
  const [order, escaping] = name.split('+') as [KeyOrder, Escaping];
  if (!KEY_ORDERS.includes(order) || !ESCAPINGS.includes(escaping)) throw new Error(`Unknown signing style ${name}.`);
  return { name, label: styleLabel(name), order, escaping };
}

/** Every style, the four documented ones first; a match is reported under the first that matched. */
export const STYLES: readonly StyleInfo[] = STYLE_NAMES.map((name) => NAMED.find((style) => style.name === name) ?? comboStyle(name));

const BY_NAME = new Map<string, StyleInfo>(STYLES.map((s) => [s.name, s]));

/** The style called `name`, or undefined for an unknown name. */
export function styleByName(name: string): StyleInfo | undefined {
  return BY_NAME.get(name);
}
