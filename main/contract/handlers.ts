/** The developer's handler: its verdict on each call's signature, what it taught, and a probe of its verifier. */
import type { HandlerSignature } from './names-and-limits';
import type { CallsFailure } from './shared';
import type { ReplayFailure } from './replay-outcome';
import type { Result } from './result';
import type { ArgumentsOf } from './schemas/arguments';
import type { handlerArguments } from './schemas/handlers';

/**
 * Why a probe of the handler, or a verifier snippet, was refused: the replay's failures (the
 * call, the target, the key, the style), and a registration check, which carries no signature.
 */
export type HandlerFailure =
  ReplayFailure | Extract<CallsFailure, { code: 'call-without-action' }> | { code: 'probe-registration-check'; id: number; action: string };

/** What one handler taught so far: calls whose signature the companion checked, and what the handler did with them. */
export interface HandlerTally {
  /** Calls with a valid signature it accepted. */
  accepted: number;
  /** Calls with a valid signature it refused. */
  refused: number;
  /** Calls with an invalid or missing signature it accepted. */
  acceptedUnverified: number;
  /** Calls with an invalid or missing signature it refused. */
  refusedUnverified: number;
  /** Styles it may verify with: valid in every call it accepted, in none it refused. Empty until it accepted one, and once it accepted a wrong or missing signature. */
  stylesAccepted: string[];
  /** Styles of valid calls it refused: it does not verify in these. */
  stylesRefused: string[];
  /**
   * Of `refused`, calls every style signs alike: they tell nothing about which style it
   * verifies (its key differs, or it signs text no known style produces), so no style is in
   * `stylesRefused` for them.
   */
  refusedAlike: number;
}

/**
 * Why the handler and the companion disagree about a call's signature, as a code and what the
 * words need beyond the report it is part of (the answer's `evidence`, the tally in `known`);
 * every front end words it with `handlerDiagnosisWords` (main/contract/words), naming styles
 * its own way.
 */
export type HandlerDiagnosis =
  /**
   * It refused a valid signature, and the styles tell this call apart: `signedIn` is the style
   * this call was signed in (the first it is valid in); `mostCallsIn` the style most of this
   * Flowent's calls are signed in, when this call is not valid in it. The styles the handler
   * verifies with are `known.stylesAccepted`: it has accepted a signed call, so a style was learned.
   */
  | { code: 'handler-signature-style-mismatch'; signedIn: string; mostCallsIn: string | null }
  /**
   * It refused a valid signature, and none of the known styles explains it: every style signs
   * this call alike (`styles-alike`), no single style fits every call it accepted and
   * refused (`no-style-fits`), or it never accepted one and has refused calls in every style
   * (`every-style-refused`). Its key differs, or it signs text no known style produces
   * (spaces after `,` and `:`, the signature member left in, a re-encoded body): the evidence
   * is the same for both.
   */
  | { code: 'handler-refused-valid-signature'; cause: 'styles-alike' | 'no-style-fits' | 'every-style-refused' }
  /**
   * It refused a valid signature signed in `signedIn`, a style it has accepted since: it was
   * changed after this call came (what it did before was dropped, see withAnswer), or it refuses
   * some calls for another reason.
   */
  | { code: 'handler-refused-valid-signature'; cause: 'accepted-since'; signedIn: string }
  /** It refused a valid signature, and its answer says it has no HMAC key set to check with. */
  | { code: 'handler-refused-valid-signature'; cause: 'key-unset' }
  /**
   * It refused a valid signature and has never accepted a signed call, so no style was learned
   * to set this one's against: another style, another key, or a check in front of it that
   * refuses every call are as likely. `signedIn` and `mostCallsIn` as for a style mismatch.
   */
  | { code: 'handler-refused-valid-signature'; cause: 'none-accepted'; signedIn: string; mostCallsIn: string | null }
  /** It refused Flowent's unsigned registration check: the action cannot be registered. */
  | { code: 'handler-refused-registration-check' }
  /** It accepted a call whose signature is invalid: it does not check, or has another key. */
  | { code: 'handler-accepted-invalid-signature' }
  /**
   * It accepted a call whose signature is invalid with the key set here, but valid with that key
   * trimmed of its whitespace (`key-whitespace`) or read in lowercase hex (`hex-case`): the
   * handler is right; the key set here (or the digest's case) is off.
   */
  | { code: 'handler-accepted-valid-once-corrected'; cause: ValidOnceCorrected }
  /**
   * It accepted a call whose signature is malformed (not 64 hex characters): no key gives that,
   * so the key is beside the point; it does not check, or checks something other than the
   * body's signature.
   */
  | { code: 'handler-accepted-malformed-signature' }
  /** It accepted a call without a signature: anyone who can reach it can run the action. */
  | { code: 'handler-accepted-unsigned' };

