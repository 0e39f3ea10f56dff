import * as z from 'zod';

/**
 * A method's argument list: a tuple schema whose items carry the parameters' names, so a check
 * that fails can say which parameter is wrong, and the contract's signature is derived from it.
 */
export type ArgumentList = z.ZodTuple<readonly z.ZodType[], null>;

type NamedArgument = readonly [name: string, schema: z.ZodType];

type SchemasOf<T extends readonly NamedArgument[]> = { -readonly [K in keyof T]: T[K][1] };

const ARGUMENT_NAMES = new WeakMap<z.ZodType, readonly string[]>();

/** The argument list of a method: each parameter's name and schema, in order. */
export function argumentList<const T extends readonly NamedArgument[]>(...named: T): z.ZodTuple<SchemasOf<T>, null> {
  // zod types a tuple from a literal list of items; the mapped type above is that same list.
  const list = z.tuple(named.map(([, schema]) => schema) as []) as unknown as z.ZodTuple<SchemasOf<T>, null>;
  ARGUMENT_NAMES.set(
    list,
    named.map(([name]) => name),
  );
  return list;
}

/** The parameter names of an argument list, in order. */
export function argumentNames(list: ArgumentList): readonly string[] {
  return ARGUMENT_NAMES.get(list) ?? [];
}

/** The parameter types of each method of a feature, as its argument lists check them. */
export type ArgumentsOf<Lists extends Record<string, ArgumentList>> = { [M in keyof Lists]: z.output<Lists[M]> };
