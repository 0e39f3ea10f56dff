import type { AnsweredBy, CallSource, CoreHarImportStage, HeaderPair, ReplayFailure, Result, Violation } from '../../contract/api';
import { ANSWERED_BY, NO_ANSWER_CAUSES } from '../../contract/api';
import { ACTION_NAME_PATTERN } from '../../contract/action-name';
import { readJson } from '../../contract/json-syntax';
import { routeOf } from '../protocol/routes';
import { checkAnswer } from '../protocol/answer-check';
import { notFlowent, verify } from '../signature';
import type { CallsRepository } from '../store/calls-repository';
import type { NewCall } from '../store/calls-insert';
import { isCallsJson } from './har-calls-json';
import { handlerChecks, LinkedInsert, namedAsExported, readMockChoice, refusalOf, sentActionIn, storedReading } from './har-read-back';

export interface ImportProblem {
  /** Where in the file, e.g. `log.entries[3].request.headers`. */
  path: string;
  message: string;
}

export interface ImportSummary {
  imported: number;
  /** Entries that are not a POST with a body (page loads, GETs...), skipped on purpose. */
  skipped: number;
  /** POSTs in another tool's file that are no Flowent call (a page's own API calls), skipped on purpose. */
  notFlowent: number;
  /**
   * Entries left out because the history already held them when the import began (the same
   * file imported again): a call received at the same millisecond, with the same method, path
   * and body. Two such entries in one file are both imported, as they were two calls.
   */
  duplicates: number;
  /** Entries that are broken, skipped with what is wrong and where. */
  problems: ImportProblem[];
  /** Ids of the new calls, in the order they were stored: the entries' time order (see storeOrder). */
  ids: number[];
}

/** Sources an imported call keeps when the file names them (this app's exports do): they are not Flowent's traffic either. */
const KEPT_SOURCES: readonly CallSource[] = ['replay', 'simulator'];

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

export interface ImportOptions {
  /** Told `reading` before the file is parsed, then `entries` after each slice. */
  onProgress?: (stage: CoreHarImportStage) => void;
  /**
   * How long the event loop stays free after `reading` is told, before the parse holds it (for
   * seconds, with a big file): long enough for a batched receiver to be sent the stage.
   */
  readingToldMs?: number;
  /** Longest stretch of entries read and checked before the event loop gets a turn. */
  sliceMs?: number;
}

/** A call arriving during an import waits at most about this long (plus one slice's insert). */
const SLICE_MS = 20;

/**
 * Reads a HAR file (from this app, a browser or another tool) into the history. Signatures are
 * checked again with the current key, so verdicts are right for this machine; entries that
 * are not POSTs with a body are counted and skipped. A file that is not a HAR at all is an
 * error that says what is wrong and where.
 *
 * A 50 MB file is tens of thousands of entries, each verified in every signing style: they are
 * read in slices of about 20 ms, each stored in one transaction, with a turn of the event loop
 * between slices, so calls arriving meanwhile are answered and the import's progress is told.
 */
export async function importHar(
  text: string,
  calls: CallsRepository,
  key: string | null,
  options: ImportOptions = {},
): Promise<Result<ImportSummary, ReplayFailure>> {
  if (text.replace(/^\uFEFF/, '').trim() === '') return { ok: false, code: 'har-empty' };
  if (options.onProgress) {
    options.onProgress({ stage: 'reading' });
    await new Promise((resolve) => setTimeout(resolve, options.readingToldMs ?? 0));
  }
  const read = readHarEntries(text);
  if (!read.ok) return read;
  const entries = read.value;

  const summary: ImportSummary = { imported: 0, skipped: 0, notFlowent: 0, duplicates: 0, problems: [], ids: [] };
  // The history as it was: the entries this import stores are not what it compares with.
  const heldUpTo = calls.lastCallId();
  const sliceMs = options.sliceMs ?? SLICE_MS;
  const order = storeOrder(entries);
  const insert = new LinkedInsert(calls, (ids) => summary.ids.push(...ids));
  let index = 0;
  do {
    const started = performance.now();
    for (; index < entries.length && performance.now() - started < sliceMs; index++) {
      const at = order[index]!;
      const parsed = toNewCall(entries[at], `log.entries[${at}]`, key);
      if (parsed.kind === 'skip') summary.skipped++;
      else if (parsed.kind === 'not-flowent') summary.notFlowent++;
      else if (parsed.kind === 'problem') summary.problems.push(parsed.problem);
      else {
        const held = calls.sameCallId(parsed.call, heldUpTo);
        if (held === null) insert.add(parsed.entry, parsed.call);
        else {
          summary.duplicates++;
          insert.held(parsed.entry, held);
        }
      }
    }
    insert.flush();
    options.onProgress?.({
      stage: 'entries',
      done: index,
      total: entries.length,
      imported: summary.ids.length,
      skipped: summary.skipped,
      notFlowent: summary.notFlowent,
      broken: summary.problems.length,
      duplicates: summary.duplicates,
    });
    if (index < entries.length) await new Promise((resolve) => setImmediate(resolve));
  } while (index < entries.length);
  summary.imported = summary.ids.length;
  // Told in the file's order, as a person reads the file to fix it.
  summary.problems.sort((a, b) => entryIndexOf(a.path) - entryIndexOf(b.path));
  return { ok: true, value: summary };
}

