import { ACTION_PLACEHOLDER, targetForAction } from '../contract/action-name';
import { basename, dirname } from 'node:path';
import { redactUrlCredentials, type ReplayFailure, type Result, type StoredMock } from '../contract/api';
import { serveNamed, servesSeen } from '../contract/words';
import { runningServes, samePath, serveSeen, type ServeState } from '../core';
import type { CliIo } from './cli-io';
import { dataDirOf } from './open-core';

/** The refusals that mean no answers setting names a handler for the call (whatever the mode). */
const NO_HANDLER_CODES: ReadonlySet<ReplayFailure['code']> = new Set(['no-target', 'answered-by-mock']);

/** What the running companion a call went through does with it, as far as this command can tell. */
type ServeDoes = { forwardsTo: string } | 'mock' | 'as-flowent';

/** How a call with no handler of its own was sent: through a running companion, or not, and why not. */
export type ThroughServe<T> =
  | { result: Result<T, ReplayFailure>; through: { serve: ServeState; does: ServeDoes } }
  | { result: Result<T, ReplayFailure>; through: null; notThrough: string | null };

/**
 * Sends with `send(target)`; when no target was given and nothing names a handler for the
 * call, sends it again through the webhook of the companion running on this data folder, as
 * Flowent would reach it: its mock answers, or it forwards to the developer's handler, and
 * the call is stored once either way. Only a companion that answers from the same answers as
 * this command (the project it runs in, else the history folder's) will do, and only when
 * there is one: with none, or several, the refusal stands, with why no companion was used.
 */
export async function throughRunningServe<T>(
  given: string | undefined,
  dataDirFlag: string | undefined,
  projectDir: string | null,
  io: CliIo,
  send: (target: string | null) => Promise<Result<T, ReplayFailure>>,
): Promise<ThroughServe<T>> {
  const first = await send(given ?? null);
  if (first.ok || given !== undefined || !NO_HANDLER_CODES.has(first.code)) return { result: first, through: null, notThrough: null };
  const dataDir = dataDirOf(dataDirFlag, io);
  const { fitting, running } = servesLikeThisCommand(dataDir, projectDir);
  const [only, ...more] = fitting;
  if (!only || more.length > 0)
    return { result: first, through: null, notThrough: notThroughWords(fitting, running, first, { dataDir, dataDirFlag, projectDir }) };
  const does = serveDoes(only, first);
  const result = await send(`${only.webhookBaseUrl}/actions/${ACTION_PLACEHOLDER}`);
  // A call that names no action has no route on the webhook either: the first refusal says it best.
  if (!result.ok && result.code === 'no-action-for-target') return { result: first, through: null, notThrough: null };
  return { result, through: { serve: only, does } };
}

/**
 * The handler the one companion running on this data folder (answering from this command's
 * answers) forwards the call to with `serve --forward`, by the refusal this command met: for a
 * command that must reach the handler itself, as a probe does (it sends each style's bytes as
 * signed, and a companion between them would store each twice). Null when none runs, several
 * could be meant, or its mock answers the call.
 */
export function runningServeHandler(
  dataDirFlag: string | undefined,
  projectDir: string | null,
  io: CliIo,
  refusal: ReplayFailure,
): { serve: ServeState; handler: string } | null {
  const [only, ...more] = servesLikeThisCommand(dataDirOf(dataDirFlag, io), projectDir).fitting;
  if (!only || more.length > 0 || !NO_HANDLER_CODES.has(refusal.code)) return null;
  const does = serveDoes(only, refusal);
  return typeof does === 'object' ? { serve: only, handler: does.forwardsTo } : null;
}

/**
 * Where the calls went, for the line under (or above) them: `the serve at <url>, which forwards
 * to <url>`. `actions`: the calls' actions, each once; one fills `{action_name}` in the serve's
 * `--forward`. `forwarded`: the serve said which handler it forwarded the call to, which the
 * line after says in the shared phrase.
 */
export function throughServeWords(
  { serve, does }: { serve: ServeState; does: ServeDoes | 'forwarded' },
  actions: readonly string[],
  mocks: readonly Pick<StoredMock, 'action'>[] | null = null,
): string {
  const named = serveNamed(serveSeen(serve));
  if (does === 'mock') return `${named}, which ${mockWords(serve, actions, mocks)} (no handler is set here)`;
  if (does === 'as-flowent' || does === 'forwarded') return `${named} (no handler is set here)`;
  const action = actions.length === 1 ? actions[0]! : null;
  return `${named}, which forwards to ${redactUrlCredentials(targetForAction(does.forwardsTo, action))} (no handler is set here)`;
}

