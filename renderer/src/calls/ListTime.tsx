import { formatClock, formatDateTime, formatListTime, formatMilliseconds, isOnDay } from '../shared/format';

/**
 * A row's time cell. Today's clock keeps its milliseconds in a part of their own, which the
 * narrowest list leaves out (calls.css) so that the row's reasons keep their words; the title has
 * the whole date and time.
 */
export function ListTime({ ms, today }: { ms: number; today: number }) {
  return (
    <span className="col-time" title={formatDateTime(ms)}>
      {isOnDay(ms, today) ? (
        <>
          {formatClock(ms)}
          <span className="time-ms">{formatMilliseconds(ms)}</span>
        </>
      ) : (
        formatListTime(ms, today)
      )}
    </span>
  );
}
