/**
 * What `mocks` and `targets` say of the answers they set: a mock or a target stored, removed or
 * not there, a mock in one line, and that a forward answers in a mock's place.
 */
import { BUILT_IN_ANSWER_TEXT, type AnswerRoute, type DefinitionError, type StoredMock } from '../answers';
import { redactUrlCredentials } from '../url-credentials';
import { counted } from './counted';

/** Which action a setting is for: a name, the default (every action without its own), or every one. */
export type AnswerTarget = { kind: 'action'; action: string } | { kind: 'default' } | { kind: 'all' };

/**
 * Where the answers changed are: the project folder's name (`flowent`), whose answers/ holds one
 * file per action, or null for the history folder's answers.
 */
export type AnswersPlace = string | null;

/** What answers a call no mock answers (the core's built-in answer), as `mocks get` names it. */
const BUILT_IN_ANSWER_WORDS = `the built-in answer, 200 ${BUILT_IN_ANSWER_TEXT}`;

export function answerTargetWords(target: AnswerTarget): string {
  return target.kind === 'action'
    ? `action ${target.action}`
    : target.kind === 'default'
      ? 'the default (every action without its own)'
      : 'every action';
}

/**
 * Where a change went, after the line that says it: ` (in flowent/answers/send_email.yaml)`;
 * nothing in the history folder, but for every action (`--all`): run where flowent/ was removed
 * (a branch without it), the command clears the history folder's answers, not the project's.
 */
function writtenTo(place: AnswersPlace, target: AnswerTarget): string {
  if (place === null) return target.kind === 'all' ? " (in the history folder's answers)" : '';
  const answers = `${place}/answers`;
  if (target.kind === 'all') return ` (in ${answers}/)`;
  return ` (in ${answers}/${target.kind === 'action' ? `${target.action}.yaml` : '_default.yaml'})`;
}

/** Whose calls a route sends: one action's, or (null) those of every action without a setting of its own. */
function callsOf(action: string | null): string {
  return action === null ? 'calls for every action without a setting of its own' : `calls for action ${action}`;
}

/**
 * `mocks list` with no mock to list; `forwards`: a saved target forwards some action;
 * `mistakes`: a project's answer files have mistakes (said below it), so their mocks are not in
 * use: "No mocks stored" would send the reader to `mocks set` past files that hold them.
 */
export function noMocksWords(forwards: boolean, mistakes = false): string {
  const who = forwards ? 'every action no target forwards ("targets list" says which do)' : 'every action';
  if (mistakes)
    return `No mocks in use: the answer files below have mistakes and are not used until fixed, so ${who} answers ${BUILT_IN_ANSWER_TEXT} here.`;
  return `No mocks stored: ${who} answers ${BUILT_IN_ANSWER_TEXT}. Add one with "flowent-companion mocks set <action> --file mock.json".`;
}

/**
 * `mocks get` of a mock that is not there, with what answers instead: the handler a saved target
 * forwards to (`forwarded`, its target in words), or the default mock (`defaultMock`: one is
 * stored), or the built-in answer.
 */
export function noMockWords(target: AnswerTarget, forwarded: string | null, defaultMock: boolean): string {
  const action = target.kind === 'action' ? target.action : null;
  const defaultAnswers = action !== null && defaultMock;
  if (forwarded !== null) {
    const instead = defaultAnswers ? 'the default mock (mocks get --default)' : BUILT_IN_ANSWER_WORDS;
    return (
      `there is no mock for ${answerTargetWords(target)}, and none is what answers: ` +
      `${callsOf(action)}: ${forwarded}. A call the handler gives no answer gets ${instead} only with serve --fallback-to-mock.`
    );
  }
  const instead =
    action === null
      ? `, so they get ${BUILT_IN_ANSWER_WORDS}.`
      : defaultAnswers
        ? ', so the default mock (mocks get --default) answers it.'
        : `, nor a default mock, so it gets ${BUILT_IN_ANSWER_WORDS}.`;
  return `there is no mock for ${answerTargetWords(target)}${instead}`;
}

/** Heads the mistakes of a mock file that was not stored. */
export function invalidMockHeading(file: string): string {
  return `${file} is not a valid mock:`;
}

/** One problem of a mock file, as both its errors and its warnings are said: the field, where in the file when known, and what. */
export function mockProblemLine(problem: DefinitionError): string {
  const where =
    problem.line !== undefined && !/line \d+/.test(problem.message) ? ` (line ${problem.line}, column ${problem.column ?? 1})` : '';
  return `  ${problem.path || '(top level)'}${where}: ${problem.message}`;
}

/**
 * Heads what a stored mock's answers break of Flowent's contract (`whose`: the mock file, or
 * mockFromCallWords' mock): it stays stored, for a failing answer may be what the developer wants.
 */
