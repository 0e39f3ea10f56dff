import {
  credentialsSentWords,
  handlerStillUnreached,
  headerDiffWords,
  noAnswerCause,
  noAnswerHeading,
  noParametersToEditWords,
  NOT_RE_SIGNED,
  NOT_SENT,
  originalSignatureRefusedWords,
  REPLAY_BUTTONS,
  replaySigningWords,
  replayVerdictWords,
  REPLAYING,
  SAME_ANSWER_AS_ORIGINAL,
  statusDiffLineWords,
  unstoredBodyWords,
  REPLAY_PART_NAMES,
} from '../../../main/contract/words';
import { useId, useRef, useState, type MouseEvent } from 'react';
import { useResultArrival } from '../shared/use-result-arrival';
import type { AnswerDiff, ReplayMode, ReplayOutcome, Violation } from '../../../main/contract/api';
import { selectCall } from '../history/calls-actions';
import { copyCallAsCurl, replayCall } from './replay-actions';
import { exportHar } from './replay-har-actions';
import { oneHarWorkAtATime } from './har-work';
import { useReplayStore } from './replay-store';
import { useMetaStore } from '../page/stores';
import { useCallsStore } from '../history/calls-store';
import { Prose } from '../shared/Prose';
import { formatBytes } from '../shared/format';
import { showToast } from '../page/ui-actions';
import { hasParametersToEdit, ReplayEditor, type OpenedBy } from './ReplayEditor';
import { SigningStyleField } from './SigningStyleField';
import type { StyleName } from '../../../main/contract/names-and-limits';
import { errorNotSaid, SentError, SentFacts, ViolationList } from './SentFacts';
import { TargetField, ownWebhookTargetForCall } from './TargetField';
import { dropDraft, keptDraft } from './replay-drafts';
import { BusyButton } from '../shared/BusyButton';
import { useFocusWhenGone } from '../shared/use-focus-when-gone';
import { PAGE_VOCABULARY } from '../page/page-words';
import { cap } from '../../../main/contract/words/said';

