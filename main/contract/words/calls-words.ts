import { PROJECT_FILE_UNWRITABLE_WHAT_TO_DO, projectFileUnwritableClause } from './file-words';
import { redactUrlCredentials } from '../url-credentials';
import { ACTION_NAME_RULE } from '../action-name';
import type { AnswersFailure } from '../answers';
import type { AnsweredBy } from '../names-and-limits';
import type { CallsFailure, NoAnswerCause } from '../shared';
import { noAnswerPhrase } from './answer-mark-words';
import { answerFileMistakeWords } from './project-words';
import type { Catalogue } from './said';
import type { Vocabulary } from './vocabulary';

const WITHOUT_ACTION: Record<Extract<CallsFailure, { code: 'call-without-action' }>['wanted'], string> = {
  mock: 'no action to mock',
  'parameter-check': 'no schema to check its parameters against',
  probe: 'no handler to send it to',
};

/** Why the companion answered a call itself, after its status: ", because your handler refused the connection". */
function ownAnswerReason(answeredBy: AnsweredBy, cause: NoAnswerCause | null): string {
  switch (answeredBy) {
    case 'forward-error':
    case 'companion-error':
      return cause ? `, because ${noAnswerPhrase(answeredBy, cause)}` : ', because forwarding failed';
    case 'signature-check':
      return ', refusing the signature';
    case 'test-check':
      return " to Flowent's registration check";
    case 'error':
      return ', refusing the request';
    default:
      return '';
  }
}

/** Call ids that are not in the history, for the failures that name one or several. */
export function noSuchCalls(ids: number[]): string {
  const named = ids.map((id) => `#${id}`).join(', ');
  return ids.length === 1
    ? `There is no call ${named} in the history (it may have been cleared).`
    : `There are no calls ${named} in the history (they may have been cleared).`;
}

export const CALLS_WORDS: Catalogue<CallsFailure, Vocabulary> = {
  'call-not-found': ({ id }) => ({ what: noSuchCalls([id]) }),
  'call-without-action': ({ id, wanted }) => ({
    what: `Call #${id} names no action, so there is ${WITHOUT_ACTION[wanted]}.`,
  }),
  'call-not-json': ({ id }) => ({ what: `Call #${id}'s body is not JSON, so its parameters cannot be checked.` }),
  'call-without-answer': ({ id, answeredBy, status, cause }) => ({
    what:
      status === 0
        ? `Call #${id} got no answer${cause ? ` (${noAnswerPhrase(answeredBy, cause)})` : ''}, so there is nothing to copy.`
        : `Call #${id} was answered by this companion's own ${status}${ownAnswerReason(answeredBy, cause)}, not by your handler or a mock, so there is nothing to copy.`,
    todo: 'Make the mock from a call your handler or a mock answered.',
  }),
};

export const ANSWERS_WORDS: Catalogue<Exclude<AnswersFailure, CallsFailure>, Vocabulary> = {
  'invalid-action': ({ action }) => ({ what: `"${action}" is not an action name: use ${ACTION_NAME_RULE}.` }),
  'invalid-target': ({ url, problem, placeholder }) => {
    switch (problem) {
      case 'not-http':
        return { what: `"${redactUrlCredentials(url)}" must start with http:// or https://.` };
      case 'unknown-placeholder':
        return {
          what: `"${redactUrlCredentials(url)}" has ${placeholder ?? 'a placeholder'}, which is not filled in: the only placeholder is {action_name}, the call's action name.`,
          todo: 'Use e.g. http://localhost:8000/actions/{action_name}.',
        };
      case 'not-a-url':
        return { what: `"${redactUrlCredentials(url)}" is not a URL.`, todo: 'Use e.g. http://localhost:8000/actions/{action_name}.' };
      default:
        return problem satisfies never;
    }
  },
  'invalid-mock': ({ errors }) => {
    const count = errors.length === 1 ? 'a problem' : `${errors.length} problems`;
    return { what: `The mock was not saved: it has ${count}.${errors[0] ? ` ${errors[0].message}` : ''}` };
  },
  'answer-file-invalid': (mistake) => ({
    what: `${answerFileMistakeWords(mistake)}.`,
    todo: 'Fix the file first, so the change does not overwrite your edit.',
  }),
  'answer-file-unwritable': ({ file, reason }) => ({
    what: `Not saved: flowent/${file} cannot be written: ${projectFileUnwritableClause(reason)}.`,
    todo: PROJECT_FILE_UNWRITABLE_WHAT_TO_DO,
  }),
  'project-folder-removed': ({ folder }) => ({
    what: `Not saved: the project folder ${folder} was removed (a branch switch?); its last version keeps answering.`,
    todo:
      'Bring the folder back (switch back to the branch, say) and save again, or restart serve outside the project ' +
      "(or open another project folder in the app) to save in the history folder's answers.",
  }),
};
