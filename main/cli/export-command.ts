import { MAX_SELECTION } from '../contract/api';
import { writePrivateFile } from '../core';
import { parseFlags, parsePositiveInteger, UsageError } from './args';
import type { CliIo } from './cli-io';
import { counted, fileProblemInWords } from '../contract/words';
import { withCore } from './open-core';
import { parseAction, parseIds, parseSince } from './replay-cli-shared';

export const EXPORT_HELP = `Usage: flowent-companion export --har <file> [<id...>] [options]

Write stored calls (oldest first) as a HAR 1.2 file: requests, answers, timings, and the
companion's verdict, signing style, contract violations and source in "_" fields. The HMAC key
is never written; credentials are written as [redacted]: Authorization, Proxy-Authorization,
Cookie, Set-Cookie, X-Api-Key and any header named *-Token, *-Secret, *-Api-Key or *-Password,
and the password in a URL (http://user:***@host/). The file is readable by you only (0600).

Options:
  --har <file>       Where to write the HAR ("-" for standard output)
  --action <name>    Only calls of this action
  --since <time>     Only calls since an ISO 8601 time or a span (30m, 1h, 2d)
  --limit <n>        At most the newest n calls, 1-${MAX_SELECTION} (default 1000)
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
} as const;

export async function exportCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS, true);
  if (values.har === undefined || values.har === '') throw new UsageError('export needs --har <file> (the only format so far).');
  // An id given twice is exported once, where it first came.
  const ids = [...new Set(parseIds(positionals))];
  const action = parseAction(values.action);
  const since = parseSince(values.since);
  if (ids.length > 0 && (action !== undefined || since !== undefined || values.limit !== undefined))
    throw new UsageError('give call ids or filters (--action, --since, --limit), not both.');
  const limit = parsePositiveInteger('--limit', values.limit, 1_000, MAX_SELECTION);
  const file = values.har;
  return withCore(
    'export',
    values['data-dir'],
    io,
    async (api) => {
      const exported = await api.exportHar(ids.length > 0 ? { ids } : { filter: { action, since }, limit });
      if (!exported.ok) {
        io.stderr.write(`flowent-companion export: no calls to export${ids.length > 0 ? ' (none of the given ids is stored)' : ''}.\n`);
        return 1;
      }
      const { count } = exported.value;
      const text = `${exported.value.text ?? ''}\n`;
      if (file === '-') io.stdout.write(text);
      else {
        try {
          // It holds callers' headers and bodies, as the history does: as private as the history.
          writePrivateFile(file, text);
        } catch (error) {
          io.stderr.write(`flowent-companion export: ${fileProblemInWords(file, error, 'written')}\n`);
          return 1;
        }
      }
      const missing = ids.length > count ? ` (${ids.length - count} of the given ids are not stored)` : '';
      io.stderr.write(`Exported ${counted(count, 'call')}${file === '-' ? '' : ` to ${file}`}${missing}.\n`);
      return missing ? 1 : 0;
    },
    { readOnly: true },
  );
}
