import type { CallFilter } from '../../main/contract/api';

/**
 * The values to try for each of the contract's filters. A mapped type over `CallFilter`, so a
 * filter added to the contract does not compile here until it has values: the matrix cannot
 * miss one.
 */
export type MatrixValues = { readonly [K in keyof Required<CallFilter>]: readonly NonNullable<CallFilter[K]>[] };

export interface MatrixCase {
  label: string;
  filter: CallFilter;
}

/** How a value reads in a case's label; strings quoted, times as ISO unless told otherwise. */
export type ValueNames = Partial<Record<keyof CallFilter, (value: never) => string>>;

/**
 * Every query the inspector's filter bar can make, as far as their shapes go: no filter, each
 * filter alone with each of its values, and each pair of filters with each pair of their
 * values (`since` with `until` is the custom range). The search box combines with any of them.
 */
export function filterMatrix(values: MatrixValues, names: ValueNames = {}): MatrixCase[] {
  const describeValue = (key: keyof CallFilter, value: unknown) => {
    const named = names[key] as ((value: unknown) => string) | undefined;
    if (named) return `${key}=${named(value)}`;
    if (typeof value === 'string') return `${key}=${JSON.stringify(value)}`;
    return `${key}=${typeof value === 'number' ? new Date(value).toISOString() : String(value)}`;
  };
  const keys = Object.keys(values) as (keyof CallFilter)[];
  const cases: MatrixCase[] = [{ label: 'no filter', filter: {} }];
  for (const key of keys) {
    for (const value of values[key]) cases.push({ label: describeValue(key, value), filter: { [key]: value } });
  }
  keys.forEach((first, at) => {
    for (const second of keys.slice(at + 1)) {
      for (const a of values[first]) {
        for (const b of values[second]) {
          cases.push({ label: `${describeValue(first, a)} & ${describeValue(second, b)}`, filter: { [first]: a, [second]: b } });
        }
      }
    }
  });
  return cases;
}
