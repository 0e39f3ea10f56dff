import type { CallDetail, HandlerReport } from '../../../main/contract/api';
import { Prose } from '../shared/Prose';
import { VerifierFold } from './VerifierSnippet';

/**
 * A style's name in the page: the label the signature details show it under ("Python example
 * (as sent, ASCII escapes)"), so the handler's section and the signature panel name a style
 * alike (the probe's finding too); its id ("python", as the terminal says it) when the call
 * has no label for it.
 */
export function styleLabel(call: CallDetail, style: string): string {
  return call.signature.styles.find((s) => s.style === style)?.label ?? style;
}

/** The styles a handler accepted or refused so far, by name ("; " apart: names have commas); each one's id in its title. */
function StyleList({ call, styles, testId }: { call: CallDetail; styles: string[]; testId: string }) {
  if (styles.length === 0) return <dd data-testid={testId}>none yet</dd>;
  return (
    <dd data-testid={testId}>
      {styles.map((style, index) => (
        <span key={style}>
          {index > 0 && '; '}
          <span title={style}>{styleLabel(call, style)}</span>
        </span>
      ))}
    </dd>
  );
}

/** What the handler taught so far, in one line. */
export function HandlerTaught({ call, report }: { call: CallDetail; report: HandlerReport }) {
  const { known } = report;
  return (
    <dl className="facts handler-taught" aria-label="What your handler did so far">
      <dt>Styles it accepted</dt>
      <StyleList call={call} styles={known.stylesAccepted} testId="handler-styles-accepted" />
      <dt>Styles it refused</dt>
      <StyleList call={call} styles={known.stylesRefused} testId="handler-styles-refused" />
      <dt>Valid signatures</dt>
      <dd>
        {known.accepted} accepted, {known.refused} refused
      </dd>
      {known.acceptedUnverified + known.refusedUnverified > 0 && (
        <>
          <dt>Bad or no signature</dt>
          <dd>
            {known.acceptedUnverified} accepted, {known.refusedUnverified} refused
          </dd>
        </>
      )}
    </dl>
  );
}

/**
 * Shown first in a call's details when the handler and the companion disagree about the
 * signature: what that means, what the handler did so far, and (folded, so the verdict below
 * stays on the first screen) a verifier that fixes it.
 */
export function HandlerDiagnosis({ call }: { call: CallDetail }) {
  const report = call.handler;
  const diagnosis = report?.diagnosis;
  if (!report || !diagnosis) return null;
  return (
    <div className="problem-box handler-diagnosis" role="group" aria-label="Your handler and the signature" data-code={diagnosis.code}>
      <p>
        <strong>Your handler and the companion disagree about the signature.</strong> <Prose text={diagnosis.message} />
      </p>
      <p>
        <span className="what-to-do">What to do:</span> <Prose text={diagnosis.hint} />
      </p>
      <HandlerTaught call={call} report={report} />
      <VerifierFold
        summary="Show a verifier that checks this style"
        style={report.verifierStyle}
        styleLabel={styleLabel(call, report.verifierStyle)}
      />
    </div>
  );
}