/**
 * A HAR file's entries, or why it has none to import: empty, not JSON, not a HAR, or a HAR whose
 * entry list is empty. The command checks a file with it before it opens (and so creates) a
 * history; the page's import is refused by the same check in the core.
 */
export function readHarEntries(text: string): Result<unknown[], ReplayFailure> {
  const json = text.replace(/^\uFEFF/, '');
  if (json.trim() === '') return { ok: false, code: 'har-empty' };
  const read = readJson(json);
  // The companion's own `calls --json` output: not JSON as a whole, or a single call with no `log`.
  if ((!read.ok || (isObject(read.value) && !('log' in read.value))) && isCallsJson(json)) return { ok: false, code: 'calls-json-not-har' };
  if (!read.ok) return { ok: false, code: 'har-not-json', reason: read.problem.reason };
  const doc = read.value;
  if (!isObject(doc) || !isObject(doc.log)) return { ok: false, code: 'not-har', missing: 'log' };
  const entries = doc.log.entries;
  if (!Array.isArray(entries)) return { ok: false, code: 'not-har', missing: 'entries' };
  if (entries.length === 0) return { ok: false, code: 'har-no-entries' };
  return { ok: true, value: entries };
}

/** When an entry says it started, in ms since the epoch; NaN when it does not say so readably. */
function startedAtOf(entry: unknown): number {
  return isObject(entry) && typeof entry.startedDateTime === 'string' ? Date.parse(entry.startedDateTime) : NaN;
}

/**
 * The order to store a file's entries in: by the time each started, oldest first, so the
 * imported block reads in time order in the list (newest first by id). Browsers and other tools
 * write entries in the order requests finished, or any order. Entries of equal times keep the
 * file's order; an entry without a readable time (skipped as broken) keeps its place, and the
 * timed ones are sorted around it.
 */
export function storeOrder(entries: readonly unknown[]): number[] {
  const times = entries.map(startedAtOf);
  const timed = times.flatMap((time, at) => (Number.isFinite(time) ? [at] : []));
  // Array.prototype.sort is stable: equal times stay in file order.
  const sorted = [...timed].sort((a, b) => times[a]! - times[b]!);
  const order = times.map((_, at) => at);
  timed.forEach((slot, n) => (order[slot] = sorted[n]!));
  return order;
}

/** The entry's index in a problem's path (`log.entries[3].request`). */
function entryIndexOf(path: string): number {
  return Number(/^log\.entries\[(\d+)\]/.exec(path)?.[1] ?? 0);
}

/** What a JSON value is, in words: "a number", "an array", "null". */
function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

type Parsed =
  { kind: 'call'; entry: Json; call: NewCall } | { kind: 'skip' } | { kind: 'not-flowent' } | { kind: 'problem'; problem: ImportProblem };

