import type { SignatureReport } from '../../contract/api';
import type { StyleName } from '../../contract/names-and-limits';
import { parseJson } from '../json/parse-json';
import { CanonicalSet } from './canonical';
import { STYLES } from './styles';

/**
 * Every style a valid signature is valid in, from the report and the body alone, whatever key
 * is set now; empty for any other verdict. A report that stopped at its first match has no
 * digest for the later styles unless the key it was checked with is set when it is read (see
 * completeReport), but none is needed: one key gives one digest per signed text, so a style is
 * valid exactly when it signs the same bytes as a style that matched. A style whose digest is
 * known and did not match was computed with that key: it is not valid.
 */
export function validStyles(report: SignatureReport, raw: Uint8Array): StyleName[] {
  if (report.verdict !== 'valid') return [];
  const results = new Map(report.styles.map((s) => [s.style, s]));
  const matched = STYLES.filter((s) => results.get(s.name)?.matched === true);
  const undecided = STYLES.filter((s) => (results.get(s.name)?.expected ?? null) === null && !matched.includes(s));
  if (undecided.length === 0 || matched.length === 0) return matched.map((s) => s.name);
  const parsed = parseJson(raw);
  if (!parsed.ok || parsed.root.kind !== 'object') return matched.map((s) => s.name);
  const canonical = new CanonicalSet(parsed.root, raw, 'drop');
  const signed = matched.map((s) => canonical.bytes(s));
  const alike = undecided.filter((style) => signed.some((bytes) => Buffer.compare(bytes, canonical.bytes(style)) === 0));
  return STYLES.filter((s) => matched.includes(s) || alike.includes(s)).map((s) => s.name);
}
