import type { Diagnosis, SignatureReport, StyleResult } from '../../contract/api';
import { NOT_CHECKED_WITHOUT_KEY } from '../../contract/words/not-checked-words';
import { stylesComputed } from './complete-report';
import { STYLES } from './styles';
import { withCurrentTimestampRemark } from './timestamp';

/**
 * The signature report as stored with each call. The full report repeats 13 constant labels
 * and, on a plain ASCII body, the same few digests many times over: about 2.5 KB of JSON per
 * call, more than the rest of the row. Stored compactly it is a few hundred bytes, which is
 * less to serialize and fewer pages to commit. Readers never see this shape: `unpackReport`
 * gives back the contract's SignatureReport (canonical texts excepted: they are recomputed
 * from the stored body when a call is opened).
 *
 * A report that stopped at the first match (verify's `stopAtFirstMatch`) is stored as such,
 * with `computed`, and reads back listing the same styles; completeReport fills in the rest.
 */
interface PackedReport {
  /** Format marker; a stored report without it is a full report from before packing. */
  packed: 1;
  verdict: SignatureReport['verdict'];
  style: string | null;
  received: string | null;
  /**
   * How many styles, the first in STYLES order, were computed: only present when verification
   * stopped at the first match. Without it (every report stored before there was a way to
   * stop early, too) every style was.
   */
  computed?: number;
  /** Distinct expected digests; `at[i]` is the index of style i's (null without a key). */
  digests: string[] | null;
  at: number[] | null;
  /** Bit i set: style i matched. */
  matched: number;
  diagnosis: SignatureReport['diagnosis'];
  timestamp: SignatureReport['timestamp'];
}

/** True when `styles` lists the first `count` styles in STYLES order, the only shape packing can rebuild. */
function inStyleOrder(styles: readonly StyleResult[], count = STYLES.length): boolean {
  if (styles.length !== count) return false;
  for (let i = 0; i < styles.length; i++) {
    const result = styles[i]!;
    const info = STYLES[i]!;
    if (result.style !== info.name || result.label !== info.label) return false;
  }
  return true;
}

/** The report as JSON text for the `signature_report` column. */
export function packReport(report: SignatureReport): string {
  const styles = report.styles;
  const computed = stylesComputed(report) ?? STYLES.length;
  // Empty (not a Flowent body) or an unusual list: store it whole, without canonical texts.
  if (!inStyleOrder(styles, computed)) {
    return JSON.stringify({ ...report, styles: styles.map(({ canonical: _canonical, ...rest }) => rest) });
  }
  let digests: string[] | null = null;
  let at: number[] | null = null;
  let matched = 0;
  if (styles.some((s) => s.expected !== null)) {
    digests = [];
    at = [];
    for (const s of styles) {
      // A style without a digest while others have one cannot be packed; fall back to whole.
      if (s.expected === null) return JSON.stringify({ ...report, styles: styles.map(({ canonical: _canonical, ...rest }) => rest) });
      let index = digests.indexOf(s.expected);
      if (index < 0) index = digests.push(s.expected) - 1;
      at.push(index);
    }
  }
  styles.forEach((s, i) => {
    if (s.matched) matched |= 1 << i;
  });
  const packed: PackedReport = {
    packed: 1,
    verdict: report.verdict,
    style: report.style,
    received: report.received,
    ...(computed < STYLES.length ? { computed } : {}),
    digests,
    at,
    matched,
    diagnosis: report.diagnosis,
    timestamp: report.timestamp,
  };
  return JSON.stringify(packed);
}

/** The contract's SignatureReport from a stored `signature_report`, packed or whole. */
export function unpackReport(text: string): SignatureReport {
  const stored = JSON.parse(text) as SignatureReport | PackedReport;
  if (!('packed' in stored) || stored.packed !== 1) {
    const whole = stored as SignatureReport;
    // '{}' stands for a row stored without a report: nothing to reword.
    if (!Array.isArray(whole.diagnosis)) return whole;
    return { ...whole, diagnosis: inCurrentWords(whole.diagnosis, whole.timestamp) };
  }
  const { digests, at, matched } = stored;
  return {
    verdict: stored.verdict,
    style: stored.style,
    received: stored.received,
    styles: STYLES.slice(0, stored.computed ?? STYLES.length).map((info, i) => ({
      style: info.name,
      label: info.label,
      expected: digests && at ? (digests[at[i]!] ?? null) : null,
      matched: (matched & (1 << i)) !== 0,
    })),
    diagnosis: inCurrentWords(stored.diagnosis, stored.timestamp),
    timestamp: stored.timestamp,
  };
}

/**
 * A stored report's diagnoses as this build says them: its timestamp remark, and why a call that
 * came with no key set was not checked (earlier builds stored "no HMAC key is set", read as
 * untrue once one is).
 */
function inCurrentWords(diagnosis: Diagnosis[], timestamp: SignatureReport['timestamp']): Diagnosis[] {
  const reworded = diagnosis.map((d) => (d.code === 'no-key' ? { ...d, ...NOT_CHECKED_WITHOUT_KEY } : d));
  return withCurrentTimestampRemark(reworded, timestamp);
}
