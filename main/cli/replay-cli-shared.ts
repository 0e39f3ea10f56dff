import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isActionName, type ApiFailure } from '../contract/api';
import { checkTargetUrl, readParameters, SIGNING_STYLES } from '../core';
import { UsageError } from './args';
import { credentialsSentWords, fileProblemInWords, noHandlerTodo } from '../contract/words';
import { inCliWords } from './cli-words';
import { isStyleName } from '../contract/names-and-limits';

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `--since`: an ISO 8601 time, or a span back from now such as 30m, 1h, 2d. */
export function parseSince(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const span = /^(\d+)([smhd])$/.exec(value.trim());
  if (span) return now - Number(span[1]) * (UNITS[span[2]!] ?? 0);
  const time = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : NaN;
  if (!Number.isFinite(time))
    throw new UsageError(`--since must be an ISO 8601 time (2026-01-31T12:00:00Z) or a span such as 30m, 1h or 2d, not "${value}".`);
  return time;
}

export function parseAction(value: string | undefined, flag = '--action'): string | undefined {
  if (value !== undefined && !isActionName(value))
    throw new UsageError(`${flag}: ${inCliWords({ code: 'invalid-action', action: value })}`);
  return value;
}

export function parseStyle(value: string | undefined): string | undefined {
  if (value !== undefined && !isStyleName(value)) {
    throw new UsageError(`--style must be one of ${SIGNING_STYLES.map((s) => s.name).join(', ')}; not "${value}".`);
  }
  return value;
}

export function parseTargetUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const problem = checkTargetUrl(value);
  if (problem) throw new UsageError(`--target: ${inCliWords(problem)}`);
  return value;
}

/** Call ids given on the command line: whole numbers from 1. */
export function parseIds(positionals: string[]): number[] {
  return positionals.map((text) => {
    const id = Number(text.replace(/^#/, ''));
    if (!/^#?\d+$/.test(text) || id < 1)
      throw new UsageError(`"${text}" is not a call id (a whole number, as "flowent-companion calls" prints them).`);
    return id;
  });
}

/** The text given inline or the bytes of @file, and how to name where it came from. */
function argumentInput(flag: string, value: string): { input: string | Buffer; where: string } {
  if (!value.startsWith('@')) return { input: value, where: flag };
  const file = value.slice(1);
  try {
    return { input: readFileSync(file), where: `${flag} ${file}` };
  } catch (error) {
    throw new UsageError(`${flag}: ${fileProblemInWords(file, error, 'read')}`);
  }
}

/** A JSON value given inline or as @file. */
export function readJsonArgument(flag: string, value: string): unknown {
  const { input, where } = argumentInput(flag, value);
  try {
    return JSON.parse(input.toString()) as unknown;
  } catch (error) {
    throw new UsageError(`${where} is not JSON: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

/**
 * `--params`, inline or as @file: the text to hand the core, as typed. Refused here as the core
 * would refuse it (in the webhook's words for the same problem in a body), with where it came
 * from; a file's bytes are read as they are, so invalid UTF-8 is seen, not replaced.
 */
export function readParametersArgument(value: string): string {
  const { input, where } = argumentInput('--params', value);
  const read = readParameters(input);
  if (read.ok) return read.value.text;
  throw new UsageError(read.code === 'invalid-parameters' ? '--params must be a JSON object.' : `${where}: ${inCliWords(read)}`);
}

/**
 * A replay's or a simulated call's refusal in the command line's words. In a project folder the
 * handler comes from the answer files (as for serve there), so that is where to name one.
 */
export function replayRefusalInWords(failure: ApiFailure, project: string | null): string {
  if (project === null) return inCliWords(failure);
  return inCliWords(failure, {
    'no-target': ({ action, webhook }, say) => ({
      what: `There is no handler to send ${action ? `action ${action}` : 'this call'} to.`,
      todo: noHandlerTodo(
        [say.giveTarget, `write "mode: forward" and "forward: <url>" into ${join(project, 'answers', `${action ?? '_default'}.yaml`)}`],
        webhook,
        say,
      ),
    }),
  });
}

/**
 * The one line `replay --target` adds when the calls' own credential headers went with them:
 * a replay sends the headers Flowent's call came with, to whatever URL was typed. Names only.
 */
export function credentialsSentNote(target: string, names: readonly string[]): string {
  return `Note: ${credentialsSentWords(target, names, 'several')}`;
}

/** Adds the names not in `into` yet (letter case aside), in the order first sent. */
export function addHeaderNames(into: string[], names: readonly string[]): void {
  for (const name of names) if (!into.some((known) => known.toLowerCase() === name.toLowerCase())) into.push(name);
}
