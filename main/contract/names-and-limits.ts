/**
 * The names and limits that both the contract's types and its argument schemas use. They stand
 * apart from the feature files because those files derive their types from the schemas: the
 * schemas take their words from here, never from the files derived from them.
 */

/** What the signature engine concluded about one call. */
export type Verdict = 'valid' | 'invalid' | 'missing' | 'malformed' | 'unsigned-test' | 'no-key' | 'not-flowent';

export const VERDICTS: readonly Verdict[] = ['valid', 'invalid', 'missing', 'malformed', 'unsigned-test', 'no-key', 'not-flowent'];

/**
 * Where a stored call came from: Flowent itself, a replay of a stored call, the simulator, or a
 * HAR file (`import`). Only Flowent's own calls are Flowent's traffic: the others are marked in
 * the list and never counted as failures.
 */
export type CallSource = 'flowent' | 'replay' | 'simulator' | 'import';

export const CALL_SOURCES: readonly CallSource[] = ['flowent', 'replay', 'simulator', 'import'];

/**
 * What a handler's answer says about the signature of the call it was sent: it accepted it
 * (2xx), refused it (401/403, or an error text about the signature or HMAC), or its answer
 * does not say (a 500 about something else).
 */
export type HandlerSignature = 'accepted' | 'refused' | 'unknown';

export const HANDLER_SIGNATURES: readonly HandlerSignature[] = ['accepted', 'refused', 'unknown'];

/** The webhook's port when none is given (`serve --port`). */
export const DEFAULT_PORT = 8787;
/** The browser inspector's port when none is given (`serve --inspector-port`): the one after the webhook's. */
export const DEFAULT_INSPECTOR_PORT = DEFAULT_PORT + 1;

/** The page size the core never exceeds. */
export const MAX_PAGE_SIZE = 500;

/** The longest text search of the calls' bodies the core takes. */
export const MAX_SEARCH_LENGTH = 1000;

/** The most calls one bulk replay or one export takes. */
export const MAX_SELECTION = 10_000;

/** The most replays one bulk replay runs at once. */
export const MAX_BULK_CONCURRENCY = 64;

/** The history's limits and the rate limit, by name (see `HistoryLimits`). */
export const LIMIT_NAMES = ['keepCalls', 'keepDays', 'keepBytes', 'rateLimitPerSecond'] as const;

export type LimitName = (typeof LIMIT_NAMES)[number];

/** The range each limit may take when set. */
export const LIMIT_RANGES: Record<LimitName, { min: number; max: number }> = {
  keepCalls: { min: 1, max: 1_000_000_000 },
  keepDays: { min: 1, max: 36_500 },
  keepBytes: { min: 1024 * 1024, max: 1024 ** 4 },
  rateLimitPerSecond: { min: 1, max: 1_000_000 },
};

/** The largest HAR the companion imports (desktop dialog, browser upload, the API): far above any history worth importing, bounded so a wrong file cannot exhaust memory. */
export const MAX_HAR_IMPORT_BYTES = 64 * 1024 * 1024;

/**
 * The signing styles, in the order a match is reported: the four documented ones first, then
 * every other key order with every other escaping (the signature engine describes each).
 */
export const STYLE_NAMES = [
  'python',
  'go',
  'go-struct',
  'raw',
  'as-sent+go',
  'as-sent+utf8',
  'sorted+ascii',
  'sorted+utf8',
  'nested-sorted+ascii',
  'nested-sorted+go',
  'nested-sorted+utf8',
  'struct+ascii',
  'struct+utf8',
] as const;
export type StyleName = (typeof STYLE_NAMES)[number];

export function isStyleName(name: string): name is StyleName {
  return (STYLE_NAMES as readonly string[]).includes(name);
}

/** The languages a verifier is printed in. */
export const VERIFIER_LANGUAGES = ['python', 'node', 'go'] as const;
export type VerifierLanguage = (typeof VERIFIER_LANGUAGES)[number];

export function isVerifierLanguage(name: string): name is VerifierLanguage {
  return (VERIFIER_LANGUAGES as readonly string[]).includes(name);
}

/**
 * How a serve follows the active profile's actions: re-point them at its URL itself, or ask.
 * A plain list (no schema library) so `serve` can check its flag without loading one.
 */
export const FOLLOW_MODES = ['auto', 'ask'] as const;
export type FollowMode = (typeof FOLLOW_MODES)[number];

export function isFollowMode(mode: string): mode is FollowMode {
  return (FOLLOW_MODES as readonly string[]).includes(mode);
}

/**
 * Parameters, schemas and mocks are typed or pasted by hand: 256 KB is far more than any real
 * one. Here, not with the schemas, because the inspector's server sizes its request bodies by it
 * and must not load the schema library to answer a call.
 */
export const MAX_JSON_TEXT = 256 * 1024;

/**
 * The largest call body Flowent sends, and the largest answer it accepts (1 MB). In the contract,
 * not only with the core's other wire facts, because the page measures the parameters it sends
 * against it and the inspector's API lets calls that carry parameters that big through.
 */
export const FLOWENT_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Flowent's docs reject calls whose timestamp is older than 5 minutes. In the contract, not with
 * the core's other wire facts, because the page says the window in words too.
 */
export const TIMESTAMP_WINDOW_SECONDS = 300;
/** How far ahead a sender's clock may run before a timestamp counts as "in the future". */
export const CLOCK_SKEW_SECONDS = 60;

/**
 * How the companion produced the answer it gave: its mock, Flowent's registration check,
 * a signature refusal, an error answer to bad input, the developer's handler (`forward`),
 * the mock because forwarding gave no answer (`fallback-mock`), a 502/504 because
 * forwarding failed (`forward-error`), or, for a replay or simulated call sent to "This
 * companion", the companion's own webhook, as it answers Flowent (`companion`: when the webhook
 * did not say whether its mock or the handler it forwards to answered, see loop-answer), or no
 * answer from it (`companion-error`).
 */
export const ANSWERED_BY = [
  'mock',
  'test-check',
  'signature-check',
  'error',
  'forward',
  'fallback-mock',
  'forward-error',
  'companion',
  'companion-error',
] as const;
export type AnsweredBy = (typeof ANSWERED_BY)[number];

/**
 * Whose answer a mock can copy: a handler's (`forward`, or through this companion's webhook)
 * or a mock's. Not the companion's own answers (its 502/504 when forwarding failed, its
 * refusals, its answer to the registration check) and not a call nothing answered.
 */
const COPYABLE_ANSWERS: ReadonlySet<AnsweredBy> = new Set<AnsweredBy>(['mock', 'fallback-mock', 'forward', 'companion']);

/** Whether "Make a mock from this answer" has an answer to copy: a handler's or a mock's, given. */
export function hasAnswerToCopy(call: { answeredBy: AnsweredBy; status: number }): boolean {
  return call.status !== 0 && COPYABLE_ANSWERS.has(call.answeredBy);
}
