import { redactUrlCredentials } from '../url-credentials';
import { HMAC_KEY_ENV } from '../secret-variables';
import type { AnswersFailure } from '../answers';
import type { CallsFailure, ServerNotRunning } from '../shared';
import type { ReplayFailure } from '../replay-outcome';
import { noSuchCalls } from './calls-words';
import { counted, countWords } from './counted';
import { FLOWENT_LIMIT_WORDS } from './flowent-limit-words';
import { nobodyThereTodo, runNoAnswerWords } from './bulk-run-words';
import { companionCommand } from './command-words';
import { leftOutPasswordRefusal } from './left-out-password-words';
import { answerFileMistakeWords } from './project-words';
import { shellWord } from '../shell-words';
import { cap, either, type Catalogue } from './said';
import type { Vocabulary } from './vocabulary';

type ReplayOwnFailure = Exclude<ReplayFailure, CallsFailure | AnswersFailure | ServerNotRunning>;

const NEEDS_KEY: Record<Extract<ReplayFailure, { code: 'no-key' }>['needs'], string> = {
  resign: 'Re-signing needs the HMAC key.',
  simulate: 'Signing a simulated call needs the HMAC key.',
  curl: 'A re-signed command needs the HMAC key.',
  probe: 'A probe signs the call in each style with the HMAC key.',
};

/**
 * What to do where a call has no handler to go to: the ways to name one (`ways`, vocabulary
 * phrases), then, when a companion runs whose mock answers the action (`webhook`), sending it
 * there. Every refusal for want of a handler says it so, whatever the reason there is none.
 */
export function noHandlerTodo(ways: string[], webhook: string | null, say: Pick<Vocabulary, 'sendToCompanion'>): string {
  const all = webhook === null ? ways : [...ways, say.sendToCompanion(webhook)];
  return `${cap(all.join(', or '))}.`;
}

/**
 * Said before replays sent as stored when no key is set: each replay is stored as a new call, and
 * without the key its signature is stored unchecked, which `calls` shows as "no key" with no word
 * of why until then.
 */
export const REPLAYS_UNCHECKED_NOTE = `note: No HMAC key is set (${HMAC_KEY_ENV}): the replays are sent as stored, and their signatures are stored unchecked. Set ${HMAC_KEY_ENV} to have each replay's signature checked.`;

/** Parameters that are JSON but not an object: refused by the core, and said by the page's editors as typed. */
export const PARAMETERS_NOT_AN_OBJECT = 'The parameters must be a JSON object ({...}), as Flowent sends.';

/**
 * Parameters typed in the page's editors that make a call over Flowent's limit, said as typed
 * (`bytes`: their size in UTF-8), before a call is spent on the refusal (over-flowent-limit).
 */
export function parametersOverLimitWords(bytes: number): string {
  return `The parameters are ${countWords(bytes)} bytes, over Flowent’s limit of ${FLOWENT_LIMIT_WORDS} for a whole call: Flowent never sends one that big. Make them smaller.`;
}

