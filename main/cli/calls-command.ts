import { join } from 'node:path';
import {
  CALL_SOURCES,
  MAX_PAGE_SIZE,
  type ActionCount,
  type CallFilter,
  type CallSource,
  type CallSummary,
  type CompanionApi,
  type StatusClass,
} from '../contract/api';
import { VERDICTS, type Verdict } from '../contract/names-and-limits';
import { DATA_FILES, historyFile } from '../core';
import { parseFlags, parsePositiveInteger, UsageError } from './args';
import type { CliIo } from './cli-io';
import { followCalls, historyAppears } from './follow-calls';
import { needsWhy, NOTHING_MORE, readCallWhy } from './call-why';
import { callDetailJson, callJson, waitingCallJson } from './call-json';
import { followWaits, type WaitsFollower } from './follow-waiting';
import { PrintedCalls } from './follow-printed-calls';
import { waitingLine } from './serve-waiting-line';
import { formatCallInFull } from './format-call-in-full';
import { formatCallLine, formatCallNotes } from './format-call';
import { dataDirOf, dataDirOrigin, withCore } from './open-core';
import { printable } from './printable';
import { parseAction, parseIds, parseSince } from './replay-cli-shared';
import { inCliWords } from './cli-words';
import { counted, countWords, handlerMayDisagree, type DiagnosisMoment } from '../contract/words';
import {
  FOLLOW_WAITS_HELP,
  FOLLOW_WAITS_JSON_HELP,
  FOLLOWING,
  heldByMark,
  HISTORY_CLEARED,
  noHistoryYet,
} from '../contract/words/follow-words';
import { waitForStopSignal } from './stop-signal';

const isCallSource = (value: string): value is CallSource => (CALL_SOURCES as readonly string[]).includes(value);
const isVerdict = (value: string): value is Verdict => (VERDICTS as readonly string[]).includes(value);
/** The status classes the history's list filters by (the page's filter bar): a class, not one code. */
const STATUS_CLASSES = ['2xx', '3xx', '4xx', '5xx'] as const satisfies readonly StatusClass[];
const isStatusClass = (value: string): value is StatusClass => (STATUS_CLASSES as readonly string[]).includes(value);

export const CALLS_HELP = `Usage: flowent-companion calls [<id...>] [options]

Print stored calls, the last stored first (an import stores the calls of its file when it runs:
older calls imported come before the ones stored earlier; --source flowent leaves them out);
with --follow, the last ones oldest first, then every call stored from then on (by serve, the
app, send, replay or import) as it is stored, until Ctrl-C. Started before the history exists,
--follow waits for it.

${FOLLOW_WAITS_HELP}

Given call ids (as this list prints them, "#" optional), print each of those calls in full: its
line and why, the request's headers and body, the signature's verdict and every style checked,
the answer's status, headers and body, and your handler's verdict; with --json, the call's whole
record (the list's fields, then remoteAddress, forwardedFor, requestHeaders, requestBody,
requestBodyBase64, problemMessage, signature, response, originalCallId, mockChoice, forward,
handler). Exit code 1 when a call is not in the history.

Options:
  --data-dir <dir>   History folder (default: FLOWENT_COMPANION_DATA_DIR, or the app's data folder)
  --action <name>    Only calls of this action
  --source <source>  Only calls from flowent, replay, simulator or import
  --since <time>     Only calls since an ISO 8601 time or a span (30m, 1h, 2d)
  --verdict <v>      Only calls whose signature verdict is this: ${VERDICTS.slice(0, 4).join(', ')},
                     ${VERDICTS.slice(4).join(', ')}
  --status <class>   Only calls answered ${STATUS_CLASSES.slice(0, -1).join(', ')} or ${STATUS_CLASSES.at(-1)} (0, no answer, is none of them)
  --failed           Only the calls counted as failures: Flowent's own calls whose answer
                     was not 2xx (or that got none), whose signature is invalid, missing or
                     malformed or that were not a Flowent call, or whose answer breaks
                     Flowent's contract (replays, simulated and imported calls never count)
  --limit <n>        How many calls to print, 1-10000 (default 50; 10 with --follow)
  -f, --follow       Keep printing calls as they are stored, oldest first
  --json             One JSON object per line: id, receivedAt, method, path, action,
                     sentAction (action_name as written when it is not a valid name), test,
                     verdict, style, status, durationMs, size, problem, answeredBy, source,
                     violations ([{code, message}], what Flowent would object to),
                     failed (the failure rule's verdict), timestamp (ok, old, future, missing),
                     handlerSignature (your handler's verdict on the signature: accepted,
                     refused, unknown; null when no handler answered),
                     signatureDiagnosis ({code, message}: why the signature is invalid,
                     malformed or missing; null for every other verdict),
                     handlerDiagnosis ({code, message}: why your handler rejected a valid
                     signature or the registration check, or accepted a call not validly
                     signed; null when it and the companion agree, or no handler answered),
                     forwardError (why forwarding to your handler gave no answer, when the
                     mock answered in its place or a 502/504 was given; null otherwise),
                     spoiledSignature (true when send --wrong-signature, Simulate or
                     replay --probe-styles spoiled the signature on purpose); ${FOLLOW_WAITS_JSON_HELP}
  -h, --help         Show this help
`;

