import { LIMIT_RANGES, type HistoryLimits, type KeptLimits, type LimitsElsewhere, type LimitsInfo } from '../contract/api';
import { parseLimit, parsePositiveInteger, parseSize, UsageError } from './args';
import { FLOWENT_BODY_LIMIT_BYTES } from '../contract/names-and-limits';
import { counted } from '../contract/words';
import { wrapWords } from './wrap-words';

const KB = 1024;
const MB = 1024 ** 2;
const GB = 1024 ** 3;

/**
 * The header's line on the limits in force, the flags' or else the stored settings':
 * `  Limits:       keeps at most 100,000 calls, 14 days, 1 GB; 5 requests a second per caller`.
 * Said even when none is set, in a few words: a serve whose history grows without end, or
 * that answers a flood in full, should not be a surprise found later. The rate is said in
 * requests a second whatever way it was given (`--rate-limit 5` is 5 a second).
 */
export function limitsLine(limits: HistoryLimits): string {
  const kept = keptWords(limits);
  const rate = limits.rateLimitPerSecond === null ? null : `${counted(limits.rateLimitPerSecond, 'request')} a second per caller`;
  if (kept.length === 0 && rate === null) return '  Limits:       none: keeps every call, answers every caller';
  const keeps = kept.length === 0 ? 'keeps every call' : `keeps at most ${kept.join(', ')}`;
  return `  Limits:       ${keeps}${rate === null ? '' : `; ${rate}`}`;
}

/** `100,000 calls`, `14 days`, `1 GB`: each limit set, as the Limits line says it. */
function keptWords(limits: Partial<KeptLimits>): string[] {
  return [
    limits.keepCalls == null ? null : counted(limits.keepCalls, 'call'),
    limits.keepDays == null ? null : counted(limits.keepDays, 'day'),
    limits.keepBytes == null ? null : sizeWords(limits.keepBytes),
  ].filter((part): part is string => part !== null);
}

const SHARED_LABEL = '  Shared:       ';
const UNDER_SHARED = ' '.repeat(SHARED_LABEL.length);

function companionWords({ mode, pid }: Pick<LimitsElsewhere, 'mode' | 'pid'>): string {
  return mode === 'desktop' ? `the desktop app (process ${pid})` : `the serve of process ${pid}`;
}

/**
 * The header's lines on the other companions running on this data folder with other history
 * limits: the history is one for all, and each deletes what its own limits want gone, so a
 * serve told `--keep-calls 100,000` keeps 10 while another runs with `--keep-calls 10`.
 */
export function sharedLimitsLines(elsewhere: LimitsElsewhere[]): string[] {
  return elsewhere.flatMap((other) => {
    const who = companionWords(other);
    const theirs = keptWords(other.stricter);
    const ours = keptWords(other.stricterHere);
    const said = [
      theirs.length > 0 ? `${who} also uses this history and keeps at most ${theirs.join(', ')}: that holds here too while it runs` : null,
      ours.length > 0
        ? `${theirs.length > 0 ? 'and' : `${who} also uses this history, and`} these limits (at most ${ours.join(', ')}) trim its calls too`
        : null,
    ].filter((part): part is string => part !== null);
    return wrapWords(`${SHARED_LABEL}${said.join('; ')}.`, UNDER_SHARED);
  });
}

/**
 * Says, while the serve runs, when another companion starts on the folder with other history
 * limits, or one that had them stops: the other's calls, or this serve's, are trimmed from then on.
 */
export function watchSharedLimits(
  first: LimitsElsewhere[],
  read: () => Promise<LimitsInfo>,
  write: (line: string) => void,
  intervalMs = 2_000,
): () => void {
  const said = (elsewhere: LimitsElsewhere[]) => new Map(elsewhere.map((other) => [other.pid, JSON.stringify(other)]));
  let before = said(first);
  let reading = false;
  const look = async () => {
    if (reading) return;
    reading = true;
    try {
      const { elsewhere } = await read();
      const now = said(elsewhere);
      for (const pid of before.keys()) {
        if (!now.has(pid))
          write(`${SHARED_LABEL}process ${pid} stopped: its limits no longer hold for this history, nor these for its calls.`);
      }
      for (const other of elsewhere) if (before.get(other.pid) !== now.get(other.pid)) sharedLimitsLines([other]).forEach(write);
      before = now;
    } catch {
      // The core is stopping: the serve ends, and this with it.
    } finally {
      reading = false;
    }
  };
  const timer = setInterval(() => void look(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * The header's line on the largest body a call may have (`--body-limit`): a call over it gets
 * 413 and is stored cut, which should not be a surprise found later.
 */
export function bodyLimitLine(bytes: number): string {
  const flowent = bytes === FLOWENT_BODY_LIMIT_BYTES ? ", Flowent's own limit" : '';
  return `  Body limit:   ${sizeWords(bytes)} a call${flowent} (a larger body gets 413; --body-limit changes it)`;
}

/** A size as `--keep-size` takes it, in the largest unit that says it whole: 1 GB, 500 MB, 512 KB, else bytes or MB to a tenth. */
export function sizeWords(bytes: number): string {
  if (bytes % GB === 0) return `${(bytes / GB).toLocaleString('en-US')} GB`;
  if (bytes % MB === 0) return `${(bytes / MB).toLocaleString('en-US')} MB`;
  if (bytes < MB && bytes % KB === 0) return `${bytes / KB} KB`;
  if (bytes < MB) return `${bytes.toLocaleString('en-US')} bytes`;
  return `${(bytes / MB).toFixed(1)} MB`;
}

/** The limits given on the command line; the others come from the stored settings. */
export function limitsForThisRun(
  values: Partial<Record<'keep-calls' | 'keep-days' | 'keep-size' | 'rate-limit', string>>,
): Partial<HistoryLimits> {
  const limits: Partial<HistoryLimits> = {};
  const keepCalls = parseLimit(values['keep-calls'], (text) => parsePositiveInteger('--keep-calls', text, 0, LIMIT_RANGES.keepCalls.max));
  const keepDays = parseLimit(values['keep-days'], (text) => parsePositiveInteger('--keep-days', text, 0, LIMIT_RANGES.keepDays.max));
  const keepBytes = parseLimit(values['keep-size'], (text) => {
    const bytes = parseSize('--keep-size', text, 0);
    if (bytes < LIMIT_RANGES.keepBytes.min) throw new UsageError(`--keep-size must be at least 1mb (or 0 for no limit), not "${text}".`);
    return bytes;
  });
  const rate = parseLimit(values['rate-limit'], (text) => {
    const perSecond = /^(\d+)(?:\/s)?$/.exec(text)?.[1];
    if (perSecond === undefined)
      throw new UsageError(`--rate-limit must be requests a second such as 20/s (or 0 for no limit), not "${text}".`);
    return parsePositiveInteger('--rate-limit', perSecond, 0, LIMIT_RANGES.rateLimitPerSecond.max);
  });
  if (keepCalls !== undefined) limits.keepCalls = keepCalls;
  if (keepDays !== undefined) limits.keepDays = keepDays;
  if (keepBytes !== undefined) limits.keepBytes = keepBytes;
  if (rate !== undefined) limits.rateLimitPerSecond = rate;
  return limits;
}
