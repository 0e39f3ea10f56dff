import type { CompanionApi, HandlerProbe, ProbeRow } from '../contract/api';
import type { CliIo } from './cli-io';
import { replayRefusalInWords } from './replay-cli-shared';
import { LINE_WIDTH, wrapWords } from './wrap-words';

/** The longest verdict word ('no answer') and two spaces, so a verdict never runs into the styles beside it. */
const VERDICT_WIDTH = 11;
/** The widest the styles column gets: a longer list of styles wraps within it, so the evidence beside it keeps its room. */
const STYLES_WIDTH = 40;
/** Between the styles and the evidence. */
const GAP = '  ';

function verdictWord(row: ProbeRow, wrong: boolean): string {
  if (row.handler === null) return 'no answer';
  if (row.handler === 'unknown') return 'unclear';
  // What a person must look at is in capitals: a refused style, or a wrong signature accepted.
  const bad = wrong ? row.handler === 'accepted' : row.handler === 'refused';
  return bad ? row.handler.toUpperCase() : row.handler;
}

/**
 * The probe's table: one row per request, the wrong signature last, then the finding; each
 * no wider than LINE_WIDTH, the styles and the evidence wrapping within their own columns.
 */
export function probeLines(probe: HandlerProbe): string[] {
  const rows = [
    ...probe.rows.map((row) => ({ row, what: row.styles.join(', '), wrong: false })),
    { row: probe.wrongSignature, what: 'wrong signature', wrong: true },
  ];
  const width = Math.min(STYLES_WIDTH, Math.max(...rows.map(({ what }) => what.length)));
  const evidenceWidth = LINE_WIDTH - 2 - VERDICT_WIDTH - width - GAP.length;
  const lines = rows.flatMap(({ row, what, wrong }) => {
    const styles = wrapWords(what, '', width);
    const evidence = wrapWords(`${row.evidence}${row.callId > 0 ? `  #${row.callId}` : ''}`, '', evidenceWidth);
    return Array.from({ length: Math.max(styles.length, evidence.length) }, (_, i) => {
      const verdict = i === 0 ? verdictWord(row, wrong) : '';
      return `  ${verdict.padEnd(VERDICT_WIDTH)}${(styles[i] ?? '').padEnd(width)}${GAP}${evidence[i] ?? ''}`.trimEnd();
    });
  });
  return [
    ...wrapWords(`Probed your handler at ${probe.url} with call #${probe.probedCallId}:`, '  '),
    ...lines,
    ...wrapWords(probe.summary, '  '),
  ];
}

/**
 * `replay <id> --probe-styles`: sends the call to the handler re-signed in each style and with
 * a wrong signature. Exit code 0 when the handler checks signatures, 1 when it does not, or
 * when that could not be told (no answer, or answers that say nothing).
 */
export async function probeStyles(api: CompanionApi, id: number, target: string | null, io: CliIo): Promise<number> {
  const probed = await api.probeHandler(id, target);
  if (!probed.ok) {
    io.stderr.write(`flowent-companion replay: ${replayRefusalInWords(probed, io)}\n`);
    return 1;
  }
  io.stdout.write(
    probeLines(probed.value)
      .map((line) => `${line}\n`)
      .join(''),
  );
  return probed.value.checksSignatures === true ? 0 : 1;
}