/**
 * What to do to store a call of a source, when `calls` found none: each source is stored by its
 * own command (a serve stores no replay), so the advice follows the --source filter.
 */
const HOW_CALLS_ARE_STORED: Record<CallSource | 'any', string> = {
  any: 'Start "flowent-companion serve" and send one.',
  flowent: 'Start "flowent-companion serve" and point a Flowent action at it: Flowent\'s calls are stored as they arrive.',
  replay: 'Replay a stored call with "flowent-companion replay <id>" (the ids "flowent-companion calls" prints).',
  simulator: 'Simulate one with "flowent-companion send <action>" (or Simulate in the app).',
  import: 'Import a HAR file with "flowent-companion import <file.har>".',
};

/** The flags of `calls`: parsed from here, and listed by the completion scripts. */
export const FLAGS = {
  'data-dir': { type: 'string', takes: 'folder' },
  action: { type: 'string' },
  source: { type: 'string', takes: CALL_SOURCES },
  since: { type: 'string' },
  verdict: { type: 'string', takes: VERDICTS },
  status: { type: 'string', takes: STATUS_CLASSES },
  failed: { type: 'boolean' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  follow: { type: 'boolean', short: 'f' },
} as const;

/** The filters and list flags, which say which calls to list: given ids say it instead. */
const LIST_FLAGS = ['action', 'source', 'since', 'verdict', 'status', 'failed', 'limit', 'follow'] as const;

export async function callsCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS, true);
  // An id given twice is printed once, where it first came.
  const ids = [...new Set(parseIds(positionals))];
  if (ids.length > 0) {
    if (LIST_FLAGS.some((flag) => values[flag] !== undefined))
      throw new UsageError(`give call ids or filters (${LIST_FLAGS.map((flag) => `--${flag}`).join(', ')}), not both.`);
    return printCallsInFull(ids, values['data-dir'], values.json ?? false, io);
  }
  const limit = parsePositiveInteger('--limit', values.limit, values.follow ? 10 : 50, 10_000);
  const action = parseAction(values.action);
  const source = values.source;
  if (source !== undefined && !isCallSource(source)) {
    throw new UsageError(`--source must be one of ${CALL_SOURCES.join(', ')}, not "${source}".`);
  }
  const since = parseSince(values.since);
  const { verdict, status } = values;
  if (verdict !== undefined && !isVerdict(verdict))
    throw new UsageError(`--verdict must be one of ${VERDICTS.join(', ')}, not "${verdict}".`);
  if (status !== undefined && !isStatusClass(status))
    throw new UsageError(`--status must be one of ${STATUS_CLASSES.join(', ')}, not "${status}" (the history is filtered by class).`);
  // The core's filter, as the page's filter bar sends it: the history's index does the work, not the command.
  const filter: CallFilter = { action, source, since, verdict, statusClass: status, ...(values.failed ? { failures: true } : {}) };
  const printed = new PrintedCalls();
  // `moment`: the history listed is read later; a call the follow prints, as it came.
  const print = async (api: Pick<CompanionApi, 'getCall' | 'checkParameters'>, call: CallSummary, moment: DiagnosisMoment) => {
    // Only a call with more to say than its line has its details read (see call-why.ts); a JSON
    // line carries only the handler's diagnosis, so a call whose handler agrees reads nothing more.
    const read = values.json ? handlerMayDisagree(call.verdict, call.handlerSignature) : needsWhy(call, false);
    const why = read ? await readCallWhy(api, call, false, moment) : NOTHING_MORE;
    printed.printed(call);
    // JSON escapes C0 but leaves DEL and C1 as they are: printable gives those the same \u form, still the same JSON.
    if (values.json) io.stdout.write(`${printable(JSON.stringify(callJson(call, why.handler)))}\n`);
    else io.stdout.write([`#${call.id}  ${formatCallLine(call)}`, ...formatCallNotes(call, why)].map((line) => `${line}\n`).join(''));
  };
  // A waiting call is known by its action and time only: how it ends (its source as stored, its
  // verdict, status, failure) is not known before it is stored, so those filters print no waits.
  const waitsMatch = source === undefined && verdict === undefined && status === undefined && !values.failed;
  const waits: WaitsFollower = {
    waiting: (call, { serve, limitMs, amongOthers }) => {
      if ((action !== undefined && call.action !== action) || (since !== undefined && call.receivedAt < since)) return;
      // Its call was stored and printed already: the wait, heard late, would follow how it ended.
      if (printed.has(call)) return;
      // JSON names the serve always, so a reader need not count the serves running to know which.
      const line = values.json
        ? printable(JSON.stringify(waitingCallJson(call, limitMs, serve.baseUrl)))
        : waitingLine(call, limitMs) + (amongOthers ? printable(heldByMark(serve)) : '');
      io.stdout.write(`${line}\n`);
    },
    note: (line) => io.stderr.write(`${line}\n`),
  };
  // Made once: Ctrl-C ends the wait for the history as it ends the follow.
  const stop = values.follow ? waitForStopSignal(io.outputClosed) : null;
  if (stop) {
    const dir = dataDirOf(values['data-dir'], io);
    const found = historyFile(dir);
    // A folder that can never hold a history is refused by the open below, with serve's words.
    if (found.kind === 'absent' || found.kind === 'being-created') {
      io.stderr.write(`${noHistoryYet(dir)}\n${dataDirOrigin(values['data-dir'], io)}\n`);
      if (!(await historyAppears(dir, stop))) return 0;
    }
  }
  return withCore(
    'calls',
    values['data-dir'],
    io,
    async (api, session) => {
      // Read first: a call stored during the listing is then printed by the follow, not lost.
      const newestBefore = values.follow ? ((await api.listCalls({ limit: 1 })).calls[0]?.id ?? 0) : 0;
      const listed = await newestFirst(api, filter, limit);
      if (stop) {
        for (const call of listed.reverse()) await print(api, call, 'read-later');
        // On stderr: with --json, stdout stays one call a line.
        io.stderr.write(`${FOLLOWING}\n`);
        const afterId = Math.max(newestBefore, listed.at(-1)?.id ?? 0);
        const cleared = () => io.stderr.write(`${HISTORY_CLEARED}\n`);
        await Promise.all([
          followCalls(session, filter, afterId, { print: (call) => print(api, call, 'as-it-came'), cleared }, stop),
          ...(waitsMatch ? [followWaits(dataDirOf(values['data-dir'], io), waits, stop)] : []),
        ]);
        return 0;
      }
      for (const call of listed) await print(api, call, 'read-later');
      if (listed.length === 0 && !values.json) {
        const file = join((await api.getStatus()).dataDir, DATA_FILES.history);
        // An action with no calls at all, in a history that holds other actions' calls: most likely a
        // mistyped name (serve runs, calls come), so the names that do have calls are said instead.
        const withCalls = action === undefined ? [] : (await api.getStats({})).perAction;
        if (withCalls.length > 0 && !withCalls.some((counted) => counted.action === action)) {
          io.stderr.write(`No calls of action ${action} are stored in ${file}. ${actionsWithCallsWords(withCalls)}\n`);
          return 0;
        }
        const which = [
          action ? ` for action ${action}` : '',
          source ? ` from source ${source}` : '',
          verdict ? ` with verdict ${verdict}` : '',
          status ? ` answered ${status}` : '',
          values.since ? ` since ${values.since}` : '',
        ].join('');
        // How to store a call answers an empty history (or source), not a verdict, status or time nothing matched.
        const narrowed = verdict !== undefined || status !== undefined || since !== undefined;
        io.stderr.write(
          values.failed
            ? `None of the calls stored in ${file}${which} counts as a failure.\n`
            : `No calls stored in ${file}${which}.${narrowed ? '' : ` ${HOW_CALLS_ARE_STORED[source ?? 'any']}`}\n`,
        );
      }
      return 0;
    },
    { readOnly: true },
  );
}

