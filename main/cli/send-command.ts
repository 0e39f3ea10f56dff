import { redactUrlCredentials, STYLE_NAMES, type AnsweredBy, type Violation } from '../contract/api';
import { HMAC_KEY_ENV, nonBlankSecret } from '../contract/secret-variables';
import { noteKeyEdgeSpace } from './key-edge-space-note';
import { parseFlags, UsageError } from './args';
import type { CliIo } from './cli-io';
import { EXIT, exitCodeOf, stoppedExitCode } from './exit-codes';
import { finishingOnStopSignal } from './stop-signal';
import { inCliWords } from './cli-words';
import {
  answeredByWords,
  answerPasses,
  counted,
  failedRegistrationCheckWords,
  forwardedToWords,
  noAnswerCause,
  refusedVerdictWords,
  registrationCheckOutcomeWords,
  WRONG_SIGNATURE_SENT,
  wrongSignatureRefused,
  wrongSignatureWords,
} from '../contract/words';
import { answeringProjectDir, withCore } from './open-core';
import { printable } from './printable';
import { handlerWhy, NOTHING_MORE, parameterWhy, signatureRefusalWhy } from './call-why';
import { answerProblemLines, forwardingNote, whyLines } from './format-call';
import {
  parseAction,
  parseStyle,
  parseTargetUrl,
  readJsonArgument,
  readParametersArgument,
  replayRefusalInWords,
} from './replay-cli-shared';
import { throughRunningServe, throughServeWords } from './through-running-serve';

export const SEND_HELP = `Usage: flowent-companion send <action> [options]

Send your handler a Flowent call that never happened, signed like your Flowent instance signs
(the learned style, else python), and check the answer against Flowent's contract. The call is
stored (source simulator). Exit code 1 when the answer breaks the contract (with --test, when
Flowent's registration check would fail: any 2xx passes it, whatever its body), 2 on usage errors,
130 after Ctrl-C (143 after SIGTERM) whatever the answer was (the call sent is still answered
and stored; Ctrl-C again quits at once). With --wrong-signature, exit code 0 when your handler
refuses the call for its signature (401 or 403) and has accepted a valid signature before, 1
when it accepts it (2xx: it does not check signatures), refuses it without having accepted a
valid one yet (it may refuse every call: proves nothing), refuses it with another 4xx (400,
404...: not clearly for its signature, so it may never have checked it; the verdict says what it
answered) or does not judge it.

Options:
  --params <json|@file>   The parameters object (default: generated from --schema, else {})
  --schema <@file.json>   The action's JSON Schema, to generate parameters from
  --seed <n>              Seed for generated parameters: same seed, same parameters (default 1)
  --test                  Flowent's registration check instead ("test": true, unsigned)
  --target <url>          Send here instead of the action's forwarding target
                          (e.g. http://localhost:8000/actions/{action_name}). Without it, an
                          action with no handler set (its mode mock, or no target) goes through
                          the serve running on this data folder, which mocks or forwards it as
                          for Flowent; with no serve running, or several, it is refused
  --style <style>         Sign in this style instead of the learned one
  --wrong-signature       Sign the call, then spoil its signature on purpose, to check that
                          your handler refuses it (not with --test)
  --project <dir>         The folder holding flowent/, whose answer files say where the call
                          goes, as for serve there (default: the current folder)
  --data-dir <dir>        History folder (default: FLOWENT_COMPANION_DATA_DIR, or the app's data folder)
  -h, --help              Show this help

Environment:
  ${HMAC_KEY_ENV}        The key to sign with (not needed with --test)
`;

/** The flags of `send`: parsed from here, and listed by the completion scripts. */
export const FLAGS = {
  'data-dir': { type: 'string', takes: 'folder' },
  project: { type: 'string', takes: 'folder' },
  params: { type: 'string', takes: '@file' },
  schema: { type: 'string', takes: '@file' },
  seed: { type: 'string' },
  test: { type: 'boolean' },
  target: { type: 'string' },
  style: { type: 'string', takes: STYLE_NAMES },
  'wrong-signature': { type: 'boolean' },
} as const;

