/**
 * Why the handler and the companion disagree about a call's signature, in words, for every
 * front end: the page shows it first in a call's details, naming styles by label as the
 * signature details and the handler's section do. The core returns the diagnosis's code and
 * parameters only; the answer's evidence and what the handler did so far come from the report.
 */
import type { HandlerDiagnosis, HandlerKnownFor, HandlerReport } from '../handlers';
import type { HandlerSignature } from '../names-and-limits';
import { HMAC_KEY_ENV } from '../secret-variables';
import { counted } from './counted';
import type { Said } from './said';
import type { SigningVocabulary } from './vocabulary';

/** A report that holds a diagnosis. */
export type DiagnosedReport = Pick<HandlerReport, 'evidence' | 'known' | 'knownFor'> & { diagnosis: HandlerDiagnosis };

const CHECK_THE_KEY = `Check that your handler's ${HMAC_KEY_ENV} equals the key set here (Flowent's admin panel, Gateway Management > HMAC Keys), and that it verifies the body bytes as received, not a copy re-encoded by a framework.`;

type StyleDiagnosis = Extract<HandlerDiagnosis, { mostCallsIn: string | null }>;

/**
 * Why no known style explains a rejected valid signature, when the styles cannot be the cause.
 * That rules out the 13 known styles, not every way of serializing: a handler that signs text
 * none of them produces gets the same evidence as one with another key, so both are said.
 */
const NO_KNOWN_STYLE: Record<
  Exclude<
    Extract<HandlerDiagnosis, { code: 'handler-refused-valid-signature' }>['cause'],
    'none-accepted' | 'accepted-since' | 'key-unset'
  >,
  string
> = {
  'styles-alike': 'every known style gives the same signed text for this call',
  'no-style-fits': 'no single signing style fits every call it accepted and rejected (its key may have changed since)',
  'every-style-refused': 'it has rejected calls signed in every known style and accepted none',
};

/** What a handler refusing text every known style agrees on may be doing instead: its key, or its own serialization (the probe says it too). */
export const KEY_OR_UNKNOWN_TEXT =
  'its key differs, or it verifies text none of the known styles produce (common: spaces after , or :, the signature field left in the signed text, a body re-encoded by a framework)';

/**
 * When a call's diagnosis is said: as the call came (serve's line, send's and replay's results,
 * a followed call), or read later (`calls`, `calls <id>`), when the record holds the calls after it.
 */
export type DiagnosisMoment = 'as-it-came' | 'read-later';

/**
 * "So far (as of now, not when this call came), your handler has accepted 3 calls with a valid
 * signature and rejected 2": the diagnosis is worked out when it is read, from all the handler
 * has taught until then, so an old call's counts include the calls after it, and say so. Said
 * as the call came, now is when it came: the aside would be noise, so it is left out.
 */
function recordSoFar({ known }: Pick<HandlerReport, 'known'>, moment: DiagnosisMoment): string {
  const soFar = moment === 'read-later' ? 'So far (as of now, not when this call came)' : 'So far';
  return `${soFar}, your handler has accepted ${counted(known.accepted, 'call')} with a valid signature and rejected ${known.refused}.`;
}

/**
 * Which key what the handler did is shown for, when it is not simply the key set now: every
 * front end says it before that record (the page above its facts, the command line before its
 * counts). A key changed since the call came is said, not shown as the new key's empty record.
 */
export function handlerKnownForWords(knownFor: HandlerKnownFor): string | null {
  switch (knownFor) {
    case 'key-set-now':
      return null;
    case 'key-changed':
      return 'This call was checked with another key than the one set now: what your handler did is shown for the key this call was checked with.';
    case 'no-key-now':
      return `No HMAC key is set now (${HMAC_KEY_ENV}, or Settings): what your handler did is shown for the key this call was checked with.`;
    case 'no-key-then':
      return 'This call came while no HMAC key was set: what your handler did is shown for the calls that came without one.';
    case 'key-not-recorded':
      return 'Which key this call was checked with was not recorded (an older version stored it, or it was imported): what your handler did is shown for the key set now.';
    default: {
      const never: never = knownFor;
      return never;
    }
  }
}

/** The record's sentences, led by which key it is for when that is not the key set now. */
function withKeyNote(report: Pick<HandlerReport, 'knownFor'>, record: string): string {
  const note = handlerKnownForWords(report.knownFor);
  return note === null ? record : `${note} ${record}`;
}

/**
 * What a rejected valid signature the styles tell apart means, short: this call's style, the
 * one most of this Flowent's calls are in when it differs (the replay section names the style
 * learned from all calls), and no list of styles: the page's table lists them, the command
 * line's why-line adds them (`handlerRecordText`).
 */
