import { readFileSync } from 'node:fs';
import { hereOf, serveForHere, serveSeen, type HereServe } from '../core';
import { fileProblemInWords, hereNote, servesSeen, severalAnswering, tunnelNotOnlineWords } from '../contract/words';
import { NothingToWorkOn, UsageError } from './args';
import { CLI_VOCABULARY } from './cli-words';

/** `--schema @file.json` or `--schema '{"type":"object"}'`: a JSON object, or a usage error. */
export function readSchema(value: string): Record<string, unknown> {
  let text = value;
  if (value.startsWith('@')) {
    try {
      text = readFileSync(value.slice(1), 'utf8');
    } catch (error) {
      throw new UsageError(`--schema: ${fileProblemInWords(value.slice(1), error, 'read')}`);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `--schema: not JSON (${error instanceof Error ? error.message : String(error)}). Give @file.json or a JSON object.`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new UsageError('--schema must be a JSON object (a JSON Schema).');
  return parsed as Record<string, unknown>;
}

/**
 * Where the companion is reached: `--url <base>`, or `--here` (the URL a running serve or the
 * desktop app wrote), or null. Run in a project (`projectDir`), `--here` is the one answering
 * from its files.
 */
export function companionBase(
  flags: { url?: string; here?: boolean },
  dataDir: string,
  projectDir: string | null,
): { base: string; note: string | null } | null {
  if (flags.url !== undefined && flags.here) throw new UsageError('give --url or --here, not both.');
  if (flags.url !== undefined) {
    if (!/^https?:\/\/[^/]+/i.test(flags.url))
      throw new UsageError(`--url must be the companion's base URL, such as https://abc.ngrok.app, not "${flags.url}".`);
    return { base: flags.url.replace(/\/+$/, ''), note: null };
  }
  if (!flags.here) return null;
  const found = serveForHere(dataDir, projectDir);
  // The command line is right: no serve (or several) is a state at run time, as `actions link` and `apply` treat it.
  if (!found.ok) throw new NothingToWorkOn(hereRefusal(found, projectDir));
  const chosen = hereOf(found.serve);
  if (!chosen.ok) {
    // Not loopback for the seconds of a reconnection: Flowent would keep an action it cannot call.
    const { clause, todo } = tunnelNotOnlineWords(found.serve.mode, chosen.tunnel, CLI_VOCABULARY);
    throw new NothingToWorkOn(`--here: ${clause}; nothing was sent to Flowent. ${todo} To point it at another URL meanwhile, give --url.`);
  }
  return { base: chosen.here.base, note: hereNote(chosen.here, found.serve.mode, found.serve.tunnel) };
}

function hereRefusal(found: Exclude<HereServe, { ok: true }>, projectDir: string | null): string {
  if (found.code === 'several')
    return `--here: ${severalAnswering(found.serves.map(serveSeen))}; stop all of them but the one Flowent should call, or give --url.`;
  if (projectDir === null || found.others.length === 0)
    return '--here needs a running "flowent-companion serve" on this data folder (it records its URL); start one, or give --url.';
  // The desktop app is named only to those who run it: the command alone does not come with it.
  const app = found.others.some((serve) => serve.mode === 'desktop');
  return (
    `--here, run in a project, means the ${app ? 'serve or desktop app' : 'serve'} answering from its files (${projectDir}), ` +
    `and none does (${servesSeen(found.others.map(serveSeen))}). ` +
    `Start "flowent-companion serve" in this folder${app ? ', open this project in the desktop app (File > Open Project Folder...)' : ''}, or give --url.`
  );
}
