import { shellWord } from '../shell-words';
import type { CoreStatus } from '../status';

/**
 * The folder a command printed for the person must name with --data-dir to work on this
 * companion's history: null when it is the default folder, the one a command opens when given none.
 */
export function dataDirForCommands(status: Pick<CoreStatus, 'dataDir' | 'dataDirIsDefault'> | null): string | null {
  return status && !status.dataDirIsDefault ? status.dataDir : null;
}

/**
 * `flowent-companion <args>` for the person to run on this history (`args` written for the shell
 * already): with `--data-dir <folder>` when the history is not in the default folder, where the
 * command as printed would work on another history.
 */
export function companionCommand(args: string, dataDir: string | null): string {
  return `flowent-companion ${args}${dataDir === null ? '' : ` --data-dir ${shellWord(dataDir)}`}`;
}