/**
 * How a serve answers the actions without a handler: in a project, from the answer file that
 * holds each one's mock (the action's own, else `_default.yaml`), by the mocks this command read
 * from the same files, or with the built-in answer when none does; else, or when they are not
 * known, from "its mock". One aside follows, so the reason is said in the clause itself.
 */
function mockWords(serve: ServeState, actions: readonly string[], mocks: readonly Pick<StoredMock, 'action'>[] | null): string {
  if (serve.projectDir === null || mocks === null || actions.length === 0) return 'answers from its mock';
  const answers = `${basename(serve.projectDir)}/answers`;
  const fileOf = (action: string): string | null => {
    if (mocks.some((mock) => mock.action === action)) return `${answers}/${action}.yaml`;
    return mocks.some((mock) => mock.action === null) ? `${answers}/_default.yaml` : null;
  };
  const files = actions.map(fileOf);
  if (files.every((file) => file === null))
    return `gives the built-in answer, as no file in ${answers} holds a mock for ${actions.join(', ')}`;
  if (files.every((file) => file === files[0])) return `answers from ${files[0]}`;
  // Calls of several actions answered from several places: each action with its own.
  return `answers ${actions.map((action, at) => `${action} ${files[at] === null ? 'with the built-in answer' : `from ${files[at]}`}`).join(', ')}`;
}

/** What a serve does with the call, for a list of the serves that could be meant: `the serve at <url> forwards it to <url> (--forward)`. */
function serveDoesWords(serve: ServeState, refusal: ReplayFailure, action: string | null): string {
  const named = serveNamed(serveSeen(serve));
  const does = serveDoes(serve, refusal);
  const it = action ?? 'the call';
  if (does === 'mock') return `${named} answers ${it} from its mock`;
  if (does === 'as-flowent') return `${named} answers ${it} as it answers Flowent (no handler is set)`;
  return `${named} forwards ${it} to ${redactUrlCredentials(targetForAction(does.forwardsTo, action))} (its --forward)`;
}

/** The companions running on the data folder, and those among them answering from this command's answers. */
function servesLikeThisCommand(dataDir: string, projectDir: string | null): { fitting: ServeState[]; running: ServeState[] } {
  const running = runningServes(dataDir);
  const fitting = running.filter((serve) =>
    projectDir === null ? serve.projectDir === null : serve.projectDir !== null && samePath(serve.projectDir, projectDir),
  );
  return { fitting, running };
}

/**
 * What the companion does with the call, by the refusal this command met with the same
 * answers: the mode chosen is mock, or the core names this companion as one whose mock
 * answers the action (`webhook`); otherwise a companion with `serve --forward` forwards it
 * there. Else it answers as it would answer Flowent, which the answer line shows.
 */
function serveDoes(serve: ServeState, refusal: ReplayFailure): ServeDoes {
  if (refusal.code === 'answered-by-mock') return 'mock';
  if (refusal.code === 'no-target' && refusal.webhook?.startsWith(`${serve.webhookBaseUrl}/`)) return 'mock';
  if (serve.forwardTarget !== null) return { forwardsTo: serve.forwardTarget };
  // The core named a serve whose mock answers the action: one without --forward, as this one is,
  // routes the action the same way, over the same answers.
  return refusal.code === 'no-target' && refusal.webhook ? 'mock' : 'as-flowent';
}

/**
 * Why the call was not sent through a running companion: none runs on the data folder (so none
 * could answer it from its mock), none answers from this command's answers, or several could be
 * meant, each said with what it does with the call.
 */
function notThroughWords(
  fitting: ServeState[],
  running: ServeState[],
  refusal: ReplayFailure,
  where: { dataDir: string; dataDirFlag: string | undefined; projectDir: string | null },
): string {
  if (running.length === 0) {
    // The serve to start answers from the same answers as this command: the same project's files, if any.
    const flags = [
      ...(where.projectDir === null ? [] : [`--project ${dirname(where.projectDir)}`]),
      ...(where.dataDirFlag === undefined ? [] : [`--data-dir ${where.dataDirFlag}`]),
    ];
    return (
      `No serve is running on the data folder ${where.dataDir}, so none could answer the call from its mock (or forward it): ` +
      `start "${['flowent-companion serve', ...flags].join(' ')}" and run this again, or pass --target <url>.`
    );
  }
  if (fitting.length <= 1)
    return `Not sent through a running companion, as none answers from the answers this command uses: ${servesSeen(running.map(serveSeen))}.`;
  const action = 'action' in refusal ? refusal.action : null;
  return `Not sent through a running companion, as more than one could be meant: ${fitting.map((serve) => serveDoesWords(serve, refusal, action)).join('; ')}.`;
}