function toNewCall(entry: unknown, path: string, key: string | null): Parsed {
  const problem = (where: string, message: string): Parsed => ({ kind: 'problem', problem: { path: `${path}${where}`, message } });
  if (!isObject(entry)) return problem('', 'is not an object.');
  const request = entry.request;
  if (!isObject(request)) return problem('.request', 'is missing or not an object.');
  if (typeof request.method !== 'string') return problem('.request.method', 'is missing or not a string.');
  const postData = request.postData;
  // A POST whose body is there but is no text is broken, not a page load to skip.
  if (request.method.toUpperCase() === 'POST' && postData !== undefined) {
    if (!isObject(postData)) return problem('.request.postData', `is ${jsonKind(postData)}, not an object with the body as text.`);
    if (postData.text !== undefined && typeof postData.text !== 'string')
      return problem('.request.postData.text', `is ${jsonKind(postData.text)}, not the body as a string.`);
  }
  const bodyText = isObject(postData) && typeof postData.text === 'string' ? postData.text : '';
  const refusal = refusalOf(entry);
  const isPost = request.method.toUpperCase() === 'POST';
  // A form's fields (`params`, no text) are a body too, though never a Flowent call's (JSON).
  if (!refusal && isPost && bodyText === '' && isObject(postData) && Array.isArray(postData.params) && postData.params.length > 0)
    return { kind: 'not-flowent' };
  if (!refusal && (!isPost || bodyText === '')) return { kind: 'skip' };
  if (typeof request.url !== 'string') return problem('.request.url', 'is missing or not a string.');
  const url = urlOf(request.url);
  if (!url) return problem('.request.url', `is not a URL nor a path (/actions/<name>): ${JSON.stringify(request.url)}.`);
  // A file written by hand may leave the headers out: a call with none, as the path-only URL's.
  const requestHeaders = request.headers === undefined ? [] : readHeaders(request.headers);
  if (!requestHeaders) return problem('.request.headers', 'is not a list of {name, value} objects.');
  const response = isObject(entry.response) ? entry.response : {};
  const responseHeaders = readHeaders(response.headers ?? []);
  if (!responseHeaders) return problem('.response.headers', 'is not a list of {name, value} objects.');
  const content = isObject(response.content) ? response.content : {};
  const requestBody =
    isObject(postData) && postData._encoding === 'base64' ? Buffer.from(bodyText, 'base64') : Buffer.from(bodyText, 'utf8');
  const responseText = typeof content.text === 'string' ? content.text : '';
  const responseBody = content.encoding === 'base64' ? Buffer.from(responseText, 'base64') : Buffer.from(responseText, 'utf8');
  const status = typeof response.status === 'number' && Number.isInteger(response.status) && response.status >= 0 ? response.status : 0;
  // The time is the call's identity on a re-import (holdsSame) and its signature's check: an
  // entry without one would be stored anew, at the time of each import.
  const receivedAt = startedAtOf(entry);
  if (!Number.isFinite(receivedAt))
    return problem('.startedDateTime', 'is missing or not a date and time (ISO 8601): when the call was received is not known.');
  const durationMs = typeof entry.time === 'number' && entry.time >= 0 ? entry.time : 0;

  const pathAndQuery = typeof entry._path === 'string' ? entry._path : `${url.pathname}${url.search}`;
  const body = flowentFields(requestBody);
  const route = routeOf('POST', pathAndQuery);
  // Another tool's file (a browser's) holds the page's own POSTs too: neither naming an action
  // nor sent to /actions/<name>, they are no Flowent call. This app's export keeps every call.
  const toAction = route.kind === 'bad-path-action' || (route.kind === 'flowent' && route.pathAction !== null);
  if (!refusal && !fromThisApp(entry) && !body.named && !toAction) return { kind: 'not-flowent' };
  const action = body.action ?? (route.kind === 'flowent' ? route.pathAction : null);
  // A call read from a file did not come from Flowent to this companion: it is marked as imported
  // (and so never counted as Flowent's failure), unless the file says it was a replay or simulated.
  const source =
    typeof entry._source === 'string' && (KEPT_SOURCES as readonly string[]).includes(entry._source)
      ? (entry._source as CallSource)
      : 'import';
  const answeredBy =
    typeof entry._answeredBy === 'string' && (ANSWERED_BY as readonly string[]).includes(entry._answeredBy)
      ? (entry._answeredBy as AnsweredBy)
      : 'forward';
  const violations =
    readViolations(entry._violations) ??
    (status > 0
      ? checkAnswer({
          who: 'your handler',
          status,
          body: responseBody,
          fullSize: responseBody.length,
          durationMs,
          registrationCheck: body.test,
        })
      : null);
  // Refused before it was read as a Flowent call: its bytes were never a Flowent body, and
  // checking them again as one would give it another verdict.
  const read: Pick<NewCall, 'method' | 'action' | 'sentAction' | 'test' | 'problem' | 'problemMessage' | 'signature'> = refusal
    ? {
        method: request.method,
        action: null,
        sentAction: null,
        test: false,
        problem: refusal.problem,
        problemMessage: refusal.message,
        signature: notFlowent(refusal.message ?? ''),
      }
    : {
        method: 'POST',
        test: body.test,
        signature: namedAsExported(verify(requestBody, key, { receivedAt }), entry._style),
        ...(storedReading(entry, requestBody, route.kind === 'flowent' ? route.pathAction : null) ?? {
          action,
          // Listed under the body's name when it is a valid one; else its name is said as written.
          sentAction: body.action === null ? sentActionIn(requestBody, null) : null,
          problem: body.action === null && action === null ? 'not-flowent' : null,
          problemMessage: null,
        }),
      };
  const call: NewCall = {
    ...read,
    receivedAt,
    path: pathAndQuery,
    remoteAddress: typeof entry._remoteAddress === 'string' ? entry._remoteAddress : null,
    // Only this app's export says so: another tool's X-Forwarded-For stays the caller's own say.
    viaTunnel: entry._viaTunnel === true,
    requestHeaders,
    requestBody,
    bodySize: bodySize(request.bodySize, requestBody),
    answeredBy,
    response: { status, headers: responseHeaders, body: responseBody },
    durationMs,
    source,
    // Whatever it was there, a call read from a file was not received or sent here.
    imported: true,
    // Only a call this companion sent can have been spoiled on purpose: a replay or a simulated call.
    spoiledSignature: entry._spoiledSignature === true && source !== 'import',
    // Linked to its original's id here, once that is known (LinkedInsert).
    originalCallId: null,
    mockChoice: readMockChoice(entry._mockChoice),
    checks: {
      violations,
      forwardTarget: typeof entry._forwardTarget === 'string' ? entry._forwardTarget : null,
      forwardError: typeof entry._forwardError === 'string' ? entry._forwardError : null,
      registrationWouldPass: typeof entry._registrationWouldPass === 'boolean' ? entry._registrationWouldPass : null,
      ...handlerChecks(entry),
    },
    // Only a call a companion sent went through a webhook or not: an imported one's file is no sender's word.
    sentRoute: {
      throughWebhook: typeof entry._throughWebhook === 'boolean' && source !== 'import' ? entry._throughWebhook : null,
      webhookForwardedTo: typeof entry._webhookForwardedTo === 'string' && source !== 'import' ? entry._webhookForwardedTo : null,
    },
  };
  return { kind: 'call', entry, call };
}

