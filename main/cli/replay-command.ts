import type { BulkReplayStep, BulkReplaySummary, CallSelection, CompanionApi, CoreEvent } from '../contract/api';
import { BULK_STOP_AFTER_NOBODY_THERE, MAX_BULK_CONCURRENCY, MAX_SELECTION, STYLE_NAMES } from '../contract/api';
import { HMAC_KEY_ENV, nonBlankSecret } from '../contract/secret-variables';
import { noteKeyEdgeSpace } from './key-edge-space-note';
import { parseFlags, parsePositiveInteger, UsageError } from './args';
import type { CliIo } from './cli-io';
import { EXIT, exitCodeOf, stoppedExitCode } from './exit-codes';
import { CLI_VOCABULARY, inCliWords } from './cli-words';
import {
  answerChangeWords,
  callsDoneWords,
  counted,
  forwardedToWords,
  handlerMayDisagree,
  handlerStillUnreached,
  mockAnsweredWords,
  mockTemplateFailed,
  noAnswerCause,
  noFlowentCallsToReplay,
  NOT_SENT,
  originalSignatureRefusedWords,
  replaySigningWords,
  REPLAYS_UNCHECKED_NOTE,
  runCountsWords,
  runEndCauseWords,
} from '../contract/words';
import { cap } from '../contract/words/said';
import { formatDiff } from './format-diff';
import { answerErrorMayBeQuoted, parameterWhy, readDetailWhy, type CallWhy, type DetailWants, type DetailWhy } from './call-why';
import { answerErrorLines, answerProblemLines, forwardingNote, whyLines } from './format-call';
import { answeringProjectDir, withCore } from './open-core';
import { printable } from './printable';
import { progressLine } from './progress-line';
import { probeStyles } from './probe-output';
import { finishingOnStopSignal } from './stop-signal';
import {
  parseAction,
  parseIds,
  parseSince,
  parseStyle,
  parseTargetUrl,
  readParametersArgument,
  replayRefusalInWords,
  addHeaderNames,
  credentialsSentNote,
} from './replay-cli-shared';
import { throughRunningServe, throughServeWords } from './through-running-serve';

export const REPLAY_HELP = `Usage: flowent-companion replay <id...> | --action <name> [options]
       flowent-companion replay <id> --probe-styles [--target <url>]

Send stored calls to your handler again and compare its answers with the originals. Each
replay is stored as a new call (source replay). Once ${BULK_STOP_AFTER_NOBODY_THERE} replays in a row find nobody there
(the connection refused: nothing listening; or an address that cannot be reached), straight or
behind the serve they went through, the rest are not sent and the last line says why. The
counts line says "N replayed" of the calls that reached a handler, and those that reached
nobody and those not sent apart. Exit code 1 when any replay's answer breaks
Flowent's contract (usable in CI), when calls were not sent, or when there is nothing to
replay (no calls of the action, a call id not in the history), 2 on usage errors, 130 after Ctrl-C (143 after SIGTERM) whatever
the answers were (the replays sent are still answered and stored; Ctrl-C again quits at once).
On a terminal, a line on stderr tells how many of the calls are replayed so far.

With --probe-styles, check your handler's signature verifier instead: the call is sent to
your real handler re-signed in each signing style (styles that give the same bytes share one
call), then once with a wrong signature, and a table says which it accepted (needs
${HMAC_KEY_ENV}). Exit code 0 when the handler checks signatures and accepts the style this
Flowent signs with, 1 when it accepts a wrong signature (a security problem), rejects every
style or this Flowent's (every real call would be rejected), or cannot be reached, 130 after
Ctrl-C, 143 after SIGTERM (the request sent is still answered and stored, and the table shows what was found so far).

Options:
  --action <name>      Replay this action's calls from Flowent (oldest first)
  --since <time>       With --action: only calls since an ISO 8601 time or a span (30m, 1h, 2d)
  --limit <n>          With --action: at most the newest n calls, 1-${MAX_SELECTION} (default 1000)
  --resign             Fresh timestamp and signature (needs ${HMAC_KEY_ENV}); a registration
                       check Flowent sent unsigned goes unsigned, as Flowent sends it.
                       Without it the original bytes are sent as they were
  --style <style>      With --resign: sign in this style (default: the style learned from
                       your Flowent calls, else python)
  --params <json|@file>
                       Edit: send these parameters instead (re-signed; needs ${HMAC_KEY_ENV})
  --target <url>       Send here instead of the action's forwarding target
                       (e.g. http://localhost:8000/actions/{action_name}). Without it, an
                       action with no handler set (its mode mock, or no target) goes through
                       the serve running on this data folder, which mocks or forwards it as
                       for Flowent; with no serve running, or several, it is refused
  --concurrency <n>    Replays at once, 1-${MAX_BULK_CONCURRENCY} (default 1)
  --diff               Print what changed in each answer
  --probe-styles       Check the handler's signature verifier with this one call (without
                       --target: the action's handler, else the one the serve running on
                       this data folder forwards it to)
  --project <dir>      The folder holding flowent/, whose answer files say where calls go,
                       as for serve there (default: the current folder)
  --data-dir <dir>     History folder (default: FLOWENT_COMPANION_DATA_DIR, or the app's data folder)
  -h, --help           Show this help
`;

