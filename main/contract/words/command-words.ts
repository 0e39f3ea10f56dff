import { shellWord } from '../shell-words';
import type { CoreStatus } from '../status';
import { DEFAULT_INSPECTOR_PORT, DEFAULT_PORT } from '../names-and-limits';

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

/**
 * The `serve` that brings a lost inspector page back: on its inspector port (the page reconnects
 * only there), its webhook port (Flowent's actions point at it) and its data folder, each named
 * when it is not the default. `webhookPort` null: not known (the page never reached the companion).
 */
export function serveAgainCommand(ports: { webhookPort: number | null; inspectorPort: number }, dataDir: string | null): string {
  const webhook = ports.webhookPort !== null && ports.webhookPort !== DEFAULT_PORT ? ` --port ${ports.webhookPort}` : '';
  const inspector = ports.inspectorPort !== DEFAULT_INSPECTOR_PORT ? ` --inspector-port ${ports.inspectorPort}` : '';
  return companionCommand(`serve${webhook}${inspector}`, dataDir);
}
