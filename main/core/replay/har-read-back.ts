import type { HandlerSignature, MockChoice, SignatureReport } from '../../contract/api';
import { HANDLER_SIGNATURES } from '../../contract/api';
import type { StyleName } from '../../contract/names-and-limits';
import { styleNamed } from '../handler-check';
import type { CallsRepository } from '../store/calls-repository';
import type { NewCall } from '../store/calls-insert';
import { ACTION_NAME_PATTERN } from '../../contract/action-name';
import { checkFlowentBody } from '../protocol/call-body';
import { parseJson } from '../json/parse-json';

/**
 * What this app's export says of a call that its bytes alone do not, read back on import: which
 * call a replay replayed, the style the call was named by, the handler's verdict and the mock
 * that answered.
 */

/**
 * The report named by the style the file names the call by (`_style`), when its signature is
 * valid in that style here too. The export writes the name styleNamed gave the call when it was
 * stored: the style this companion signed it with, else the one its handler verifies with.
 * Checked again, a call whose text several styles write alike would be named by the first of
 * them, and a replay re-signed `go` would come back `python`.
 */
export function namedAsExported(report: SignatureReport, exportedStyle: unknown): SignatureReport {
  if (report.verdict !== 'valid' || typeof exportedStyle !== 'string' || exportedStyle === report.style) return report;
  const validIn = report.styles.filter((style) => style.matched).map((style) => style.style as StyleName);
  // The exported name goes first as the signer's would: the file does not say which of the two it was.
  const named = styleNamed(validIn, { signedWith: exportedStyle, handlerVerifies: [] });
  return named === report.style ? report : { ...report, style: named };
}

type Entry = Record<string, unknown>;
const isObject = (value: unknown): value is Entry => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The handler's verdict on the signature as this app's export wrote it: both fields, or neither. */
export function handlerChecks(entry: Entry): { handlerSignature: HandlerSignature | null; handlerTarget: string | null } {
  const verdict = entry._handlerSignature;
  const target = entry._handlerTarget;
  if (typeof target !== 'string' || !(HANDLER_SIGNATURES as readonly unknown[]).includes(verdict))
    return { handlerSignature: null, handlerTarget: null };
  return { handlerSignature: verdict as HandlerSignature, handlerTarget: target };
}

/** The mock choice as this app's export wrote it, checked field by field (the file may come from anywhere); null otherwise. */
export function readMockChoice(value: unknown): MockChoice | null {
  if (!isObject(value) || !isObject(value.response)) return null;
  const { mock, response } = value;
  if (mock !== 'action' && mock !== 'default' && mock !== 'none') return null;
  const name = typeof response.name === 'string' ? response.name : null;
  switch (response.kind) {
    case 'built-in':
      return { mock, response: { kind: 'built-in' } };
    case 'fallback':
    case 'only':
      return { mock, response: { kind: response.kind, name } };
    case 'response': {
      const { selection, index } = response;
      if (selection !== 'rules' && selection !== 'sequence' && selection !== 'random') return null;
      if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0) return null;
      return { mock, response: { kind: 'response', selection, index, name } };
    }
    default:
      return null;
  }
}

/** An id the export wrote (`_callId`, `_originalCallId`), or null when the entry has none. */
function exportedId(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null;
}

/**
 * Stores an import's calls a batch at a time, linking each replay to its original: the export
 * writes a replay's `_originalCallId` as the id the original had where it was exported, and the
 * original gets another id here. It is linked when the original was stored by this import
 * (earlier: the entries go in time order, and a replay comes after what it replayed) or was
 * already in the history (left out as a duplicate); else the replay is stored unlinked.
 */
export class LinkedInsert {
  /** The file's `_callId` → the id the call has in this history. */
  private readonly idHere = new Map<number, number>();
  private rows: NewCall[] = [];
  private fileIds: (number | null)[] = [];

  constructor(
    private readonly calls: Pick<CallsRepository, 'insert'>,
    private readonly stored: (ids: number[]) => void,
  ) {}

  /** The entry's call is in the history already, as `id`. */
  held(entry: Entry, id: number): void {
    const fileId = exportedId(entry._callId);
    if (fileId !== null) this.idHere.set(fileId, id);
  }

  /** The entry's call, to be stored with the next flush, linked to its original when that is here. */
  add(entry: Entry, call: NewCall): void {
    const originalFileId = exportedId(entry._originalCallId);
    // The original waits in this batch: stored first, it has its id to link to.
    if (originalFileId !== null && this.fileIds.includes(originalFileId)) this.flush();
    const original = originalFileId === null ? undefined : this.idHere.get(originalFileId);
    this.rows.push(original === undefined ? call : { ...call, originalCallId: original });
    this.fileIds.push(exportedId(entry._callId));
  }

  /** Stores the calls added since the last flush, in one transaction. */
  flush(): void {
    if (this.rows.length === 0) return;
    const ids = this.calls.insert(this.rows);
    this.fileIds.forEach((fileId, at) => {
      if (fileId !== null && ids[at] !== undefined) this.idHere.set(fileId, ids[at]);
    });
    this.rows = [];
    this.fileIds = [];
    this.stored(ids);
  }
}

/** What this app's export says refused the call before it was read as a Flowent call, if it was. */
export function refusalOf(entry: Entry): { problem: string; message: string | null } | null {
  if (entry._verdict !== 'not-flowent' || typeof entry._problem !== 'string') return null;
  return { problem: entry._problem, message: typeof entry._problemMessage === 'string' ? entry._problemMessage : null };
}

/**
 * How this app's export says the call was read, when it says so (`_action` and `_problem` are
 * both there): the action it was listed under, the body's name as written, and why it was
 * refused or what went wrong, kept as stored. The body alone does not say it all: a body naming
 * another action than its URL is listed under the URL's, and a problem met while answering (a
 * mock that failed) is not in the body. An older export has no `_sentAction`: it is found in the
 * body as the webhook finds it. Null for another tool's HAR, read from its body as before.
 */
export function storedReading(
  entry: Entry,
  body: Buffer,
  pathAction: string | null,
): Pick<NewCall, 'action' | 'sentAction' | 'problem' | 'problemMessage'> | null {
  if (!('_action' in entry) || !('_problem' in entry)) return null;
  const action = typeof entry._action === 'string' && ACTION_NAME_PATTERN.test(entry._action) ? entry._action : null;
  const problem = typeof entry._problem === 'string' && entry._problem !== '' ? entry._problem : null;
  const problemMessage = problem !== null && typeof entry._problemMessage === 'string' ? entry._problemMessage : null;
  const sentAction =
    typeof entry._sentAction === 'string'
      ? entry._sentAction
      : '_sentAction' in entry || !NAMED_OTHERWISE.has(problem ?? '')
        ? null
        : sentActionIn(body, pathAction);
  return { action, sentAction, problem, problemMessage };
}

/** The problems of a call not listed under its body's `action_name`: the only ones with a sentAction. */
const NAMED_OTHERWISE: ReadonlySet<string> = new Set(['action-mismatch', 'invalid-action-name']);

/** The body's `action_name` as written when a call to `pathAction` is not listed under it, as the webhook's check says it. */
export function sentActionIn(body: Buffer, pathAction: string | null): string | null {
  const parsed = parseJson(body);
  if (!parsed.ok) return null;
  const checked = checkFlowentBody(parsed.root, pathAction);
  return checked.ok ? null : checked.sentAction;
}
