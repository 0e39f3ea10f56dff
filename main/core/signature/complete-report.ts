import type { Diagnosis, SignatureReport, StyleResult } from '../../contract/api';
import { parseJson } from '../json/parse-json';
import { CanonicalSet } from './canonical';
import { signaturesEqual } from './hmac';
import { STYLES } from './styles';
import { verify } from './verify';

/**
 * How many styles a report lists when verification stopped at the first match
 * (`stopAtFirstMatch`), or null when it lists every style it was going to. The shape is exact:
 * a valid report whose styles are a proper prefix of STYLES, in order, where only the last one
 * matched and it is the reported style. Reports checked in full never look like this (a
 * valid report lists all 13, the others stop at no match).
 */
export function stylesComputed(report: SignatureReport): number | null {
  const styles = report.styles;
  const count = styles.length;
  if (report.verdict !== 'valid' || count === 0 || count >= STYLES.length) return null;
  for (let i = 0; i < count; i++) {
    const result = styles[i]!;
    const info = STYLES[i]!;
    const last = i === count - 1;
    if (result.style !== info.name || result.label !== info.label || result.matched !== last || result.expected === null) return null;
  }
  return report.style === styles[count - 1]!.style ? count : null;
}

/**
 * Why some styles have no expected digest: only `count` were computed when the call arrived, and
 * the key to compute the others is not here. `unknown` are those left unknown; the rest of the
 * styles not computed then sign the same bytes as a computed one and are shown with its result.
 */
function notComputed(report: SignatureReport, count: number, unknown: readonly StyleResult[], keySet: boolean): Diagnosis {
  const now = keySet ? 'the HMAC key has changed since' : 'no HMAC key is set now';
  const alike = STYLES.length - count - unknown.length;
  const names = unknown.map((style) => style.style).join(', ');
  const others =
    alike === 0
      ? `so the expected signatures of the other ${unknown.length} cannot be worked out again`
      : `so the ${alike} that sign the same bytes as a computed one are shown with its result, ` +
        `and the expected ${unknown.length === 1 ? 'signature' : 'signatures'} of the other ${unknown.length} (${names}) cannot be worked out again`;
  return {
    code: 'styles-not-computed',
    message:
      `When the call arrived only the first ${count} of the ${STYLES.length} styles were computed (checking stopped at ${report.style ?? 'the match'}), ` +
      `and ${now}, ${others}.`,
    hint: keySet
      ? 'Replay the call to check it against every style with the current key, or set the key it was signed with back to see them here.'
      : 'Set the HMAC key the call was signed with to see every style here, or replay the call to check all styles again.',
  };
}

/**
 * The report a full verification would have given for a stored call, from a report that
 * stopped at the first match (see stylesComputed; any other report comes back as it is).
 * The styles left out are computed from the stored body with the current key, but only when
 * that key reproduces the stored matching digest, which proves it is the key the call was
 * checked with (nothing about the key is stored). Otherwise those styles have no expected
 * digest and the diagnosis says why.
 */
export function completeReport(report: SignatureReport, raw: Uint8Array, key: string | null): SignatureReport {
  const count = stylesComputed(report);
  if (count === null) return report;
  const computed = report.styles;
  const keySet = key !== null && key !== '';
  if (keySet) {
    // The full check again (a call is opened rarely); its styles stand only if this key gives
    // the stored matching digest, i.e. it is the key the call was checked with.
    const full = verify(raw, key, { receivedAt: 0 }).styles;
    const matchedThen = computed[count - 1]!.expected!;
    const matchedNow = full[count - 1]?.expected ?? null;
    if (full.length === STYLES.length && matchedNow !== null && signaturesEqual(matchedThen, matchedNow)) {
      return { ...report, styles: [...computed, ...full.slice(count)] };
    }
  }
  const missing = STYLES.slice(count).map((style): StyleResult => ({
    style: style.name,
    label: style.label,
    expected: null,
    matched: false,
  }));
  const styles = [...computed, ...withAlikeDigests(computed, missing, raw)];
  const unknown = styles.filter((s) => s.expected === null);
  return {
    ...report,
    styles,
    diagnosis: unknown.length > 0 ? [...report.diagnosis, notComputed(report, count, unknown, keySet)] : report.diagnosis,
  };
}

/**
 * The styles left out that sign the same bytes as a computed one: one key gives one digest per
 * signed text, so theirs is that style's digest, matched or not, with no key needed (a call with
 * only ASCII text and keys in order reads alike in every style). The others stay unknown.
 */
function withAlikeDigests(computed: readonly StyleResult[], missing: StyleResult[], raw: Uint8Array): StyleResult[] {
  const parsed = parseJson(raw);
  if (!parsed.ok || parsed.root.kind !== 'object') return missing;
  const canonical = new CanonicalSet(parsed.root, raw, 'drop');
  const bytesOf = (name: string) => canonical.bytes(STYLES.find((style) => style.name === name)!);
  const known = computed.map((result) => ({ result, bytes: bytesOf(result.style) }));
  return missing.map((result) => {
    const bytes = bytesOf(result.style);
    const same = known.find((k) => Buffer.compare(k.bytes, bytes) === 0)?.result;
    return same ? { ...result, expected: same.expected, matched: same.matched } : result;
  });
}
