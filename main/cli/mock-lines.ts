import type { CompanionApi, DefinitionError, StoredMock } from '../contract/api';
import type { CliIo } from './cli-io';
import { printable } from './printable';

/**
 * What `mocks` says of a mock, beside the list or the mock it prints: the mock in one line, its
 * file's problems, what it breaks of Flowent's contract, and that a forward answers in its place.
 */

/** One problem of a mock file, as both its errors and its warnings are said: the field, where in the file when known, and what. */
export function problemLine(problem: DefinitionError): string {
  const where =
    problem.line !== undefined && !/line \d+/.test(problem.message) ? ` (line ${problem.line}, column ${problem.column ?? 1})` : '';
  return `  ${problem.path || '(top level)'}${where}: ${problem.message}`;
}

/**
 * Says on stderr what a stored mock's answers break of Flowent's contract, in the words of the
 * core's check (the one the page's editor marks), each at the line and column of the mock's text
 * the check places it at. The mock stays stored and the command exits 0: a developer may want a
 * failing answer on purpose, to try a flow's failure branch.
 */
export async function warnOfContract(api: CompanionApi, mock: StoredMock, whose: string, io: CliIo): Promise<void> {
  const check = await api.checkMock(mock.text, mock.format);
  if (!check.ok || check.warnings.length === 0) return;
  io.stderr.write(`flowent-companion mocks: warning: ${whose} breaks Flowent's contract; stored all the same:\n`);
  // A warning may quote the answer's text, and a call's answer (from-call) may come from any handler.
  for (const warning of check.warnings) io.stderr.write(`${printable(problemLine(warning))}\n`);
}

/** Whose calls a route sends: one action's, or (null) those of every action without a setting of its own. */
export function callsOf(action: string | null): string {
  return action === null ? 'calls for every action without a setting of its own' : `calls for action ${action}`;
}

/**
 * Said beside a mock whose action's calls are forwarded (by `set`, `get` and `list`): it answers
 * only in the place of a handler that gives no answer, until the action is set to its mock.
 */
export function forwardedNote(action: string | null, forwarded: string): string {
  const mock = action === null ? 'the default mock' : `the mock for action ${action}`;
  const toMock = `flowent-companion targets mode ${action ?? '--default'} mock`;
  return (
    `Note: ${mock} is not what answers: ${callsOf(action)}: ${forwarded}. It answers only a call the handler gives no answer, ` +
    `with serve --fallback-to-mock; "${toMock}" makes it answer ${action === null ? 'those calls' : 'every call'}.`
  );
}

/**
 * One line: whose mock, how it chooses, and what its answers are. A mock of one answer (written
 * at the top, or as a fallback alone) chooses nothing: it says so, in the help's words.
 */
export function describeMock(mock: StoredMock): string {
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
  // A rule's path and value come from a mock file, maybe someone else's: printable, as a call's line is.
  return printable(
    `${who}  ${choice}: ${parts.join(' | ')}${definition.fallback && definition.responses.length ? ' (last is the fallback)' : ''}${registration}`,
  );
}
