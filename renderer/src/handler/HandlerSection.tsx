import { useEffect, useRef, useState, type RefObject } from 'react';
import type { CallDetail, HandlerProbe, HandlerReport, HandlerTally, ProbeRow } from '../../../main/contract/api';
import {
  HANDLER_SIGNATURE_WORD,
  handlerVerdictWords,
  probeFindingWords,
  probeRowStyles,
  probeVerifierWanted,
  type HandlerVoice,
  type ProbeVocabulary,
  CHECKING_VERIFIER,
  confirmGroupWords,
  KEEP_WORDS,
  SECTION_NAMES,
} from '../../../main/contract/words';
import { styleLabel } from '../../../main/contract/style-labels';
import { selectCall } from '../history/calls-actions';
import { Prose } from '../shared/Prose';
import { probeHandler, stopProbe } from './handler-actions';
import { clearProbeProgress, markProbeStopping, probeStepInWords, useProbeProgress } from './probe-progress';
import { HandlerTaught, pageSigningVocabulary } from './HandlerDisagreement';
import { evidenceOnce } from './evidence-once';
import { VerifierFold } from './VerifierSnippet';
import { ErrorLine } from '../shared/ErrorLine';
import { BusyButton } from '../shared/BusyButton';

/** Under the heading "Your handler" the handler is "It"; no word is stressed: a rejection that matters has the diagnosis box above. */
const HANDLER_VOICE: HandlerVoice = { subject: 'It', owner: 'Its', alarm: (word) => word };

/** The fold under a probe's finding that holds the verifier it tells the user to get. */
const PROBE_VERIFIER_FOLD = 'Show a verifier';

/** The finding names styles as the table beside it (by label), and a verifier by the fold under it. */
const PROBE_VOCABULARY: ProbeVocabulary = {
  ...pageSigningVocabulary(() => PROBE_VERIFIER_FOLD),
  bytesOf: (id) => `those of ${styleLabel(id)}`,
};

/**
 * Whether calls to the handler rule `style` out, as "Styles it may verify with" beside the
 * finding says: a style it rejected, or one missing from a list of styles it may verify with.
 * A probe's request accepted in several styles that write this call alike names them all, and
 * unmarked a style missing from that list would read as a contradiction on the same screen.
 */
function ruledOut(known: HandlerTally, style: string): boolean {
  return known.stylesRefused.includes(style) || (known.stylesAccepted.length > 0 && !known.stylesAccepted.includes(style));
}

/** The probe's words for this handler: styles other calls to it rule out are marked. */
function probeVocabulary(known: HandlerTally): ProbeVocabulary {
  const named = (style: string) =>
    ruledOut(known, style) ? `${styleLabel(style)} (other calls to it rule this style out)` : styleLabel(style);
  return { ...PROBE_VOCABULARY, styles: (styles) => styles.map(named).join('; ') };
}

/**
 * The developer's handler as this call's answer shows it: its verdict on the signature, what
 * it did so far, a verifier (when no diagnosis above shows one already), and a probe of its
 * verifier on request.
 */
export function HandlerSection({ call }: { call: CallDetail }) {
  const report = call.handler;
  if (!report) return null;
  return (
    <section aria-label="Your handler" className="handler-section">
      <h3>Your handler</h3>
      <HandlerVerdictLine call={call} report={report} />
      {/* With a diagnosis, the box at the top shows all this already. */}
      {!report.diagnosis && (
        <>
          <HandlerTaught report={report} />
          <VerifierFold summary="A verifier for your handler" style={report.verifierStyle} styleLabel={styleLabel(report.verifierStyle)} />
        </>
      )}
      <ProbeControls call={call} report={report} />
    </section>
  );
}

/**
 * The handler's verdict with the part of its answer that decided: only its status when the
 * problem box above quotes its error already, and then, for an answer that says nothing about
 * the signature, what that concludes ("Its 500 says nothing about the signature").
 */
export function HandlerVerdictLine({ call, report }: { call: CallDetail; report: HandlerReport }) {
  const evidence = evidenceOnce(call, report.evidence);
  const statusOnly = evidence !== report.evidence;
  if (statusOnly && report.verdict === 'unknown') {
    return <p data-testid="handler-verdict">{handlerVerdictWords(report.verdict, call.signature.verdict, HANDLER_VOICE, evidence)}.</p>;
  }
  return (
    <p data-testid="handler-verdict">
      {handlerVerdictWords(report.verdict, call.signature.verdict, HANDLER_VOICE)} <span className="muted">({evidence})</span>.
    </p>
  );
}

/** Where the focus goes after a press in the probe's controls. */
type FocusPlace = 'check' | 'confirm' | 'stop' | 'result';

