/** The developer's handler: its verdict on each call's signature, what it taught, and a probe of its verifier. */
import type { CallsFailure, Diagnosis } from './shared';
import type { ReplayFailure } from './replay';
import type { Result } from './result';
import type { ArgumentsOf } from './schemas/arguments';
import type { handlerArguments } from './schemas/handlers';

/**
 * Why a probe of the handler, or a verifier snippet, was refused: the replay's failures (the
 * call, the target, the key, the style), and a registration check, which carries no signature.
 */
export type HandlerFailure =
  ReplayFailure | Extract<CallsFailure, { code: 'call-without-action' }> | { code: 'probe-registration-check'; id: number; action: string };

/**
 * What a handler's answer says about the signature of the call it was sent: it accepted it
 * (2xx), refused it (401/403, or an error text about the signature or HMAC), or its answer
 * does not say (a 500 about something else).
 */
export type HandlerSignature = 'accepted' | 'refused' | 'unknown';

export const HANDLER_SIGNATURES: readonly HandlerSignature[] = ['accepted', 'refused', 'unknown'];

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
  /** Styles it may verify with: valid in every call it accepted, in none it refused. Empty until it accepted one. */
  stylesAccepted: string[];
  /** Styles of valid calls it refused: it does not verify in these. */
  stylesRefused: string[];
}

/** A forwarded or replayed call's handler verdict, in the call's details. */
export interface HandlerReport {
  verdict: HandlerSignature;
  /** The part of the answer that decided: `401 "Invalid signature"`, `200`. */
  evidence: string;
  /** The handler that answered: its target URL as configured, `{action_name}` kept (credentials in it are not stored); what a probe is sent to. */
  target: string;
  /** When the handler and the companion disagree about the signature, what that means (shown first). */
  diagnosis: Diagnosis | null;
  known: HandlerTally;
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
  /** The finding in words: the security problem first, if any. */
  summary: string;
  /**
   * A code for the finding: `checks-signatures`, `accepts-wrong-signature`, `refuses-every-style`,
   * `unreachable`, `unclear`; `stopped` when it was stopped (the command's Ctrl-C, the page's Cancel) before
   * every request was sent.
   */
  finding: 'checks-signatures' | 'accepts-wrong-signature' | 'refuses-every-style' | 'unreachable' | 'unclear' | 'stopped';
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
