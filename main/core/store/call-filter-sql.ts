import type { CallFilter } from '../../contract/api';

export interface SqlWhere {
  clause: string;
  params: Record<string, string | number>;
}

/** Calls that count as failures in the header counts: refused, errored or badly signed. */
export const FAILURE_CONDITION = `(response_status >= 400 OR verdict IN ('invalid', 'missing', 'malformed', 'not-flowent'))`;

const STATUS_CLASS_BOUNDS = { '2xx': 200, '3xx': 300, '4xx': 400, '5xx': 500 } as const;

/** Turns a filter into a WHERE clause with named parameters; never interpolates user input. */
export function filterToSql(filter: CallFilter): SqlWhere {
  const conditions: string[] = [];
  const params: Record<string, string | number> = {};
  if (filter.action !== undefined) {
    conditions.push('action = @action');
    params.action = filter.action;
  }
  if (filter.verdict !== undefined) {
    conditions.push('verdict = @verdict');
    params.verdict = filter.verdict;
  }
  if (filter.statusClass !== undefined) {
    conditions.push('response_status >= @statusLow AND response_status < @statusHigh');
    params.statusLow = STATUS_CLASS_BOUNDS[filter.statusClass];
    params.statusHigh = STATUS_CLASS_BOUNDS[filter.statusClass] + 100;
  }
  if (filter.test !== undefined) {
    conditions.push('is_test = @test');
    params.test = filter.test ? 1 : 0;
  }
  if (filter.since !== undefined) {
    conditions.push('received_at >= @since');
    params.since = filter.since;
  }
  if (filter.until !== undefined) {
    conditions.push('received_at <= @until');
    params.until = filter.until;
  }
  if (filter.text !== undefined && filter.text !== '') {
    // instr() on the body as text: a plain substring search, so `%` and `_` typed by the
    // user mean themselves (LIKE would treat them as wildcards).
    conditions.push('instr(CAST(request_body AS TEXT), @text) > 0');
    params.text = filter.text;
  }
  return { clause: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}