/** The flags of `replay`: parsed from here, and listed by the completion scripts. */
export const FLAGS = {
  'data-dir': { type: 'string', takes: 'folder' },
  project: { type: 'string', takes: 'folder' },
  action: { type: 'string' },
  since: { type: 'string' },
  limit: { type: 'string' },
  resign: { type: 'boolean' },
  style: { type: 'string', takes: STYLE_NAMES },
  target: { type: 'string' },
  concurrency: { type: 'string' },
  diff: { type: 'boolean' },
  params: { type: 'string', takes: '@file' },
  'probe-styles': { type: 'boolean' },
} as const;

/** Replay works on stored calls only: a folder with no history is refused as `calls` refuses it, never given an empty one. */
const ONLY_STORED_CALLS = { mustExist: 'history' } as const;

export async function replayCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS, true);
  const ids = parseIds(positionals);
  // Run where serve answers from flowent/answers/ (or --project), it sends where those files say, as serve does.
  const projectDir = answeringProjectDir(values.project, io);
  const hasKey = nonBlankSecret(io.env[HMAC_KEY_ENV]) !== null;
  // Only what is signed here is signed with the key: replayed as is, a call keeps its signature.
  if (values['probe-styles'] || values.resign || values.params !== undefined) noteKeyEdgeSpace('replay', io);
  if (values['probe-styles']) {
    const others = ['action', 'since', 'limit', 'resign', 'style', 'concurrency', 'diff', 'params'].filter((flag) => flag in values);
    if (ids.length !== 1) throw new UsageError('--probe-styles takes one call id.');
    if (others.length > 0) throw new UsageError(`--probe-styles goes with --target only, not --${others[0]}.`);
    if (!hasKey) throw new UsageError(`--probe-styles signs the call in each style: set ${HMAC_KEY_ENV}.`);
    const target = parseTargetUrl(values.target) ?? null;
    const stop = new AbortController();
    return withCore(
      'replay',
      values['data-dir'],
      io,
      (_api, session) => probeStyles(session, ids[0]!, target, io, stop, projectDir, values['data-dir']),
      {
        projectDir,
        ...ONLY_STORED_CALLS,
        stopSignal: stop.signal,
      },
    );
  }
  const action = parseAction(values.action);
  if (ids.length > 0 && action !== undefined) throw new UsageError('give call ids or --action, not both.');
  if (ids.length === 0 && action === undefined)
    throw new UsageError('say what to replay: call ids (see "flowent-companion calls") or --action <name>.');
  if (ids.length > 0 && (values.since !== undefined || values.limit !== undefined))
    throw new UsageError('--since and --limit go with --action.');
  const style = parseStyle(values.style);
  if (style !== undefined && !values.resign && values.params === undefined)
    throw new UsageError('--style only applies with --resign or --params.');
  const noKey = inCliWords({ code: 'no-key', needs: 'resign' });
  if (values.resign && !hasKey) throw new UsageError(noKey);
  const parameters = values.params === undefined ? undefined : readParametersArgument(values.params);
  if (parameters !== undefined && !hasKey) throw new UsageError(noKey);
  const target = parseTargetUrl(values.target);
  const concurrency = parsePositiveInteger('--concurrency', values.concurrency, 1, MAX_BULK_CONCURRENCY);
  const limit = parsePositiveInteger('--limit', values.limit, 1_000, MAX_SELECTION);
  const selection: CallSelection = ids.length > 0 ? { ids } : { filter: { action, since: parseSince(values.since) }, limit };
  // Answers, their headers and what the violations quote of them are bytes from outside: escaped as printed.
  const out = (line: string) => io.stdout.write(`${printable(line)}\n`);
  // How far the run is, under the replays' lines: on a terminal only, so a log holds those lines alone.
  const progress = progressLine(io.stderr);

  return withCore(
    'replay',
    values['data-dir'],
    io,
    async (api, { subscribe }) => {
      // Events are kept from before the run starts: its first replays may finish before its id is known.
      const seen: CoreEvent[] = [];
      let follow: (event: CoreEvent) => void = (event) => seen.push(event);
      const unsubscribe = subscribe((event) => follow(event));
      try {
        const outcome = await throughRunningServe(target, values['data-dir'], projectDir, io, (to) =>
          api.startBulkReplay(selection, {
            concurrency,
            resign: values.resign ?? false,
            target: to,
            parameters: parameters ?? null,
            style: style ?? null,
          }),
        );
        const started = outcome.result;
        if (!started.ok) {
          if (started.code === 'nothing-to-replay') {
            io.stderr.write(
              `flowent-companion replay: ${noFlowentCallsToReplay(action ?? null, values.since ?? null, values['data-dir'] ?? null)}\n`,
            );
            // Nothing to work on, as for export: a CI job replaying an action it never called fails.
            return EXIT.failed;
          }
          io.stderr.write(`flowent-companion replay: ${replayRefusalInWords(started, projectDir)}\n`);
          if (outcome.through === null && outcome.notThrough) io.stderr.write(`${outcome.notThrough}\n`);
          return exitCodeOf(started);
        }
        // Sent as stored, each replay is still stored and checked as a call: without the key, unchecked.
        if (!hasKey) io.stderr.write(`${REPLAYS_UNCHECKED_NOTE}\n`);
        if (outcome.through) {
          // In a project, which answer files answer the calls, as send names them: the calls'
          // actions (each without a handler, or the run would not go through the serve).
          const actions = action !== undefined ? [action] : (await api.previewBulkReplay(selection)).withoutTarget;
          const mocks = projectDir === null ? null : (await api.getAnswerSettings()).mocks;
          out(`Replaying through ${throughServeWords(outcome.through, actions, mocks)}.`);
        }
        const { runId, notFound } = started.value;
        for (const id of notFound) out(`#${id}  not found: ${inCliWords({ code: 'call-not-found', id })}`);
        // Each replay's lines in the order they finished, above the progress line.
        let printed = Promise.resolve();
        // The calls' own credentials that went to a typed URL: named once the run is over.
        const credentialsSent: string[] = [];
        // Ctrl-C stops starting new replays; those in flight finish and are stored.
        const { value: summary, stoppedBy } = await finishingOnStopSignal(
          () => {
            progress.above(() =>
              io.stderr.write(
                'Stopping: no more replays start; waiting for those sent to be answered and stored. Press Ctrl-C again to quit without them.\n',
              ),
            );
            void api.cancelBulkReplay(runId);
          },
          () =>
            new Promise<BulkReplaySummary>((resolve) => {
              const onEvent = (event: CoreEvent) => {
                if (event.type === 'replay-progress' && event.runId === runId) {
                  const { done, total, step } = event;
                  if (target !== undefined && step.result.ok) addHeaderNames(credentialsSent, step.result.value.credentialsSent);
                  // What the step's details say is read while earlier steps print; each step still prints in turn.
                  const detailWhy = stepDetailWhy(api, step);
                  // New parameters are checked against the action's schema, as send checks its own.
                  const parametersWhy = parameters !== undefined ? stepParametersWhy(api, step) : Promise.resolve(null);
                  printed = printed.then(async () => {
                    const stepWhys = { ...(await detailWhy), parameters: await parametersWhy };
                    progress.above(() => printStep(step, stepWhys, values.diff ?? false, out));
                    progress.show(`Replaying ${callsDoneWords(done, total)}…`, done === total);
                  });
                }
                if (event.type === 'replay-finished' && event.runId === runId) resolve(event.summary);
              };
              follow = onEvent;
              seen.splice(0).forEach(onEvent);
            }),
        );
        await printed;
        progress.clear();
        if (target !== undefined && credentialsSent.length > 0) io.stderr.write(`${credentialsSentNote(target, credentialsSent)}\n`);
        const cancelled = !stoppedBy
          ? ''
          : summary.done < summary.total
            ? ` (cancelled after ${summary.done} of ${summary.total})`
            : ' (cancelled once every replay was sent)';
        const missing = notFound.length > 0 ? `; ${notFound.length} not found` : '';
        // Counted as the page counts them: "N replayed" are the calls that reached a handler; those
        // that found nobody there and those not sent are said apart, as no handler failed them.
        out(`${runCountsWords(summary)}${cancelled}${missing}.`);
        // Those passed without testing a handler: said under the counts, as the page says it beside them.
        const mockAnswered = mockAnsweredWords(summary.items);
        if (mockAnswered) out(`${cap(mockAnswered)}.`);
        // Last, where the reader looks: what stopped the run (a handler not running), or the one
        // way every failed replay got no answer, said once rather than read off each call's lines.
        const endCause = runEndCauseWords(summary);
        if (endCause) out(endCause);
        // Stopped is said first, whatever the answers were (the summary counts them): a CI job
        // told 0 or 1 would take a run nobody let finish for a whole one.
        if (stoppedBy) return stoppedExitCode(stoppedBy);
        // A call that is not there, or not sent, tested nothing, as for export: 1, like a failed replay.
        return summary.failed > 0 || summary.notSent > 0 || notFound.length > 0 ? EXIT.failed : EXIT.done;
      } finally {
        progress.clear();
        unsubscribe();
      }
    },
    { projectDir, ...ONLY_STORED_CALLS },
  );
}

