import { join } from 'node:path';
import { CALL_SOURCES, MAX_PAGE_SIZE, type CallSource } from '../contract/api';
import { DATA_FILES } from '../core';
import { parseFlags, parsePositiveInteger, UsageError } from './args';
import type { CliIo } from './cli-io';
import { callJson, formatCallLine, formatCallNotes } from './format-call';
import { withCore } from './open-core';
import { parseAction } from './replay-cli-shared';

const isCallSource = (value: string): value is CallSource => (CALL_SOURCES as readonly string[]).includes(value);

export const CALLS_HELP = `Usage: flowent-companion calls [options]

Print stored calls, newest first.

Options:
  --data-dir <dir>   History folder (default: FLOWENT_COMPANION_DATA_DIR, or the app's data folder)
  --action <name>    Only calls of this action
  --source <source>  Only calls from flowent, replay, simulator or import
  --limit <n>        How many calls to print, 1-10000 (default 50)
  --json             One JSON object per line: id, receivedAt, method, path, action,
                     sentAction (action_name as written when it is not a valid name), test,
                     verdict, style, status, durationMs, size, problem, answeredBy, source,
                     violations ([{code, message}], what Flowent would object to),
                     failed (the failure rule's verdict), timestamp (ok, old, future, missing),
                     handlerSignature (your handler's verdict on the signature: accepted,
                     refused, unknown; null when no handler answered),
                     signatureDiagnosis ({code, message}: why the signature is invalid,
                     malformed or missing; null for every other verdict)
  -h, --help         Show this help
`;

/** The flags of `calls`: parsed from here, and listed by the completion scripts. */
export const FLAGS = {
  'data-dir': { type: 'string' },
  action: { type: 'string' },
  source: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export async function callsCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(argv, FLAGS);
  const limit = parsePositiveInteger('--limit', values.limit, 50, 10_000);
  const action = parseAction(values.action);
  const source = values.source;
  if (source !== undefined && !isCallSource(source)) {
    throw new UsageError(`--source must be one of ${CALL_SOURCES.join(', ')}, not "${source}".`);
  }
  return withCore(
    'calls',
    values['data-dir'],
    io,
    async (api) => {
      let remaining = limit;
      let beforeId: number | undefined;
      let printed = 0;
      // Paged, so a history of millions is never loaded at once.
      while (remaining > 0) {
        const page = await api.listCalls({ action, source, limit: Math.min(MAX_PAGE_SIZE, remaining), beforeId });
        for (const call of page.calls) {
          if (values.json) io.stdout.write(`${JSON.stringify(callJson(call))}\n`);
          else io.stdout.write([`#${call.id}  ${formatCallLine(call)}`, ...formatCallNotes(call)].map((line) => `${line}\n`).join(''));
        }
        printed += page.calls.length;
        remaining -= page.calls.length;
        if (page.nextBeforeId === null) break;
        beforeId = page.nextBeforeId;
      }
      if (printed === 0 && !values.json) {
        const file = join((await api.getStatus()).dataDir, DATA_FILES.history);
        io.stderr.write(
          `No calls stored in ${file}${action ? ` for action ${action}` : ''}${source ? ` from source ${source}` : ''}. ` +
            'Start "flowent-companion serve" and send one.\n',
        );
      }
      return 0;
    },
    { readOnly: true },
  );
}