/**
 * Which key's record a call's details show (`HandlerReport.known`): a handler's verdicts are kept
 * per key the companion checked the calls with.
 * - `key-set-now`: the call was checked with the key set now (or with none, and none is set).
 * - `key-changed`: it was checked with another key than the one set now: the record is that
 *   key's, what the handler did with the calls checked with it.
 * - `no-key-now`: it was checked with a key, and none is set now (a command run without
 *   FLOWENT_HMAC_KEY): the record is that key's.
 * - `no-key-then`: it came while no key was set, and one is now: the record is of the calls that
 *   came without one.
 * - `key-not-recorded`: which key checked it is not known (an older version stored it, or it was
 *   imported): the record is the key set now's.
 */
export type HandlerKnownFor = 'key-set-now' | 'key-changed' | 'no-key-now' | 'no-key-then' | 'key-not-recorded';

/** A forwarded or replayed call's handler verdict, in the call's details. */
export interface HandlerReport {
  verdict: HandlerSignature;
  /** The part of the answer that decided: `401 "Invalid signature"`, `200`. */
  evidence: string;
  /** The handler that answered: its target URL as configured, `{action_name}` kept (credentials in it are not stored); what a probe is sent to. */
  target: string;
  /**
   * The URL this call reached the handler at: `target` with `{action_name}` filled in. What the
   * handler taught (`known`) is learned per this URL, so each action's route has its own record.
   */
  reached: string;
  /** When the handler and the companion disagree about the signature, what that means (shown first). */
  diagnosis: HandlerDiagnosis | null;
  /** What the handler taught so far, as of now, for the key this call was checked with when that is known (see `knownFor`). */
  known: HandlerTally;
  /** Which key `known` is for, beside the key set now. */
  knownFor: HandlerKnownFor;
  /** The style a verifier for this handler should accept: the style this call was signed in, else the learned one. */
  verifierStyle: string;
}

/** One request of a probe: the call signed in one or more styles (styles that gave the same bytes share a request). */
export interface ProbeRow {
  /** The styles this request was signed in; empty for the request with a wrong signature. */
  styles: string[];
  /** The stored request (a replay of the probed call). */
  callId: number;
  /** The answer's status; 0 when none came. */
  status: number;
  /** Null when the handler gave no answer. */
  handler: HandlerSignature | null;
  /** What decided, or why no answer came. */
  evidence: string;
}

/**
 * Why a style named on an accepted request still counts as refused: `raw` matches every
 * request's own bytes, so it shared request #`acceptedIn` (whose bytes were `bytesOf`'s, when
 * another style's) and matched refused request #`refusedIn` too.
 */
export interface AcceptedOnlyThere {
  acceptedIn: number;
  /** The other style whose bytes the accepted request was; null when it was signed in this style alone. */
  bytesOf: string | null;
  refusedIn: number;
}

/** A style on an accepted request that the handler does not verify in, and the requests that show it. */
export interface StyleNotVerified {
  style: string;
  /** Null when no single pair of requests shows it. */
  shownBy: AcceptedOnlyThere | null;
}

/**
 * What a probe of the handler's verifier found, as a code and what the words need; every front
 * end words it with `probeFindingWords` (main/contract/words), naming styles its own way.
 */
