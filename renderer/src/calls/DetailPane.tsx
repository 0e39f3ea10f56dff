import type { CallDetail } from '../../../main/contract/api';
import { ANSWERED_BY_LABEL, formatBytes, formatDateTime, formatDuration } from '../shared/format';
import { useCallsStore } from '../app/stores';
import { AnswerChecks } from './AnswerChecks';
import { BodyView } from './BodyView';
import { CopyButton } from '../shared/CopyButton';
import { HeadersTable } from '../shared/HeadersTable';
import { JsonView } from '../shared/JsonView';
import { ParameterCheckPanel } from './ParameterCheckPanel';
import { RegistrationResult } from '../account/RegistrationResult';
import { ReplayPanel } from '../replay/ReplayPanel';
import { SignaturePanel } from './SignaturePanel';
import { TestTag, VerdictBadge } from './VerdictBadge';

export function DetailPane() {
  const detail = useCallsStore((s) => s.detail);
  if (!detail) {
    return (
      <aside className="detail-pane empty" aria-label="Call details">
        <p className="muted">Select a call to see its request, answer and signature check. (↑/↓ move, / searches)</p>
      </aside>
    );
  }
  if (detail.loading) {
    return (
      <aside className="detail-pane" aria-label="Call details" aria-busy="true">
        <p className="muted">Loading call #{detail.id}…</p>
      </aside>
    );
  }
  if (!detail.call) {
    return (
      <aside className="detail-pane" aria-label="Call details">
        <p className="muted">Call #{detail.id} is no longer stored.</p>
      </aside>
    );
  }
  return (
    <aside className="detail-pane" aria-label="Call details">
      <CallDetailView key={detail.call.id} call={detail.call} />
    </aside>
  );
}

function CallDetailView({ call }: { call: CallDetail }) {
  const signatureFirst = call.verdict !== 'not-flowent';
  return (
    <>
      <h2 className="detail-title">
        <span className="method">{call.method}</span> <code>{call.path}</code> <VerdictBadge verdict={call.verdict} />
        {call.test && <TestTag />}
      </h2>
      {call.test && (
        <div className="explain-box" role="note" aria-label="Registration check">
          This is Flowent&apos;s registration check: Flowent sends it when an action is registered; any 2xx answer passes; it may be
          unsigned.
        </div>
      )}
      {call.test && <RegistrationResult call={call} />}
      {call.problemMessage && (
        <div className="problem-box" role="alert" aria-label="Problem">
          <strong>Problem{call.problem ? ` (${call.problem})` : ''}:</strong> {call.problemMessage}
        </div>
      )}
      <dl className="facts">
        <dt>Received</dt>
        <dd>{formatDateTime(call.receivedAt)}</dd>
        <dt>Took</dt>
        <dd>{formatDuration(call.durationMs)}</dd>
        <dt>Answered by</dt>
        <dd>{ANSWERED_BY_LABEL[call.answeredBy]}</dd>
        <dt>Size</dt>
        <dd>{formatBytes(call.size)}</dd>
        {call.remoteAddress && (
          <>
            <dt>From</dt>
            <dd>{call.remoteAddress}</dd>
          </>
        )}
        {call.originalCallId !== null && (
          <>
            <dt>Replay of</dt>
            <dd>#{call.originalCallId}</dd>
          </>
        )}
      </dl>

      {/* Parameters next to the verdict: a call can be signed right and still miss what the action needs. */}
      <ParameterCheckPanel call={call} />
      {/* The signature is why people open a Flowent call: show it first, unless there was no Flowent call to check. */}
      {signatureFirst && <SignaturePanel report={call.signature} />}

      <section aria-label="Request">
        <h3>Request</h3>
        <HeadersTable headers={call.requestHeaders} label="Request headers" />
        <BodyView text={call.requestBody} base64={call.requestBodyBase64} />
      </section>

      <section aria-label="Answer">
        <h3>
          Answer <span className={`status-${Math.floor(call.response.status / 100)}xx`}>{call.response.status}</span>
        </h3>
        <HeadersTable headers={call.response.headers} label="Answer headers" />
        <div className="copy-row">
          <CopyButton text={call.response.body} what="answer body" />
        </div>
        <JsonView text={call.response.body} label="Answer body" />
        <AnswerChecks call={call} />
      </section>

      {!signatureFirst && <SignaturePanel report={call.signature} />}

      <ReplayPanel callId={call.id} />
    </>
  );
}