function styleMismatch(diagnosis: StyleDiagnosis, answered: string, say: SigningVocabulary): string {
  const { signedIn, mostCallsIn } = diagnosis;
  const signed = `Your handler rejected a valid signature ${answered}: this call was signed with ${say.style(signedIn)}`;
  const most = mostCallsIn === null ? '' : `, though most of this Flowent's calls are signed with ${say.style(mostCallsIn)}`;
  // Never a signed call accepted: the style it verifies with is unknown, and its key may differ as well.
  if (diagnosis.code === 'handler-refused-valid-signature')
    return `${signed}${most}. It has not accepted a signed call yet: it verifies with another style, or with another key.`;
  return `${signed}, a style it does not verify with${most}.`;
}

/**
 * The style most of this Flowent's calls are signed in, when the diagnosis names it beside this
 * call's own (`styleMismatch`: "though most of this Flowent's calls are signed with python");
 * null when it does not.
 */
export function mostCallsNamed(diagnosis: HandlerDiagnosis | null): string | null {
  return diagnosis !== null && 'mostCallsIn' in diagnosis ? diagnosis.mostCallsIn : null;
}

/** What to do about a valid signature refused in a style it was told apart by: a verifier for it, and one for most calls. */
function styleTodo({ signedIn, mostCallsIn }: StyleDiagnosis, say: SigningVocabulary): string {
  return (
    `${say.getVerifier(signedIn)} a verifier that accepts how this call was signed` +
    (mostCallsIn === null ? '.' : `, and ${say.getVerifier(mostCallsIn)} one for most of this Flowent's calls.`)
  );
}

/** The handler's diagnosis as what happened and what to do, in a front end's words. */
export function handlerDiagnosisWords(report: DiagnosedReport, say: SigningVocabulary): Required<Said> {
  const { diagnosis } = report;
  const answered = `(it answered ${report.evidence})`;
  switch (diagnosis.code) {
    case 'handler-signature-style-mismatch':
      return { what: styleMismatch(diagnosis, answered, say), todo: styleTodo(diagnosis, say) };
    case 'handler-refused-valid-signature':
      if (diagnosis.cause === 'none-accepted') return { what: styleMismatch(diagnosis, answered, say), todo: styleTodo(diagnosis, say) };
      if (diagnosis.cause === 'key-unset')
        return {
          what: `Your handler rejected a valid signature ${answered}: it says it has no HMAC key set, so it can verify no signature.`,
          todo: `Set ${HMAC_KEY_ENV} where your handler runs to the key set here (Flowent's admin panel, Gateway Management > HMAC Keys), then restart it.`,
        };
      if (diagnosis.cause === 'accepted-since')
        return {
          what: `Your handler rejected a valid signature ${answered}: this call was signed with ${say.style(diagnosis.signedIn)}, a style your handler has accepted since. It was changed after this call came (a verifier pasted in, its key set right), or it rejects some calls for another reason.`,
          todo: `Nothing is left to fix if it was changed: ${say.replayResigned} sends this call again, to see that your handler accepts it now.`,
        };
      return {
        what: `Your handler rejected a valid signature ${answered}, and ${NO_KNOWN_STYLE[diagnosis.cause]}: ${KEY_OR_UNKNOWN_TEXT}.`,
        todo: `${CHECK_THE_KEY} Then compare the bytes your handler signs with the signed bytes here: ${say.showSignedBytes}.`,
      };
    case 'handler-refused-registration-check':
      return {
        what: `Your handler rejected Flowent's registration check ${answered}. Flowent sends it with "test": true and no signature; rejected, the action cannot be registered.`,
        todo: `Answer calls with "test": true with a 2xx before checking the signature: ${say.getVerifier(null)} a verifier that does.`,
      };
    case 'handler-accepted-invalid-signature':
      return {
        what: `Your handler accepted a call whose signature is not valid with the key set here ${answered}: either it does not check signatures, or its key differs from this one.`,
        todo: `Make your handler reject a wrong signature with 401 (${say.getVerifier(null)} one that does), and check that the key set here is the one in Flowent's admin panel.`,
      };
    case 'handler-accepted-valid-once-corrected':
      if (diagnosis.cause === 'key-whitespace')
        return {
          what: `Your handler accepted the call ${answered}, and it is right to: the signature is valid with the key set here once its leading or trailing whitespace is trimmed. Your handler is fine; the key set here is off.`,
          todo: `Set the key here again without surrounding spaces or line breaks (${HMAC_KEY_ENV}, or the app's settings); leave your handler as it is.`,
        };
      return {
        what: `Your handler accepted the call ${answered}, and it is right to: the signature is valid, only written in uppercase hex, which Flowent never sends. Your handler compares the digest regardless of case, which is safe.`,
        todo: 'Leave your handler as it is; whatever sent this call should write the hex digest in lowercase, as Flowent does.',
      };
    case 'handler-accepted-malformed-signature':
      // No HMAC-SHA256 is anything but 64 hex characters: whatever key the handler has, it did not verify this one.
      return {
        what: `Your handler accepted a call whose signature is not an HMAC-SHA256 at all ${answered}: it is not 64 hex characters, so no key gives it. Your handler does not check signatures, or checks something other than the body's "signature".`,
        todo: `Make your handler reject a signature that does not verify with 401 (${say.getVerifier(null)} one that does).`,
      };
    case 'handler-accepted-unsigned':
      return {
        what: `Your handler accepted a call without a signature ${answered}: anyone who can reach it can run the action.`,
        todo: `Reject calls without a signature with 401, except Flowent's registration check ("test": true): ${say.getVerifier(null)} a verifier that does.`,
      };
    default: {
      const never: never = diagnosis;
      return never;
    }
  }
}