export const REPLAY_WORDS: Catalogue<ReplayOwnFailure, Vocabulary> = {
  'no-target': ({ action, webhook }, say) =>
    action === null
      ? // No action to set a target for, nor to fill {action_name} with: a whole URL is the one way.
        {
          what: 'There is no handler to send this call to: it names no action.',
          todo: `${cap(say.giveTarget)}: a full URL, without {action_name}.`,
        }
      : {
          what: `There is no handler to send action ${action} to.`,
          todo: noHandlerTodo([say.giveTarget, say.setTarget(action)], webhook, say),
        },
  'answered-by-mock': ({ action, webhook }, say) => ({
    // Its mock or, where it has none, the built-in answer: the refusal cannot tell which, so it names neither.
    what: `Action ${action} is answered by the companion itself (its answers' mode is mock), so it has no handler to send to.`,
    todo: noHandlerTodo([`${say.giveTarget} to send it to a handler`], webhook, say),
  }),
  'answer-file-mistake': ({ action, ...mistake }, say) => ({
    what:
      `${answerFileMistakeWords(mistake)}. Until it is fixed, where action ${action} goes cannot be told: ` +
      'a running companion may still answer from the version it read before the mistake.',
    todo: `Fix the file, or ${say.giveTarget}.`,
  }),
  'target-password-left-out': ({ action, target, owner }, say) => leftOutPasswordRefusal(action, target, owner, say.giveTarget),
  'no-action-for-target': ({ target }, say) => ({
    what: `This call names no action, so {action_name} in ${redactUrlCredentials(target)} cannot be filled.`,
    todo: `${cap(say.giveTarget)} with the action's name in place of {action_name}.`,
  }),
  'no-key': ({ needs }, say) => ({
    what: NEEDS_KEY[needs],
    todo: either(say.setHmacKey, needs === 'resign' ? say.replayAsIs : needs === 'simulate' ? say.sendRegistrationCheck : null),
  }),
  'invalid-json': ({ what, reason }) => ({ what: `The ${what} is not valid JSON: ${reason}.`, todo: 'Fix it and try again.' }),
  'invalid-parameters-json': ({ message }) => ({ what: message }),
  'invalid-parameters': () => ({ what: PARAMETERS_NOT_AN_OBJECT }),
  'schema-not-object': () => ({ what: 'The schema must be a JSON object ({...}), a JSON Schema.' }),
  'invalid-schema': ({ reason }) => ({ what: `The schema is not a valid JSON Schema: ${reason}` }),
  'cannot-generate': ({ action, reason }) => ({
    what: `Cannot generate parameters from the schema${action ? ` of ${action}` : ''}: ${reason}.`,
    todo: 'Edit them by hand.',
  }),
  'body-not-json': ({ reason }) => ({ what: `The body is not JSON (${reason}), so it cannot be signed.` }),
  'body-not-object': ({ kind }) => ({ what: `The body is a JSON ${kind}, not an object, so it cannot be signed.` }),
  'unknown-style': ({ style }) => ({ what: `Unknown signing style "${style}".` }),
  'number-beyond-style': ({ style, literal, written, styles }) => ({
    what: `The body holds the number ${literal}, beyond what a float64 holds: the ${style} style would write it as ${written}, ${
      written === 'null' ? 'not as the number' : 'which is not JSON'
    }, so it is not signed in that style.`,
    todo:
      styles.length === 1
        ? `Sign it in the ${styles[0]} style, which sends it as it is.`
        : `Sign it in a style that writes it as it is: ${styles.join(', ')}.`,
  }),
  'binary-body': () => ({ what: 'The body holds a NUL byte, which no shell argument can carry.' }),
  'over-flowent-limit': ({ size, limit }) => ({
    what: `The call would be ${size} bytes, over Flowent's limit of ${limit} bytes (${FLOWENT_LIMIT_WORDS}): Flowent never sends such a call.`,
    todo: 'Send smaller parameters.',
  }),
  'registration-check-parameters': () => ({
    what: "This call is Flowent's registration check, which Flowent only ever sends with empty parameters: one with others would test a request Flowent never sends.",
    todo: 'Replay it as is or re-signed; to see what a handler makes of parameters, replay one of its calls or simulate a call.',
  }),
  'body-not-stored': ({ size }) => ({
    what: `This call's body (${size} bytes) was refused before it was read, so it was not kept and there is nothing to send again.`,
    todo: 'Send the call again from where it came, under the body limit.',
  }),
  'nothing-to-replay': (_, say) => ({
    what: 'No call here can be replayed: only calls from Flowent that name an action are.',
    todo: either(say.chooseOtherCalls, 'send a call first'),
  }),
  'calls-not-found': ({ ids }) => ({ what: noSuchCalls(ids) }),
  'run-not-found': () => ({ what: 'That bulk replay is not running any more (it finished or was cancelled).' }),
  'replay-failed': ({ reason }) => ({ what: `The replay failed: ${reason}` }),
  'run-stopped': ({ noAnswer }) => {
    const todo = nobodyThereTodo(noAnswer);
    return {
      what: `The run stopped before sending it: ${runNoAnswerWords(noAnswer)}, for ${counted(noAnswer.replays, 'replay')} in a row.`,
      ...(todo !== null && { todo }),
    };
  },
  'nothing-to-export': (_, say) => ({
    what: 'There are no calls to export here.',
    todo: either(say.chooseOtherCalls, 'wait for calls to arrive'),
  }),
  'no-file': (_, say) => ({ what: 'There is no HAR file to import.', todo: `${cap(say.chooseHarFile)}.` }),
  'har-empty': () => ({
    what: 'The file is empty.',
    todo: 'Choose a HAR file exported by the companion or by a browser (its network panel saves one).',
  }),
  'har-not-json': ({ reason }) => ({ what: `The file is not valid JSON: ${reason}.` }),
  'calls-json-not-har': () => ({
    what: 'The file is what `calls --json` prints (JSON Lines, a call a line), not a HAR: import takes a HAR file.',
    todo: `Export the calls as a HAR (${companionCommand('export --har calls.har', null)}, with the filters calls takes, or Export HAR in the page), then import that.`,
  }),
  'not-har': ({ missing }) => ({
    what:
      missing === 'log'
        ? 'The file is JSON but not a HAR: there is no "log" object at the top level.'
        : 'The file is not a HAR: "log.entries" is missing or not a list.',
  }),
  'har-not-text': ({ reason }) => ({ what: reason }),
  'har-no-entries': () => ({
    what: 'The file is a HAR with no entries ("log.entries" is an empty list): there is nothing to import.',
    todo: 'Choose a HAR file that holds calls.',
  }),
  'har-too-large': ({ file, megabytes, maxMegabytes, dataDir }) => ({
    what: `${file} is ${megabytes} MB; HAR imports here are at most ${maxMegabytes} MB.`,
    todo: `Import it with the command, which takes any size: ${companionCommand(`import ${shellWord(file)}`, dataDir)}`,
  }),
  'file-unreadable': ({ file, reason }) => ({ what: `Could not read ${file}: ${reason}.` }),
  'file-unwritable': ({ file, reason }) => ({ what: `Could not save ${file}: ${reason}.`, todo: 'Choose another folder.' }),
};

/**
 * No call from Flowent among those a replay was asked for (`which`: "of action send_email", "in
 * the list’s filter (...)"), said one way by `replay --action` and the page's bulk replay: which
 * calls count (what someone who simulated or replayed calls of the action wonders), then what to
 * change, in the front end's own terms (`todo`).
 */
export function noFlowentCallsWords(which: string, todo: string): string {
  return `No calls from Flowent ${which}to replay: only the calls Flowent sent (received or imported) are replayed, not simulated calls or replays. ${todo}`;
}

/**
 * `replay --action` that finds none of the action's calls from Flowent: a CI job that simulated
 * or replayed calls of the action is told why they do not count, and how to replay them all the
 * same (by id), with the list command on the same history.
 */
export function noFlowentCallsToReplay(action: string | null, since: string | null, dataDir: string | null): string {
  const which = `${action === null ? '' : `of action ${action} `}${since === null ? '' : `since ${since} `}`;
  const list = companionCommand(`calls${action === null ? '' : ` --action ${action}`}`, dataDir);
  return noFlowentCallsWords(which, `Change --action or --since, or replay a call by its id ("${list}" lists them).`);
}