export async function sendCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS, true);
  if (positionals.length !== 1)
    throw new UsageError(positionals.length === 0 ? 'send needs an action name.' : `unexpected argument "${positionals[1]}".`);
  const action = parseAction(positionals[0], 'the action') ?? '';
  if (values.params !== undefined && values.schema !== undefined) throw new UsageError('give --params or --schema, not both.');
  if (
    values.test &&
    (values.params !== undefined || values.schema !== undefined || values.style !== undefined || values['wrong-signature'])
  ) {
    throw new UsageError(
      '--test sends the registration check as Flowent does (no parameters, unsigned): leave out --params, --schema, --style and --wrong-signature.',
    );
  }
  if (values.schema !== undefined && !values.schema.startsWith('@')) throw new UsageError('--schema takes a file: --schema @schema.json.');
  const parameters = values.params === undefined ? undefined : readParametersArgument(values.params);
  const schema = values.schema === undefined ? undefined : readJsonArgument('--schema', values.schema);
  if (schema !== undefined && (schema === null || typeof schema !== 'object' || Array.isArray(schema)))
    throw new UsageError('--schema must hold a JSON Schema object.');
  if (values.seed !== undefined && !/^-?\d+$/.test(values.seed))
    throw new UsageError(`--seed must be a whole number, not "${values.seed}".`);
  const style = parseStyle(values.style);
  const target = parseTargetUrl(values.target);
  if (!values.test && nonBlankSecret(io.env[HMAC_KEY_ENV]) === null)
    throw new UsageError(inCliWords({ code: 'no-key', needs: 'simulate' }));
  if (!values.test) noteKeyEdgeSpace('send', io);
  // Run where serve answers from flowent/answers/ (or --project), it sends where those files say, as serve does.
  const projectDir = answeringProjectDir(values.project, io);

  return withCore(
    'send',
    values['data-dir'],
    io,
    async (api) => {
      const { value: outcome, stoppedBy } = await finishingOnStopSignal(
        () => io.stderr.write('Waiting for the answer to the call sent, to store it; press Ctrl-C again to quit without it.\n'),
        () =>
          throughRunningServe(target, values['data-dir'], projectDir, io, (to) =>
            api.simulateCall({
              action,
              parameters: parameters ?? null,
              schema: schema === undefined ? null : JSON.stringify(schema),
              seed: values.seed === undefined ? 1 : Number(values.seed),
              test: values.test ?? false,
              target: to,
              style: style ?? null,
              wrongSignature: values['wrong-signature'] ?? false,
            }),
          ),
      );
      const sent = outcome.result;
      if (!sent.ok) {
        io.stderr.write(`flowent-companion send: ${replayRefusalInWords(sent, projectDir)}\n`);
        if (outcome.through === null && outcome.notThrough) io.stderr.write(`${outcome.notThrough}\n`);
        return exitCodeOf(sent);
      }
      const r = sent.value;
      // What the page shows of the call beside its answer: the parameters against the action's
      // schema, and why the handler rejected the call's signature (or took one not valid).
      const parameterProblems = values.test ? null : await parameterWhy(api, r.id, action);
      const handler = r.status === 0 ? null : await handlerWhy(api, r.id, 'as-it-came');
      const refusal = r.answeredBy === 'signature-check' ? await signatureRefusalWhy(api, r.id) : null;
      // The body and the answer are bytes from outside (the answer is the handler's): escaped as printed.
      const out = (line: string) => io.stdout.write(`${printable(line)}\n`);
      const signed = r.signedStyle ? `signed, ${r.signedStyle} style${r.wrongSignature ? `, ${WRONG_SIGNATURE_SENT}` : ''}` : null;
      out(`Sent #${r.id} to ${redactUrlCredentials(r.url)} (${signed ?? 'unsigned registration check'})`);
      // In a project, which answer file's mock answered: the mocks as this command read them from the same files.
      if (outcome.through) {
        // The handler the serve said it forwarded to, not its --forward setting: an answer file may send the action elsewhere.
        const through = r.forwardTarget === null ? outcome.through : { serve: outcome.through.serve, does: 'forwarded' as const };
        out(`  via:     ${throughServeWords(through, [action], projectDir === null ? null : (await api.getAnswerSettings()).mocks)}`);
        if (r.forwardTarget !== null) out(`  ${forwardedToWords(r.forwardTarget)}`);
      }
      out(`  body:    ${r.body}`);
      whyLines({ ...NOTHING_MORE, parameters: parameterProblems }).forEach(out);
      // Status 0: nothing answered. Any other status is what Flowent would have got, even when a
      // companion's webhook gave it in place of a handler that gave no answer (its mock, a 502).
      if (r.status === 0) out(`  answer:  none${r.error ? `: ${r.error}` : ''}`);
      else {
        out(`  answer:  ${r.status} ${r.answer}`);
        const answered = answeredByWords(r.answeredBy);
        if (answered) out(`           ${answered}`);
        whyLines({ ...NOTHING_MORE, handler }).forEach(out);
        if (refusal) out(`  why: ${refusal}`);
        const note = forwardingNote(r.answeredBy, r.error);
        if (note) out(note);
      }
      out(`  time:    ${r.durationMs.toFixed(1)} ms`);
      // Spoiled on purpose: what matters is whether the handler refused it, not Flowent's contract.
      if (r.wrongSignature) out(`  verdict: ${wrongSignatureWords(r)}`);
      // Flowent judges its registration check by the status alone: whether it would register the
      // action is the verdict, as on the page; an answer never given was said by the answer line.
      else if (values.test) {
        out(`  verdict: ${registrationCheckVerdict(r)}`);
        if (r.status !== 0) answerProblemLines(r.violations, r.answeredBy).forEach(out);
      }
      // A companion's refusal breaks no contract (nothing answered to check), yet fails.
      else if (answerPasses(r)) out("  verdict: the answer meets Flowent's contract");
      // Nothing answered: no contract was broken, and the answer line already said why (once is enough).
      else if (r.status === 0) out(`  verdict: ${NO_ANSWER_VERDICT}`);
      else if (r.violations.length === 0) out(`  verdict: ${refusedVerdictWords(r.status)}`);
      // A serve's 502 for a handler that gave it no answer: nothing was answered to check either, said as calls says it.
      else if (noAnswerCause(r.violations) !== null) {
        out(`  verdict: ${NO_ANSWER_VERDICT}`);
        answerProblemLines(r.violations, r.answeredBy).forEach(out);
      } else {
        out(`  verdict: ${counted(r.violations.length, 'violation')} of Flowent's contract`);
        answerProblemLines(r.violations, r.answeredBy).forEach(out);
      }
      // Stopped is said first, whatever the answer was, as for replay.
      if (stoppedBy) return stoppedExitCode(stoppedBy);
      const passed = r.wrongSignature ? wrongSignatureRefused(r) : answerPasses(r);
      return passed ? EXIT.done : EXIT.failed;
    },
    { projectDir },
  );
}

/** `send`'s verdict when nothing answered the call: no contract was broken, yet Flowent sees a failed action. */
const NO_ANSWER_VERDICT = 'no answer to check; Flowent treats that as a failed action';

/**
 * `send --test`'s verdict: whether Flowent would register the action. How a check failed, as
 * the page's verdict line says it, when nothing answered it or its status was not a 2xx.
 */
function registrationCheckVerdict(r: { status: number; answeredBy: AnsweredBy; violations: Violation[] }): string {
  if (answerPasses(r)) return registrationCheckOutcomeWords(true);
  const cause = noAnswerCause(r.violations);
  const not2xx = r.status < 200 || r.status > 299;
  return cause !== null || not2xx
    ? failedRegistrationCheckWords({ cause, status: r.status, answeredBy: r.answeredBy })
    : registrationCheckOutcomeWords(false);
}
