/**
 * Why the webhook refused a request, in the sentence its caller reads in the answer's `error` and
 * the call's details show whole (the call's stored `problemMessage`): what happened, then what to
 * do. call-problem-words.ts says the same refusals in a word or two, by the same codes; a body's
 * JSON mistakes are said by the core's JSON words (json-words.ts), as parameters a user typed are.
 */
import type { Verdict } from '../names-and-limits';
import { HMAC_KEY_ENV } from '../secret-variables';
import { clip } from './said';
import { FLOWENT_LIMIT_WORDS } from './flowent-limit-words';

/** Where every Flowent call goes, as the refusals point there. */
const FLOWENT_ROUTE = 'POST /actions/<action_name>';

/** Node's limit on a request's head (request line and headers), which it refuses past. */
const MAX_HEAD_KB = 16;

/** `1500` → `1.5 s`: a server limit as it was set, to the millisecond. */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/** Before the request's head could be read (Node's parser refused it, or it did not arrive in time). */
export const HEAD_REFUSAL_WORDS = {
  headTooLarge: `The request's URL and headers are over ${MAX_HEAD_KB} KB in all. Flowent calls go to ${FLOWENT_ROUTE} with a handful of headers: send a shorter URL and fewer or shorter headers.`,
  /** `reason`: llhttp's words, `code` its error code. */
  ambiguousLength: (reason: string, code: string): string =>
    `The request's length is invalid or ambiguous: ${reason} (${code}). Send one Content-Length with the body's size in bytes, or Transfer-Encoding: chunked alone.`,
  malformedHttp: (reason: string, code: string): string =>
    `The request is not valid HTTP/1.1: ${reason} (${code}). Send a well-formed request: Flowent calls are ${FLOWENT_ROUTE} with a JSON body.`,
  /** `arrivedBytes`: how many bytes of the head came, when that is known. */
  headersTimeout: (limitMs: number, arrivedBytes: number | null): string => {
    const arrived = arrivedBytes === null ? '' : ` (${arrivedBytes === 1 ? '1 byte' : `${arrivedBytes} bytes`} of them had come)`;
    return `The request's headers did not arrive within ${seconds(limitMs)}${arrived}. Send the whole request without pauses.`;
  },
  /** An `Expect:` other than 100-continue. */
  unsupportedExpect: (expect: string): string =>
    `Expect: "${clip(expect, 120)}" asks for something this server does not do: the only expectation it meets is 100-continue. Send the request without Expect (Flowent sends none), or with Expect: 100-continue.`,
  connect: 'CONNECT is not allowed here: Flowent Companion is not a proxy. Flowent calls are POST requests to /actions/<action_name>.',
  rateLimited: (client: string, perSecond: number): string =>
    `Too many requests from ${client}: more than ${perSecond} a second, this companion's rate limit per client. ` +
    'Wait a second and send again; if these are your own calls, raise or turn off the limit (Settings, or serve --rate-limit).',
  /** Added to the record of a request refused on its head: why it has no body, and no signature verdict. */
  bodyNotRead: (refusal: string): string => `${refusal} The body was not read.`,
} as const;

/** The body's arrival: it did not come whole. */
export const BODY_REFUSAL_WORDS = {
  /** Nobody reads this one as an answer (the client is gone): the call's details do. */
  aborted: (size: number): string => `The client closed the connection after ${size} bytes of the body; no answer was sent.`,
  /** A pause between chunks. */
  idle: (size: number): string => `The body stopped arriving after ${size} bytes. Send the whole body without pauses.`,
  /** The whole request took longer than the server allows. */
  slowRequest: (size: number, limitMs: number): string =>
    `The request did not arrive whole within ${seconds(limitMs)} (${size} bytes of its body came). Send the whole body without pauses.`,
  /** `reason`: what the HTTP parser refused of the rest, with its code. */
  unreadable: (size: number, reason: string): string =>
    `The body could not be read as HTTP after ${size} bytes: ${reason}. Send it whole, with a correct Content-Length or well-formed chunks.`,
  /**
   * `announced`: the request said its size (Content-Length); without it, reading stops at the
   * limit and the body's whole size is not known.
   */
  tooLarge: (size: number, limitBytes: number, announced: boolean): string => {
    const sized = announced
      ? `${size} bytes, over the ${limitBytes}-byte limit`
      : `over the ${limitBytes}-byte limit (${size} bytes had arrived when reading stopped)`;
    return `The body is ${sized} (Flowent's own limit is ${FLOWENT_LIMIT_WORDS}). Send a smaller body, or raise the limit with --body-limit.`;
  },
} as const;