/**
 * What the diagnosis is about, as its box's name and first sentence: the signature both judged,
 * or, for Flowent's unsigned registration check, the check itself (there is no signature to
 * disagree about, only an answer it must give).
 */
export function handlerDiagnosisHeading(diagnosis: HandlerDiagnosis): { name: string; lead: string } {
  if (diagnosis.code === 'handler-refused-registration-check') {
    return { name: 'Your handler and the registration check', lead: "Your handler must answer Flowent's registration check with any 2xx." };
  }
  return { name: 'Your handler and the signature', lead: 'Your handler and the companion disagree about the signature.' };
}

/**
 * Whether the handler's verdict and the companion's can disagree, so that a call's details may
 * hold a diagnosis: the pairs `diagnoseHandler` (main/core/handler-check) diagnoses. A front end
 * that lists calls reads the details, which cost a check in every style, for these calls only.
 */
export function handlerMayDisagree(verdict: string, handlerSignature: HandlerSignature | null): boolean {
  if (handlerSignature === 'refused') return verdict === 'valid' || verdict === 'unsigned-test';
  if (handlerSignature === 'accepted') return verdict === 'invalid' || verdict === 'malformed' || verdict === 'missing';
  return false;
}

/** Whether the diagnosis's paragraph says the handler's record (a rejected valid signature's: the record explains it). */
function tellsRecord(diagnosis: HandlerDiagnosis | null): boolean {
  return diagnosis?.code === 'handler-signature-style-mismatch' || diagnosis?.code === 'handler-refused-valid-signature';
}

/**
 * What the page's table beside the diagnosis says, as sentences for a front end without it:
 * the styles the handler may verify with and its record so far, for a rejected valid
 * signature; null for the other diagnoses, which the record does not explain.
 */
function handlerRecordText(report: DiagnosedReport, say: SigningVocabulary, moment: DiagnosisMoment): string | null {
  if (!tellsRecord(report.diagnosis)) return null;
  const verifiesWith = report.known.stylesAccepted;
  // None, or no style mismatch: no style to name; the record still says what it did.
  if (report.diagnosis.code !== 'handler-signature-style-mismatch' || verifiesWith.length === 0)
    return withKeyNote(report, recordSoFar(report, moment));
  const styles =
    verifiesWith.length === 1
      ? `It verifies with ${say.style(verifiesWith[0]!)}.`
      : `It verifies with one of ${say.styles(verifiesWith)} (the calls so far do not tell them apart).`;
  return withKeyNote(report, `${styles} ${recordSoFar(report, moment)}`);
}

/**
 * For a front end without the page's table of what the handler did, under a call's handler in
 * its details (read later): which key its record is for and its counts, when that is not the key
 * set now and the diagnosis's paragraph (`handlerDiagnosisText`) does not say them already. Null otherwise.
 */
export function handlerKnownForText(report: Pick<HandlerReport, 'known' | 'knownFor' | 'diagnosis'>): string | null {
  if (report.knownFor === 'key-set-now' || tellsRecord(report.diagnosis)) return null;
  return withKeyNote(report, recordSoFar(report, 'read-later'));
}

/**
 * The diagnosis as one paragraph, what happened, the handler's record, then what to do: the
 * command line's why-line, `calls --json`'s message.
 */
export function handlerDiagnosisText(report: DiagnosedReport, say: SigningVocabulary, moment: DiagnosisMoment): string {
  const { what, todo } = handlerDiagnosisWords(report, say);
  const record = handlerRecordText(report, say, moment);
  return record === null ? `${what} ${todo}` : `${what} ${record} ${todo}`;
}
