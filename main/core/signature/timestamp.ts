/**
 * How fresh a call is: the body's timestamp read against the time it arrived, and the remark on
 * a timestamp outside Flowent's window. The remark is derived from the report's own timestamp,
 * so a stored report is reworded from it when read (see stored-report.ts).
 */
import { CLOCK_SKEW_SECONDS, TIMESTAMP_WINDOW_SECONDS } from '../../contract/names-and-limits';
import type { Diagnosis, SignatureReport, TimestampFlag } from '../../contract/api';
import { isTimestampRemark } from '../../contract/words/verdict-words';
import { timestampFutureMessage, timestampOldMessage } from '../../contract/words/timestamp-words';
import type { JsonObject } from '../json/json-node';
import { lastMember } from '../json/json-values';
import { isIntegerLiteral } from './numbers';

type Timestamp = SignatureReport['timestamp'];

export function readTimestamp(root: JsonObject | null, receivedAt: number): Timestamp {
  const node = root === null ? undefined : lastMember(root, 'timestamp');
  if (node?.kind !== 'number' || !isIntegerLiteral(node.literal)) return { value: null, ageSeconds: null, flag: 'missing' };
  const value = Number(node.literal);
  if (!Number.isSafeInteger(value)) return { value: null, ageSeconds: null, flag: 'missing' };
  const ageSeconds = Math.floor(receivedAt / 1000) - value;
  const flag: TimestampFlag = ageSeconds > TIMESTAMP_WINDOW_SECONDS ? 'old' : ageSeconds < -CLOCK_SKEW_SECONDS ? 'future' : 'ok';
  return { value, ageSeconds, flag };
}

export function timestampDiagnosis(ts: Timestamp): Diagnosis[] {
  if (ts.flag === 'old') {
    return [
      {
        code: 'timestamp-old',
        message: timestampOldMessage(ts.ageSeconds ?? 0),
        hint: "If this call is a replay, an old timestamp is expected; otherwise check this machine's clock (enable network time sync).",
      },
    ];
  }
  if (ts.flag === 'future') {
    return [
      {
        code: 'timestamp-future',
        message: timestampFutureMessage(-(ts.ageSeconds ?? 0)),
        hint: "Check this machine's clock (enable network time sync).",
      },
    ];
  }
  return [];
}

/**
 * A stored report's diagnoses with its timestamp remark said as this build says it: reports
 * stored by earlier builds counted the age in raw seconds ("2592000 s old, past the 300 s replay
 * window"), and one call must read one way in the page and the command line.
 */
export function withCurrentTimestampRemark(diagnosis: Diagnosis[], ts: Timestamp): Diagnosis[] {
  if (!diagnosis.some(isTimestampRemark)) return diagnosis;
  return [...diagnosis.filter((d) => !isTimestampRemark(d)), ...timestampDiagnosis(ts)];
}
