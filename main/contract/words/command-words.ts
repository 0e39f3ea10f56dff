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

/**
 * Why `serve` stopped when the reader of its output went away (`serve | grep -m1 'Webhook URL'`,
 * a script's wait for the port): the webhook server is gone, which the script learns only at its
 * next call's "connection refused" unless this line (on stderr, still open) says so.
 */
export const SERVE_READER_GONE =
  'serve stopped: whoever read its output went away (a closed pipe, as after "serve | grep -m1" or "serve | head"), so it could print no more. To keep serve running while a script waits for its start lines, write its output to a file (flowent-companion serve > serve.log &) and read that file.';
