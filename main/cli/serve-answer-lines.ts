import { basename } from 'node:path';
import { leftOutPasswordLine } from '../contract/words/left-out-password-words';
import { BUILT_IN_ANSWER_TEXT } from '../contract/answers';
import {
  hasLeftOutCredentials,
  redactUrlCredentials,
  routeFor,
  type AnswerRoute,
  type AnswerSettings,
  type CallSummary,
} from '../contract/api';

/** The column the banner's values start in (`  Answers:      `). */
const INDENT = ' '.repeat(16);

/**
 * The banner lines of `serve` that say where calls go as it starts: each action with a route
 * of its own, then every other action (the saved default target, `--forward`, or the mocks),
 * and, when anything forwards or the fallback is on, the timeout and what a handler that
 * gives no answer gets. The same rule as the core's (routeFor), over the same settings. With a
 * project open (`projectDir`, its flowent/ folder) targets are set in its files, not by `targets set`.
 * `timeoutGiven`: --forward-timeout was on the command line, so it is said even when nothing forwards.
 */
export function answerLines(settings: AnswerSettings, projectDir: string | null = null, timeoutGiven = false): string[] {
  const fallback = settings.routes.find((route) => route.action === null) ?? null;
  const own = settings.routes
    .filter((route): route is AnswerRoute & { action: string } => route.action !== null)
    .sort((a, b) => a.action.localeCompare(b.action));
  const startup = settings.startupForwardTarget;
  const where = setTargetWords(projectDir);
  const items = own.map((route) => `${route.action}: ${destination(route, fallback, startup, settings.fallbackToMock, where)}`);
  items.push(
    `${own.length ? 'every other action' : 'every action'}: ${destination(null, fallback, startup, settings.fallbackToMock, where)}`,
  );
  const forwards = [...own, null].some((route) => routeFor(route, fallback, startup).mode === 'forward');
  const lines = items.map((item, i) => (i === 0 ? `  Answers:      ${item}` : `${INDENT}${item}`));
  if (forwards || settings.fallbackToMock) lines.push(`  Forwarding:   ${forwardingWords(settings, forwards)}`);
  // A --forward-timeout given while nothing forwards would otherwise be taken in silence, as if it applied.
  else if (timeoutGiven)
    lines.push(
      `  Forwarding:   timeout ${settings.forwardTimeoutMs} ms, for no handler yet: nothing forwards now; it applies to any action set to forward while this runs`,
    );
  return lines;
}

/**
 * Where the calls of one action (null: of every action without a setting of its own) go when
 * its route forwards them, in the banner's words and by the same rule (routeFor): `forwarded to
 * <url, password as ***> (its saved target)`, or why nothing is forwarded and what calls get
 * then. Null when its mock answers.
 */
export function forwardingOf(settings: AnswerSettings, action: string | null): string | null {
  const fallback = settings.routes.find((route) => route.action === null) ?? null;
  const own = action === null ? null : (settings.routes.find((route) => route.action === action) ?? null);
  if (routeFor(own, fallback, settings.startupForwardTarget).mode === 'mock') return null;
  return destination(own, fallback, settings.startupForwardTarget, settings.fallbackToMock, setTargetWords(null));
}

/**
 * What the calls of `action` (null: of every action without a file of its own) get now, said
 * after who gets it in serve's line for an answer file added or changed, by the rule of the
 * Answers: lines at its start: `now forwards to <url>`, `now answers with its mock`, or why
 * nothing is forwarded. `projectDir` is the project's flowent/ folder.
 */
