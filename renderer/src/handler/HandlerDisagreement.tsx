import type { CallDetail, HandlerReport } from '../../../main/contract/api';
import { styleLabel } from '../../../main/contract/style-labels';
import {
  acceptedRejectedWords,
  HANDLER_RECORD,
  handlerDiagnosisHeading,
  handlerDiagnosisWords,
  handlerKnownForWords,
  learnedStyleFoldWords,
  MOST_CALLS_FOLD,
  mostCallsNamed,
  noStylesWords,
  rejectedStylesWords,
  REPLAY_BUTTONS,
  SET_KEY_AGAIN,
  SIGNED_BYTES_OF,
  THIS_STYLE_FOLD,
  WHAT_TO_DO_LEAD,
  type SigningVocabulary,
} from '../../../main/contract/words';
import { openSettings } from '../page/ui-actions';
import { useMetaStore } from '../page/stores';
import { Prose } from '../shared/Prose';
import { VerifierFold } from './VerifierSnippet';
import { evidenceOnce } from './evidence-once';

/**
 * The page's words for styles and verifiers: styles by label ("; " apart: labels have commas),
 * a verifier by the fold that shows it (`foldFor`: its summary), never by a command to run.
 */
export function pageSigningVocabulary(foldFor: (style: string | null) => string): SigningVocabulary {
  return {
    style: styleLabel,
    styles: (styles) => styles.map(styleLabel).join('; '),
    getVerifier: (id) => `"${foldFor(id)}" below gives`,
    showSignedBytes: `the signature's "${SIGNED_BYTES_OF}" view shows them, one style at a time`,
    replayResigned: `"${REPLAY_BUTTONS.resigned}" below`,
  };
}

/**
 * The styles a handler accepted or rejected so far, by name ("; " apart: names have commas); each
 * one's id in its title. Inside the fact's one `<dd>`: a second `<dd>` under the same term would
 * land in the facts grid's term column.
 */
function StyleNames({ styles, testId, none = noStylesWords(false) }: { styles: string[]; testId: string; none?: string }) {
  if (styles.length === 0) return <span data-testid={testId}>{none}</span>;
  return (
    <span data-testid={testId}>
      {styles.map((style, index) => (
        <span key={style}>
          {index > 0 && '; '}
          <span title={style}>{styleLabel(style)}</span>
        </span>
      ))}
    </span>
  );
}

/**
 * What the handler taught so far, from every call to its route checked with this call's key: said
 * "so far (as of now)", as the core's diagnosis says it: in the details of an old call these are
 * today's totals, not what was known when that call came. Which key they are for is said first
 * when it is not the key set now.
 */
export function HandlerTaught({ report }: { report: HandlerReport }) {
  const { known } = report;
  // Calls every style signs alike are said in one line, not as every style rejected.
  const rejected = rejectedStylesWords(known);
  const keyNote = handlerKnownForWords(report.knownFor);
  return (
    <>
      {keyNote !== null && (
        <p className="handler-known-for" data-testid="handler-known-for">
          {keyNote}
        </p>
      )}
      <dl className="facts handler-taught" aria-label={HANDLER_RECORD.name}>
        {/* Learned per URL: another action's route of the same handler keeps a record of its own. */}
        <dt>{HANDLER_RECORD.reached}</dt>
        <dd data-testid="handler-reached">
          <code>{report.reached}</code>
        </dd>
        {/* The styles it may check with, not each style of a request it took: a probe's table lists those. */}
        <dt>{HANDLER_RECORD.stylesAccepted}</dt>
        <dd>
          <StyleNames styles={known.stylesAccepted} testId="handler-styles-accepted" none={noStylesWords(known.acceptedUnverified > 0)} />
        </dd>
        <dt>{HANDLER_RECORD.stylesRejected}</dt>
        {/* The styles and the calls every style signs alike are one fact: the note goes on a line of its own in the same dd. */}
        <dd>
          {rejected.list && <StyleNames styles={known.stylesRefused} testId="handler-styles-refused" />}
          {rejected.note !== null && (
            <span className="fact-note" data-testid="handler-rejected-alike">
              {rejected.note}
            </span>
          )}
        </dd>
        <dt>{HANDLER_RECORD.valid}</dt>
        <dd>{acceptedRejectedWords(known.accepted, known.refused)}</dd>
        {known.acceptedUnverified + known.refusedUnverified > 0 && (
          <>
            <dt>{HANDLER_RECORD.unverified}</dt>
            <dd>{acceptedRejectedWords(known.acceptedUnverified, known.refusedUnverified)}</dd>
          </>
        )}
      </dl>
    </>
  );
}

/**
 * What the box offers below the record: a verifier that fixes the handler (folded, so the
 * verdict below stays on the first screen), and one for most of this Flowent's calls when this
 * call is signed otherwise. A handler that rightly accepted a signature valid once corrected
 * needs no verifier: the key set here (trimmed of its whitespace) is what to fix, so the box
 * points at where it is set, when the page can set it; a digest in uppercase is the sender's to fix.
 */
function Remedy({ report, verifierFold, mostCallsIn }: { report: HandlerReport; verifierFold: string; mostCallsIn: string | null }) {
  const canSetKey = useMetaStore((s) => s.status?.canSetHmacKey ?? false);
  const diagnosis = report.diagnosis;
  if (diagnosis?.code === 'handler-accepted-valid-once-corrected') {
    if (diagnosis.cause !== 'key-whitespace' || !canSetKey) return null;
    return (
      <p>
        <button type="button" className="link-button" data-testid="handler-set-key" onClick={openSettings}>
          {SET_KEY_AGAIN}
        </button>
      </p>
    );
  }
  return (
    <>
      <VerifierFold summary={verifierFold} style={report.verifierStyle} styleLabel={styleLabel(report.verifierStyle)} />
      {mostCallsIn !== null && <VerifierFold summary={MOST_CALLS_FOLD} style={mostCallsIn} styleLabel={styleLabel(mostCallsIn)} />}
    </>
  );
}

/**
 * Shown first in a call's details when the handler and the companion disagree about the
 * signature: what that means in a line (the styles are listed in the table, not in it), what
 * the handler did so far, and what fixes it (see Remedy).
 */
export function HandlerDisagreement({ call }: { call: CallDetail }) {
  const report = call.handler;
  const diagnosis = report?.diagnosis;
  if (!report || !diagnosis) return null;
  const mostCallsIn = mostCallsNamed(diagnosis);
  // verifierStyle is the call's own style only when it is validly signed (handler-report.ts).
  const verifierFold = call.verdict === 'valid' ? THIS_STYLE_FOLD : learnedStyleFoldWords(styleLabel(report.verifierStyle));
  const { what, todo } = handlerDiagnosisWords(
    // "(it answered 401)": the problem box below quotes the handler's error, when it does.
    { ...report, evidence: evidenceOnce(call, report.evidence), diagnosis },
    pageSigningVocabulary((style) => (style !== null && style === mostCallsIn ? MOST_CALLS_FOLD : verifierFold)),
  );
  // A registration check carries no signature: its box speaks of the check.
  const heading = handlerDiagnosisHeading(diagnosis);
  return (
    <div className="problem-box handler-diagnosis" role="group" aria-label={heading.name} data-code={diagnosis.code}>
      <p>
        <strong>{heading.lead}</strong> <Prose text={what} />
      </p>
      <p>
        <span className="what-to-do">{WHAT_TO_DO_LEAD}</span> <Prose text={todo} />
      </p>
      <HandlerTaught report={report} />
      <Remedy report={report} verifierFold={verifierFold} mostCallsIn={mostCallsIn} />
    </div>
  );
}
