/**
 * What the page says under a replay's or a simulated call's target field: where a call goes when
 * the field is left empty, by the answers' rule the core picks a replay's target by, and what its
 * "This companion" button does. The command line says the same facts as refusals once a replay
 * was asked for (REPLAY_WORDS' no-target and answered-by-mock), in its flags. Then the bulk
 * replay form's words: the list's filter it replays, and what its start button replays.
 */
import { targetForAction } from '../action-name';
import { MAX_BULK_CONCURRENCY } from '../names-and-limits';
import type { CallFilter } from '../calls';
import { CALL_SOURCE_LABEL } from './call-source-words';
import { redactUrlCredentials } from '../url-credentials';
import { listedWords } from './counted';
import { mockAnswerWords, type AnswerFacts } from './mock-use-words';
import { noFlowentCallsWords } from './replay-words';

/**
 * Said up front of a call that names no action: it has no forwarding target, and a target with
 * {action_name} is refused for it (nothing to fill it with), which the reader learned only by trying.
 */
export const NO_ACTION_TARGET_WORDS =
  'This call names no action, so it has no forwarding target: only a full URL, without {action_name}, can receive it ("This companion" sends it to the path it came to).';

/**
 * Where `action`'s call goes when the field is left empty, by what answers the action
 * (`answer`): its forwarding target, filled in, its password as ***; or nowhere, as the companion
 * answers it itself, with the action's mock or, where it has none, the built-in answer.
 */
export function emptyTargetWords(answer: AnswerFacts, action: string): string {
  const { mode, target } = answer;
  if (mode === 'forward' && target)
    return `Left empty, it goes to ${redactUrlCredentials(targetForAction(target, action))}, the forwarding target of ${action}.`;
  if (mode === 'forward') return `Left empty, nothing is sent: ${action} forwards, but no forwarding target is set.`;
  return `Left empty, nothing is sent: ${action} is answered by ${mockAnswerWords(answer.mock, action)}, not a handler. Choose "This companion" for that answer.`;
}

/**
 * Said before a bulk replay with the target left empty: the calls of these actions will not be
 * sent. The run found out call by call, and its Failed count took them for handlers that failed.
 */
export function withoutTargetWords(actions: readonly string[]): string {
  const those = actions.length === 1 ? 'that action has' : 'those actions have';
  return `Left empty, the calls of ${listedWords(actions)} are not sent: ${those} no handler to send to (no forwarding target, or the companion answers them itself). Give a target URL, choose "This companion", or set a forwarding target in Answers.`;
}

/**
 * What "This companion" does (`own`: the companion's webhook): the call goes there, which answers
 * it as it answers Flowent, with the action's mock or by forwarding to the handler its answers
 * name. (It said "with the mock", and a replay of an action that forwards reached the handler.)
 */
export function ownWebhookTitle(own: string): string {
  return `Send to ${own}: the companion answers it as it answers Flowent's calls, with the action's mock, or by forwarding to your handler where its answers forward`;
}

/** Why "This companion" cannot be pressed yet. */
export const COMPANION_NOT_LISTENING = 'The companion is not listening yet';

/** Each field of the list's filter in words; every field has its words, so a new one cannot be left unsaid. */
const FILTER_WORDS: { [K in keyof CallFilter]-?: (value: NonNullable<CallFilter[K]>, filter: CallFilter) => string | null } = {
  action: (action) => `action ${action}`,
  verdict: (verdict) => `verdict ${verdict}`,
  statusClass: (status) => `status ${status}`,
  test: (test) => (test ? 'registration checks only' : 'no registration checks'),
  text: (text) => `bodies containing “${text}”`,
  since: () => 'in the chosen time range',
  // One range: said once, with since when there is one.
  until: (_, filter) => (filter.since === undefined ? 'in the chosen time range' : null),
  source: (source) => `source: ${CALL_SOURCE_LABEL[source]}`,
  failures: () => 'failures only',
};

/** The list's filter in words, as the filter bar sets it ("source: replay"); "every stored call" when nothing is set. */
export function callFilterWords(filter: CallFilter): string {
  const parts: string[] = [];
  for (const key of Object.keys(FILTER_WORDS) as (keyof CallFilter)[]) {
    const value = filter[key];
    if (value === undefined) continue;
    const words = (FILTER_WORDS[key] as (value: unknown, filter: CallFilter) => string | null)(value, filter);
    if (words) parts.push(words);
  }
  return parts.length === 0 ? 'every stored call' : parts.join(', ');
}

/** Why nothing of the filter can be replayed, and what to change. */
export function nothingToReplayWords(filter: CallFilter): string {
  if (filter.source === 'replay' || filter.source === 'simulator') {
    const shown = filter.source === 'replay' ? 'replays' : 'simulated calls';
    return `The list’s filter (${callFilterWords(filter)}) shows only ${shown}, and only calls from Flowent can be replayed. Choose another Source in the list’s filter.`;
  }
  return noFlowentCallsWords(
    `in the list’s filter (${callFilterWords(filter)}) `,
    'Change the filter, or send a call to the webhook URL first.',
  );
}

/** Which calls a bulk replay takes, the filter's words set apart (the form shows them in bold). */
export function bulkReplayCallsWords(filter: CallFilter): { before: string; filter: string; after: string } {
  return {
    before: 'The calls of the list’s filter: ',
    filter: callFilterWords(filter),
    after: '. They are replayed oldest first (replays, simulated calls and requests that name no action are left out).',
  };
}

/** Under "Replays at once" when it holds no number the page takes. */
export const BULK_CONCURRENCY_WORDS = `Replays at once: a whole number from 1 to ${MAX_BULK_CONCURRENCY} (1: one at a time, in order).`;

/** Under "Re-sign with a fresh timestamp": what a re-signed bulk replay does with the checks Flowent sent unsigned. */
export const RESIGNED_CHECKS_WORDS = 'Registration checks Flowent sent unsigned go unsigned with a fresh timestamp, as Flowent sends them.';

/** What the start button replays (`count` null: not counted yet): every call, or of `count`, those with somewhere to go. */
export function bulkReplayButtonWords(count: number | null, notSent: number): string {
  if (count === null) return 'Counting the calls…';
  if (count === 1) return 'Replay this call';
  if (notSent > 0 && notSent < count) return `Replay ${count - notSent} of these ${count} calls`;
  return `Replay these ${count} calls`;
}
