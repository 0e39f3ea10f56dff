import { homedir } from 'node:os';
import { resolveDataDir } from '../core/paths';
import { openStore } from '../core/store/open-store';
import { parseFlags, parsePositiveInteger, UsageError } from './args';
import type { CliIo } from './cli-io';
import { callJson, formatCallLine, formatViolations } from './format-call';
import { ACTION_NAME_PATTERN } from '../core/protocol/routes';
import { CALL_SOURCES, type CallSource } from '../contract/api';

const isCallSource = (value: string): value is CallSource => (CALL_SOURCES as readonly string[]).includes(value);

export const CALLS_HELP = `Usage: flowent-companion calls [options]

Print stored calls, newest first.

Options:
  --data-dir <dir>   History folder (default: FLOWENT_COMPANION_DATA_DIR, or the app's data folder)
  --action <name>    Only calls of this action
  --source <source>  Only calls from flowent, replay, simulator or import
  --limit <n>        How many calls to print, 1-10000 (default 50)
  --json             One JSON object per line: id, receivedAt, method, path, action, test,
                     verdict, style, status, durationMs, size, problem, answeredBy, source,
                     violations ([{code, message}], what Flowent would object to),
                     failed (the failure rule's verdict)
  -h, --help         Show this help
`;

const PAGE = 500;

export async function callsCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(argv, {
    'data-dir': { type: 'string' },
    action: { type: 'string' },
    source: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
  });
  const limit = parsePositiveInteger('--limit', values.limit, 50, 10_000);
  if (values.action !== undefined && !ACTION_NAME_PATTERN.test(values.action)) {
    throw new UsageError(`--action must be an action name (lowercase letters, digits, underscores), not "${values.action}".`);
  }
  const source = values.source;
  if (source !== undefined && !isCallSource(source)) {
    throw new UsageError(`--source must be one of ${CALL_SOURCES.join(', ')}, not "${source}".`);
  }
  const dataDir = resolveDataDir({ flag: values['data-dir'], env: io.env, platform: process.platform, home: homedir() });
  const opened = openStore({ dataDir });
  if (!opened.ok) {
    io.stderr.write(`flowent-companion calls: ${opened.message}\n`);
    return 1;
  }
  const store = opened.value;
  try {
    let remaining = limit;
    let beforeId: number | undefined;
    let printed = 0;
    // Paged, so a history of millions is never loaded at once.
    while (remaining > 0) {
      const page = store.calls.list({ action: values.action, source, limit: Math.min(PAGE, remaining), beforeId });
      for (const call of page.calls) {
        if (values.json) io.stdout.write(`${JSON.stringify(callJson(call))}\n`);
        else io.stdout.write([`#${call.id}  ${formatCallLine(call)}`, ...formatViolations(call)].map((line) => `${line}\n`).join(''));
      }
      printed += page.calls.length;
      remaining -= page.calls.length;
      if (page.nextBeforeId === null) break;
      beforeId = page.nextBeforeId;
    }
    if (printed === 0 && !values.json) {
      io.stderr.write(
        `No calls stored in ${store.file}${values.action ? ` for action ${values.action}` : ''}${source ? ` from source ${source}` : ''}. ` +
          'Start "flowent-companion serve" and send one.\n',
      );
    }
    return 0;
  } finally {
    store.close();
  }
}
