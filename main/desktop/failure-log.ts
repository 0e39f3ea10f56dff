import { appendFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isCredentialHeader, REDACTED } from '../contract/credential-headers';
import { redactUrlCredentials } from '../contract/url-credentials';
import { DATA_FILES, PRIVATE_FILE } from '../core/data-folder';

/** Past this size the log moves to `<file>.1` (replacing the one there) and starts anew. */
export const FAILURE_LOG_MAX_BYTES = 1024 * 1024;

/**
 * Shorter secrets are not searched for: a key of two letters would blank those letters
 * everywhere in the line, and the line would say nothing.
 */
const MIN_SECRET_LENGTH = 4;

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

/** A name and what joins it to its value: `name: `, `name=`, `"name":"` (headers, query strings, JSON). */
const NAME_THEN_VALUE = /([\w-]+)(["']?[ \t]*[:=][ \t]*["']?)/g;
/** Names that carry secrets beside the credential headers: query and JSON spellings of tokens and keys. */
const SECRET_NAME = /(^|[-_])(token|authtoken|secret|password|api[-_]?key|apikey|hmac[-_]?key)$/i;
/** An Authorization value is a scheme and a credential (`Bearer …`): up to the end of the line or field. */
const AUTHORIZATION = /^(proxy-)?authorization$/i;
const WHOLE_FIELD = /^[^\r\n"',;&}]*/;
const ONE_WORD = /^[^\s"',;&}]*/;
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;

/**
 * Takes out what could be a secret: the known secrets' values (as typed, and as they read inside
 * a JSON string or a URL), credentials in URLs, and the values of credential headers and
 * token-like fields (`Authorization: Bearer …`, `token=…`).
 */
export function redactSecrets(text: string, secrets: Iterable<string | null | undefined>): string {
  let out = text;
  const known = [...secrets].filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH);
  // Longest first: a secret that contains another is taken out whole.
  for (const form of [...new Set(known.flatMap(writtenForms))].sort((a, b) => b.length - a.length)) out = out.split(form).join(REDACTED);
  out = out.replace(URL_IN_TEXT, (url) => redactUrlCredentials(url));
  return redactNamedValues(out);
}

/**
 * A secret as a failure's text may carry it: as is, inside a JSON string (a serialized object:
 * `"` and `\\` escaped), and percent-encoded (in a URL's query or path).
 */
function writtenForms(secret: string): string[] {
  return [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)];
}

function redactNamedValues(text: string): string {
  let out = '';
  let copied = 0;
  const names = new RegExp(NAME_THEN_VALUE);
  for (let match = names.exec(text); match !== null; match = names.exec(text)) {
    const name = match[1] ?? '';
    if (!isCredentialHeader(name) && !SECRET_NAME.test(name)) continue;
    const start = match.index + match[0].length;
    const value = (AUTHORIZATION.test(name) ? WHOLE_FIELD : ONE_WORD).exec(text.slice(start))?.[0] ?? '';
    if (value === '') continue;
    out += `${text.slice(copied, start)}${REDACTED}`;
    copied = start + value.length;
    names.lastIndex = copied;
  }
  return out + text.slice(copied);
}