/** The request's head and route, read before the body is read as a call. */
export const ROUTE_REFUSAL_WORDS = {
  missingHost: 'The request has no Host header, which HTTP/1.1 requires. Send Host: <host>:<port>, as every HTTP client does.',
  nothingServed: (method: string, path: string): string =>
    `Nothing is served at ${clip(method, 20)} ${clip(path, 120)}. Flowent calls go to ${FLOWENT_ROUTE}.`,
  /**
   * A request for Flowent's Gateway (its token exchange) sent here: the Gateway URL names this
   * companion's webhook.
   */
  gatewayRequest: (method: string, path: string): string =>
    `${clip(method, 20)} ${clip(path, 120)} is a request for Flowent's Gateway (its token exchange), sent to Flowent ` +
    "Companion's webhook: the Gateway URL it was sent to is this companion, not Flowent's Gateway. Set FLOWENT_BASE_URL " +
    "(or the profile's Gateway URL) to Flowent's Gateway.",
  /** Added to the record of such a request when its body was stored without its secrets. */
  secretsLeftOut: (refusal: string): string => `${refusal} The values of its secret fields were not stored.`,
  methodNotAllowed: (method: string): string => `${clip(method, 20)} is not allowed here: Flowent calls are POST requests.`,
  /** `rule`: what a valid action name is. */
  invalidPathAction: (segment: string, rule: string): string =>
    `"${clip(segment, 120)}" in the URL is not a valid action name: use ${rule}.`,
  unsupportedContentType: (contentType: string): string =>
    `Content-Type "${clip(contentType, 120)}" is not JSON. Send the body as JSON with Content-Type: application/json.`,
  unsupportedContentEncoding: (contentEncoding: string): string =>
    `Content-Encoding "${clip(contentEncoding, 120)}" is not supported: Flowent sends the body uncompressed. Send it as plain JSON, without Content-Encoding.`,
  /** What the JSON grammar refused (`reason` in the JSON words); an empty body or bad UTF-8 is said in the body's own words. */
  invalidJson: (reason: string): string => `The body is not valid JSON: ${reason}`,
} as const;

/**
 * The companion's own refusal of a well-formed call without a valid signature (with signatures
 * enforced), in the words of the docs' example handler, which a flow's author may already match.
 */
export function signatureRefusalWords(verdict: Verdict): string {
  switch (verdict) {
    case 'missing':
      return 'Missing signature';
    case 'no-key':
      return `Cannot verify the signature: no HMAC key is set in Flowent Companion (set ${HMAC_KEY_ENV} or the key in Settings)`;
    default:
      return 'Invalid signature';
  }
}

/**
 * A burst's record once more requests like it came: stored once, counted after. `refusal`: the
 * first one's message; `untilIso`: when the last came.
 */
export function refusalBurstWords(refusal: string, more: number, untilIso: string): string {
  return `${refusal} ${more} more requests like this, the last at ${untilIso}, were answered the same way and are counted here instead of stored one by one.`;
}

/** The answer to a call the server failed to handle (a bug of its own, which the log tells of). */
export const CALL_HANDLING_FAILED = 'Flowent Companion failed to handle this call; see its log.';