/** Replay a stored call to the developer's handler (as is, re-signed or edited), see the diff; copy it as cURL. */
export function ReplayPanel({ callId }: { callId: number }) {
  const stored = useCallsStore((s) => (s.detail?.id === callId ? s.detail.call : undefined));
  // A body over the limit is refused before it is read: only its size is kept, nothing to send or copy.
  const unstoredSize = stored && stored.requestBodyBase64 === '' && stored.size > 0 ? stored.size : null;
  const requestBody = unstoredSize === null ? stored?.requestBody : undefined;
  const unstoredNote = useId();
  const unsendable = unstoredSize !== null;
  const describedBy = unsendable ? unstoredNote : undefined;
  // A body that is not a JSON object has no parameters: the editor opened on {} and sent that.
  // Flowent's registration check has none to edit either: Flowent only ever sends it with {}.
  const noParametersNote = useId();
  const registrationCheck = stored?.test === true;
  const editable = requestBody !== undefined && !registrationCheck && hasParametersToEdit(requestBody);
  // Open again on a call left with unsent edits (replay-drafts.ts).
  const [editing, setEditing] = useState(() => keptDraft(callId) !== undefined);
  const editToggle = useRef<HTMLButtonElement>(null);
  // Opened by its button, the editor comes into sight, and from the keyboard (a click with no
  // pointer behind it) takes the keyboard too (ReplayEditor's openedBy); opened again with a kept
  // draft when its call is chosen, it leaves the page where it is.
  const [openedBy, setOpenedBy] = useState<OpenedBy | null>(null);
  // Closing the editor is what discards its edits; choosing another call keeps them.
  const toggleEditor = (e: MouseEvent) => {
    if (editing) dropDraft(callId);
    setOpenedBy(editing ? null : { button: editToggle, keyboard: e.detail === 0 });
    setEditing(!editing);
  };
  // Closed with Esc from inside it, the editor takes the focus with it: give it back to its toggle.
  const closeEditor = () => {
    dropDraft(callId);
    setEditing(false);
    editToggle.current?.focus();
  };
  const [target, setTarget] = useState('');
  // For Replay re-signed, the edited replay and Copy as cURL, re-signed (null: the learned style).
  const [style, setStyle] = useState<StyleName | null>(null);
  const [busy, setBusy] = useState(false);
  // `noHandler`: the error is a refusal for want of a handler, which the companion's own webhook can take instead.
  const [failure, setFailure] = useState<{ error: string; noHandler: boolean } | null>(null);
  const error = failure?.error ?? null;
  const setError = (message: string | null, noHandler = false) => setFailure(message === null ? null : { error: message, noHandler });
  // With the target typed when it was sent (empty: the action's own), which the result names.
  const [replayed, setReplayed] = useState<{ outcome: ReplayOutcome; typed: string } | null>(null);
  const webhookBaseUrl = useMetaStore((s) => s.status?.webhookBaseUrl);
  const ownTarget = stored ? ownWebhookTargetForCall(webhookBaseUrl, stored) : null;
  // "Send to this companion instead" goes once the target is the companion: the keyboard lands
  // on the target it filled in.
  const panel = useRef<HTMLElement>(null);
  const sendHere = useFocusWhenGone(() => panel.current?.querySelector<HTMLInputElement>('.replay-target input') ?? null);

  const replay = async (mode: ReplayMode) => {
    setBusy(true);
    setError(null);
    const attempt = await replayCall(callId, mode, target, style);
    setBusy(false);
    if (attempt.ok) setReplayed({ outcome: attempt.outcome, typed: target.trim() });
    else setError(attempt.message, attempt.noHandler);
  };
  const copy = async (resign: boolean) => {
    setError(await copyCallAsCurl(callId, resign, style));
  };
  const harWork = useReplayStore((s) => s.harWork);
  const exportCall = async () => {
    const outcome = await oneHarWorkAtATime('export', () => exportHar({ ids: [callId] }));
    if (outcome?.ok) showToast(outcome.message, 4000);
    else if (outcome) setError(outcome.message);
  };

  return (
    <section aria-label="Replay" className="replay-panel" ref={panel}>
      <h3>Replay</h3>
      <TargetField label="Replay target URL" value={target} onChange={setTarget} call={stored ?? undefined} />
      <SigningStyleField value={style} onChange={setStyle} />
      {unstoredSize !== null && (
        // Above the buttons it explains: a refusal shown after a click fell below the fold.
        <p className="muted" id={unstoredNote} role="note" aria-label={REPLAY_PART_NAMES.nothingToReplay}>
          {unstoredBodyWords(formatBytes(unstoredSize))}
        </p>
      )}
      {requestBody !== undefined && !editable && (
        <p className="muted" id={noParametersNote} role="note" aria-label={REPLAY_PART_NAMES.noParametersToEdit}>
          {noParametersToEditWords(registrationCheck)}
        </p>
      )}
      <div className="button-row">
        <BusyButton busy={busy} disabled={unsendable} aria-describedby={describedBy} onClick={() => void replay('as-is')}>
          {REPLAY_BUTTONS.asIs}
        </BusyButton>
        <BusyButton busy={busy} disabled={unsendable} aria-describedby={describedBy} onClick={() => void replay('resign')}>
          {REPLAY_BUTTONS.resigned}
        </BusyButton>
        {(requestBody !== undefined || unsendable) && (
          <button
            type="button"
            ref={editToggle}
            disabled={unsendable || !editable}
            aria-describedby={unsendable ? unstoredNote : editable ? undefined : noParametersNote}
            aria-expanded={editing && editable}
            onClick={toggleEditor}
          >
            {REPLAY_BUTTONS.edit}
          </button>
        )}
        <button type="button" disabled={unsendable} aria-describedby={describedBy} onClick={() => void copy(false)}>
          {REPLAY_BUTTONS.copyCurl}
        </button>
        <button type="button" disabled={unsendable} aria-describedby={describedBy} onClick={() => void copy(true)}>
          {REPLAY_BUTTONS.copyCurlResigned}
        </button>
        <BusyButton busy={harWork !== null} onClick={() => void exportCall()}>
          {harWork === 'export' ? REPLAY_BUTTONS.exporting : REPLAY_BUTTONS.exportHar}
        </BusyButton>
      </div>
      {editing && editable && requestBody !== undefined && (
        <ReplayEditor
          callId={callId}
          requestBody={requestBody}
          target={target}
          style={style}
          onOutcome={(outcome) => setReplayed({ outcome, typed: target.trim() })}
          onClose={closeEditor}
          openedBy={openedBy}
        />
      )}
      {busy && <p className="muted">{REPLAYING}</p>}
      {error && (
        <div className="form-error" role="alert" aria-label="Replay error">
          <Prose text={error} />
          {ownTarget && target.trim() !== ownTarget && failure?.noHandler && (
            <>
              {' '}
              <button type="button" ref={sendHere} onClick={() => setTarget(ownTarget)}>
                {REPLAY_BUTTONS.sendToCompanion}
              </button>
            </>
          )}
        </div>
      )}
      {replayed && <ReplayResultBox outcome={replayed.outcome} typed={replayed.typed} />}
    </section>
  );
}

