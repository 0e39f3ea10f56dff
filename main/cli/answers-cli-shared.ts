import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isActionName } from '../contract/api';
import { UsageError } from './args';
import type { CliIo } from './cli-io';
import { inCliWords } from './cli-words';
import { projectDirOf } from './open-core';

/** Which action a subcommand is about: a name, the default (`--default`), or every one (`--all`). */
export type Target = { kind: 'action'; action: string } | { kind: 'default' } | { kind: 'all' };

export function parseTarget(
  command: string,
  positional: string | undefined,
  flags: { default?: boolean; all?: boolean },
  allowAll: boolean,
): Target {
  const given = [positional !== undefined, flags.default === true, flags.all === true].filter(Boolean).length;
  const choices = allowAll ? '<action>, --default or --all' : '<action> or --default';
  if (given !== 1) throw new UsageError(`${command} needs exactly one of ${choices}.`);
  if (flags.default) return { kind: 'default' };
  if (flags.all) {
    if (!allowAll) throw new UsageError(`${command} takes ${choices}, not --all.`);
    return { kind: 'all' };
  }
  const action = positional ?? '';
  if (!isActionName(action)) throw new UsageError(inCliWords({ code: 'invalid-action', action }));
  return { kind: 'action', action };
}

export function targetKey(target: Target): string | null {
  return target.kind === 'action' ? target.action : null;
}

export function describeTarget(target: Target): string {
  return target.kind === 'action'
    ? `action ${target.action}`
    : target.kind === 'default'
      ? 'the default (every action without its own)'
      : 'every action';
}

/**
 * Said after `mocks`/`targets` changed the history folder's answers in a folder holding
 * flowent/answers/: serve started there answers from those files, so the change does not reach it.
 */
export function noteProjectAnswers(io: CliIo): void {
  const dir = projectDirOf(undefined, io);
  const answers = dir === null ? null : join(dir, 'answers');
  if (answers === null || !existsSync(answers)) return;
  io.stderr.write(
    `Note: this changed the history folder's answers; serve run in this folder answers from ${answers} instead: edit the files there to change what it answers.\n`,
  );
}