export function mockBreaksContractHeading(whose: string): string {
  return `warning: ${whose} breaks Flowent's contract; stored all the same:`;
}

export function mockStoredWords(target: AnswerTarget, place: AnswersPlace): string {
  return `Stored the mock for ${answerTargetWords(target)}${writtenTo(place, target)}.`;
}

/** `mocks clear --all`: how many were removed. */
export function mocksRemovedWords(removed: number, place: AnswersPlace): string {
  return `Removed ${counted(removed, 'mock')}${removed > 0 ? writtenTo(place, { kind: 'all' }) : ''}.`;
}

/** `mocks clear` of one mock: `removed`, or there was none. */
export function mockRemovedWords(target: AnswerTarget, removed: boolean, place: AnswersPlace): string {
  return removed
    ? `Removed the mock for ${answerTargetWords(target)}${writtenTo(place, target)}.`
    : `There was no mock for ${answerTargetWords(target)}.`;
}

/** The mock made from a call, as its contract warnings name it. */
export function mockFromCallName(id: number): string {
  return `the mock made from call #${id}`;
}

/** A call's answer made its action's mock (`action` null: a call with no action, whose mock is not written to a file). */
export function mockFromCallWords(id: number, action: string | null, place: AnswersPlace): string {
  return `Call #${id}'s answer is now the mock for action ${action}${action === null ? '' : writtenTo(place, { kind: 'action', action })}.`;
}

/**
 * Said beside a mock whose action's calls are forwarded (by `set`, `get` and `list`): it answers
 * only in the place of a handler that gives no answer, until the action is set to its mock.
 */
export function forwardedMockNote(action: string | null, forwarded: string): string {
  const mock = action === null ? 'the default mock' : `the mock for action ${action}`;
  const toMock = `flowent-companion targets mode ${action ?? '--default'} mock`;
  return (
    `Note: ${mock} is not what answers: ${callsOf(action)}: ${forwarded}. It answers only a call the handler gives no answer, ` +
    `with serve --fallback-to-mock; "${toMock}" makes it answer ${action === null ? 'those calls' : 'every call'}.`
  );
}

/**
 * One line: whose mock, how it chooses, and what its answers are. A mock of one answer (written
 * at the top, or as a fallback alone) chooses nothing: it says so, in the help's words. A rule's
 * path and value come from a mock file, maybe someone else's: a terminal makes it printable.
 */
export function mockLineWords(mock: StoredMock): string {
  const { definition } = mock;
  const choice = definition.responses.length === 0 ? 'one answer' : definition.selection;
  const answers = [...definition.responses, ...(definition.fallback ? [definition.fallback] : [])];
  const parts = answers.map((answer) => {
    const fault = answer.fault ? ` ${answer.fault.type}` : '';
    const delay = answer.delayMs ? ` +${answer.delayMs}ms` : '';
    const when = answer.when.length ? ` when ${answer.when.map((c) => `${c.path} ${c.op} ${JSON.stringify(c.value)}`).join(' and ')}` : '';
    return `${answer.status}${fault}${delay}${when}`;
  });
  const who = mock.action ?? '(default)';
  const registration = definition.answerRegistrationCheck ? ', answers registration checks' : '';
  return `${who}  ${choice}: ${parts.join(' | ')}${definition.fallback && definition.responses.length ? ' (last is the fallback)' : ''}${registration}`;
}

/** `targets list`'s line of a route: whose, its mode, its target (a password in it left out). */
export function targetLineWords(route: AnswerRoute): string {
  return `${route.action ?? '(default)'}  ${route.mode ?? 'inherit'}  ${route.target === null ? '(no target)' : redactUrlCredentials(route.target)}`;
}

/** `targets list` with no route stored. */
export const NO_TARGETS = 'No targets stored: calls are answered by mocks (or by "serve --forward <url>").';

export function targetSetWords(target: AnswerTarget, url: string, place: AnswersPlace): string {
  return `Calls for ${answerTargetWords(target)} are forwarded to ${redactUrlCredentials(url)}${writtenTo(place, target)}.`;
}

/** `mode`: the word given (`mock`, `forward`, `inherit`). */
export function modeSetWords(target: AnswerTarget, mode: string, place: AnswersPlace): string {
  return `${answerTargetWords(target)}: mode ${mode}${writtenTo(place, target)}.`;
}

/** `targets clear`: how many settings were cleared (`--all`), or whether the one asked for was there. */
export function settingsClearedWords(target: AnswerTarget, cleared: number | boolean, place: AnswersPlace): string {
  const what =
    typeof cleared === 'number'
      ? counted(cleared, 'setting')
      : cleared
        ? `the setting for ${answerTargetWords(target)}`
        : `nothing (no setting for ${answerTargetWords(target)})`;
  return `Cleared ${what}${cleared ? writtenTo(place, target) : ''}.`;
}
