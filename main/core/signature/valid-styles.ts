import type { SignatureReport } from '../../contract/api';
import type { StyleName } from '../../contract/names-and-limits';
import { completeReport } from './complete-report';

/**
 * Every style a valid signature is valid in, from the report and the body alone, whatever key
 * is set now; empty for any other verdict. A report that stopped at its first match is completed
 * without a key: the styles that sign the same bytes as the match are valid too (see
 * completeReport), and the others, told apart without the key's digest, are not known to be.
 */
export function validStyles(report: SignatureReport, raw: Uint8Array): StyleName[] {
  if (report.verdict !== 'valid') return [];
  return completeReport(report, raw, null)
    .styles.filter((s) => s.matched)
    .map((s) => s.style as StyleName);
}
