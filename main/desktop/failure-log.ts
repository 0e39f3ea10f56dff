import { appendFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { redactSecrets } from '../contract/redact-secrets';
import { DATA_FILES, PRIVATE_FILE } from '../core/data-folder';

/** Past this size the log moves to `<file>.1` (replacing the one there) and starts anew. */
export const FAILURE_LOG_MAX_BYTES = 1024 * 1024;

export interface FailureLogOptions {
  /** The secrets' current values (HMAC key, tokens), read on each write: none is ever written. */
  secrets?: () => Iterable<string | null | undefined>;
  maxBytes?: number;
  now?: () => Date;
  /** Where each line also goes (a development run's terminal), and where the log's own failures go. */
  echo?: (line: string) => void;
}

export interface FailureLog {
  readonly file: string;
  /** One line: the time, what failed, and why. Never throws. */
  failed(what: string, why?: unknown): void;
}

/**
 * The desktop app's failures, one line each, in `<dataDir>/desktop.log`: a packaged app has no
 * terminal, so what went wrong in the background (a setting not saved, a refused IPC call, an
 * internal error) would otherwise be lost. Bounded by one rotation; secrets are taken out.
 */
export function createFailureLog(dataDir: string, options: FailureLogOptions = {}): FailureLog {
  const file = join(dataDir, DATA_FILES.desktopLog);
  const maxBytes = options.maxBytes ?? FAILURE_LOG_MAX_BYTES;
  const now = options.now ?? (() => new Date());
  const echo = options.echo ?? ((line: string) => console.warn(line));
  let toldLogUnwritable = false;

  function append(line: string): void {
    try {
      if (sizeOf(file) + Buffer.byteLength(line) > maxBytes) renameSync(file, `${file}.1`);
      appendFileSync(file, line, { mode: PRIVATE_FILE });
    } catch (error) {
      // The log is the last resort: its own failure is told to the console once, never thrown.
      if (toldLogUnwritable) return;
      toldLogUnwritable = true;
      echo(`Could not write ${file}: ${(error as Error).message}`);
    }
  }

  return {
    file,
    failed(what, why) {
      try {
        const text = why === undefined ? what : `${what}: ${describeError(why)}`;
        const line = `${now().toISOString()} ${redactSecrets(text, options.secrets?.() ?? [])}`.replace(/[\r\n]+/g, ' | ');
        echo(line);
        append(`${line}\n`);
      } catch {
        // A secrets source that throws, an error whose message throws: nothing here may end the app.
      }
    },
  };
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** The message, with the system's code and the cause when they add something. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  let text = error.message || error.name;
  if (typeof code === 'string' && !text.includes(code)) text += ` (${code})`;
  if (error.cause !== undefined) text += `; cause: ${describeError(error.cause)}`;
  return text;
}
