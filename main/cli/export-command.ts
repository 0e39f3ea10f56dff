import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { MAX_SELECTION } from '../contract/api';
import { writePrivateFileInPieces } from '../core';
import { parseFlags, parsePositiveInteger, UsageError } from './args';
import type { CliIo } from './cli-io';
import { callsDoneWords, counted, countWords, exportedWords, fileProblemInWords, leftOutWords } from '../contract/words';
import { withCore } from './open-core';
import { isTerminal, NO_PROGRESS_LINE, progressLine } from './progress-line';
import { parseAction, parseIds, parseSince } from './replay-cli-shared';

export const EXPORT_HELP = `Usage: flowent-companion export --har <file> [<id...>] [options]

Write stored calls (oldest first) as a HAR 1.2 file: requests, answers, timings, and the
companion's verdict, signing style, contract violations and source in "_" fields. The HMAC key
is never written; credentials are written as [redacted]: Authorization, Proxy-Authorization,
Cookie, Set-Cookie, X-Api-Key and any header named *-Token, *-Secret, *-Api-Key or *-Password,
the password in a URL (http://user:***@host/), and the values of query parameters named
like secrets (?token=, ?api_key=...). The file is readable by you only (0600).
It writes over an earlier HAR, never over another file that is there.
On a terminal, a line on stderr tells how far a big export is.

Options:
  --har <file>       Where to write the HAR ("-" for standard output)
  --action <name>    Only calls of this action
  --since <time>     Only calls since an ISO 8601 time or a span (30m, 1h, 2d)
  --limit <n>        At most the newest n calls, 1-${countWords(MAX_SELECTION)} (default 1,000)
  --all              Every call of the filter, however many (written in batches)
  --data-dir <dir>   History folder (default: FLOWENT_COMPANION_DATA_DIR, or the app's data folder)
  -h, --help         Show this help
`;

/** The flags of `export`: parsed from here, and listed by the completion scripts. */
export const FLAGS = {
  'data-dir': { type: 'string', takes: 'folder' },
  har: { type: 'string', takes: 'file' },
  action: { type: 'string' },
  since: { type: 'string' },
  limit: { type: 'string' },
  all: { type: 'boolean' },
} as const;

/** How to write the calls a limited export left out, in the command's words. */
const WRITE_MORE = `--limit <n> writes up to ${counted(MAX_SELECTION, 'call')}, --all writes every one.`;

export async function exportCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS, true);
  if (values.har === undefined || values.har === '') throw new UsageError('export needs --har <file> (the only format so far).');
  // An id given twice is exported once, where it first came.
  const ids = [...new Set(parseIds(positionals))];
  const action = parseAction(values.action);
  const since = parseSince(values.since);
  if (ids.length > 0 && (action !== undefined || since !== undefined || values.limit !== undefined || values.all))
    throw new UsageError('give call ids or filters (--action, --since, --limit, --all), not both.');
  if (values.all && values.limit !== undefined) throw new UsageError('give --limit or --all, not both.');
  const limit = parsePositiveInteger('--limit', values.limit, 1_000, MAX_SELECTION);
  const selection =
    ids.length > 0 ? { ids } : values.all ? { filter: { action, since }, all: true as const } : { filter: { action, since }, limit };
  const file = values.har;
  if (file !== '-' && !mayWriteOver(file)) {
    io.stderr.write(
      `flowent-companion export: ${file} is there and is not a HAR file: export writes over an earlier HAR only. ` +
        `Give a new file name (such as calls.har), or move ${file} away first.\n`,
    );
    return 1;
  }
  return withCore(
    'export',
    values['data-dir'],
    io,
    async (_, session) => {
      // A HAR written to the terminal itself is its own progress; one written to a pipe or a file is not.
      const progress = file === '-' && isTerminal(io.stdout) ? NO_PROGRESS_LINE : progressLine(io.stderr);
      const exporting = `Exporting${file === '-' ? '' : ` to ${file}`}`;
      progress.show(`${exporting}: finding the calls…`);
      const onWritten = (written: number, total: number) =>
        progress.show(`${exporting}: ${callsDoneWords(written, total)}…`, written === total);
      let exported: { count: number; matched: number };
      try {
        // Written a batch of calls at a time: --all of a whole history holds one batch in memory, not the file.
        const writing =
          file === '-'
            ? session.writeHar(selection, (chunk) => io.stdout.write(chunk), onWritten)
            : // It holds callers' headers and bodies, as the history does: as private as the history.
              writePrivateFileInPieces(file, async (write) => {
                const written = await session.writeHar(selection, write, onWritten);
                // Nothing to export leaves the file that was there as it was.
                if (written.count === 0) throw new NothingExported(written);
                write('\n');
                return written;
              });
        // Cleared before anything else is said, a refusal too: it takes the line's place.
        exported = await writing.finally(() => progress.clear());
        if (file === '-' && exported.count > 0) io.stdout.write('\n');
      } catch (error) {
        if (!(error instanceof NothingExported)) {
          io.stderr.write(`flowent-companion export: ${fileProblemInWords(file, error, 'written')}\n`);
          return 1;
        }
        exported = error.exported;
      }
      const { count } = exported;
      if (count === 0) {
        io.stderr.write(`flowent-companion export: no calls to export${ids.length > 0 ? ' (none of the given ids is stored)' : ''}.\n`);
        return 1;
      }
      const notStored = Math.max(ids.length - count, 0);
      const leftOut = leftOutWords(exported, WRITE_MORE);
      io.stderr.write(`${exportedWords(exported, { file: file === '-' ? null : file, leftOut, notStored })}\n`);
      return notStored > 0 ? 1 : 0;
    },
    { readOnly: true },
  );
}

/** An export that found no calls: its file is not written. */
class NothingExported extends Error {
  constructor(readonly exported: { count: number; matched: number }) {
    super('no calls to export');
  }
}

/**
 * Whether the export may replace what is at `file`: nothing, a device or pipe (written to, not
 * replaced), an empty file, a file named .har, or one that begins as a HAR does. Anything else is
 * likely a file given by mistake, lost for good once written over.
 */
function mayWriteOver(file: string): boolean {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return true;
    size = stat.size;
  } catch {
    return true;
  }
  if (size === 0 || /\.har$/i.test(file)) return true;
  const start = Buffer.alloc(Math.min(size, 256));
  const fd = openSync(file, 'r');
  try {
    readSync(fd, start, 0, start.length, 0);
  } finally {
    closeSync(fd);
  }
  return /^\s*\{\s*"log"\s*:/.test(start.toString('utf8').replace(/^\uFEFF/, ''));
}
