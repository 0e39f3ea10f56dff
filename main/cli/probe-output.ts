import { redactUrlCredentials, type HandlerProbe, type ProbeRow } from '../contract/api';
import type { CliIo } from './cli-io';
import { EXIT, stoppedExitCode } from './exit-codes';
import type { CoreSession } from './open-core';
import { printable } from './printable';
import { HANDLER_SIGNATURE_WORD, probeFindingWords, probeRowStyles, type ProbeVocabulary } from '../contract/words';
import { finishingOnStopSignal } from './stop-signal';
import { replayRefusalInWords } from './replay-cli-shared';
import { LINE_WIDTH, wrapWords } from './wrap-words';
import { isStyleName } from '../contract/names-and-limits';
import { serveNamed } from '../contract/words';
import { serveSeen } from '../core';
import { runningServeHandler } from './through-running-serve';

/** The longest verdict word ('no answer') and two spaces, so a verdict never runs into the styles beside it. */
const VERDICT_WIDTH = 11;
/** The widest the styles column gets: a longer list of styles wraps within it, so the evidence beside it keeps its room. */
const STYLES_WIDTH = 40;
/** Between the styles and the evidence. */
const GAP = '  ';

/**
 * The finding (and a handler's diagnosis) names styles by id, as the table above it, a verifier by
 * the command that prints it, and the call's own commands by its id (`<id>` when no one call is meant).
 */
export function cliProbeVocabulary(callId: number | null): ProbeVocabulary {
  const id = callId ?? '<id>';
  return {
    style: (style) => style,
    styles: (styles) => styles.join(', '),
    bytesOf: (style) => `${style}'s`,
    getVerifier: (style) =>
      `"flowent-companion verifier <python|node|go>${style !== null && isStyleName(style) ? ` --style ${style}` : ''}" prints`,
    showSignedBytes: `"flowent-companion calls ${id} --json" prints them, each style's in signature.styles[].canonical`,
    replayResigned: `"flowent-companion replay ${id} --resign"`,
  };
}

function verdictWord(row: ProbeRow, wrong: boolean): string {
  if (row.handler === null) return 'no answer';
  if (row.handler === 'unknown') return 'unclear';
  // What a person must look at is in capitals: a rejected style, or a wrong signature accepted.
  const bad = wrong ? row.handler === 'accepted' : row.handler === 'refused';
  const word = HANDLER_SIGNATURE_WORD[row.handler];
  return bad ? word.toUpperCase() : word;
}

/**
 * The probe's table: one row per request, the wrong signature last, then the finding; each
 * no wider than LINE_WIDTH, the styles and the evidence wrapping within their own columns.
 */
export function probeLines(probe: HandlerProbe): string[] {
  const rows = [
    ...probe.rows.map((row) => ({ row, what: probeRowStyles(probe, row).join(', '), wrong: false })),
    { row: probe.wrongSignature, what: 'wrong signature', wrong: true },
  ];
  const width = Math.min(STYLES_WIDTH, Math.max(...rows.map(({ what }) => what.length)));
  const evidenceWidth = LINE_WIDTH - 2 - VERDICT_WIDTH - width - GAP.length;
  const lines = rows.flatMap(({ row, what, wrong }) => {
    const styles = wrapWords(what, '', width);
    // The evidence quotes the handler's answer: escaped before it is measured and wrapped.
    const evidence = wrapWords(printable(`${row.evidence}${row.callId > 0 ? `  #${row.callId}` : ''}`), '', evidenceWidth);
    return Array.from({ length: Math.max(styles.length, evidence.length) }, (_, i) => {
      const verdict = i === 0 ? verdictWord(row, wrong) : '';
      return `  ${verdict.padEnd(VERDICT_WIDTH)}${(styles[i] ?? '').padEnd(width)}${GAP}${evidence[i] ?? ''}`.trimEnd();
    });
  });
  return [
    ...wrapWords(`Probed your handler at ${redactUrlCredentials(probe.url)} with call #${probe.probedCallId}:`, '  '),
    ...lines,
    ...wrapWords(printable(probeFindingWords(probe, cliProbeVocabulary(probe.probedCallId))), '  '),
  ];
}

/**
 * `replay <id> --probe-styles`: sends the call to the handler re-signed in each style and with
 * a wrong signature, saying on stderr which request goes out (a slow handler can take minutes).
 * Exit code 0 when the handler checks signatures, 1 when it does not, or when that could not be
 * told (no answer, or answers that say nothing); 130 after Ctrl-C (143 after SIGTERM), once the request in flight
 * was answered and stored (`stop` tells the core to send no more), with what was found so far.
 */
export async function probeStyles(
  { api, subscribe }: Pick<CoreSession, 'api' | 'subscribe'>,
  id: number,
  target: string | null,
  io: CliIo,
  stop: AbortController,
  projectDir: string | null,
  dataDirFlag: string | undefined,
): Promise<number> {
  const unsubscribe = subscribe((event) => {
    if (event.type !== 'probe-progress' || event.callId !== id) return;
    const what = event.styles.length === 0 ? 'the wrong signature' : event.styles.join(', ');
    io.stderr.write(`probing ${event.sending} of ${event.total}: ${what}\n`);
  });
  try {
    const { value: probed, stoppedBy } = await finishingOnStopSignal(
      () => {
        io.stderr.write(
          'Stopping: no more probe requests are sent; waiting for the one sent to be answered and stored. Press Ctrl-C again to quit without it.\n',
        );
        stop.abort();
      },
      () => probeHandlerOrServes(api, id, target, io, dataDirFlag, projectDir),
    );
    if (!probed.ok) {
      io.stderr.write(`flowent-companion replay: ${replayRefusalInWords(probed, projectDir)}\n`);
      return stoppedBy ? stoppedExitCode(stoppedBy) : EXIT.failed;
    }
    io.stdout.write(
      probeLines(probed.value)
        .map((line) => `${line}\n`)
        .join(''),
    );
    if (stoppedBy) return stoppedExitCode(stoppedBy);
    return realCallsPass(probed.value) ? EXIT.done : EXIT.failed;
  } finally {
    unsubscribe();
  }
}

/**
 * Probes the handler given, else the one the answers name; when they name none and the serve
 * running on this data folder forwards the call with `--forward`, that serve's handler, as
 * `replay` without a target reaches it through the serve, saying so.
 */
async function probeHandlerOrServes(
  api: CoreSession['api'],
  id: number,
  target: string | null,
  io: CliIo,
  dataDirFlag: string | undefined,
  projectDir: string | null,
): ReturnType<CoreSession['api']['probeHandler']> {
  const probed = await api.probeHandler(id, target);
  if (probed.ok || target !== null || probed.code === 'call-without-action' || probed.code === 'probe-registration-check') return probed;
  const running = runningServeHandler(dataDirFlag, projectDir, io, probed);
  if (running === null) return probed;
  io.stderr.write(`No handler is set here: probing the one ${serveNamed(serveSeen(running.serve))} forwards to.\n`);
  return api.probeHandler(id, running.handler);
}

/**
 * Whether this Flowent's calls would get through the handler as probed: it checks signatures,
 * and accepts the style this Flowent signs with (when the history told it). A handler that
 * rejects every style, or this Flowent's, fails a CI step as one that checks nothing does:
 * every real call would be rejected.
 */
function realCallsPass({ checksSignatures, finding }: HandlerProbe): boolean {
  if (checksSignatures !== true || finding.code !== 'checks-signatures') return false;
  return finding.stylesAlike || finding.flowent === null || finding.flowent.accepted;
}
