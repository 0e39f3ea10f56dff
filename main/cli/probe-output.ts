import type { CompanionApi, HandlerProbe, ProbeRow } from '../contract/api';
import type { CliIo } from './cli-io';
import { replayRefusalInWords } from './replay-cli-shared';

const VERDICT_WIDTH = 10;

function verdictWord(row: ProbeRow, wrong: boolean): string {
  if (row.handler === null) return 'no answer';
  if (row.handler === 'unknown') return 'unclear';
  // What a person must look at is in capitals: a refused style, or a wrong signature accepted.
  const bad = wrong ? row.handler === 'accepted' : row.handler === 'refused';
  return bad ? row.handler.toUpperCase() : row.handler;
}

/** The probe's table: one line per request, the wrong signature last, then the finding. */
export function probeLines(probe: HandlerProbe): string[] {
  const rows = [
    ...probe.rows.map((row) => ({ row, what: row.styles.join(', '), wrong: false })),
    { row: probe.wrongSignature, what: 'wrong signature', wrong: true },
  ];
  const width = Math.max(...rows.map(({ what }) => what.length));
  const lines = rows.map(({ row, what, wrong }) => {
    const stored = row.callId > 0 ? `  #${row.callId}` : '';
    return `  ${verdictWord(row, wrong).padEnd(VERDICT_WIDTH)}${what.padEnd(width)}  ${row.evidence}${stored}`;
  });
  return [`Probed your handler at ${probe.url} with call #${probe.probedCallId}:`, ...lines, probe.summary];
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
