/**
 * An expected failure: a stable code and the parameters that say what went wrong (an id, a
 * port, Flowent's HTTP status), never a sentence. Each feature declares its failures as a
 * union of these; each front end words them through main/contract/words.
 */
export interface Failure {
  code: string;
}

/** A refusal: `ok: false` beside the failure's code and parameters. */
export type Refused<F extends Failure> = { ok: false } & F;

/**
 * Expected failures are values, never exceptions. `F` is the union of failures the method's
 * feature declares, so the compiler knows every code a method can return.
 */
export type Result<T, F extends Failure> = { ok: true; value: T } | Refused<F>;

/** The failure a refusal carries, without `ok`: to keep in a record or send in an event. */
export function failureOf<F extends Failure>(refused: Refused<F>): F {
  const { ok: _refused, ...failure } = refused;
  return failure as unknown as F;
}
