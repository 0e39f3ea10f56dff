/**
 * What the page says under a replay's or a simulated call's target field: where a call goes when
 * the field is left empty, by the answers' rule the core picks a replay's target by, and what its
 * "This companion" button does. The command line says the same facts as refusals once a replay
 * was asked for (REPLAY_WORDS' no-target and answered-by-mock), in its flags.
 */
import { targetForAction } from '../action-name';
import { redactUrlCredentials } from '../url-credentials';
import { listedWords } from './counted';
import { mockAnswerWords, type AnswerFacts } from './mock-use-words';

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