function ProbeControls({ call, report }: { call: CallDetail; report: HandlerReport }) {
  const [asking, setAsking] = useState(false);
  /** This page's own probe is on its way: its result shows here when it comes. */
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [probe, setProbe] = useState<HandlerProbe | null>(null);
  // Whoever started it: this page, another page, or the command line against the same serve.
  const step = useProbeProgress((s) => s.steps[call.id]);
  const stopping = useProbeProgress((s) => s.stopping[call.id] === true);
  const running = busy || step !== undefined;
  // Each button here goes when pressed (the confirm's, the progress's): the focus goes with the
  // person to what takes its place, never to the page's body.
  const checkButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const stopButton = useRef<HTMLButtonElement>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  // Set by a press, followed once the page has drawn what the press changed (the element is not there before).
  const [focusTo, setFocusTo] = useState<{ place: FocusPlace } | null>(null);
  useEffect(() => {
    if (!focusTo) return;
    const places = { check: checkButton, confirm: confirmButton, stop: stopButton, result: resultHeading };
    places[focusTo.place].current?.focus();
  }, [focusTo]);
  const focusNext = (place: FocusPlace) => setFocusTo({ place });
  const run = async () => {
    if (running) return;
    setAsking(false);
    setBusy(true);
    setError(null);
    focusNext('stop');
    const attempt = await probeHandler(call.id, report.target);
    clearProbeProgress(call.id);
    setBusy(false);
    if (attempt.ok) setProbe(attempt.probe);
    else setError(attempt.message);
    // Unless the person went elsewhere meanwhile.
    const focus = document.activeElement;
    if (!focus || focus === document.body || focus === stopButton.current) focusNext(attempt.ok ? 'result' : 'check');
  };
  return (
    <>
      {!asking && (
        <BusyButton
          ref={checkButton}
          busy={running}
          onClick={() => {
            setAsking(true);
            focusNext('confirm');
          }}
        >
          Check my handler&apos;s verifier…
        </BusyButton>
      )}
      {asking && (
        <div className="confirm" role="group" aria-label={confirmGroupWords('probeHandler')}>
          <p>
            This sends call #{call.id} to your real handler at <code>{report.reached}</code> re-signed in each signing style (styles that
            write it the same share one request, so a call of plain ASCII text may go only once), and once with a wrong signature. Your
            handler runs the action for every call it accepts. The calls are stored as replays.
          </p>
          <BusyButton ref={confirmButton} busy={running} onClick={() => void run()}>
            Send the calls
          </BusyButton>
          <button
            type="button"
            onClick={() => {
              setAsking(false);
              focusNext('check');
            }}
          >
            {KEEP_WORDS.cancel}
          </button>
        </div>
      )}
      {running && (
        <div className="probe-progress" role="group" aria-label={SECTION_NAMES.probing}>
          {/* The core's steps (probe-progress events): the request being sent, of how many. */}
          <progress max={step?.total ?? 1} value={step ? step.sending - 1 : 0} aria-label="Requests answered" />
          <p className="muted" data-testid="probe-step">
            {stopping
              ? 'Stopping: nothing more is sent; waiting for the request sent to be answered and stored…'
              : step
                ? `${probeStepInWords(step)}…`
                : CHECKING_VERIFIER}
          </p>
          {/* stopProbe stops every probe of the call, whoever started it. */}
          <BusyButton
            ref={stopButton}
            busy={stopping}
            onClick={() => {
              markProbeStopping(call.id);
              void stopProbe(call.id);
            }}
          >
            Cancel
          </BusyButton>
        </div>
      )}
      <ErrorLine message={error} label="Probe error" />
      {probe && <ProbeTable report={report} probe={probe} headingRef={resultHeading} />}
    </>
  );
}

function ProbeTable({
  report,
  probe,
  headingRef,
}: {
  report: HandlerReport;
  probe: HandlerProbe;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const rows = [
    // Named as the signature details name them ("; " apart: names have commas); each style's id in the row's title.
    ...probe.rows.map((row) => ({
      row,
      what: probeRowStyles(probe, row, styleLabel).join('; '),
      title: row.styles.join('\n'),
      wrong: false,
    })),
    { row: probe.wrongSignature, what: 'a wrong signature', title: undefined, wrong: true },
  ];
  const { code } = probe.finding;
  const alarming = code === 'accepts-wrong-signature' || code === 'unreachable';
  const verifier = probeVerifierWanted(probe.finding);
  // None in particular: the style a verifier for this call should accept.
  const verifierStyle = verifier?.style ?? report.verifierStyle;
  return (
    <div role="region" aria-label="Probe result" className="probe-result">
      <h4 tabIndex={-1} ref={headingRef}>
        {SECTION_NAMES.probeHeading}
      </h4>
      <p className={alarming ? 'problem-box' : 'explain-box'} role={alarming ? 'alert' : 'status'} data-finding={code}>
        <Prose text={probeFindingWords(probe, probeVocabulary(report.known))} />
      </p>
      {verifier && <VerifierFold summary={PROBE_VERIFIER_FOLD} style={verifierStyle} styleLabel={styleLabel(verifierStyle)} />}
      <table className="probe-table" aria-label={SECTION_NAMES.probeTable}>
        <thead>
          <tr>
            <th scope="col">Signed in</th>
            <th scope="col">Your handler</th>
            <th scope="col">Answer</th>
            <th scope="col">Stored as</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ row, what, title, wrong }) => (
            <tr key={row.callId > 0 ? row.callId : what} className={rowTone(row, wrong)}>
              <th scope="row" title={title}>
                {what}
              </th>
              <td>{row.handler === null ? 'no answer' : HANDLER_SIGNATURE_WORD[row.handler]}</td>
              {/* The evidence starts with the status ("401 \"Invalid signature\""), or says why no answer came. */}
              <td>{row.evidence}</td>
              <td>
                {row.callId > 0 ? (
                  <button type="button" className="link-button" onClick={() => void selectCall(row.callId)}>
                    #{row.callId}
                  </button>
                ) : (
                  <span className="muted">not sent</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What a person must look at: a style rejected, or a wrong signature accepted. */
function rowTone(row: ProbeRow, wrong: boolean): string | undefined {
  if (row.handler === null) return 'probe-none';
  if (wrong) return row.handler === 'accepted' ? 'probe-bad' : 'probe-good';
  return row.handler === 'accepted' ? 'probe-good' : row.handler === 'refused' ? 'probe-bad' : undefined;
}