export function answersNow(settings: AnswerSettings, action: string | null, projectDir: string): string {
  const fallback = settings.routes.find((route) => route.action === null) ?? null;
  const own = action === null ? null : (settings.routes.find((route) => route.action === action) ?? null);
  const { mode, target } = routeFor(own, fallback, settings.startupForwardTarget);
  if (mode === 'mock') {
    if (settings.mocks.some((mock) => mock.action === action)) return 'now answers with its mock';
    if (settings.mocks.some((mock) => mock.action === null)) return 'now answers with the mock of _default.yaml';
    return `now gets the built-in answer, ${BUILT_IN_ANSWER_TEXT}`;
  }
  if (target !== null && !hasLeftOutCredentials(target)) return `now forwards to ${redactUrlCredentials(target)}`;
  return `is ${destination(own, fallback, settings.startupForwardTarget, settings.fallbackToMock, setTargetWords(projectDir))}`;
}

/** How to give an action a target: in the history folder with `targets set`, in a project in its file. */
interface SetTargetWords {
  /** For every action (a saved default, `_default.yaml`). */
  saved: string;
  /** For an action set to forward without one: by its own file (`own`), or by the default's. */
  missing: (action: string | null, own: boolean) => string;
  /** Where a target comes from: the action's own (`targets set <action>`, its file), else the default's. */
  from: (action: string | null) => string;
}

function setTargetWords(projectDir: string | null): SetTargetWords {
  if (projectDir === null)
    return {
      saved: 'no handler target is saved: "targets set" or --forward sets one',
      missing: () => '"targets set" sets one',
      from: (action) => (action === null ? 'the saved default target' : 'its saved target'),
    };
  const file = (action: string | null) => `${basename(projectDir)}/answers/${action ?? '_default'}.yaml`;
  return {
    saved: `no handler target is given: "forward: <url>" in ${file(null)} or --forward sets one`,
    missing: (action, own) => `add "forward: <url>" to ${file(own ? action : null)}`,
    from: (action) => `from ${file(action)}`,
  };
}

function destination(
  own: AnswerRoute | null,
  fallback: AnswerRoute | null,
  startup: string | null,
  fallbackToMock: boolean,
  where: SetTargetWords,
): string {
  const { mode, target } = routeFor(own, fallback, startup);
  if (mode === 'mock') return own ? 'its mock (mode mock)' : `the mocks (${where.saved})`;
  if (target === null) {
    const missing = where.missing(own?.action ?? null, own?.mode === 'forward');
    return `set to forward, but no target is saved: ${fallbackToMock ? 'the mock answers' : 'calls get a 502'} (${missing})`;
  }
  const from = own?.target ? where.from(own.action) : fallback?.target ? where.from(null) : '--forward, for this run';
  // The core refuses to send "***" as the password: say so before the first call gets its 502.
  if (hasLeftOutCredentials(target)) return leftOutPasswordLine(target, from, fallbackToMock);
  return `forwarded to ${redactUrlCredentials(target)} (${from})`;
}

function forwardingWords(settings: AnswerSettings, forwards: boolean): string {
  const timeout = `timeout ${settings.forwardTimeoutMs} ms`;
  if (!forwards) return 'nothing forwards now; --fallback-to-mock is on for any action set to forward while this runs';
  return settings.fallbackToMock
    ? `${timeout}; fallback to the mock is on: when a handler gives no answer, the mock answers and the call's line says why`
    : `${timeout}; fallback to the mock is off: a handler that gives no answer gets a 502 (504 when too slow)`;
}

/**
 * The lines `serve` prints when an action's handler stops answering and the mock answers in
 * its place (once, not for every call), and when the handler answers again.
 */
export function handlerWatch(): (call: CallSummary) => string[] {
  const silent = new Set<string>();
  return (call) => {
    if (call.action === null) return [];
    if (call.answeredBy === 'fallback-mock' && !silent.has(call.action)) {
      silent.add(call.action);
      return [
        `Forwarding: your handler gave ${call.action} no answer, so the mock answers in its place (--fallback-to-mock) until it does; each such call says why.`,
      ];
    }
    if (call.answeredBy === 'forward' && silent.delete(call.action)) return [`Forwarding: your handler answers ${call.action} again.`];
    return [];
  };
}