/** How many actions with calls are named when an action has none: the rest are counted. */
const ACTIONS_NAMED = 10;

/** `Actions with calls: send_email (10,000), lookup_order (13). Check the action's name.`: most calls first. */
function actionsWithCallsWords(withCalls: readonly ActionCount[]): string {
  const named = withCalls.slice(0, ACTIONS_NAMED).map(({ action, count }) => `${action} (${countWords(count)})`);
  const more = withCalls.length - named.length;
  return `Actions with calls: ${named.join(', ')}${more > 0 ? `, and ${counted(more, 'other')}` : ''}. Check the action's name.`;
}

/** The newest `limit` calls of `filter`, newest first: paged, so a history of millions is never loaded at once. */
async function newestFirst(api: CompanionApi, filter: CallFilter, limit: number): Promise<CallSummary[]> {
  const calls: CallSummary[] = [];
  let beforeId: number | undefined;
  while (calls.length < limit) {
    const page = await api.listCalls({ ...filter, limit: Math.min(MAX_PAGE_SIZE, limit - calls.length), beforeId });
    calls.push(...page.calls);
    if (page.nextBeforeId === null) break;
    beforeId = page.nextBeforeId;
  }
  return calls;
}

/** `calls <id...>`: each call in full (see formatCallInFull), in the order given; 1 when one is not in the history. */
async function printCallsInFull(ids: number[], dataDir: string | undefined, json: boolean, io: CliIo): Promise<number> {
  return withCore(
    'calls',
    dataDir,
    io,
    async (api) => {
      let missing = false;
      let printed = 0;
      for (const id of ids) {
        const call = await api.getCall(id);
        if (call === null) {
          io.stderr.write(`flowent-companion calls: ${inCliWords({ code: 'call-not-found', id })}\n`);
          missing = true;
          continue;
        }
        const why = await readCallWhy(api, call, false, 'read-later');
        if (json) io.stdout.write(`${printable(JSON.stringify(callDetailJson(call, why.handler)))}\n`);
        else io.stdout.write([...(printed > 0 ? [''] : []), ...formatCallInFull(call, why)].map((line) => `${line}\n`).join(''));
        printed++;
      }
      return missing ? 1 : 0;
    },
    { readOnly: true },
  );
}
