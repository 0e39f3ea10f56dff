import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isActionName } from '../contract/api';
import { UsageError } from './args';
import type { CliIo } from './cli-io';
import { inCliWords } from './cli-words';
import { serveNamed } from '../contract/words';
import { runningServes, samePath, type ServeState } from '../core';
import { dataDirOf, projectDirOf } from './open-core';

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
 * Said after `mocks`/`targets` changed (or listed) the history folder's answers while a serve
 * (or the desktop app) answers from a project's files instead, so the change does not reach it
 * (or the list is not what it answers): one
 * running on this data folder with a project (whatever folder the command ran in), or serve
 * started in this folder.
 */
export function noteProjectAnswers(io: CliIo, dataDirFlag: string | undefined, did: 'changed' | 'listed' = 'changed'): void {
  const note = (who: string, answers: string) =>
    io.stderr.write(
      did === 'changed'
        ? `Note: this changed the history folder's answers; ${who} answers from ${answers} instead: edit the files there to change what it answers.\n`
        : `Note: these are the history folder's answers; ${who} answers from ${answers} instead: its files say what each action gets.\n`,
    );
  // One note per project, naming every serve (and the desktop app) answering from it.
  const projects: { dir: string; serves: ServeState[] }[] = [];
  for (const serve of runningServes(dataDirOf(dataDirFlag, io)).reverse()) {
    if (serve.projectDir === null) continue;
    const known = projects.find((project) => samePath(project.dir, serve.projectDir ?? ''));
    if (known) known.serves.push(serve);
    else projects.push({ dir: serve.projectDir, serves: [serve] });
  }
  for (const project of projects) note(answering(project.serves), join(project.dir, 'answers'));
  const dir = projectDirOf(undefined, io);
  if (dir === null || projects.some((project) => samePath(project.dir, dir))) return;
  const answers = join(dir, 'answers');
  if (existsSync(answers)) note('serve run in this folder', answers);
}

/** `the serve at <url> and <url>`, `the desktop app at <url>`, or both, the app first. */
function answering(serves: ServeState[]): string {
  const app = serves
    .filter((serve) => serve.mode === 'desktop')
    .map((serve) => serveNamed({ mode: serve.mode, baseUrl: serve.webhookBaseUrl }));
  const headless = serves.filter((serve) => serve.mode === 'headless').map((serve) => serve.webhookBaseUrl);
  return [...app, ...(headless.length > 0 ? [`the serve at ${headless.join(' and ')}`] : [])].join(' and ');
}