export type ProbeFinding =
  /**
   * It refused the wrong signature and accepted `HandlerProbe.stylesAccepted`. `stylesAlike`:
   * every style gave the call the same bytes, so no style is told apart.
   */
  | { code: 'checks-signatures'; stylesAlike: true }
  | {
      code: 'checks-signatures';
      stylesAlike: false;
      /** Styles named on accepted requests that it still does not verify (this Flowent's style left out: see `flowent`). */
      notVerified: StyleNotVerified[];
      /**
       * The style this Flowent signs with, when its calls told the styles apart, and whether the
       * handler accepts it (`shownBy`: why a style on an accepted request counts as refused).
       */
      flowent:
        | {
            style: string;
            accepted: true;
            /**
             * Calls to this URL valid in this style that the handler rejected before the probe
             * (ids, oldest first, the last few): one probe that passes cannot explain those.
             */
            refusedBefore: number[];
          }
        | { style: string; accepted: false; shownBy: AcceptedOnlyThere | null }
        | null;
    }
  /** It accepted the wrong signature (`evidence`: its answer); `flowentStyle`: the style a verifier should accept, when learned. */
  | { code: 'accepts-wrong-signature'; evidence: string; flowentStyle: string | null }
  /** It refused the wrong signature and the call in every style: another key, or bytes no style produces. */
  | { code: 'refuses-every-style' }
  /** A request got no answer; `evidence` is the forwarding's own sentence (where, why, what to do). */
  | { code: 'unreachable'; evidence: string }
  /** Its answer to the wrong signature (`evidence`) says nothing about the signature. */
  | { code: 'unclear'; evidence: string }
  /** Stopped (the command's Ctrl-C, the page's Cancel) after `sent` of `total` requests, before the wrong signature. */
  | { code: 'stopped'; sent: number; total: number };

/** What a probe of the handler's verifier found. */
export interface HandlerProbe {
  probedCallId: number;
  /** Where the probe calls went. */
  url: string;
  /** One row per distinct signed request, in the engine's style order. */
  rows: ProbeRow[];
  /** The same call with a signature that matches no style. */
  wrongSignature: ProbeRow;
  /** True: it refused the wrong signature; false: it accepted it; null: it could not be told (no answer, or an answer that says nothing). */
  checksSignatures: boolean | null;
  /**
   * Styles whose request it accepted, less those a refused request was valid in too; none when
   * every style gave the call the same bytes (accepting them proves one of them, not each).
   */
  stylesAccepted: string[];
  /** The finding: the security problem first, if any. */
  finding: ProbeFinding;
}

/** Where a probe of the handler's verifier is: the `sending`th request of `total` (the wrong signature last, with no styles). */
export interface ProbeStepOf {
  /** The probed call. */
  callId: number;
  sending: number;
  total: number;
  styles: string[];
}

/**
 * A probe of the handler's verifier is about to send its `sending`th request (a slow handler
 * can take minutes over them all); `probe-finished`: no probe of call `callId` goes on any more.
 * Every page hears both, whoever started the probe (another page, the command line).
 */
export type HandlerEvent = ({ type: 'probe-progress' } & ProbeStepOf) | { type: 'probe-finished'; callId: number };

type Args = ArgumentsOf<typeof handlerArguments>;

export interface HandlerMethods {
  /**
   * Sends a stored call to the handler re-signed in each style, plus once with a wrong
   * signature, and says which it accepted. The calls reach the real handler (the page asks
   * first); they are stored as replays. `target` null: the action's forwarding target.
   */
  probeHandler(...[callId, target]: Args['probeHandler']): Promise<Result<HandlerProbe, HandlerFailure>>;
  /**
   * Stops the probes of call `callId` going on (the page's Cancel, as the command's Ctrl-C): no
   * more requests are sent, the one in flight is answered and stored, and the probe's result is
   * the `stopped` finding. `stopping` false: no probe of that call was going.
   */
  stopProbe(...[callId]: Args['stopProbe']): Promise<{ stopping: boolean }>;
  /** The probes going on, whoever started them, each at its latest step (none before its first): what a page shows on opening. */
  listProbes(...args: Args['listProbes']): Promise<ProbeStepOf[]>;
  /** A verifier in `language` that accepts calls signed in `style`. */
  getVerifierSnippet(...[language, style]: Args['getVerifierSnippet']): Promise<Result<string, HandlerFailure>>;
}

export const HANDLER_METHOD_NAMES = [
  'probeHandler',
  'stopProbe',
  'listProbes',
  'getVerifierSnippet',
] as const satisfies readonly (keyof HandlerMethods)[];

/**
 * The signature diagnoses (diagnose.ts) of a wrong signature that is valid once corrected: with
 * the key set here trimmed of its whitespace, or the digest read in lowercase hex. A handler
 * that accepts such a call is right, not to be told to reject it.
 */
export type ValidOnceCorrected = 'key-whitespace' | 'hex-case';

/** How a call's signature is valid once corrected, from its diagnosis codes; null when it is not. */
export function validOnceCorrected(codes: readonly string[]): ValidOnceCorrected | null {
  for (const code of codes) if (code === 'key-whitespace' || code === 'hex-case') return code;
  return null;
}
