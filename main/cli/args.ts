import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { FlagValue } from './command-shape';
import { parseArgsInCliWords } from './parse-args-words';

export class UsageError extends Error {}

/** What a command needs is not there (it may be next time): said as it is, and the command exits 1. */
export class NothingToWorkOn extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Strict flag parsing: an unknown flag, a missing value, or an empty file or folder name
 * (`--data-dir ""`, `--file "$UNSET"`) is a usage error, never ignored.
 */
export function parseFlags<T extends Options & Readonly<Record<string, { takes?: FlagValue }>>>(
  argv: string[],
  options: T,
  allowPositionals = false,
) {
  let parsed;
  try {
    parsed = parseArgs({ args: withNegativeNumbersJoined(argv, options), options, strict: true, allowPositionals });
  } catch (error) {
    throw new UsageError(parseArgsInCliWords(error));
  }
  refuseEmptyPaths(parsed.values, options);
  return parsed;
}

/**
 * An empty file or folder name is the sign of a variable that is not set: taken as it is, it
 * named no file ("cannot read : there is no such file"), or, for --data-dir, the default
 * folder, the app's own history, as though the flag were not given.
 */
function refuseEmptyPaths(values: Record<string, unknown>, options: Readonly<Record<string, { takes?: FlagValue }>>): void {
  for (const [name, spec] of Object.entries(options)) {
    if (spec.takes !== 'file' && spec.takes !== 'folder') continue;
    const value = values[name];
    if (value === '' || (Array.isArray(value) && value.includes(''))) {
      throw new UsageError(
        `--${name} is empty: name a ${spec.takes}${name === 'data-dir' ? ', or leave the flag out to use the default one' : ''}.`,
      );
    }
  }
}

/**
 * `--port -1` as `--port=-1` (and `-p -1` as `-p-1`). Node's parseArgs takes a value that starts
 * with a dash for a forgotten value ("argument is ambiguous"); but no option is named like a
 * number, so after an option that takes a value a negative number can only be that value. It
 * then gets the option's own words (a range, or a seed that may be negative), as `--port=-1` does.
 */
function withNegativeNumbersJoined(argv: string[], options: Options): string[] {
  const joined: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const next = argv[index + 1];
    if (arg === '--') return [...joined, ...argv.slice(index)];
    const option = next !== undefined && /^-\d/.test(next) ? optionTakingValue(arg, options) : null;
    if (option === null) {
      joined.push(arg);
      continue;
    }
    joined.push(option === 'long' ? `${arg}=${next}` : `${arg}${next}`);
    index++;
  }
  return joined;
}

/** Whether `arg` is an option that takes a value, written long (`--port`) or short (`-p`); null when it is not. */
function optionTakingValue(arg: string, options: Options): 'long' | 'short' | null {
  const long = /^--([^=]+)$/.exec(arg)?.[1];
  if (long !== undefined) return Object.hasOwn(options, long) && options[long]?.type === 'string' ? 'long' : null;
  const short = /^-([^-])$/.exec(arg)?.[1];
  const named = Object.values(options).some((option) => option.short === short && option.type === 'string');
  return short !== undefined && named ? 'short' : null;
}

export function parsePort(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new UsageError(`${flag} must be a whole number from 0 to 65535 (0 picks a free port), not "${value}".`);
  }
  return port;
}

/**
 * A whole number outside a flag's range, or not a whole number. It keeps the flag, the text and
 * the range, so that `parseLimit` can read a 0 as "no limit" and say that 0 is taken.
 */
class OutOfRange extends UsageError {
  constructor(
    readonly flag: string,
    readonly text: string,
    readonly min: number,
    readonly max: number,
    zeroMeans?: string,
  ) {
    super(`${flag} must be a whole number from ${min}${zeroMeans ? ` (${zeroMeans})` : ''} to ${max}, not "${text}".`);
  }
}

export function parsePositiveInteger(flag: string, value: string | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1 || number > max) throw new OutOfRange(flag, value, 1, max);
  return number;
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, k: 1024, mb: 1024 ** 2, m: 1024 ** 2, gb: 1024 ** 3, g: 1024 ** 3 };

/** Sizes like `1048576`, `512kb`, `2mb` or `1gb`. */
export function parseSize(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const match = /^(\d+)\s*([a-z]*)$/i.exec(value.trim());
  const unit = match ? SIZE_UNITS[(match[2] ?? '').toLowerCase()] : undefined;
  const refusal = `${flag} must be a size such as 1048576, 512kb or 2mb, not "${value}".`;
  if (!match || unit === undefined) throw new UsageError(refusal);
  // A 0 in any unit is below the range: parseLimit reads it as "no limit", as it reads 0.
  if (Number(match[1]) < 1) throw Object.assign(new OutOfRange(flag, '0', 1, Number.MAX_SAFE_INTEGER), { message: refusal });
  return Number(match[1]) * unit;
}

/**
 * A limit for `serve --keep-*` and `--rate-limit`: undefined when the flag is not given (the
 * stored setting applies), null for 0 or `off` (no limit for this run), else the value.
 *
 * A 0 is read in every spelling the flag's own parser reads (`0/s` for `--rate-limit`): the
 * parser refuses it as below its range, and that refusal is what says it was a 0. A number it
 * refuses otherwise is refused with the range that is really taken: from 0, not from 1.
 */
export function parseLimit(value: string | undefined, parse: (text: string) => number): number | null | undefined {
  if (value === undefined) return undefined;
  if (/^(0+|off)$/i.test(value)) return null;
  try {
    return parse(value);
  } catch (error) {
    if (!(error instanceof OutOfRange)) throw error;
    if (/^0+$/.test(error.text)) return null;
    throw new OutOfRange(error.flag, error.text, 0, error.max, 'no limit');
  }
}
