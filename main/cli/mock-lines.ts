import type { CompanionApi, StoredMock } from '../contract/api';
import { mockBreaksContractHeading, mockLineWords, mockProblemLine } from '../contract/words';
import type { CliIo } from './cli-io';
import { printable } from './printable';

/**
 * What `mocks` prints of a mock, beside the list or the mock it prints, in the shared words
 * (answer-setting-words.ts): made printable, as a mock file may be someone else's.
 */

/**
 * Says on stderr what a stored mock's answers break of Flowent's contract, in the words of the
 * core's check (the one the page's editor marks), each at the line and column of the mock's text
 * the check places it at. The mock stays stored and the command exits 0: a developer may want a
 * failing answer on purpose, to try a flow's failure branch.
 */
export async function warnOfContract(api: CompanionApi, mock: StoredMock, whose: string, io: CliIo): Promise<void> {
  const check = await api.checkMock(mock.text, mock.format);
  if (!check.ok || check.warnings.length === 0) return;
  io.stderr.write(`flowent-companion mocks: ${mockBreaksContractHeading(whose)}\n`);
  // A warning may quote the answer's text, and a call's answer (from-call) may come from any handler.
  for (const warning of check.warnings) io.stderr.write(`${printable(mockProblemLine(warning))}\n`);
}

/** The mock in one line; a rule's path and value come from a mock file, maybe someone else's: printable, as a call's line is. */
export function describeMock(mock: StoredMock): string {
  return printable(mockLineWords(mock));
}
