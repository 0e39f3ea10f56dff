import type { HistoryLimits } from '../contract/api';
import { FLOWENT_BODY_LIMIT_BYTES } from '../contract/names-and-limits';
import { counted } from '../contract/words';

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
  const kept = [
    limits.keepCalls === null ? null : counted(limits.keepCalls, 'call'),
    limits.keepDays === null ? null : counted(limits.keepDays, 'day'),
    limits.keepBytes === null ? null : sizeWords(limits.keepBytes),
  ].filter((part): part is string => part !== null);
  const rate = limits.rateLimitPerSecond === null ? null : `${counted(limits.rateLimitPerSecond, 'request')} a second per caller`;
  if (kept.length === 0 && rate === null) return '  Limits:       none: keeps every call, answers every caller';
  const keeps = kept.length === 0 ? 'keeps every call' : `keeps at most ${kept.join(', ')}`;
  return `  Limits:       ${keeps}${rate === null ? '' : `; ${rate}`}`;
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