function ReplayResultBox({ outcome, typed }: { outcome: ReplayOutcome; typed: string }) {
  const { box, heading } = useResultArrival(outcome);
  return (
    <div role="region" aria-label="Replay result" className={`replay-result replay-${outcome.verdict}`} ref={box}>
      <h4 tabIndex={-1} ref={heading}>
        Replay result
      </h4>
      <SentFacts
        id={outcome.id}
        idLabel="New call"
        openLabel="Open replay"
        onOpen={() => void selectCall(outcome.id)}
        url={outcome.url}
        forwardTarget={outcome.forwardTarget}
        status={outcome.status}
        answeredBy={outcome.answeredBy}
        durationMs={outcome.durationMs}
      >
        <dt>Verdict</dt>
        <dd className={`replay-verdict replay-${outcome.verdict}`} data-testid="replay-verdict">
          {replayVerdictWords(outcome)}
        </dd>
        <dt>Signature</dt>
        <dd>{replaySigningWords(outcome) ?? NOT_RE_SIGNED}</dd>
      </SentFacts>
      <OriginalSignatureNote outcome={outcome} />
      {typed !== '' && outcome.credentialsSent.length > 0 && (
        // Sent as stored, wherever the typed URL points: said as `replay --target` says it, names only.
        <p className="explain-box" role="note" aria-label="Credentials sent">
          <Prose text={cap(credentialsSentWords(typed, outcome.credentialsSent, 'one'))} />
        </p>
      )}
      {outcome.notSent && (
        <p className="problem-box" role="note" aria-label="Not sent">
          <strong>{cap(NOT_SENT)}:</strong> <Prose text={outcome.notSent} />
        </p>
      )}
      <SentError answeredBy={outcome.answeredBy} error={errorNotSaid(outcome)} />
      {/* Nothing answered (refused, timed out, closed): headed as the call's details head it, not as problems with an answer. */}
      <Violations
        title={noAnswerCause(outcome.violations) === null ? 'Replay problems' : noAnswerHeading(outcome.answeredBy)}
        list={outcome.violations}
      />
      <Violations title="Original problems" list={outcome.originalViolations} />
      <DiffView diff={outcome.diff} stillUnreached={handlerStillUnreached(outcome.original, outcome)} />
    </div>
  );
}

/** Why a replay of the original bytes may have been refused where the original was accepted, and how to send it as Flowent would now. */
function OriginalSignatureNote({ outcome }: { outcome: ReplayOutcome }) {
  const words = originalSignatureRefusedWords(outcome, PAGE_VOCABULARY);
  if (words === null) return null;
  return (
    <p className="explain-box" role="note" aria-label="Original signature">
      <Prose text={words} />
    </p>
  );
}

function Violations({ title, list }: { title: string; list: Violation[] }) {
  return (
    <div aria-label={title}>
      <strong>{title}:</strong> {list.length === 0 ? <span>none</span> : <ViolationList list={list} />}
    </div>
  );
}

/**
 * `stillUnreached`: the handler was not reached either time (the original's 502/504 was the
 * companion's, the replay sent straight got no answer): the same outcome, in `replay --diff`'s
 * words, and the headers and body the companion answered in the handler's place are no answer
 * of the handler's to compare.
 */
function DiffView({ diff, stillUnreached }: { diff: AnswerDiff; stillUnreached: boolean }) {
  const status = statusDiffLineWords(diff.status, stillUnreached);
  if (stillUnreached)
    return (
      <div role="region" aria-label="Answer diff" className="answer-diff">
        <p>{status}</p>
      </div>
    );
  return (
    <div role="region" aria-label="Answer diff" className="answer-diff">
      {!diff.changed && <p className="muted">{SAME_ANSWER_AS_ORIGINAL}</p>}
      <p>{status}</p>
      {diff.headers.length > 0 && (
        <ul aria-label="Changed headers">
          {diff.headers.map((h) => (
            <li key={h.name}>
              <code>{h.name}</code>: {headerDiffWords(h.before, h.after)}
            </li>
          ))}
        </ul>
      )}
      <pre className="diff-body" aria-label="Body diff">
        {diff.body.lines.map((line, i) => (
          <span key={i} className={`diff-line diff-${line.kind}`}>
            {line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '- ' : '  '}
            {line.text}
          </span>
        ))}
      </pre>
    </div>
  );
}