/**
 * What a replay's details say, read once and only when its line needs it: why its handler
 * disagrees with its signature's verdict (a 2xx to a call not validly signed, anything else to a
 * valid one; a refusal is a 401, a 403 or words about the signature, which only the details
 * judge), why the mock of a companion it went through failed, and its failed answer's own error
 * ("recipient is required"), as the page quotes it.
 */
async function stepDetailWhy(api: Pick<CompanionApi, 'getCall'>, { result }: BulkReplayStep): Promise<DetailWhy> {
  if (!result.ok) return { handler: null, mock: null, answerError: null };
  const { status, signatureVerdict, id } = result.value;
  const handlerSaid = status >= 200 && status < 300 ? 'accepted' : 'refused';
  const wants: DetailWants = {
    handler: status !== 0 && handlerMayDisagree(signatureVerdict, handlerSaid),
    mock: mockTemplateFailed(result.value),
    answerError: answerErrorMayBeQuoted(result.value),
  };
  return readDetailWhy(api, id, wants, 'as-it-came').catch(() => ({ handler: null, mock: null, answerError: null }));
}

/** What the replay's new parameters (`--params`) break of the action's schema; null when they meet it, or nothing checked them. */
async function stepParametersWhy(api: Pick<CompanionApi, 'checkParameters'>, { action, result }: BulkReplayStep): Promise<string | null> {
  if (!result.ok || action === null) return null;
  return parameterWhy(api, result.value.id, action).catch(() => null);
}