/** The body's size as the file gives it: more than the bytes it carries when only the first ones were kept. */
function bodySize(given: unknown, body: Buffer): number {
  return typeof given === 'number' && Number.isSafeInteger(given) && given > body.length ? given : body.length;
}

/**
 * The entry's URL: a whole one, as tools write, or only its path (`/actions/get_weather`), as a
 * file written by hand may: the path and query are what a call keeps of it.
 */
function urlOf(text: string): URL | null {
  try {
    return text.startsWith('/') && !text.startsWith('//') ? new URL(text, 'http://path.only') : new URL(text);
  } catch {
    return null;
  }
}

function readHeaders(value: unknown): HeaderPair[] | null {
  if (!Array.isArray(value)) return null;
  const pairs: HeaderPair[] = [];
  for (const item of value) {
    if (!isObject(item) || typeof item.name !== 'string' || typeof item.value !== 'string') return null;
    pairs.push([item.name, item.value]);
  }
  return pairs;
}

function readViolations(value: unknown): Violation[] | null {
  if (!Array.isArray(value)) return null;
  const list = value.filter((v): v is Violation => isObject(v) && typeof v.code === 'string' && typeof v.message === 'string');
  return list.map(({ code, message, cause }) =>
    cause !== undefined && (NO_ANSWER_CAUSES as readonly unknown[]).includes(cause) ? { code, message, cause } : { code, message },
  );
}

/** Whether the entry comes from this app's export, which writes every call's source. */
function fromThisApp(entry: Json): boolean {
  return typeof entry._source === 'string';
}

/** The body's action (when a valid name), whether it names one at all, and whether it is a registration check. */
function flowentFields(body: Buffer): { action: string | null; named: boolean; test: boolean } {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as unknown;
    if (!isObject(parsed)) return { action: null, named: false, test: false };
    const action = typeof parsed.action_name === 'string' && ACTION_NAME_PATTERN.test(parsed.action_name) ? parsed.action_name : null;
    return { action, named: 'action_name' in parsed, test: parsed.test === true };
  } catch {
    return { action: null, named: false, test: false };
  }
}