/** One line per replayed call (and the handler behind a companion's webhook it went through, what was not sent, its parameters against the schema, why the handler disagrees, its violations, and with --diff what changed). */
function printStep({ originalId, result }: BulkReplayStep, why: CallWhy, diff: boolean, out: (line: string) => void): void {
  if (!result.ok) {
    out(`#${originalId}  ${NOT_SENT}: ${inCliWords(result)}`);
    return;
  }
  const r = result.value;
  // As the page's lists say it: a companion's refusal in its words, the original's answer first when it was another.
  const status = answerChangeWords(r.original, { status: r.status, answeredBy: r.answeredBy, problem: r.problem });
  const signing = replaySigningWords(r);
  const signed = signing ? `  ${signing}` : '';
  // A refusal breaks no contract (nothing answered to check), yet fails the replay: not "ok". Nor
  // does an answer never given (its line says how, as serve and calls say it): not a violation.
  const judged =
    r.violations.length > 0 && noAnswerCause(r.violations) === null
      ? counted(r.violations.length, 'violation')
      : r.verdict === 'failed'
        ? 'failed'
        : 'ok';
  // Not reached again, straight rather than through a companion: the same outcome, not a change.
  const stillUnreached = handlerStillUnreached(r.original, r);
  const changed = r.diff.changed && !stillUnreached;
  out(`#${r.originalId} → #${r.id}  ${status}  ${changed ? 'changed' : 'same'}  ${judged}${signed}`);
  // Through a companion's webhook: its handler, who gave (or did not give) the answer above.
  if (r.forwardTarget !== null) out(`  ${forwardedToWords(r.forwardTarget)}`);
  if (r.notSent !== null) out(`  note: ${r.notSent}`);
  whyLines(why).forEach(out);
  const originalSignature = originalSignatureRefusedWords(r, CLI_VOCABULARY);
  if (originalSignature) out(`  note: ${originalSignature}`);
  const forwarding = forwardingNote(r.answeredBy, r.error);
  if (forwarding) out(forwarding);
  answerProblemLines(r.violations, r.answeredBy).forEach(out);
  answerErrorLines(why).forEach(out);
  if (diff) for (const line of formatDiff(r.diff, stillUnreached)) out(`    ${line}`);
}
